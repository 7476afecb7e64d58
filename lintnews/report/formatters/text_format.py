"""``--format text``: ``path:line:col: rule.id [severity] message``, a code frame, a summary.

Everything taken from a draft or a file name goes through ``escape.terminal`` before colour
is added, so the only escape sequences in the output are lintnews' own.
"""

from __future__ import annotations

from ...escape import terminal
from ...grammar import count
from ...model import Finding
from . import Run, Summary

_COLORS = {
    "error": "31",
    "warning": "33",
    "info": "36",
    "bold": "1",
    "dim": "2",
    "path": "1",
    "green": "32",
}


def _paint(text: str, style: str, run: Run) -> str:
    return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if run.color else text


class TextFormatter:
    def header(self, run: Run) -> str:
        return ""

    def file(self, findings: list[Finding], run: Run) -> str:
        out: list[str] = []
        for finding in findings:
            where = f"{terminal(finding.path)}:{finding.line}:{finding.column}:"
            location = _paint(where, "path", run)
            level = _paint(f"[{finding.severity.value}]", finding.severity.value, run)
            rule = _paint(terminal(finding.rule), "bold", run)
            note = (
                f" (suppressed: {terminal(finding.suppressed_by)})" if finding.suppressed_by else ""
            )
            fixable = "[*] " if finding.fix is not None and not finding.suppressed_by else ""
            out.append(f"{location} {rule} {level} {fixable}{terminal(finding.message)}{note}\n")
            if run.quiet or not run.show_source:
                continue
            frame = _frame(finding, run)
            if frame:
                out.append(frame)
        return "".join(out)

    def footer(self, summary: Summary, run: Run) -> str:
        if run.quiet:
            return ""
        lines = []
        if summary.by_rule and getattr(run, "statistics", False):
            lines.append("")
        files = count(summary.files, "file")
        if summary.total:
            parts = [
                f"{summary.by_severity[level]} {name if summary.by_severity[level] == 1 else plural}"
                for level, name, plural in (
                    ("error", "error", "errors"),
                    ("warning", "warning", "warnings"),
                    ("info", "info", "info"),
                )
                if summary.by_severity[level]
            ]
            plural = "s" if summary.total != 1 else ""
            head = f"Found {summary.total} finding{plural} ({', '.join(parts)}) in {summary.files_with_findings} of {files}"
            lines.append(_paint(head, "bold", run))
        else:
            lines.append(_paint(f"No findings in {files}.", "green", run))
        extra = summary.not_reported()
        if extra:
            lines.append("; ".join(extra) + ".")
        if summary.fixable:
            lines.append(f"[*] {summary.fixable} fixable with --fix (--diff shows the changes).")
        for display, reason in summary.skipped:
            lines.append(_paint(f"skipped {terminal(display)}: {terminal(reason)}", "dim", run))
        return "\n" + "\n".join(lines) + "\n"


WINDOW = 150  # characters of a long line shown around the match


def _frame(finding: Finding, run: Run) -> str:
    """The flagged lines with carets under the span: every line of a multi-line span is
    underlined, and carets are placed by display width (wide CJK and emoji take two cells)."""
    carried = finding.source_line
    if carried is None and run.source_lines is not None:
        carried = run.source_lines(finding.path, finding.line)
    if carried is None:
        return ""
    # Carried text holds the span's lines joined by "\n" (one string for the first line in
    # results from before multi-line frames; those underline to the end of that line).
    texts = carried.split("\n")[: finding.end_line - finding.line + 1]
    gutter = len(str(finding.line + len(texts) - 1))
    out = []
    for index, text in enumerate(texts):
        text = text.replace("\t", " ")
        first, last = index == 0, finding.line + index == finding.end_line
        start = finding.column - 1 if first else len(text) - len(text.lstrip())
        end = finding.end_column - 1 if last else len(text)
        number = str(finding.line + index)
        shown, marker = _underline(text, max(start, 0), max(min(end, len(text)), 0))
        out.append(f"  {number:>{gutter}} | {shown}\n")
        out.append(f"  {'':>{gutter}} | {_paint(marker, finding.severity.value, run)}\n")
    if finding.end_line - finding.line + 1 > len(texts):  # longer than the carried lines
        out.append(f"  {'':>{gutter}} | …\n")
    return "".join(out)


def _underline(text: str, start: int, end: int) -> tuple[str, str]:
    """The line as shown (a window around the span when it is long) and its caret line."""
    from rich.cells import cell_len

    if len(text) > WINDOW + 10:  # long paragraphs on one line: show a window around the match
        left = max(0, start - 60)
        right = left + WINDOW
        text = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
        shift = (1 if left else 0) - left
        start, end = start + shift, min(end + shift, len(text) - (1 if right < len(text) else 0))
    # Escaped, a control character takes several cells: measure after escaping.
    before, flagged, after = terminal(text[:start]), terminal(text[start:end]), terminal(text[end:])
    carets = max(1, cell_len(flagged))
    return before + flagged + after, " " * cell_len(before) + "^" * carets


FORMATTER = TextFormatter()
