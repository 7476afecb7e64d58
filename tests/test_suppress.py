"""Inline suppression: disable/enable ranges, -next-line, -line, -file, packs and globs,
reasons after "--", plain-text directive lines, unknown ids, unsuppressible rules, and the
summary count."""

from __future__ import annotations

import pytest

from lintnews.parse import parse_document
from lintnews.run.config import Settings
from lintnews.run.suppress import directives

from .clikit import _private_cache, invoke, write  # noqa: F401
from .house import ruleset as load_house
from .house import run, write_rule


@pytest.fixture()
def rules(tmp_path):
    folder = tmp_path / "rules"
    for rule_id, token in (
        ("animals.zebra", "zebra"),
        ("animals.lion", "lion"),
        ("plants.fern", "fern"),
        ("disclosure.shill", "buy now"),
    ):
        write_rule(
            folder, rule_id, f"extends: existence\nmessage: \"'%s' found\"\ntokens: ['{token}']\n"
        )
    return load_house(folder, "animals.zebra", "animals.lion", "plants.fern", "disclosure.shill")


def outcome(rules, text: str, path: str = "draft.md", **kwargs) -> list[tuple[int, str, bool]]:
    """(line, rule, suppressed?) for every finding."""
    result = run(rules, text, path, **kwargs)
    return sorted((f.line, f.rule, f.suppressed_by is not None) for f in result.findings)


def test_disable_and_enable_a_range(rules):
    text = """zebra one

<!-- lintnews-disable animals.zebra -->
zebra two and lion

zebra three
<!-- lintnews-enable animals.zebra -->

zebra four
"""
    assert outcome(rules, text) == [
        (1, "animals.zebra", False),
        (4, "animals.lion", False),
        (4, "animals.zebra", True),
        (6, "animals.zebra", True),
        (9, "animals.zebra", False),
    ]


def test_disable_without_ids_covers_every_rule_until_enable(rules):
    text = "<!-- lintnews-disable -->\nzebra lion fern\n<!-- lintnews-enable -->\n\nzebra lion\n"
    assert outcome(rules, text) == [
        (2, "animals.lion", True),
        (2, "animals.zebra", True),
        (2, "plants.fern", True),
        (5, "animals.lion", False),
        (5, "animals.zebra", False),
    ]


def test_a_plain_enable_ends_a_specific_disable_and_a_specific_enable_keeps_others_off(rules):
    text = (
        "<!-- lintnews-disable animals.zebra, plants.fern -->\nzebra fern\n<!-- lintnews-enable plants.fern -->\n\n"
        "zebra fern\n<!-- lintnews-enable -->\n\nzebra fern\n"
    )
    assert outcome(rules, text) == [
        (2, "animals.zebra", True),
        (2, "plants.fern", True),
        (5, "animals.zebra", True),
        (5, "plants.fern", False),
        (8, "animals.zebra", False),
        (8, "plants.fern", False),
    ]


def test_disable_next_line_skips_blank_lines_and_covers_one_line(rules):
    text = "<!-- lintnews-disable-next-line animals.zebra -->\n\nzebra here\nzebra again\n"
    assert outcome(rules, text) == [(3, "animals.zebra", True), (4, "animals.zebra", False)]


def test_disable_next_line_after_a_multi_line_comment(rules):
    text = "<!--\nlintnews-disable-next-line\n-->\nzebra and fern\n\nzebra\n"
    assert outcome(rules, text) == [
        (4, "animals.zebra", True),
        (4, "plants.fern", True),
        (6, "animals.zebra", False),
    ]


def test_disable_line_covers_only_its_own_line(rules):
    text = "zebra here <!-- lintnews-disable-line animals -->\nzebra next\n"
    assert outcome(rules, text) == [(1, "animals.zebra", True), (2, "animals.zebra", False)]


def test_disable_file_anywhere_covers_the_whole_file(rules):
    text = "zebra fern\n\nmore zebra\n\n<!-- lintnews-disable-file animals.zebra -->\n"
    assert outcome(rules, text) == [
        (1, "animals.zebra", True),
        (1, "plants.fern", False),
        (3, "animals.zebra", True),
    ]


@pytest.mark.parametrize(
    ("ids", "silenced"),
    [
        ("animals", {"animals.zebra", "animals.lion"}),
        ("animals.*", {"animals.zebra", "animals.lion"}),
        ("*.fern", {"plants.fern"}),
        ("animals.z*, plants", {"animals.zebra", "plants.fern"}),
        ("animals.lion plants.fern", {"animals.lion", "plants.fern"}),
    ],
)
def test_pack_names_and_globs(rules, ids, silenced):
    text = f"<!-- lintnews-disable-next-line {ids} -->\nzebra lion fern\n"
    found = {rule for _, rule, suppressed in outcome(rules, text) if suppressed}
    assert found == silenced


def test_a_reason_after_double_dash_is_not_read_as_ids(rules):
    text = "<!-- lintnews-disable-next-line animals.zebra -- quoting the zoo's own sign, fern -->\nzebra fern\n"
    result = run(rules, text)
    assert [(f.rule, f.suppressed_by is not None) for f in result.findings] == [
        ("animals.zebra", True),
        ("plants.fern", False),
    ]
    assert "lintnews.unknown-rule" not in {f.rule for f in result.findings}
    assert directives(parse_document("a.md", text))[0].ids == ("animals.zebra",)


