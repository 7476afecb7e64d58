"""``--format text``: ``path:line:col: rule.id [severity] message``, a code frame, a summary."""

from __future__ import annotations

from ..model import Finding
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
            location = _paint(f"{finding.path}:{finding.line}:{finding.column}:", "path", run)
            level = _paint(f"[{finding.severity.value}]", finding.severity.value, run)
            rule = _paint(finding.rule, "bold", run)
            note = f" (suppressed: {finding.suppressed_by})" if finding.suppressed_by else ""
            fixable = "[*] " if finding.fix is not None and not finding.suppressed_by else ""
            out.append(f"{location} {rule} {level} {fixable}{finding.message}{note}\n")
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
        files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
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
            lines.append(_paint(f"skipped {display}: {reason}", "dim", run))
        return "\n" + "\n".join(lines) + "\n"


def _frame(finding: Finding, run: Run) -> str:
    line_text = finding.source_line
    if line_text is None and run.source_lines is not None:
        line_text = run.source_lines(finding.path, finding.line)
    if line_text is None:
        return ""
    line_text = line_text.replace("\t", " ")
    number = str(finding.line)
    gutter = " " * len(number)
    start = max(finding.column - 1, 0)
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line_text)
    width = max(1, min(end, len(line_text)) - start)
    if len(line_text) > 160:  # long paragraphs on one line: show a window around the match
        left = max(0, start - 60)
        line_text = ("…" if left else "") + line_text[left : left + 150] + "…"
        start = start - left + (1 if left else 0)
        width = min(width, 150 - (start - 1))
    marker = " " * start + _paint("^" * width, finding.severity.value, run)
    return f"  {number} | {line_text}\n  {gutter} | {marker}\n"


FORMATTER = TextFormatter()
