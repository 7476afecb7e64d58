"""The article fields an audit reports beside each finding: date, author, section, tags.

Front matter varies between publishing systems, so each field has a few common spellings;
values are normalised to plain strings (an ISO date, comma-joined authors, a list of tags).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_DATE_KEYS = ("date", "published", "publishdate", "pubdate", "published_at")
_AUTHOR_KEYS = ("author", "authors", "byline")
_SECTION_KEYS = ("section", "category", "categories")
_TAG_KEYS = ("tags", "keywords")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class ArticleFields:
    date: str | None = None  # YYYY-MM-DD
    author: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_front_matter(cls, data: Mapping[str, Any]) -> ArticleFields:
        lowered = {str(key).lower(): value for key, value in data.items()}
        return cls(
            date=_date(_first(lowered, _DATE_KEYS)),
            author=_names(_first(lowered, _AUTHOR_KEYS)),
            section=_section(_first(lowered, _SECTION_KEYS)),
            tags=_tags(_first(lowered, _TAG_KEYS)),
        )


def _first(data: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if data.get(key) not in (None, "", []):
            return data[key]
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str):
        match = _ISO_DATE.match(value.strip())
        if match:
            try:
                return dt.date(*map(int, match.groups())).isoformat()
            except ValueError:  # 2024-02-30
                return None
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, Mapping):  # {name: ..., email: ...}
        value = value.get("name")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for name in map(_name, value) if name]
        return ", ".join(names) or None
    return _name(value)


def _section(value: Any) -> str | None:
    if isinstance(value, list):  # categories: [local, transportation]: the first is the section
        value = value[0] if value else None
    return _name(value)


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    return tuple(tag for tag in map(_name, value) if tag)
