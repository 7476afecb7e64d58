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
_NARRATED = re.compile(
    r"\b(?:on\s+\w+day|yesterday|then|ago|last\s+\w+|at\s+the\s+\S+\s+(?:mark|minute)|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|dozen)"


def _shapes(rule: Any) -> tuple[Any, ...]:
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
            r"(?:\s+(?:in|at|on|from|across|around|over|under)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
            # a claim about everyone: a relative clause, "ever", or a present-tense verb
            r"(?=\s+(?:who|that|ever|(?:really\s+|actually\s+|truly\s+|simply\s+|still\s+)?(?!was\b|has\s+been\b)(?:is|has|can|should|must|[a-z]+s)\b))",
            re.IGNORECASE | re.MULTILINE,
        )
        # "Every arable farmer knows", "All good editors agree": a role and a verb of knowing
        role = compile_pattern(
            rf"{_SUBJECT_START}(?P<q>every|most|all|no)\s+(?:[\w'’-]+\s+){{0,2}}?[a-z]+(?:er|ers|ist|ists|ian|ians|or|ors|ant|ants|ent|ents)\s+"
            r"(?:knows?|agrees?|understands?|believes?|wants?|hates?|loves?|dreads?|fears?|remembers?|will\s+tell\s+you|can\s+tell\s+you)\b",
            True,
            trusted,
        )
        # "Young people simply aren't saving", "Children all hate aubergine": a group and an absolute
        groups = "|".join(sorted(rule.options["groups-of-people"], key=len, reverse=True))
        generic = compile_pattern(
            rf"^(?:(?:young|older|ordinary|today's|modern|most)\s+)?(?P<noun>{groups})\s+(?:simply\s+|just\s+|really\s+|all\s+)?"
            r"(?:aren't|are\s+not|don't|do\s+not|never|always|hate|love|all\s+\w+)\b",
            True,
            trusted,
        )
        rule.cache["shapes"] = (quantified, pronoun, role, generic)
    return rule.cache["shapes"]  # type: ignore[no-any-return]


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    quantified, pronoun, role, generic = _shapes(rule)
    stock = terms(rule, "stock-phrases", ctx)
    for index, sentence in body_sentences(doc):
        text = attr.unquoted(sentence.span)
        found = [quantified.search(text), role.search(text), generic.search(text), stock.search(text)]
        if not _NARRATED.search(text):  # "On Sunday, Okafor breaks away and nobody goes with her"
            found.append(pronoun.search(text))
        hits = [m.span() for m in found if m is not None]
        if not hits:
            continue
        if attr.sourced(index):
            continue
        start, end = min(hits)
        yield Match(Span(sentence.span.start + start, sentence.span.start + end), args=(" ".join(text[start:end].split()),))
