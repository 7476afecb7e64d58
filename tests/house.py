"""House rules written inside tests, loaded without the built-in packs.

Other work adds built-in rules all the time; tests of the engine build their own small rule
sets so a new or half-written built-in rule can never change what they see.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from lintnews.model import Finding
from lintnews.ruleset.packs import RuleSet, builtin_rules_dir, load_rule_file
from lintnews.ruleset.selection import choose
from lintnews.run.config import Settings
from lintnews.run.runner import FileResult, Linter

EXAMPLES = "examples:\n  bad: [x]\n  good: [y]\n"

ZEBRA = """
extends: existence
message: "'%s' found"
tokens: [zebra]
"""


def write_rule(folder: Path, rule_id: str, body: str, with_examples: bool = True) -> Path:
    """Write ``folder/<pack>/<slug>.yml`` and return its path."""
    pack, slug = rule_id.split(".", 1)
    path = folder / pack / f"{slug}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = textwrap.dedent(body).strip("\n") + "\n"
    if with_examples and "examples:" not in text:
        text += EXAMPLES
    if "summary:" not in text:
        text += f"summary: test rule {rule_id}\n"
    if "description:" not in text:
        text += f"description: a rule written by a test ({rule_id}).\n"
    path.write_text(text, encoding="utf-8")
    return path


def ruleset(folder: Path, *rule_ids: str) -> RuleSet:
    """A RuleSet of just these house rules from ``folder`` (built-in lexicons still resolve)."""
    lexicons = [folder / "_lexicon", builtin_rules_dir() / "_lexicon"]
    rules = []
    for rule_id in rule_ids:
        pack, slug = rule_id.split(".", 1)
        rules.append(load_rule_file(folder / pack / f"{slug}.yml", folder, lexicons))
    return RuleSet(rules, "test")


def house(tmp_path: Path, rule_id: str, body: str) -> RuleSet:
    """One house rule in a fresh folder, as a RuleSet."""
    write_rule(tmp_path / "rules", rule_id, body)
    return ruleset(tmp_path / "rules", rule_id)


def run(
    rules: RuleSet,
    text: str | bytes,
    path: str = "draft.md",
    options: dict[str, dict[str, Any]] | None = None,
    settings: Settings | None = None,
    select: list[str] | None = None,
) -> FileResult:
    from lintnews.meta import META_RULES

    chosen = choose(rules.rules, select, options=options or {})
    aliases = tuple(alias for rule in rules.rules for alias in rule.aliases)
    linter = Linter(chosen, settings or Settings(), (*rules.ids, *aliases, *META_RULES))
    data = text.encode("utf-8") if isinstance(text, str) else text
    return linter.lint_bytes(path, data)


def active(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if f.suppressed_by is None]


def positions(findings: list[Finding], rule: str | None = None) -> list[tuple[int, int, int, int]]:
    return [
        (f.line, f.column, f.end_line, f.end_column)
        for f in findings
        if rule is None or f.rule == rule
    ]


@pytest.fixture()
def zebra(tmp_path: Path) -> RuleSet:
    """A rule set of one house rule that flags "zebra": engine tests see nothing else."""
    return house(tmp_path, "house.zebra", ZEBRA)
