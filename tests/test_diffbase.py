"""``--diff-base REF`` in real git repositories with real commits."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.report.diffbase import parse_diff

from .ci_helpers import AFFILIATE, VAGUE, commit_all, git, init_repo, lintnews, write

SELECT = ["--select", VAGUE, "--select", AFFILIATE]

COUNCIL = """\
# Council backs transit levy

The council recently voted on the levy.

Members argued about the bus lanes.

Lately, turnout at hearings has been low.
"""

REVIEW = """\
# Best budget earbuds

The Air 3 is $179 at [Amazon](https://www.amazon.com/dp/B0CSW3AIR3?tag=deals-20).

Battery life is ten hours.
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init_repo(tmp_path / "newsroom")
    write(root / "news" / "council.md", COUNCIL)
    write(root / "reviews" / "earbuds.md", REVIEW)
    commit_all(root, "Archive as published")
    git("checkout", "-q", "-b", "edits", cwd=root)
    return root


def findings(
    repo: Path, ref: str = "main", *paths: str, cwd: Path | None = None
) -> list[tuple[str, int, str]]:
    result = lintnews(
        "check",
        *(paths or (".",)),
        "--diff-base",
        ref,
        "--format",
        "json",
        *SELECT,
        cwd=cwd or repo,
    )
    assert result.code in (0, 1), result.stderr
    return [(f["path"], f["line"], f["rule"]) for f in result.json()]


def test_only_added_or_changed_lines_are_reported(repo: Path) -> None:
    edited = COUNCIL.replace(
        "# Council backs transit levy\n", "# Council backs transit levy\n\n*Updated 6 p.m.*\n"
    )
    edited = edited.replace(
        "Members argued about the bus lanes.", "Members recently argued about the bus lanes."
    )
    write(
        repo / "news" / "council.md", edited + "\nThe mayor said lately that she would sign it.\n"
    )
    commit_all(repo, "Update council story")
    # Working-tree changes count too, committed or not.
    write(
        repo / "news" / "council.md",
        edited + "\nThe mayor said lately that she would sign it.\n\nA vote came recently.\n",
    )
    assert findings(repo) == [
        ("news/council.md", 7, VAGUE),  # the edited sentence
        ("news/council.md", 11, VAGUE),  # added in the commit
        ("news/council.md", 13, VAGUE),  # added, not yet committed
    ]
    # Hidden: the moved but unchanged "recently" (now line 5) and "Lately" (now line 9), and
    # the untouched review's missing disclosure.
    text = lintnews("check", ".", "--diff-base", "main", *SELECT, cwd=repo)
    assert "3 on lines not changed since the diff base" in text.stdout
    assert set(findings(repo, "HEAD")) == {("news/council.md", 13, VAGUE)}


def test_document_level_finding_needs_its_anchor_changed_or_a_new_file(repo: Path) -> None:
    # Unchanged link line: the long-standing missing disclosure is not this change's doing.
    write(repo / "reviews" / "earbuds.md", REVIEW.replace("ten hours", "eleven hours"))
    assert findings(repo) == []
    # Touching the anchor (the affiliate link's line) reports it.
    write(repo / "reviews" / "earbuds.md", REVIEW.replace("$179", "$159"))
    assert findings(repo) == [("reviews/earbuds.md", 3, AFFILIATE)]
    # A file added since the base is new in full, committed or not.
    write(
        repo / "reviews" / "speakers.md",
        "# Speakers\n\nThe Boom 2 is at [Amazon](https://amzn.to/4bQ7xKp).\n",
    )
    commit_all(repo, "Add speaker review")
    write(repo / "reviews" / "chargers.md", "# Chargers\n\nChargers recently got cheaper.\n")
    assert findings(repo, "main", "reviews") == [
        ("reviews/chargers.md", 3, VAGUE),
        ("reviews/earbuds.md", 3, AFFILIATE),
        ("reviews/speakers.md", 3, AFFILIATE),
    ]


def test_changes_made_on_the_base_branch_are_not_the_branchs(repo: Path) -> None:
    # main moves on after the branch was cut: it rewrites the "recently" sentence.
    git("checkout", "-q", "main", cwd=repo)
    write(repo / "news" / "council.md", COUNCIL.replace("recently voted", "voted on Monday"))
    commit_all(repo, "Copy desk fix on main")
    git("checkout", "-q", "edits", cwd=repo)
    write(repo / "news" / "council.md", COUNCIL + "\nThe mayor recently signed it.\n")
    # Against main's tip line 3 differs, but the branch never touched it: only line 9 is new.
    assert findings(repo) == [("news/council.md", 9, VAGUE)]


def test_untracked_files_and_awkward_names_from_a_subfolder(repo: Path) -> None:
    awkward = repo / "news" / 'city hall "budget" café.md'
    write(awkward, COUNCIL)
    commit_all(repo, "Awkward name")
    git("checkout", "-q", "-b", "later", cwd=repo)
    # A line that starts with "++ " is printed as "+++ …" by git diff -U0: it is not a header.
    write(
        awkward,
        COUNCIL.replace("# Council", "++ Editor's pick ++\n\n# Council")
        + "\nVoters recently complained.\n",
    )
    write(repo / "news" / "draft notes.txt", "Notes\n\nSources recently changed their story.\n")
    got = findings(repo, "edits", ".", cwd=repo / "news")
    assert got == [
        ('city hall "budget" café.md', 11, VAGUE),
        ("draft notes.txt", 3, VAGUE),
    ]


def test_outside_a_repository_and_unknown_refs_exit_2(tmp_path: Path, repo: Path) -> None:
    outside = tmp_path / "loose"
    write(outside / "draft.md", COUNCIL)
    result = lintnews("check", ".", "--diff-base", "main", *SELECT, cwd=outside)
    assert result.code == 2
    assert (
        "--diff-base needs a git repository" in result.stderr and "Traceback" not in result.stderr
    )
    assert result.stdout == ""
    unknown = lintnews("check", ".", "--diff-base", "origin/no-such-branch", *SELECT, cwd=repo)
    assert unknown.code == 2
    assert (
        "unknown git ref 'origin/no-such-branch'" in unknown.stderr
        and "Traceback" not in unknown.stderr
    )


def test_parse_diff_reads_quoted_and_spaced_names() -> None:
    diff = (
        "diff --git a/plain.md b/plain.md\n"
        "--- a/plain.md\n+++ b/plain.md\n@@ -1,0 +2,3 @@ a\n+x\n+++ b/not-a-header.md\n+y\n"
        "@@ -9 +12 @@\n-old\n+new\n"
        'diff --git "a/caf\\303\\251 \\"x\\".md" "b/caf\\303\\251 \\"x\\".md"\n'
        '--- "a/caf\\303\\251 \\"x\\".md"\n+++ "b/caf\\303\\251 \\"x\\".md"\n@@ -1 +1 @@\n-a\n+b\n'
        "diff --git a/sp ace.md b/sp ace.md\n--- a/sp ace.md\t\n+++ b/sp ace.md\t\n@@ -3,0 +4 @@\n+z\n"
        "diff --git a/gone.md b/gone.md\ndeleted file mode 100644\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n"
    )
    assert parse_diff(diff) == {"plain.md": {2, 3, 4, 12}, 'café "x".md': {1}, "sp ace.md": {4}}


def test_a_document_level_finding_is_reported_when_the_change_adds_a_trigger(repo: Path) -> None:
    # The anchor (the first link, line 3) is untouched, but the change adds a second
    # affiliate link: the missing disclosure is now this change's business too.
    write(
        repo / "reviews" / "earbuds.md",
        REVIEW
        + "\nThe Pro 2 is $249 at [Amazon](https://www.amazon.com/dp/B0PRO2?tag=deals-20).\n",
    )
    assert findings(repo) == [("reviews/earbuds.md", 3, AFFILIATE)]


def test_a_placement_finding_is_reported_when_the_change_moves_the_disclosure(
    repo: Path,
) -> None:
    placement = "disclosure.affiliate-placement"
    late = REVIEW + "\nWe earn a commission when you buy through links on this page.\n"
    write(repo / "reviews" / "earbuds.md", late)
    commit_all(repo, "Footer disclosure")
    git("checkout", "-q", "-b", "move", cwd=repo)

    def placed() -> list[tuple[str, int, str]]:
        result = lintnews(
            "check",
            ".",
            "--diff-base",
            "edits",
            "--format",
            "json",
            "--select",
            placement,
            cwd=repo,
        )
        assert result.code in (0, 1), result.stderr
        return [(f["path"], f["line"], f["rule"]) for f in result.json()]

    assert placed() == []  # nothing changed yet
    moved = late.replace("Battery life", "We earn a commission on some links.\n\nBattery life")
    moved = moved.replace("\nWe earn a commission when you buy through links on this page.\n", "")
    write(repo / "reviews" / "earbuds.md", moved)
    assert placed() == [("reviews/earbuds.md", 3, placement)]  # the disclosure moved, still late
