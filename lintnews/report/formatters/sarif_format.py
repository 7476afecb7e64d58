"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run whose ``tool.driver.rules`` describes every loaded rule; results stream file by file
into the run's ``results`` array (the document is closed by the footer). Columns are Unicode
code points and ``endColumn`` is exclusive, as lintnews counts them.

``partialFingerprints["lintnews/v1"]`` hashes the rule, the flagged text, its sentence and
the occurrence index among identical findings in the file, not the line number, so an
alert keeps its identity when lines are inserted above it.
"""

from __future__ import annotations

from typing import Any

from ...escape import json_dumps, uri_path
from ...model import Finding
from . import RuleInfo, Run, Summary
from ._shared import fingerprints, posix_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/lintnews/lintnews"
FINGERPRINT = "lintnews/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(display: str) -> str:
    """A relative URI reference with forward slashes (absolute paths become file: URIs); the
    name's bytes are percent-encoded, so a name that is not UTF-8 keeps its bytes."""
    path = posix_path(display)
    if path.startswith("/"):
        return "file://" + uri_path(path)
    return uri_path(path)


def _text(value: str, fallback: str) -> dict[str, str]:
    return {"text": value.strip() or fallback}


def rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    help_text = info.description.strip() or info.summary
    help_text += f"\n\nRun `lintnews rule {info.id}` for examples."
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": info.id,
        "shortDescription": _text(info.summary, info.id),
        "fullDescription": _text(info.description, info.summary or info.id),
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "warning")},
        "properties": {"tags": [info.id.split(".", 1)[0]]},
    }
    if info.link:
        descriptor["helpUri"] = info.link
    return descriptor


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    # SARIF needs positive numbers and a region that does not end before it starts.
    line, column = max(line, 1), max(column, 1)
    end_line = max(end_line, line)
    end_column = max(end_column, column) if end_line == line else max(end_column, 1)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


class SarifFormatter:
    def __init__(self) -> None:
        self._first = True
        self._index: dict[str, int] = {}

    def header(self, run: Run) -> str:
        self._first = True
        infos = sorted(run.rules.values(), key=lambda info: info.id)
        self._index = {info.id: number for number, info in enumerate(infos)}
        driver = {
            "name": "lintnews",
            "version": run.version,
            "semanticVersion": run.version,
            "informationUri": INFORMATION_URI,
            "rules": [rule_descriptor(info) for info in infos],
        }
        head = json_dumps(
            {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"},
            indent=2,
        )
        head = _indent(head[: head.rindex("}")].rstrip(), 4)  # leave the run object open
        return (
            '{\n  "$schema": "'
            + SCHEMA
            + '",\n  "version": "2.1.0",\n  "runs": [\n'
            + head
            + ',\n      "results": ['
        )

    def result(self, finding: Finding, fingerprint: str) -> dict[str, Any]:
        uri = artifact_uri(finding.path)
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": _region(
                    finding.line, finding.column, finding.end_line, finding.end_column
                ),
            }
        }
        data: dict[str, Any] = {"ruleId": finding.rule}
        if finding.rule in self._index:
            data["ruleIndex"] = self._index[finding.rule]
        data.update(
            level=LEVELS[finding.severity.value],
            message={"text": finding.message},
            locations=[location],
            partialFingerprints={FINGERPRINT: fingerprint},
        )
        if finding.suppressed_by is not None:
            data["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed_by}]
        if finding.fix is not None:
            fix = finding.fix
            data["fixes"] = [
                {
                    "description": {"text": f'Replace with "{fix["replacement"]}"'},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [
                                {
                                    "deletedRegion": _region(
                                        fix["line"],
                                        fix["column"],
                                        fix["end_line"],
                                        fix["end_column"],
                                    ),
                                    "insertedContent": {"text": fix["replacement"]},
                                }
                            ],
                        }
                    ],
                }
            ]
        return data

    def file(self, findings: list[Finding], run: Run) -> str:
        parts = []
        for finding, fingerprint in zip(findings, fingerprints(findings)):
            body = _indent(json_dumps(self.result(finding, fingerprint), indent=2), 8)
            parts.append(("\n" if self._first else ",\n") + body)
            self._first = False
        return "".join(parts)

    def footer(self, summary: Summary, run: Run) -> str:
        notifications = [
            {
                "level": "note",
                "message": {"text": f"skipped {display}: {reason}"},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(display)}}}
                ],
            }
            for display, reason in summary.skipped
        ]
        invocation: dict[str, Any] = {"executionSuccessful": True}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        tail = {
            "invocations": [invocation],
            "properties": {
                "files": summary.files,
                "hiddenByBaseline": summary.baselined,
                "outsideDiff": summary.outside_diff,
                "suppressed": summary.suppressed,
            },
        }
        body = json_dumps(tail, indent=2)
        body = _indent(body[1 : body.rindex("}")].strip("\n"), 4)  # the keys, without braces
        closing = "]" if self._first else "\n      ]"
        return closing + ",\n" + body + "\n    }\n  ]\n}\n"


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.splitlines())


FORMATTER = SarifFormatter()
