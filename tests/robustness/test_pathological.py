"""Pathological Markdown: the run completes, reports what it should and the witness's
finding survives. No timing assertions (they flake on busy CI machines): a regression to
quadratic time shows up as a test that takes minutes. bench/pathological.py measures."""

from __future__ import annotations

import pytest

from lintnews.parse import parse_document

from .kit import VAGUE, assert_witness, check_json, witness

MB = 1_000_000
TAIL = "\n\nWe recently met.\n"  # a paragraph after the junk: must still be found


def _lint(tmp_path, name: str, text: str, *select: str):
    docs = tmp_path / "docs"
    witness(docs)
    (docs / name).write_text(text, encoding="utf-8")
    result = check_json("docs", select=select or (VAGUE,))
    assert_witness(result, "docs/witness.md")
    return result


def _vague_at(result, path: str) -> list[tuple[int, int]]:
    return [(f["line"], f["column"]) for f in result.findings(path, VAGUE)]


def test_ten_thousand_nested_blockquotes(tmp_path):
    text = ">" * 10_000 + " Deep words recently.\n" + TAIL
    result = _lint(tmp_path, "quotes.md", text)
    # Inside a blockquote "recently" is quoted speech, which the rule skips; the paragraph after it is not.
    assert _vague_at(result, "docs/quotes.md") == [(4, 4)]
    assert result.exit_code == 1
    doc = parse_document("quotes.md", text)
    deep = [b for b in doc.blocks if "Deep words" in doc.text_of(b.span)]
    assert len(deep) == 1 and deep[0].in_blockquote  # parsed, not dropped, past maxNesting
    assert doc.is_quoted(doc.text.index("recently"))


@pytest.mark.parametrize(
    "marker",
    ["- ", "1. ", "> - ", "* > "],
    ids=["bullets", "numbers", "quote-bullet", "bullet-quote"],
)
def test_ten_thousand_nested_list_levels(tmp_path, marker):
    text = marker * 10_000 + "We recently met.\n" + TAIL
    result = _lint(tmp_path, "lists.md", text)
    deep = (1, len(marker) * 10_000 + 4)
    expected = [(4, 4)] if ">" in marker else [deep, (4, 4)]  # a blockquote's words are quoted
    assert _vague_at(result, "docs/lists.md") == expected
    assert result.exit_code == 1


def test_deep_nesting_cannot_hide_a_link_from_the_disclosure_rules(tmp_path):
    text = "- " * 500 + "Buy it [at Amazon](https://www.amazon.com/dp/B0X?tag=deals-20).\n"
    result = _lint(tmp_path, "hidden.md", text, VAGUE, "disclosure.affiliate-missing")
    assert [
        f["line"] for f in result.findings("docs/hidden.md", "disclosure.affiliate-missing")
    ] == [1]


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param("[" * MB, id="1MB-of-["),
        pytest.param("*" * MB, id="1MB-of-*"),
        # markdown-it's own cost per markup character is higher for these: 100 KB each
        pytest.param("![" * (MB // 20), id="100KB-of-!["),
        pytest.param("_a " * (MB // 30), id="100KB-of-_a"),
        pytest.param("<" * (MB // 10), id="100KB-of-<"),
        pytest.param("[](" * (MB // 30), id="100KB-of-[]("),
    ],
)
def test_runs_of_markup_characters(tmp_path, junk):
    result = _lint(tmp_path, "junk.md", junk + TAIL)
    assert _vague_at(result, "docs/junk.md") == [(3, 4)]
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param("<div>\n" + "<!--" * 50_000, id="unclosed-comments"),
        pytest.param('<div>\n<a href="x">y</a>' + "<a " * 50_000, id="unclosed-a-tags"),
        pytest.param("<div>\n" + "<script>" * 20_000, id="unclosed-scripts"),
        pytest.param('<div>\n<img alt="' * 20_000, id="unclosed-attributes"),
    ],
)
def test_unclosed_html(tmp_path, junk):
    result = _lint(tmp_path, "html.md", junk + TAIL)
    assert _vague_at(result, "docs/html.md")[-1:] == [(junk.count("\n") + 3, 4)]


def test_a_long_single_line_file(tmp_path):
    sentence = "The council met on Monday to discuss the budget. "
    line = sentence * (2 * MB // len(sentence)) + "We recently met."
    result = _lint(tmp_path, "line.md", line)  # no line break at all
    assert _vague_at(result, "docs/line.md") == [(1, len(line) - len("recently met.") + 1)]
    assert result.exit_code == 1


def test_one_endless_sentence_with_many_findings(tmp_path):
    text = "and we met recently " * 10_000  # one 200 KB sentence, 10,000 findings
    result = _lint(tmp_path, "endless.md", text)
    found = result.findings("docs/endless.md", VAGUE)
    assert len(found) == 10_000
    assert [f["column"] for f in found[:3]] == [12, 32, 52]
