"""Shared state while a Document is being built, and the prose-view construction."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..document import Block, Comment, Document, FrontMatter, Image, Link, Quote
from ..source import SourceText, Span

_NOT_LINE_END = re.compile(r"[^\r\n]")

# Bare URLs in prose: with a scheme, with www., or a host with a path (tradewell.example/invite?ref=X).
BARE_URL = re.compile(
    r"""(?ix)
    (?<![\w@/.-])
    (?:
        (?:https?|ftp)://[^\s<>"'`]+
      | www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s<>"'`]*)?
      | (?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?::\d+)?/[^\s<>"'`]*
    )
    """
)
_URL_TRAILING = ".,;:!?)]}*_'\"”’"


def trim_url(url: str) -> str:
    """Drop sentence punctuation that follows a bare URL ("see example.com/x.")."""
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


@dataclass
class Builder:
    path: str
    source: SourceText
    format: str
    front_matter: FrontMatter | None
    keep: list[Span] = field(default_factory=list)
    hide: list[Span] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    code_spans: list[Span] = field(default_factory=list)
    rules_lines: list[int] = field(default_factory=list)
    citations: list[Span] = field(default_factory=list)

    def prose_view(self) -> str:
        """The text with everything outside ``keep`` (or inside ``hide``) blanked."""
        text = self.source.text
        visible = _subtract(_merge(self.keep), _merge(self.hide))
        parts: list[str] = []
        cursor = 0
        for span in visible:
            if span.start > cursor:
                parts.append(_NOT_LINE_END.sub(" ", text[cursor : span.start]))
            parts.append(text[span.start : span.end])
            cursor = span.end
        if cursor < len(text):
            parts.append(_NOT_LINE_END.sub(" ", text[cursor:]))
        return "".join(parts)

    def find_bare_urls(self, prose: str) -> str:
        """Record URLs written as plain text in prose, and blank them out of the view."""
        if "." not in prose:
            return prose
        existing = [link.span for link in self.links]
        starts = [span.start for span in existing]
        found: list[Span] = []
        for match in BARE_URL.finditer(prose):
            url = trim_url(match.group(0))
            if len(url) < 4 or "." not in url:
                continue
            span = Span(match.start(), match.start() + len(url))
            index = bisect_right(starts, span.start) - 1
            if index >= 0 and existing[index].overlaps(span):
                continue
            found.append(span)
            self.links.append(Link(span, url if "://" in url else f"https://{url}", None, "bare"))
        if not found:
            return prose
        parts: list[str] = []
        cursor = 0
        for span in found:
            parts.append(prose[cursor : span.start])
            parts.append(" " * (span.end - span.start))
            cursor = span.end
        parts.append(prose[cursor:])
        return "".join(parts)

    def document(self, prose: str) -> Document:
        doc = Document(
            path=self.path,
            source=self.source,
            format=self.format,
            prose=prose,
            front_matter=self.front_matter,
            blocks=self.blocks,
            quotes=self.quotes,
            links=self.links,
            images=self.images,
            comments=self.comments,
            code_spans=self.code_spans,
            rules_lines=self.rules_lines,
            citations=self.citations,
        )
        return doc


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.end <= span.start:
            continue
        if out and span.start <= out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _subtract(keep: list[Span], hide: list[Span]) -> list[Span]:
    """``keep`` minus ``hide`` (both sorted and merged)."""
    out: list[Span] = []
    j = 0
    for span in keep:
        start = span.start
        while j < len(hide) and hide[j].end <= start:
            j += 1
        k = j
        while k < len(hide) and hide[k].start < span.end:
            if hide[k].start > start:
                out.append(Span(start, hide[k].start))
            start = max(start, hide[k].end)
            k += 1
        if start < span.end:
            out.append(Span(start, span.end))
    return out
