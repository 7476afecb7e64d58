"""media.image-alt-missing: an image with no text alternative.

A Markdown image with empty alt text (``![](…)``) or an HTML ``<img>`` without ``alt`` or
with ``alt=""`` is reported, unless it is marked decorative (``alt=""`` with
``role="presentation"``, ``role="none"`` or ``aria-hidden="true"``), as WCAG 1.1.1 asks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    for image in doc.images:
        if image.kind == "front-matter" or image.decorative:
            continue
        if image.alt is None:
            yield Match(image.span, args=("has no alt attribute",))
        elif not image.alt.strip():
            yield Match(image.span, args=("has empty alt text",))
