"""Inline disable comments cannot silence the rules a publisher is legally bound by
(``unsuppressible``, by default the disclosure pack); CI can ignore every comment; what was
suppressed is counted and can be listed."""

from __future__ import annotations

import pytest

from .kit import VAGUE, assert_witness, check, check_json, only, witness

AFFILIATE = "disclosure.affiliate-missing"
LINK = "The Air 3 is $179 at [Amazon](https://www.amazon.com/dp/B0CSW3AIR3?tag=deals-20).\n"
RULES = (AFFILIATE, VAGUE)


def _drafts(tmp_path, comment: str, name: str = "deal.md"):
    docs = tmp_path / "docs"
    witness(docs)
    text = f"{comment}\n{LINK}\n<!-- lintnews-disable-next-line {VAGUE} -- quoting the press release -->\nWe recently tested it.\n"
    (docs / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "comment",
    [
        f"<!-- lintnews-disable {AFFILIATE} -- we know -->",
        "<!-- lintnews-disable -->",
        "<!-- lintnews-disable-file disclosure -->",
        "<!-- lintnews-disable disclosure.* -->",
        f"lintnews-disable-file {AFFILIATE}",  # the plain-text form, in a .txt draft
    ],
)
def test_an_inline_comment_cannot_silence_an_unsuppressible_rule(tmp_path, comment):
    name = "deal.txt" if not comment.startswith("<!--") else "deal.md"
    _drafts(tmp_path, comment, name)
    result = check_json("docs", select=RULES)
    finding = only(result, f"docs/{name}", AFFILIATE)
    assert finding["line"] == 2 and finding["severity"] == "error"
    assert "the suppression comment on line 1 was ignored" in finding["message"]
    assert (
        "cannot be silenced inline" in finding["message"] and "unsuppressible" in finding["message"]
    )
    assert result.findings(f"docs/{name}", VAGUE) == []  # an ordinary rule is silenced as asked
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1
    assert check("--fail-on", "error", "docs", select=RULES).exit_code == 1


def test_the_config_decides_what_is_unsuppressible(tmp_path):
    _drafts(tmp_path, f"<!-- lintnews-disable {AFFILIATE} -->")
    (tmp_path / "lintnews.toml").write_text("unsuppressible = []\n", encoding="utf-8")
    result = check_json("docs", select=RULES, isolated=False)
    assert result.findings("docs/deal.md") == []
    assert_witness(result, "docs/witness.md")
    (tmp_path / "lintnews.toml").write_text(f'unsuppressible = ["{VAGUE}"]\n', encoding="utf-8")
    flipped = check_json("docs", select=RULES, isolated=False)
    assert flipped.findings("docs/deal.md", AFFILIATE) == []
    vague = only(flipped, "docs/deal.md", VAGUE)
    assert vague["line"] == 5 and "line 4 was ignored" in vague["message"]


def test_no_inline_suppressions_ignores_every_comment(tmp_path):
    _drafts(tmp_path, f"<!-- lintnews-disable {AFFILIATE} -->")
    result = check_json("--no-inline-suppressions", "docs", select=RULES)
    assert (
        "was ignored" not in only(result, "docs/deal.md", AFFILIATE)["message"]
    )  # no comment was read
    assert only(result, "docs/deal.md", VAGUE)["line"] == 5
    assert_witness(result, "docs/witness.md")
    text = check("--no-inline-suppressions", "docs", select=RULES)
    assert "suppressed" not in text.stdout
    assert "Found 3 findings (1 error, 2 warnings) in 2 of 2 files" in text.stdout


def test_the_summary_counts_and_show_suppressed_lists_what_was_suppressed(tmp_path):
    _drafts(tmp_path, f"<!-- lintnews-disable {AFFILIATE} -->")
    plain = check("docs", select=RULES)
    assert "Found 2 findings (1 error, 1 warning) in 2 of 2 files" in plain.stdout
    assert "1 suppressed by inline comments." in plain.stdout
    assert "We recently tested it." not in plain.stdout  # the suppressed finding is not shown
    shown = check("--show-suppressed", "docs", select=RULES)
    assert (
        f"docs/deal.md:5:4: {VAGUE} [warning] 'recently' is vague: say when it happened (a date or a day), "
        f"or cut it. (suppressed: line 4: lintnews-disable-next-line {VAGUE})"
    ) in shown.stdout
    assert "1 suppressed by inline comments." in shown.stdout
    assert shown.exit_code == plain.exit_code == 1
    # A suppressed finding does not make the run fail.
    (tmp_path / "docs" / "witness.md").unlink()
    (tmp_path / "docs" / "deal.md").write_text(
        f"<!-- lintnews-disable-next-line {VAGUE} -->\nWe recently tested it.\n", encoding="utf-8"
    )
    quiet = check("docs", select=RULES)
    assert quiet.exit_code == 0
    assert (
        "No findings in 1 file." in quiet.stdout
        and "1 suppressed by inline comments." in quiet.stdout
    )
