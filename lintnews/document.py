"""The parsed form of one draft that every rule reads.

A Document is built once per file (see ``lintnews.parse``) and never changed by rules. All
positions are ``Span`` offsets into ``source.text``. ``prose`` is a view of the same length as
the text in which everything that is not prose (front matter, code, URLs, HTML tags and
comments, Markdown syntax) is replaced by spaces, so an offset found by a regex in ``prose`` is
already an offset in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .source import SourceText, Span

#: Front-matter keys that date a draft (Hugo, Jekyll, Astro, Eleventy, Ghost, WordPress exports).
DATE_KEYS = (
    "date", "published", "publishDate", "publish_date", "pubDate", "pub_date", "published_at",
    "publishedAt", "published_on", "datePublished", "created", "created_at", "createdAt",
    "updated", "updated_at", "updatedAt", "lastmod", "last_modified_at", "modified",
    "dateModified", "last_updated",
)  # fmt: skip
# A date in the file's path: Jekyll "_posts/2024-05-01-slug.md", or ".../2024/05/01/slug.md";
# a Hugo page bundle takes it from its folder: "posts/2024-05-01-slug/index.md".
_PATH_DATE = re.compile(
    r"(?:^|[/\\])(?:(?:19|20)\d\d-[01]\d-[0-3]\d-[^/\\]+|(?:19|20)\d\d[/\\][01]\d[/\\](?:[0-3]\d[/\\])?[^/\\]+)$"
)
_BUNDLE_DATE = re.compile(r"(?:^|[/\\])(?:19|20)\d\d-[01]\d-[0-3]\d-[^/\\]+[/\\]_?index\.[^/\\]+$")
_DATED_VALUE = re.compile(r"(?:19|20)\d\d")
# A permalink or slug that carries the full date: "/2021/04/05/shipped/", "2021-04-05-shipped"
URL_KEYS = (
    "url",
    "permalink",
    "slug",
    "path",
    "aliases",
    "canonical",
    "canonical_url",
    "redirect_from",
)
_URL_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d([/-])[01]\d\1[0-3]\d(?!\d)")


@dataclass(slots=True)
class FrontMatterError:
    message: str
    line: int  # 1-based line in the file
    column: int = 1


@dataclass(slots=True)
class FrontMatter:
    format: str  # "yaml" or "toml"
    span: Span  # the whole block, fences included
    data: dict[str, Any] = field(default_factory=dict)
    #: Dotted key path ("cover.image") -> span of the line that sets it.
    key_spans: dict[str, Span] = field(default_factory=dict)
    error: FrontMatterError | None = None
    #: Values that parsed but could not be used (an impossible date): reported, while the
    #: rest of the front matter is used as usual.
    problems: list[FrontMatterError] = field(default_factory=list)

    def get(self, dotted: str) -> Any:
        """Value at a dotted key path, or None."""
        value: Any = self.data
        for part in dotted.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                return None
        return value

    def span_of(self, dotted: str) -> Span:
        """Span of a key's line; falls back to the parent key, then the opening fence."""
        parts = dotted.split(".")
        while parts:
            span = self.key_spans.get(".".join(parts))
            if span is not None:
                return span
            parts.pop()
        return Span(self.span.start, self.span.start + 3)


@dataclass(slots=True)
class Block:
    """A unit of prose: a paragraph, heading, table cell, or the text of an HTML block."""

    kind: str  # "paragraph" | "heading" | "table_cell" | "html"
    span: Span
    level: int = 0  # heading level (1-6); 0 otherwise
    in_blockquote: bool = False
    in_list: bool = False
    in_footnote: bool = False
    #: Text that captions an image: a <figcaption>, words beside an image in its paragraph,
    #: or a short paragraph right under an image that stands alone.
    caption: bool = False
    #: Index of the first sentence of this block in ``Document.sentences``.
    first_sentence: int = 0
    sentence_count: int = 0

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass(slots=True)
class Sentence:
    span: Span
    block: int  # index into Document.blocks


@dataclass(slots=True)
class Quote:
    """A direct quotation: quote marks included in ``span``; ``inner`` is the quoted words."""

    span: Span
    inner: Span
    kind: str  # "double" | "curly" | "single" | "blockquote" | "transcript" (a speaker's turn)
    block: int


@dataclass(slots=True)
class Link:
    span: Span  # the whole link as written
    url: str
    text_span: Span | None = None  # the visible link text, when there is one
    kind: str = "inline"  # "inline" | "reference" | "autolink" | "bare" | "html"


@dataclass(slots=True)
class Image:
    span: Span
    src: str
    alt: str | None  # None when an HTML <img> has no alt attribute
    kind: str  # "markdown" | "html" | "shortcode" | "front-matter"
    title: str | None = None
    decorative: bool = False  # alt="" with role="presentation" (or aria-hidden)
    caption: str | None = None  # <figcaption> text
    caption_span: Span | None = None
    key: str | None = None  # front-matter key path for featured images
    credit: str | None = None  # an explicit credit attribute (a shortcode's ``attr=``/``credit=``)


@dataclass(slots=True)
class Comment:
    """An HTML comment (or, in plain text, a directive line) that may carry a directive."""

    span: Span
    text: str  # the comment body without <!-- -->


