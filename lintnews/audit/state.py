"""The audit's state file: a SQLite database in the output folder (never pickle).

It is the source of truth for the outputs. Each finished batch is one transaction that
replaces the batch's articles and their findings, so a killed audit loses at most the batch
in flight and never records a finding twice. A file whose size and modification time match
its row (under the same rules fingerprint) is not linted again. Rows of files that a
complete run did not see (deleted, or outside the PATHs given) are dropped at its end.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .work import Article

STATE_NAME = "audit-state.sqlite"
LOCK_NAME = ".audit.lock"
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    size INTEGER,
    mtime_ns INTEGER,
    digest TEXT NOT NULL,
    seen_run INTEGER NOT NULL,
    date TEXT,
    author TEXT,
    section TEXT,
    tags TEXT NOT NULL,          -- a JSON array of strings
    findings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
    path TEXT NOT NULL,
    seq INTEGER NOT NULL,        -- the finding's place in the file's sorted findings
    line INTEGER NOT NULL,
    "column" INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    end_column INTEGER NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    fix TEXT,                    -- JSON, or NULL
    PRIMARY KEY (path, seq)
) WITHOUT ROWID;
"""

Signature = tuple[int, int] | None  # (size, mtime_ns); None: could not stat, always re-lint


class StateError(Exception):
    pass


class State:
    def __init__(self, folder: Path, fingerprint: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_NAME
        self._lock = _exclusive(folder / LOCK_NAME)
        self.db = sqlite3.connect(self.path, isolation_level=None)  # explicit transactions
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StateError(f"{self.path} is not an audit state file ({exc})") from None
        self.reset = self._check_meta(fingerprint)
        self.run = int(self._meta("run") or 0) + 1
        self._set_meta("run", str(self.run))

    # -- meta -----------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _check_meta(self, fingerprint: str) -> bool:
        """Start over when the rules, config or lintnews changed: every result may differ."""
        version, old = self._meta("schema"), self._meta("fingerprint")
        if version not in (None, SCHEMA_VERSION):
            raise StateError(
                f"{self.path} was written by another lintnews version; delete it to start over"
            )
        if old == fingerprint:
            return False
        with self.transaction():
            self.db.execute("DELETE FROM findings")
            self.db.execute("DELETE FROM articles")
            self._set_meta("schema", SCHEMA_VERSION)
            self._set_meta("fingerprint", fingerprint)
            self._set_meta("complete", "0")
        return old is not None

    def transaction(self) -> Any:
        return _Transaction(self.db)

    # -- the run --------------------------------------------------------------------------
    def unchanged(self, path: str, signature: Signature) -> bool:
        """True (and the file marked as seen) when the file's row matches ``signature``."""
        if signature is None:
            return False
        row = self.db.execute(
            "SELECT size, mtime_ns FROM articles WHERE path = ?", (path,)
        ).fetchone()
        return row is not None and tuple(row) == signature

    def mark_seen(self, paths: Iterable[str]) -> None:
        with self.transaction():
            self.db.executemany(
                "UPDATE articles SET seen_run = ? WHERE path = ?",
                ((self.run, path) for path in paths),
            )

    def seen_this_run(self, path: str) -> bool:
        row = self.db.execute("SELECT seen_run FROM articles WHERE path = ?", (path,)).fetchone()
        return row is not None and row[0] == self.run

    def commit(self, done: Sequence[tuple[Article, Signature]]) -> None:
        """Record a finished batch: one transaction, all or nothing."""
        with self.transaction():
            for article, signature in done:
                size, mtime = signature if signature is not None else (None, None)
                fields = article.fields
                self.db.execute("DELETE FROM findings WHERE path = ?", (article.path,))
                self.db.execute(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.path,
                        size,
                        mtime,
                        article.digest,
                        self.run,
                        fields.date,
                        fields.author,
                        fields.section,
                        json.dumps(list(fields.tags), ensure_ascii=False),
                        len(article.rows),
                    ),
                )
                self.db.executemany(
                    "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        (
                            article.path,
                            seq,
                            row["line"],
                            row["column"],
                            row["end_line"],
                            row["end_column"],
                            row["rule"],
                            row["severity"],
                            row["message"],
                            None if row["fix"] is None else json.dumps(row["fix"]),
                        )
                        for seq, row in enumerate(article.rows)
                    ),
                )

    def finish(self) -> int:
        """Drop what this complete run did not see; returns how many files were dropped."""
        with self.transaction():
            stale = "SELECT path FROM articles WHERE seen_run != ?"
            self.db.execute(f"DELETE FROM findings WHERE path IN ({stale})", (self.run,))
            dropped = self.db.execute(
                "DELETE FROM articles WHERE seen_run != ?", (self.run,)
            ).rowcount
            self._set_meta("complete", "1")
        return int(dropped)

    # -- reading it back ------------------------------------------------------------------
    def rows(self) -> Iterator[dict[str, Any]]:
        """Every finding with its article's fields, in path, then finding order."""
        cursor = self.db.execute(
            'SELECT f.path, f.line, f."column", f.end_line, f.end_column, f.rule, f.severity,'
            " f.message, f.fix, a.date, a.author, a.section, a.tags"
            " FROM findings f JOIN articles a ON a.path = f.path ORDER BY f.path, f.seq"
        )
        for row in cursor:
            yield {
                "path": row[0],
                "line": row[1],
                "column": row[2],
                "end_line": row[3],
                "end_column": row[4],
                "rule": row[5],
                "severity": row[6],
                "message": row[7],
                "fix": None if row[8] is None else json.loads(row[8]),
                "date": row[9],
                "author": row[10],
                "section": row[11],
                "tags": json.loads(row[12]),
            }

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.db.execute(sql, args)]

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.close()  # releases the lock


def _exclusive(path: Path) -> Any:
    """Hold an exclusive lock on ``path`` for the run: two audits writing one folder would
    each drop the other's files as unseen."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one audit per folder, please
        return None
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StateError(f"another lintnews audit is writing to {path.parent}") from None
    return handle


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
