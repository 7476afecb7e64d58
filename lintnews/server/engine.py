"""The server's one door into lintnews: settings, rules and linting, as ``lintnews check``
does them.

Everything the server needs from the engine goes through this module, so when the public
Python API (``lintnews.api``) lands only this file changes. A folder's project is built
the way ``lintnews check`` builds it when run from that folder: the config is discovered
from the folder upward, then the rules are loaded and selected with the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import CONFIG_NAMES, ConfigError, discover, load
from ..docs import strip_marks
from ..fix import MAX_PASSES, apply_edits
from ..meta import META_RULES
from ..model import Finding
from ..packs import RuleFileError, load_rules
from ..parse.frontmatter import split_front_matter
from ..runner import Linter
from ..selection import matches
from ..source import SourceText

__all__ = [
    "CONFIG_NAMES",
    "Finding",
    "Project",
    "ProjectError",
    "RuleDoc",
    "SourceText",
    "front_matter_end",
    "open_project",
]


class ProjectError(Exception):
    """The config or a house rule file is broken; ``path`` and ``line`` say where."""

    def __init__(self, message: str, path: Path | None, line: int | None) -> None:
        super().__init__(message)
        self.path, self.line = path, line


@dataclass(frozen=True)
class RuleDoc:
    """What a hover shows and a diagnostic links to."""

    id: str
    summary: str
    description: str
    good_example: str | None
    link: str | None  # the standard the rule enforces (FTC guidance, a style guide)
    builtin: bool
    source: str  # a house rule's file


@dataclass
class Project:
    """The settings and rules in force for the drafts of one folder."""

    linter: Linter
    config: Path | None
    rules: dict[str, RuleDoc]

    def lint(self, display: str, text: str) -> list[Finding]:
        """Active findings for ``text``, exactly as ``lintnews check`` reports them."""
        return self.linter.lint_text(display, text).active

    def fix_all(self, display: str, text: str) -> str:
        """The text after every safe fix, with the passes ``lintnews check --fix`` makes."""
        for _ in range(MAX_PASSES):
            fixed, applied = apply_edits(text, self.lint(display, text))
            if not applied or fixed == text:
                break
            text = fixed
        return text

    def extensions(self) -> tuple[str, ...]:
        return tuple(self.linter.settings.extensions)

    def unsuppressible(self, rule_id: str) -> bool:
        return any(matches(pattern, rule_id) for pattern in self.linter.settings.unsuppressible)


def open_project(folder: Path) -> Project:
    """The project ``lintnews check`` would use when run in ``folder``."""
    from ..cli import _linter  # the one place rules are validated against the config and chosen

    try:
        config = discover(folder)
        settings = load(config)
        if config is None:
            settings.root = folder.resolve()  # relative per-file-ignores globs resolve here
        ruleset = load_rules(settings.rules)
        linter = _linter(settings, ruleset)
    except ConfigError as exc:
        raise ProjectError(str(exc), exc.path, exc.line) from None
    except RuleFileError as exc:
        raise ProjectError(str(exc), Path(exc.path), exc.line) from None
    docs = {rule.id: _rule_doc(rule) for rule in ruleset.rules}
    for meta in META_RULES.values():
        docs[meta.id] = RuleDoc(meta.id, meta.summary, meta.description, None, None, True, "")
    return Project(linter, config, docs)


def _rule_doc(rule: object) -> RuleDoc:
    from ..extensions.base import Rule

    assert isinstance(rule, Rule)
    good = next((e for e in rule.examples if e.verdict == "good"), None)
    return RuleDoc(
        rule.id,
        rule.summary,
        rule.description.strip(),
        strip_marks(good.text).rstrip() if good else None,
        rule.link,
        rule.builtin,
        rule.source,
    )


def front_matter_end(text: str) -> int:
    """Offset where the body starts (0 without front matter): no comment can go above it."""
    matter = split_front_matter(SourceText(text))
    return matter.span.end if matter is not None else 0
