"""Several config and rule-file problems found in one run, reported together.

A user who fixes one typo only to meet the next on the following run (as with a compiler that
stops at the first error) loses minutes per mistake; ruff and markdownlint list them all.
Each collected problem keeps its own file, line and key (ConfigError, RuleFileError).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Problems(Exception):
    """Two or more problems; ``problems`` holds each (``str()`` of one is file:line: key: …).

    ``partial`` carries what could still be built (e.g. the settings without the bad keys),
    so later stages can look for more problems in the same run."""

    def __init__(self, problems: list[Exception], partial: Any = None) -> None:
        self.problems = problems
        self.partial = partial
        super().__init__("\n".join(str(problem) for problem in problems))


class Collector:
    """Gathers problems from independent checks; ``raise_if_any`` ends the stage."""

    def __init__(self) -> None:
        self.problems: list[Exception] = []

    @contextmanager
    def step(self, *kinds: type[Exception]) -> Iterator[None]:
        """Run one independent check; a problem of ``kinds`` is kept, not raised."""
        try:
            yield
        except Problems as exc:
            self.problems.extend(exc.problems)
        except kinds as exc:
            self.problems.append(exc)

    def add(self, problem: Exception) -> None:
        self.problems.append(problem)

    def raise_if_any(self, partial: Any = None) -> None:
        """One problem is raised as itself (callers catch ConfigError as before), several as
        Problems; either way ``partial`` rides along on the exception."""
        if len(self.problems) == 1:
            problem = self.problems[0]
            problem.partial = partial  # type: ignore[attr-defined]
            raise problem
        if self.problems:
            raise Problems(list(self.problems), partial)


def flatten(error: Exception) -> list[Exception]:
    return list(error.problems) if isinstance(error, Problems) else [error]


def partial_of(error: Exception) -> Any:
    """What the failed stage could still build (None: nothing)."""
    return getattr(error, "partial", None)
