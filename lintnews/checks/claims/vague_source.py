"""claims.vague-source: a source nobody can look up ("sources say", "studies show").

Two families. Anonymous people ("people familiar with the negotiations", "sources close to
the company") are vague unless the sentence links its source or explains why anonymity was
granted (AP practice). Unnamed research ("studies have shown", "a recent survey found",
"according to reports") is vague unless the sentence names the study or outlet (a name in
the phrase, "by"/"from" a named body, "according to" a named source) or links it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...nlp.attribution import attribution
from ...nlp.words import words
from ...source import Span
from ..common import matches_in_sentences, terms


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    anonymous = terms(rule, "anonymous", ctx)
    unnamed = terms(rule, "unnamed-research", ctx)
    justified = terms(rule, "anonymity-reasons", ctx)
    text = attr.unquoted_text
    hits: dict[int, tuple[int, int]] = {}
    for index, sentence, found in matches_in_sentences(doc, text, anonymous):
        if index not in hits and not justified.search(text, sentence.span.start, sentence.span.end):
            hits[index] = found.span()
    for index, sentence, found in matches_in_sentences(doc, text, unnamed):
        if index in hits:
            continue
        local = attr.unquoted(sentence.span)
        base = sentence.span.start
        if _names_in(attr, local, found.start() - base, found.end() - base) or attr.sourced(index):
            continue
        hits[index] = found.span()
    for index in sorted(hits):
        sentence = doc.sentences[index]
        if any(True for _ in doc.links_in(sentence.span)) or any(
            sentence.span.start <= c.start < sentence.span.end for c in doc.citations
        ):
            continue
        start, end = hits[index]
        yield Match(Span(start, end), args=(" ".join(text[start:end].split()),))


def _names_in(attr: Any, text: str, start: int, end: int) -> bool:
    """A named publisher in or right around the phrase: "a Pew study", "studies by Gallup"."""
    window_start = max(0, text.rfind(" ", 0, max(0, start - 1)) if start > 1 else 0)
    return any(attr._is_name(text, w) for w in words(text, window_start, end))
