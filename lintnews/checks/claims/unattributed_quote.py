"""claims.unattributed-quote: a direct quotation with nobody saying it.

A quotation of at least ``min-words`` words is attributed when an attribution verb or
"according to" (outside the quote) sits in the quote's own sentences, the sentence before,
or the sentence after in the same paragraph, or when the paragraph introducing it ends with
a colon. Short quotes (scare quotes, terms, titles of two or three words) and quoted titles
written in title case are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document, Quote
from ...model import Match
from ...nlp.attribution import Attribution, attribution
from ...nlp.words import words

# A credit line after a quote, past markup and line breaks: "— Jane Roe, CEO",
# "> — *Kiplinger, “We Are Peter Lynch”*", "<br> *Yaprak Baltacıoğlu, Secretary of the Board*"
_DASH_CREDIT = re.compile(
    r"^(?:[\s*_>]|<br\s*/?>)*(?:[—–-]{1,2}[\s*_]*[A-Z]|[*_]+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s)"
)
# Words quoted from something written: "one flyer read", "the sign on the door says"
_WRITTEN = re.compile(
    r"\b(?:sign|flyer|leaflet|poster|banner|letter|note|notice|headline|caption|message|post|"
    r"email|text|label|placard|tweet|card|plaque|inscription|slogan|motto|subject\s+line)s?"
    r"(?:\s+(?:on|in|at|above|by)\s+(?:the\s+|a\s+|an\s+)?[\w'’-]+)?\s+(?:that\s+)?"
    r"(?:read|reads|reading|ran|runs|stated|states|declared|declares|warned|warns|proclaimed|proclaims|promised|promises)\b",
    re.IGNORECASE,
)
# "in the Clerk's words", "in [Clerk Wernick's words](…)", "in her own words": the speaker named
_IN_WORDS = re.compile(
    r"\bin\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,3}?[\w.-]+['’]s?\s+(?:own\s+)?words\b|\bin\s+(?:his|her|their|its)\s+(?:own\s+)?words\b",
    re.IGNORECASE,
)
# The writer's own words or thoughts: "…, I thought", "I remember him saying "…"", "the
# thought in my mind was "…""
_OWN_THOUGHT = re.compile(
    r"\b(?:I|we)\s+(?:\w+\s+)?(?:thought|think|wondered|wonder|remember(?:ed)?|recall(?:ed)?|"
    r"told\s+(?:myself|ourselves)|said\s+to\s+(?:myself|ourselves)|kept\s+thinking|realized|realised)\b"
    r"|\b(?:the|my|our)\s+(?:first\s+|only\s+)?thought\s+(?:in\s+my\s+mind\s+)?(?:was|is)\b",
    re.IGNORECASE,
)
# A link whose text names a document: "[the AlexNet paper](…)", "[its announcement](…)"
_DOCUMENT_NAME = re.compile(
    r"\b(?:paper|report|study|document|filing|complaint|ruling|judgment|judgement|order|policy|"
    r"guidance|memo|letter|statement|announcement|press\s+release|post|article|interview|"
    r"transcript|blog|docs|documentation|FAQ|README|RFC|specification|act|bill|law|regulation)s?\b",
    re.IGNORECASE,
)
# Words quoted from a named document: "Section 8 grants the Secretary the power to "…"",
# "GDPR defines it as "…"", "in the paper it's stated that "…"", "The final report blamed …"
_DOCUMENT = re.compile(
    r"\b(?:section|article|clause|paragraph|act|law|bill|statute|regulation|directive|rule|"
    r"paper|report|study|document|filing|complaint|lawsuit|ruling|judgment|judgement|opinion|order|"
    r"policy|guidance|memo|constitution|treaty|licen[cs]e|terms|contract|charter|agreement|"
    r"specification|spec|RFC|standard|manual|GDPR|FAQ|announcement|press\s+release|statement)s?\b"
    r"(?:\s+[\w§.()'’-]+){0,8}?\s+(?:defines?|defined|grants?|granted|states?|stated|says?|said|"
    r"reads?|provides?|provided|requires?|required|describes?|described|calls?|called|blamed|"
    r"blames|concluded|concludes|found|finds|notes?|noted|warns?|warned|lists?|listed|"
    r"prohibits?|prohibited|allows?|allowed|orders?|ordered|asks?|asked|demands?|demanded|"
    r"promises?|promised|explains?|explained|puts?\s+it|adds?|added|cites?|cited)\b"
    r"|\bit(?:['’]s|\s+is|\s+was)\s+(?:stated|written|noted|said)\s+(?:that|in)\b",
    re.IGNORECASE,
)


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    minimum = int(rule.options.get("min-words", 6))
    long_quote = int(rule.options.get("long-quote-words", 30))
    nested = _nested(doc)
    for quote in doc.quotes:
        if quote.kind in ("blockquote", "transcript") or quote.block < 0:
            continue  # a transcript turn names its speaker
        block = doc.blocks[quote.block]
        if block.is_heading or block.in_footnote:
            continue
        inner = words(doc.prose, quote.inner.start, quote.inner.end)
        if len(inner) < minimum or _is_title(inner, doc.prose[quote.inner.start : quote.inner.end]):
            continue
        if id(quote) in nested:
            continue  # a quote within a quote: judged as part of the outer one
        if _NAMED.search(_lead(doc, quote)):
            continue  # a name or category: "awarded a prize for "best …"", "titled "…""
        if _attributed(doc, attr, quote, len(inner), long_quote):
            continue
        yield Match(quote.span)


# What names the quoted words rather than reports them: an award's category, a title, a
# saying, a search to run.
_NAMED = re.compile(
    r"(?:\b(?:called|named|titled|entitled|dubbed|nicknamed|known\s+as|labell?ed|billed\s+as|"
    r"under\s+the\s+(?:title|heading|name|banner|slogan))\s*[,:]?"
    r"|\b(?:awards?|awarded|prizes?|honou?r(?:s|ed)?|trophy|medal|category|nominated|"
    r"nominations?|shortlisted|won|wins|winners?)\b[^.!?\n]{0,80}?\b(?:for|as|in)(?:\s+(?:the|a|its|their))?"
    # a song's words: "the lyrics - "I'm gonna …"", "the opening line, "…""
    r"|\b(?:lyrics?|line|lines|chorus|verse|refrain|hook|couplet|stanza)\s*[,:—–-]?"
    # a question put to the reader: "raises the question, "Does my agency need one?""
    r"|\b(?:the|a|this|that|one)\s+(?:[\w-]+\s+)?question(?:\s+of)?\s*[,:—–]?"
    r"|\bask(?:s|ed|ing)?\s+(?:yourself|themselves|ourselves|himself|herself)\s*[,:]?"
    # a saying, and words to type or search for: "as the saying goes, "…"", "search for "…""
    r"|\b(?:saying|adage|proverb|maxim|idiom|expression)\s+(?:goes|has\s+it|runs)\s*[,:—–]?"
    r"|\b(?:search(?:ing)?\s+for|google|googling|type|typing|enter|entering|paste|pasting|"
    r"query|queries)\s*(?:in\s+)?"
    # a label to click ("Click on the "…" button"), a program's output ("it prints "…""),
    # and a name given with a copula ("The theme is "…"", "the commit message was "…"")
    r"|\b(?:click(?:s|ed|ing)?|tap(?:s|ped|ping)?|select(?:s|ed|ing)?|choos(?:e|es|ing)|chose|press(?:es|ed|ing)?|hit|"
    r"check(?:ing)?|uncheck(?:ing)?|toggl(?:e|ing)|pick(?:ing)?)(?:\s+on)?(?:\s+(?:the|a|an))?"
    r"|\b(?:prints?|printed|outputs?|displays?|displayed|returns?|returned|logs?|logged|emits?|"
    r"emitted|throws?|threw)(?:\s+(?:the|an?)\s+(?:error|message|warning|line))?\s*:?"
    r"|\b(?:title|name|theme|motto|slogan|subject(?:\s+line)?|tagline|message|label|caption|"
    r"heading|headline|hashtag|prompt|query|string|value)"
    r"(?:\s+(?:of|for|on|in)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+)?\s+(?:is|was|were|are|reads?)\s*[:,]?)"
    r"[\s*_]*$",
    re.IGNORECASE,
)


def _lead(doc: Document, quote: Quote) -> str:
    """The words of the quote's sentence before it (links and markup blanked, lines joined)."""
    index = doc.sentence_index(quote.span.start)
    start = doc.sentences[index].span.start if index is not None else quote.span.start
    return " ".join(doc.prose[start : quote.span.start].split())[-200:]


