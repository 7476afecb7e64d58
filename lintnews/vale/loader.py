"""Read Vale rule files (``<StylesPath>/<Style>/<Rule>.yml``) into runnable rules.

A rule's id is ``Style.Rule`` as Vale names it. A file that cannot be used is returned as
an error for that file (the caller reports it) and the other files still load; extension
points that cannot run here (sequence, script) are returned as notes, once per rule.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Severity
from ..ruleset.rulefile import RuleFileError, load_yaml
from .checks import Vocab
from .points import EXTENSIONS, KNOWN_KEYS, POINTS
from .rule import DEFAULT_PROJECT, VALE_LEVELS, Project, ValeRule
from .scopes import unknown

RULE_SUFFIXES = (".yml", ".yaml")


@dataclass
class Loaded:
    rules: list[ValeRule] = field(default_factory=list)
    errors: list[RuleFileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_yaml(path: Path) -> tuple[Any, str]:
    """Parse a rule file with YAML's safe loader, as Go's YAML reader would (see
    ``load_yaml``)."""
    text = path.read_text(encoding="utf-8")
    return load_yaml(text, path, go_escapes=True), text


def load_file(
    path: Path,
    style: str,
    vocab: Vocab | None = None,
    project: Project = DEFAULT_PROJECT,
    data: Any = None,
    text: str = "",
) -> ValeRule:
    """One Vale rule file; raises RuleFileError (naming the file, line and key) or
    ``Unsupported`` (a KeyError subclass is not used: see ``load_style``)."""
    from pydantic import ValidationError

    if data is None:
        data, text = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, "a rule file must be a mapping of keys (extends, message, …)", 1)
    extends = data.get("extends")
    if extends not in EXTENSIONS:
        close = difflib.get_close_matches(str(extends), EXTENSIONS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise RuleFileError(
            path,
            f"'extends' is {extends!r}{hint} Vale's extension points: {', '.join(EXTENSIONS)}",
            _line_of(text, "extends"),
            "extends",
        )
    for key in data:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), sorted(KNOWN_KEYS), n=1)
            if close:
                raise RuleFileError(
                    path,
                    f"unknown key; did you mean {close[0]!r}?",
                    _line_of(text, str(key)),
                    str(key),
                )
    point = POINTS[extends]
    if point.check is None:
        raise Unsupported(f"{style}.{path.stem} ({extends}: {point.unsupported})")
    try:
        model = point.model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"]) or None
        top = str(error["loc"][0]) if error["loc"] else None
        raise RuleFileError(path, error["msg"], _line_of(text, top), key) from None
    bad = unknown(model.scope)
    if bad:
        raise RuleFileError(path, f"unknown scope {bad[0]!r}", _line_of(text, "scope"), "scope")
    rule = ValeRule(
        id=f"{style}.{path.stem}",
        extension=f"vale:{extends}",
        severity=VALE_LEVELS.get(model.level, Severity.INFO),
        message=model.message,
        description=model.description.strip(),
        summary_line=(
            model.description.strip().split("\n")[0] if model.description else model.message
        )[:100],
        link=model.link or None,
        fixes=extends == "substitution",
        quotes="include",
        source=str(path),
        builtin=False,
        definition=json.dumps(
            [model.model_dump(mode="json"), repr(project), repr(vocab)], sort_keys=True
        ),
        vale=model,
        style=style,
        project=project,
        vocab=vocab or Vocab(),
    )
    try:
        rule.prepare()  # compile now: a bad pattern is an error for this file, not a crash later
    except (ValueError, KeyError) as exc:
        key = _key_naming(data, str(exc))
        raise RuleFileError(path, str(exc), _line_of(text, key), key) from None
    return rule


class Unsupported(Exception):
    """An extension point lintnews cannot run (the message says which rule and why)."""


def load_style(
    folder: Path, vocab: Vocab | None = None, project: Project = DEFAULT_PROJECT
) -> Loaded:
    out = Loaded()
    for path in sorted(folder.iterdir()):
        if path.suffix not in RULE_SUFFIXES or not path.is_file():
            continue
        try:
            out.rules.append(load_file(path, folder.name, vocab, project))
        except RuleFileError as exc:
            out.errors.append(exc)
        except Unsupported as exc:
            out.notes.append(str(exc))
        except (OSError, UnicodeDecodeError) as exc:
            out.errors.append(RuleFileError(path, f"cannot read the rule file: {exc}"))
    return out


def _line_of(text: str, key: str | None) -> int | None:
    if not key:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith((f"{key}:", f'"{key}":', f"'{key}':")):
            return number
    return None


def _key_naming(data: dict[str, Any], message: str) -> str | None:
    for key, value in data.items():
        items = (
            value
            if isinstance(value, list)
            else list(value)
            if isinstance(value, dict)
            else [value]
        )
        if any(isinstance(item, str) and item and repr(item) in message for item in items):
            return str(key)
    for key in ("tokens", "swap", "token", "raw", "first", "second", "formula", "match"):
        if key in data:
            return key
    return None


def dialect_is_vale(data: Any) -> bool:
    """Is a house rule file written for Vale (rather than in lintnews' own dialect)?

    lintnews' dialect is recognised by what only it has (``summary``, ``examples``,
    ``quotes``…, or its own extension points); everything else is read as Vale reads it.
    """
    if not isinstance(data, dict):
        return False
    if data.get("extends") in ("requirement", "python"):
        return False
    own = {"summary", "examples", "quotes", "options", "enabled", "fixable", "aliases"}
    return not (own & set(data))


__all__ = [
    "Loaded",
    "Unsupported",
    "load_file",
    "load_style",
    "dialect_is_vale",
]
