"""What every rule has, whatever extension point it uses, and the context rules run in."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..document import Block, Document
from ..model import Match, Severity
from ..ruleset.patterns import DEFAULT_TIMEOUT, Budget, activate, is_trusted


@dataclass(frozen=True)
class RuleExample:
    verdict: str  # "bad" or "good"
    text: str
    format: str = "markdown"
    options: dict[str, Any] = field(default_factory=dict)


class Scope:
    """Which prose blocks a rule looks at: Vale-style names, ``~name`` to exclude."""

    __slots__ = ("include", "exclude", "names")

    def __init__(self, names: str | Iterable[str]) -> None:
        self.names = (names,) if isinstance(names, str) else tuple(names)
        self.include = {n for n in self.names if not n.startswith("~")}
        self.exclude = {n[1:] for n in self.names if n.startswith("~")}

    @property
    def raw(self) -> bool:
        return "raw" in self.include

    def accepts(self, block: Block) -> bool:
        tags = _tags(block)
        if self.exclude & tags:
            return False
        return not self.include or bool(self.include & tags)


def _tags(block: Block) -> set[str]:
    tags = {"prose", "document", "sentence", block.kind}
    if block.kind == "heading":
        tags.add(f"heading.h{block.level}")
    else:
        tags.update(("text", "body"))
    if block.kind in ("paragraph", "html", "caption"):
        tags.add("paragraph")
    if block.caption:
        tags.add("caption")
    if block.in_list:
        tags.add("list")
    if block.in_blockquote:
        tags.add("blockquote")
    if block.kind == "table_cell":
        tags.add("table")
    return tags


class Exceptions:
    """A rule's ``exceptions``: a match is excepted when an exception matches exactly the
    flagged text ("NASA" for a shouting rule) or a longer phrase around it ("Web Site Awards"
    for a rule that flags "web site"). The text is searched once per document."""

    __slots__ = ("pattern", "text", "budget", "_starts", "_ends")

    def __init__(self, pattern: Any, text: str, budget: Any) -> None:
        self.pattern = pattern
        self.text = text
        self.budget = budget
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def covers(self, start: int, end: int) -> bool:
        if self.pattern is None:
            return False
        if self.pattern.fullmatch(self.text, start, end, self.budget):
            return True
        if self._starts is None:
            found = [
                m.span() for m in self.pattern.finditer(self.text, 0, len(self.text), self.budget)
            ]
            self._starts = [a for a, _ in found]
            self._ends = [b for _, b in found]
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and end <= self._ends[index]


class Context:
    """Per-document state shared by the rules: memoised analyses and the time budget."""

    def __init__(self, doc: Document, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.doc = doc
        self.timeout = timeout
        self.budget = Budget(timeout)
        activate(self.budget)
        self._memo: dict[str, Any] = {}

    def new_budget(self) -> Budget:
        self.budget = Budget(self.timeout)
        activate(self.budget)  # for user patterns searched without a budget at hand
        return self.budget

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """Compute an analysis once per document (e.g. which sentences carry attribution)."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]


@dataclass
class Rule:
    """A rule ready to run: metadata from its file plus the compiled matcher of its extension."""

    id: str
    extension: str
    severity: Severity
    message: str
    description: str
    summary_line: str = ""
    link: str | None = None
    enabled: bool = True
    scope: Scope = field(default_factory=lambda: Scope("prose"))
    quotes: str = "skip"
    aliases: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    examples: tuple[RuleExample, ...] = ()
    source: str = ""  # the rule file, for error messages
    builtin: bool = True

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def summary(self) -> str:
        """One line for listings: the rule file's ``summary``."""
        return self.summary_line or self.description.strip().split("\n")[0]

    #: Whether matches carry fixes (declared in the rule file; substitution rules always do).
    fixes: bool = False
    #: Option keys the user's config set: their patterns are untrusted and run under a timeout.
    user_options: frozenset[str] = frozenset()

    @property
    def fixable(self) -> bool:
        return self.fixes

    def trusts(self, *keys: str) -> bool:
        """May patterns built from the option ``keys`` (none named: from any option) run
        untimed? Only a built-in rule's, and only while the user has not set them."""
        return is_trusted(self.builtin, self.user_options, keys or None)

    def configured(
        self, severity: Severity | None = None, options: dict[str, Any] | None = None
    ) -> Rule:
        """A copy with the user's severity and options applied."""
        merged = {**self.options, **(options or {})}
        return replace(
            self,
            severity=severity or self.severity,
            options=merged,
            user_options=frozenset(options or ()),
        )

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        raise NotImplementedError

    # -- helpers shared by the declarative extensions ---------------------------------------
    def accepts(self, doc: Document, start: int, end: int) -> bool:
        """True when [start, end) is in this rule's scope and quote setting."""
        block = doc.block_at(start)
        if block is None or end > block.span.end or not self.scope.accepts(block):
            return False
        if doc.crosses_code(start, end):
            return False
        if self.quotes == "include":
            return True
        quoted = doc.is_quoted(start, end)
        return quoted if self.quotes == "only" else not quoted
