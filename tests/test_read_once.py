"""A draft is read once to be linted; --fix works on those bytes (the safe write reads the
file once more, to make sure it still holds them), and re-checks the fixed text in memory."""

from __future__ import annotations

import pathlib

import pytest

from .clikit import _private_cache, invoke, write  # noqa: F401

SWAP = """
extends: substitution
message: "Use '%s' instead of '%s'."
summary: Spelling.
description: House spelling.
ignorecase: true
swap:
  e-mail: email
examples:
  bad: ["Send an ⟦e-mail⟧."]
  good: ["Send an email."]
"""


@pytest.fixture
def reads(monkeypatch) -> dict[str, int]:
    counts: dict[str, int] = {}
    real_open = pathlib.Path.open

    def counting_open(self, mode="r", *args, **kwargs):
        if "r" in mode and self.name == "post.md":
            counts["post.md"] = counts.get("post.md", 0) + 1
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    return counts


@pytest.mark.parametrize(("args", "expected"), [((), 1), (("--no-cache",), 1), (("--fix",), 2)])
def test_each_run_reads_the_draft_once(tmp_path, monkeypatch, reads, args, expected):
    write(tmp_path / "styles" / "house" / "swap.yml", SWAP)
    write(tmp_path / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\n')
    write(tmp_path / "post.md", "Send an e-mail today.\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--format", "text", *args, "post.md")
    assert result.exit_code in (0, 1), result.stderr
    assert reads == {"post.md": expected}
    if "--fix" in args:
        assert (tmp_path / "post.md").read_text() == "Send an email today.\n"
        assert "No findings" in result.stdout  # the fixed text, re-checked without a read
    else:
        assert "post.md:1:9: house.swap" in result.stdout and "1 | Send an e-mail" in result.stdout