def test_unknown_ids_are_reported_and_silence_nothing(rules):
    text = "zebra <!-- lintnews-disable-line animals.zebar, mammals -->\n"
    result = run(rules, text)
    unknown = [f for f in result.findings if f.rule == "lintnews.unknown-rule"]
    assert [(f.line, f.severity.value) for f in unknown] == [(1, "warning"), (1, "warning")]
    assert "'animals.zebar'" in unknown[0].message and "'mammals'" in unknown[1].message
    assert [(f.rule, f.suppressed_by) for f in result.findings if f.rule == "animals.zebra"] == [
        ("animals.zebra", None)
    ]


def test_meta_ids_are_known(rules):
    text = "<!-- lintnews-disable-file file.front-matter -->\n"
    assert [f.rule for f in run(rules, text).findings] == []


def test_directives_in_code_are_ignored(rules):
    text = "```\n<!-- lintnews-disable-file -->\n```\n\n`<!-- lintnews-disable-file -->` zebra\n"
    assert outcome(rules, text) == [(5, "animals.zebra", False)]


def test_plain_text_directive_lines(rules):
    text = (
        "zebra headline\n\nlintnews-disable-next-line animals.zebra\nzebra first\n\n"
        "lintnews-disable animals -- the zoo chapter\nzebra and lion\nlintnews-enable\n\nzebra last\n"
        "<!-- lintnews-disable-next-line plants -->\nfern\n"
    )
    assert outcome(rules, text, "draft.txt") == [
        (1, "animals.zebra", False),
        (4, "animals.zebra", True),
        (7, "animals.lion", True),
        (7, "animals.zebra", True),
        (10, "animals.zebra", False),
        (12, "plants.fern", True),
    ]


def test_directive_words_inside_a_plain_text_sentence_are_prose(rules):
    text = "Headline\n\nWe wrote lintnews-disable animals in the zebra memo.\n"
    assert outcome(rules, text, "draft.txt") == [(3, "animals.zebra", False)]


def test_unsuppressible_rules_are_reported_with_a_note(rules):
    text = "<!-- lintnews-disable-next-line disclosure.shill, animals -->\nbuy now, zebra\n"
    result = run(rules, text)
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["animals.zebra"].suppressed_by is not None
    shill = by_rule["disclosure.shill"]
    assert shill.suppressed_by is None
    assert "was ignored" in shill.message and "line 1" in shill.message
    allowed = run(rules, text, settings=Settings(unsuppressible=[]))
    assert all(f.suppressed_by is not None for f in allowed.findings)


def test_inline_suppressions_can_be_turned_off(rules):
    from lintnews.ruleset.selection import choose
    from lintnews.run.runner import Linter

    linter = Linter(
        choose(rules.rules, None), Settings(), tuple(rules.ids), inline_suppressions=False
    )
    result = linter.lint_text("a.md", "<!-- lintnews-disable-file -->\nzebra\n")
    assert [(f.rule, f.suppressed_by) for f in result.findings] == [("animals.zebra", None)]


def test_the_directive_label_says_which_comment(rules):
    result = run(rules, "\n\nzebra <!-- lintnews-disable-line animals.zebra -- a reason -->\n")
    assert result.findings[0].suppressed_by == "line 3: lintnews-disable-line animals.zebra"


# -- through the CLI ----------------------------------------------------------------------------
@pytest.fixture()
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "post.md",
        """
        We met recently.

        <!-- lintnews-disable-next-line dates.vague-time -- the headline style -->
        Lately things changed.

        Not long ago it rained. <!-- lintnews-disable-line dates -->
        <!-- lintnews-disable-line dates.nonexistent -->
        """,
    )
    return tmp_path / "post.md"


def test_summary_counts_suppressed_findings(draft):
    result = invoke("check", "--select", "dates.vague-time", "--no-cache", "post.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(" [")[0] for line in lines if line.startswith("post.md:")] == [
        "post.md:1:8: dates.vague-time",
        "post.md:7:1: lintnews.unknown-rule",
    ]
    assert "Found 2 findings (2 warnings) in 1 of 1 file" in result.stdout
    assert "2 suppressed by inline comments." in result.stdout


def test_json_hides_suppressed_findings_unless_asked(draft):
    plain = invoke(
        "check", "--select", "dates.vague-time", "--format", "json", "--no-cache", "post.md"
    )
    assert [(f["line"], f["rule"]) for f in plain.json()] == [
        (1, "dates.vague-time"),
        (7, "lintnews.unknown-rule"),
    ]
    shown = invoke(
        "check",
        "--select",
        "dates.vague-time",
        "--format",
        "json",
        "--show-suppressed",
        "--no-cache",
        "post.md",
    )
    items = shown.json()
    assert [
        (f["line"], f.get("suppressed_by")) for f in items if f["rule"] == "dates.vague-time"
    ] == [
        (1, None),
        (4, "line 3: lintnews-disable-next-line dates.vague-time"),
        (6, "line 6: lintnews-disable-line dates"),
    ]


def test_no_inline_suppressions_flag(draft):
    result = invoke(
        "check",
        "--select",
        "dates.vague-time",
        "--format",
        "json",
        "--no-inline-suppressions",
        "--no-cache",
        "post.md",
    )
    assert [(f["line"], f["rule"]) for f in result.json()] == [
        (1, "dates.vague-time"),
        (4, "dates.vague-time"),
        (6, "dates.vague-time"),
    ]
