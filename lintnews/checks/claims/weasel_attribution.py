"""claims.weasel-attribution: an unnamed, vague group given as the backing for a claim.

Three shapes: a quantified group ("many long-time traders feel"), a bare group of experts
or critics ("Ergonomists generally say", "Industry insiders have suggested"), and the
impersonal passive ("it is widely believed", "has been described as"). Silent inside
quotations and when the sentence names a source (a named speaker, "according to" a named
body, a link).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...nlp.attribution import attribution
from ...nlp.words import words
from ...patterns import compile_pattern
from ...source import Span
from ..common import body_sentences, terms, word_set

# Where a subject can start: the sentence start, after punctuation, or after a conjunction.
# Each look-behind has a fixed width, so the standard library's re can compile it.
_CONJUNCTIONS = ("that", "and", "but", "because", "while", "since", "though", "although", "so", "as", "yet")
_SUBJECT_START = (
    r"(?:^|(?<=[,;:—–(]\s)|(?<=[,;:—–(])|" + "|".join(rf"(?<=\b{word}\s)" for word in _CONJUNCTIONS) + ")"
)


def _patterns(rule: Any) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    if "shapes" not in rule.cache:
        quantifiers = "|".join(sorted(rule.options["quantifiers"], key=len, reverse=True))
        verbs = "|".join(sorted(rule.options["opinion-verbs"], key=len, reverse=True))
        aux = r"(?:\s+(?:have|has|had|will|would|may|might|also|still|now|increasingly|long|often|all|both|generally|broadly|widely|largely|mostly|mainly|privately|publicly|openly|quietly|reportedly|\w+ly))*"
        trusted = rule.builtin and not rule.user_options
        quantified = compile_pattern(
            rf"{_SUBJECT_START}(?P<q>{quantifiers})\s+(?!\d)(?:(?:of\s+(?:the\s+)?)?[\w'’-]+\s+){{0,3}}?"
            rf"(?P<noun>[a-z][\w'’-]*s)\b{aux}\s+(?P<verb>{verbs})\b",
            True,
            trusted,
        )
        bare = compile_pattern(
            rf"{_SUBJECT_START}(?P<mods>(?:[\w'’-]+\s+){{0,2}}?)(?P<noun>[A-Za-z][\w'’-]*s)\b"
            rf"(?:\s+(?:of|in|at|from|on|across|within|among|for|against|around)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)?"
            rf"{aux}\s+(?P<verb>(?i:{verbs}))\b",
            False,
            trusted,
        )
        # "Some say", "Many in the industry believe", "Others across the sector argue"
        pronoun = compile_pattern(
            rf"{_SUBJECT_START}(?P<q>some|many|most|others|few|several)\b"
            rf"(?:\s+(?:in|within|across|inside|around|among|at|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)?"
            rf"{aux}\s+(?P<verb>{verbs})\b",
            True,
            trusted,
        )
        rule.cache["shapes"] = (quantified, bare, pronoun)
    return rule.cache["shapes"]  # type: ignore[no-any-return]


def _is_group(noun: str, groups: frozenset[str], suffixes: tuple[str, ...]) -> bool:
    lower = noun.lower()
    return lower in groups or lower.endswith(suffixes)


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    quantified, bare, pronoun = _patterns(rule)
    impersonal = terms(rule, "impersonal", ctx)
    groups = word_set(rule, "groups")
    suffixes = tuple(rule.options.get("group-suffixes", []))
    determiners = word_set(rule, "definite")
    for index, sentence in body_sentences(doc):
        text = attr.unquoted(sentence.span)
        if not text.strip():
            continue
        found = _first(text, quantified, bare, pronoun, impersonal, groups, suffixes, determiners, attr)
        if found is None:
            continue
        if attr.sourced(index) or _names_between(attr, text, *found):
            continue
        start, end = found
        yield Match(Span(sentence.span.start + start, sentence.span.start + end), args=(" ".join(text[start:end].split()),))


def _first(
    text: str,
    quantified: re.Pattern[str],
    bare: re.Pattern[str],
    pronoun: re.Pattern[str],
    impersonal: re.Pattern[str],
    groups: frozenset[str],
    suffixes: tuple[str, ...],
    determiners: frozenset[str],
    attr: Any,
) -> tuple[int, int] | None:
    hits: list[tuple[int, int]] = []
    for match in quantified.finditer(text):
        hits.append((match.start(), match.end()))
        break
    for match in bare.finditer(text):
        if not _is_group(match.group("noun"), groups, suffixes):
            continue
        mods = words(match.group("mods"), 0, len(match.group("mods")))
        if any(m.lower in determiners or m.text.endswith(("'s", "’s")) for m in mods):
            continue  # "the analysts", "our critics", "Cairnstone's analysts": someone definite
        noun_word = words(text, match.start("noun"), match.end("noun"))
        if mods and any(attr._is_name(text, type(noun_word[0])(match.start("mods") + m.start, match.start("mods") + m.end, m.text)) for m in mods):
            continue  # "Cairnstone analysts wrote": a named organisation's analysts
        if not mods and noun_word and attr._is_name(text, noun_word[0]) and noun_word[0].lower not in groups:
            continue
        hits.append((match.start("mods") if mods else match.start("noun"), match.end()))
        break
    for match in pronoun.finditer(text):
        hits.append((match.start("q"), match.end()))
        break
    for match in impersonal.finditer(text):
        hits.append((match.start(), match.end()))
        break
    return min(hits) if hits else None


def _names_between(attr: Any, text: str, start: int, end: int) -> bool:
    """A name inside the subject ("Critics, including Jane Roe, argue") makes it a source."""
    segment = text[start:end]
    if "," not in segment and "(" not in segment:
        return False
    inner = segment[segment.find(",") if "," in segment else segment.find("(") :]
    offset = start + (len(segment) - len(inner))
    return any(attr._is_name(text, w) for w in words(text, offset, end))
