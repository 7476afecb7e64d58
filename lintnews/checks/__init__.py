"""Named Python checks for ``extends: python`` rules.

A check is a function ``check(doc, rule, ctx) -> Iterable[Match]``. Built-in checks live in
this package, one module per rule; plugins register theirs under the ``lintnews.checks``
entry-point group. Nothing else can be named: a rule file in a content repository can pick
one of these, never import its own code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

ENTRY_POINT_GROUP = "lintnews.checks"

BUILTIN: dict[str, str] = {
    "claims.weasel-attribution": "lintnews.checks.claims.weasel_attribution:check",
    "claims.vague-source": "lintnews.checks.claims.vague_source:check",
    "claims.unsourced-statistic": "lintnews.checks.claims.unsourced_statistic:check",
    "claims.unattributed-quote": "lintnews.checks.claims.unattributed_quote:check",
    "claims.generalization": "lintnews.checks.claims.generalization:check",
    "claims.unattributed-superlative": "lintnews.checks.claims.unattributed_superlative:check",
    "tense.past-marker-present-verb": "lintnews.checks.tense.past_marker_present_verb:check",
    "tense.mixed-attribution": "lintnews.checks.tense.mixed_attribution:check",
    "media.image-credit-missing": "lintnews.checks.media.image_credit_missing:check",
    "media.image-alt-missing": "lintnews.checks.media.image_alt_missing:check",
    "style.repeated-word": "lintnews.checks.style.repeated_word:check",
    "style.unbalanced-quotes": "lintnews.checks.style.unbalanced_quotes:check",
    "style.undefined-acronym": "lintnews.checks.style.undefined_acronym:check",
}


class UnknownCheck(LookupError):
    pass


def known(name: str) -> bool:
    return name in BUILTIN or _entry_point(name) is not None


def resolve(name: str) -> Callable[..., Any]:
    target = BUILTIN.get(name)
    if target is not None:
        module_name, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module_name), attribute)  # type: ignore[no-any-return]
    entry = _entry_point(name)
    if entry is None:
        raise UnknownCheck(
            f"no check named {name!r}: use a built-in check ({', '.join(sorted(BUILTIN))}) "
            f"or install a plugin that registers it under the {ENTRY_POINT_GROUP!r} entry-point group"
        )
    return entry.load()  # type: ignore[no-any-return]


def _entry_point(name: str) -> Any:
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            return entry
    return None
