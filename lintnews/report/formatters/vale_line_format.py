"""``--format vale-line``: Vale's ``--output=line``: ``path:line:col:Style.Rule:message``."""

from __future__ import annotations

from ...model import Finding
from . import Run, Summary
from ._shared import posix_path


class ValeLineFormatter:
    def header(self, run: Run) -> str:
        return ""

    def file(self, findings: list[Finding], run: Run) -> str:
        return "".join(
            f"{posix_path(f.path)}:{f.line}:{f.column}:{f.rule}:{' '.join(f.message.split())}\n"
            for f in findings
        )

    def footer(self, summary: Summary, run: Run) -> str:
        return ""


FORMATTER = ValeLineFormatter()
