"""``existence``: flag every occurrence of any token (Vale's existence check)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Document
from ..model import Match
from ..ruleset.patterns import TokenPattern, shown, trimmed
from ..source import Span
from .base import Context, Exceptions, Rule


@dataclass
class ExistenceRule(Rule):
    pattern: TokenPattern = field(default_factory=lambda: TokenPattern(()))
    exceptions: TokenPattern | None = None

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        raw = self.scope.raw
        text = doc.text if raw else doc.prose
        excepted = Exceptions(self.exceptions, text, ctx.budget)
        for found in self.pattern.finditer(text, 0, len(text), ctx.budget):
            start, end = trimmed(text, *found.span())
            if start == end:
                continue
            if not raw and not self.accepts(doc, start, end):
                continue
            if excepted.covers(start, end):
                continue
            yield Match(Span(start, end), args=(shown(text[start:end]),))
