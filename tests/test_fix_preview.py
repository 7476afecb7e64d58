"""Fixes are visible before they are applied: [*] on fixable findings with an "N fixable"
line, --diff prints the unified diff without writing, and --fix on stdin prints the fixed
text (the report goes to stderr)."""

from __future__ import annotations

import pytest

from .clikit import _private_cache, invoke, write  # noqa: F401

AP = "style.ap-preferred"
SPACES = "style.double-space"
VAGUE = "dates.vague-time"
DRAFT = "Send an e-mail  to the desk.\n\nIt changed recently.\n"


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "post.md", DRAFT)
    write(tmp_path / "lintnews.toml", f'select = ["{AP}", "{SPACES}", "{VAGUE}"]\n')
    return tmp_path


def check(*args: str, **kwargs):
    return invoke("check", "--no-cache", *args, **kwargs)


def test_fixable_findings_are_marked_and_counted(site):
    result = check("post.md")
    heads = [line for line in result.stdout.splitlines() if line.startswith("post.md:")]
    assert len(heads) == 3
    assert [("[*]" in line) for line in heads] == [True, True, False]
    assert "[info] [*] Use 'email'" in heads[0]
    assert "[*] 2 fixable with --fix (--diff shows the changes)." in result.stdout


def test_no_fixable_line_when_nothing_is_fixable(site):
    result = check("--select", VAGUE, "post.md")
    assert "[*]" not in result.stdout and "fixable" not in result.stdout


def test_diff_prints_the_unified_diff_and_writes_nothing(site):
    result = check("--diff", "post.md")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/post.md\n"
        "+++ b/post.md\n"
        "@@ -1,3 +1,3 @@\n"
        "-Send an e-mail  to the desk.\n"
        "+Send an email to the desk.\n"
        " \n"
        " It changed recently.\n"
    )
    assert (site / "post.md").read_text(encoding="utf-8") == DRAFT
    assert "2 fixes would be applied in 1 file" in result.stderr


def test_diff_with_nothing_to_fix_exits_0_and_prints_no_diff(site):
    write(site / "clean.md", "It changed on May 3.\n")
    result = check("--diff", "clean.md")
    assert result.exit_code == 0 and result.stdout == ""


def test_diff_matches_what_fix_then_writes(site):
    preview = check("--diff", "post.md").stdout
    added = [
        line[1:]
        for line in preview.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    check("--fix", "post.md")
    assert added == ["Send an email to the desk."]
    assert (site / "post.md").read_text(encoding="utf-8").splitlines()[0] == added[0]


def test_diff_and_fix_together_are_a_usage_error(site):
    assert check("--diff", "--fix", "post.md").exit_code == 2


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr(site):
    result = check("--fix", "--stdin-filename", "post.md", "-", input=DRAFT.encode())
    assert result.stdout == "Send an email to the desk.\n\nIt changed recently.\n"
    assert "post.md:3:12: dates.vague-time" in result.stderr
    assert "2 fixed." in result.stderr
    assert result.exit_code == 1  # the vague time is still there


def test_fix_on_stdin_with_nothing_to_fix_echoes_the_text(site):
    text = "It changed on May 3.\n"
    result = check("--fix", "-", input=text.encode())
    assert result.stdout == text and result.exit_code == 0


def test_diff_on_stdin(site):
    result = check("--diff", "--stdin-filename", "post.md", "-", input=DRAFT.encode())
    assert "+Send an email to the desk.\n" in result.stdout
