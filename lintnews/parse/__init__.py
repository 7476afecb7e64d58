"""Text to Document: front matter, blocks, prose view, links, images, sentences, quotes."""

from __future__ import annotations

from ..document import Document
from ..source import SourceText
from .builder import Builder
from .frontmatter import split_front_matter
from .segment import segment

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd")


#: How stdin is shown when no --stdin-filename names it.
STDIN = "-"


def format_for(path: str) -> str:
    """ "markdown" or "text", from the file name. Unnamed stdin is Markdown: drafts piped
    from an editor are, and a .txt name (--stdin-filename) still picks plain text."""
    if path == STDIN:
        return "markdown"
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def parse_document(
    path: str, text: str, fmt: str | None = None, date_keys: tuple[str, ...] | None = None
) -> Document:
    fmt = fmt or format_for(path)
    source = SourceText(text)
    builder = Builder(path, source, fmt, split_front_matter(source))
    if fmt == "markdown":
        from . import markdown

        markdown.build(builder)
    else:
        from . import plaintext

        plaintext.build(builder)
    builder.blocks.sort(key=lambda block: block.span.start)
    prose = builder.find_bare_urls(builder.prose_view())
    doc = builder.document(prose)
    if date_keys is not None:
        doc.date_keys = date_keys
    segment(doc)
    _mark_captions(doc)
    doc.finish()
    return doc


CAPTION_MAX_WORDS = 40


def _mark_captions(doc: Document) -> None:
    """Flag the blocks that caption an image (the ``caption`` scope)."""
    if not doc.images:
        return
    starts = [block.span.start for block in doc.blocks]
    from bisect import bisect_right

    def index_at(offset: int) -> int | None:
        index = bisect_right(starts, offset) - 1
        return index if index >= 0 and offset < doc.blocks[index].span.end else None

    for image in doc.images:
        if image.caption_span is not None:
            at = index_at(image.caption_span.start)
            if at is not None:
                doc.blocks[at].caption = True
            continue
        at = index_at(image.span.start)
        if at is None:
            continue
        block = doc.blocks[at]
        if block.kind == "paragraph" and doc.prose_of(block.span).strip():
            block.caption = True  # "![…](…) *The pier at dawn. Photo: AP*" in one paragraph
        elif at + 1 < len(doc.blocks):
            following = doc.blocks[at + 1]
            gap = doc.text[block.span.end : following.span.start]
            if (
                following.kind == "paragraph"
                and gap.count("\n") <= 2
                and len(doc.prose_of(following.span).split()) <= CAPTION_MAX_WORDS
            ):
                following.caption = True
