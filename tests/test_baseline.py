"""Adopting lintnews on an archive: ``lintnews baseline`` then ``check --baseline``.

Matching keys on file, rule, flagged text and sentence, so findings keep matching when lines
are inserted above them; rewriting the baseline drops what was fixed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .ci_helpers import AFFILIATE, VAGUE, lintnews, write

SELECT = ["--select", VAGUE, "--select", AFFILIATE]

REVIEW = """\
# Best budget earbuds

The company recently cut prices on its earbuds.

The Air 3 is $179 at [Amazon](https://www.amazon.com/dp/B0CSW3AIR3?tag=deals-20).
"""

COUNCIL = """\
City council votes on the budget

Council members lately disagreed about the transit levy.

The vote is on Tuesday.
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    write(tmp_path / "content" / "reviews" / "earbuds.md", REVIEW)
    write(tmp_path / "content" / "news" / "council.txt", COUNCIL)
    return tmp_path


def record(archive: Path, *extra: str) -> dict:
    result = lintnews(
        "baseline", "content", "-o", "lintnews-baseline.json", *SELECT, *extra, cwd=archive
    )
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    return json.loads((archive / "lintnews-baseline.json").read_text(encoding="utf-8"))


def check(
    archive: Path, *extra: str, cwd: Path | None = None, baseline: str = "lintnews-baseline.json"
):
    return lintnews(
        "check",
        *(extra or ("content",)),
        "--baseline",
        baseline,
        *SELECT,
        "--format",
        "json",
        cwd=cwd or archive,
    )


def test_baseline_records_todays_findings_and_check_hides_them(archive: Path) -> None:
    result = lintnews("baseline", "content", "-o", "lintnews-baseline.json", *SELECT, cwd=archive)
    assert result.code == 0
    assert "recorded 3 findings in 2 files to lintnews-baseline.json" in result.stderr
    data = json.loads((archive / "lintnews-baseline.json").read_text(encoding="utf-8"))
    assert {(e["path"], e["rule"], e["text"]) for e in data["findings"]} == {
        ("content/reviews/earbuds.md", VAGUE, "recently"),
        (
            "content/reviews/earbuds.md",
            AFFILIATE,
            "[Amazon](https://www.amazon.com/dp/B0CSW3AIR3?tag=deals-20)",
        ),
        ("content/news/council.txt", VAGUE, "lately"),
    }
    hidden = lintnews(
        "check", "content", "--baseline", "lintnews-baseline.json", *SELECT, cwd=archive
    )
    assert hidden.code == 0, hidden.stdout
    assert "No findings in 2 files." in hidden.stdout
    assert "3 hidden by the baseline." in hidden.stdout


def test_baseline_survives_inserted_lines_and_reports_only_new_findings(archive: Path) -> None:
    record(archive)
    review = archive / "content" / "reviews" / "earbuds.md"
    moved = REVIEW.replace(
        "# Best budget earbuds\n",
        "# Best budget earbuds\n\n*Updated with new prices.*\n\nWe tested eight pairs over a month.\n",
    )
    write(review, moved + "\nThe rival brand recently added noise cancelling.\n")
    result = check(archive)
    assert result.code == 1
    (new,) = result.json()
    assert (new["path"], new["line"], new["rule"]) == ("content/reviews/earbuds.md", 11, VAGUE)
    text = lintnews(
        "check", "content", "--baseline", "lintnews-baseline.json", *SELECT, cwd=archive
    ).stdout
    assert "3 hidden by the baseline." in text


def test_rewriting_the_baseline_drops_fixed_findings(archive: Path) -> None:
    before = record(archive)
    council = archive / "content" / "news" / "council.txt"
    write(council, COUNCIL.replace("lately disagreed", "disagreed on Monday"))
    after = record(archive)
    assert len(after["findings"]) == len(before["findings"]) - 1
    assert not any(e["text"] == "lately" for e in after["findings"])
    # The fix is not remembered: writing the same sentence again is a new finding.
    write(council, COUNCIL)
    (again,) = check(archive).json()
    assert (again["path"], again["line"], again["rule"]) == ("content/news/council.txt", 3, VAGUE)


def test_identical_findings_are_counted_so_a_further_copy_is_new(archive: Path) -> None:
    review = archive / "content" / "reviews" / "earbuds.md"
    repeated = REVIEW + "\nThe company recently cut prices on its earbuds.\n"
    write(review, repeated)
    data = record(archive)
    entry = next(e for e in data["findings"] if e["text"] == "recently")
    assert entry["count"] == 2
    write(review, repeated + "\nThe company recently cut prices on its earbuds.\n")
    (new,) = check(archive).json()
    assert new["rule"] == VAGUE


def test_baseline_matches_from_another_working_folder(archive: Path) -> None:
    record(archive)
    result = check(
        archive, ".", cwd=archive / "content" / "reviews", baseline="../../lintnews-baseline.json"
    )
    assert (result.code, result.json()) == (0, [])


def test_baseline_follows_the_rule_selection(archive: Path) -> None:
    result = lintnews(
        "baseline", "content", "-o", "only-vague.json", "--select", VAGUE, cwd=archive
    )
    assert result.code == 0
    data = json.loads((archive / "only-vague.json").read_text(encoding="utf-8"))
    assert {e["rule"] for e in data["findings"]} == {VAGUE}
    # The affiliate finding was not recorded, so it is still reported.
    remaining = check(archive, baseline="only-vague.json").json()
    assert [f["rule"] for f in remaining] == [AFFILIATE]


def test_baseline_errors_exit_2_with_a_clear_message(archive: Path) -> None:
    missing = check(archive, baseline="nope.json")
    assert (
        missing.code == 2
        and "no such baseline file" in missing.stderr
        and "lintnews baseline" in missing.stderr
    )
    write(archive / "broken.json", "{not json")
    broken = check(archive, baseline="broken.json")
    assert broken.code == 2 and "not a lintnews baseline" in broken.stderr
    assert "Traceback" not in broken.stderr
    no_output = lintnews("baseline", "content", cwd=archive)
    assert no_output.code == 2 and "--output" in no_output.stderr
    stdin = lintnews("baseline", "-", "-o", "x.json", cwd=archive)
    assert stdin.code == 2 and "stdin" in stdin.stderr
