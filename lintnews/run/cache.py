"""The results cache.

Re-checking an unchanged tree costs a hash per file, not a lint. A linter runs on untrusted
checkouts, so no cache ever holds code: results are rows of plain JSON in an SQLite file,
checked field by field when read; a file that is not our database (corrupt, foreign, a
planted pickle) is deleted and made again. By default the file lives in the user's cache
folder, one per project root (the folder of the config file, else the root of the git
repository, else the working folder), never inside the linted tree; the ``cache-dir``
setting puts it elsewhere. Safe to delete at any time; ``--no-cache`` bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Finding, Severity
from ..stamp import user_cache_dir

if TYPE_CHECKING:
    import sqlite3

FORMAT = 4  # PRAGMA user_version of the results database; another value is a foreign file
DB_NAME = "results.sqlite3"
KEEP_FINGERPRINTS = 8  # settings combinations remembered per project (e.g. a few --select)
FLUSH_ROWS = 500  # results written per transaction, so memory does not grow with the run
_SCHEMA = (
    "CREATE TABLE results (fingerprint TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL,"
    " payload TEXT NOT NULL, PRIMARY KEY (fingerprint, path)) WITHOUT ROWID",
    "CREATE TABLE fingerprints (fingerprint TEXT NOT NULL PRIMARY KEY, used REAL NOT NULL)"
    " WITHOUT ROWID",
)


def project_root(config_path: Path | None, cwd: Path | None = None) -> Path:
    """The folder results are remembered for: the config's, else the git root, else ``cwd``."""
    if config_path is not None:
        return config_path.resolve().parent
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def cache_folder(
    config_path: Path | None, cwd: Path | None = None, setting: Path | None = None
) -> Path:
    """Where the results cache lives: ``cache-dir`` when set, else the user's cache folder."""
    if setting is not None:
        return setting
    root = project_root(config_path, cwd)
    return user_cache_dir() / "results" / hashlib.sha256(str(root).encode()).hexdigest()[:16]


@dataclass
class Cached:
    """A remembered result: its findings (paths as they were shown then) and notes."""

    findings: list[Finding]
    note: str | None
    encoding: str


