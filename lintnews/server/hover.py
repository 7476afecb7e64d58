"""Hover on a finding: the rule's summary, why it matters, and a passage it does not flag."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import PositionCodec

from .actions import Snapshot
from .convert import doc_url, offset, span_range
from .engine import Finding


def hover(
    snap: Snapshot, codec: PositionCodec, where: types.Position, markdown: bool
) -> types.Hover | None:
    at = offset(snap.source, codec, where)
    line = where.line + 1
    found = [f for f in snap.findings if _under(f, at, line)]
    if not found:
        return None
    parts: list[str] = []
    seen: set[str] = set()
    for finding in found:
        if finding.rule in seen:
            continue
        seen.add(finding.rule)
        parts.append(_explain(snap, finding.rule, markdown))
    first = found[0]
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
            value=("\n\n---\n\n" if markdown else "\n\n").join(parts),
        ),
        range=span_range(snap.source, codec, first),
    )


def _under(finding: Finding, at: int, line: int) -> bool:
    if finding.end > finding.start:
        return finding.start <= at <= finding.end
    return finding.line == line  # zero-width: a finding about the file, or a missing thing


def _explain(snap: Snapshot, rule_id: str, markdown: bool) -> str:
    doc = snap.project.rules.get(rule_id)
    if doc is None:
        return rule_id
    url = doc_url(snap.project, rule_id)
    if not markdown:
        out = [f"{doc.id}: {doc.summary}", "", doc.description]
        if doc.good_example:
            out += ["", "Not flagged:", doc.good_example]
        if url:
            out += ["", url]
        return "\n".join(out)
    out = [f"**{doc.id}**: {doc.summary}", "", doc.description]
    if doc.good_example:
        fence = "```"
        while fence in doc.good_example:
            fence += "`"
        out += ["", "Not flagged:", "", f"{fence}markdown", doc.good_example, fence]
    if url:
        out += ["", f"[Rule reference]({url})"]
    return "\n".join(out)
