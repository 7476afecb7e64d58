"""Compiled token patterns that run under a time budget.

Every pattern a user supplies (a house-style rule file, a rule option in the config) is
compiled once with the ``regex`` package and searched with its ``timeout=``, so a
catastrophic pattern costs one rule on one file a bounded amount of time instead of hanging
a CI job. The built-in packs are trusted and tested; they compile with ``re``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIMEOUT = 0.5  # seconds per rule per file


class PatternTimeout(Exception):
    """A rule's patterns used up their time budget on one file."""


class PatternError(ValueError):
    """A token does not compile; the message says which token and why."""


@dataclass
class Budget:
    """The time one rule may spend on one file's pattern searches."""

    seconds: float = DEFAULT_TIMEOUT
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PatternTimeout()
        return left


UNLIMITED = None  # pass as budget for trusted, linear patterns

#: The budget of the rule that is running (``Context.new_budget`` sets it), for user
#: patterns searched where no budget is passed along (URL parts, front-matter values).
_current: Budget | None = None


def activate(budget: Budget | None) -> None:
    global _current
    _current = budget


def bounded(compiled: Any, method: str, text: str, *args: Any, budget: Budget | None = None) -> Any:
    """``compiled.<method>(text, *args)`` (search, match or fullmatch); a user's pattern runs
    under ``budget`` (default: the running rule's) and raises PatternTimeout when it is spent."""
    call = getattr(compiled, method)
    if not is_timed(compiled):
        return call(text, *args)
    budget = budget or _current
    try:
        return call(
            text, *args, timeout=budget.remaining() if budget is not None else DEFAULT_TIMEOUT
        )
    except TimeoutError:
        raise PatternTimeout() from None


def compile_pattern(source: str, ignorecase: bool = False, trusted: bool = False) -> Any:
    """Compile a pattern: built-in (trusted) ones with ``re``, whose compiler is several times
    faster, falling back to ``regex`` for syntax ``re`` lacks; user-supplied ones with ``regex``
    so that they can run under a timeout."""
    if trusted:
        from . import recache
        from .prefix import guarded

        flags = re.IGNORECASE if ignorecase else 0
        try:
            return recache.compile(source, flags, rewrite=guarded)
        except re.error:
            pass
    import regex  # imported only when needed: it costs 20 ms at start-up

    return regex.compile(source, regex.V0 | (regex.IGNORECASE if ignorecase else 0))


def is_timed(compiled: Any) -> bool:
    """Does this compiled pattern accept ``timeout=`` (a ``regex`` pattern)?"""
    return not isinstance(compiled, re.Pattern)


class TokenPattern:
    """A list of regex tokens joined into one alternation, matched on word edges by default.

    Compiled on first use, so a rule that never runs (or stops at a cheap pre-check) costs
    nothing; ``trusted`` marks the built-in packs.
    """

    __slots__ = ("tokens", "ignorecase", "nonword", "trusted", "source", "_compiled")

    def __init__(
        self,
        tokens: Sequence[str],
        ignorecase: bool = False,
        nonword: bool = False,
        trusted: bool = False,
        validate: bool = True,
    ) -> None:
        self.tokens = tuple(tokens)
        self.ignorecase = ignorecase
        self.nonword = nonword
        self.trusted = trusted
        if validate:
            import regex

            for token in self.tokens:
                try:
                    regex.compile(token)
                except regex.error as exc:
                    raise PatternError(
                        f"token {token!r} is not a valid regular expression: {exc}"
                    ) from None
        body = "|".join(f"(?:{token})" for token in self.tokens) or "(?!)"
        self.source = body if nonword else rf"(?<![\w])(?:{body})(?![\w])"
        self._compiled: Any = None

    def __bool__(self) -> bool:
        return bool(self.tokens)

    def __reduce__(self) -> tuple[Any, ...]:
        return (TokenPattern, (self.tokens, self.ignorecase, self.nonword, self.trusted, False))

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            self._compiled = compile_pattern(self.source, self.ignorecase, self.trusted)
        return self._compiled

    def finditer(
        self, text: str, start: int = 0, end: int | None = None, budget: Budget | None = None
    ) -> Iterator[Any]:
        if not self.tokens:
            return iter(())
        end = len(text) if end is None else end
        compiled = self.compiled
        # Built-in (trusted) patterns are not timed, even those that need ``regex`` syntax:
        # otherwise a built-in rule reports rule.timeout on any draft of a megabyte or so.
        if budget is None or self.trusted or not is_timed(compiled):
            return compiled.finditer(text, start, end)  # type: ignore[no-any-return]
        return _timed(compiled, text, start, end, budget)

    def search(
        self, text: str, start: int = 0, end: int | None = None, budget: Budget | None = None
    ) -> Any:
        for match in self.finditer(text, start, end, budget):
            return match
        return None

    def fullmatch(
        self, text: str, start: int = 0, end: int | None = None, budget: Budget | None = None
    ) -> Any:
        if not self.tokens:
            return None
        end = len(text) if end is None else end
        if self.trusted:
            return self.compiled.fullmatch(text, start, end)
        return bounded(self.compiled, "fullmatch", text, start, end, budget=budget)


def _timed(compiled: Any, text: str, start: int, end: int, budget: Budget) -> Iterator[Any]:
    try:
        yield from compiled.finditer(text, start, end, timeout=budget.remaining())
    except TimeoutError:
        raise PatternTimeout() from None


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A match's span without leading or trailing whitespace (patterns may eat a newline)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def shown(text: str) -> str:
    """Matched prose as it reads: masked markup and line breaks collapsed to single spaces."""
    return " ".join(text.split())


def compile_regex(pattern: str, ignorecase: bool = False) -> Any:
    """Compile one user or built-in regex, with a readable error."""
    import regex

    try:
        return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignorecase else 0))
    except regex.error as exc:
        raise PatternError(f"{pattern!r} is not a valid regular expression: {exc}") from None
