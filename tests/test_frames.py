"""Code frames: carets under the flagged text by display width (CJK, emoji), every line of a
multi-line span underlined, long spans cut with a "…" line."""

from __future__ import annotations

import pytest

from lintnews.model import Finding, Severity
from lintnews.report.formatters import Run
from lintnews.report.formatters.text_format import FORMATTER

from .clikit import _private_cache, invoke, write  # noqa: F401


def frame(line: int, column: int, end_line: int, end_column: int, carried: str) -> list[str]:
    finding = Finding(
        "a.md", line, column, end_line, end_column, "dates.vague-time", Severity.WARNING, "m"
    )
    finding.source_line = carried
    return FORMATTER.file([finding], Run()).splitlines()[1:]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("東京では recently と言った。", "recently"),
        ("🎉🎉 It was lately.", "lately"),
        ("Café lately.", "lately"),
    ],
)
def test_carets_sit_under_the_word_by_display_width(text, word):
    from rich.cells import cell_len

    start = text.index(word)
    shown, carets = frame(1, start + 1, 1, start + 1 + len(word), text)
    prefix = shown.index("| ") + 2
    assert carets.index("^") - prefix == cell_len(text[:start])
    assert carets.count("^") == len(word)


def test_a_wide_span_gets_one_caret_per_cell():
    text = "It happened 最近 here."
    start = text.index("最近")
    _, carets = frame(1, start + 1, 1, start + 3, text)
    assert carets.count("^") == 4  # two wide characters, two cells each


def test_every_line_of_a_multi_line_span_is_underlined():
    lines = frame(4, 11, 6, 4, "normal is not long\n  ago and\nago here.")
    assert lines == [
        "  4 | normal is not long",
        "    |           ^^^^^^^^",
        "  5 |   ago and",
        "    |   ^^^^^^^",
        "  6 | ago here.",
        "    | ^^^",
    ]


def test_the_gutter_fits_the_last_line_number():
    lines = frame(9, 1, 10, 4, "recently\nago here.")
    assert lines[0] == "   9 | recently" and lines[2] == "  10 | ago here."


def test_a_span_longer_than_the_carried_lines_ends_with_an_ellipsis():
    lines = frame(1, 1, 40, 2, "\n".join(f"line {i}" for i in range(1, 7)))
    assert len(lines) == 13 and lines[-1] == "    | …"


def test_multi_line_frames_from_a_real_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "t.md", "東京では not long\nago it rained.\n")
    out = invoke("check", "--no-cache", "--select", "dates.vague-time", "t.md").stdout.splitlines()
    assert out[1:5] == [
        "  1 | 東京では not long",
        "    |          ^^^^^^^^",
        "  2 | ago it rained.",
        "    | ^^^",
    ]


# -- spans and Markdown markers -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Critics **argue** that it fails.\n", "Critics **argue**"),
        ("Many **experts say** it fails.\n", "Many **experts say**"),
        ("_Studies_ show it.\n", "_Studies_ show"),
        ("**Experts agree** that it works.\n", "Experts agree"),  # wholly inside: unchanged
        ("Experts agree that it works.\n", "Experts agree"),
    ],
)
def test_a_span_never_holds_half_an_emphasis_pair(tmp_path, monkeypatch, draft, flagged):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "c.md", draft)
    result = invoke("check", "--no-cache", "--format", "json", "--select", "claims", "c.md")
    (finding,) = result.json()
    assert finding["line"] == finding["end_line"] == 1
    assert draft[finding["column"] - 1 : finding["end_column"] - 1] == flagged
