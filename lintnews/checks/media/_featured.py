"""Featured images and credits declared in front matter (Hugo, Jekyll, Astro, WordPress exports)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ...document import Document
from ...source import Span

_IMAGE_SUBKEYS = (
    "image",
    "src",
    "url",
    "path",
    "file",
    "feature",
    "featured",
    "thumbnail",
    "teaser",
)


@dataclass(frozen=True)
class Featured:
    key: str
    src: str
    span: Span


def featured_images(doc: Document, keys: Iterable[str]) -> Iterator[Featured]:
    matter = doc.front_matter
    if matter is None or matter.error is not None:
        return
    seen: set[str] = set()
    for key in keys:
        value = matter.get(key)
        src, path = _source(value, key)
        if not src or src in seen:
            continue
        seen.add(src)
        yield Featured(path, src, matter.span_of(path))


def _source(value: Any, key: str) -> tuple[str, str]:
    if isinstance(value, str) and value.strip():
        return value.strip(), key
    if isinstance(value, list) and value:
        first, path = _source(value[0], f"{key}.0")
        return first, path
    if isinstance(value, dict):
        for sub in _IMAGE_SUBKEYS:
            if isinstance(value.get(sub), str) and value[sub].strip():
                return value[sub].strip(), f"{key}.{sub}"
    return "", key


def front_matter_values(doc: Document, keys: Iterable[str]) -> list[str]:
    matter = doc.front_matter
    if matter is None or matter.error is not None:
        return []
    out = []
    for key in keys:
        value = matter.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            out.append(str(value).strip())
    return out