def _nested(doc: Document) -> set[int]:
    """Quotes inside another (non-blockquote) quote, in one pass over the sorted quotes."""
    out: set[int] = set()
    reach = -1  # the furthest end of an earlier quotation
    for quote in doc.quotes:  # sorted by start
        if quote.span.end <= reach:
            out.add(id(quote))
        if quote.kind != "blockquote":
            reach = max(reach, quote.span.end)
    return out


def _is_title(inner: list[Any], text: str) -> bool:
    """ "The Fixer: Lena Varga Wants You to Stop Throwing Away Your Toaster" is a title, not speech."""
    long_words = [w for w in inner if len(w.text) > 3]
    if not long_words or text.rstrip().endswith((".", "!", "?", ",")):
        return False
    return sum(1 for w in long_words if w.text[:1].isupper()) / len(long_words) >= 0.75


def _attributed(
    doc: Document, attr: Attribution, quote: Quote, length: int, long_quote: int
) -> bool:
    sentences = doc.sentences
    first = doc.sentence_index(quote.span.start)
    last = doc.sentence_index(max(quote.span.end - 1, quote.span.start))
    if first is None or last is None:
        return True  # outside the prose we judge
    block = sentences[first].block
    for index in range(first, last + 1):
        unquoted = attr.unquoted(sentences[index].span)
        if (
            attr.has_speech(index)
            or _WRITTEN.search(unquoted)
            or _DOCUMENT.search(unquoted)
            or _OWN_THOUGHT.search(unquoted)
            or _IN_WORDS.search(unquoted)
        ):
            return True
    if any(
        link.span.end <= quote.span.start
        and link.text_span is not None
        and _DOCUMENT_NAME.search(doc.prose_of(link.text_span))
        for link in doc.links_in(sentences[first].span)
    ):
        return True  # "as [the final report](…) puts it, "…"": the linked document is the source
    # the sentence before: in the same paragraph, or closing the paragraph above for a short
    # quotation that carries on from it ("…, he said." / "If you do it right, it moves.").
    # A long quotation standing on its own needs its own attribution.
    before = first - 1
    if (
        before >= 0
        and (sentences[before].block == block or length < long_quote)
        and attr.has_speech(before)
    ):
        return True
    after = last + 1
    if after < len(sentences) and sentences[after].block == block and attr.has_speech(after):
        return True
    if _introduced(doc, attr, quote, block) or _credited_box(doc, quote):
        return True
    # "— Jane Roe, CEO" on the line after a pull quote
    next_block = block + 1
    if next_block < len(doc.blocks) and _DASH_CREDIT.match(
        doc.text_of(doc.blocks[next_block].span)
    ):
        return True
    return bool(
        _DASH_CREDIT.match(doc.text[quote.span.end : doc.blocks[block].span.end].lstrip(".,"))
    )


