"""Accuracy on labelled corpora, scored the way ../shared/tools/score.py scores them.

tests/corpus/heldout, heldout2 and heldout3 were written by other hands, without
reading the rules, as stand-ins for the drafts lintnews is judged on. tests/corpus/classes holds
drafts exercising the error classes found on real prose (labelled before the first run, then
used for tuning); tests/corpus/real/ parts other than holdout/ are real posts used for tuning
after their first-run figures were recorded. The bar is the one in
the real-prose accuracy issue: overall precision >= 0.95 and recall >= 0.90, no scored pack
below F1 0.80. A rule change that regresses a corpus fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from .conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent
SCORED = ("claims", "tense", "media", "disclosure", "dates")
CORPORA = (
    [ROOT / "tests" / "corpus" / name for name in ("heldout", "heldout2", "heldout3", "classes")]
    + [SHARED / "corpus" / "dev"]
    # the real posts that have been used for tuning (each after its first-run figure was
    # taken); holdout/ is left out on purpose: it is the honest figure, never a test to pass
    + [
        ROOT / "tests" / "corpus" / "real" / name
        for name in ("tune", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh5-seen")
    ]
)


def _labels(corpus: Path) -> dict[str, list[dict]]:
    raw = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    out = {}
    for path, items in raw.items():
        out[os.path.normpath(path)] = [
            {
                **item,
                "lo": (item["lines"] if "lines" in item else [item["line"]] * 2)[0],
                "hi": (item["lines"] if "lines" in item else [item["line"]] * 2)[1],
            }
            for item in items
        ]
    return out


def _score(labels: dict[str, list[dict]], findings: list[dict]) -> dict[str, dict[str, int]]:
    tally: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    matched: set[tuple[str, int]] = set()
    for finding in findings:
        pack = finding["rule"].split(".", 1)[0]
        if pack not in SCORED:
            continue
        path = os.path.normpath(finding["path"])
        hit = None
        for index, label in enumerate(labels.get(path, [])):
            if label["pack"] == pack and label["lo"] <= finding["line"] <= label["hi"]:
                hit = (path, index)
                if hit not in matched:
                    break
        if hit is None:
            tally[pack]["fp"] += 1
            continue
        label = labels[hit[0]][hit[1]]
        if hit not in matched and not label.get("optional"):
            tally[pack]["tp"] += 1
        matched.add(hit)
    for path, items in labels.items():
        for index, label in enumerate(items):
            if not label.get("optional") and (path, index) not in matched:
                tally[label["pack"]]["fn"] += 1
    return tally


def _ratios(t: dict[str, int]) -> tuple[float, float, float]:
    p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
    r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@pytest.mark.parametrize(
    "corpus",
    CORPORA,
    ids=lambda c: (
        ("real-" if c.parent.name == "real" else "") + (c.name if c.name != "dev" else "shared-dev")
    ),
)
def test_corpus_accuracy(corpus, tmp_path):
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not present (../shared exists only in the development checkout)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lintnews",
            "check",
            "--format",
            "json",
            "--isolated",
            "--no-cache",
            ".",
        ],
        cwd=corpus,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode in (0, 1), result.stderr
    tally = _score(_labels(corpus), json.loads(result.stdout))
    total = {k: sum(tally[p][k] for p in SCORED) for k in ("tp", "fp", "fn")}
    precision, recall, _ = _ratios(total)
    report = {pack: tuple(round(x, 2) for x in _ratios(tally[pack])) for pack in SCORED}
    assert precision >= 0.95 and recall >= 0.90, (
        f"overall P {precision:.2f} R {recall:.2f}; per pack {report}"
    )
    if corpus.parent.name == "real":
        return  # a real part has a handful of labels per pack: one label moves F1 by 0.3
    for pack in SCORED:
        assert _ratios(tally[pack])[2] >= 0.80, f"{pack} F1 below 0.80; per pack {report}"
