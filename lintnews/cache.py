"""Results cache: re-checking an unchanged tree costs a hash per file, not a lint.

Lives in ``.lintnews_cache/`` at the project root: the folder of the config file, else the
root of the git repository. A folder that is neither (a loose folder of drafts, a corpus
someone else owns) is never written into: the cache then goes to the user's cache folder.
One file per combination of lintnews version, rule set and settings; entries are keyed by
the file's absolute path and content hash. Safe to delete at any time; ``--no-cache``
bypasses it.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from .discover import Target
from .runner import FileResult, content_digest

CACHE_DIR = ".lintnews_cache"
FORMAT = 1


def cache_folder(config_path: Path | None, cwd: Path | None = None) -> Path:
    """Where the results cache lives for a run started in ``cwd``."""
    if config_path is not None:
        return config_path.resolve().parent / CACHE_DIR
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder / CACHE_DIR
    import hashlib

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return (
        Path(base) / "lintnews" / "results" / hashlib.sha256(str(start).encode()).hexdigest()[:16]
    )


class ResultCache:
    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.file = self.folder / f"results-{fingerprint}.pickle"
        self.entries: dict[str, tuple[str, FileResult]] = {}
        self.dirty = False
        self.hits = 0
        self._digests: dict[str, str] = {}
        try:
            with self.file.open("rb") as handle:
                version, entries = pickle.load(handle)
            if version == FORMAT and isinstance(entries, dict):
                self.entries = entries
        except (
            OSError,
            EOFError,
            pickle.UnpicklingError,
            ValueError,
            TypeError,
            AttributeError,
            ImportError,
        ):
            self.entries = {}

    @staticmethod
    def _key(target: Target) -> str:
        return str(target.path.resolve())

    def lookup(self, target: Target) -> FileResult | None:
        key = self._key(target)
        entry = self.entries.get(key)
        try:
            data = target.path.read_bytes()
        except OSError:
            return None
        digest = content_digest(data)
        self._digests[key] = digest
        if entry is None or entry[0] != digest:
            return None
        self.hits += 1
        cached = entry[1]
        findings = [_moved(f, target.display) for f in cached.findings]
        return FileResult(target.display, findings, cached.note, digest, cached.encoding)

    def store(self, target: Target, result: FileResult) -> None:
        if not result.digest or any(
            f.rule.startswith(("file.unreadable", "rule.timeout")) for f in result.findings
        ):
            return  # transient problems are not worth remembering
        self.entries[self._key(target)] = (result.digest, result)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if self.folder.name == CACHE_DIR and not ignore.exists():
                ignore.write_text("# Created by lintnews; safe to delete.\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".results-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((FORMAT, self.entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only checkout still lints; it just does not remember


def _moved(finding: object, display: str) -> object:
    from dataclasses import replace

    return replace(finding, path=display)  # type: ignore[type-var]


__all__ = ["ResultCache", "content_digest"]
