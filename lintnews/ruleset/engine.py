"""Run the selected rules on one Document and turn their matches into findings.

No I/O happens here: a Document goes in, findings come out. Positions are turned into lines
and columns only through ``SourceText.locate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext

from ..document import Document
from ..extensions.base import Context, Rule
from ..meta import META_RULES
from ..model import Finding, Match, Severity, format_message
from ..source import Span
from .patterns import (
    DEFAULT_TIMEOUT,
    CheckTimeout,
    PatternTimeout,
    check_seconds,
    check_time_limit,
)

CONTEXT_LIMIT = 300


def run_rules(
    doc: Document, rules: Sequence[Rule], timeout: float = DEFAULT_TIMEOUT
) -> list[Finding]:
    ctx = Context(doc, timeout)
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    # Python checks also get CPU time in proportion to the file, for loops no regex timeout
    # can stop; declarative rules run only patterns, which their budget already bounds.
    cpu = check_seconds(len(doc.text), timeout)
    for rule in rules:
        ctx.new_budget()
        try:
            with check_time_limit(cpu) if rule.extension == "python" else nullcontext():
                matches = list(rule.check(doc, ctx))
        except CheckTimeout:
            findings.append(
                meta_finding(
                    doc.path,
                    "rule.timeout",
                    f"rule {rule.id} used more than {cpu:g}s of CPU time on this file and was "
                    f"skipped; its check ({getattr(rule, 'check_name', '') or rule.source}) "
                    "does not finish on this input",
                )
            )
            continue
        except PatternTimeout:
            findings.append(
                meta_finding(
                    doc.path,
                    "rule.timeout",
                    f"rule {rule.id} took longer than {timeout:g}s on this file and was skipped; "
                    f"simplify its patterns ({rule.source or 'built-in'}) or raise regex-timeout",
                )
            )
            continue
        except Exception as exc:  # a bug in one check must not cost the other rules
            findings.append(
                meta_finding(
                    doc.path,
                    "rule.crash",
                    f"rule {rule.id} failed on this file ({type(exc).__name__}: {exc}) and was skipped",
                )
            )
            continue
        for match in matches:
            key = (rule.id, match.span.start, match.span.end)
            if key in seen:
                continue
            seen.add(key)
            findings.append(to_finding(doc, rule, match))
    findings.sort(key=Finding.sort_key)
    return findings


def to_finding(doc: Document, rule: Rule, match: Match) -> Finding:
    span = doc.whole_markup(match.span)  # never half a ``**`` pair in the reported span
    line, column = doc.source.locate(span.start)
    end_line, end_column = doc.source.locate_end(span.end)
    fix = None
    if match.fix is not None:
        fix = {"replacement": match.fix.replacement, **_where(doc, match.fix.span)}
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.id,
        severity=match.severity or rule.severity,
        message=match.message or format_message(rule.message, match.args),
        fix=fix,
        fix_span=(match.fix.span.start, match.fix.span.end) if match.fix is not None else None,
        # the matched text, not the widened span: baseline keys stay what they were
        text=collapsed(doc.text, match.span.start, match.span.end),
        context=_context(doc, match.span),
        start=span.start,
        end=span.end,
        related=[{**_where(doc, r.span), "message": r.message} for r in match.related],
    )


def _where(doc: Document, span: Span) -> dict[str, int]:
    line, column = doc.source.locate(span.start)
    end_line, end_column = doc.source.locate_end(span.end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def _context(doc: Document, span: Span) -> str:
    sentence = doc.sentence_at(span.start)
    where = sentence.span if sentence else span
    return collapsed(doc.text, where.start, where.end)


def collapsed(text: str, start: int, end: int, limit: int = CONTEXT_LIMIT) -> str:
    """``" ".join(text[start:end].split())[:limit]`` without copying all of a long span:
    one finding in a 1 MB sentence cost a 1 MB copy, so many findings were quadratic."""
    size = 2 * limit + 16
    while True:
        stop = min(end, start + size)
        out = " ".join(text[start:stop].split())
        if stop >= end or len(out) >= limit:  # a prefix of the whole span's collapsed text
            return out[:limit]
        size *= 4


def meta_finding(
    path: str,
    rule_id: str,
    message: str,
    line: int = 1,
    column: int = 1,
    severity: Severity | None = None,
) -> Finding:
    meta = META_RULES[rule_id]
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=line,
        end_column=column,
        rule=rule_id,
        severity=severity or meta.severity,
        message=message,
        text="",
        context=message,
    )
