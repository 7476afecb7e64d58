"""tense.past-marker-present-verb: "Last week, the company doubles its reward."

A present-tense event or reporting verb (third person: "opens", "sends", "declares") in a
clause that a past-time marker governs ("yesterday", "last week", "earlier this month", "two
days ago", or "On Monday" opening the clause). Future markers ("will", "is set to",
"next week") cancel the marker. Headlines and captions (present tense by convention),
quotations, parenthetical attributions ("Last year, she says, the cafe nearly lost its
lease") and relative clauses ("a shop that opens at nine") are silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...nlp.attribution import NOUN_CONTEXT, attribution
from ...nlp.verbs import third_person
from ...nlp.words import words
from ...source import Span
from ..common import body_sentences, matches_in_sentences, own_register_blocks, terms

_CLAUSE = re.compile(r";|\s[—–]\s|\bbut\b|\bwhile\b|\bwhereas\b")
_FRONT = re.compile(
    r"^\s*(?:(?:and|but|then|so|also|meanwhile|later|earlier)\s*,?\s*)?", re.IGNORECASE
)
# ", she says," / ", his son Daniel says," : attribution set off by commas, not the event
_PARENTHETICAL = re.compile(
    r",\s*(?:[\w.'’-]+\s+){0,4}?(?:says|adds|notes|explains|writes|recalls|insists|argues|claims|remembers|reckons)\s*,"
)
_RELATIVE = frozenset({"that", "which", "who", "whose", "where", "when"})
_RELATIVE_IN = re.compile(r"\b(?:which|who|whom|whose|where)\b", re.IGNORECASE)


def _verbs(rule: Any) -> frozenset[str]:
    if "verbs" not in rule.cache:
        rule.cache["verbs"] = frozenset(
            third_person(base) for base in rule.options.get("event-verbs", [])
        )
    return rule.cache["verbs"]  # type: ignore[no-any-return]


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    fronted = terms(rule, "fronted-markers", ctx)
    anywhere = terms(rule, "past-markers", ctx)
    future = terms(rule, "future-markers", ctx)
    future_time = terms(rule, "future-times", ctx)
    verbs = _verbs(rule)
    captions = own_register_blocks(doc)
    unquoted = attr.unquoted_text
    # only sentences that hold a past-time marker at all (one scan of the document)
    candidates = {i for i, _, _ in matches_in_sentences(doc, unquoted, anywhere)}
    candidates.update(i for i, _, _ in matches_in_sentences(doc, unquoted, fronted))
    for index, sentence in body_sentences(doc):
        if index not in candidates or sentence.block in captions:
            continue
        text = attr.unquoted(sentence.span)
        for clause in _clauses(text):
            start, end = clause
            piece = text[start:end]
            lead = _FRONT.match(piece)
            marker = fronted.match(piece, lead.end() if lead else 0) or _adverbial(anywhere, piece)
            if marker is None:
                continue
            masked = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), piece)
            # the verb must follow the marker ("Yesterday the mayor signs"); a marker after the
            # verb sits in what was said ("Strand says the foundry turned a profit last year")
            verb = _present_verb(masked, verbs, marker.end())
            if verb is None:
                continue
            if _told_before(masked, verb[0], _pasts(rule)):
                continue  # "Last week we published the package that now holds …"
            between = piece[marker.end() : verb[0]]
            if future.search(between) or future_time.search(piece):
                continue
            vstart, vend = verb
            offset = sentence.span.start + start
            yield Match(
                Span(offset + vstart, offset + vend),
                args=(piece[vstart:vend], " ".join(piece[marker.start() : marker.end()].split())),
            )
            break


def _pasts(rule: Any) -> frozenset[str]:
    """Past-tense forms of the event verbs (regular spellings, derived) and the irregular
    pasts the rule lists: what tells that a clause already has its finite verb."""
    if "pasts" not in rule.cache:
        found = {str(word).lower() for word in rule.options.get("irregular-past", [])}
        for base in rule.options.get("event-verbs", []):
            base = str(base).lower().strip()
            if base.endswith("e"):
                found.add(base + "d")
            elif base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
                found.add(base[:-1] + "ied")
            else:
                found.add(base + "ed")
                found.add(base + base[-1] + "ed")  # stop -> stopped, ban -> banned
        rule.cache["pasts"] = frozenset(found)
    return rule.cache["pasts"]  # type: ignore[no-any-return]


_SUBJECTS = frozenset({"i", "we", "he", "she", "they", "it", "you"})
_PERFECT = frozenset({"has", "have", "had"})


def _told_before(text: str, position: int, pasts: frozenset[str]) -> bool:
    """Does the clause already have a finite past or perfect verb before ``position``? Then
    the event is told in the past ("Last week we published …", "Over the past year we've
    made four releases", "has been doing … for the last year") and a present form after it
    is a noun ("unit tests", "personal notes") or sits in a clause of its own ("the package
    that now holds …"), not the event verb. A participle used as an adjective ("the newly
    elected mayor", "the revised plan") and a verb in a relative clause ("who was ill") do
    not count."""
    found = words(text, 0, position)
    for index, word in enumerate(found):
        low = word.lower
        previous = found[index - 1].lower if index else ""
        if low in _PERFECT or low.endswith(("'ve", "’ve")):
            if index + 1 < len(found) and found[index + 1].lower != "to":
                return True  # "has been doing", "we've made"; not "has to"
            continue
        if low not in pasts and not (low.endswith("ed") and previous in _SUBJECTS):
            continue
        if previous in NOUN_CONTEXT or previous in _RELATIVE or previous.endswith("ly"):
            continue  # "the revised plan", "a newly built pier", "who decided"
        if previous.endswith(("'s", "’s")) or not previous:
            continue
        return True
    return False


def _adverbial(pattern: Any, text: str) -> Any:
    """A past marker used as a time adverbial, not a possessive ("last year's model") and
    not the start of a span that runs to now ("Since last year, the service offers …")."""
    for found in pattern.finditer(text):
        if text[found.end() : found.end() + 2] in ("'s", "’s"):
            continue
        if _SINCE.search(text, max(0, found.start() - 12), found.start()):
            continue
        return found
    return None


_SINCE = re.compile(r"\b(?:since|ever\s+since)\s+$", re.IGNORECASE)


def _clauses(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for found in _CLAUSE.finditer(text):
        out.append((start, found.start()))
        start = found.end()
    out.append((start, len(text)))
    return out


def _present_verb(text: str, verbs: frozenset[str], after: int) -> tuple[int, int] | None:
    found = words(text, after, len(text))
    for index, word in enumerate(found):
        if word.lower not in verbs or word.text[:1].isupper():
            continue  # capitalised mid-clause: part of a name ("the Riverton Hosts Alliance")
        previous = found[index - 1] if index > 0 else None
        if previous is not None:
            p = previous.lower
            if p in NOUN_CONTEXT or p in _RELATIVE or p.endswith(("'s", "’s")) or p[:1].isdigit():
                continue
            if p in {
                "to",
                "will",
                "would",
                "can",
                "could",
                "should",
                "may",
                "might",
                "must",
                "does",
                "did",
            }:
                continue
            if p in {"all", "both", "most", "more", "fewer"}:
                continue  # "66% of all reports were handled": a noun
        elif after == 0:
            continue  # a sentence cannot open on its verb
        following = found[index + 1].lower if index + 1 < len(found) else ""
        if following in {"is", "are", "was", "were", "have", "had", "will", "would"}:
            continue  # a verb form followed by its own verb is a noun: "reports were handled"
        segment = text[max(text.rfind(",", after, word.start), after) : word.start]
        if _RELATIVE_IN.search(segment):
            continue  # a relative clause describes what is so: "…, which she splits with Pike"
        return word.start, word.end
    return None
