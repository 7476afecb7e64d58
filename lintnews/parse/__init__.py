"""Text to Document: front matter, blocks, prose view, links, images, sentences, quotes."""

from __future__ import annotations

from ..document import Document
from ..source import SourceText
from .builder import Builder
from .frontmatter import split_front_matter
from .segment import segment

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd")


def format_for(path: str) -> str:
    """"markdown" or "text", from the file name."""
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def parse_document(path: str, text: str, fmt: str | None = None) -> Document:
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
    segment(doc)
    doc.finish()
    return doc
