"""The values that flow from rules to formatters: severities, matches, edits and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .source import Span


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Accept our names and Vale's ("suggestion" is our "info")."""
        value = value.strip().lower()
        if value == "suggestion":
            return cls.INFO
        return cls(value)


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``span`` of the original text with ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding points at (the disclosure that must move above a link)."""

    span: Span
    message: str


@dataclass(slots=True)
class Match:
    """What a rule reports: a span of the file, and optionally its own message or a fix."""

    span: Span
    args: tuple[str, ...] = ()
    message: str | None = None
    fix: Edit | None = None
    severity: Severity | None = None
    related: tuple[Related, ...] = ()


@dataclass(slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    fix: dict[str, Any] | None = None
    #: The flagged text and its sentence, for baselines that survive moved lines.
    text: str = ""
    context: str = ""
    #: When set, an inline comment silenced this finding (and says which one).
    suppressed_by: str | None = None
    #: Offsets into the file, for fixes and changed-line filtering; not part of the JSON.
    start: int = field(default=0, repr=False)
    end: int = field(default=0, repr=False)
    #: The text of ``line``, for code frames (carried, so nothing reads the file again).
    source_line: str | None = field(default=None, repr=False, compare=False)
    #: Other places the finding points at, located like ``fix`` (plus a ``message``); for
    #: editors (LSP related information), not part of the JSON.
    related: list[dict[str, Any]] = field(default_factory=list, repr=False)
    #: Offsets of the fix's span in the text the finding was made from, so --fix applies
    #: it without converting line and column back (``fix`` keeps those for the JSON).
    fix_span: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``spec/evaluation.md`` (keys may be added, never changed)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
        }


def format_message(template: str, args: tuple[str, ...]) -> str:
    """Fill Vale-style ``%s`` placeholders in order; missing arguments become empty."""
    if "%s" not in template:
        return template
    pieces = template.split("%s")
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        out.append(args[index] if index < len(args) else "")
        out.append(piece)
    message = "".join(out)
    # A message opening with an argument still opens with a capital ("An Impact link comes…").
    return message[:1].upper() + message[1:] if template.startswith("%s") else message
