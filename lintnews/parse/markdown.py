"""Markdown to Document parts, with markdown-it-py (CommonMark + tables + footnotes).

markdown-it gives block tokens with line maps but no character positions for inline
syntax. We get those without re-searching the source: the inline rules that produce
non-prose (code spans, links, images, autolinks, raw HTML, footnote references, emphasis
markers) are wrapped so that each records where in the block's inline source it started and
ended. Inline-source offsets are then mapped to file offsets line by line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from html import unescape
from typing import Any

from ..document import Block, Image, Link, Quote
from ..source import Span
from . import templates
from .builder import Builder
from .html import scan_html

_SPANS_KEY = "_lintnews_inline_spans"
_DELIM_KEY = "_lintnews_delimiter"
_MARKUP_KEY = "_lintnews_markup"
_RECORDED = {
    "backticks": "code",
    "link": "link",
    "image": "image",
    "autolink": "autolink",
    "html_inline": "html",
    "footnote_ref": "footnote",
    "footnote_inline": "footnote",
    "emphasis": "delim",
    "strikethrough": "delim",
}
_PARSER: Any = None
#: markdown-it's nesting limit: it keeps deep input linear (and the parser off Python's
#: recursion limit); what is nested deeper is linted line by line (see ``_too_deep``).
MAX_NESTING = 40
_CONTAINERS = frozenset(
    ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open", "footnote_open")
)
# What starts a line in nested containers: ">" and blanks, then list markers. Matched one
# marker at a time: a repeated group in one regex keeps backtracking state for every
# repetition (200 MB for a million ">").
_QUOTE_MARKERS = re.compile(r"[ \t>]*")
_LIST_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
#: The characters the recorded rules can start at (backticks, links, images, autolinks,
#: raw HTML, footnotes, emphasis and strikethrough).
_FIRST_CHARS = frozenset("`[!<^*_~")
_BRACKET_RUN = re.compile(r"\[+")
# A ">" box that is a callout in the writer's voice, not a quotation: GitHub/Obsidian
# admonitions ("> [!NOTE]") and boxes that open on a label ("> **Tip:**", "> ⚠️ Warning").
CALLOUT = re.compile(
    r"^[ \t>]*(?:\[![A-Za-z]+\]|[*_]*(?:[\u2139\u26a0\u2757\u2705\u274c\U0001f4a1\U0001f4cc\U0001f449]\ufe0f?\s*)?[*_]*"
    r"(?:note|nb|tip|pro\s+tip|hint|warning|caution|important|info|notice|heads[\s-]up|disclaimer|"
    r"disclosure|editor['’]s\s+note|update|updated|tl;?dr|summary|key\s+takeaways?|bottom\s+line|"
    r"remember|reminder|example|fyi)\b[*_]*\s*[:.!—–-]?)",
    re.IGNORECASE,
)


def _parser() -> Any:
    """The configured markdown-it parser (built on first use: importing it costs time)."""
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin

        md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(
            ["table", "strikethrough"]
        )
        md.use(footnote_plugin)
        for rule in md.inline.ruler.__rules__:
            kind = _RECORDED.get(rule.name)
            if kind:
                rule.fn = _recording(rule.fn, kind)
        md.inline.ruler.after("text", "lintnews_open_brackets", _open_brackets)
        md.inline.ruler.__cache__ = None
        for rule2 in md.inline.ruler2.__rules__:
            if rule2.name == "fragments_join":
                rule2.fn = _settle_delimiters(rule2.fn)
        md.inline.ruler2.__cache__ = None
        md.core.ruler.at("inline", _inline_core)
        _PARSER = md
    return _PARSER


def _inline_core(state: Any) -> None:
    """markdown-it's core "inline" rule, plus a per-token list for the recorded spans."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            spans: list[tuple[Any, ...]] = []
            token.meta[_SPANS_KEY] = spans
            state.env[_SPANS_KEY] = (token.content, spans)
            state.md.inline.parse(token.content, state.md, state.env, token.children)
    state.env.pop(_SPANS_KEY, None)