class ResultCache:
    """Results of one settings fingerprint. Reads work in any process (pool workers open their
    own connection); writes are buffered and committed by ``save`` in the main process."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.file = folder / DB_NAME
        self.fingerprint = fingerprint
        self.pending: dict[str, tuple[str, str]] = {}
        self.hits = 0
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._broken = False
        self._unwritable = False

    def __getstate__(self) -> dict[str, Any]:  # a pool worker opens its own connection
        return {**self.__dict__, "_db": None, "_pid": 0, "pending": {}}

    # -- reading -----------------------------------------------------------------------------
    def get(self, key: str, digest: str) -> Cached | None:
        db = self._connect(create=False)
        if db is None:
            return None
        import sqlite3

        try:
            row = db.execute(
                "SELECT digest, payload FROM results WHERE fingerprint = ? AND path = ?",
                (self.fingerprint, key),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != digest:
            return None
        cached = _decode(row[1])
        if cached is not None:
            self.hits += 1
        return cached  # None: a damaged row, linted again and rewritten

    # -- writing -----------------------------------------------------------------------------
    def put(
        self, key: str, digest: str, findings: Sequence[Finding], note: str | None, encoding: str
    ) -> None:
        if not digest or any(
            f.rule.startswith(("file.unreadable", "rule.timeout")) for f in findings
        ):
            return  # transient problems are not worth remembering
        self.pending[key] = (digest, _encode(findings, note, encoding))
        if len(self.pending) >= FLUSH_ROWS:
            self.save()

    def save(self) -> None:
        if not self.pending or self._unwritable:
            self.pending.clear()
            return
        import sqlite3

        db = self._connect(create=True)
        if db is None:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                    [(self.fingerprint, k, d, p) for k, (d, p) in self.pending.items()],
                )
                db.execute(
                    "INSERT OR REPLACE INTO fingerprints VALUES (?, ?)",
                    (self.fingerprint, time.time()),
                )
                stale = [
                    row[0]
                    for row in db.execute(
                        "SELECT fingerprint FROM fingerprints ORDER BY used DESC LIMIT -1 OFFSET ?",
                        (KEEP_FINGERPRINTS,),
                    )
                ]
                for old in stale:
                    db.execute("DELETE FROM results WHERE fingerprint = ?", (old,))
                    db.execute("DELETE FROM fingerprints WHERE fingerprint = ?", (old,))
            self.pending.clear()
        except sqlite3.Error:  # busy or read-only: this run's results are just not remembered
            self.pending.clear()
            self._unwritable = True

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- the database file -------------------------------------------------------------------
    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        self._db = None  # inherited across fork: never share a connection between processes
        if not create and not self.file.is_file():
            return None
        import sqlite3

        try:
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
            db = _open(self.file)
            if db is None:  # not our database: whatever it is, it is never read
                _remove(self.file)
                db = _open(self.file)
        except (OSError, sqlite3.Error):
            db = None
        if db is None:
            self._broken = True
            return None
        self._db, self._pid = db, os.getpid()
        return db


def _open(path: Path) -> sqlite3.Connection | None:
    """Our results database at ``path`` (made when missing), or None when the file there is
    something else. Only a file with exactly our tables and version is used."""
    import sqlite3

    db = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        db.execute("PRAGMA trusted_schema = OFF")  # no functions run from a schema we did not write
        if not db.execute("SELECT 1 FROM sqlite_master").fetchone():
            db.execute("PRAGMA journal_mode = WAL")  # readers in workers beside one writer
            db.execute("BEGIN IMMEDIATE")  # another run may be making it at the same moment
            try:
                if not db.execute("SELECT 1 FROM sqlite_master").fetchone():
                    for statement in _SCHEMA:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {FORMAT}")
                db.execute("COMMIT")
            except sqlite3.Error:
                db.execute("ROLLBACK")
                raise
        objects = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == FORMAT and sorted(objects) == sorted(
            ("table", s.split()[2], s) for s in _SCHEMA
        ):
            return db
    except sqlite3.Error:
        pass
    db.close()
    return None


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


# -- rows: plain JSON, checked on the way back --------------------------------------------------
_FIELDS = ("line", "column", "end_line", "end_column", "rule", "severity", "message")


def _encode(findings: Iterable[Finding], note: str | None, encoding: str) -> str:
    rows = [
        [
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            f.rule,
            f.severity.value,
            f.message,
            f.fix,
            f.text,
            f.context,
            f.suppressed_by,
            f.start,
            f.end,
            list(f.fix_span) if f.fix_span is not None else None,
            f.related,
        ]
        for f in findings
    ]
    # Code frames' line texts, once per line (many findings may share one long line).
    lines = {str(f.line): f.source_line for f in findings if f.source_line is not None}
    return json.dumps(
        {"note": note, "encoding": encoding, "findings": rows, "lines": lines}, ensure_ascii=False
    )


def _decode(payload: str) -> Cached | None:
    """The row's result, or None when any field is not what ``_encode`` writes."""
    try:
        data = json.loads(payload)
        note, encoding, rows = data["note"], data["encoding"], data["findings"]
        if not (note is None or isinstance(note, str)) or not isinstance(encoding, str):
            return None
        lines = data["lines"]
        if not isinstance(lines, dict) or not all(isinstance(t, str) for t in lines.values()):
            return None
        findings = [_finding(row) for row in rows]
        for finding in findings:
            finding.source_line = lines.get(str(finding.line))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return Cached(findings, note, encoding)


def _finding(row: Any) -> Finding:
    (line, column, end_line, end_column, rule, severity, message, fix, text, context) = row[:10]
    by, a, b, fs, rel = row[10:]
    if not all(type(n) is int for n in (line, column, end_line, end_column, a, b)):
        raise TypeError("positions must be integers")
    fix_span = None
    if fs is not None:
        fix_start, fix_end = fs
        if type(fix_start) is not int or type(fix_end) is not int or not 0 <= fix_start <= fix_end:
            raise TypeError("a fix span is two offsets")
        fix_span = (fix_start, fix_end)
    if not all(isinstance(s, str) for s in (rule, message, text, context)):
        raise TypeError("texts must be strings")
    if by is not None and not isinstance(by, str):
        raise TypeError("suppressed_by must be a string")
    if fix is not None and not _valid_fix(fix):
        raise TypeError("not a fix")
    if not isinstance(rel, list) or not all(_valid_related(r) for r in rel):
        raise TypeError("related places are located messages")
    return Finding(
        path="",
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule,
        severity=Severity(severity),
        message=message,
        fix=fix,
        text=text,
        context=context,
        suppressed_by=by,
        start=a,
        end=b,
        fix_span=fix_span,
        related=rel,
    )


def _valid_related(place: Any) -> bool:
    keys = ("line", "column", "end_line", "end_column")
    return (
        isinstance(place, dict)
        and set(place) == {*keys, "message"}
        and all(type(place[k]) is int for k in keys)
        and isinstance(place["message"], str)
    )


def _valid_fix(fix: Any) -> bool:
    return (
        isinstance(fix, dict)
        and isinstance(fix.get("replacement"), str)
        and all(type(fix.get(k)) is int for k in ("line", "column", "end_line", "end_column"))
        and all(
            k in ("replacement", "line", "column", "end_line", "end_column", "start", "end")
            for k in fix
        )
        and all(type(fix[k]) is int for k in ("start", "end") if k in fix)
    )


__all__ = ["Cached", "ResultCache", "cache_folder"]
