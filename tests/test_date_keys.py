"""The date the site generator would use: the config's ``date-keys`` (in the generator's
order), Jekyll's dated file names and Hugo's dated page-bundle folders."""

from __future__ import annotations

import pytest

from lintnews.parse import parse_document

from .clikit import _private_cache, invoke, write  # noqa: F401

BODY = "The count ends tomorrow.\n"
RULE = "dates.relative-undated"


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("content/posts/2024-05-01-council-vote/index.md", "the page bundle's folder name"),
        ("content/posts/2024-05-01-council-vote/_index.md", "the page bundle's folder name"),
        ("_posts/2024-05-01-council-vote.md", "the file name"),
        ("content/posts/council-vote/index.md", None),
        ("content/2024-05-01-notes/drafts/index.md", None),  # a dated folder further up
    ],
)
def test_generators_date_a_post_by_its_path(path, source):
    assert parse_document(path, BODY).date_source == source


def test_astro_pub_date_dates_a_post():
    doc = parse_document("src/content/blog/vote.md", f"---\npubDate: 2024-05-01\n---\n{BODY}")
    assert doc.date_source == "front matter 'pubDate'"


def test_date_keys_name_the_generators_keys_in_order():
    text = f"---\nlastmod: 2024-06-01\nfirst_published: 2024-05-01\n---\n{BODY}"
    default = parse_document("a.md", text)
    assert default.date_source == "front matter 'lastmod'"
    custom = parse_document("a.md", text, date_keys=("first_published", "lastmod"))
    assert custom.date_source == "front matter 'first_published'"
    assert parse_document("a.md", text, date_keys=("date",)).date_source is None


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "post.md", f"---\nfirst_published: 2024-05-01\n---\n{BODY}")
    return tmp_path


def found(*args: str) -> list[str]:
    result = invoke("check", "--no-cache", "--format", "json", "--select", RULE, *args)
    assert result.exit_code in (0, 1), result.stderr
    return [f["rule"] for f in result.json()]


def test_date_keys_in_config_date_the_draft(site):
    assert found("post.md") == [RULE]  # not a key lintnews knows
    write(site / "lintnews.toml", 'date-keys = ["first_published", "date"]\n')
    assert found("post.md") == []


def test_date_keys_replace_the_built_in_list(site):
    write(site / "other.md", f"---\ndate: 2024-05-01\n---\n{BODY}")
    write(site / "lintnews.toml", 'date-keys = ["first_published"]\n')
    assert found("other.md") == [RULE]


def test_empty_date_keys_is_a_config_error(site):
    write(site / "lintnews.toml", "date-keys = []\n")
    result = invoke("check", "--no-cache", "post.md")
    assert result.exit_code == 2 and "lintnews.toml:1: date-keys:" in result.stderr
