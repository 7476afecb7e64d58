"""dates.vague-time: "recently", "lately", "the other day" where a reader needs a date.

A recency word ("recently", "lately", "over the past few weeks") means "up to the time of
writing". In a dated post, in the writer's own first-person narration ("lately I have been
baking on Sundays"), the post's date already says when that is: the sentence tells the
writer's life, it does not report an event. A word for an unplaced moment ("the other
week", "a while ago") still fires there, and every vague word fires in reporting about
others ("The company recently changed its policy"), dated or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...ruleset.patterns import bounded, shown, trimmed
from ...source import Span
from ..common import terms

# The writer speaking of themself: "I", "I've", "my", "me" (not "we": a team or a company
# telling its own news is reporting).
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I(?:['’](?:m|ve|d|ll))?|my|me|myself)(?![\w'’])")


# The team or company speaking of itself, for a span of time it has lived through ("over the
# past few years we've …"); a point in time ("Recently we discovered …") is still news to date
_WE = re.compile(r"(?<![\w'’])(?:[Ww]e(?:['’](?:ve|re|d))?|[Oo]ur|us)(?![\w'’])")
_SPAN = re.compile(
    r"(?:in|over|during)\s+the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+(?:days|weeks|months|years)"
    r"|in\s+(?:the\s+)?recent\s+(?:weeks|months|years)",
    re.IGNORECASE,
)
# "recently" that orders things or describes a kind of thing, not a moment to date: "the most
# recently used one", "running or recently terminated containers"
_ORDERING = re.compile(r"\b(?:most|least|more|less)\s+$", re.IGNORECASE)
_BEFORE_ADJECTIVE = re.compile(
    r"(?:\b(?:the|a|an|or|and|of|from|any|all|with|for|on|in)|,)\s+$", re.I
)
_ATTRIBUTIVE = re.compile(
    r"[\s-]+(?:[a-z]+ed|built|made|born|grown|run|seen|written|taken|given|done|shown)\s+"
    r"(?:[a-z]+\s+)?(?!(?:its|his|hers|theirs|ours|yours|this|these|those|us)\b)[a-z]+s\b"
)


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    tokens = terms(rule, "tokens", ctx)
    anchored = terms(rule, "anchored-by-date", ctx)
    dated = doc.date_source is not None
    text = doc.prose
    for found in tokens.finditer(text):
        start, end = trimmed(text, *found.span())
        if start == end or not rule.accepts(doc, start, end):
            continue
        if dated and bounded(anchored, "fullmatch", text, start, end) and _first_person(doc, start):
            continue
        if dated and _SPAN.match(text, start, end) and _first_person(doc, start, _WE):
            continue  # "Over the past few years we've grown": the team's own trend, dated by the post
        if _ORDERING.search(text, max(0, start - 8), start) or (
            _BEFORE_ADJECTIVE.search(text, max(0, start - 8), start)
            and _ATTRIBUTIVE.match(text, end)
        ):
            continue  # "the most recently used input", "or recently terminated containers"
        yield Match(Span(start, end), args=(shown(text[start:end]),))


def _first_person(doc: Document, offset: int, person: Any = _FIRST_PERSON) -> bool:
    """Is the sentence around ``offset`` the writer's first-person narration (outside quotes)?"""
    index = doc.sentence_index(offset)
    if index is None:
        return False
    span = doc.sentences[index].span
    prose = doc.prose
    cursor = span.start
    for region in doc.quoted_regions(span):
        if person.search(prose, cursor, region.start):
            return True
        cursor = region.end
    return person.search(prose, cursor, span.end) is not None
