"""claims.unsourced-statistic: a figure stated as fact with no source nearby.

Statistics are recognised by shape: percentages, "N in M" ratios, money with a scale word
("$2.3 billion"), counts with a scale word ("40 million users") and averages. Offers and
prices, specs and settings ("at 50% volume"), dates, ages and scores, numbers in headings
and inside quotations are not statistics. A figure is sourced when its sentence, or the
sentence before or after in the same paragraph, names or links a source, or reports the
publication's own test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...document import Document
from ...model import Match
from ...nlp.attribution import attribution
from ...source import Span
from ..common import caption_blocks, matches_in_sentences, terms


def check(doc: Document, rule: Any, ctx: Any) -> Iterator[Match]:
    attr = attribution(doc, rule, ctx)
    shapes = terms(rule, "shapes", ctx)
    offers_before = terms(rule, "not-a-statistic-before", ctx)
    offers_after = terms(rule, "not-a-statistic-after", ctx)
    hypothetical = terms(rule, "hypothetical", ctx)
    condition = terms(rule, "condition-before", ctx)
    deal_before = terms(rule, "transaction-before", ctx)
    deal_after = terms(rule, "transaction-after", ctx)
    estimate = terms(rule, "estimate-context", ctx)
    results = terms(rule, "results-figures", ctx)
    story_source = _story_source(doc, attr, terms(rule, "results-story", ctx))
    source_line = _source_line(doc, terms(rule, "source-lines", ctx))
    report_heading = terms(rule, "report-headings", ctx)
    respondents = terms(rule, "survey-respondents", ctx)
    survey_named = terms(rule, "survey-named", ctx)
    # a post whose title is a survey ("Node.js survey: who uses it"), or that says it ran one
    # ("we surveyed 132 engineers"), reports that survey
    survey_post = bool(doc.title and survey_named.search(doc.title)) or bool(
        terms(rule, "own-survey", ctx).search(attr.unquoted_text)
    )
    own_activity = terms(rule, "own-activity", ctx)
    we = terms(rule, "first-person-plural", ctx, ignorecase=False)
    # a post written in the operator's voice throughout: "we"/"our" at least once in every
    # hundred words, five times or more
    voice = sum(1 for _ in we.finditer(attr.unquoted_text))
    we_post = voice >= 5 and voice * 100 >= len(attr.unquoted_text.split())
    text = attr.unquoted_text
    done: set[int] = set()  # one finding per sentence: the first figure
    reported: set[str] = set()  # and one per figure in the document: a repeat is the same claim
    for index, sentence, found in matches_in_sentences(doc, text, shapes):
        if index in done:
            continue
        start, end = found.span()
        before = text[max(sentence.span.start, start - 40) : start]
        after = text[end : min(sentence.span.end, end + 40)]
        shape = text[start:end].lower()
        if shape[:1] in "$€£¥":
            # an amount with "million"/"billion" is never a shop price, but the amount of a
            # budget, deal or fine is a fact of the event, not a statistic
            if deal_before.search(before + "\x00") or deal_after.search("\x00" + after):
                continue
        elif (
            "%" in shape
            or "percent" in shape
            or "per cent" in shape
            or " in " in shape
            or " out of " in shape
        ):
            # a rate, a discount, a setting or a rating is a term, not a claim; what follows
            # the figure itself decides ("5% back"), not what follows the group named after
            # it ("62% of voters back it"), and a change ("grew 40% a year") is no rate
            unit = _PERCENT.search(text, start, end)
            following = (
                text[unit.end() : min(sentence.span.end, unit.end() + 40)] if unit else after
            )
            changed = shape[:1].isalpha() and not shape.startswith(("one", "two", "three"))
            if not changed and (
                offers_before.search(before + "\x00") or offers_after.search("\x00" + following)
            ):
                continue
        if (
            (" in " in shape or " out of " in shape)
            and not after.strip(" \t|,.;:")
            and doc.blocks[sentence.block].kind == "table_cell"
        ):
            continue  # a ratio that ends its cell names a product ("Rover, 3 in 7"), counts nothing
        done.add(index)
        if _in_header_cell(doc, start):
            continue  # a column or row label ("Mega (over 1 million followers)") defines a bracket
        if _RANGE_BEFORE.search(before):
            continue  # one end of a range that defines a bracket: "500 thousand - 1 million"
        if hypothetical.search(attr.unquoted(sentence.span)) or condition.search(before):
            continue
        if story_source and results.search(attr.unquoted(sentence.span)):
            continue  # a results or market figure in a story sourced to the report as a whole
        if source_line or _under_report_heading(doc, sentence.block, report_heading):
            continue  # "**Source:** [Apple](…)" closes the brief; "## Highlights from the report"
        if (survey_post and ("%" in shape or "percent" in shape or "per cent" in shape)) or (
            respondents.search(attr.unquoted(sentence.span))
            and _names_survey(doc, index, survey_named)
        ):
            continue  # "58 percent of respondents" in the report of that survey
        if own_activity.search(text, start, min(sentence.span.end, end + 40)) and (
            we_post or _speaks_as_we(doc, attr, sentence.block, we)
        ):
            continue  # the publisher's own logged counts: "114.6 million package downloads"
        if (
            attr.sourced_near(index)
            or _sourced_by_intro(doc, attr, index)
            or _read_off_chart(doc, attr, index)
        ):
            continue
        if _under_estimate(doc, index, estimate):
            continue
        figure = _figure(text[start:end])
        if figure in reported:
            continue
        reported.add(figure)
        yield Match(Span(start, end), args=(" ".join(text[start:end].split()),))


_PERCENT = re.compile(
    r"%|\bpercent\b|\bper\s+cent\b|\bpct\b|\b(?:in|out\s+of)\s+\w+", re.IGNORECASE
)
_NUMBER = re.compile(
    r"[$€£¥]?\d[\d,]*(?:\.\d+)?\s?(?:%|percent|per\s+cent|pct|million|billion|trillion|bn|mn|tn)?"
)


def _figure(shape: str) -> str:
    """What a figure is, whatever words surround it: "nearly 45% of Americans" -> "45%"."""
    numbers = [" ".join(n.lower().split()) for n in _NUMBER.findall(shape)]
    return " ".join(numbers) if numbers else " ".join(shape.lower().split())


_RANGE_BEFORE = re.compile(
    r"\d[\d,.]*\s*(?:thousand|million|billion|k|m|%)?\s*(?:[-–]|to)\s*$", re.I
)


_CELL_TAG = re.compile(r"<(/?)(th|td)\b", re.IGNORECASE)
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def _in_header_cell(doc: Document, offset: int) -> bool:
    """Is ``offset`` in a table's header cell: an HTML ``<th>``, or a Markdown header row
    (the row above the ``|---|`` line)? A header names a column or a row; it states nothing."""
    block_index = doc.block_index(offset)
    if block_index is None:
        return False
    block = doc.blocks[block_index]
    text = doc.text
    if block.kind == "table_cell":
        line_end = text.find("\n", offset)
        if line_end < 0:
            return False
        next_end = text.find("\n", line_end + 1)
        following = text[line_end + 1 : next_end if next_end >= 0 else len(text)]
        return _DELIMITER_ROW.match(following.rstrip("\r")) is not None
    if block.kind != "html":
        return False
    tags = list(_CELL_TAG.finditer(text, block.span.start, offset))
    return bool(tags) and not tags[-1].group(1) and tags[-1].group(2).lower() == "th"


def _under_estimate(doc: Document, index: int, estimate: Any) -> bool:
    """A table row or list item under a heading, intro or header row that presents the
    figures as an estimate, an assumption or a worked example."""
    block_index = doc.sentences[index].block
    block = doc.blocks[block_index]
    if not (block.in_list or block.kind == "table_cell"):
        return False
    for previous in range(block_index - 1, max(-1, block_index - 200), -1):
        candidate = doc.blocks[previous]
        if estimate.search(doc.prose_of(candidate.span)):
            return True
        if not (candidate.in_list or candidate.kind == "table_cell"):
            return False  # the intro paragraph or heading above the table or list
    return False


def _source_line(doc: Document, cue: Any) -> bool:
    """A line that names the source of the whole piece: "**Source:** [Apple](…)", "Via: Reuters"."""
    captions = caption_blocks(doc)  # "Source: NASA" under a chart credits the chart only
    for index, block in enumerate(doc.blocks):
        if block.kind != "paragraph" or block.is_heading or index in captions:
            continue
        text = doc.prose_of(block.span).strip()
        if len(text.split()) <= 25 and cue.match(text):
            return True
    return False


def _under_report_heading(doc: Document, block_index: int, heading: Any) -> bool:
    """Is the block in a section whose heading names the report it summarises ("Highlights
    from the report", "Key findings of the 2024 survey")?"""
    for previous in range(block_index - 1, -1, -1):
        block = doc.blocks[previous]
        if block.is_heading:
            return heading.search(doc.prose_of(block.span)) is not None
    return False


def _read_off_chart(doc: Document, attr: Any, index: int) -> bool:
    """The paragraph right after a chart opens with the figures read off it, and the chart's
    source is the paragraph that introduced it: "… you can get the data from [Android
    Studio](…). Here is what it looked like:" / an image / "Currently, 66.2% of devices …"."""
    sentence = doc.sentences[index]
    block = doc.blocks[sentence.block]
    if index != block.first_sentence or sentence.block < 2:
        return False
    chart = doc.blocks[sentence.block - 1]
    if chart.sentence_count or not any(
        chart.span.start <= image.span.start < chart.span.end for image in doc.images
    ):
        return False
    intro = doc.blocks[sentence.block - 2]
    if intro.is_heading or not doc.prose_of(intro.span).rstrip().endswith(":"):
        return False
    return any(
        attr.sourced(i)
        for i in range(intro.first_sentence, intro.first_sentence + intro.sentence_count)
    )


def _speaks_as_we(doc: Document, attr: Any, block_index: int, we: Any) -> bool:
    """Does the paragraph speak in the publisher's voice ("we", "our"), outside quotes?"""
    block = doc.blocks[block_index]
    return any(
        we.search(attr.unquoted(sentence.span))
        for sentence in doc.sentences[
            block.first_sentence : block.first_sentence + block.sentence_count
        ]
    )


def _names_survey(doc: Document, index: int, survey: Any) -> bool:
    """Does the post name a survey before sentence ``index``, in a heading or a sentence?"""
    before = doc.sentences[index].span.start
    return survey.search(doc.prose, 0, before) is not None


def _story_source(doc: Document, attr: Any, cue: Any) -> bool:
    """A results story: its lede attributes the results to a named company or report
    ("Harbor Trust Financial reported a 12% rise in first-quarter profit"), which then
    sources the story's results and market figures."""
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph" and not b.is_heading][:2]
    for block in paragraphs:
        for index in range(block.first_sentence, block.first_sentence + block.sentence_count):
            if cue.search(attr.unquoted(doc.sentences[index].span)) and attr.sourced(index):
                return True
    return False


def _sourced_by_intro(doc: Document, attr: Any, index: int) -> bool:
    """A list item or table cell under a paragraph that names the source and ends with a colon."""
    sentence = doc.sentences[index]
    block = doc.blocks[sentence.block]
    if not (block.in_list or block.kind == "table_cell") or sentence.block == 0:
        return False
    for previous in range(sentence.block - 1, -1, -1):
        candidate = doc.blocks[previous]
        if candidate.in_list or candidate.kind == "table_cell":
            continue
        text = doc.prose_of(candidate.span).rstrip()
        if not text.endswith(":"):
            return False
        return any(
            attr.sourced(i)
            for i in range(
                candidate.first_sentence, candidate.first_sentence + candidate.sentence_count
            )
        )
    return False
