"""``--format vale``: Vale's ``--output=JSON`` shape, so scripts written around Vale keep
working: one object keyed by path, each a list of alerts with Vale's capitalised keys."""

from __future__ import annotations

import json

from ...model import Finding, Severity
from . import Run, Summary
from ._shared import posix_path

VALE_SEVERITY = {Severity.INFO: "suggestion", Severity.WARNING: "warning", Severity.ERROR: "error"}


def alert(finding: Finding, run: Run) -> dict[str, object]:
    info = run.rules.get(finding.rule)
    end = finding.end_column - 1 if finding.end_line == finding.line else finding.column
    return {
        "Action": {
            "Name": "replace" if finding.fix else "",
            "Params": [finding.fix["replacement"]] if finding.fix else None,
        },
        "Span": [finding.column, max(finding.column, end)],
        "Check": finding.rule,
        "Description": "",
        "Link": (info.link if info else None) or "",
        "Message": finding.message,
        "Severity": VALE_SEVERITY[finding.severity],
        "Match": finding.text,
        "Line": finding.line,
    }


class ValeJsonFormatter:
    def __init__(self) -> None:
        self._first = True

    def header(self, run: Run) -> str:
        self._first = True
        return "{"

    def file(self, findings: list[Finding], run: Run) -> str:
        if not findings:
            return ""
        path = posix_path(findings[0].path)
        body = json.dumps([alert(f, run) for f in findings], ensure_ascii=False, indent=2)
        text = ("\n  " if self._first else ",\n  ") + json.dumps(path, ensure_ascii=False) + ": "
        self._first = False
        return text + body.replace("\n", "\n  ")

    def footer(self, summary: Summary, run: Run) -> str:
        return "}\n" if self._first else "\n}\n"


FORMATTER = ValeJsonFormatter()
