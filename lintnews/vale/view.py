"""What Vale's rules read: the text of each scope, with every character's place in the file.

Vale hands a rule the text of one block (a paragraph, a heading, a list item, a table cell,
alt text) with the markup taken out, not blanked: ``**very** good`` reads ``very good``. A
``Unit`` is such a text plus the file offset of each of its characters, so positions still
come from the Document's one source map. Built once per file and shared by every Vale rule.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..document import Block, Document
from ..source import Span
from .scopes import Selector


@dataclass(slots=True)
class Unit:
    """A scope's text; ``offsets[i]`` is the file offset of ``text[i]`` (None: ``base + i``)."""

    text: str
    tags: frozenset[str]
    base: int = 0
    offsets: list[int] | None = None
    block: int = -1  # index into Document.blocks, for block units and their sentences

    def at(self, index: int) -> int:
        if self.offsets is None:
            return self.base + index
        return self.offsets[index]

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]`` (a zero-width match is widened to one char)."""
        if not self.text:
            return Span(self.base, self.base)
        start = min(max(start, 0), len(self.text) - 1)
        last = max(start, min(end, len(self.text)) - 1)
        return Span(self.at(start), self.at(last) + 1)

    def index_of(self, offset: int) -> int:
        """The unit index of the first character at or after file ``offset``."""
        if self.offsets is None:
            return max(0, offset - self.base)
        return bisect_left(self.offsets, offset)


@dataclass
class View:
    doc: Document
    blocks: list[Unit] = field(default_factory=list)
    extra: list[Unit] = field(default_factory=list)  # alt text, front-matter title
    raw: Unit | None = None
    _sentences: dict[int, list[Unit]] = field(default_factory=dict)

    def units(self, selector: Selector) -> Iterator[Unit]:
        """The units a rule with this scope reads, in document order."""
        names = selector.names
        if "raw" in names:
            assert self.raw is not None
            yield self.raw
            return
        if "summary" in names:
            yield self.summary()
            return
        sentences = "sentence" in names
        chosen = [u for u in [*self.blocks, *self.extra] if selector.accepts(u.tags)]
        chosen.sort(key=lambda u: u.at(0) if u.text else u.base)
        for unit in chosen:
            if not sentences:
                yield unit
            elif "paragraph" in unit.tags and unit.block >= 0:
                # Vale splits paragraphs into sentences; headings, list items, cells are not
                yield from self.sentences(unit)

    def sentences(self, unit: Unit) -> list[Unit]:
        cached = self._sentences.get(unit.block)
        if cached is not None:
            return cached
        out: list[Unit] = []
        for sentence in self.doc.block_sentences(unit.block):
            a = unit.index_of(sentence.span.start)
            b = unit.index_of(sentence.span.end)
            text = unit.text[a:b]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if text:
                offsets = unit.offsets[a + lead : a + lead + len(text)] if unit.offsets else None
                out.append(
                    Unit(text, unit.tags | {"sentence"}, unit.at(a + lead), offsets, unit.block)
                )
        self._sentences[unit.block] = out
        return out

    def summary(self) -> Unit:
        """All block text, blocks joined by blank lines (for metric and readability)."""
        parts: list[str] = []
        offsets: list[int] = []
        for unit in self.blocks:
            if not unit.tags & SUMMARY_TAGS:
                continue
            if parts:
                parts.append("\n\n")
                offsets.extend((offsets[-1], offsets[-1]))
            parts.append(unit.text)
            offsets.extend(unit.at(i) for i in range(len(unit.text)))
        return Unit("".join(parts), frozenset({"summary"}), 0, offsets)


_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")


#: What Vale's summary (metric and readability) reads: not headings or table cells.
SUMMARY_TAGS = frozenset({"paragraph", "list", "blockquote"})


def block_tags(block: Block, doc: Document) -> frozenset[str]:
    """What Vale calls the block: its HTML element decides (a paragraph inside a list item
    is ``list``, inside a blockquote ``blockquote``; a header row's cells ``table.header``)."""
    tags = {"block"}
    if doc.format != "markdown":
        tags.add("paragraph")
    elif block.kind == "heading":
        tags.update(("heading", f"heading.h{block.level}"))
    elif block.kind == "table_cell":
        tags.update(("table", "table.header" if _header_cell(doc, block) else "table.cell"))
    elif block.in_list:
        tags.add("list")
    elif block.in_blockquote:
        tags.add("blockquote")
    else:
        tags.add("paragraph")
    return frozenset(tags)


def _header_cell(doc: Document, block: Block) -> bool:
    """A cell of the row right above a table's ``|---|---|`` delimiter row."""
    source = doc.source
    line = source.line_index(block.span.start)
    return line + 1 < source.line_count and bool(
        _DELIMITER_ROW.fullmatch(source.line_text(line + 1))
    )


def build_view(doc: Document, hidden: Sequence[Span] = (), skipped: Sequence[str] = ()) -> View:
    """The Vale view of ``doc``; ``hidden`` spans (BlockIgnores, TokenIgnores) are left out,
    and so are blocks of the ``skipped`` scopes (SkippedScopes: ``blockquote``…)."""
    skip = frozenset(skipped)
    view = View(doc)
    text, prose = doc.text, doc.prose
    cuts = sorted(hidden, key=lambda s: s.start)
    cut_starts = [s.start for s in cuts]
    code = _inline_code(doc)
    for index, block in enumerate(doc.blocks):
        if block.kind == "html":
            elements = list(_html_elements(text, block.span))
            if elements:  # an HTML table or list: each cell or item is its own block
                view.extra.extend(u for u in elements if not u.tags & skip)
                continue
        unit = _block_unit(text, prose, block.span, cuts, cut_starts, code)
        if unit is None:
            continue
        unit.tags = block_tags(block, doc)
        if unit.tags & skip:
            continue
        unit.block = index
        view.blocks.append(unit)
    for image in doc.images:
        alt = _alt_span(doc, image)
        if alt is not None and alt.end > alt.start:
            view.extra.append(
                Unit(text[alt.start : alt.end], frozenset({"alt", "block"}), alt.start)
            )
    matter = doc.front_matter
    if matter is not None and matter.error is None and isinstance(matter.get("title"), str):
        title = matter.span_of("title")
        value = str(matter.get("title"))
        at = text.find(value, title.start, max(title.end, title.start + len(value) + 200))
        if at >= 0:
            view.extra.append(Unit(value, frozenset({"title"}), at))
    view.raw = Unit(text, frozenset({"raw"}), 0)
    return view


_HTML_ELEMENT = re.compile(r"<(td|th|caption|li)\b[^>]*>([^<]*)</\1\s*>", re.IGNORECASE)
_HTML_SCOPES = {
    "td": ("table", "table.cell"),
    "th": ("table", "table.header"),
    "caption": ("table", "table.caption"),
    "li": ("list",),
}


def _html_elements(text: str, span: Span) -> Iterator[Unit]:
    """Cells, captions and list items of an HTML block, with the scope Vale gives them."""
    for found in _HTML_ELEMENT.finditer(text, span.start, span.end):
        body = found.group(2)
        start = found.start(2) + len(body) - len(body.lstrip())
        content = body.strip()
        if content:
            tags = frozenset({"block", *_HTML_SCOPES[found.group(1).lower()]})
            yield Unit(content, tags, start)


def _hidden(text: str, prose: str, i: int, cuts: list[Span], cut_starts: list[int]) -> bool:
    if prose[i] != text[i]:
        return True
    if cuts:
        k = bisect_right(cut_starts, i) - 1
        if k >= 0 and i < cuts[k].end:
            return True
    return False


def _inline_code(doc: Document) -> set[int]:
    """File offsets of inline code's content (not its backticks): Vale reads each such
    character as ``*``, so a sentence keeps its shape and no rule matches inside code."""
    out: set[int] = set()
    text = doc.text
    for span in doc.code_spans:
        if "\n" in text[span.start : span.end].strip("\n") and text[span.start] != "`":
            continue  # a fenced or indented block, not inline code
        ticks = len(text[span.start : span.end]) - len(text[span.start : span.end].lstrip("`"))
        if ticks == 0:
            continue
        out.update(range(span.start + ticks, span.end - ticks))
    return out


def _block_unit(
    text: str,
    prose: str,
    span: Span,
    cuts: list[Span],
    cut_starts: list[int],
    code: set[int] | frozenset[int] = frozenset(),
) -> Unit | None:
    """The block's text with markup dropped. Blanks go where markup met markup or at a
    line's edges; a line break inside the block stays a line break; inline code reads as
    ``*`` characters."""
    keep: list[int] = []
    start, end = span.start, span.end
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        if line_end < 0:
            line_end = end
        line = [
            (
                i,
                i in code
                or (not _hidden(text, prose, i, cuts, cut_starts) and not text[i].isspace()),
            )
            for i in range(line_start, line_end)
        ]
        visible = [i for i, shown in line if shown]
        if visible:
            first, last = visible[0], visible[-1]
            previous_shown = True
            for position, (i, shown) in enumerate(line):
                if i < first or i > last:
                    continue
                if shown:
                    keep.append(i)
                    previous_shown = True
                    continue
                if (
                    text[i].isspace()
                    and text[i] != "\r"
                    and not _hidden(text, prose, i, cuts, cut_starts)
                ):
                    after = _next_shown(line, position)
                    if previous_shown or after:
                        keep.append(i)
                    continue
                previous_shown = False
            if keep and line_end < end and text[keep[-1]] != "\n":
                keep.append(line_end)  # the line break itself
        line_start = line_end + 1
    while keep and text[keep[-1]].isspace():
        keep.pop()
    if not keep:
        return None
    return Unit("".join("*" if i in code else text[i] for i in keep), frozenset(), keep[0], keep)


def _next_shown(line: list[tuple[int, bool]], position: int) -> bool:
    """Is the next non-blank character after ``position`` shown (not markup)?"""
    for _, shown in line[position + 1 :]:
        if shown:
            return True
        return False
    return False


def _alt_span(doc: Document, image: Any) -> Span | None:
    alt = image.alt
    if not alt:
        return None
    at = doc.text.find(alt, image.span.start, image.span.end)
    return Span(at, at + len(alt)) if at >= 0 else None
