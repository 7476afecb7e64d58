"""No cache runs code: a planted pickle in any cache location changes nothing and runs nothing.

A linter runs on untrusted checkouts (a pull request can commit any file), and the user's
cache folder is shared by every project. Each test plants hostile files where lintnews keeps
(or once kept) caches, then compares the run with ``--no-cache``.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.files.decode import content_digest
from lintnews.run.cache import DB_NAME, cache_folder

from .clikit import ROOT, _private_cache, spawn, write  # noqa: F401

HOUSE_RULE = """
extends: existence
message: "'%s' is a cliché."
level: warning
summary: Tired phrases.
description: Phrases every editor cuts.
ignorecase: true
tokens:
  - game[- ]changer
examples:
  bad: ["It is a ⟦game changer⟧."]
  good: ["It is new."]
"""
DRAFT = "# Notes\n\nExperts say the launch was a game changer. It happened recently.\n"


class _Boom:
    """Unpickling this writes the marker file: proof that a cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('pwned')",))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / ".git").mkdir(parents=True)  # a repository root, as CI checks one out
    write(root / "styles" / "house" / "cliche.yml", HOUSE_RULE)
    for index in range(3):
        write(root / "posts" / f"post-{index}.md", DRAFT)
    return root


def _run(root: Path, xdg: Path, *args: str) -> tuple[int, list[dict], str]:
    result = spawn(
        "check", "--format", "json", *args, "posts", cwd=root, env={"XDG_CACHE_HOME": str(xdg)}
    )
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, result.json(), result.stderr


def _plant_everywhere(folders: list[Path], payload: bytes) -> list[Path]:
    """Overwrite every cache file lintnews wrote, and add the names older versions read."""
    planted = [p for folder in folders for p in folder.rglob("*") if p.is_file()]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        planted += [
            folder / "results-0123456789abcdef01234567.pickle",
            folder / "rules-0123456789abcdef0123.pickle",
            folder / "regex-v3-cpython-311-20220615-4.marshal",
        ]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
    return planted


@pytest.mark.parametrize(
    "config", ['rules = ["styles"]\n', 'rules = ["styles"]\ncache-dir = "c"\n']
)
def test_planted_pickles_in_every_cache_location_run_nothing(project, tmp_path, config):
    write(project / "lintnews.toml", config)
    xdg = tmp_path / "xdg"
    marker = tmp_path / "marker"
    expected = _run(project, tmp_path / "clean-xdg", "--no-cache")
    assert any(f["rule"] == "house.cliche" for f in expected[1])  # house rules are cached too

    first = _run(project, xdg)  # fills every cache: results, rules, guards
    assert first[:2] == expected[:2]
    folders = [xdg, project / ".lintnews_cache", project / "c"]
    planted = _plant_everywhere(folders, pickle.dumps(_Boom(marker)))
    assert len(planted) > 9  # the caches really were written, and were all overwritten

    for _ in range(2):  # the planted files are read (and replaced), then the new ones
        assert _run(project, xdg)[:2] == expected[:2]
        assert not marker.exists(), "a cache file ran code"
    still_planted = [p for p in planted if p.is_file() and p.read_bytes().startswith(b"\x80")]
    assert all(p.name.endswith((".pickle", ".marshal")) for p in still_planted), still_planted


