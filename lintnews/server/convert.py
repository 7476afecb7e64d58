"""Findings to LSP diagnostics, and LSP positions to offsets in the text.

The engine says where a finding is in 1-based lines and code-point columns; LSP wants
0-based lines and columns in the client's code units (UTF-16 unless both sides agreed on
another). Lines come from the engine's ``SourceText`` (LSP and lintnews both end lines at
``\\n``, ``\\r\\n`` and ``\\r`` only), code units from pygls' ``PositionCodec``: neither
mapping is written again here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.workspace import PositionCodec

from ..meta import META_RULES
from ..model import Severity
from .engine import Finding, Project, SourceText

SOURCE = "lintnews"
DOCS_URL = "https://github.com/lintnews/lintnews/blob/main/docs/rules.md"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def position(source: SourceText, codec: PositionCodec, line: int, column: int) -> types.Position:
    """The LSP position of a 1-based (line, code-point column)."""
    index = min(max(line - 1, 0), source.line_count - 1)
    before = source.line_text(index)[: max(column - 1, 0)]
    return types.Position(line=index, character=codec.client_num_units(before))


def span_range(
    source: SourceText, codec: PositionCodec, where: dict[str, Any] | Finding
) -> types.Range:
    """The range of anything located like a finding (a finding, its fix, a related place)."""
    place = where if isinstance(where, dict) else where.to_json()
    return types.Range(
        start=position(source, codec, place["line"], place["column"]),
        end=position(source, codec, place["end_line"], place["end_column"]),
    )


def offset(source: SourceText, codec: PositionCodec, where: types.Position) -> int:
    """The code-point offset in the text of an LSP position (clamped to the text)."""
    if where.line >= source.line_count:
        return len(source.text)
    line = source.line_text(where.line)
    # The codec converts within one line; give it just that line.
    column = codec.position_from_client_units([line], types.Position(0, where.character))
    return source.line_starts[where.line] + min(column.character, len(line))


def doc_url(project: Project, rule_id: str) -> str | None:
    """Where the rule is documented: the rule reference, or a house rule's own link or file."""
    doc = project.rules.get(rule_id)
    if doc is None:
        return None
    if rule_id in META_RULES:
        return f"{DOCS_URL}#findings-about-the-run"
    if doc.builtin:  # the anchors `lintnews rules --format markdown` writes
        return f"{DOCS_URL}#{rule_id.replace('.', '')}"
    return doc.link or (Path(doc.source).resolve().as_uri() if doc.source else None)


def diagnostic(
    finding: Finding, source: SourceText, codec: PositionCodec, project: Project, uri: str
) -> types.Diagnostic:
    href = doc_url(project, finding.rule)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=span_range(source, codec, place)),
            message=place["message"],
        )
        for place in finding.related
    ]
    return types.Diagnostic(
        range=span_range(source, codec, finding),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=related or None,
    )
