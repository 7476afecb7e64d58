"""``--format json``: one JSON array of findings on stdout, sorted by path, line, column.

The keys are the contract in ``spec/evaluation.md``; ``end_column`` is exclusive (SARIF's
convention). Suppressed findings appear only with ``--show-suppressed``, with a
``suppressed_by`` key.
"""

from __future__ import annotations

from ...model import Finding
from . import Run, Summary
from ._shared import JsonArray


class JsonFormatter:
    def __init__(self) -> None:
        self._array = JsonArray()

    def header(self, run: Run) -> str:
        return self._array.open()

    def file(self, findings: list[Finding], run: Run) -> str:
        values = []
        for finding in findings:
            data = finding.to_json()
            if finding.suppressed_by is not None:
                data["suppressed_by"] = finding.suppressed_by
            values.append(data)
        return self._array.items(values)

    def footer(self, summary: Summary, run: Run) -> str:
        return self._array.close()


FORMATTER = JsonFormatter()
