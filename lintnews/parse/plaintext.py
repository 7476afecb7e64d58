"""Plain-text drafts: the first non-blank line is the headline; paragraphs split on blank lines."""

from __future__ import annotations

import re

from ..document import Block, Comment
from .builder import Builder

# In plain text a directive sits on a line of its own, without HTML comment markers.
DIRECTIVE_LINE = re.compile(r"^\s*(?:<!--\s*)?(lintnews-(?:disable|enable)[^\n]*?)(?:\s*-->)?\s*$")


def build(builder: Builder) -> None:
    source = builder.source
    first = 0
    if builder.front_matter is not None:
        first = source.line_index(builder.front_matter.span.end) + 1
    paragraph_start: int | None = None
    seen_headline = False

    def close(last_line: int) -> None:
        nonlocal paragraph_start
        if paragraph_start is None:
            return
        span = source.lines_span(paragraph_start, last_line)
        builder.blocks.append(Block("paragraph", span))
        builder.keep.append(span)
        paragraph_start = None

    for index in range(first, source.line_count):
        line = source.line_text(index)
        directive = DIRECTIVE_LINE.match(line)
        if directive:
            close(index)
            builder.comments.append(Comment(source.line_span(index), directive.group(1)))
            continue
        if not line.strip():
            close(index)
        elif not seen_headline:
            seen_headline = True
            span = source.line_span(index)
            builder.blocks.append(Block("heading", span, level=1))
            builder.keep.append(span)
        elif paragraph_start is None:
            paragraph_start = index
    close(source.line_count)