def _recording(fn: Callable[[Any, bool], bool], kind: str) -> Callable[[Any, bool], bool]:
    """Wrap an inline rule so each successful match records (kind, start, end, label_end, token)."""

    needs_close = kind in ("link", "image", "footnote")

    def rule(state: Any, silent: bool) -> bool:
        if state.src[state.pos] not in _FIRST_CHARS:
            return False  # what every wrapped rule checks first, without the call
        if needs_close and _last_close(state) < state.pos:
            return False  # no "]" ahead, so no match: keeps a run of "[" linear
        current = state.env.get(_SPANS_KEY)
        if silent or current is None or state.src is not current[0]:
            return fn(state, silent)  # lookahead, or the nested parse of an image's alt text
        start = state.pos
        count = len(state.tokens)
        pending = bool(state.pending)  # flushed as a text token by the rule's first push
        if not fn(state, silent):
            return False
        label_end = -1
        if kind in ("link", "image"):
            # Only after a match: parsing each failed "[" a second time doubled the cost.
            at = start + (1 if kind == "image" else 0)
            if at < state.posMax and state.src[at] == "[":
                end = state.pos
                label_end = state.md.helpers.parseLinkLabel(state, at, kind == "link")
                state.pos = end
        token: Any = None
        if kind == "delim":
            # One text token per marker character (two for "~~"); whether each became
            # emphasis markup is only known after the post-processing rules have run.
            token = list(state.tokens[count + pending :])
            for candidate in token:
                candidate.meta[_DELIM_KEY] = len(candidate.content)
        else:
            for candidate in state.tokens[count:]:
                if candidate.type != "text":
                    token = candidate
                    break
        current[1].append((kind, start, state.pos, label_end, token))
        return True

    return rule


def _open_brackets(state: Any, silent: bool) -> bool:
    """Take a run of "[" that no "]" follows as text in one step. No rule can match there
    (links and footnotes need a "]"), but markdown-it would try each one at every "[";
    1 MB of "[" took about ten seconds."""
    if state.src[state.pos] != "[" or _last_close(state) >= state.pos:
        return False
    end = _BRACKET_RUN.match(state.src, state.pos, state.posMax).end()  # type: ignore[union-attr]
    if not silent:
        append = getattr(state, "append_pending", None)  # markdown-it-py >= 4.1
        if append is not None:
            append(state.src[state.pos : end])
        else:
            state.pending += state.src[state.pos : end]
    state.pos = end
    return True


def _last_close(state: Any) -> int:
    """Offset of the last "]" in the inline source (cached on the parser state)."""
    last = getattr(state, "_lintnews_last_close", None)
    if last is None:
        last = state.src.rfind("]")
        state._lintnews_last_close = last
    return last  # type: ignore[no-any-return]


