"""``--format gitlab``: a GitLab Code Quality report (a JSON array of Code Climate issues).

Each issue has ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location.path`` with ``location.lines.begin``. GitLab compares the merge request's report
with the target branch's by fingerprint, so the fingerprint ignores line numbers (rule,
flagged text, sentence, occurrence index) but includes the path, which must make it unique
within the report.
"""

from __future__ import annotations

from typing import Any

from ...model import Finding
from . import Run, Summary
from ._shared import JsonArray, fingerprints, posix_path

# Code Climate severities are info, minor, major, critical, blocker.
SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{finding.rule}: {finding.message}",
        "check_name": finding.rule,
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity.value],
        "location": {
            "path": posix_path(finding.path),
            "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
        },
    }


class GitlabFormatter:
    def __init__(self) -> None:
        self._array = JsonArray()

    def header(self, run: Run) -> str:
        return self._array.open()

    def file(self, findings: list[Finding], run: Run) -> str:
        active = [f for f in findings if f.suppressed_by is None]
        if not active:
            return ""
        salt = posix_path(active[0].path)
        return self._array.items(
            [issue(f, print_) for f, print_ in zip(active, fingerprints(active, salt=salt))]
        )

    def footer(self, summary: Summary, run: Run) -> str:
        return self._array.close()


FORMATTER = GitlabFormatter()
