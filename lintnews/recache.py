"""A disk cache of compiled built-in regular expressions, for a fast cold start.

Compiling the built-in packs' patterns costs about 0.15 s per run, which a commit hook pays
on every commit. Python cannot pickle a compiled pattern, but CPython builds one from a
list of integers (``re._compiler._code``) through ``_sre.compile``; this module keeps those
lists on disk and rebuilds the patterns from them in a couple of milliseconds.

It relies on CPython internals, so it is strictly an accelerator: the cache file is keyed
by the interpreter's bytecode tag and the regex engine's ``MAGIC``, every entry is checked
against ``re.compile``'s result when it is first stored, any failure falls back to
``re.compile``, and on other interpreters (or Python 3.10) it is never used. Only trusted
built-in patterns go through it; user patterns compile with the ``regex`` package.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # CPython 3.11+
    import _sre
    from re import _compiler, _parser

    _TAG: str | None = f"v3-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - other interpreters
    _TAG = None

# (rewrite stamp, compiled source, flags, code, groups, group names)
_Entry = tuple[str, str, int, list[int], int, dict[str, int]]
_entries: dict[tuple[str, int], _Entry] | None = None
_used: set[tuple[str, int]] = set()
# Rule edits in a checkout and house rules leave entries no run asks for again; past this
# many, a save keeps only the entries this run used.
MAX_ENTRIES = 1024
_dirty = False
_enabled = True


def disable() -> None:
    """Neither read nor write the cache in this process (``--no-cache``)."""
    global _enabled
    _enabled = False


def cache_file() -> Path | None:
    if _TAG is None:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lintnews" / f"regex-{_TAG}.marshal"


def compile(  # noqa: A001 - mirrors re.compile
    source: str, flags: int = 0, rewrite: Callable[[str, int], str] | None = None
) -> re.Pattern[str]:
    """``re.compile(source, flags)``, or of ``rewrite(source, flags)`` when given: the entry
    is keyed by ``source``, so a hit costs neither the rewrite nor the compile. An entry made
    by another version of lintnews' code (which may rewrite differently) is made again."""
    if _TAG is None or not _enabled:
        return re.compile(rewrite(source, flags) if rewrite else source, flags)
    entries = _load()
    key = (source, int(flags))
    stamp = _rewrite_stamp() if rewrite else ""
    _used.add(key)
    entry = entries.get(key)
    if entry is not None and entry[0] == stamp:
        try:
            return _build(entry)
        except Exception:  # a damaged entry: compile normally and store it again
            entries.pop(key, None)
    final = rewrite(source, flags) if rewrite else source
    pattern = re.compile(final, flags)
    _remember(key, stamp, final, flags, pattern)
    return pattern


def _rewrite_stamp() -> str:
    from .stamp import package_stamp

    return package_stamp()[:16]


def _build(entry: _Entry) -> re.Pattern[str]:
    _stamp, source, final_flags, code, groups, groupindex = entry
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(source, final_flags, code, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]


def _remember(
    key: tuple[str, int], stamp: str, source: str, flags: int, pattern: re.Pattern[str]
) -> None:
    global _dirty
    try:
        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        entry: _Entry = (
            stamp,
            source,
            int(flags | parsed.state.flags),
            code,
            parsed.state.groups - 1,
            {str(name): int(index) for name, index in parsed.state.groupdict.items()},
        )
        rebuilt = _build(entry)
    except Exception:
        return
    if (rebuilt.flags, rebuilt.groups, dict(rebuilt.groupindex)) != (
        pattern.flags,
        pattern.groups,
        dict(pattern.groupindex),
    ):
        return  # not what re.compile made: do not trust this interpreter's internals
    assert _entries is not None
    _entries[key] = entry
    _dirty = True


def _load() -> dict[tuple[str, int], _Entry]:
    global _entries
    if _entries is None:
        _entries = {}
        path = cache_file()
        if path is not None:
            try:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict):
                    _entries = data
            except (OSError, ValueError, EOFError, TypeError):
                pass
            atexit.register(save)
    return _entries


def save() -> None:
    """Write new entries (atomically; a read-only home just means no cache)."""
    global _dirty
    path = cache_file()
    if not _dirty or _entries is None or path is None or not _enabled:
        return
    entries = _entries
    if len(entries) > MAX_ENTRIES:
        entries = {key: entry for key, entry in entries.items() if key in _used}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(entries))
        os.replace(tmp, path)
        _dirty = False
    except (OSError, ValueError):
        pass


def stats() -> dict[str, Any]:
    return {
        "entries": len(_entries or {}),
        "file": str(cache_file()),
        "enabled": _enabled and _TAG is not None,
    }
