"""``python``: a named check function for logic that data cannot express.

Checks resolve only to lintnews' own modules (``lintnews.checks``) or to installed plugins
registered under the ``lintnews.checks`` entry-point group. A rule file can name a check; it
can never make lintnews import code from the repository being linted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..model import Match
from .base import Context, Rule

CheckFunction = Callable[[Document, "PythonRule", Context], Iterable[Match]]


@dataclass
class PythonRule(Rule):
    check_name: str = ""
    _function: CheckFunction | None = field(default=None, repr=False, compare=False)
    #: Per-rule cache for compiled option data (built on first use, then reused).
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_function"] = None
        state["cache"] = {}
        return state

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        if self._function is None:
            from ..checks import resolve

            self._function = resolve(self.check_name)
        return self._function(doc, self, ctx)

    def configured(self, severity: Any = None, options: dict[str, Any] | None = None) -> Rule:
        copy = super().configured(severity, options)
        if options:
            copy.cache = {}  # type: ignore[attr-defined]
        return copy
