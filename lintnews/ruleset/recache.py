"""A disk cache of the first-character guards of built-in patterns (``prefix.guarded``).

Working out a guard parses the pattern, about a third of the cost of compiling the built-in
packs; a commit hook pays it on every run. This keeps only data: for each built-in pattern
source, the rewritten source string, in a JSON file in the user's cache folder. Patterns are
compiled by ``re`` from those strings every run (no compiled program is ever read from
disk). A cached string is used only when it is the source itself or the source behind a
look-ahead for a character class, the only two shapes ``guarded`` makes, so even a rewritten
file can only make a built-in pattern match less, never run code or backtrack more; anything
else is ignored and the file written again.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

FORMAT = 1
# Rule edits in a checkout and house rules leave entries no run asks for again; past this
# many, a save keeps only the entries this run used.
MAX_ENTRIES = 1024
# What ``prefix.guarded`` puts before ``(?:source)``: a look-ahead for one character class.
_CLASS = r"\[(?:[^\]\\]|\\.)*\]"
_GUARD = re.compile(rf"\(\?=(?:{_CLASS}|\(\?i:{_CLASS}\))\)")

_entries: dict[str, str] | None = None
_used: set[str] = set()
_dirty = False
_enabled = True


def disable() -> None:
    """Neither read nor write the cache in this process (``--no-cache``)."""
    global _enabled
    _enabled = False


def cache_file() -> Path:
    from ..stamp import package_stamp, user_cache_dir

    return user_cache_dir() / f"guards-{package_stamp()[:16]}.json"


def compile(  # noqa: A001 - mirrors re.compile
    source: str, flags: int = 0, rewrite: Callable[[str, int], str] | None = None
) -> re.Pattern[str]:
    """``re.compile(rewrite(source, flags), flags)``, the rewrite looked up when cached."""
    if rewrite is None:
        return re.compile(source, flags)
    if not _enabled:
        return re.compile(rewrite(source, flags), flags)
    entries = _load()
    key = f"{int(flags)}:{source}"
    _used.add(key)
    final = entries.get(key)
    if final is None or not _plausible(final, source):
        final = _remember(key, rewrite(source, flags))
    return re.compile(final, flags)


def _plausible(final: str, source: str) -> bool:
    if final == source:
        return True
    suffix = f"(?:{source})"
    if not final.endswith(suffix):
        return False
    return _GUARD.fullmatch(final, 0, len(final) - len(suffix)) is not None


def _remember(key: str, final: str) -> str:
    global _dirty
    assert _entries is not None
    _entries[key] = final
    _dirty = True
    return final


def _load() -> dict[str, str]:
    global _entries
    if _entries is None:
        _entries = {}
        try:
            data = json.loads(cache_file().read_bytes())
            if isinstance(data, dict) and data.get("format") == FORMAT:
                guards = data.get("guards")
                if isinstance(guards, dict):
                    _entries = {
                        k: v for k, v in guards.items() if isinstance(k, str) and isinstance(v, str)
                    }
        except (OSError, ValueError):
            pass
        atexit.register(save)
    return _entries


def save() -> None:
    """Write new entries (atomically; a read-only home just means no cache)."""
    global _dirty
    if not _dirty or _entries is None or not _enabled:
        return
    entries = _entries
    if len(entries) > MAX_ENTRIES:
        entries = {key: entry for key, entry in entries.items() if key in _used}
    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".guards-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"format": FORMAT, "guards": entries}, handle)
        os.replace(tmp, path)
        _dirty = False
    except OSError:
        pass
    stale = [*path.parent.glob("guards-*.json"), *path.parent.glob("regex-*.marshal")]
    for old in stale:  # other versions' guards, and the marshal files older releases wrote
        if old == path:
            continue
        try:
            old.unlink()
        except OSError:
            pass
