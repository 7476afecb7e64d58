"""Front matter that does not parse, is not a mapping, or is never closed: reported at the
parser's line, and the body is still linted."""

from __future__ import annotations

import pytest

from .kit import VAGUE, assert_witness, check, check_json, only, witness

CASES = {
    # name: (file text, (line, column) of file.front-matter, words in the message, line of "recently")
    "yaml-syntax": (
        "---\ntitle: Rates rise\nsummary: a: b\n---\nWe recently met.\n",
        (3, 11),
        ["YAML", "not valid"],
        5,
    ),
    "yaml-crlf": (
        "---\r\ntitle: ok\r\nauthor: [Ann\r\n---\r\nWe recently met.\r\n",
        None,
        ["YAML", "not valid"],
        5,
    ),
    "yaml-tab": ("---\ntitle: x\n\tdate: 2024-01-01\n---\nWe recently met.\n", (3, 1), ["YAML"], 5),
    "toml-syntax": (
        '+++\ntitle = "ok"\nauthor = Ann\n+++\nWe recently met.\n',
        (3, 10),
        ["TOML", "not valid"],
        5,
    ),
    "toml-table": ('+++\ntitle = "ok"\n[cover\n+++\nWe recently met.\n', (3, None), ["TOML"], 5),
    "list": ("---\n- one\n- two\n---\nWe recently met.\n", (2, 1), ["list", "not a mapping"], 5),
    "scalar": (
        "---\njust a sentence\n---\nWe recently met.\n",
        (2, 1),
        ["single str value", "not a mapping"],
        4,
    ),
    "number": ("---\n42\n---\nWe recently met.\n", (2, 1), ["single int value"], 4),
    "unterminated-yaml": (
        "---\ntitle: x\n\nWe recently met.\n",
        (1, 1),
        ["never closed", "'---'"],
        4,
    ),
    "unterminated-toml": (
        '+++\ntitle = "x"\n\nWe recently met.\n',
        (1, 1),
        ["never closed", "'+++'"],
        4,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_broken_front_matter_is_reported_and_the_body_linted(tmp_path, case):
    text, at, words, body_line = CASES[case]
    docs = tmp_path / "docs"
    witness(docs)
    (docs / "post.md").write_bytes(text.encode("utf-8"))
    result = check_json("docs")
    finding = only(result, "docs/post.md", "file.front-matter")
    assert finding["severity"] == "error"
    for word in words:
        assert word in finding["message"]
    if at is not None:
        line, column = at
        assert finding["line"] == line
        if column is not None:
            assert finding["column"] == column
    else:  # PyYAML reports an unclosed flow sequence where the input ends: the closing fence
        assert 3 <= finding["line"] <= 4
    body = only(result, "docs/post.md", VAGUE)
    assert (body["line"], body["column"]) == (body_line, 4)
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1
    assert check("--fail-on", "error", "docs").exit_code == 1
    assert check("--fail-on", "error", "docs/witness.md").exit_code == 0


def test_front_matter_is_loaded_safely(tmp_path):
    marker = tmp_path / "PWNED"
    text = (
        f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\nWe recently met.\n'
    )
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    result = check_json("post.md")
    finding = only(result, "post.md", "file.front-matter")
    assert finding["line"] == 2 and "python/object" in finding["message"]
    assert only(result, "post.md", VAGUE)["line"] == 4
    assert not marker.exists()


def test_recursive_and_exponential_aliases_do_not_blow_up(tmp_path):
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(
            f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]"
        )  # 9**9 leaves if expanded
    bomb = "---\n" + "\n".join(levels) + "\ntitle: Laughs\n---\nWe recently met.\n"
    loop = "---\ntitle: Loops\nself: &s [*s]\n---\nWe recently met.\n"
    (tmp_path / "bomb.md").write_text(bomb, encoding="utf-8")
    (tmp_path / "loop.md").write_text(loop, encoding="utf-8")
    result = check_json("bomb.md", "loop.md", select=(VAGUE, "disclosure", "media"))
    # Refused by the bounded loader with a clear message, at the alias that goes too far...
    laughs = only(result, "bomb.md", "file.front-matter")
    assert "100,000 values" in laughs["message"] and laughs["line"] >= 2
    recursive = only(result, "loop.md", "file.front-matter")
    assert "recursive alias" in recursive["message"] and recursive["line"] == 3
    # ...and the body is linted as usual.
    assert only(result, "bomb.md", VAGUE)["line"] == len(levels) + 4
    assert only(result, "loop.md", VAGUE)["line"] == 5


@pytest.mark.parametrize("date", ["2024-02-30", "0000-00-00", "2024-13-45"])
def test_an_impossible_date_is_reported_and_the_draft_linted_as_undated(tmp_path, date):
    """Before, the ValueError became rule.crash and the whole draft was skipped."""
    text = f"---\ntitle: Rates rise\ndate: {date}\nimage: /img/a.png\n---\nWe recently met.\n"
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    result = check_json("post.md", select=(VAGUE, "media", "dates"))
    assert result.findings("post.md", "rule.crash") == []
    finding = only(result, "post.md", "file.front-matter")
    assert (finding["line"], finding["column"]) == (3, 7)
    assert date in finding["message"] and "not a real date" in finding["message"]
    assert only(result, "post.md", VAGUE)["line"] == 6
    # The rest of the front matter is still used: the draft is undated, not matter-less.
    from lintnews.parse import parse_document

    matter = parse_document("post.md", text).front_matter
    assert matter.data == {"title": "Rates rise", "date": None, "image": "/img/a.png"}
