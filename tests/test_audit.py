"""`lintnews audit`: the same findings as `check --format json`, with the article's fields,
whatever runs it (one process, a pool, Dask), after an interruption and on a re-run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.clikit import ROOT, invoke, write

pytest.importorskip("pyarrow", reason="lintnews[audit] is not installed")
import pyarrow.parquet as pq  # noqa: E402

KEYS = ["path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "fix"]
FIELDS = ["date", "author", "section", "tags"]

ARTICLE = """\
---
title: "Council backs the ferry plan"
date: 2024-05-17T08:30:00Z
authors: [Dana Whitcombe, Ravi Shah]
categories: [local, transport]
tags: [ferry, council]
---

# Council backs the ferry plan

Experts say the new terminal will cut waiting times by 40%.
"""


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    """A small archive: the examples, a held-out corpus, one article with rich front matter
    and one file that is not UTF-8."""
    root = tmp_path / "archive"
    shutil.copytree(ROOT / "examples", root / "examples")
    shutil.copytree(ROOT / "tests" / "corpus" / "heldout", root / "heldout")
    write(root / "local" / "ferry.md", ARTICLE)
    (root / "local" / "latin1.md").write_bytes("# Caf\xe9 opens\n\nIt opened.\n".encode("latin-1"))
    monkeypatch.chdir(root)
    return root


def check_rows(*paths: str) -> list[dict]:
    result = invoke("check", "--format", "json", "--isolated", "--no-cache", *(paths or ["."]))
    assert result.exit_code in (0, 1), result.stderr
    return result.json()


def audit(out: Path, *args: str) -> str:
    result = invoke("audit", ".", "--out", str(out), "--isolated", *args)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def jsonl_rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]


def without_fields(rows: list[dict]) -> list[dict]:
    return [{key: row[key] for key in KEYS} for row in rows]


def canonical(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def assert_outputs_match_check(out: Path) -> list[dict]:
    expected = check_rows()
    rows = jsonl_rows(out)
    assert without_fields(rows) == expected
    table = pq.read_table(out / "findings.parquet").to_pylist()
    assert len(table) == len(rows)
    for parquet_row, row in zip(table, rows):
        assert parquet_row["fix"] == (None if row["fix"] is None else json.dumps(row["fix"]))
        assert (parquet_row["date"] and parquet_row["date"].isoformat()) == row["date"]
        assert {k: parquet_row[k] for k in KEYS if k != "fix"} == {
            k: row[k] for k in KEYS if k != "fix"
        }
        assert [parquet_row[k] for k in ("author", "section", "tags")] == [
            row[k] for k in ("author", "section", "tags")
        ]
    return rows


def test_audit_writes_the_rows_check_prints_with_the_articles_fields(tree, tmp_path):
    out = tmp_path / "out"
    audit(out, "--jobs", "1")
    rows = assert_outputs_match_check(out)
    ferry = [row for row in rows if row["path"] == "local/ferry.md"]
    assert ferry, "the ferry article should have a finding (an unsourced statistic)"
    assert {json.dumps({k: row[k] for k in FIELDS}) for row in ferry} == {
        json.dumps(
            {
                "date": "2024-05-17",
                "author": "Dana Whitcombe, Ravi Shah",
                "section": "local",
                "tags": ["ferry", "council"],
            }
        )
    }
    assert any(row["rule"] == "file.encoding" for row in rows if row["path"] == "local/latin1.md")
    assert (out / "report.html").is_file()


def test_a_pool_of_two_gives_the_same_rows(tree, tmp_path):
    audit(tmp_path / "one", "--jobs", "1")
    audit(tmp_path / "two", "--jobs", "2")
    assert jsonl_rows(tmp_path / "two") == jsonl_rows(tmp_path / "one")


def test_a_rerun_lints_only_changed_files_and_drops_deleted_ones(tree, tmp_path):
    out = tmp_path / "out"
    first = audit(out, "--jobs", "1")
    total = len(check_rows())
    assert "0 unchanged" in first
    files = int(first.split("audited ")[1].split(" files")[0])
    again = audit(out, "--jobs", "1")
    assert f"0 linted, {files:,} unchanged" in again
    assert len(jsonl_rows(out)) == total

    (tree / "local" / "ferry.md").write_text(ARTICLE.replace("by 40%", "a lot"), encoding="utf-8")
    (tree / "examples" / "crypto-bonus.md").unlink()
    changed = audit(out, "--jobs", "1")
    assert f"1 linted, {files - 2:,} unchanged" in changed
    rows = assert_outputs_match_check(out)
    assert not any(row["path"] == "examples/crypto-bonus.md" for row in rows)


def test_a_changed_selection_relints_everything(tree, tmp_path):
    out = tmp_path / "out"
    audit(out, "--jobs", "1")
    note = audit(out, "--jobs", "1", "--select", "claims,media")  # a comma list, as check takes
    assert "every file was linted again" in note
    rows = jsonl_rows(out)
    assert {row["rule"].split(".")[0] for row in rows} - {"file"} == {"claims", "media"}


def test_an_interrupted_audit_resumes_without_losing_or_duplicating(tmp_path):
    """Kill -9 an audit mid-way; the next run lints only what was not committed, and the
    outputs are exactly check's findings."""
    archive = tmp_path / "archive"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(archive), "--count", "240"],
        check=True,
        capture_output=True,
    )
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "lintnews"), "audit", "."]
    command += ["--out", str(out), "--isolated", "--jobs", "1"]
    proc = subprocess.Popen(command, cwd=archive, stderr=subprocess.PIPE)
    committed = 0
    # Generous: on a loaded CI machine the first batches can take minutes; only the kill
    # point matters, not how fast it is reached.
    deadline = time.monotonic() + 900
    while committed < 64 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(out / "audit-state.sqlite", timeout=5) as db:
                committed = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue  # not created yet
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the audit finished before it could be killed"
    assert not (out / "findings.jsonl").exists()

    done = subprocess.run(command, cwd=archive, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    linted, unchanged = (
        int(part.split()[0].replace(",", ""))
        for part in done.stderr.split(": ")[2].split(";")[0].split(", ")
    )
    assert unchanged >= 64 and linted + unchanged == 240, done.stderr
    os.chdir(archive)
    try:
        expected = check_rows()
    finally:
        os.chdir(tmp_path)
    rows = jsonl_rows(out)
    assert without_fields(rows) == expected
    assert len(canonical(rows)) == len(set(canonical(rows)))  # no finding twice


def test_missing_extras_say_what_to_install(tree, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    result = invoke("audit", ".", "--out", str(tmp_path / "out"), "--isolated")
    assert result.exit_code == 2 and "pip install 'lintnews[audit]'" in result.stderr
    monkeypatch.delitem(sys.modules, "pyarrow")
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = invoke("audit", ".", "--out", str(tmp_path / "out"), "--isolated", "--dask", "local")
    assert result.exit_code == 2 and "pip install 'lintnews[dask]'" in result.stderr


def test_a_state_file_that_is_not_one_is_refused(tree, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "audit-state.sqlite").write_text("not a database\n" * 100)
    result = invoke("audit", ".", "--out", str(out), "--isolated")
    assert result.exit_code == 2 and "not an audit state file" in result.stderr


def test_two_audits_cannot_write_one_folder(tree, tmp_path):
    from lintnews.audit.state import State, StateError

    out = tmp_path / "out"
    first = State(out, "fingerprint")
    try:
        with pytest.raises(StateError, match="another lintnews audit"):
            State(out, "fingerprint")
    finally:
        first.close()
    State(out, "fingerprint").close()  # free again once the first one is done
