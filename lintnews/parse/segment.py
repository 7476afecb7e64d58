"""Sentences and direct quotations over the prose view, block by block."""

from __future__ import annotations

import re
from typing import Any

from ..document import Document, Quote, Sentence
from ..source import Span

# Words that end with a period without ending the sentence. Lowercase, no final period.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sr jr st sen rep gov gen lt col capt cmdr sgt maj adm pres supt
    rev fr hon atty insp det cpl pvt mt ft
    inc ltd co corp llc plc bros assn dept univ est approx misc
    vs etc al cf ca no nos vol vols pp ed eds fig figs op
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa penn tenn tex va vt wash wis wyo
    a.m p.m e.g i.e u.s u.k u.n e.u d.c n.y l.a u.s.a ph.d m.d b.a m.a
    """.split()
)
# Abbreviations that often end a sentence too ("He moved to the U.S. The job…", "…of Acme
# Inc. It fell…"): before a word that usually starts a sentence, they end one.
SENTENCE_FINAL = frozenset(
    "u.s u.k u.n e.u d.c u.s.a inc ltd co corp llc plc bros etc a.m p.m jr sr".split()
)
SENTENCE_STARTERS = frozenset(
    """
    the a an it its he she they we i you this that these those there his her their our my
    but and yet so still however meanwhile then now in on at after before when while if as
    """.split()
)
_WORD_AFTER = re.compile(r"\s*[\"'“‘(\[*_]*([A-Za-z][\w’'-]*)")
_CANDIDATE = re.compile(r"([.!?…]+)([\"'”’)\]*_]*)(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([^\s\"'“‘(\[]+)$")
_WORD_EDGE = re.compile(r"[\s\"'“‘(\[]")  # what ends a _WORD_BEFORE word on the left
_NON_SPACE = re.compile(r"\S")
_LONGEST_WORD = 64
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_OPENERS = set("([{—–-/:*_")


def segment(doc: Document) -> None:
    """Fill ``doc.sentences`` and ``doc.quotes`` (blockquote quotes are already there)."""
    prose = doc.prose
    text = doc.source.text
    speakers = _speaker_counts(doc, text)
    answering = False  # inside the answer of a speaker whose label stood on its own line
    for index, block in enumerate(doc.blocks):
        block.first_sentence = len(doc.sentences)
        for start, end in split_sentences(prose, block.span.start, block.span.end):
            doc.sentences.append(Sentence(Span(start, end), index))
        block.sentence_count = len(doc.sentences) - block.first_sentence
        if block.is_heading:
            answering = False
        elif answering and block.kind == "paragraph" and _speaker_label(doc, index, text) is None:
            # "**Micah:**" (alone or with the answer's first words), then more paragraphs
            # before the next speaker: all of them are the speaker's words
            doc.quotes.append(Quote(block.span, block.span, "transcript", index))
            continue
        _find_quotes(doc, index, prose, text, speakers)
        answering = _turn_opened(doc, index)
    for quote in doc.quotes:
        if quote.kind == "blockquote":
            quote.block = _first_block_in(doc, quote.span)


def _first_block_in(doc: Document, span: Span) -> int:
    for index, block in enumerate(doc.blocks):
        if block.span.start >= span.start:
            return index if block.span.start < span.end else -1
    return -1


def split_sentences(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (file offsets) within prose[start:end], trimmed of outer whitespace."""
    out: list[tuple[int, int]] = []
    chunk = prose[start:end]
    cursor = 0
    for match in _CANDIDATE.finditer(chunk):
        stop = match.end()
        after = _next_visible(chunk, stop)
        if after is not None and not _starts_sentence(chunk[after], match.group(1)):
            continue
        if match.group(1) == "." and _is_abbreviation(chunk, match.start(1), cursor):
            continue
        _append(out, chunk, cursor, stop, start)
        cursor = stop
    _append(out, chunk, cursor, len(chunk), start)
    return out


def _next_visible(chunk: str, index: int) -> int | None:
    while index < len(chunk) and chunk[index].isspace():
        index += 1
    return index if index < len(chunk) else None


def _starts_sentence(char: str, punct: str) -> bool:
    if char.isupper() or char.isdigit() or char in "\"'“‘([*_#>-•$€£¥":
        return True
    return False


def _is_abbreviation(chunk: str, period: int, sentence_start: int) -> bool:
    # Look back a bounded distance: searching from the start of the block for every
    # period made a long paragraph quadratic.
    window = max(0, period - _LONGEST_WORD)
    found = _WORD_BEFORE.search(chunk, window, period)
    if not found:
        return False
    if found.start() == window and window > 0 and not _WORD_EDGE.match(chunk, window - 1):
        return False  # a "word" longer than any abbreviation
    word = found.group(1).lstrip("*_").rstrip(".")
    if word.isdigit() and not _NON_SPACE.search(chunk, sentence_start, found.start()):
        return True  # "1." numbering a heading or list line
    lower = word.lower()
    if lower in SENTENCE_FINAL:
        after = _WORD_AFTER.match(chunk, period + 1)
        if after and after.group(1)[0].isupper() and after.group(1).lower() in SENTENCE_STARTERS:
            return False
    if lower in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "Franck V. Smith"
        return True
    return bool(_INITIALISM.match(word)) and len(word) <= 6


def _append(out: list[tuple[int, int]], chunk: str, begin: int, stop: int, base: int) -> None:
    piece = chunk[begin:stop]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    out.append((base + begin + lead, base + begin + lead + len(stripped)))