def _database(root: Path, xdg: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    return cache_folder(root / "lintnews.toml") / DB_NAME


def test_hostile_rows_and_schemas_in_a_real_database_are_ignored(project, tmp_path, monkeypatch):
    write(project / "lintnews.toml", 'rules = ["styles"]\n')
    xdg = tmp_path / "xdg"
    marker = tmp_path / "marker"
    expected = _run(project, tmp_path / "clean", "--no-cache")
    _run(project, xdg)
    path = _database(project, xdg, monkeypatch)
    digest = content_digest((project / "posts" / "post-0.md").read_bytes())
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT fingerprint, path FROM results").fetchall()
        assert len(rows) == 3
        hostile = [
            pickle.dumps(_Boom(marker)).decode("latin-1"),  # a pickle where JSON belongs
            json.dumps({"note": None, "encoding": "utf-8", "findings": [], "lines": {}})[:-3],
            json.dumps({"note": None, "encoding": "utf-8", "findings": [[1] * 15], "lines": {}}),
        ]
        for (fingerprint, key), payload in zip(rows, hostile):
            db.execute(
                "UPDATE results SET digest = ?, payload = ? WHERE fingerprint = ? AND path = ?",
                (digest, payload, fingerprint, key),
            )
    assert _run(project, xdg)[:2] == expected[:2]
    with sqlite3.connect(path) as db:  # a trigger is no part of our schema: a foreign file
        db.execute("CREATE TRIGGER t AFTER INSERT ON results BEGIN DELETE FROM results; END")
        db.execute("UPDATE results SET payload = 'x'")
    assert _run(project, xdg)[:2] == expected[:2]
    with sqlite3.connect(path) as db:
        objects = db.execute("SELECT type, name FROM sqlite_master").fetchall()
    assert sorted(objects) == [("table", "fingerprints"), ("table", "results")]  # made again
    assert _run(project, xdg)[:2] == expected[:2]
    assert not marker.exists()


def test_the_cache_never_lives_in_the_linted_tree_by_default(project, tmp_path):
    write(project / "lintnews.toml", "")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    _run(project, tmp_path / "xdg")
    _run(project, tmp_path / "xdg")
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert list((tmp_path / "xdg").rglob(DB_NAME))


def test_changing_max_file_size_is_not_answered_from_the_cache(project, tmp_path):
    write(project / "lintnews.toml", "")
    xdg = tmp_path / "xdg"
    assert {f["rule"] for f in _run(project, xdg)[1]} != {"file.too-large"}
    write(project / "lintnews.toml", "max-file-size = 20\n")
    assert {f["rule"] for f in _run(project, xdg)[1]} == {"file.too-large"}


def test_no_module_imports_pickle_or_marshal():
    for path in sorted((ROOT / "lintnews").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not {"pickle", "marshal", "_sre", "shelve"} & set(names), path


def test_a_file_over_max_file_size_is_never_read(project, tmp_path):
    """A 1 GB sparse file: stat says it is too large, so neither the cache, the linter nor a
    code frame reads it (before: the whole file was read, 1 GB of memory)."""
    write(project / "lintnews.toml", "")
    with (project / "posts" / "huge.md").open("wb") as handle:
        handle.truncate(1 << 30)
    lintnews = Path(sys.executable).parent / "lintnews"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "x")}
    # A small parent runs lintnews and reports its children's peak memory: measured from this
    # test process, a child's peak would include the pre-exec copy of pytest itself.
    measure = (
        "import resource, subprocess, sys;"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE);"
        "sys.stdout.buffer.write(done.stdout);"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
    )
    for args in ((), ("--no-cache",), ("--format", "json")):
        done = subprocess.run(
            [sys.executable, "-c", measure, str(lintnews), "check", *args, "posts"],
            cwd=project,
            env=env,
            capture_output=True,
        )
        code, peak_kb = (int(x) for x in done.stderr.split()[-2:])
        assert code == 1 and b"file.too-large" in done.stdout
        assert peak_kb < 300_000  # kilobytes: far below the file's size


def test_a_cached_finding_comes_back_whole():
    from lintnews.model import Finding, Severity
    from lintnews.run.cache import _decode, _encode

    finding = Finding(
        path="",
        line=3,
        column=5,
        end_line=3,
        end_column=11,
        rule="house.swap",
        severity=Severity.WARNING,
        message="Use 'email'.",
        fix={"replacement": "email", "line": 3, "column": 5, "end_line": 3, "end_column": 11},
        text="e-mail",
        context="Send an e-mail.",
        suppressed_by=None,
        start=40,
        end=46,
        source_line="Send an e-mail.",
        related=[{"line": 1, "column": 1, "end_line": 1, "end_column": 4, "message": "here"}],
        fix_span=(40, 46),
    )
    cached = _decode(_encode([finding], None, "utf-8-sig"))
    assert cached is not None and cached.encoding == "utf-8-sig"
    (back,) = cached.findings
    assert back == finding
    assert (back.source_line, back.related, back.fix_span) == (
        finding.source_line,
        finding.related,
        finding.fix_span,
    )


def test_results_are_written_in_batches_so_memory_stays_flat(tmp_path, monkeypatch):
    from lintnews.run import cache as cache_module
    from lintnews.run.cache import ResultCache

    monkeypatch.setattr(cache_module, "FLUSH_ROWS", 3)
    store = ResultCache(tmp_path / "c", "f" * 24)
    for index in range(7):
        store.put(f"/p/{index}.md", "d", [], None, "utf-8")
        assert len(store.pending) < 3
    store.save()
    store.close()
    with sqlite3.connect(tmp_path / "c" / DB_NAME) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone() == (7,)
    again = ResultCache(tmp_path / "c", "f" * 24)
    assert again.get("/p/6.md", "d") is not None and again.get("/p/6.md", "x") is None
