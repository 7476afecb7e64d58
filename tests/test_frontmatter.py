"""Front matter: YAML and TOML parsed safely, key spans for rules to point at, and syntax
errors reported at the parser's line while the body is still linted."""

from __future__ import annotations

import time

import pytest

from lintnews.parse import parse_document
from lintnews.parse.frontmatter import split_front_matter
from lintnews.source import SourceText

from .house import active, run, zebra  # noqa: F401 - a fixture


def matter(text: str):
    return split_front_matter(SourceText(text))


def key_at(text: str, fm, key: str) -> tuple[tuple[int, int], str]:
    source = SourceText(text)
    span = fm.span_of(key)
    return source.locate(span.start), text[span.start : span.end]


def test_no_front_matter():
    assert matter("Just text\n---\n") is None
    assert matter("---") is None  # a lone rule line is a thematic break, not front matter
    assert matter(" ---\nx: 1\n---\n") is None


def test_yaml_front_matter_is_parsed_with_spans():
    text = '---\ntitle: Deal alert\ndate: 2024-05-02\ncover:\n  image: a.png\n  alt: "Alt"\ntags:\n  - one\n  - two\n---\nBody.\n'
    fm = matter(text)
    assert fm.format == "yaml" and fm.error is None
    assert fm.data["title"] == "Deal alert" and str(fm.data["date"]) == "2024-05-02"
    assert (
        fm.get("cover.image") == "a.png" and fm.get("tags.1") == "two" and fm.get("nope.x") is None
    )
    assert text[fm.span.start : fm.span.end] == text[: text.index("Body")].rstrip("\n")
    assert key_at(text, fm, "title") == ((2, 1), "title: Deal alert")
    assert key_at(text, fm, "cover.image") == ((5, 3), "image: a.png")
    assert key_at(text, fm, "cover.alt") == ((6, 3), 'alt: "Alt"')
    assert key_at(text, fm, "cover")[0] == (4, 1)
    assert key_at(text, fm, "tags.1") == ((9, 5), "two")
    # An unknown key falls back to its parent, then to the opening fence.
    assert key_at(text, fm, "cover.credit")[0] == (4, 1)
    assert key_at(text, fm, "missing") == ((1, 1), "---")


def test_yaml_with_crlf_bom_and_non_ascii():
    text = "---\r\ntitle: Café 😀 中文\r\nauthor: Zoë\r\n---\r\nBody.\r\n"
    fm = matter(text)
    assert fm.data == {"title": "Café 😀 中文", "author": "Zoë"}
    assert key_at(text, fm, "author") == ((3, 1), "author: Zoë")


def test_yaml_spans_when_values_contain_unicode_line_separators():
    # YAML counts U+2028 as a line break; the file's lines do not.
    text = '---\na: "x\u2028\u2028\u2028\u2028\u2028\u2028\u2028\u2028\u2028"\nb: 1\n---\nBody.\n'
    fm = matter(text)
    assert fm.error is None and fm.data["b"] == 1
    assert key_at(text, fm, "b") == ((3, 1), "b: 1")


def test_yaml_dots_close_front_matter():
    fm = matter("---\ntitle: T\n...\nBody.\n")
    assert fm.data == {"title": "T"}


def test_empty_front_matter():
    fm = matter("---\n---\nBody.\n")
    assert fm.error is None and fm.data == {}


def test_toml_front_matter_with_tables():
    text = '+++\ntitle = "T"\ndate = 2024-01-02\n\n[cover]\nimage = "a.png"\n\n[params.extra]\n"quoted key" = 1\nsite.name = "x"\n+++\nBody.\n'
    fm = matter(text)
    assert fm.format == "toml" and fm.error is None
    assert fm.get("cover.image") == "a.png" and fm.get("params.extra.quoted key") == 1
    assert key_at(text, fm, "title") == ((2, 1), 'title = "T"')
    assert key_at(text, fm, "cover.image") == ((6, 1), 'image = "a.png"')
    assert key_at(text, fm, "params.extra.quoted key")[0] == (9, 1)
    assert key_at(text, fm, "params.extra.site.name")[0] == (10, 1)


def test_toml_front_matter_with_crlf():
    text = '+++\r\ntitle = "T"\r\n[cover]\r\nimage = "a.png"\r\n+++\r\nBody.\r\n'
    fm = matter(text)
    assert fm.data == {"title": "T", "cover": {"image": "a.png"}}
    assert key_at(text, fm, "cover.image") == ((4, 1), 'image = "a.png"')