def _credited_box(doc: Document, quote: Quote) -> bool:
    """The quote sits in a block quotation whose last line credits it ("> — Predrag G.")."""
    for box in doc.quotes:
        if box.kind != "blockquote" or not (box.span.start <= quote.span.start < box.span.end):
            continue
        lines = [
            line.lstrip(" \t>").strip()
            for line in doc.text[box.span.start : box.span.end].splitlines()
        ]
        last = next((line for line in reversed(lines) if line), "")
        if _DASH_CREDIT.match(last):
            return True
    return False


def _introduced(doc: Document, attr: Attribution, quote: Quote, block: int) -> bool:
    """The quote opens its paragraph and the paragraph before ends with a colon; in a list,
    the paragraph before the list does ("The data request was:" / "- "…"" / "- "…"")."""
    opening = doc.prose[doc.blocks[block].span.start : quote.span.start]
    if opening.strip(" \t\r\n*_>"):
        # text before the quote in its own paragraph: "She put it this way: "…""
        if opening.rstrip(" \t*_").endswith(":"):
            return True
        if not doc.blocks[block].in_list:
            return False
    in_list = doc.blocks[block].in_list
    for previous in range(block - 1, -1, -1):
        candidate = doc.blocks[previous]
        if in_list and candidate.in_list:
            continue  # an earlier item of the same list
        text = doc.prose_of(candidate.span).rstrip(" \t\r\n*_")
        if text:
            # "… as the firm puts it:" or "[Reynolds says](…)," then the quotation
            return text.endswith(":") or (
                text.endswith(",")
                and candidate.sentence_count > 0
                and attr.has_speech(candidate.first_sentence + candidate.sentence_count - 1)
            )
    return False
