"""Small English helpers for messages: counted nouns and indefinite articles.

``inflect`` does both well but takes seconds to import (it compiles its whole rule base and
wraps every function in typeguard at import time), which would multiply lintnews's cold
start; messages need only these two cases.
"""

from __future__ import annotations

import re

# Words starting with a vowel letter but a consonant sound ("a user", "a one-off"), and
# with a consonant letter but a vowel sound ("an hour").
_CONSONANT_SOUND = re.compile(r"(?:uni|use|usu|uti|eu|ewe|one\b|once\b|ur[aeiou])", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"(?:hour|honest|honou?r|heir)", re.IGNORECASE)
# Capitals are spelt out ("an FTC link", "an SEC filing", "a UTM tag") unless they read as a
# word: four or more letters with a vowel second or third ("a NATO report", "a NASA grant").
_CAPITALS = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z](?![A-Za-z])")
_READ_AS_WORD = re.compile(r"[A-Z](?:[AEIOU]|[^AEIOU][AEIOU])[A-Z]{2,}")


def with_article(phrase: str) -> str:
    """``phrase`` with "a" or "an" in front, chosen by sound: "an Amazon link", "a user"."""
    word = phrase.lstrip("'\"‘“(")
    if not word:
        return phrase
    capitals = _CAPITALS.match(word)
    if capitals and not _READ_AS_WORD.match(capitals.group()):
        return ("an " if word[0] in "AEFHILMNORSX" else "a ") + phrase
    if _VOWEL_SOUND.match(word):
        return "an " + phrase
    if word[0].lower() in "aeiou" and not _CONSONANT_SOUND.match(word):
        return "an " + phrase
    return "a " + phrase


def count(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 file", "2 files", "1 entry", "3 entries" (pass ``plural`` for irregular nouns)."""
    if number == 1:
        return f"{number:,} {noun}"
    if plural is None:
        if re.search(r"[^aeiou]y$", noun):
            plural = noun[:-1] + "ies"
        elif re.search(r"(?:s|x|z|ch|sh)$", noun):
            plural = noun + "es"
        else:
            plural = noun + "s"
    return f"{number:,} {plural}"
