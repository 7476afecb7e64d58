"""Code actions: a finding's own fix, every safe fix in the file, and a suppression comment.

Pure functions of one linted snapshot (``Snapshot``); the server decides when to call them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.workspace import PositionCodec

from .convert import diagnostic, offset, span_range
from .engine import Finding, Project, SourceText, front_matter_end

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.lintnews"
FIX_ALL_TITLE = "Fix all safe fixes in this file"


@dataclass
class Snapshot:
    """One version of an open draft and what the engine found in it."""

    uri: str
    version: int | None
    display: str  # the path `lintnews check` would print, relative to the workspace folder
    text: str
    source: SourceText
    findings: list[Finding]
    project: Project

    @property
    def format(self) -> str:
        """ "mdx", "markdown" or "text": decides how a suppression comment is written."""
        from ..parse import format_for

        if self.display.lower().endswith(".mdx"):
            return "mdx"
        return format_for(self.display)


def code_actions(
    snap: Snapshot,
    codec: PositionCodec,
    where: types.Range,
    only: list[str] | None,
    disabled_support: bool,
    resolve_edit: bool,
) -> list[types.CodeAction]:
    start = offset(snap.source, codec, where.start)
    end = offset(snap.source, codec, where.end)
    actions: list[types.CodeAction] = []
    for finding in snap.findings:
        if not _touches(snap, finding, start, end):
            continue
        diag = diagnostic(finding, snap.source, codec, snap.project, snap.uri)
        if finding.fix is not None:
            actions.append(_own_fix(snap, codec, finding, diag))
        disable = _disable_line(snap, codec, finding, diag)
        if disable is not None and (disable.disabled is None or disabled_support):
            actions.append(disable)
    if any(f.fix is not None for f in snap.findings):
        fix_all = types.CodeAction(
            title=FIX_ALL_TITLE,
            kind=FIX_ALL_KIND,
            data={"uri": snap.uri, "version": snap.version},
        )
        if not resolve_edit:
            fix_all.edit = fix_all_edit(snap, codec)
        actions.append(fix_all)
    if only:
        actions = [a for a in actions if _kind_in(a.kind, only)]
    return actions


def fix_all_edit(snap: Snapshot, codec: PositionCodec) -> types.WorkspaceEdit:
    """One edit over the whole text: what ``lintnews check --fix`` would write."""
    fixed = snap.project.fix_all(snap.display, snap.text)
    last = snap.source.line_count - 1
    end = types.Position(line=last, character=codec.client_num_units(snap.source.line_text(last)))
    whole = types.Range(start=types.Position(line=0, character=0), end=end)
    return types.WorkspaceEdit(changes={snap.uri: [types.TextEdit(range=whole, new_text=fixed)]})


def _touches(snap: Snapshot, finding: Finding, start: int, end: int) -> bool:
    if finding.start == finding.end == 0 and finding.line > 1:  # a finding about the run
        line = snap.source.line_index(start) + 1
        return finding.line == line
    return finding.start <= end and start <= finding.end


def _kind_in(kind: Any, only: list[str]) -> bool:
    value = str(getattr(kind, "value", kind) or "")
    return any(value == want or value.startswith(f"{want}.") for want in only)


def _own_fix(
    snap: Snapshot, codec: PositionCodec, finding: Finding, diag: types.Diagnostic
) -> types.CodeAction:
    fix = finding.fix
    assert fix is not None
    fix_range = span_range(snap.source, codec, fix)
    old = snap.text[
        snap.source.offset_of(fix["line"], fix["column"]) : snap.source.offset_of(
            fix["end_line"], fix["end_column"]
        )
    ]
    new = fix["replacement"]
    title = f"Replace '{old}' with '{new}'" if new else f"Delete '{old}'"
    if not old:
        title = f"Insert '{new}'"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        is_preferred=True,
        edit=types.WorkspaceEdit(
            changes={snap.uri: [types.TextEdit(range=fix_range, new_text=new)]}
        ),
    )


def _disable_line(
    snap: Snapshot, codec: PositionCodec, finding: Finding, diag: types.Diagnostic
) -> types.CodeAction | None:
    title = f"Disable {finding.rule} for this line"
    if snap.project.unsuppressible(finding.rule):
        reason = (
            f"{finding.rule} cannot be silenced inline (it is listed in 'unsuppressible' in the "
            "config): fix the draft instead"
        )
        return types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diag],
            disabled=types.CodeActionDisabled(reason=reason),
        )
    if snap.format == "mdx":
        return None  # the engine reads HTML comments only, and MDX rejects them
    index = finding.line - 1
    line_start = snap.source.line_starts[index]
    if line_start < front_matter_end(snap.text):
        return None  # no comment can silence a line of the front matter
    line = snap.source.line_text(index)
    if snap.format == "markdown":
        # At the end of the line, as inline HTML: a comment on a line of its own would end
        # the paragraph it interrupts.
        column = len(line.rstrip())
        text = f" <!-- lintnews-disable-line {finding.rule} -->"
    else:
        # Plain text has no inline comments: the directive goes on the line above.
        column = 0
        indent = line[: len(line) - len(line.lstrip())]
        text = f"{indent}lintnews-disable-next-line {finding.rule}{_line_end(snap.source)}"
    at = types.Position(line=index, character=codec.client_num_units(line[:column]))
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=types.WorkspaceEdit(
            changes={snap.uri: [types.TextEdit(range=types.Range(start=at, end=at), new_text=text)]}
        ),
    )


def _line_end(source: SourceText) -> str:
    """The draft's own line terminator (the first one), so an inserted line matches."""
    if source.line_count < 2:
        return "\n"
    return source.text[source.line_ends[0] : source.line_starts[1]]
