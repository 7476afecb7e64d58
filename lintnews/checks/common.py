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


def terms(rule: Any, key: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """The rule option ``key`` (a list of regex terms) compiled once per rule."""
    cache_key = f"terms:{key}:{flags}"
    if cache_key not in rule.cache:
        rule.cache[cache_key] = compile_terms(list(rule.options.get(key, [])), flags)
    return rule.cache[cache_key]  # type: ignore[no-any-return]


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
