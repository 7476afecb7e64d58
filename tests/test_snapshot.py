"""Engine changes never change findings: every corpus and the bench corpus against a record."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import pytest

from . import snapshot

LINTNEWS = Path(sys.executable).parent / "lintnews"


@pytest.fixture(scope="module")
def stored() -> dict[str, list[list[object]]]:
    return json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bench_folder(tmp_path_factory) -> Path:
    return snapshot.bench_corpus(tmp_path_factory.mktemp("snapshot") / "bench")


def _compare(name: str, now: list[list[object]], stored: dict[str, list[list[object]]]) -> None:
    assert name in stored, (
        f"{name} has no recorded findings; run `.venv/bin/python tests/snapshot.py --update`"
    )
    if now != stored[name]:
        diff = difflib.unified_diff(
            [json.dumps(r) for r in stored[name]], [json.dumps(r) for r in now], lineterm="", n=0
        )
        pytest.fail(
            f"findings on {name} differ from tests/snapshots/findings.json. If a rule or check "
            "changed on purpose, run `.venv/bin/python tests/snapshot.py --update` and commit "
            "the diff with it:\n" + "\n".join(list(diff)[:40])
        )


@pytest.mark.parametrize("name", sorted(snapshot.corpora()))
def test_corpus_findings_match_the_snapshot(name: str, stored) -> None:
    folder = snapshot.corpora()[name]
    _compare(name, snapshot.lint(folder, LINTNEWS), stored)


def test_bench_corpus_findings_match_the_snapshot(bench_folder: Path, stored) -> None:
    now = snapshot.lint(bench_folder, LINTNEWS)
    assert len(now) > 500  # a real workload, not an empty run
    _compare("bench", now, stored)
