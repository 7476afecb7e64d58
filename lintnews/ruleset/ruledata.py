"""Compiled rules as plain data and back: for the rule cache and for cache fingerprints.

A rule is a dataclass of strings, numbers, lists and a few value classes (token patterns,
link matchers, front-matter conditions, scopes). ``dump`` writes every field as JSON-ready
data, tagged with the value's kind; ``load`` rebuilds only the kinds listed here, so a cache
file can never name a class or a function to call. Whether a pattern is trusted (runs
without a time limit) is not read from the data: it follows from where the rule came from
(``load``'s ``builtin``), decided again on every load.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from ..extensions.base import Rule, RuleExample, Scope
from ..model import Severity
from .patterns import TokenPattern


def _rule_classes() -> dict[str, type[Rule]]:
    from ..extensions.consistency import ConsistencyRule
    from ..extensions.existence import ExistenceRule
    from ..extensions.occurrence import OccurrenceRule
    from ..extensions.python import PythonRule
    from ..extensions.requirement import RequirementRule
    from ..extensions.substitution import SubstitutionRule

    return {
        "existence": ExistenceRule,
        "substitution": SubstitutionRule,
        "occurrence": OccurrenceRule,
        "consistency": ConsistencyRule,
        "requirement": RequirementRule,
        "python": PythonRule,
    }


def _fields(rule: Rule) -> list[str]:
    """The fields that define a rule (not per-process memos such as a resolved function)."""
    return [f.name for f in fields(rule) if f.init and f.compare and not f.name.startswith("_")]


def dump(value: Any) -> Any:
    """JSON-ready data for a rule (or any value a rule holds)."""
    from ..extensions.requirement import LinkMatcher, ValueSpec

    if isinstance(value, Severity):  # before str: a Severity is a str
        return {"$": "severity", "v": value.value}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [dump(item) for item in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "v": [dump(item) for item in value]}
    if isinstance(value, frozenset):
        return {"$": "frozenset", "v": sorted(dump(item) for item in value)}
    if isinstance(value, dict):
        return {"$": "dict", "v": [[dump(k), dump(v)] for k, v in value.items()]}
    if isinstance(value, Scope):
        return {"$": "scope", "v": list(value.names)}
    if isinstance(value, TokenPattern):
        return {"$": "tokens", "v": [list(value.tokens), value.ignorecase, value.nonword]}
    if isinstance(value, LinkMatcher):
        return {"$": "link", "v": [dump(item) for item in value.source[:5]]}
    if isinstance(value, ValueSpec):
        return {"$": "value", "v": dump(value.raw)}
    if isinstance(value, RuleExample):
        return {"$": "example", "v": [value.verdict, value.text, value.format, dump(value.options)]}
    if isinstance(value, Rule) and is_dataclass(value):
        return {
            "$": "rule",
            "v": {name: dump(getattr(value, name)) for name in _fields(value)},
        }
    raise TypeError(f"a rule holds a value lintnews cannot store: {type(value).__name__}")


def load(data: Any, builtin: bool) -> Any:
    """The value ``dump`` made; TypeError/ValueError/KeyError for anything else.
    ``builtin``: the rule comes from lintnews' own packs, so its patterns are trusted."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [load(item, builtin) for item in data]
    if not isinstance(data, dict) or set(data) != {"$", "v"}:
        raise TypeError("not a tagged value")
    kind, v = data["$"], data["v"]
    if kind == "severity":
        return Severity(v)
    if kind == "tuple":
        return tuple(load(item, builtin) for item in _list(v))
    if kind == "frozenset":
        return frozenset(load(item, builtin) for item in _list(v))
    if kind == "dict":
        return {load(k, builtin): load(val, builtin) for k, val in _list(v)}
    if kind == "scope":
        return Scope([_str(name) for name in _list(v)])
    if kind == "tokens":
        tokens, ignorecase, nonword = _list(v)
        return TokenPattern(
            [_str(t) for t in _list(tokens)],
            bool(ignorecase),
            bool(nonword),
            trusted=builtin,
            validate=False,  # checked when the rule file was loaded
        )
    if kind == "link":
        from ..extensions.requirement import LinkMatcher

        name, host, path, query, except_host = (load(item, builtin) for item in _list(v))
        return LinkMatcher(name, host, path, query, except_host, trusted=builtin)
    if kind == "value":
        from ..extensions.requirement import ValueSpec

        return ValueSpec(load(v, builtin), trusted=builtin)
    if kind == "example":
        verdict, text, fmt, options = _list(v)
        return RuleExample(_str(verdict), _str(text), _str(fmt), load(options, builtin))
    if kind == "rule":
        if not isinstance(v, dict):
            raise TypeError("a rule is a mapping")
        cls = _rule_classes()[_str(v["extension"])]
        values = {name: load(item, builtin) for name, item in v.items()}
        if values.get("builtin") is not builtin:
            raise ValueError("the rule's origin does not match where it was loaded from")
        return cls(**values)
    raise TypeError(f"unknown kind {kind!r}")


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value
