"""style.double-space: two or more spaces between words.

Only real spaces in prose count: the gaps left where markup was masked, indentation, and
trailing spaces (a Markdown line break) do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Edit, Match
from ...source import Span

_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    text = doc.text
    for block in doc.blocks:
        if block.kind == "table_cell":
            continue
        for found in _GAP.finditer(doc.prose, block.span.start, block.span.end):
            start, end = found.span()
            if text[start:end].strip(" ") or text[start - 1].isspace() or text[end].isspace():
                continue  # masked markup, not spaces in the source
            yield Match(Span(start, end), fix=Edit(Span(start, end), " "))
