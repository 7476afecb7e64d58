"""Vale's pattern construction (``\\b(?:a|b)\\b`` word edges, ``nonword``, ``raw``, ``append``)
compiled with ``regex`` and searched under the running rule's time budget.

Vale's regex engine is Go's regexp2 (look-around allowed); ``regex`` reads the same syntax.
Patterns always run in multiline mode, as Vale's ``(?m)`` template says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..ruleset.patterns import PatternError, TimedPattern

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


def compile_vale(pattern: str, ignorecase: bool = False) -> TimedPattern:
    """Compile a Vale pattern (multiline; ignorecase as the rule says) as a ``TimedPattern``:
    every search runs under the running rule's time budget. Errors name the pattern."""
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
        return TimedPattern(regex.compile(pattern, flags))
    except regex.error as exc:
        raise PatternError(f"{pattern!r} is not a valid regular expression: {exc}") from None


def groups(compiled: TimedPattern) -> int:
    return int(compiled.compiled.groups)


def finditer(compiled: TimedPattern, text: str, budget: Any) -> Iterator[Any]:
    """All matches under ``budget`` (raises PatternTimeout when it is spent)."""
    return compiled.finditer(text, budget=budget)


def search(compiled: TimedPattern, text: str, budget: Any) -> Any:
    return compiled.search(text, budget=budget)
