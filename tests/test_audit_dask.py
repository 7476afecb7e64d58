"""`lintnews audit --dask`: a 2-worker LocalCluster (real worker processes) gives the same
findings as `check --format json`, and each worker builds its Linter once."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.clikit import ROOT, invoke

pytest.importorskip("pyarrow", reason="lintnews[audit] is not installed")
distributed = pytest.importorskip("distributed", reason="lintnews[dask] is not installed")

KEYS = ["path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "fix"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask") / "archive"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(root), "--count", "160"],
        check=True,
        capture_output=True,
    )
    return root


@pytest.fixture(scope="module")
def expected(archive):
    result = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--format", "json", "--isolated", "--no-cache"],
        cwd=archive,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1), result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) > 100
    return rows


def rows_of(out):
    lines = (out / "findings.jsonl").read_text().splitlines()
    return [{key: row[key] for key in KEYS} for row in map(json.loads, lines)]


def test_a_local_cluster_of_two_workers_matches_check(archive, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(archive)
    out = tmp_path / "out"
    result = invoke("audit", ".", "--out", str(out), "--isolated", "--dask", "local", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert "160 linted" in result.stderr
    assert rows_of(out) == expected


def test_a_scheduler_address_and_one_linter_per_worker(archive, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(archive)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        out = tmp_path / "out"
        result = invoke(
            "audit", ".", "--out", str(out), "--isolated", "--dask", cluster.scheduler_address
        )
        assert result.exit_code == 0, result.stderr
        assert rows_of(out) == expected

        def built() -> int:
            from lintnews.audit import work

            return len(work._LINTERS)

        # 160 files are 5 batches: both workers took some, and each built one Linter.
        assert sorted(client.run(built).values()) == [1, 1]
    finally:
        client.close()
        cluster.close()
