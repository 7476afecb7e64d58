"""Words with their offsets, and what the document itself says about capitalised words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..document import Document

WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’&-]*[A-Za-z0-9])?|\$\d[\d,.]*")

# Capitalised words that start sentences without being names.
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those there their they them then than some many most several
    few all any each every no none not our your my his her its we you he she it i me us
    and but or nor so yet for if when while as because since although though after before
    until unless once where whereas whether what which who whom whose why how
    in on at by of to from with without within into onto over under about above below
    between among across through during around near like per via
    also still just even only again already now here today yesterday tomorrow
    more less much other others another such same both either neither
    is are was were be been being do does did have has had will would can could should may
    might must shall
    according meanwhile however instead indeed overall rather roughly about nearly almost
    mr mrs ms dr
    """.split()
)
MONTHS_DAYS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


def words(prose: str, start: int, end: int) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(prose, start, end)]


_RESTARTS = frozenset({":", '"', "“", "—"})


class Names:
    """Which capitalised words this document uses as names.

    A word capitalised in the middle of a sentence is a name; at the start of a sentence it
    may just be capitalised, so there we trust it only if the document capitalises it
    elsewhere too, or never writes it in lowercase and it is not a function word.
    """

    def __init__(self, doc: Document) -> None:
        self.mid: set[str] = set()
        self.lower: set[str] = set()
        prose = doc.prose
        find = WORD.finditer
        for sentence in doc.sentences:
            if doc.blocks[sentence.block].is_heading:
                continue
            previous_end = -1
            for found in find(prose, sentence.span.start, sentence.span.end):
                text = found.group()
                first = text[0]
                if first.isupper():
                    # after a colon, an opening quote or a dash a capital starts a new sentence
                    if (
                        previous_end >= 0
                        and prose[previous_end : found.start()].strip() not in _RESTARTS
                    ):
                        self.mid.add(text)
                elif first.islower():
                    self.lower.add(text)
                previous_end = found.end()

    def is_name(self, word: Word, sentence_initial: bool, next_word: Word | None = None) -> bool:
        text = word.text
        if not text[:1].isupper() or text.lower() in MONTHS_DAYS:
            return False
        if len(text) > 2 and text.endswith("s") and text[:-1].isupper():
            return False  # a plural of an acronym is a common noun: GPs, MPs, CEOs
        if text.isupper() and len(text) > 1:
            return True  # an acronym: NASA, CME
        if not sentence_initial:
            return text.lower() not in FUNCTION_WORDS or text in self.mid
        if text.lower() in FUNCTION_WORDS:
            return False
        # At the start of a sentence only trust what the document confirms elsewhere, or a
        # run of capitals ("Marisol Ortega said").
        if text in self.mid or text.endswith(("'s", "’s")):
            return True  # seen mid-sentence, or a possessive: "Cairnstone's figures"
        return (
            next_word is not None
            and next_word.text[:1].isupper()
            and next_word.lower not in FUNCTION_WORDS
        )


def names(doc: Document, ctx: object) -> Names:
    memo = getattr(ctx, "memo", None)
    return memo("names", lambda: Names(doc)) if memo else Names(doc)  # type: ignore[no-any-return]


def longest_first(terms: Iterable[str]) -> list[str]:
    """Distinct terms, longest first so an alternation prefers the longer phrase; ties in
    text order, so the pattern (and the caches keyed on it) is the same in every process."""
    return sorted(set(terms), key=lambda term: (-len(term), term))


def compile_terms(
    terms: list[str] | tuple[str, ...], ignorecase: bool = True, trusted: bool = False
) -> Any:
    """One alternation over lexicon terms (regexes), longest first, on word edges."""
    from ..ruleset.patterns import compile_pattern

    body = "|".join(f"(?:{term})" for term in longest_first(terms)) or "(?!)"
    return compile_pattern(rf"(?<![\w])(?:{body})(?![\w])", ignorecase, trusted)
