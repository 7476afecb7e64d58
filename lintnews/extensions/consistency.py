"""``consistency``: one of two forms per document, not both (Vale's consistency check).

Where both forms appear, each occurrence of the less frequent form is reported; on a tie,
one note is reported at the first occurrence of the form that appeared second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Document
from ..model import Match, Severity
from ..patterns import TokenPattern
from ..source import Span
from .base import Context, Rule


@dataclass
class ConsistencyRule(Rule):
    pairs: tuple[tuple[str, TokenPattern, str, TokenPattern], ...] = ()

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        for first_name, first, second_name, second in self.pairs:
            ones = self._spans(doc, ctx, first)
            twos = self._spans(doc, ctx, second)
            if not ones or not twos:
                continue
            if len(ones) == len(twos):
                later, name, other = (twos, second_name, first_name) if twos[0].start > ones[0].start else (ones, first_name, second_name)
                yield Match(
                    later[0],
                    args=(doc.text[later[0].start : later[0].end], other),
                    severity=Severity.INFO,
                )
                continue
            minority, other = (ones, second_name) if len(ones) < len(twos) else (twos, first_name)
            for span in minority:
                yield Match(span, args=(doc.text[span.start : span.end], other))

    def _spans(self, doc: Document, ctx: Context, pattern: TokenPattern) -> list[Span]:
        out = []
        for found in pattern.finditer(doc.prose, 0, len(doc.prose), ctx.budget):
            start, end = found.span()
            if start < end and self.accepts(doc, start, end):
                out.append(Span(start, end))
        return out
