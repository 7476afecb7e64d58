"""Output formats. Each is a pure function of findings: no I/O, no global state.

A formatter has three parts so that output can stream file by file and memory does not grow
with the number of files: ``header(run)``, ``file(findings, run)`` and ``footer(summary, run)``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from ...model import Finding

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "vale", "vale-line")


@dataclass
class RuleInfo:
    """What formatters may say about a rule (SARIF and JUnit describe the rules they report)."""

    id: str
    severity: str
    summary: str
    description: str
    link: str | None = None
    fixable: bool = False


@dataclass
class Run:
    """Facts about the run that a formatter may show."""

    rules: dict[str, RuleInfo] = field(default_factory=dict)
    color: bool = False
    quiet: bool = False
    show_source: bool = True
    show_suppressed: bool = False
    version: str = ""
    #: For findings that carry no ``source_line``: ``(path, line) -> text or None``.
    source_lines: Any = None


@dataclass
class Summary:
    files: int = 0
    files_with_findings: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    suppressed: int = 0
    baselined: int = 0
    outside_diff: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    fixed: int = 0
    #: Reported findings that carry a safe fix (``--fix`` would apply them).
    fixable: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())

    def not_reported(self) -> list[str]:
        """Notes on findings the run found but did not report (or fixed), for a footer."""
        notes = [
            (self.suppressed, "suppressed by inline comments"),
            (self.baselined, "hidden by the baseline"),
            (self.outside_diff, "on lines not changed since the diff base"),
            (self.fixed, "fixed"),
        ]
        return [f"{count} {what}" for count, what in notes if count]

    def add(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.by_severity[finding.severity.value] += 1
            self.by_rule[finding.rule] += 1
            self.fixable += finding.fix is not None
        if findings:
            self.files_with_findings += 1


class Formatter(Protocol):
    def header(self, run: Run) -> str: ...
    def file(self, findings: list[Finding], run: Run) -> str: ...
    def footer(self, summary: Summary, run: Run) -> str: ...


def get(name: str) -> Formatter:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}")
    module = importlib.import_module(f"lintnews.report.formatters.{name.replace('-', '_')}_format")
    return module.FORMATTER  # type: ignore[no-any-return]
