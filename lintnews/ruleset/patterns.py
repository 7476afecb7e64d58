"""Every pattern lintnews runs: compiled here, searched here, under a time budget here.

Whether a pattern is trusted is decided in one place, ``is_trusted``: only patterns of the
built-in packs, with options the user did not set, are. Trusted patterns are tested, compile
with ``re`` (several times faster to compile) and run without a limit. Every other pattern
(a house-style rule file, a rule option in the config) compiles with the ``regex`` package
into a ``TimedPattern``, whose every search runs with ``timeout=`` from the running rule's
budget, so a catastrophic pattern costs one rule on one file a bounded amount of time
instead of hanging a CI job. Python checks get a CPU-time limit per file too
(``check_time_limit``), for logic that no regex timeout can stop.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIMEOUT = 0.5  # seconds per rule per file


class PatternTimeout(Exception):
    """A rule's patterns used up their time budget on one file."""


class CheckTimeout(BaseException):
    """A Python check ran out of CPU time on one file. A BaseException, so that a check's own
    ``except Exception`` cannot swallow it."""


class PatternError(ValueError):
    """A token does not compile; the message says which token and why."""


def is_trusted(
    builtin: bool, user_options: Iterable[str] = (), keys: Iterable[str] | None = None
) -> bool:
    """Whether a pattern may run untimed: it comes from a built-in pack (``builtin``) and
    none of the option ``keys`` it is built from (None: any option) was set by the user."""
    if not builtin:
        return False
    chosen = set(user_options)
    return not chosen if keys is None else not chosen.intersection(keys)


@dataclass
class Budget:
    """The time one rule may spend on one file's pattern searches. Counted in CPU time of
    this process, so that a loaded machine (a shared CI runner) does not time rules out; a
    search gets what is left as its ``timeout=``."""

    seconds: float = DEFAULT_TIMEOUT
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.deadline = time.process_time() + self.seconds

    def remaining(self) -> float:
        left = self.deadline - time.process_time()
        if left <= 0:
            raise PatternTimeout()
        return left


#: The budget of the rule that is running (``Context.new_budget`` sets it), for user
#: patterns searched where no budget is passed along (URL parts, front-matter values).
_current: Budget | None = None


def activate(budget: Budget | None) -> None:
    global _current
    _current = budget


class TimedPattern:
    """A compiled ``regex`` pattern whose searches all run under a time budget: the one
    given, else the running rule's. Same call shapes as ``re.Pattern``."""

    __slots__ = ("compiled",)

    def __init__(self, compiled: Any) -> None:
        self.compiled = compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern  # type: ignore[no-any-return]

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def _timeout(self, budget: Budget | None) -> float:
        budget = budget or _current
        return budget.remaining() if budget is not None else DEFAULT_TIMEOUT

    def _call(
        self, method: str, text: str, pos: int, endpos: int | None, budget: Budget | None
    ) -> Any:
        end = len(text) if endpos is None else endpos
        try:
            return getattr(self.compiled, method)(text, pos, end, timeout=self._timeout(budget))
        except TimeoutError:
            raise PatternTimeout() from None

    def search(
        self, text: str, pos: int = 0, endpos: int | None = None, budget: Budget | None = None
    ) -> Any:
        return self._call("search", text, pos, endpos, budget)

    def match(
        self, text: str, pos: int = 0, endpos: int | None = None, budget: Budget | None = None
    ) -> Any:
        return self._call("match", text, pos, endpos, budget)

    def fullmatch(
        self, text: str, pos: int = 0, endpos: int | None = None, budget: Budget | None = None
    ) -> Any:
        return self._call("fullmatch", text, pos, endpos, budget)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, budget: Budget | None = None
    ) -> Iterator[Any]:
        end = len(text) if endpos is None else endpos
        try:
            yield from self.compiled.finditer(text, pos, end, timeout=self._timeout(budget))
        except TimeoutError:
            raise PatternTimeout() from None

    def sub(self, repl: Any, text: str, count: int = 0, budget: Budget | None = None) -> str:
        try:
            return self.compiled.sub(repl, text, count, timeout=self._timeout(budget))  # type: ignore[no-any-return]
        except TimeoutError:
            raise PatternTimeout() from None


def bounded(compiled: Any, method: str, text: str, *args: Any, budget: Budget | None = None) -> Any:
    """``compiled.<method>(text, *args)`` (search, match or fullmatch), under ``budget``
    (default: the running rule's) when the pattern is a user's."""
    if isinstance(compiled, TimedPattern):
        return getattr(compiled, method)(text, *args, budget=budget)
    return getattr(compiled, method)(text, *args)


def compile_pattern(source: str, ignorecase: bool = False, trusted: bool = False) -> Any:
    """Compile a pattern: a trusted one with ``re`` (falling back to ``regex`` for syntax
    ``re`` lacks), into a plain compiled pattern; any other with ``regex``, into a
    ``TimedPattern``."""
    if trusted:
        from . import recache
        from .prefix import guarded

        flags = re.IGNORECASE if ignorecase else 0
        try:
            return recache.compile(source, flags, rewrite=guarded)
        except re.error:
            pass
    import regex  # imported only when needed: it costs 20 ms at start-up

    compiled = regex.compile(source, regex.V0 | (regex.IGNORECASE if ignorecase else 0))
    return compiled if trusted else TimedPattern(compiled)


# -- Python checks ---------------------------------------------------------------------------
CHECK_SECONDS_PER_MB = 20.0


def check_seconds(size: int, regex_timeout: float = DEFAULT_TIMEOUT) -> float:
    """CPU seconds a Python check may spend on a file of ``size`` characters: ten times the
    regex timeout (5 s by default), plus 20 s per MB (the built-in rules need about 10 s per
    MB together), so only a runaway (looping or super-linear) check is ever stopped."""
    return max(10 * regex_timeout, 1.0) + CHECK_SECONDS_PER_MB * size / 1_000_000


@contextmanager
def check_time_limit(seconds: float) -> Iterator[None]:
    """Raise CheckTimeout inside the block once it has used ``seconds`` of CPU time.

    A process-wide CPU timer (SIGVTALRM) interrupts pure-Python loops; it needs the main
    thread, so elsewhere (a library caller's thread) the block runs unlimited."""
    import signal
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise CheckTimeout()

    previous: Callable[..., Any] | int | None = signal.signal(signal.SIGVTALRM, expired)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous if previous is not None else signal.SIG_DFL)


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
        # Built-in (trusted) patterns are not timed, even those that need ``regex`` syntax:
        # otherwise a built-in rule reports rule.timeout on any draft of a megabyte or so.
        return bounded(self.compiled, "finditer", text, start, end, budget=budget)  # type: ignore[no-any-return]

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
        return bounded(self.compiled, "fullmatch", text, start, end, budget=budget)


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
