"""Files that vanish or cannot be read, folders that cannot be listed, symlinks that loop or
point out of the tree, devices and pipes, files over the size limit."""

from __future__ import annotations

import errno
import os
import pathlib
import stat

import pytest

from .kit import VAGUE, WITNESS_TEXT, assert_witness, check, check_json, only, spawn, witness


def _docs(tmp_path):
    docs = tmp_path / "docs"
    witness(docs)
    return docs


def test_a_file_that_vanishes_between_listing_and_reading(tmp_path, monkeypatch):
    import lintnews.api as api

    docs = _docs(tmp_path)
    gone = docs / "gone.md"
    gone.write_text(WITNESS_TEXT, encoding="utf-8")
    listed = api.iter_targets

    def list_then_delete(*args, **kwargs):
        items = list(listed(*args, **kwargs))
        assert any(getattr(item, "display", "") == "docs/gone.md" for item in items)
        gone.unlink()  # after the folder was listed, before the file is read
        yield from items

    monkeypatch.setattr(api, "iter_targets", list_then_delete)
    result = check_json("--fail-on", "error", "docs")
    finding = only(result, "docs/gone.md", "file.unreadable")
    assert finding["severity"] == "error" and "vanished" in finding["message"]
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1


def test_a_file_replaced_by_a_folder_after_listing(tmp_path, monkeypatch):
    import lintnews.api as api

    docs = _docs(tmp_path)
    swapped = docs / "swapped.md"
    swapped.write_text(WITNESS_TEXT, encoding="utf-8")
    listed = api.iter_targets

    def list_then_swap(*args, **kwargs):
        items = list(listed(*args, **kwargs))
        swapped.unlink()
        swapped.mkdir()
        yield from items

    monkeypatch.setattr(api, "iter_targets", list_then_swap)
    result = check_json("docs")
    assert "folder" in only(result, "docs/swapped.md", "file.unreadable")["message"]
    assert_witness(result, "docs/witness.md")


def test_a_named_file_that_does_not_exist(tmp_path):
    _docs(tmp_path)
    result = check_json("docs/nope.md", "docs/witness.md")
    assert "does not exist" in only(result, "docs/nope.md", "file.unreadable")["message"]
    assert_witness(result, "docs/witness.md")
    assert check("--fail-on", "error", "docs/nope.md", "docs/witness.md").exit_code == 1


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root can read a file whatever its mode; test_permission_denied_when_reading covers this deterministically",
)
def test_permission_denied_by_file_mode(tmp_path):
    docs = _docs(tmp_path)
    locked = docs / "locked.md"
    locked.write_text(WITNESS_TEXT, encoding="utf-8")
    locked.chmod(0)
    try:
        result = check_json("docs")
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert "permission denied" in only(result, "docs/locked.md", "file.unreadable")["message"]
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1


def test_permission_denied_when_reading(tmp_path, monkeypatch):
    """The same as a mode-000 file, without depending on who runs the tests (root reads anything)."""
    docs = _docs(tmp_path)
    (docs / "locked.md").write_text(WITNESS_TEXT, encoding="utf-8")
    real_open = pathlib.Path.open

    def guarded_open(self, *args, **kwargs):
        if self.name == "locked.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", guarded_open)
    result = check_json("--fail-on", "error", "docs")
    finding = only(result, "docs/locked.md", "file.unreadable")
    assert finding["severity"] == "error" and "permission denied" in finding["message"]
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1


def test_a_folder_that_cannot_be_listed_is_an_error(tmp_path, monkeypatch):
    docs = _docs(tmp_path)
    private = docs / "private"
    private.mkdir()
    (private / "hidden.md").write_text(WITNESS_TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path="."):
        if os.path.basename(os.fspath(path)) == "private":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    result = check_json("--fail-on", "error", "docs")
    finding = only(result, "docs/private", "file.unreadable")
    assert "cannot list this folder" in finding["message"] and "not linted" in finding["message"]
    assert result.findings("docs/private/hidden.md") == []
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1


def test_symlink_loops_are_not_followed(tmp_path):
    docs = _docs(tmp_path)
    (docs / "sub").mkdir()
    os.symlink("..", docs / "sub" / "up")  # docs/sub/up -> docs: a folder loop
    os.symlink("self.md", docs / "self.md")  # a link to itself
    os.symlink("b.md", docs / "a.md")
    os.symlink("a.md", docs / "b.md")  # a two-link cycle
    result = check_json("docs")
    assert {f["path"] for f in result.json()} == {"docs/witness.md"}
    assert_witness(result, "docs/witness.md")
    text = check("docs")
    for shown in ("docs/sub/up", "docs/self.md", "docs/a.md", "docs/b.md"):
        assert f"skipped {shown}: symbolic link, not followed" in text.stdout
    assert text.exit_code == 1  # the witness's warning


def test_a_named_symlink_loop_is_reported(tmp_path):
    docs = _docs(tmp_path)
    os.symlink("self.md", docs / "self.md")
    result = check_json("docs/self.md", "docs/witness.md")
    assert "loop" in only(result, "docs/self.md", "file.unreadable")["message"]
    assert_witness(result, "docs/witness.md")
    assert check("--fail-on", "error", "docs/self.md").exit_code == 1


