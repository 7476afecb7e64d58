"""Verb forms from base forms, with lemminflect (its inflection tables ship in its wheel).

Lexicons list verbs once, by lemma ("say", "blurt out"); the rule loader expands each into
every finite form and participle ("says", "said", "blurts out", "blurted out"), so a rule
never depends on someone having typed each form. Expansion runs when rules are loaded and
compiled, which the rule cache keeps, so lemminflect is not imported on a warm run.
"""

from __future__ import annotations

import re
from functools import lru_cache

_IRREGULAR_S = {"have": "has", "do": "does", "go": "goes", "be": "is", "say": "says"}
#: Penn tags of the forms a reporting verb takes after a subject or "has": not the gerund.
FINITE_TAGS = ("VB", "VBP", "VBZ", "VBD", "VBN")


@lru_cache(maxsize=4096)
def inflections(base: str) -> tuple[str, ...]:
    """Every form of the verb ``base`` except the gerund: "say" -> say, says, said."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    word = base.lower().strip()
    table = getAllInflections(word, upos="VERB") or getAllInflectionsOOV(word, upos="VERB")
    forms = {word}
    for tag in FINITE_TAGS:
        forms.update(table.get(tag, ()))
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def lemma_pattern(phrase: str) -> str:
    """A regex for every form of a verb phrase whose first word is the verb:
    "blurt out" -> (?:blurts|blurted|blurt)\\s+out."""
    verb, *rest = phrase.split()
    alternation = "|".join(re.escape(form) for form in inflections(verb))
    return "(?:" + alternation + ")" + "".join(r"\s+" + re.escape(word) for word in rest)


def third_person(base: str) -> str:
    base = base.lower().strip()
    if base in _IRREGULAR_S:
        return _IRREGULAR_S[base]
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"
