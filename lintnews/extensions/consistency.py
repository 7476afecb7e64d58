"""``consistency``: one of two forms per document, not both (Vale's consistency check).

Where both forms appear, each occurrence of the less frequent form is reported; on a tie,
one note is reported at the first occurrence of the form that appeared second. The message's
two ``%s`` are the flagged text and the other form as first written in the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Document
from ..model import Match, Severity
from ..ruleset.patterns import TokenPattern
from ..source import Span
from .base import Context, Rule


@dataclass
class ConsistencyRule(Rule):
    pairs: tuple[tuple[str, TokenPattern, str, TokenPattern], ...] = ()

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        if not self._any_form().search(doc.prose, 0, len(doc.prose), ctx.budget):
            return  # one scan for every form at once; most drafts use none of them
        for _, first, _, second in self.pairs:
            ones = self._spans(doc, ctx, first)
            twos = self._spans(doc, ctx, second)
            both = set(ones) & set(twos)
            if both:  # text that matches both forms (e.g. with ignorecase) is evidence for neither
                ones = [span for span in ones if span not in both]
                twos = [span for span in twos if span not in both]
            if not ones or not twos:
                continue
            if len(ones) == len(twos):
                later, other = (twos, ones) if twos[0].start > ones[0].start else (ones, twos)
                yield Match(
                    later[0],
                    args=(_written(doc, later[0]), _written(doc, other[0])),
                    severity=Severity.INFO,
                )
                continue
            minority, majority = (ones, twos) if len(ones) < len(twos) else (twos, ones)
            for span in minority:
                yield Match(span, args=(_written(doc, span), _written(doc, majority[0])))

    def _any_form(self) -> TokenPattern:
        cached = self.__dict__.get("_any")
        if cached is None:
            tokens = [t for _, a, _, b in self.pairs for t in (*a.tokens, *b.tokens)]
            first = self.pairs[0][1] if self.pairs else None
            cached = TokenPattern(
                tokens,
                first.ignorecase if first else False,
                first.nonword if first else False,
                first.trusted if first else False,
                validate=False,
            )
            self.__dict__["_any"] = cached
        return cached

    def _spans(self, doc: Document, ctx: Context, pattern: TokenPattern) -> list[Span]:
        """Where ``pattern`` matches in the rule's scope (the forms are named as written, not
        by their patterns: "'OK' here, 'okay' elsewhere", never "'ok(?:ay)?'")."""
        out = []
        for found in pattern.finditer(doc.prose, 0, len(doc.prose), ctx.budget):
            start, end = found.span()
            if start < end and self.accepts(doc, start, end):
                out.append(Span(start, end))
        return out


def _written(doc: Document, span: Span) -> str:
    return " ".join(doc.text[span.start : span.end].split())