_QUOTE_MARK = re.compile("[\"“”‘’']")
# A speaker's turn in a transcript or Q&A: "**TOMAS VEY:** We lost…", "Q: Why…"
_SPEAKER = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<name>[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|team|group|staff|office|panel|host|guest|moderator|interviewer)){0,3})(?:\*\*|__)?[ \t]*:(?:\*\*|__)?(?:\s+\S|[ \t]*$)",
    re.MULTILINE,
)
_NOT_SPEAKERS = frozenset(
    "note update updated correction clarification disclosure photo image picture source sources credit credits "
    "warning editor editor's tl;dr sponsored advertisement ad partner summary verdict pros cons price "
    "specs rating score bottom line step tip warning caveat".split()
)


def _find_quotes(
    doc: Document, index: int, prose: str, text: str, speakers: dict[str, int]
) -> None:
    block = doc.blocks[index]
    start, end = block.span.start, block.span.end
    if _transcript_turn(doc, index, text, speakers):
        return
    open_at: int | None = None
    open_kind = ""
    single_at: int | None = None
    single_kind = ""
    for found in _QUOTE_MARK.finditer(prose, start, end):
        position = found.start()
        char = found.group()
        before = text[position - 1] if position > start else " "
        after = text[position + 1] if position + 1 < end else " "
        if char == "“" or (char == '"' and open_at is None):
            if open_at is None and (char == "“" or _can_open(before, after)):
                open_at, open_kind = position, "curly" if char == "“" else "double"
        elif char == "”" or char == '"':
            if open_at is not None and (char == "”" or _can_close(before, after)):
                _add_quote(doc, open_at, position + 1, open_kind, index)
                open_at = None
                single_at = None
        elif char in "‘'" and single_at is None and open_at is None:
            # British style quotes in single marks; an apostrophe sits between letters
            if (
                _can_open(before, after)
                and not before.isalnum()
                and after.isalnum()
                or (char == "‘" and _can_open(before, after))
            ):
                single_at, single_kind = position, "single"
        elif (
            char in "’'" and single_at is not None and not after.isalnum() and not before.isspace()
        ):
            if (
                char == "'"
                and before == "s"
                and after == " "
                and _looks_possessive(prose, position)
            ):
                continue  # "the players' union"
            _add_quote(doc, single_at, position + 1, single_kind, index)
            single_at = None
    if open_at is not None:
        doc.unclosed_quotes.append(Span(open_at, end))


_NOT_POSSESSED = frozenset(
    "and or but nor so yet is are was were be been to in on at by for with from of as than that which who "
    "while when if because although though then".split()
)


def _looks_possessive(prose: str, position: int) -> bool:
    """A plural possessive ("drivers' pay") rather than the end of a quotation ("'savings' and")."""
    following = prose[position + 1 : position + 30].split()
    return (
        bool(following)
        and following[0][:1].islower()
        and not following[0].endswith((",", "."))
        and following[0] not in _NOT_POSSESSED
    )


def _speaker_label(doc: Document, index: int, text: str) -> Any:
    block = doc.blocks[index]
    if block.kind != "paragraph" or block.is_heading:
        return None
    found = _SPEAKER.match(text, block.span.start, min(block.span.end, block.span.start + 80))
    if found is None:
        return None
    name = found.group("name")
    if name.lower() in _NOT_SPEAKERS or name.lower().split()[0] in _NOT_SPEAKERS:
        return None
    head = text[block.span.start : found.end()]
    if not (name.isupper() or "**" in head or "__" in head):
        return None  # "Photo: …", "Update: …"; a speaker label is set in capitals or bold
    return found


def _turn_opened(doc: Document, index: int) -> bool:
    """Did block ``index`` open a transcript turn ("**Annalee:** …" or "**Micah:**" alone)?"""
    return (
        bool(doc.quotes) and doc.quotes[-1].kind == "transcript" and doc.quotes[-1].block == index
    )


def _speaker_counts(doc: Document, text: str) -> dict[str, int]:
    """How many paragraphs each label opens: a speaker in a transcript takes turns."""
    counts: dict[str, int] = {}
    for index in range(len(doc.blocks)):
        found = _speaker_label(doc, index, text)
        if found is not None:
            counts[found.group("name")] = counts.get(found.group("name"), 0) + 1
    return counts


def _transcript_turn(doc: Document, index: int, text: str, speakers: dict[str, int]) -> bool:
    """A paragraph that opens with a speaker's name and a colon is that speaker's words."""
    block = doc.blocks[index]
    found = _speaker_label(doc, index, text)
    if found is None:
        return False
    name = found.group("name")
    if not name.isupper() and speakers.get(name, 0) < 2 and len(speakers) < 2:
        # one bold run-in label ("**Scenario B:** Surveys show…") is a label, not a speaker;
        # a transcript has turns (a speaker twice, or two speakers)
        return False
    span = Span(block.span.start, block.span.end)
    doc.quotes.append(Quote(span, Span(found.end() - 1, block.span.end), "transcript", index))
    return True


def _can_open(before: str, after: str) -> bool:
    return (before.isspace() or before in _OPENERS or before in "“‘") and not after.isspace()


def _can_close(before: str, after: str) -> bool:
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _add_quote(doc: Document, start: int, end: int, kind: str, block: int) -> None:
    if end - start >= 2:
        doc.quotes.append(Quote(Span(start, end), Span(start + 1, end - 1), kind, block))
