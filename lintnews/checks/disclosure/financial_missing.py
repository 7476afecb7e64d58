"""disclosure.financial-missing: investing advice or a broker/exchange promotion with no disclaimer.

Triggers: advice in the writer's voice ("now is the time to build a position", "buy a
low-cost index fund", "we expect BTC to top $100,000", "stocks look cheap right now"), and
sign-up offers that come with a financial product in the same sentence ("up to $200 in
bitcoin for signing up", "a $100 bonus when they deposit"). Exchange and broker referral
links count too. Market news that reports moves, in quotations or attributed to someone
else, is not a trigger. Any disclaimer anywhere ("not financial advice", "for informational
purposes only", "your capital is at risk", "do your own research") satisfies the rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...extensions.requirement import LinkMatcher, link_network
from ...grammar import with_article
from ...model import Match
from ...nlp.attribution import attribution
from ...source import Span
from ..common import body_sentences, terms


def _links(rule: Any, key: str = "referral-links") -> tuple[LinkMatcher, ...]:
    if f"links:{key}" not in rule.cache:
        rule.cache[f"links:{key}"] = tuple(
            LinkMatcher(
                item["name"],
                item["host"],
                item.get("path"),
                item.get("query", ()),
                trusted=rule.trusts(key),
            )
            for item in rule.options.get(key, [])
        )
    return rule.cache[f"links:{key}"]  # type: ignore[no-any-return]


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    disclaimers = terms(rule, "disclaimers", ctx)
    if disclaimers.search(doc.prose) or _front_matter_disclaimer(doc, disclaimers):
        return
    attr = attribution(doc, rule, ctx)
    advice = terms(rule, "advice", ctx)
    offers = terms(rule, "offers", ctx)
    instruments = terms(rule, "instruments", ctx)
    triggers: list[tuple[int, int, str]] = []
    for link in doc.links:
        name = link_network(link, _links(rule))
        if name:
            triggers.append((link.span.start, link.span.end, with_article(f"{name} link")))
            break
        # a sign-up link with a referral code, on any host, in a sentence about trading
        # or coins: "Open an account on [Bitrex](…/register?ref_id=…) and save on fees"
        if link_network(link, _links(rule, "sign-up-referrals")):
            index = doc.sentence_index(link.span.start)
            if index is not None and instruments.search(attr.unquoted(doc.sentences[index].span)):
                triggers.append((link.span.start, link.span.end, "a referral sign-up link"))
                break
    if not triggers and not instruments.search(attr.unquoted_text):
        return  # no stock, fund, coin or broker anywhere: nothing to promote or advise on
    for index, sentence in body_sentences(doc):
        text = attr.unquoted(sentence.span)
        hit = advice.search(text)
        if hit is None:
            offer = offers.search(text)
            if offer is not None and instruments.search(text):
                hit = offer
        if hit is None or _reported(attr, index, text):
            continue
        base = sentence.span.start
        triggers.append(
            (
                base + hit.start(),
                base + hit.end(),
                f"'{' '.join(text[hit.start() : hit.end()].split())}'",
            )
        )
        break
    if triggers:
        start, end, what = min(triggers)
        yield Match(Span(start, end), args=(what,))


def _reported(attr: Any, index: int, text: str) -> bool:
    """Advice someone else gave, reported as news ("analysts said investors should buy")."""
    if not attr.has_speech(index):
        return False
    lowered = text.lower()
    return not any(f" {p} " in f" {lowered} " for p in ("we", "our", "i", "you", "your"))


def _front_matter_disclaimer(doc: Document, disclaimers: Any) -> bool:
    matter = doc.front_matter
    if matter is None or matter.error is not None:
        return False
    value = matter.get("disclaimer")
    return isinstance(value, str) and bool(disclaimers.search(value))
