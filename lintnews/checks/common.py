"""Helpers the Python checks share: iterate sentences a rule may judge, compile options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Document, Sentence
from ..nlp.words import compile_terms


def body_sentences(doc: Document, headings: bool = False) -> Iterator[tuple[int, Sentence]]:
    """Sentences of the writer's own prose: not headings (unless asked), not captions."""
    for index, sentence in enumerate(doc.sentences):
        block = doc.blocks[sentence.block]
        if block.is_heading and not headings:
            continue
        if block.in_footnote:
            continue
        yield index, sentence


def terms(rule: Any, key: str, ctx: Any = None, ignorecase: bool = True) -> Any:
    """The rule option ``key`` (a list of regex terms) compiled once per rule; a user's terms
    run under the rule's time budget (``patterns.TimedPattern``). ``ctx`` is not needed
    (kept for callers): the running rule's budget applies."""
    cache_key = f"terms:{key}:{ignorecase}"
    if cache_key not in rule.cache:
        rule.cache[cache_key] = compile_terms(
            list(rule.options.get(key, [])), ignorecase, rule.trusts(key)
        )
    return rule.cache[cache_key]


def word_set(rule: Any, key: str) -> frozenset[str]:
    cache_key = f"set:{key}"
    if cache_key not in rule.cache:
        rule.cache[cache_key] = frozenset(str(w).lower() for w in rule.options.get(key, []))
    return rule.cache[cache_key]  # type: ignore[no-any-return]


def caption_blocks(doc: Document) -> set[int]:
    """Blocks that caption an image: the paragraph holding it, or an HTML figure."""
    out: set[int] = set()
    for image in doc.images:
        if image.kind == "front-matter":
            continue
        index = doc.block_index(image.span.start)
        if index is not None:
            out.add(index)
            continue
        # an image alone on its line: the block right after may be its caption
        for position, block in enumerate(doc.blocks):
            if block.span.start >= image.span.end:
                if len(doc.prose_of(block.span).split()) <= 25:
                    out.add(position)
                break
    for position, block in enumerate(doc.blocks):
        if block.kind == "html" and "<figcaption" in doc.text_of(block.span).lower():
            out.add(position)
    return out


DECK_MAX_WORDS = 45


def own_register_blocks(doc: Document) -> set[int]:
    """Blocks written in their own register, where the present tense is the convention:
    image captions, and the deck (standfirst) under the headline: a short paragraph set
    wholly in italics or bold right after the title, before the story starts."""
    out = caption_blocks(doc)
    seen_heading = doc.front_matter is not None and bool(doc.metadata.get("title"))
    for position, block in enumerate(doc.blocks[:4]):
        if block.is_heading:
            seen_heading = True
            continue
        text = doc.text_of(block.span).strip()
        words = len(doc.prose_of(block.span).split())
        if not seen_heading or not words:
            continue
        if words <= DECK_MAX_WORDS and _wholly_emphasised(text):
            out.add(position)
            continue
        break  # the first plain paragraph: the story has started
    return out


def _wholly_emphasised(text: str) -> bool:
    for mark in ("***", "**", "__", "*", "_"):
        if text.startswith(mark) and text.rstrip(".").endswith(mark) and len(text) > 2 * len(mark):
            return True
    return False


SUBJECT_CONJUNCTIONS = frozenset(
    "that and but because while since though although so as yet when if whereas once".split()
)
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")
_MARKUP = " \t\r\n*_\"'“‘([#>-•"


def at_subject_start(
    text: str,
    position: int,
    floor: int,
    words: frozenset[str] = SUBJECT_CONJUNCTIONS,
    punctuation: str = ",;:—–(",
) -> bool:
    """Can a clause's subject start at ``position``? The sentence start (``floor``), right
    after a comma, semicolon, colon, dash or bracket, or after a conjunction in ``words``."""
    before = text[floor:position].rstrip()
    if not before.strip(_MARKUP):
        return True
    if before[-1] in punctuation:
        return True
    last = _LAST_WORD.search(before[-20:])
    return last is not None and last.group(1).lower() in words


def matches_in_sentences(
    doc: Document, text: str, pattern: Any, headings: bool = False, skip: set[int] | None = None
) -> Iterator[tuple[int, Sentence, Any]]:
    """Run ``pattern`` once over the document's ``text`` (same offsets as the file) and
    yield the matches that lie within one judged sentence, with that sentence."""
    for found in pattern.finditer(text):
        start, end = found.span()
        if start == end:
            continue
        index = doc.sentence_index(start)
        if index is None:
            continue
        sentence = doc.sentences[index]
        if end > sentence.span.end:
            continue
        block = doc.blocks[sentence.block]
        if (
            (block.is_heading and not headings)
            or block.in_footnote
            or (skip and sentence.block in skip)
        ):
            continue
        yield index, sentence, found


class FirstHits:
    """The earliest hit per sentence, collected from several patterns."""

    def __init__(self) -> None:
        self.by_sentence: dict[int, tuple[int, int]] = {}

    def keep(self, index: int, start: int, end: int) -> None:
        current = self.by_sentence.get(index)
        if current is None or start < current[0]:
            self.by_sentence[index] = (start, end)

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        for index in sorted(self.by_sentence):
            yield (index, *self.by_sentence[index])
