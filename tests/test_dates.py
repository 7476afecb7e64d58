"""What dates a draft for ``dates.relative-undated``: front matter under common keys, a
dated file name, a date line in the text."""

from __future__ import annotations

import pytest

from lintnews.parse import parse_document

from .helpers import lint

BODY = "The council votes on Friday, and the count ends tomorrow.\n"


@pytest.mark.parametrize(
    "path",
    ["_posts/2024-05-01-council-vote.md", "blog/2021/03/14/council.md", "2019-12-31-notes.md"],
)
def test_a_dated_file_name_dates_the_draft(ruleset, path):
    assert lint(BODY, ruleset, select=["dates.relative-undated"], path=path) == []


@pytest.mark.parametrize("key", ["date", "lastmod", "pubDate", "published_at", "created"])
def test_common_front_matter_keys_date_the_draft(ruleset, key):
    text = f"---\ntitle: Vote\n{key}: 2024-05-01\n---\n\n{BODY}"
    assert lint(text, ruleset, select=["dates.relative-undated"]) == []


def test_undated_draft_is_reported_at_each_reference(ruleset):
    found = lint(BODY, ruleset, select=["dates.relative-undated"], path="posts/council-vote.md")
    assert [f.rule for f in found] == ["dates.relative-undated"] * 2


def test_date_source_names_what_dated_it():
    assert parse_document("_posts/2024-05-01-x.md", BODY).date_source == "the file name"
    doc = parse_document("x.md", "---\nupdated: 2020-09-03\n---\n\n" + BODY)
    assert doc.date_source == "front matter 'updated'"
    # a key that holds no date is no date
    assert parse_document("x.md", "---\ndate: soon\n---\n\n" + BODY).date_source is None
