"""media.image-alt-missing: an image with no text alternative.

A Markdown image with empty alt text (``![](…)``) or an HTML ``<img>`` without ``alt`` or
with ``alt=""`` is reported, unless it is marked decorative (``alt=""`` with
``role="presentation"``, ``role="none"`` or ``aria-hidden="true"``), as WCAG 1.1.1 asks.
Alt text that only stands in for a description (a file name, a URL, "Image for post", "alt
text") describes nothing and is reported too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ..common import terms


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    placeholder = terms(rule, "placeholders", ctx)
    for image in doc.images:
        if image.kind == "front-matter" or image.decorative:
            continue
        if image.alt is None:
            yield Match(image.span, args=("has no alt attribute",))
        elif not image.alt.strip():
            yield Match(image.span, args=("has empty alt text",))
        elif placeholder.fullmatch(image.alt.strip()):
            shown = " ".join(image.alt.split())[:60]
            yield Match(image.span, args=(f"has placeholder alt text ('{shown}')",))
