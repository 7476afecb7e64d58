"""claims.generalization: a sweeping statement about a group, presented as fact.

"Most people in their twenties have no idea…", "Every pet owner knows…", "Everyone who
invested is glad they did", "it is common knowledge that". Only quantified people in the
subject position count ("for everyone who works" is not a claim about everyone), and only
in the writer's own voice: quotations and sourced sentences are silent, as are literal
totals ("all 50 states", "every one of our ten runs").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import re

from ...document import Document
from ...model import Match
from ...nlp.attribution import attribution
from ...patterns import compile_pattern
from ...source import Span
from ..common import body_sentences, terms, word_set

# Fixed-width look-behinds (one per word) so the standard library's re compiles them.
_CONJUNCTIONS = ("that", "and", "but", "because", "since", "so", "while", "although", "though", "when", "if", "yet")
_SUBJECT_START = (
    r"(?:^|(?<=[,;:—–(])|(?<=[,;:—–(]\s)|" + "|".join(rf"(?<=\b{word}\s)" for word in _CONJUNCTIONS) + ")"
)
_NUMBER_WORDS = r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|dozen)"


def _shapes(rule: Any) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if "shapes" not in rule.cache:
        people = "|".join(sorted(rule.options["people"], key=len, reverse=True))
        trusted = rule.builtin and not rule.user_options
        quantified = compile_pattern(
            rf"{_SUBJECT_START}(?P<q>most|all|every|no|nearly\s+all|almost\s+all|virtually\s+all|practically\s+all|"
            rf"the\s+vast\s+majority\s+of|the\s+majority\s+of|nearly\s+every|almost\s+every)\s+(?!{_NUMBER_WORDS}\b)(?!one\s+of\b)"
            rf"(?:(?:of\s+)?(?:the\s+|us\s+|our\s+)?)?(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{people})\b",
            True,
            trusted,
        )
        # Main-clause subjects only ("when nobody is awake" is a situation, not a claim),
        # in the present ("No one was hurt" reports an event).
        pronoun = re.compile(
            r"(?:^|(?<=[;:—–])|(?<=[;:—–]\s)|(?<=,\sand\s)|(?<=,\sbut\s)|(?<=,\sso\s)|(?<=\bthat\s)|(?<=\band\s)|(?<=\bbut\s))"
            r"(?P<q>everyone|everybody|no\s?one|no-one|nobody)\b(?!\s+(?:else|of)\b)"
            # a claim about everyone: a relative clause or a verb of knowing, wanting, liking…
            r"(?=\s+(?:who|that|ever|(?:really\s+|actually\s+|truly\s+)?(?:knows|agrees|wants|likes|loves|hates|needs|uses|believes|thinks|cares|trusts|doubts|understands|remembers|enjoys|reads|deserves|expects|is|has|can|should|must)\b))",
            re.IGNORECASE | re.MULTILINE,
        )
        rule.cache["shapes"] = (quantified, pronoun)
    return rule.cache["shapes"]  # type: ignore[no-any-return]


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    quantified, pronoun = _shapes(rule)
    stock = terms(rule, "stock-phrases", ctx)
    for index, sentence in body_sentences(doc):
        text = attr.unquoted(sentence.span)
        hits = [m.span() for m in (quantified.search(text), pronoun.search(text), stock.search(text)) if m is not None]
        if not hits:
            continue
        if attr.sourced(index):
            continue
        start, end = min(hits)
        yield Match(Span(sentence.span.start + start, sentence.span.start + end), args=(" ".join(text[start:end].split()),))
