"""Speed never changes findings: serial, parallel, cached and uncached runs print the same."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .clikit import ROOT, _private_cache, spawn  # noqa: F401

GENERATOR = ROOT / "bench" / "generate.py"
HELDOUT = ROOT / "tests" / "corpus" / "heldout"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Enough drafts to start the worker pool: generated articles, the examples and the
    held-out drafts (real Markdown, plain text, affiliate links, front matter)."""
    root = tmp_path_factory.mktemp("archive")
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            str(root / "generated"),
            "--count",
            "40",
            "--seed",
            "7",
            "--words-min",
            "200",
            "--words-max",
            "500",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shutil.copytree(ROOT / "examples", root / "examples")
    if HELDOUT.is_dir():
        shutil.copytree(
            HELDOUT, root / "heldout", ignore=shutil.ignore_patterns("*.json", "*.yml", "*.yaml")
        )
    (root / "lintnews.toml").write_text('cache-dir = "cache"\n', encoding="utf-8")
    return root


def run(archive: Path, *args: str) -> tuple[int, list[dict]]:
    result = spawn("check", "--format", "json", *args, ".", cwd=archive)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_serial_parallel_and_cached_runs_report_identical_findings(archive: Path) -> None:
    serial = run(archive, "--jobs", "1", "--no-cache")
    assert len(serial[1]) > 40 and len({f["path"] for f in serial[1]}) > 20  # a real workload

    assert run(archive, "--jobs", "2", "--no-cache") == serial
    cache = archive / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    assert run(archive, "--jobs", "2") == serial  # fills the cache
    assert cache.is_dir() and any(cache.rglob("*"))
    assert run(archive, "--jobs", "2") == serial  # answered from it
    assert run(archive, "--jobs", "1") == serial
