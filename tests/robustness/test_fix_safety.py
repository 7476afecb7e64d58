"""``--fix`` writes only the bytes it linted: concurrent runs, editors, links, read-only
files and temporary files left by a killed run."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .kit import check, check_json, only

AP = "style.ap-preferred"
SENTENCE = "Send an e-mail towards the web site. "
FIXED = "Send an email toward the website. "
ARGS = ("check", "--isolated", "--no-cache", "--select", AP, "--fix", "--format", "json")


def _lintnews() -> str:
    return str(Path(sys.executable).parent / "lintnews")


def test_two_fix_runs_at_once_never_corrupt_the_file(tmp_path):
    """Two real processes fix the same file at the same moment (the issue's reproduction).
    Before, edits computed on one read were applied to the other run's result."""
    for trial in range(4):
        path = tmp_path / f"same{trial}.md"
        path.write_text(SENTENCE * 200 + "\n", encoding="utf-8")
        runs = [
            subprocess.Popen(
                [_lintnews(), *ARGS, path.name],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode in (0, 1), err.decode()
            assert b"Traceback" not in err
        assert path.read_text(encoding="utf-8") == FIXED * 200 + "\n", f"trial {trial}"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".lintnews-fix")] == []


def test_a_file_saved_between_lint_and_fix_is_left_alone(tmp_path, monkeypatch):
    """An editor saves while lintnews is between reading and writing: the editor wins, and
    lintnews says it did not fix the file."""
    from lintnews.run.runner import Linter

    path = tmp_path / "post.md"
    path.write_text(SENTENCE + "\n", encoding="utf-8")
    edited = "The editor rewrote this sentence towards the end.\n"
    real_lint = Linter.lint_target

    def lint_then_edit(self, target, *args, **kwargs):
        result = real_lint(self, target, *args, **kwargs)
        path.write_text(edited, encoding="utf-8")  # the save lands after the lint
        return result

    monkeypatch.setattr(Linter, "lint_target", lint_then_edit)
    result = check("--select", AP, "--fix", "post.md")
    assert path.read_text(encoding="utf-8") == edited
    assert "post.md: the file changed after it was linted" in result.stderr
    assert "not fixed" in result.stderr


def test_fix_writes_through_a_symlink_and_keeps_it(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "post.md"
    target.write_text(SENTENCE + "\n", encoding="utf-8")
    link = tmp_path / "post.md"
    link.symlink_to(Path("real") / "post.md")
    check("--select", AP, "--fix", "post.md")
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "post.md")
    assert target.read_text(encoding="utf-8") == FIXED + "\n"


def test_a_read_only_file_is_refused_as_not_writable(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(SENTENCE + "\n", encoding="utf-8")
    path.chmod(0o444)
    try:
        result = check_json("--select", AP, "--fix", "post.md")
        finding = only(result, "post.md", "file.not-writable")
        assert finding["severity"] == "warning" and "read-only" in finding["message"]
        assert path.read_text(encoding="utf-8") == SENTENCE + "\n"
        assert stat.S_IMODE(path.stat().st_mode) == 0o444
        assert len(result.findings("post.md", AP)) == 3  # still reported, not fixed
    finally:
        path.chmod(0o644)


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(SENTENCE + "\n", encoding="utf-8")
    stale = [
        tmp_path / ".post.md.k1ll3d_x.lintnews-fix",
        tmp_path / ".other.md.abcdefgh.lintnews-fix",
    ]
    for leftover in stale:
        leftover.write_text("half a draft", encoding="utf-8")
    keep = tmp_path / ".notes.lintnews-fix"  # not a name lintnews gives its files
    keep.write_text("mine", encoding="utf-8")
    check("--select", AP, "--fix", "post.md")
    assert path.read_text(encoding="utf-8") == FIXED + "\n"
    assert [p for p in stale if p.exists()] == []
    assert keep.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the file another owner")
def test_fix_keeps_the_owner_when_root_fixes_a_users_file(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(SENTENCE + "\n", encoding="utf-8")
    os.chown(path, 1234, 1234)
    check("--select", AP, "--fix", "post.md")
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 1234)
    assert path.read_text(encoding="utf-8") == FIXED + "\n"