def test_toml_front_matter_with_lone_cr_line_ends():
    text = '+++\rtitle = "T"\r[cover]\rimage = "a.png"\r+++\rBody.\r'
    fm = matter(text)
    assert fm.error is None and fm.data == {"title": "T", "cover": {"image": "a.png"}}
    assert key_at(text, fm, "cover.image") == ((4, 1), 'image = "a.png"')
    broken = matter('+++\rtitle = "T"\rbad = \r+++\rBody.\r')
    assert broken.error is not None and broken.error.line == 3


def test_yaml_front_matter_with_lone_cr_line_ends():
    text = "---\rtitle: T\rcover:\r  image: a.png\r---\rBody.\r"
    fm = matter(text)
    assert fm.error is None and fm.get("cover.image") == "a.png"
    assert key_at(text, fm, "cover.image") == ((4, 3), "image: a.png")


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        (
            "---\ntitle: ok\nbad: value: more\n---\nBody zebra.\n",
            3,
            11,
            "mapping values are not allowed",
        ),
        (
            "---\r\ntitle: ok\r\nbad: value: more\r\n---\r\nBody zebra.\r\n",
            3,
            11,
            "mapping values are not allowed",
        ),
        ("---\ntitle: ok\n- item\n---\nBody zebra.\n", 3, 1, "YAML"),
        ('+++\ntitle = "ok"\nbad = \n+++\nBody zebra.\n', 3, 7, "TOML"),
        ('+++\ntitle = "unterminated\n+++\nBody zebra.\n', 2, 22, "TOML"),
    ],
    ids=["yaml", "yaml-crlf", "yaml-indent", "toml-missing-value", "toml-unterminated"],
)
def test_syntax_errors_are_findings_and_the_body_is_still_linted(zebra, text, line, column, words):
    fm = matter(text)
    assert fm.error is not None and fm.data == {}
    assert words in fm.error.message
    findings = active(run(zebra, text))
    problems = [f for f in findings if f.rule == "file.front-matter"]
    assert [(f.line, f.column, f.severity.value) for f in problems] == [(line, column, "error")]
    body_line = text.replace("\r\n", "\n").split("\n").index("Body zebra.") + 1
    assert [(f.rule, f.line) for f in findings if f.rule == "house.zebra"] == [
        ("house.zebra", body_line)
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("---\n- a\n- b\n---\nzebra\n", "list"),
        ("---\njust a sentence\n---\nzebra\n", "single str value"),
    ],
)
def test_front_matter_that_is_not_a_mapping(zebra, text, kind):
    fm = matter(text)
    assert fm.error is not None and kind in fm.error.message and fm.error.line == 2
    findings = active(run(zebra, text))
    assert sorted(f.rule for f in findings) == ["file.front-matter", "house.zebra"]
    assert parse_document("a.md", text).metadata == {}


def test_an_unterminated_fence_is_reported_and_the_rest_is_body(zebra):
    text = "---\ntitle: never closed\n\nThe zebra ran.\n"
    fm = matter(text)
    assert fm.error is not None and "never closed" in fm.error.message and fm.error.line == 1
    findings = active(run(zebra, text))
    assert [(f.rule, f.line) for f in findings] == [("file.front-matter", 1), ("house.zebra", 4)]


def test_front_matter_is_never_prose(zebra):
    text = "---\ntitle: zebra crossing\nsummary: a zebra\n---\nNo animals here.\n"
    assert [f.rule for f in active(run(zebra, text))] == []
    toml = '+++\ntitle = "zebra"\n+++\nNone here.\n'
    assert [f.rule for f in active(run(zebra, toml))] == []


def test_front_matter_in_plain_text(zebra):
    text = "---\ntitle: zebra\n---\nHeadline\n\nA zebra.\n"
    findings = active(run(zebra, text, "draft.txt"))
    assert [(f.line, f.column) for f in findings] == [(6, 3)]


def test_unsafe_yaml_tags_are_refused():
    fm = matter("---\nx: !!python/object/apply:os.system ['echo hi']\n---\nBody.\n")
    assert fm.error is not None and fm.data == {}


def test_yaml_aliases_do_not_blow_up():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "---\n" + "\n".join(levels) + "\n---\nBody.\n"
    started = time.monotonic()
    fm = matter(text)
    assert time.monotonic() - started < 5
    # Refused by the bounded loader, at the first alias whose expansion goes too far.
    assert fm.error is not None and "refused" in fm.error.message
    assert "more than 100,000 values" in fm.error.message and fm.error.line == 7
