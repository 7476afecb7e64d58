"""A first-character guard for alternations of words, derived from the pattern itself.

Python's ``re`` tries every alternative of a large case-insensitive alternation at every
position. Prefixing a pattern with a look-ahead for the characters it can start with, e.g.
``(?=[AaBb…])``, lets most positions fail at once; the guard is computed from the parsed
pattern, so it can never change what the pattern matches. Patterns that can start with any
character, or match the empty string, get no guard.
"""

from __future__ import annotations

import re
from typing import Any

try:  # CPython 3.11+ keeps the parser here; on older versions the guard is simply skipped
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _parser = None

MAX_CHARS = 80


_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s"} if _parser is not None else {}


def guarded(source: str, flags: int) -> str:
    """``source`` with a first-character look-ahead when one helps; else ``source``."""
    if _parser is None or source.startswith("(?") and re.match(r"\(\?[aiLmsux]+\)", source):
        return source
    try:
        first, nullable = _first(_parser.parse(source, flags).data)
    except Exception:
        return source
    if first is None or nullable or not first:
        return source
    if flags & re.IGNORECASE:
        first = _both_cases(first)
    chars = {c for c in first if isinstance(c, int)}
    if len(chars) > MAX_CHARS:
        return source
    # \d and \s stay classes: they are Unicode-wide, so no list of characters would cover them
    cls = "".join(
        re.escape(chr(c)) if chr(c) not in "]\\^-" else "\\" + chr(c) for c in sorted(chars)
    )
    cls += "".join(sorted(c for c in first if isinstance(c, str) and c != _FOLD))
    if _FOLD in first and not flags & re.IGNORECASE:
        return f"(?=(?i:[{cls}]))(?:{source})"  # so the guard folds case as the pattern does
    return f"(?=[{cls}])(?:{source})"


_First = set[int | str]
_FOLD = "fold"  # a marker: part of the pattern matches case-insensitively


def _both_cases(first: _First) -> _First:
    """Add the other case of each character (the guard must match whatever the pattern does;
    ``re`` folds some characters further, e.g. K and the Kelvin sign, under the same flag)."""
    out: _First = set(first)
    for c in first:
        if isinstance(c, int):
            for other in (chr(c).lower(), chr(c).upper()):
                if len(other) == 1:
                    out.add(ord(other))
    return out


def _first(items: Any) -> tuple[_First | None, bool]:
    """What a sequence can start with (characters, or ``\\d``/``\\s``), and whether it can
    match nothing."""
    found: _First = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the next item decides
        first, nullable = _first_item(op, av)
        if first is None:
            return None, False
        found |= first
        if not nullable:
            return found, False
    return found, True


def _first_item(op: Any, av: Any) -> tuple[_First | None, bool]:
    first: _First | None
    if op is _c.LITERAL:
        return {av}, False
    if op is _c.IN:
        first = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                first.add(value)
            elif kind is _c.RANGE and value[1] - value[0] <= MAX_CHARS:
                first.update(range(value[0], value[1] + 1))
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                first.add(_CATEGORIES[value])
            else:
                return None, False
        return first, False
    if op is _c.BRANCH:
        first, nullable = set(), False
        for alternative in av[1]:
            sub, empty = _first(alternative)
            if sub is None:
                return None, False
            first |= sub
            nullable = nullable or empty
        return first, nullable
    if op is _c.SUBPATTERN:
        first, nullable = _first(av[-1])
        if first is not None and av[1] & _parser.SRE_FLAG_IGNORECASE:  # (?i:...) inside
            first = _both_cases(first) | {_FOLD}
        return first, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        first, nullable = _first(sub)
        return first, nullable or low == 0
    return None, False
