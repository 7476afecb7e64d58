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

from lintnews.meta import META_RULES
from lintnews.ruleset.selection import choose
from lintnews.run.config import Settings
from lintnews.run.runner import Linter
from lintnews.source import SourceText

from .fuzzkit import FRONT_LINES, LINE_ENDS, MARKDOWN, ODD, SENTENCES, WORDS

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
