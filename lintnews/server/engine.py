"""The server's one door into lintnews: settings, rules and linting, as ``lintnews check``
does them.

Everything the server needs from lintnews goes through this module. A folder's project is
the public API's ``Linter`` built as ``lintnews check`` builds it when run in that folder
(the config discovered from the folder upward; the rules loaded, validated and chosen by the
same code). Drafts are linted by that linter's engine, whose findings still carry what an
editor needs and the JSON contract leaves out: offsets and related places.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..api import Config, Linter
from ..docs import strip_marks
from ..files.fix import fix_passes
from ..meta import META_RULES
from ..model import Finding
from ..parse.frontmatter import split_front_matter
from ..problems import Problems, flatten
from ..ruleset.rulefile import RuleFileError
from ..ruleset.selection import matches
from ..run.config import CONFIG_NAMES, ConfigError
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


@dataclass(frozen=True)
class Problem:
    """One config or rule-file problem: the message names the file, line and key."""

    message: str
    path: Path | None
    line: int | None


class ProjectError(Exception):
    """The config or a house rule file is broken (every problem found, each with its place)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


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
        return sorted(self.linter.engine.lint_text(display, text).active, key=Finding.sort_key)

    def fix_all(self, display: str, text: str) -> str:
        """The text after every safe fix, with the passes ``lintnews check --fix`` makes."""
        fixed, _ = fix_passes(text, self.lint(display, text), lambda new: self.lint(display, new))
        return fixed

    def extensions(self) -> tuple[str, ...]:
        return tuple(self.linter.settings.extensions)

    def unsuppressible(self, rule_id: str) -> bool:
        return any(matches(pattern, rule_id) for pattern in self.linter.settings.unsuppressible)


def open_project(folder: Path) -> Project:
    """The project ``lintnews check`` would use when run in ``folder``."""
    try:
        linter = Linter(Config(start=folder))
    except (Problems, ConfigError, RuleFileError) as exc:
        raise ProjectError([_problem(each) for each in flatten(exc)]) from None
    if linter.settings.path is None:
        linter.settings.root = folder.resolve()  # relative per-file-ignores globs resolve here
    docs = {rule.id: _rule_doc(rule) for rule in linter.ruleset.rules}
    for meta in META_RULES.values():
        docs[meta.id] = RuleDoc(meta.id, meta.summary, meta.description, None, None, True, "")
    return Project(linter, linter.settings.path, docs)


def _problem(error: Exception) -> Problem:
    path = getattr(error, "path", None)
    return Problem(str(error), Path(path) if path else None, getattr(error, "line", None))


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
