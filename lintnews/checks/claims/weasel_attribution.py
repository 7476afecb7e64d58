"""claims.weasel-attribution: an unnamed, vague group given as the backing for a claim.

Three shapes: a quantified group ("many long-time traders feel"), a bare group of experts
or critics ("Ergonomists generally say", "Industry insiders have suggested"), and the
impersonal passive ("it is widely believed", "has been described as"). Silent inside
quotations and when the sentence names a source (a named speaker, "according to" a named
body, a link), and on a common perception that the same sentence turns against ("X is
often seen as a chore, but …"): a view set up to be answered, not backing for a claim.

Each shape runs once over the whole document; whether a match starts a clause's subject is
then checked in Python, which keeps the patterns free of costly look-behinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...nlp.attribution import Attribution, attribution
from ...nlp.words import Word, words
from ...ruleset.patterns import compile_pattern
from ...source import Span
from ..common import FirstHits, at_subject_start, matches_in_sentences, terms, word_set

# A participle pointing elsewhere in the text: "described above", "mentioned earlier"
_CROSS_REFERENCE = re.compile(
    r"\s+(?:above|below|earlier|previously|before|here|in\s+(?:this|the\s+previous|the\s+next)\s+"
    r"(?:post|article|section|chapter|paper))\b",
    re.IGNORECASE,
)
# "feel"/"felt" with an object is a sensation ("feel a pinch", "felt the squeeze"), not an
# opinion ("many feel the plan is unfair")
_FELT = re.compile(r"\b(?:feel|felt)$", re.IGNORECASE)
_SENSATION = re.compile(
    r"\s+[\"“‘']?(?:an?\b|no\b|any\b|little\b|much\b|the\s+(?:pinch|pain|effects?|impact|squeeze|"
    r"heat|benefits?|brunt|strain|pressure|difference|cold|weight|loss)\b)",
    re.IGNORECASE,
)
_AUX = (
    r"(?:\s+(?:have|has|had|will|would|may|might|also|still|now|increasingly|long|often|all|both|generally|"
    r"sometimes|usually|always|never|rarely|seldom|already|"
    r"broadly|widely|largely|mostly|mainly|privately|publicly|openly|quietly|reportedly|\w+ly))*"
)
_PHRASE_AFTER = (
    r"(?:\s+(?:of|in|at|from|on|across|within|among|for|against|around|inside)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
)


def _patterns(rule: Any) -> tuple[Any, Any, Any]:
    if "shapes" not in rule.cache:
        quantifiers = "|".join(sorted(rule.options["quantifiers"], key=len, reverse=True))
        verbs = "|".join(sorted(rule.options["opinion-verbs"], key=len, reverse=True))
        trusted = rule.trusts("quantifiers", "opinion-verbs")
        quantified = compile_pattern(
            rf"\b(?P<q>{quantifiers})\s+(?!\d)(?:(?:of\s+(?:the\s+)?)?[\w'’-]+\s+){{0,3}}?"
            rf"(?P<noun>(?!(?:us|this|his|its|yes|was|has|is)\b)[a-z][\w'’-]*s|people|folk)\b{_PHRASE_AFTER}{_AUX}\s+(?P<verb>{verbs})\b",
            True,
            trusted,
        )
        # case-sensitive noun (a name is capitalised), case-insensitive verb
        bare = compile_pattern(
            rf"\b(?P<noun>[A-Za-z][\w'’-]*s)\b{_PHRASE_AFTER}{_AUX}\s+(?P<verb>(?i:{verbs}))\b",
            False,
            trusted,
        )
        # "Some say", "Many in the industry believe", "Others across the sector argue"
        pronoun = compile_pattern(
            rf"\b(?P<q>some|many|most|others|few|several)\b{_PHRASE_AFTER.replace('of|', '')}{_AUX}\s+(?P<verb>{verbs})\b",
            True,
            trusted,
        )
        rule.cache["shapes"] = (quantified, bare, pronoun)
    return rule.cache["shapes"]  # type: ignore[no-any-return]


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    quantified, bare, pronoun = _patterns(rule)
    impersonal = terms(rule, "impersonal", ctx)
    groups = word_set(rule, "groups")
    suffixes = tuple(rule.options.get("group-suffixes", []))
    determiners = word_set(rule, "definite")
    text = attr.unquoted_text
    hits = FirstHits()
    keep = hits.keep

    for pattern in (quantified, pronoun):
        for index, sentence, found in matches_in_sentences(doc, text, pattern):
            if not found.group("q").lower().endswith(" of") and _singular_verb(found.group("verb")):
                continue  # "some"/"many" take no "-s" verb: "Some links in these show notes are …"
            if at_subject_start(text, found.start(), sentence.span.start):
                keep(index, found.start(), found.end())
    for index, sentence, found in matches_in_sentences(doc, text, bare):
        start = _bare_subject(attr, sentence.span, found, groups, suffixes, determiners)
        if start is not None:
            keep(index, start, found.end())
    perceptions = terms(rule, "perceptions", ctx)
    rebuttals = terms(rule, "rebuttals", ctx)
    for index, sentence, found in matches_in_sentences(doc, text, impersonal):
        if perceptions.match(text, found.start(), found.end()) and rebuttals.search(
            text, found.end(), sentence.span.end
        ):
            continue  # "Editing is often seen as a last step, but …": a view set up to answer
        keep(index, found.start(), found.end())
    for index, start, end in hits:
        sentence = doc.sentences[index]
        local = attr.unquoted(sentence.span)
        base = sentence.span.start
        if attr.sourced_clause(index, start, end) or _names_between(
            attr, local, start - base, end - base
        ):
            continue
        if _member_named_before(doc, sentence.block, start, text[start:end], groups, suffixes):
            continue
        if (
            _PROPOSAL.search(text, max(start, end - 30), end)
            and _PROPOSED.match(text, end)
            and not _authority(text[start:end], groups, suffixes)
        ):
            continue  # "Several volunteers suggested moving the stall": a proposal, no claim
        if _CROSS_REFERENCE.match(text, end):
            continue  # "many of the innovations described above": a pointer in the text
        if _FELT.search(text, max(start, end - 6), end) and _SENSATION.match(text, end):
            continue  # "many households only feel a pinch": a sensation, not a view
        yield Match(Span(start, end), args=(" ".join(text[start:end].split()),))


# A vague group proposing what to do, not backing a claim: "suggested renaming the flag",
# "proposed that we move the meeting".
# Past tense only: a proposal told as an event. "Most allergists recommend running a
# purifier" is expert advice from nobody in particular, still a vague backing, and so is any
# proposal from experts, critics or analysts.
_PROPOSAL = re.compile(r"\b(?:suggested|proposed|requested|asked)$", re.IGNORECASE)


def _authority(matched: str, groups: frozenset[str], suffixes: tuple[str, ...]) -> bool:
    """Does the subject name a group whose word carries authority (experts, allergists)?"""
    return any(
        w.lower in groups or w.lower.endswith(suffixes) for w in words(matched, 0, len(matched))
    )


_PROPOSED = re.compile(
    r"\s+(?:(?:that|we)\s+)?(?:[a-z]+ing\b(?!\s+(?:is|are|was|were|has|have)\b)|that\s+(?:we|you|I|the\s+team)\b)"
)


def _member_named_before(
    doc: Document,
    block: int,
    start: int,
    matched: str,
    groups: frozenset[str],
    suffixes: tuple[str, ...],
) -> bool:
    """ "Analysts said…" right after "said Matthew Royce, an analyst at Delmont" in the same
    paragraph: the group has a named member, so the plural is not a vague source."""
    nouns = [
        w.lower
        for w in words(matched, 0, len(matched))
        if w.lower.endswith("s") and (w.lower in groups or w.lower.endswith(suffixes))
    ]
    if not nouns:
        return False
    earlier = doc.prose[doc.blocks[block].span.start : start].lower()
    singular = nouns[0][:-1]
    return bool(
        re.search(rf"\b(?:an?|the|one)\s+(?:[\w-]+\s+){{0,2}}{re.escape(singular)}\b", earlier)
    )


def _singular_verb(verb: str) -> bool:
    last = verb.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us"))


def _bare_subject(
    attr: Attribution,
    span: Span,
    found: Any,
    groups: frozenset[str],
    suffixes: tuple[str, ...],
    determiners: frozenset[str],
) -> int | None:
    """Where a bare group's subject starts ("Industry insiders", "Financial planners"), or
    None when the group is not vague (a definite or named group) or not a subject."""
    noun = found.group("noun")
    lower = noun.lower()
    if lower not in groups and not lower.endswith(suffixes):
        return None
    local = attr.unquoted(span)
    base = span.start
    noun_start = found.start("noun") - base
    before = [w for w in words(local, max(0, noun_start - 40), noun_start)][-2:]
    # modifiers run up to the noun: "Tip: Experts" has none ("Tip" is a label)
    while (
        before
        and local[before[0].end : noun_start].strip(" \t'’-")
        and any(c in ":;,.!?()[]" for c in local[before[0].end : noun_start])
    ):
        before = before[1:]
    # the furthest start (up to two modifiers back) at which a subject can begin
    for count in (2, 1, 0):
        if count > len(before):
            continue
        mods = before[len(before) - count :]
        start = mods[0].start if mods else noun_start
        if not at_subject_start(local, start, 0):
            continue
        if any(m.lower in determiners or m.text.endswith(("'s", "’s")) for m in mods):
            return None  # "the analysts", "our critics", "Cairnstone's analysts": someone definite
        if any(attr._is_name(local, m) for m in mods):
            return None  # "Cairnstone analysts wrote": a named organisation's analysts
        if (
            not mods
            and attr._is_name(local, Word(noun_start, noun_start + len(noun), noun))
            and lower not in groups
        ):
            return None
        return base + start
    return None


_OF_NAMED = re.compile(r"\b(?:at|from|of|with|for|in)\s+(?:the\s+)?(?=[A-Z])")


def _names_between(attr: Any, text: str, start: int, end: int) -> bool:
    """A name inside the subject ("Critics, including Jane Roe, argue", "Analysts at
    Brightwater Capital expect") makes it a source."""
    segment = text[start:end]
    for found in _OF_NAMED.finditer(segment):
        following = words(text, start + found.end(), end)[:1]
        if following and attr._is_name(text, following[0]):
            return True
    if "," not in segment and "(" not in segment:
        return False
    inner = segment[segment.find(",") if "," in segment else segment.find("(") :]
    offset = start + (len(segment) - len(inner))
    return any(attr._is_name(text, w) for w in words(text, offset, end))