def test_links_out_of_the_tree_are_not_followed(tmp_path):
    docs = _docs(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("Secrets were recently leaked.\n", encoding="utf-8")
    os.symlink(outside / "secret.md", docs / "secret.md")
    os.symlink(outside, docs / "elsewhere")
    os.symlink("/nonexistent/target.md", docs / "dangling.md")
    result = check_json("docs")
    assert {f["path"] for f in result.json()} == {"docs/witness.md"}
    text = check("docs")
    for shown in ("docs/secret.md", "docs/elsewhere", "docs/dangling.md"):
        assert f"skipped {shown}: symbolic link, not followed" in text.stdout
    assert "1 file" in text.stdout  # only the witness was linted


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_named_device_is_not_read(tmp_path):
    """A symlink to /dev/zero in a content repo, picked up by a shell glob, would be read
    until memory runs out. Run as a real process with a time limit so a regression fails
    instead of hanging the suite."""
    docs = _docs(tmp_path)
    os.symlink("/dev/zero", docs / "zero.md")
    args = ("check", "--isolated", "--no-cache", "--format", "json", "--select", VAGUE)
    # The link leads out of the project, so by default it is not even looked at...
    result = spawn(*args, "docs/zero.md", "docs/witness.md", cwd=tmp_path, timeout=60)
    assert "/dev/zero" in only(result, "docs/zero.md", "file.outside-root")["message"]
    assert_witness(result, "docs/witness.md")
    # ...and when links out are allowed, a device is still not read.
    allowed = (*args, "--follow-symlinks-outside")
    result = spawn(*allowed, "docs/zero.md", "docs/witness.md", cwd=tmp_path, timeout=60)
    assert "not a regular file" in only(result, "docs/zero.md", "file.unreadable")["message"]
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1
    walked = check_json("docs")  # walking does not follow the link at all
    assert walked.findings("docs/zero.md") == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_does_not_block_the_run(tmp_path):
    docs = _docs(tmp_path)
    os.mkfifo(docs / "pipe.md")  # opening it for reading would wait for a writer forever
    args = ("check", "--isolated", "--no-cache", "--format", "json", "--select", VAGUE)
    result = spawn(*args, "docs/pipe.md", "docs/witness.md", cwd=tmp_path, timeout=60)
    assert "not a regular file" in only(result, "docs/pipe.md", "file.unreadable")["message"]
    assert_witness(result, "docs/witness.md")
    assert check_json("docs").findings("docs/pipe.md") == []  # walking skips what is not a file


def test_a_file_over_the_size_limit(tmp_path):
    docs = _docs(tmp_path)
    (docs / "huge.md").write_text("We recently met. " * 100, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    result = check_json("docs", isolated=False)
    finding = only(result, "docs/huge.md", "file.too-large")
    assert "1,700 bytes" in finding["message"] and "1,000" in finding["message"]
    assert result.findings("docs/huge.md", VAGUE) == []
    assert_witness(result, "docs/witness.md")


def test_a_huge_size_limit_is_not_allocated(tmp_path):
    """max-file-size is a limit, not a buffer size: a terabyte limit must not be reserved."""
    _docs(tmp_path)
    (tmp_path / "lintnews.toml").write_text(f"max-file-size = {1 << 40}\n", encoding="utf-8")
    result = check_json("docs", isolated=False)
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1


def test_broken_files_in_a_process_pool(tmp_path):
    """Enough files for the worker pool: every kind of broken file comes back as a finding
    from the workers, and every healthy file's finding is still there."""
    docs = tmp_path / "docs"
    for index in range(30):
        witness(docs, f"ok-{index:02d}.md")
    (docs / "bad-encoding.md").write_bytes(b"caf\xe9 recently\n")
    (docs / "bad-front.md").write_text("---\ntitle: [x\n---\nWe recently met.\n", encoding="utf-8")
    (docs / "binary.md").write_bytes(b"\x00\x01recently")
    (docs / "deep.md").write_text("- " * 5000 + "We recently met.\n", encoding="utf-8")
    os.symlink("loop.md", docs / "loop.md")
    result = check_json("-j", "2", "docs", "docs/loop.md", "docs/binary.md")
    for index in range(30):
        assert_witness(result, f"docs/ok-{index:02d}.md")
    assert only(result, "docs/bad-encoding.md", "file.encoding")["column"] == 4
    assert only(result, "docs/bad-front.md", "file.front-matter")
    assert only(result, "docs/bad-front.md", VAGUE)["line"] == 4
    assert only(result, "docs/binary.md", "file.binary")  # named as well as walked: reported once
    assert only(result, "docs/deep.md", VAGUE)["column"] == 2 * 5000 + 4
    assert only(result, "docs/loop.md", "file.unreadable")
    assert result.exit_code == 1


def test_a_named_symlink_out_of_the_project_is_not_read(tmp_path):
    """pre-commit and CI pass changed names: a pull request that adds ``post.md -> /etc/…``
    must not get that file printed into a public log."""
    project = tmp_path / "site"
    docs = _docs(project)
    secret = tmp_path / "secret.txt"
    secret.write_text("The root password was recently changed to hunter2.\n", encoding="utf-8")
    os.symlink(secret, docs / "post.md")
    (project / "linked").symlink_to(tmp_path, target_is_directory=True)
    os.chdir(project)
    for named in ("docs/post.md", "linked/secret.txt", "linked"):
        result = check("--format", "text", named, "docs/witness.md")
        assert "hunter2" not in result.stdout + result.stderr
        json_result = check_json(named, "docs/witness.md")
        finding = only(json_result, named, "file.outside-root")
        assert (
            finding["severity"] == "warning" and "--follow-symlinks-outside" in finding["message"]
        )
        assert_witness(json_result, "docs/witness.md")
    allowed = check_json("--follow-symlinks-outside", "docs/post.md")
    assert only(allowed, "docs/post.md", VAGUE)["line"] == 1
    # A link inside the project is read as before, and so is a file named outside it.
    os.symlink("witness.md", docs / "alias.md")
    assert only(check_json("docs/alias.md"), "docs/alias.md", VAGUE)
    assert only(check_json(str(secret)), str(secret), VAGUE)
