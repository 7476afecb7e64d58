"""The source map: offsets to 1-based lines and columns (code points), end positions
exclusive, in files with CRLF, lone CR, a BOM, tabs, non-ASCII text and front matter."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.files.decode import Decoded, DecodeProblem, decode, encode
from lintnews.source import SourceText, Span

from .house import active, house, positions, run, zebra  # noqa: F401 - a fixture


# -- SourceText ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        ("", [0], [0]),
        ("abc", [0], [3]),
        ("a\nb\n", [0, 2, 4], [1, 3, 4]),
        ("a\r\nb\r\n", [0, 3, 6], [1, 4, 6]),
        ("a\rb\rc", [0, 2, 4], [1, 3, 5]),
        ("a\r\n\rb\n\r\nc", [0, 3, 4, 6, 8], [1, 3, 5, 6, 9]),
        ("a\u2028b\x85c", [0], [5]),  # Unicode line separators are not line ends here
    ],
)
def test_line_table(text, starts, ends):
    source = SourceText(text)
    assert source.line_starts == starts
    assert source.line_ends == ends
    assert source.line_count == len(starts)


def test_locate_counts_code_points_and_tabs_as_one_column():
    text = "é😀中\tx\r\nsecond"
    source = SourceText(text)
    assert source.locate(text.index("x")) == (1, 5)
    assert source.locate(text.index("s")) == (2, 1)
    assert source.locate(len(text)) == (2, 7)


def test_offset_at_a_line_end_stays_on_that_line():
    source = SourceText("ab\r\ncd")
    assert source.locate(2) == (1, 3)  # the \r
    assert source.locate(3) == (1, 4)  # the \n of the CRLF pair
    assert source.locate(4) == (2, 1)
    assert source.locate_end(2) == (1, 3)  # a span "ab" ends before the terminator


def test_locate_clamps_out_of_range_offsets():
    source = SourceText("ab\ncd")
    assert source.locate(-5) == (1, 1)
    assert source.locate(99) == (2, 3)


def test_line_text_and_spans_exclude_terminators():
    source = SourceText("one\r\ntwo\rthree\n")
    assert [source.line_text(i) for i in range(source.line_count)] == ["one", "two", "three", ""]
    assert source.line_span(1) == Span(5, 8)
    assert source.lines_span(0, 2) == Span(0, 8)


def test_offset_of_is_the_inverse_of_locate_and_clamps_to_the_line():
    source = SourceText("ab\r\ncdé\rf")
    for offset in (0, 1, 2, 4, 5, 6, 7, 8, 9):
        assert source.offset_of(*source.locate(offset)) == offset
    assert source.offset_of(1, 50) == 2  # past the end of line 1: its end
    assert source.offset_of(50, 1) == source.line_starts[-1]


def test_span_helpers():
    span = Span(2, 5)
    assert len(span) == 3
    assert 2 in span and 4 in span and 5 not in span and "x" not in span
    assert span.overlaps(Span(4, 9)) and not span.overlaps(Span(5, 9))


lines_strategy = st.lists(
    st.text(alphabet=st.sampled_from(list("ab \tçé😀中文") + ["\u2028"]), min_size=1, max_size=12),
    min_size=1,
    max_size=8,
)
breaks_strategy = st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=8, max_size=8)


@settings(max_examples=200, deadline=None)
@given(lines_strategy, breaks_strategy)
def test_locate_matches_an_independent_count(lines, breaks):
    text = "".join(line + breaks[i] for i, line in enumerate(lines))
    source = SourceText(text)
    offset = 0
    for number, line in enumerate(lines, start=1):
        for column in range(1, len(line) + 2):
            assert source.locate(offset + column - 1) == (number, column)
            assert source.offset_of(number, column) == offset + column - 1
        offset += len(line) + len(breaks[number - 1])


# -- decoding -----------------------------------------------------------------------------
def test_decode_strips_a_utf8_bom_and_encode_puts_it_back():
    data = codecs.BOM_UTF8 + "Café\r\n".encode()
    decoded = decode(data)
    assert isinstance(decoded, Decoded)
    assert decoded.text == "Café\r\n" and decoded.encoding == "utf-8-sig"
    assert encode(decoded.text, decoded.encoding) == data


@pytest.mark.parametrize("name", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_with_a_bom(name):
    bom = codecs.BOM_UTF16_LE if name == "utf-16-le" else codecs.BOM_UTF16_BE
    data = bom + "Zürich\n".encode(name)
    decoded = decode(data)
    assert isinstance(decoded, Decoded) and decoded.text == "Zürich\n"
    assert encode(decoded.text, decoded.encoding) == data


def test_decode_reports_the_line_and_column_of_a_bad_byte():
    problem = decode("ok\r\nhé".encode() + b"\xff rest")
    assert isinstance(problem, DecodeProblem) and problem.kind == "encoding"
    assert (problem.line, problem.column) == (2, 3)
    assert "0xff" in problem.message


def test_decode_calls_nul_bytes_binary():
    problem = decode(b"\x89PNG\x00\x00")
    assert isinstance(problem, DecodeProblem) and problem.kind == "binary"


# -- findings point at the flagged text in the original file --------------------------------
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"one\r\ntwo zebra\r\n", (2, 5, 2, 10)),
        (b"one\rtwo\r\rthe zebra\r", (4, 5, 4, 10)),
        (codecs.BOM_UTF8 + b"zebra first\r\n", (1, 1, 1, 6)),
        (codecs.BOM_UTF8 + b"---\r\ntitle: X\r\n---\r\nA zebra.\r\n", (4, 3, 4, 8)),
        (b"Tab\there and a zebra", (1, 16, 1, 21)),
        ("Café crème, 😀 and 中文 zebra".encode(), (1, 22, 1, 27)),
        ('+++\ntitle = "Zürich"\ndate = 2024-01-01\n+++\n\n😀😀 zebra\n'.encode(), (6, 4, 6, 9)),
        (codecs.BOM_UTF16_LE + "a\r\n\tzebra".encode("utf-16-le"), (2, 2, 2, 7)),
    ],
    ids=["crlf", "lone-cr", "bom", "bom-crlf-yaml", "tab", "non-ascii", "toml-emoji", "utf16"],
)
def test_finding_position_in_original_file(zebra, data, expected):
    findings = active(run(zebra, data))
    assert positions(findings, "house.zebra") == [expected]


def test_plain_text_positions_match_markdown_positions(zebra):
    data = "Headline\r\n\r\nCafé 😀 zebra\r\n".encode()
    assert positions(active(run(zebra, data, "draft.txt"))) == [(3, 8, 3, 13)]
    assert positions(active(run(zebra, data, "draft.md"))) == [(3, 8, 3, 13)]


def test_a_span_across_lines_ends_on_its_own_line(tmp_path):
    rules = house(
        tmp_path,
        "house.pair",
        """
        extends: existence
        message: "'%s' found"
        tokens: ['zebra\\s+crossing']
        """,
    )
    findings = active(run(rules, "A zebra\r\ncrossing here.\r\n"))
    assert positions(findings) == [(1, 3, 2, 9)]
    assert findings[0].message == "'zebra crossing' found"


word = st.text(alphabet=st.sampled_from(list("abcxyzçéüß😀中文й")), min_size=1, max_size=6)
line_strategy = st.lists(word, min_size=1, max_size=5).map(" \t ".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(line_strategy, min_size=1, max_size=6),
    st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]), min_size=6, max_size=6),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=40),
    st.booleans(),
    st.sampled_from(["draft.md", "draft.txt"]),
)
def test_positions_property(zebra, lines, breaks, target_line, target_col, bom, path):
    target_line %= len(lines)
    line = lines[target_line]
    cut = min(target_col, len(line))
    # Keep "zebra" a whole word: put it after a space.
    lines = list(lines)
    lines[target_line] = line[:cut] + " zebra " + line[cut:]
    text = "Headline first\n\n" + "".join(text + breaks[i] for i, text in enumerate(lines))
    expected_line = 3
    for i in range(target_line):
        expected_line += breaks[i].count("\n") + breaks[i].replace("\r\n", "").count("\r")
    expected_col = cut + 2
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode()
    got = positions(active(run(zebra, data, path)))
    assert got == [(expected_line, expected_col, expected_line, expected_col + 5)]
