"""claims.unattributed-superlative: promotional absolutes in the writer's own voice.

Two kinds. Puffery words that are absolute by themselves ("industry-leading",
"unprecedented", "game-changing", "unmatched"). Superlatives after a determiner: evaluative
ones ("the best", "the greatest", "the most power-efficient") always count; measurable ones
("the largest", "the lowest") only with an absolute frame ("ever made", "in the world",
"you can buy"). A superlative qualified by the publication's own testing ("the longest
battery life in our test", "the lowest price we have tracked"), attributed ("which the
company calls revolutionary"), in a quotation, a heading or a product name ("Best Buy")
is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...nlp.attribution import attribution
from ...source import Span
from ..common import body_sentences, terms, word_set

_SUPERLATIVE = re.compile(
    r"\b(?P<det>(?i:the\s+(?P<world>world|planet|nation|country|industry|market)['’]s|the|its|their|his|her|our|your))\s+(?:(?:single|very|absolute|undisputed|clear|simply|hands-down|all-time|overall)\s+)?"
    r"(?P<sup>most[\s-]+(?P<adj>[a-z][\w-]*)|best(?:-[a-z]+)?|[a-z]{3,}est(?:-[a-z]+)?|ultimate|definitive|quintessential)\b",
)
# A superlative compound that sells ("the fastest-growing bank", "the highest-rated app")
_SELLING = re.compile(r"-(?:growing|selling|rated|reviewed|performing|ranked)$")
# A recommendation for one audience, set before the claim: "For renters, the best choice…"
_AUDIENCE_FIRST = re.compile(r"^\W*for\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+\s*,", re.IGNORECASE)
# A judgement is promotional when the writer asserts it of the subject: "it is the best…",
# "makes it the most…", or appositively ", the safest…". A superlative that only picks out
# a thing ("the best tip each month wins", "his best finish was sixth", "in the best way")
# is not a claim about the product.
_PREDICATIVE = re.compile(
    r"(?:\b(?:is|are|was|were|'s|’s|remains?|remained|stays?|becomes?|became|be|been|being|has|have|had|"
    r"boasts?|offers?|serves?|features?|delivers?|gives?|brings?|"
    r"makes?\s+(?:it|them|this|these)|call(?:s|ed)?\s+(?:it|them)|as)"
    r"(?:\s+(?:simply|easily|arguably|undoubtedly|probably|clearly|still|now|quite|truly|genuinely|by\s+far|hands\s+down|without\s+(?:a\s+)?doubt))*"
    r"(?:\s+(?:one|some|among)(?:\s+of)?)?|,)\s*$",
    re.IGNORECASE,
)
# A recommendation that depends on the reader's case, anywhere in the sentence.
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|when|whenever)\s+(?:you|your|you're|you’re|the\s+(?:goal|aim|priority|budget|point)|budget|space|money|price)\b",
    re.IGNORECASE,
)
# A hedged judgement is the writer's opinion, not an absolute: "might be the best".
_HEDGED = re.compile(
    r"\b(?:might|may|could|probably|perhaps|possibly|likely)\b(?:\s+\w+){0,3}\s*$", re.IGNORECASE
)
# "the best way to …", "the best time to …", "the best thing to do": how-to advice
_ADVICE_IDIOM = re.compile(
    r"\s+(?:way|ways|time|times|thing|things|approach|bet|place|places|part|move|advice|defen[cs]e)\s+(?:to|is|was|for|of)\b",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[\s-]+([a-z][\w-]*)")
# The writer's own view, said as such: "was, for me, the most positive point"
_PERSONAL = re.compile(
    r"(?:\b(?:for|to)\s+me\b|\bin\s+my\s+(?:view|opinion|experience|book)\b|\bpersonally\b|"
    r"\bI\s+(?:think|thought|feel|felt|found|find|believe|reckon)\b)[^.;!?]*$",
)
_JUDGEMENTS = frozenset({"ultimate", "definitive", "quintessential"})
_NOT_SUPERLATIVE = frozenset(
    "interest honest modest earnest forest interest request guest chest west east nest rest test "
    "contest protest manifest harvest quest arrest invest digest suggest latest closest nearest".split()
)


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    puffery = terms(rule, "puffery", ctx)
    absolute = terms(rule, "absolute-frames", ctx)
    qualified = terms(rule, "qualifiers", ctx)
    priced = terms(rule, "price-frames", ctx, ignorecase=False)
    basis = terms(rule, "basis", ctx)
    evaluative = word_set(rule, "evaluative")
    factual_most = word_set(rule, "measurable-most")
    for index, sentence in body_sentences(doc):
        text = attr.unquoted(sentence.span)
        hit = _puffery(text, puffery)
        if hit is None:
            hit = _superlative(text, evaluative, factual_most, absolute, qualified, priced)
        if hit is None or attr.has_speech(index) or basis.search(text):
            continue
        if text.rstrip(" \t\r\n*_)\"'”’").endswith("?"):
            continue  # a question asserts nothing: "What is the best time to plant garlic?"
        if (
            (_CONDITIONAL.search(text) and not absolute.search(text, hit[1], hit[1] + 80))
            or _AUDIENCE_FIRST.match(text)
            or _HEDGED.search(text[max(0, hit[0] - 30) : hit[0]])
            or _PERSONAL.search(text, 0, hit[0])
        ):
            # "If the goal is reach, X might be the best option": advice, not puffery; but
            # "if you can, it is the best … in existence" stays absolute
            continue
        start, end = hit
        yield Match(
            Span(sentence.span.start + start, sentence.span.start + end),
            args=(" ".join(text[start:end].split()),),
        )


def _puffery(text: str, puffery: Any) -> tuple[int, int] | None:
    for found in puffery.finditer(text):
        word = text[found.start() : found.end()]
        if word[:1].isupper() and found.start() > 0 and text[: found.start()].strip():
            continue  # part of a name: "Unrivaled Games", "Revolutionary Road"
        return found.span()
    return None


def _superlative(
    text: str,
    evaluative: frozenset[str],
    factual_most: frozenset[str],
    absolute: Any,
    qualified: Any,
    priced: Any = None,
) -> tuple[int, int] | None:
    for found in _SUPERLATIVE.finditer(text):
        sup = found.group("sup")
        base = sup.split()[0].split("-")[0]
        if base in _NOT_SUPERLATIVE and "-" not in sup:
            continue
        tail = text[found.end() : found.end() + 80]
        if _ADVICE_IDIOM.match(tail):
            continue  # "the best way to reconnect is to …": advice on how, not a product sold
        clause_end = re.search(r"[.;!?]|,\s+(?:and|but|which|while)\b", tail)
        tail = tail[: clause_end.start()] if clause_end else tail
        if qualified.search(tail):
            continue
        adjective = (found.group("adj") or "").lower()
        if adjective.endswith("ly") and adjective not in factual_most:
            # "the most computationally heavy": the adjective after the adverb decides
            following = _NEXT_WORD.match(text, found.end())
            adjective = following.group(1).lower() if following else adjective
        if base == "most":
            measurable = adjective in factual_most
        else:
            measurable = (
                base not in evaluative and not sup.startswith("best") and base not in _JUDGEMENTS
            )
        if _SELLING.search(sup):
            measurable = False
        framed = (
            absolute.search(tail) is not None
            or found.group("world") is not None
            or (priced is not None and priced.match(tail.lstrip()) is not None)
        )
        if measurable and not framed:
            continue
        if not framed and not _PREDICATIVE.search(text[max(0, found.start() - 40) : found.start()]):
            continue
        return found.start(), found.end()
    return None
