"""Vale's pattern construction (``\\b(?:a|b)\\b`` word edges, ``nonword``, ``raw``, ``append``)
compiled with ``regex`` and searched under the running rule's time budget.

Vale's regex engine is Go's regexp2 (look-around allowed); ``regex`` reads the same syntax.
Patterns always run in multiline mode, as Vale's ``(?m)`` template says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..patterns import PatternError, PatternTimeout, bounded, is_timed

WORD = r"\b(?:{})\b"
NONWORD = r"(?:{})"
# Inline global flags a token may start with ("(?i)foo"): hoisted to compile flags.
_LEADING_FLAGS = re.compile(r"^\(\?([imsx]+)\)")


def join_tokens(tokens: Sequence[str]) -> str:
    return "|".join(tokens)


def build(
    tokens: Sequence[str],
    nonword: bool = False,
    raw: Sequence[str] = (),
    append: bool = False,
) -> str:
    """The pattern Vale makes from a rule's ``tokens`` and ``raw`` keys."""
    body = join_tokens(tokens)
    word = not nonword and bool(tokens)
    pattern = (WORD if word else NONWORD).format(body) if tokens else ""
    extra = "".join(raw)
    return pattern + extra if append else extra + pattern


def compile_vale(pattern: str, ignorecase: bool = False) -> Any:
    """Compile a Vale pattern (multiline; ignorecase as the rule says); errors name it."""
    import regex

    flags = regex.V0 | regex.MULTILINE
    if ignorecase:
        flags |= regex.IGNORECASE
    found = _LEADING_FLAGS.match(pattern)
    if found:
        pattern = pattern[found.end() :]
        for letter in found.group(1):
            flags |= {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL}.get(
                letter, regex.VERBOSE
            )
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise PatternError(f"{pattern!r} is not a valid regular expression: {exc}") from None


def finditer(compiled: Any, text: str, budget: Any) -> Iterator[Any]:
    """All matches under ``budget`` (raises PatternTimeout when it is spent)."""
    if not is_timed(compiled):
        yield from compiled.finditer(text)
        return
    try:
        yield from compiled.finditer(text, timeout=budget.remaining())
    except TimeoutError:
        raise PatternTimeout() from None


def fullmatch(compiled: Any, text: str, budget: Any) -> bool:
    return bool(bounded(compiled, "fullmatch", text, budget=budget))


def search(compiled: Any, text: str, budget: Any) -> Any:
    return bounded(compiled, "search", text, budget=budget)
