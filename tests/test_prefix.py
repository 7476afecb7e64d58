"""The first-character guard never changes what a pattern matches; it only adds a look-ahead."""

from __future__ import annotations

import re

import pytest

from lintnews.ruleset.prefix import guarded

TEXT = (
    "Studies show that MOST people agree; ABC rose 12.5% on Monday.\n"
    "Critics say it\u00a0is\u2003unclear. \u212aelvin and İstanbul, ſome \u0661\u0662 digits.\n"
    "According to reports, all voters left — experts said so, says Dr. Ruiz."
)

EQUIVALENT = [
    (r"\b(?:studies\s+show|according\s+to\s+reports|experts\s+said)\b", re.IGNORECASE),
    (r"(?P<q>most|all)\s+(?P<noun>people|voters)\b", re.IGNORECASE),
    (r"(?:kelvin|some|istanbul)", re.IGNORECASE),
    (r"[A-Z]{2,}\s+rose", 0),
    (r"(?:it)?\s+is", 0),  # \s is Unicode-wide (NBSP, em space): kept as a class
    (r"\d+(?:\.\d+)?%", 0),
    (r"\d+\s+digits", 0),  # Arabic-Indic digits are \d too
    (r"(?<!\w)(?:\d+%|[$€]\s?\d|said)", re.IGNORECASE),
    (r"(?<!\w)(?:said|says)(?!\w)", 0),
    (r"(?i)says", 0),  # global inline flags must stay first
    (r"(a)?(?(1)b|c)ritics", 0),
    (r"(?i:kelvin|critics)", 0),  # case folded inside: K also matches the Kelvin sign
    (r"(?-i:Critics)|says", re.IGNORECASE),
]


@pytest.mark.parametrize(("source", "flags"), EQUIVALENT)
def test_guarded_pattern_matches_exactly_like_the_original(source, flags):
    original, guard = re.compile(source, flags), re.compile(guarded(source, flags), flags)
    assert [m.span() for m in guard.finditer(TEXT)] == [m.span() for m in original.finditer(TEXT)]
    assert [m.groups() for m in guard.finditer(TEXT)] == [
        m.groups() for m in original.finditer(TEXT)
    ]
    assert guard.groupindex == original.groupindex


def test_word_alternation_gets_a_look_ahead():
    assert guarded(r"\b(?:alleged|reportedly)\b", re.IGNORECASE).startswith("(?=[ARar])")


def test_digit_and_space_classes_stay_classes_in_the_guard():
    assert guarded(r"(?:\d+%|\s+said)", 0) == r"(?=[\d\s])(?:(?:\d+%|\s+said))"


@pytest.mark.parametrize(
    "source",
    [r"\w+ly", r"(?:very)?", r"(?i)says", r"[^a-z]x", r".said", r"\W+said"],
)
def test_no_guard_when_the_first_character_is_open_or_optional(source):
    assert guarded(source, 0) == source
