"""style.undefined-acronym: an acronym used before it is spelled out.

An all-capitals word of two to six letters counts as defined once it appears next to its
expansion in parentheses, either way round: "neural processing unit (NPU)" or "NPU (neural
processing unit)". Acronyms every reader knows are listed in the ``known`` option.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...source import Span
from ..common import word_set

_ACRONYM = re.compile(r"(?<![\w$#@/.-])([A-Z][A-Z0-9&]{1,5})(?:s|'s|’s)?(?![\w-]*[a-z])(?![\w/])")


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    known = word_set(rule, "known")
    prose = doc.prose
    reported: set[str] = set()
    defined: set[str] = set()
    for block in doc.blocks:
        if block.is_heading:
            continue
        for found in _ACRONYM.finditer(prose, block.span.start, block.span.end):
            acronym = found.group(1)
            if acronym.lower() in known or acronym in reported or acronym in defined:
                continue
            if any(ch.isdigit() for ch in acronym) or sum(ch.isalpha() for ch in acronym) < 2:
                continue  # product codes and ratings (IPX4, DESK15) are not acronyms
            if _defined_here(prose, found.start(), found.end(), acronym):
                defined.add(acronym)
                continue
            reported.add(acronym)
            yield Match(Span(found.start(1), found.end(1)), args=(acronym,))


def _defined_here(prose: str, start: int, end: int, acronym: str) -> bool:
    before = prose[max(0, start - 2) : start]
    after = prose[end : end + 3]
    if before.endswith("(") or before.endswith("( "):
        # "neural processing unit (NPU)": the words before the bracket start with its letters
        words = re.findall(r"[A-Za-z][\w-]*", prose[max(0, start - 120) : start])
        initials = "".join(w[0] for w in words[-len(acronym) - 3 :]).upper()
        return acronym[0] in initials
    return after.lstrip().startswith("(")
