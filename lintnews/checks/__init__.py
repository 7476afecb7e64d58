"""Named Python checks for ``extends: python`` rules.

A check is a function ``check(doc, rule, ctx) -> Iterable[Match]``. Built-in checks live in
this package, one module per rule; plugins register theirs under the ``lintnews.checks``
entry-point group. Nothing else can be named: a rule file in a content repository can pick
one of these, never import its own code.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

ENTRY_POINT_GROUP = "lintnews.checks"

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
_HERE = Path(__file__).resolve().parent


def builtin_target(name: str) -> str | None:
    """``claims.vague-source`` -> ``lintnews.checks.claims.vague_source:check`` when that module exists."""
    if not _NAME.match(name):
        return None
    pack, slug = name.split(".", 1)
    module = slug.replace("-", "_")
    if not (_HERE / pack / f"{module}.py").is_file():
        return None
    return f"lintnews.checks.{pack}.{module}:check"


def builtin_names() -> list[str]:
    return sorted(
        f"{pack.name}.{module.stem.replace('_', '-')}"
        for pack in _HERE.iterdir()
        if pack.is_dir() and not pack.name.startswith("_")
        for module in pack.glob("*.py")
        if not module.name.startswith("_")
    )


class UnknownCheck(LookupError):
    pass


def known(name: str) -> bool:
    return builtin_target(name) is not None or _entry_point(name) is not None


def resolve(name: str) -> Callable[..., Any]:
    target = builtin_target(name)
    if target is not None:
        module_name, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module_name), attribute)  # type: ignore[no-any-return]
    entry = _entry_point(name)
    if entry is None:
        raise UnknownCheck(
            f"no check named {name!r}: use a built-in check ({', '.join(builtin_names())}) "
            f"or install a plugin that registers it under the {ENTRY_POINT_GROUP!r} entry-point group"
        )
    return entry.load()  # type: ignore[no-any-return]


def _entry_point(name: str) -> Any:
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            return entry
    return None
