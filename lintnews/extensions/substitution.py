"""``substitution``: prefer one wording over another, with a fix (Vale's substitution check)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Document
from ..model import Edit, Match
from ..ruleset.patterns import TokenPattern
from ..source import Span
from .base import Context, Exceptions, Rule


@dataclass
class SubstitutionRule(Rule):
    #: One pattern per ``swap`` key, in file order, with its replacement.
    swaps: tuple[tuple[TokenPattern, str], ...] = ()
    combined: TokenPattern = field(default_factory=lambda: TokenPattern(()))
    exceptions: TokenPattern | None = None

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        raw = self.scope.raw
        text = doc.text if raw else doc.prose
        excepted = Exceptions(self.exceptions, text, ctx.budget)
        for found in self.combined.finditer(text, 0, len(text), ctx.budget):
            start, end = found.span()
            if start == end or (not raw and not self.accepts(doc, start, end)):
                continue
            matched = doc.text[start:end]
            if excepted.covers(start, end):
                continue
            replacement = self._replacement_for(matched)
            if replacement is None or replacement == matched or self._house_allows(matched):
                continue
            choices = [c.strip() for c in replacement.split("|")]
            fix = (
                Edit(Span(start, end), _match_case(matched, choices[0]))
                if len(choices) == 1
                else None
            )
            yield Match(Span(start, end), args=("' or '".join(choices), matched), fix=fix)

    def _house_allows(self, matched: str) -> bool:
        """The ``house-style`` option picks a set of the rule's ``house-styles``: wordings
        that house accepts ("per cent" in British style) are not flagged."""
        style = self.options.get("house-style")
        if not style:
            return False
        allowed = (self.options.get("house-styles") or {}).get(style, ())
        return " ".join(matched.lower().split()) in {str(a).lower() for a in allowed}

    def _replacement_for(self, matched: str) -> str | None:
        for pattern, replacement in self.swaps:
            if pattern.fullmatch(matched):  # under the running rule's budget
                return replacement
        return None


def _match_case(original: str, replacement: str) -> str:
    """Keep a capital at the start of a sentence: "Towards" -> "Toward"."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
