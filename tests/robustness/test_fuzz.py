"""Random drafts through every built-in rule: the engine never raises, every finding lies
inside the file, and each finding's offsets, line/column and quoted text agree.

The drafts mix Markdown syntax, words the rules react to, awkward Unicode (combining marks,
right-to-left text and overrides, emoji sequences, zero-width characters, odd separators),
CRLF/CR line ends and front-matter fragments (valid, broken, unterminated).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.config import Settings
from lintnews.meta import META_RULES
from lintnews.runner import Linter
from lintnews.selection import choose
from lintnews.source import SourceText

MARKDOWN = [
    "# ",
    "## ",
    "###### ",
    "> ",
    ">> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "   ",
    "    ",
    "\t",
    "```",
    "```python",
    "~~~",
    "`",
    "``",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "[^1]",
    "[^1]: ",
    "[ref]: https://example.com",
    "<!--",
    "-->",
    "<!-- lintnews-disable -->",
    "<!-- lintnews-disable-next-line dates.vague-time -->",
    "<!-- lintnews-enable -->",
    "lintnews-disable-file",
    "<div>",
    "</div>",
    "<figure>",
    "<figcaption>",
    "</figcaption>",
    '<img src="a.png" alt="">',
    "<img src=a.png>",
    '<a href="https://amzn.to/x">',
    "</a>",
    "<script>",
    "|",
    "| a | b |",
    "|---|---|",
    "---",
    "***",
    "===",
    "\\",
    "&amp;",
    "&#x27;",
    "&",
    "<",
    ">",
    "<https://example.com>",
    "https://www.amazon.com/dp/B0X?tag=deals-20",
    "www.example.com/x.",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    ".",
    "!",
    "?",
    "…",
    ":",
    ";",
    ",",
    "—",
    "(AP) — ",
]
WORDS = [
    "recently",
    "Lately",
    "in recent weeks",
    "the other day",
    "said",
    "says",
    "told",
    "according to",
    "experts say",
    "many people",
    "some believe",
    "reportedly",
    "100%",
    "72 percent",
    "$179",
    "NASA",
    "the the",
    "Photo: Jane Doe",
    "Credit:",
    "We may earn a commission",
    "affiliate",
    "sponsored",
    "Sponsored by Acme",
    "use code SAVE20",
    "best ever",
    "always",
    "never",
    "U.S.",
    "Inc.",
    "Mr. Smith",
    "Dr.",
    "e.g.",
    "yesterday",
    "on Monday",
    "last week",
    "will announce",
    "announced",
    "WHO",
    "CEO",
    "towards",
    "email",
    "e-mail",
    "Jane Doe",
    "The company",
    "The",
    "A",
    "is",
    "was",
    "word",
    " ",
]
ODD = [
    "\u0301",
    "\u0308",
    "e\u0301",
    "\u20dd",
    "\u0336",  # combining marks
    "\u202e",
    "\u202d",
    "\u200f",
    "\u200e",
    "שלום",
    "مرحبا",
    "\u05d0\u0591",  # right-to-left
    "😀",
    "👩\u200d👩\u200d👧",
    "🇺🇸",
    "✌\ufe0f",
    "🏳️‍🌈",  # emoji and sequences
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",  # zero-width
    "\u00a0",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\x85",
    "\x00",
    "\x1b[31m",
    "\ufffd",
    "𝔘",
]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
FRONT_LINES = [
    "title: x\n",
    "title: [oops\n",
    "title: a: b\n",
    "- a\n",
    "just words\n",
    "42\n",
    'key = "v"\n',
    "key = v\n",
    "[cover]\n",
    'image = "a.png"\n',
    "date: 2024-01-01\n",
    "image: /img/a.png\n",
    "sponsored: true\n",
    "tags: [a, b]\n",
    "a: &a [1]\n",
    "b: *a\n",
    "\t\n",
    "...\n",
    "  nested: 1\n",
    "title: recently\n",
    "---\n",
    "+++\n",
]

SENTENCES = [
    "We recently met the mayor. ",
    "Experts say prices will rise. ",
    '"It works," she said. ',
    "The company announced a deal on Monday. ",
    "Buy it [at Amazon](https://www.amazon.com/dp/B0X?tag=deals-20). ",
    "![A chart](chart.png)\n",
    "Sales grew 40% last year. ",
    "It is the best phone ever made. ",
    "Many people believe the the plan failed. ",
    "The WHO said so. ",
    "Officials reportedly agreed. ",
]

text_pieces = st.one_of(
    st.sampled_from(MARKDOWN),
    st.sampled_from(WORDS).map(lambda word: f" {word} "),
    st.sampled_from(SENTENCES),
    st.sampled_from(ODD),
    st.sampled_from(LINE_ENDS),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=6),
)
front_matter = st.one_of(
    st.just(""),
    st.tuples(
        st.sampled_from(["---\n", "+++\n"]),
        st.lists(st.sampled_from(FRONT_LINES), max_size=6),
        st.booleans(),
    ).map(
        lambda parts: (
            parts[0] + "".join(parts[1]) + (parts[0] if parts[2] else "")
        )  # closed or never closed
    ),
)
drafts = st.tuples(
    front_matter,
    st.lists(text_pieces, min_size=5, max_size=120),
    st.sampled_from([None, "\r\n", "\r"]),
).map(
    lambda parts: (
        (parts[0] + "".join(parts[1])).replace("\n", parts[2])
        if parts[2]
        else parts[0] + "".join(parts[1])
    )
)


@pytest.fixture(scope="module")
def linter(ruleset):
    every = choose(ruleset.rules, [rule.id for rule in ruleset.rules])  # enabled or not
    assert len(every) == len(ruleset.rules)
    return Linter(every, Settings(), tuple(ruleset.ids) + tuple(META_RULES))


def _inside(source: SourceText, line: int, column: int) -> bool:
    return 1 <= line <= source.line_count and 1 <= column <= len(source.line_text(line - 1)) + 1


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=drafts, path=st.sampled_from(["draft.md", "draft.txt"]))
def test_random_drafts(linter, text, path):
    result = linter.lint_text(path, text)  # must not raise
    source = SourceText(text)
    for f in result.findings:
        where = f"{f.rule} at {f.line}:{f.column}-{f.end_line}:{f.column} in {text!r}"
        assert f.rule != "rule.crash", (
            f"{f.message} on {text!r}"
        )  # a crash would be hidden, not fixed
        assert _inside(source, f.line, f.column), where
        assert _inside(source, f.end_line, f.end_column), where
        assert (f.line, f.column) <= (f.end_line, f.end_column), where
        if f.rule in META_RULES:
            continue  # about the file, not a span of it
        assert 0 <= f.start <= f.end <= len(text), where
        assert source.locate(f.start) == (f.line, f.column), where
        assert source.locate_end(f.end) == (f.end_line, f.end_column), where
        assert f.text == " ".join(text[f.start : f.end].split())[:300], where
        if f.fix is not None:
            assert _inside(source, f.fix["line"], f.fix["column"]), where
            assert _inside(source, f.fix["end_line"], f.fix["end_column"]), where
