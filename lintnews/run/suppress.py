"""Inline suppression comments: ``<!-- lintnews-disable rule.id, pack -- reason -->``.

Directives: ``lintnews-disable [ids]`` … ``lintnews-enable [ids]``, ``lintnews-disable-next-line
[ids]``, ``lintnews-disable-line [ids]`` and ``lintnews-disable-file [ids]``; no ids means every
rule. Plain-text drafts use the same text on a line of its own. Rules listed as
unsuppressible (by default the disclosure pack, which publishers are legally bound by) are
reported anyway, with a note that the comment was ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document
from ..model import Finding
from ..ruleset.engine import meta_finding
from ..ruleset.selection import matches

DIRECTIVE = re.compile(
    r"^\s*lintnews-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)(?:\s--\s.*)?\s*$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Directive:
    action: str
    ids: tuple[str, ...]  # empty: every rule
    line: int  # line of the comment
    end_line: int
    raw: str

    def covers(self, rule_id: str) -> bool:
        return not self.ids or any(matches(pattern, rule_id) for pattern in self.ids)

    @property
    def label(self) -> str:
        return f"line {self.line}: lintnews-{self.action}{' ' + ', '.join(self.ids) if self.ids else ''}"


def directives(doc: Document) -> list[Directive]:
    out = []
    for comment in doc.comments:
        found = DIRECTIVE.match(comment.text)
        if not found:
            continue
        ids = tuple(part for part in re.split(r"[\s,]+", found.group(2).strip()) if part)
        line, _ = doc.locate(comment.span.start)
        end_line, _ = doc.locate(max(comment.span.end - 1, comment.span.start))
        out.append(Directive(found.group(1), ids, line, end_line, comment.text.strip()))
    return out


def apply(
    doc: Document,
    findings: list[Finding],
    known_ids: Sequence[str],
    unsuppressible: Sequence[str] = (),
    inline: bool = True,
) -> list[Finding]:
    """Mark findings silenced by comments (``suppressed_by``); report unknown ids in comments."""
    if not inline or not doc.comments:
        return findings
    found = directives(doc)
    if not found:
        return findings
    out: list[Finding] = []
    for directive in found:
        for pattern in directive.ids:
            if not any(matches(pattern, rule_id) for rule_id in known_ids):
                out.append(
                    meta_finding(
                        doc.path,
                        "lintnews.unknown-rule",
                        f"'{pattern}' in this suppression comment names no rule, so it silences nothing; "
                        "check the id with `lintnews rules`",
                        line=directive.line,
                    )
                )
    next_lines = _next_line_targets(doc, found)
    for finding in findings:
        silencer = _silencer(finding, found, next_lines)
        if silencer is not None:
            if any(matches(pattern, finding.rule) for pattern in unsuppressible):
                finding.message += (
                    f" (the suppression comment on line {silencer.line} was ignored: {finding.rule} "
                    "cannot be silenced inline; change 'unsuppressible' in the config to allow it)"
                )
            else:
                finding.suppressed_by = silencer.label
        out.append(finding)
    out.sort(key=Finding.sort_key)
    return out


def _next_line_targets(doc: Document, found: list[Directive]) -> dict[int, int]:
    """For each disable-next-line comment, the next line that is not blank."""
    targets: dict[int, int] = {}
    source = doc.source
    for directive in found:
        if directive.action != "disable-next-line":
            continue
        line = directive.end_line + 1
        while line <= source.line_count and not source.line_text(line - 1).strip():
            line += 1
        targets[directive.end_line] = line
    return targets


def _silencer(
    finding: Finding, found: list[Directive], next_lines: dict[int, int]
) -> Directive | None:
    active: Directive | None = None
    for directive in found:
        if not directive.covers(finding.rule) and directive.action != "enable":
            continue
        if directive.action == "disable-file":
            return directive
        if (
            directive.action == "disable-line"
            and directive.line <= finding.line <= directive.end_line
        ):
            return directive
        if (
            directive.action == "disable-next-line"
            and next_lines.get(directive.end_line) == finding.line
        ):
            return directive
        if directive.line > finding.line:
            continue
        if directive.action == "disable":
            active = directive
        elif directive.action == "enable" and active is not None and directive.covers(finding.rule):
            active = None
    return active
