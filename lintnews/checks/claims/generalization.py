"""claims.generalization: a sweeping statement about a group, presented as fact.

"Most people in their twenties have no idea…", "Every pet owner knows…", "Everyone who
invested is glad they did", "it is common knowledge that". Only quantified people in the
subject position count ("for everyone who works" is not a claim about everyone), and only
in the writer's own voice: quotations and sourced sentences are silent, as are literal
totals ("all 50 states", "every one of our ten runs") and a liking for one particular thing
("Kids love the new slide" reports a local scene; "Kids love sugar" is about all kids).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...nlp.attribution import RUN_IN_LABEL, attribution
from ...ruleset.patterns import compile_pattern
from ...source import Span
from ..common import (
    FirstHits,
    at_subject_start,
    body_sentences,
    matches_in_sentences,
    terms,
)

# Where a quantified subject may start (checked in Python after a match), and where a bare
# "nobody"/"everyone" may: only a main clause ("when nobody is awake" is a situation).
_CONJUNCTIONS = frozenset("that and but because since so while although though when if yet".split())
_MAIN_CLAUSE = frozenset({"that", "and", "but"})
_NARRATED = re.compile(
    r"\b(?:on\s+\w+day|yesterday|then|ago|last\s+(?:night|week(?:end)?|month|year|spring|summer|fall|autumn|winter|season|quarter|time|\w+day)|at\s+the\s+\S+\s+(?:mark|minute)|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_POLICY = re.compile(
    r"\s+(?:(?:of|in|on)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+)?(?:are|were|is|must|shall|will|may|can)\s+(?:be\s+)?(?:\w+ly\s+)?"
    r"(?:elected|required|eligible|allowed|entitled|invited|appointed|chosen|selected|asked|welcome|subject|obliged|expected\s+to\s+(?:attend|vote|serve|pay|register))\b",
    re.IGNORECASE,
)
_PAST_BE = re.compile(r"\b(?:was|were)\b", re.IGNORECASE)
_PRESENT_BE = re.compile(
    r"\b(?:is|are|has|have|will|can|knows?|thinks?|wants?|agrees?)\b", re.IGNORECASE
)
_NUMBER_WORDS = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|dozen)"


def _shapes(rule: Any) -> tuple[Any, ...]:
    if "shapes" not in rule.cache:
        people = "|".join(sorted(rule.options["people"], key=len, reverse=True))
        trusted = rule.trusts("people", "groups-of-people")
        quantified = compile_pattern(
            rf"\b(?P<q>most|all|every|no|nearly\s+all|almost\s+all|virtually\s+all|practically\s+all|"
            rf"the\s+vast\s+majority\s+of|the\s+majority\s+of|nearly\s+every|almost\s+every)\s+(?!{_NUMBER_WORDS}\b)(?!one\s+of\b)"
            rf"(?:(?:of\s+)?(?:the\s+|us\s+|our\s+)?)?(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{people})\b",
            True,
            trusted,
        )
        # Main-clause subjects only ("when nobody is awake" is a situation, not a claim),
        # in the present ("No one was hurt" reports an event).
        pronoun = re.compile(
            r"\b(?P<q>(?:(?:nearly|almost|virtually|practically|basically)\s+)?(?:everyone|everybody|no\s?one|no-one|nobody))\b(?!\s+(?:else|of)\b)"
            r"(?:\s+(?:in|at|on|from|across|around|over|under)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
            # a claim about everyone: a relative clause, "ever", or a present-tense verb
            r"(?=\s+(?:who|that|ever|(?:really\s+|actually\s+|truly\s+|simply\s+|still\s+)?(?!was\b|has\s+been\b)(?:is|has|can|should|must|[a-z]+s)\b))",
            re.IGNORECASE | re.MULTILINE,
        )
        # "Every arable farmer knows", "All good editors agree": a role and a verb of knowing
        role = compile_pattern(
            r"\b(?P<q>every|most|all|no)\s+(?:[\w'’-]+\s+){0,2}?[a-z]+(?:er|ers|ist|ists|ian|ians|or|ors|ant|ants|ent|ents)\s+"
            r"(?:knows?|agrees?|understands?|believes?|wants?|hates?|loves?|dreads?|fears?|remembers?|will\s+tell\s+you|can\s+tell\s+you)\b",
            True,
            trusted,
        )
        # "Young people simply aren't saving", "Children all hate aubergine": a group and an absolute
        groups = "|".join(sorted(rule.options["groups-of-people"], key=len, reverse=True))
        # ("Homeowners who make the switch never go back", "Britons have always been wary")
        # One modifier may come first ("Younger workers", "First-time buyers"), and an
        # aside may follow the group ("Managers, meanwhile, are generally …"). A tendency
        # ("tend to", "are generally", "typically") is as sweeping as "always".
        generic = compile_pattern(
            rf"\b(?:(?:most|today's|(?!(?:the|these|those|our|my|your|his|her|their|its|some|several|both|two|three|four|five|no)\b)[a-z][\w'’-]*)\s+)?(?P<noun>{groups})"
            r"(?:\s+who(?:\s+[\w'’-]+){1,5}?)?"
            r"(?:\s*,\s*(?:meanwhile|however|though|too|also|of\s+course|by\s+contrast|in\s+turn|on\s+the\s+whole|for\s+their\s+part)\s*,)?"
            r"\s+(?:(?:have|will|are)\s+)?(?:simply\s+|just\s+|really\s+|all\s+)?"
            # "Kids love sweets" is about kids; "Kids love the slide" about one slide
            r"(?:aren't|are\s+not|don't|do\s+not|never|always|(?:hate|love)(?!\s+(?:the|this|that|these|those|our|its|my|your)\b)|all\s+\w+|tends?\s+to\s+\w+|"
            r"(?:generally|typically|instinctively|inherently|invariably|naturally)\s+\w+|"
            r"are\s+(?:generally|typically|usually|mostly|largely|naturally|inherently|notoriously|invariably)\s+\w+)\b",
            True,
            trusted,
        )
        rule.cache["shapes"] = (quantified, pronoun, role, generic)
    return rule.cache["shapes"]  # type: ignore[no-any-return]


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    quantified, pronoun, role, generic = _shapes(rule)
    stock = terms(rule, "stock-phrases", ctx)
    text = attr.unquoted_text
    hits = FirstHits()
    keep = hits.keep

    for pattern in (quantified, role):
        for index, sentence, found in matches_in_sentences(doc, text, pattern):
            if _POLICY.match(text, found.end()):
                continue  # "all members are elected by the community": a rule, not a claim
            if _head_noun_between(text, found) or _MODIFIER.match(text, found.end()):
                continue  # "Every experience Canadians have", "No customer action is required"
            if at_subject_start(text, found.start(), sentence.span.start, _CONJUNCTIONS):
                keep(index, found.start(), found.end())
    for index, sentence in body_sentences(doc):
        opening = _first_visible(text, sentence.span.start, sentence.span.end)
        found = generic.match(text, opening, sentence.span.end)
        if found is not None:
            keep(index, found.start(), found.end())  # the sentence opens on the group
    for index, sentence, found in matches_in_sentences(doc, text, pronoun):
        local = text[sentence.span.start : sentence.span.end]
        if at_subject_start(
            text, found.start(), sentence.span.start, _MAIN_CLAUSE, ";:—–"
        ) or _after_comma_and(text, found.start()):
            if not _narrated(local):  # "On Sunday, Okafor breaks away and nobody goes with her"
                keep(index, found.start(), found.end())
    for index, _, found in matches_in_sentences(doc, text, stock):
        keep(index, found.start(), found.end())
    for index, start, end in hits:
        if attr.sourced(index):
            continue
        if _PURPOSE.search(text, max(0, start - 40), start):
            continue  # "so that no one can get in", "to ensure that everyone has a voice": an aim
        if _MANDATE.search(text, max(0, start - 80), start):
            continue  # "We recommend that all users upgrade": advice to a group, not about it
        if _VARIETY.match(text, end):
            continue  # "everyone has different preferences": it denies a sweeping claim
        if _ADVICE.match(text, end):
            continue  # "All users of the old API should migrate": advice, not a statement of fact
        if _POLICY.match(text, end) or _INVITED.match(text, end):
            continue  # "Everyone is welcome to join", "anyone who wants to help can …": an invitation
        sentence_start = doc.sentences[index].span.start
        previous = index - 1
        if previous >= 0 and doc.sentences[previous].block == doc.sentences[index].block:
            sentence_start = doc.sentences[
                previous
            ].span.start  # "… during the workshop. However, everyone …"
        if _BOUNDED.search(text, sentence_start, start) and _BARE.match(text, start, end):
            continue  # "Most of the team works remotely, and everyone meets …": that team
        yield Match(Span(start, end), args=(" ".join(text[start:end].split()),))


# A purpose clause opening at the group: "…, so that no one can get in".
_PURPOSE = re.compile(
    r"\b(?:(?:so|in\s+order|such)\s+that|(?:ensure|ensures|ensured|ensuring|make\s+sure|"
    r"makes\s+sure|making\s+sure|guarantee|guarantees|see\s+to\s+it)(?:\s+that)?)\s+$",
    re.IGNORECASE,
)
# A mandative clause: the group is told what to do ("recommend that all users begin …").
_MANDATE = re.compile(
    r"\b(?:recommend|urge|advise|ask|require|suggest|propose|request|demand|insist|mandate|"
    r"encourage|expect|order|direct)(?:s|ed|d|ing)?\s+(?:[\w'’-]+\s+){0,3}?that\s+$",
    re.IGNORECASE,
)
# What varies from one person to the next: "everyone has different preferences", "every
# developer has their own way", "everyone learns differently", "no one is the same".
_VARIETY = re.compile(
    r"(?:\s+(?:really|simply|just|also|still))?\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:different(?:ly)?|(?:their|his|her|his\s+or\s+her)\s+own|unique|(?:is|are)\s+the\s+same|varies|vary)\b",
    re.IGNORECASE,
)


# A quantified group told what it should do: "All users of the old API should migrate".
_ADVICE = re.compile(
    r"(?:\s+(?:of|in|on|with|who|that)\s+(?:[\w'’-]+\s+){0,5}?)?\s*(?:should|must|need\s+to|ought\s+to|have\s+to|are\s+(?:asked|advised|encouraged|urged)\s+to)\b",
    re.IGNORECASE,
)
# An invitation or an offer: "everyone who wants to help can …"
_INVITED = re.compile(
    r"\s+who\s+(?:wants?|wishes?|would\s+like|is\s+interested|are\s+interested|needs?)\b",
    re.IGNORECASE,
)
# A bare "everyone"/"no one" that takes its group from earlier in the sentence: "the team
# works remotely, and everyone meets twice a year".
_BOUNDED = re.compile(
    r"\b(?:the|our|my|your|their|his|her|this|that)\s+(?:[\w'’-]+\s+)?(?:team|staff|group|class|crew|"
    r"agency|organi[sz]ation|company|firm|school|department|office|newsroom|"
    r"family|office|department|committee|board|room|audience|panel|band|cast|household|party|"
    r"squad|club|workshop|meeting|call)\b",
    re.IGNORECASE,
)
_BARE = re.compile(r"(?:everyone|everybody|no[\s-]?one|nobody)\b", re.IGNORECASE)


# A person word that modifies the noun after it: "No customer action is required"
_MODIFIER = re.compile(r"(?<!s)\s+[a-z]+\s+(?:is|are|was|were|has|have)\b")


def _head_noun_between(text: str, found: Any) -> bool:
    """Does a word between the quantifier and a capitalised people noun name the thing
    quantified ("Every experience Canadians have"), rather than describe the people ("every
    young Canadian")? A word the lemmatiser knows as a noun but not an adjective is that head."""
    if "noun" not in found.re.groupindex or found.start("noun") < 0:
        return False
    if not text[found.start("noun")].isupper():
        return False  # "every trail runner", "all software developers": a compound names the people
    from lemminflect import getAllLemmas  # loaded on first use: its tables cost 0.2 s

    between = text[found.end("q") : found.start("noun")].split()
    for word in between:
        word = word.lower().strip(",;")
        if word in {"of", "the", "us", "our"}:
            continue
        lemmas = getAllLemmas(word)
        if lemmas and "ADJ" not in lemmas and "NOUN" in lemmas:
            return True
    return False


def _narrated(sentence: str) -> bool:
    """A past event told, not a claim: a time marker, or past-tense "was"/"were" and no
    present tense ("Everyone who crossed in the first hour was handed a badge")."""
    return bool(_NARRATED.search(sentence)) or bool(
        _PAST_BE.search(sentence) and not _PRESENT_BE.search(sentence)
    )


def _first_visible(text: str, start: int, end: int) -> int:
    """Where the sentence's words start: after markup and a run-in label ("Scenario B:")."""
    label = RUN_IN_LABEL.match(text[start:end])
    if label:
        start += label.end()
    while start < end and text[start] in " \t\r\n*_\"'“‘":
        start += 1
    return start


def _after_comma_and(text: str, position: int) -> bool:
    """ ", and nobody…", ", but everyone…", ", so no one…": a new main clause."""
    before = text[max(0, position - 8) : position].rstrip()
    return before.endswith((", and", ", but", ", so"))