def _settle_delimiters(fn: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap "fragments_join": before it merges text tokens, note which emphasis or
    strikethrough markers were paired into markup (the rest are literal characters)."""

    def rule(state: Any) -> None:
        for token in state.tokens:
            if _DELIM_KEY in token.meta:
                token.meta[_MARKUP_KEY] = token.type != "text" or token.content == ""
        fn(state)

    return rule


class _LineMap:
    """Maps offsets in an inline token's content to offsets in the file."""

    def __init__(
        self,
        content_starts: list[int],
        file_starts: list[int],
        limits: list[int],
        content_ends: list[int] | None = None,
    ) -> None:
        self.content_starts = content_starts
        self.file_starts = file_starts
        self.limits = limits  # file offset of each line's end
        #: Where each piece ends in the content (default: one character before the next
        #: piece, the "\n" that joined the lines). Pieces of one line split around an
        #: escaped "\|" in a table cell end exactly where the next begins.
        self.content_ends = content_ends

    def __call__(self, index: int) -> int:
        line = max(0, bisect_right(self.content_starts, index) - 1)
        return min(self.file_starts[line] + index - self.content_starts[line], self.limits[line])

    def segments(self, content: str) -> list[Span]:
        out = []
        for line, start in enumerate(self.content_starts):
            if self.content_ends is not None:
                end = self.content_ends[line]
            else:
                end = (
                    self.content_starts[line + 1] - 1
                    if line + 1 < len(self.content_starts)
                    else len(content)
                )
            file_start = self.file_starts[line]
            out.append(Span(file_start, min(file_start + end - start, self.limits[line])))
        return out


def _align(
    builder: Builder, content: str, first_line: int, last_line: int, cursor: int | None = None
) -> _LineMap | None:
    """Find where each line of ``content`` sits in the file lines [first_line, last_line)."""
    source = builder.source
    content_starts: list[int] = []
    content_ends: list[int] = []
    file_starts: list[int] = []
    limits: list[int] = []
    index = 0
    pieces = content.split("\n")
    line_count = last_line - first_line
    if line_count <= 0:
        return None
    # Setext headings and footnotes can have fewer content lines than mapped lines.
    for number, piece in enumerate(pieces):
        line = first_line + min(number, line_count - 1)
        if line >= source.line_count:
            return None
        text = _unspaced(source.line_text(line))
        if cursor is not None and number == 0:
            at = text.find(piece, cursor) if piece else cursor
            if at < 0 and "|" in piece:
                # A table cell: markdown-it turned each "\|" into "|". Map the parts around
                # each pipe on their own, so the backslashes are skipped, not shifted into.
                at = text.find(piece.replace("|", "\\|"), cursor)
                if at >= 0:
                    file_at = source.line_starts[line] + at
                    for part_number, part in enumerate(piece.split("|")):
                        width = len(part) + (1 if part_number else 0)  # the pipe opens the part
                        content_starts.append(index)
                        content_ends.append(index + width)
                        file_starts.append(file_at)
                        limits.append(source.line_ends[line])
                        index += width
                        file_at += width + 1  # and a backslash comes before the next pipe
                    index += 1
                    continue
        else:
            at = text.rfind(piece) if piece else len(text)
        if at < 0:
            stripped = piece.lstrip(" ")
            at = text.rfind(stripped) if stripped else len(text)
            if at < 0:
                return None
            at = max(0, at - (len(piece) - len(stripped)))
        content_starts.append(index)
        content_ends.append(index + len(piece))
        file_starts.append(source.line_starts[line] + at)
        limits.append(source.line_ends[line])
        index += len(piece) + 1
    return _LineMap(content_starts, file_starts, limits, content_ends)


_TEMPLATE_IN_URL = re.compile(r"(?<=\]\()[ \t]*\{\{[^{}\n]{0,200}\}\}")


def _unspaced(text: str) -> str:
    """The text with the spaces of a template expression at the start of a link destination
    turned into underscores: same length, so offsets in it are offsets in the file."""
    if "](" not in text or "{{" not in text:
        return text
    return _TEMPLATE_IN_URL.sub(lambda m: m.group().replace(" ", "_").replace("\t", "_"), text)


def build(builder: Builder) -> None:
    source = builder.source
    first_body_line = 0
    if builder.front_matter is not None and builder.front_matter.error is None:
        first_body_line = source.line_index(builder.front_matter.span.end) + 1
    elif builder.front_matter is not None and builder.front_matter.span.end > source.line_ends[0]:
        first_body_line = source.line_index(builder.front_matter.span.end) + 1
    lines = [source.line_text(i) for i in range(first_body_line, source.line_count)]
    md_text = "\n" * first_body_line + "\n".join(lines)
    # "![alt]({{ site.baseurl }}/img/a.gif)": the spaces of a Liquid/Hugo expression would end
    # the link destination, so the image would be read as text; the same number of
    # underscores keeps every offset
    md_text = _unspaced(md_text)
    env: dict[str, Any] = {}
    tokens = _parser().parse(md_text, env)

    blockquote_starts: list[tuple[int, ...]] = []
    in_list = 0
    in_footnote = 0
    row_cursor: dict[int, int] = {}
    previous: Any = None
    too_deep: list[tuple[list[int], bool, bool]] = []
    for token in tokens:
        kind = token.type
        if kind in _CONTAINERS and token.level >= MAX_NESTING - 1 and token.map:
            # markdown-it stops parsing inside a container this deep and drops its text
            too_deep.append(
                (
                    token.map,
                    bool(blockquote_starts) or kind == "blockquote_open",
                    bool(in_list) or "list" in kind,
                )
            )
        if kind == "blockquote_open":
            blockquote_starts.append(tuple(token.map) if token.map else (-1, -1))
        elif kind == "blockquote_close":
            start_line, end_line = blockquote_starts.pop() if blockquote_starts else (-1, -1)
            if start_line >= 0:
                while end_line > start_line + 1 and not source.line_text(end_line - 1).strip(
                    " \t>"
                ):
                    end_line -= 1  # a trailing ">" or blank line is not part of the quote
                span = source.lines_span(start_line, end_line)
                if not CALLOUT.match(source.line_text(start_line)):
                    builder.quotes.append(Quote(span, span, "blockquote", -1))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        elif kind == "footnote_block_open":
            in_footnote += 1
        elif kind == "footnote_block_close":
            in_footnote -= 1
        elif kind in ("fence", "code_block") and token.map:
            builder.code_spans.append(source.lines_span(token.map[0], token.map[1]))
        elif kind == "hr" and token.map:
            builder.rules_lines.append(token.map[0])
        elif kind == "html_block" and token.map:
            _html_block(builder, token, bool(blockquote_starts), bool(in_list))
        elif kind == "inline" and token.map and previous is not None:
            block_kind, level = _block_kind(previous)
            cursor = None
            if block_kind == "table_cell":
                cursor = row_cursor.get(token.map[0], 0)
            line_map = _align(builder, token.content, token.map[0], token.map[1], cursor)
            if line_map is not None:
                if block_kind == "table_cell":
                    row_cursor[token.map[0]] = (
                        line_map(len(token.content)) - source.line_starts[token.map[0]]
                    )
                _inline(builder, token, line_map, token.meta.get(_SPANS_KEY, []))
                segments = line_map.segments(token.content)
                builder.keep.extend(segments)
                if segments and segments[-1].end > segments[0].start:
                    builder.blocks.append(
                        Block(
                            block_kind,
                            Span(segments[0].start, segments[-1].end),
                            level=level,
                            in_blockquote=bool(blockquote_starts),
                            in_list=bool(in_list),
                            in_footnote=bool(in_footnote),
                        )
                    )
        previous = token
    for (first, last), quoted, listed in too_deep:
        _too_deep(builder, max(first, first_body_line), last, quoted, listed)
    body_start = source.line_starts[first_body_line] if first_body_line < source.line_count else 0
    found = templates.scan(source.text, body_start, builder.code_spans)
    builder.hide.extend(found.hidden)
    builder.code_spans.extend(found.hidden)  # never prose, like code
    builder.images.extend(found.images)


def _too_deep(builder: Builder, first: int, last: int, in_blockquote: bool, in_list: bool) -> None:
    """Keep the text that markdown-it did not parse (nested deeper than MAX_NESTING) as
    prose, one line at a time without its ">" and list markers, so nesting cannot hide it."""
    source = builder.source
    for line in range(first, min(last, source.line_count)):
        text = source.line_text(line)
        start = _markers_end(text)
        end = len(text.rstrip())
        if end > start:
            span = Span(source.line_starts[line] + start, source.line_starts[line] + end)
            builder.keep.append(span)
            builder.blocks.append(
                Block("paragraph", span, in_blockquote=in_blockquote, in_list=in_list)
            )


def _markers_end(text: str) -> int:
    """Where the text of a line starts after its ">" and list markers."""
    at = 0
    while True:
        at = _QUOTE_MARKERS.match(text, at).end()  # type: ignore[union-attr]
        marker = _LIST_MARKER.match(text, at)
        if marker is None:
            return at
        at = marker.end()


def _block_kind(opener: Any) -> tuple[str, int]:
    if opener.type == "heading_open":
        return "heading", int(opener.tag[1:]) if opener.tag[1:].isdigit() else 1
    if opener.type in ("th_open", "td_open"):
        return "table_cell", 0
    return "paragraph", 0


_A_OPEN = re.compile(r"<a\s[^>]*>\Z", re.IGNORECASE)
_A_CLOSE = re.compile(r"</a\s*>\Z", re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def _inline(builder: Builder, token: Any, to_file: _LineMap, spans: list[tuple[Any, ...]]) -> None:
    content: str = token.content
    anchors: list[tuple[int, int]] = []  # inline "<a …>" and "</a>" tags, paired below
    for kind, start, end, label_end, tok in spans:
        if kind == "delim":
            at = start
            for piece in tok or ():
                width = piece.meta.get(_DELIM_KEY, 1)
                if piece.meta.get(_MARKUP_KEY, True):
                    builder.hide.append(Span(to_file(at), to_file(at + width)))
                at += width
            continue
        span = Span(to_file(start), to_file(end))
        if kind == "link":
            href = (tok.attrGet("href") if tok is not None else "") or ""
            if label_end > start:
                text_span = Span(to_file(start + 1), to_file(label_end))
                builder.hide.append(Span(span.start, text_span.start))
                builder.hide.append(Span(text_span.end, span.end))
                written_as = (
                    "inline" if content[label_end + 1 : label_end + 2] == "(" else "reference"
                )
            else:
                text_span, written_as = None, "reference"
                builder.hide.append(span)
            builder.links.append(Link(span, str(href), text_span, written_as))
        elif kind == "image":
            builder.hide.append(span)
            if tok is not None:
                builder.images.append(
                    Image(
                        span=span,
                        src=str(tok.attrGet("src") or ""),
                        alt=tok.content or "",
                        kind="markdown",
                        title=(str(tok.attrGet("title")) if tok.attrGet("title") else None),
                    )
                )
        elif kind == "autolink":
            builder.hide.append(span)
            href = (tok.attrGet("href") if tok is not None else "") or content[start + 1 : end - 1]
            builder.links.append(Link(span, str(href), None, "autolink"))
        elif kind == "html":
            builder.hide.append(span)
            fragment = content[start:end]
            if _A_OPEN.match(fragment) or _A_CLOSE.match(fragment):
                anchors.append((start, end))
            info = scan_html(fragment, _shifted(to_file, start))
            builder.images.extend(info.images)
            builder.links.extend(info.links)
            builder.comments.extend(info.comments)
        elif kind == "code":
            builder.hide.append(span)
            builder.code_spans.append(span)
        elif kind == "footnote":
            builder.hide.append(span)
            builder.citations.append(span)
    if anchors:
        _pair_anchors(builder, content, to_file, anchors)


def _shifted(to_file: _LineMap, base: int) -> Callable[[int], int]:
    """Offsets in a fragment that starts at ``base`` of the content, mapped into the file."""
    return lambda offset: to_file(base + offset)


def _pair_anchors(
    builder: Builder, content: str, to_file: _LineMap, anchors: list[tuple[int, int]]
) -> None:
    """Inline raw HTML arrives one tag at a time: ``<a href>`` … ``</a>`` make one link."""
    opened: tuple[str, int, int] | None = None
    for start, end in sorted(anchors):
        fragment = content[start:end]
        if _A_OPEN.match(fragment):
            found = _HREF.search(fragment)
            opened = (
                (unescape(next(g for g in found.groups() if g is not None)), start, end)
                if found
                else None
            )
        elif opened is not None:
            href, open_start, text_start = opened
            builder.links.append(
                Link(
                    Span(to_file(open_start), to_file(end)),
                    href,
                    Span(to_file(text_start), to_file(start)),
                    "html",
                )
            )
            opened = None


_HTML_BLOCK_TAG = re.compile(
    r"</?(?:li|p|div|tr|td|th|h[1-6]|ul|ol|dl|dt|dd|blockquote|section|article|header|footer|"
    r"aside|nav|figure|figcaption|table|thead|tbody|details|summary|br|hr)\b[^>]*>",
    re.IGNORECASE,
)
_TAG_TEXT = re.compile(r"<[^>]*>")


def _html_block(builder: Builder, token: Any, in_blockquote: bool, in_list: bool) -> None:
    source = builder.source
    first, last = token.map
    content: str = token.content.rstrip("\n")
    line_map = _align(builder, content, first, max(last, first + 1))
    if line_map is None:
        return
    info = scan_html(content, line_map)
    builder.images.extend(info.images)
    builder.links.extend(info.links)
    builder.comments.extend(info.comments)
    builder.hide.extend(info.hidden)
    segments = line_map.segments(content)
    builder.keep.extend(segments)
    span = Span(segments[0].start, segments[-1].end)
    if span.end <= span.start or not source.text[span.start : span.end].strip():
        return
    # Each list item, paragraph or cell of raw HTML is its own block, so sentences never
    # run from one "<li>" into the next.
    cuts = [line_map(m.start()) for m in _HTML_BLOCK_TAG.finditer(content)]
    starts = sorted({span.start, *(c for c in cuts if span.start < c < span.end)})
    for start, end in zip(starts, [*starts[1:], span.end], strict=True):
        piece = source.text[start:end]
        if _TAG_TEXT.sub("", piece).strip():
            opens_item = bool(re.match(r"\s*<li\b", piece, re.IGNORECASE))
            builder.blocks.append(
                Block(
                    "html",
                    Span(start, end),
                    in_blockquote=in_blockquote,
                    in_list=in_list or opens_item,
                )
            )
