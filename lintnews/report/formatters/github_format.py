"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=drafts/a.md,line=3,col=13,endLine=3,endColumn=21,title=dates.vague-time::message

Escaping follows GitHub's actions/toolkit (``command.ts``): the message escapes ``%``, CR
and LF; property values additionally escape ``:`` and ``,``. ``col``/``endColumn`` are only
sent when the finding starts and ends on one line: GitHub ignores (and the toolkit forbids)
columns on multi-line annotations. ``endColumn`` is exclusive, as in the JSON and SARIF.
Before that, every value goes through ``escape.terminal``: the log shows escape sequences
from a draft or a file name visibly instead of obeying them.
"""

from __future__ import annotations

from ...escape import terminal
from ...model import Finding
from . import Run, Summary
from ._shared import posix_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    # GitHub's own escapes first (a line end stays a line end in the annotation), then
    # every other control character visibly.
    return terminal(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    props: list[tuple[str, str]] = [("file", posix_path(finding.path)), ("line", str(finding.line))]
    if finding.end_line == finding.line:
        props += [
            ("col", str(finding.column)),
            ("endLine", str(finding.end_line)),
            ("endColumn", str(finding.end_column)),
        ]
    else:
        props.append(("endLine", str(finding.end_line)))
    props.append(("title", finding.rule))
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in props)
    return f"::{COMMANDS[finding.severity.value]} {joined}::{escape_data(finding.message)}\n"


class GithubFormatter:
    def header(self, run: Run) -> str:
        return ""

    def file(self, findings: list[Finding], run: Run) -> str:
        # An annotation for a finding someone deliberately silenced would only be noise.
        return "".join(command(f) for f in findings if f.suppressed_by is None)

    def footer(self, summary: Summary, run: Run) -> str:
        if run.quiet:
            return ""
        # A plain log line (not a command): the annotation list is capped by GitHub per step.
        files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
        notes = [
            f"{summary.total} finding{'s' if summary.total != 1 else ''} in {summary.files_with_findings} of {files}"
        ]
        notes += summary.not_reported()
        return "lintnews: " + "; ".join(notes) + "\n"


FORMATTER = GithubFormatter()
