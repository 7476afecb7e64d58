"""The six public Vale styles and Vale's Readability style load unchanged and run."""

from __future__ import annotations

from pathlib import Path

from tests.clikit import _private_cache, invoke, write  # noqa: F401
from tests.conftest import shared_path

STYLES = ("Google", "Joblint", "Microsoft", "alex", "proselint", "write-good")

# A draft written to trip each style: its words come from the styles' own README examples.
DRAFT = """
# Getting Started With the API

We'll utilize the new API at 10 am. It is very simple, obviously, and really really easy.

The chairman asked the guys to be a rockstar ninja. Don't be so lame.

In order to succeed, e.g. by the way, you should perhaps click on the link.
"""


def _styles_folder(tmp_path: Path) -> Path:
    """Each style's folder and Readability, linked (not copied or changed) under one root."""
    root = tmp_path / "styles"
    root.mkdir()
    for style in STYLES:
        (root / style).symlink_to(shared_path("conformance", "vale-styles", style, style))
    (root / "Readability").symlink_to(
        shared_path("conformance", "vale", "testdata", "styles", "Readability")
    )
    return root


def test_all_148_rule_files_load_unchanged(tmp_path):
    from lintnews.ruleset.packs import load_rules

    ruleset = load_rules([_styles_folder(tmp_path)], use_cache=False)
    vale = [rule for rule in ruleset.rules if not rule.builtin]
    assert ruleset.errors == [] and ruleset.notes == []
    assert len(vale) == 148
    assert {rule.pack for rule in vale} == {*STYLES, "Readability"}
    assert ruleset.get("Microsoft.AMPM") is not None  # ids keep the file's own name


def test_the_styles_lint_a_sample_draft(tmp_path, monkeypatch):
    _styles_folder(tmp_path)
    write(tmp_path / "lintnews.toml", 'rules = ["styles"]\n')
    write(tmp_path / "draft.md", DRAFT)
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--format", "json", "--no-cache", "draft.md")
    assert result.exit_code == 1, result.stderr
    findings = result.json()
    assert not [f for f in findings if f["rule"].startswith("rule.")]
    fired = {f["rule"].split(".")[0] for f in findings}
    assert {*STYLES} <= fired, f"styles that found nothing: {set(STYLES) - fired}"
    rules = {f["rule"] for f in findings}
    assert {"Microsoft.AMPM", "write-good.Weasel", "Google.Contractions"} & rules
    assert "Microsoft.Wordiness" in rules or "write-good.TooWordy" in rules
