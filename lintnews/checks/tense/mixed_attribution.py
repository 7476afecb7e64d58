"""tense.mixed-attribution: "said" in some paragraphs, "says" in others.

Attribution verbs in the body (outside quotations, headlines and captions) are counted by
tense. Each attribution in the minority tense is reported; a tie is reported once, as a
note, at the first attribution in the tense that appeared second. "Says" and "claims" count
only as verbs with a speaker ("Veyra claims…", "she says"), not as nouns ("the company's
claims") or in idioms ("needless to say"); perfect forms ("has said") count for neither.

A past attribution placed in time by its own sentence ("said in 2019", "told the council last
week", "announced on Monday") is past by necessity: it counts toward the past tense, but it is
not reported as breaking a present-tense article (a feature that "says" can still report what
someone said last spring).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match, Severity
from ...nlp.attribution import NOUN_CONTEXT, PRONOUNS, attribution
from ...nlp.words import words
from ...source import Span
from ..common import body_sentences, matches_in_sentences, own_register_blocks, terms, word_set

_PERFECT = frozenset(
    {"has", "have", "had", "having", "been", "be", "is", "was", "were", "are", "to"}
)
_MODALS = frozenset(
    {
        "would",
        "could",
        "can",
        "will",
        "might",
        "may",
        "should",
        "must",
        "shall",
        "let's",
        "'d",
        "’d",
        "cannot",
        "don't",
        "doesn't",
        "didn't",
    }
)


def _forms(rule: Any) -> dict[str, str]:
    """verb form (lowercase) -> "present" or "past"."""
    if "forms" not in rule.cache:
        forms: dict[str, str] = {}
        for pair in rule.options.get("verbs", []):
            present, past = (str(x).lower() for x in pair)
            for form in present.split("|"):
                forms[form] = "present"
            forms[past] = "past"
        rule.cache["forms"] = forms
        rule.cache["pattern"] = re.compile(
            r"(?<![\w'’-])(?:"
            + "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
            + r")(?![\w'’-])",
            re.IGNORECASE,
        )
    return rule.cache["forms"]  # type: ignore[no-any-return]


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    forms = _forms(rule)
    pattern = rule.cache["pattern"]
    idioms = terms(rule, "idioms", ctx)
    institutions = word_set(rule, "institutions")
    object_verbs = word_set(rule, "object-verbs")
    speakers = word_set(rule, "text-speakers")
    # captions and the deck are their own register; a table's cells are data or verse set
    # out in rows, not the story's narration
    skip = own_register_blocks(doc)
    skip.update(i for i, block in enumerate(doc.blocks) if block.kind == "table_cell")
    found: list[tuple[str, Span, str, bool]] = []
    anchors = [
        terms(rule, key, ctx) for key in ("anchor-markers", "fronted-markers", "past-markers")
    ]
    candidates = {
        i for i, _, _ in matches_in_sentences(doc, attr.unquoted_text, pattern, skip=skip)
    }
    for index, sentence in body_sentences(doc):
        if index not in candidates:
            continue
        text = attr.unquoted(sentence.span)
        if _WORK.search(text):
            continue  # "In the novel, Ada says …": a work's content is told in the present
        masked = idioms.sub(lambda m: " " * len(m.group()), text)
        for hit in pattern.finditer(masked):
            verb = hit.group().lower()
            if not _is_attribution(
                attr, masked, hit.start(), hit.end(), verb, institutions, object_verbs, speakers
            ):
                continue
            span = Span(sentence.span.start + hit.start(), sentence.span.start + hit.end())
            dated = (
                _dated(masked, hit.start(), hit.end(), anchors)
                or _remembered(masked, hit.start(), hit.end())
                or _scene_dated(doc, attr, index, anchors)
            )
            found.append((forms[verb], span, hit.group(), dated))
    present = [f for f in found if f[0] == "present"]
    past = [f for f in found if f[0] == "past"]
    if not present or not past:
        return
    if len(present) == len(past):
        later = present if present[0][1].start > past[0][1].start else past
        tense, span, verb, _ = later[0]
        other = "past" if tense == "present" else "present"
        yield Match(
            span,
            message=(
                f"'{verb}' is {tense} tense; this article uses the {other} tense just as often "
                f"({len(present)} each). Pick one tense for attribution."
            ),
            severity=Severity.INFO,
        )
        return
    minority, majority = (present, past) if len(present) < len(past) else (past, present)
    majority_tense = majority[0][0]
    example = majority[0][2]
    for tense, span, verb, dated in minority:
        if tense == "past" and dated:
            continue  # "she said in 2019": dated by its own sentence, not a tense choice
        yield Match(
            span, args=(verb, majority_tense, example, str(len(majority)), str(len(minority)))
        )


# A work whose content the sentence describes: the literary present ("In the poem, the
# speaker says …", "in her new film a detective tells …").
_WORK = re.compile(
    r"\bin\s+(?:the|her|his|their|its|this|that|a)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:poem|novel|book|memoir|film|movie|play|musical|opera|song|lyrics?|story|short\s+story|"
    r"episode|series|sitcom|sketch|scene|chapter|comic|manga|game|trailer|parable|fable|myth)s?\b",
    re.IGNORECASE,
)
# The writer's own memory: "my grandmother said", "our coach told us", "she told me".
_MY_SPEAKER = re.compile(r"\b(?:my|our)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_TO_ME = re.compile(r"\s+(?:to\s+)?me\b", re.IGNORECASE)


def _scene_dated(doc: Document, attr: Any, index: int, anchors: list[Any]) -> bool:
    """The sentence before, in the same paragraph, opens on a past time: "Last year a
    developer offered to buy the building. Reyes told him it was not for sale." The
    attribution carries on that past scene."""
    if index == 0 or doc.sentences[index - 1].block != doc.sentences[index].block:
        return False
    before = attr.unquoted(doc.sentences[index - 1].span)
    opening = len(before) - len(before.lstrip(" \t\r\n*_\"'“‘("))
    return any(anchor.match(before, opening) for anchor in anchors)


def _remembered(text: str, start: int, end: int) -> bool:
    """A past attribution the writer remembers, past by nature like a dated one."""
    return bool(_MY_SPEAKER.search(text, max(0, start - 40), start) or _TO_ME.match(text, end))


def _dated(text: str, start: int, end: int, anchors: list[Any]) -> bool:
    """A past time next to the verb: up to five words before it ("In 2016 she told") or four
    after it ("said last week", "told the board on Monday"); a time further off belongs to
    what was said ("said the works would finish in May")."""
    before = words(text, max(0, start - 60), start)[-5:]
    after = words(text, end, min(len(text), end + 50))[:4]
    low = before[0].start if before else start
    high = after[-1].end if after else end
    return any(anchor.search(text, low, high) for anchor in anchors)


def _is_attribution(
    attr: Any,
    text: str,
    start: int,
    end: int,
    verb: str,
    institutions: frozenset[str],
    object_verbs: frozenset[str] = frozenset(),
    text_speakers: frozenset[str] = frozenset(),
) -> bool:
    before = words(text, max(0, start - 60), start)
    previous = before[-1].lower if before else ""
    if previous in {"i", "we"} or _WRITER.match(previous):
        return False  # the writer's own words ("what I wrote", "as we've said"), not an attribution
    if previous in _PERFECT or previous in _MODALS or previous.endswith(_CONTRACTED):
        return False  # "has said", "is said to be", "would say", "they've said"
    if previous in NOUN_CONTEXT or previous.endswith(("'s", "’s")):
        return False  # "the company's claims", "a say in"
    if (
        previous.endswith("ly")
        and len(before) >= 2
        and (before[-2].lower in NOUN_CONTEXT or before[-2].lower.endswith(("'s", "’s")))
    ):
        return False  # a participle used as an adjective: "the newly added model"
    if previous in text_speakers or previous.rstrip("s") in text_speakers:
        return False  # a text speaks in the present by convention: "the rule says", "the docs say"
    after = words(text, end, min(len(text), end + 40))
    if verb.startswith("tell") and len(after) >= 2 and after[1].lower == "to":
        return False  # "she tells clients to raise …": an instruction, not attribution
    if verb.startswith("tell") and after and after[0].lower == "you":
        return False  # "the installer tells you …": addressed to the reader, not reported
    if verb in {"say", "said", "says"}:
        if verb == "say" and previous not in PRONOUNS and not previous.endswith("s"):
            return False  # imperative or hypothetical "say": "Say you earn $50,000"
        return True
    # other verbs need a speaker right before (or right after: "said Ortega")
    inverted = (
        bool(after) and after[0].text[:1].isupper() and not text[end : after[0].start].strip()
    )
    speaker = (
        (previous in PRONOUNS and previous not in {"who", "which", "you"})
        or bool(before and before[-1].text[:1].isupper())
        or previous in institutions
    )
    subject = _WORDS_BEFORE.search(text, 0, start)
    if subject and _ENDS_ATTRIBUTION.match(text, end) and _is_subject(subject.group(1)):
        return True  # "Fees will rise in May, the district announced (on Monday)."
    if not speaker and not inverted:
        return False
    if inverted or verb not in object_verbs:
        return True
    # A verb that also takes a plain object needs words reported after it: "maintains
    # that…", "added:", "she wrote." after a quote, a clause ("notes the deal is off"); not
    # an object ("the team maintains this collection") or a narrated act ("she walks in
    # and asks for coffee").
    return bool(_REPORTED.match(text, end) or _CLAUSE.match(text, end))


# Reported words before the speaker: "…from January, the county council announced" (a comma
# or closing quote, then a short subject); the verb must then end the attribution, with at
# most a time or place after it, so "In May, the firm announced a recall" stays an event.
_WORDS_BEFORE = re.compile(r"[,”\"’]\s*((?:[\w.'’-]+\s+){1,4})$")
# Words that cannot open the subject of "…, the district announced": a clause of its own
# ("…, so it measures claims, …") rather than a speaker.
_NOT_SUBJECT = frozenset(
    "and but so or nor yet then while because although though if when where which who "
    "that it i we you he she they there".split()
)


def _is_subject(phrase: str) -> bool:
    """A speaker phrase ("the county council", "its owner"), not a clause ("so it measures")."""
    found = phrase.lower().split()
    return bool(found) and found[0] not in _NOT_SUBJECT and not _NOT_SUBJECT & set(found[1:])


_WRITER = re.compile(r"(?:i|we)['’](?:ve|d|ll|m)$")
_CONTRACTED = ("'ve", "’ve", "'d", "’d", "'ll", "’ll")
_ENDS_ATTRIBUTION = re.compile(
    r"\s*(?:$|[.,;:!?—–)]|(?:on|in|at|last|yesterday|earlier|today|this)\b)", re.IGNORECASE
)

# What follows a reporting verb that reports words: a clause, a quotation, or the end of
# the attribution ("…," she added.).
_CLAUSE = re.compile(
    r"(?:\s+[\w'’-]+){1,5}?\s+(?:is|are|was|were|will|would|can|could|has|have|had|should|may|might|must|does|did|isn['’]t|aren['’]t|wasn['’]t|won['’]t)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\s*(?:$|[.,:;—–!?\"“”'‘’)]|\s-\s|(?:that|whether|if|how|why|what|when|to\s+(?:me|us|him|her|them|reporters|the)|in\s+an?\s+(?:email|statement|interview|post|letter))\b)",
    re.IGNORECASE,
)
