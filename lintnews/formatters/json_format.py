"""``--format json``: one JSON array of findings on stdout, sorted by path, line, column.

The keys are the contract in ``spec/evaluation.md``; ``end_column`` is exclusive (SARIF's
convention). Suppressed findings appear only with ``--show-suppressed``, with a
``suppressed_by`` key.
"""

from __future__ import annotations

import json

from ..model import Finding
from . import Run, Summary


class JsonFormatter:
    def __init__(self) -> None:
        self._first = True

    def header(self, run: Run) -> str:
        self._first = True
        return "["

    def file(self, findings: list[Finding], run: Run) -> str:
        parts = []
        for finding in findings:
            data = finding.to_json()
            if finding.suppressed_by is not None:
                data["suppressed_by"] = finding.suppressed_by
            parts.append(("\n  " if self._first else ",\n  ") + json.dumps(data, ensure_ascii=False))
            self._first = False
        return "".join(parts)

    def footer(self, summary: Summary, run: Run) -> str:
        return "]\n" if self._first else "\n]\n"


FORMATTER = JsonFormatter()
