"""style.unbalanced-quotes: an opening quotation mark that is never closed in its paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...source import Span


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    for span in doc.unclosed_quotes:
        block = doc.block_at(span.start)
        if block is not None and block.is_heading:
            continue
        yield Match(Span(span.start, span.start + 1))
