"""media.image-credit-missing: an image nobody is credited for.

Credits are looked for where editors put them: a ``<figcaption>`` or image title naming a
source, a credit line in the image's paragraph or right below it ("Photo: …", "Image
courtesy of …", "Photo by … on Unsplash"), and, for a featured image, a front-matter credit
key (``image_credit``, ``credit``, ``photo_credit``; a caption key counts when it names a
source). A credit line serves one image. A credit line that serves no inline image credits
the featured image ("Image courtesy of Franck V./Unsplash" at the end of a post).
Decorative images (``alt=""`` with ``role="presentation"``) need no credit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document, Image
from ...model import Match
from ..common import terms
from ._featured import featured_images, front_matter_values

CAPTION_WINDOW = 240


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    cue = terms(rule, "credit-cues", ctx)
    claimed: set[int] = set()
    uncredited: list[Image] = []
    own = tuple(str(o).lower() for o in rule.options.get("own-images", []) if str(o).strip())
    utility = terms(rule, "utility-images", ctx)
    images = sorted(
        (
            i
            for i in doc.images
            if not i.decorative and not _own(i.src, own) and not _utility(i, utility)
        ),
        key=lambda i: i.span.start,
    )
    for image in images:
        if not _credited(doc, image, cue, claimed):
            uncredited.append(image)
    fm_credit = bool(front_matter_values(doc, rule.options.get("credit-keys", []))) or any(
        cue.search(value)
        for value in front_matter_values(doc, rule.options.get("caption-keys", []))
    )
    spare = [b for b in _credit_blocks(doc, cue) if b not in claimed]
    featured = list(featured_images(doc, rule.options.get("image-keys", [])))
    body_files = {_file_name(i.src) for i in images if i.src}
    for item in featured:
        if fm_credit or _file_name(item.src) in body_files or _own(item.src, own):
            # a front-matter credit, or the same picture in the body: credited there, or
            # reported there once
            continue
        if spare:
            spare.pop(0)
            continue
        yield Match(item.span, args=(f"the featured image ({item.key})",))
    if not featured and fm_credit and uncredited:
        uncredited.pop(0)  # a front-matter credit with no featured image credits the lead image
    if len(images) == 1 and uncredited and spare:
        uncredited.pop()  # a single image, credited somewhere in the post
    for image in uncredited:
        yield Match(image.span, args=("this image",))


def _utility(image: Image, utility: Any) -> bool:
    """A QR code, badge, logo or icon: part of the page's furniture, nobody's photograph."""
    return bool(utility.search(image.src or "") or utility.search(image.alt or ""))


def _own(src: str, own: tuple[str, ...]) -> bool:
    """The author's own image: its path starts with, or its host is, an ``own-images`` entry."""
    if not own or not src:
        return False
    lowered = src.lower()
    path = lowered.split("://", 1)[-1]
    host = path.split("/", 1)[0]
    return any(
        lowered.startswith(o)
        or path.startswith(o.lstrip("/"))
        or host == o
        or host.endswith("." + o)
        for o in own
    )


def _file_name(src: str) -> str:
    return src.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0].lower()


def _credited(doc: Document, image: Image, cue: Any, claimed: set[int]) -> bool:
    if image.credit and image.credit.strip():
        return True  # a shortcode's attr=/credit= parameter
    for text in (image.caption, image.title):
        if text and cue.search(text):
            return True
    index = doc.block_index(image.span.start)
    if index is not None:
        block = doc.blocks[index]
        after = doc.prose[image.span.end : min(block.span.end, image.span.end + CAPTION_WINDOW)]
        if cue.search(after):
            claimed.add(index)
            return True
        following = index + 1
    else:
        following = next(
            (i for i, b in enumerate(doc.blocks) if b.span.start >= image.span.end), len(doc.blocks)
        )
    if (
        following < len(doc.blocks)
        and _is_credit_line(doc, following, cue)
        and _adjacent(doc, image.span.end, following)
    ):
        claimed.add(following)
        return True
    before = (index if index is not None else following) - 1
    if before >= 0 and before not in claimed and _is_credit_line(doc, before, cue, short=True):
        if _adjacent_before(doc, before, image.span.start):
            claimed.add(before)
            return True
    return False


def _is_credit_line(doc: Document, index: int, cue: Any, short: bool = False) -> bool:
    block = doc.blocks[index]
    text = doc.prose_of(block.span).strip()
    if block.is_heading or not text or (short and len(text.split()) > 20):
        return False
    found = cue.search(text[:80])
    if found is None:
        return False
    return not text[: found.start()].strip(" *_([") or len(text.split()) <= 12


def _adjacent(doc: Document, end: int, index: int) -> bool:
    gap = doc.source.line_index(doc.blocks[index].span.start) - doc.source.line_index(end)
    return gap <= 2


def _adjacent_before(doc: Document, index: int, start: int) -> bool:
    gap = doc.source.line_index(start) - doc.source.line_index(doc.blocks[index].span.end)
    return gap <= 2


def _credit_blocks(doc: Document, cue: Any) -> list[int]:
    return [i for i in range(len(doc.blocks)) if _is_credit_line(doc, i, cue, short=True)]