@dataclass(slots=True)
class Document:
    path: str
    source: SourceText
    format: str  # "markdown" | "text"
    prose: str
    front_matter: FrontMatter | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    unclosed_quotes: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    #: Spans of code (fenced, indented and inline): not prose, but some rules look inside.
    code_spans: list[Span] = field(default_factory=list)
    #: Thematic breaks (``---``), where footers usually start.
    rules_lines: list[int] = field(default_factory=list)
    #: Citation markers such as footnote references ``[^1]``.
    citations: list[Span] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list, repr=False)
    _quoted: list[Span] = field(default_factory=list, repr=False)
    _quoted_starts: list[int] = field(default_factory=list, repr=False)
    _link_starts: list[int] = field(default_factory=list, repr=False)
    _code_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _block_starts: list[int] = field(default_factory=list, repr=False)
    #: Front-matter keys that date this draft, in the order the site generator reads them
    #: (the config's ``date-keys``; default: the keys of the common generators).
    date_keys: tuple[str, ...] = DATE_KEYS

    def finish(self) -> None:
        """Build lookup tables once parsing is complete."""
        self.quotes.sort(key=lambda q: q.span.start)
        self._quote_starts = [q.span.start for q in self.quotes]
        merged: list[Span] = []
        for quote in self.quotes:
            if merged and quote.span.start <= merged[-1].end:
                if quote.span.end > merged[-1].end:
                    merged[-1] = Span(merged[-1].start, quote.span.end)
            else:
                merged.append(quote.span)
        self._quoted = merged
        self._quoted_starts = [span.start for span in merged]
        self._sentence_starts = [s.span.start for s in self.sentences]
        self._block_starts = [b.span.start for b in self.blocks]
        self.links.sort(key=lambda link: link.span.start)
        self._link_starts = [link.span.start for link in self.links]
        self.code_spans.sort(key=lambda span: span.start)
        self._code_starts = [span.start for span in self.code_spans]

    # -- text ---------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.source.text

    def whole_markup(self, span: Span) -> Span:
        """``span`` widened so it never holds half an emphasis pair: a phrase that takes in
        an opening ``**`` (``Critics **argue**``) takes in the closing one after it, and one
        that takes in a closer takes in its opener (``_Studies_ show``). A span wholly
        inside a pair (``**recently**``) stays as it is."""
        text, prose = self.source.text, self.prose
        start, end = span.start, span.end

        def marker(i: int) -> bool:  # emphasis syntax the prose view blanked out
            return 0 <= i < len(text) and text[i] in "*_~" and prose[i] == " "

        if not any(marker(i) for i in range(start, end)):
            return span
        while marker(end):
            end += 1
        while marker(start - 1):
            start -= 1
        return span if (start, end) == (span.start, span.end) else Span(start, end)

    def text_of(self, span: Span) -> str:
        return self.source.text[span.start : span.end]

    def prose_of(self, span: Span) -> str:
        return self.prose[span.start : span.end]

    @property
    def metadata(self) -> dict[str, Any]:
        return self.front_matter.data if self.front_matter and not self.front_matter.error else {}

    # -- lookups --------------------------------------------------------------------------
    def is_quoted(self, start: int, end: int | None = None) -> bool:
        """True when [start, end) lies inside a direct quotation (any kind)."""
        index = bisect_right(self._quoted_starts, start) - 1
        if index < 0:
            return False
        region = self._quoted[index]
        return start < region.end and (end is None or end <= region.end)

    def crosses_code(self, start: int, end: int) -> bool:
        """True when code or a template tag lies inside [start, end): a match there joins
        words that are not next to each other in the source ("in `_app.tsx` in")."""
        index = bisect_right(self._code_starts, start)
        return index < len(self.code_spans) and self.code_spans[index].start < end

    def sentence_index(self, offset: int) -> int | None:
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].span.end:
            return index
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        index = self.sentence_index(offset)
        return None if index is None else self.sentences[index]

    def block_index(self, offset: int) -> int | None:
        index = bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].span.end:
            return index
        return None

    def block_at(self, offset: int) -> Block | None:
        index = self.block_index(offset)
        return None if index is None else self.blocks[index]

    def block_sentences(self, block_index: int) -> list[Sentence]:
        block = self.blocks[block_index]
        return self.sentences[block.first_sentence : block.first_sentence + block.sentence_count]

    def links_in(self, span: Span) -> Iterator[Link]:
        # Links do not nest, so none that starts before the previous one can reach further.
        index = max(0, bisect_right(self._link_starts, span.start) - 1)
        for link in self.links[index:]:
            if link.span.start >= span.end:
                break
            if link.span.overlaps(span):
                yield link

    def quoted_regions(self, span: Span) -> Iterator[Span]:
        """The parts of ``span`` that lie inside quotations (merged, in order)."""
        index = max(0, bisect_right(self._quoted_starts, span.start) - 1)
        for region in self._quoted[index:]:
            if region.start >= span.end:
                break
            if region.end > span.start:
                yield Span(max(region.start, span.start), min(region.end, span.end))

    def locate(self, offset: int) -> tuple[int, int]:
        return self.source.locate(offset)

    @property
    def date_source(self) -> str | None:
        """What dates this draft, if anything does outside its prose: a front-matter date
        under a common key, or a date in the file name. Datelines in the text are matched by
        the rules that need them."""
        data = self.metadata
        for key in self.date_keys:
            value = data.get(key)
            if value not in (None, "", [], {}) and _DATED_VALUE.search(str(value)):
                return f"front matter '{key}'"
        for key in URL_KEYS:
            value = data.get(key)
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and _URL_DATE.search(v) for v in values):
                return f"front matter '{key}'"
        if _PATH_DATE.search(self.path):
            return "the file name"
        if _BUNDLE_DATE.search(self.path):
            return "the page bundle's folder name"
        return None

    @property
    def headline(self) -> Block | None:
        """The first heading of the body (in plain text: the first line)."""
        for block in self.blocks:
            if block.is_heading:
                return block
            if block.kind == "paragraph":
                return None
        return None

    @property
    def title(self) -> str | None:
        """The title as a reader sees it: front-matter ``title`` or the first heading."""
        for key in ("title", "headline"):
            value = self.metadata.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        head = self.headline
        return self.prose_of(head.span).strip() if head else None
