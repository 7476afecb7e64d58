"""Which rules run: ids, pack names and globs in select/ignore, severities and options.

Kept apart from the config file format so it can be tested from tables, as flake8 does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatchcase
from typing import Any

from ..extensions.base import Rule
from ..model import Severity


def matches(pattern: str, rule_id: str, aliases: Iterable[str] = ()) -> bool:
    """``claims``, ``claims.*``, ``claims.vague-source`` and aliases all name a rule; case is
    not significant (Vale's ids are ``Style.Rule``, and written either way in configs)."""
    pattern = pattern.lower()
    for name in (rule_id.lower(), *(alias.lower() for alias in aliases)):
        if pattern == name or ("." not in pattern and name.split(".", 1)[0] == pattern):
            return True
        if any(char in pattern for char in "*?[") and fnmatchcase(name, pattern):
            return True
    return False


def specificity(pattern: str) -> int:
    """Exact ids beat globs, which beat pack names (for severity and options)."""
    if any(char in pattern for char in "*?["):
        return 1
    return 2 if "." in pattern else 0


def choose(
    rules: Sequence[Rule],
    select: Sequence[str] | None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severity: Mapping[str, str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Rule]:
    """The configured rules to run, in id order."""
    chosen: list[Rule] = []
    for rule in rules:
        on = (
            rule.enabled
            if select is None
            else any(matches(p, rule.id, rule.aliases) for p in select)
        )
        on = on or any(matches(p, rule.id, rule.aliases) for p in extend_select)
        if not on or any(matches(p, rule.id, rule.aliases) for p in ignore):
            continue
        chosen.append(
            rule.configured(_severity_for(rule, severity or {}), _options_for(rule, options or {}))
        )
    return chosen


def _severity_for(rule: Rule, table: Mapping[str, str]) -> Severity | None:
    best: tuple[int, str] | None = None
    for pattern, level in table.items():
        if matches(pattern, rule.id, rule.aliases):
            rank = specificity(pattern)
            if best is None or rank >= best[0]:
                best = (rank, level)
    return Severity.parse(best[1]) if best else None


def _options_for(rule: Rule, table: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for pattern in sorted(table, key=specificity):
        if matches(pattern, rule.id, rule.aliases):
            # pack-wide options reach only the rules that have them
            merged.update({k: v for k, v in table[pattern].items() if k in rule.options})
    return merged
