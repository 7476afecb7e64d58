"""Verb forms derived from base forms in the lexicons ("open" -> "opens", "say" -> "says")."""

from __future__ import annotations

_IRREGULAR_S = {"have": "has", "do": "does", "go": "goes", "be": "is", "say": "says"}


def third_person(base: str) -> str:
    base = base.lower().strip()
    if base in _IRREGULAR_S:
        return _IRREGULAR_S[base]
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"
