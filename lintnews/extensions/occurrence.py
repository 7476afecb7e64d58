"""``occurrence``: too many (or too few) matches of a token per sentence, paragraph or document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..document import Document
from ..model import Match
from ..ruleset.patterns import TokenPattern
from ..source import Span
from .base import Context, Rule


@dataclass
class OccurrenceRule(Rule):
    pattern: TokenPattern = field(default_factory=lambda: TokenPattern(()))
    maximum: int | None = None
    minimum: int | None = None

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        for unit, parts in self._units(doc):
            if self.quotes == "skip" and doc.is_quoted(unit.start, unit.end):
                continue
            if self.quotes == "skip":
                parts = [piece for part in parts for piece in _unquoted(doc, part)]
            count = sum(
                1
                for part in parts
                for _ in self.pattern.finditer(doc.prose, part.start, part.end, ctx.budget)
            )
            if (self.maximum is not None and count > self.maximum) or (
                self.minimum is not None and count < self.minimum
            ):
                yield Match(unit, args=(str(count),))

    def _units(self, doc: Document) -> Iterator[tuple[Span, list[Span]]]:
        """(span to report, spans to count in): a document counts only its accepted blocks."""
        names = self.scope.include
        if "document" in names:
            blocks = [b.span for b in doc.blocks if self.scope.accepts(b)]
            if blocks:
                yield Span(blocks[0].start, blocks[-1].end), blocks
        elif "paragraph" in names:
            for block in doc.blocks:
                if self.scope.accepts(block):
                    yield block.span, [block.span]
        else:
            for sentence in doc.sentences:
                if self.scope.accepts(doc.blocks[sentence.block]):
                    yield sentence.span, [sentence.span]


def _unquoted(doc: Document, span: Span) -> Iterator[Span]:
    """The pieces of ``span`` outside quotations: a speaker's words are not the writer's."""
    cursor = span.start
    for region in doc.quoted_regions(span):
        if region.start > cursor:
            yield Span(cursor, region.start)
        cursor = max(cursor, region.end)
    if cursor < span.end:
        yield Span(cursor, span.end)
