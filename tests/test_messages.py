"""Messages in good English for every template: a/an by sound, counted nouns in the
singular for one, a capital at the start."""

from __future__ import annotations

import re

import pytest

from lintnews.grammar import count, with_article
from lintnews.ruleset.packs import load_rules
from lintnews.ruleset.selection import choose
from lintnews.run.config import Settings
from lintnews.run.runner import Linter
from lintnews.selftest import unmark

from .clikit import _private_cache, invoke, write  # noqa: F401


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Amazon Associates link", "an Amazon Associates link"),
        ("Impact link", "an Impact link"),
        ("Binance referral link", "a Binance referral link"),
        ("FTC filing", "an FTC filing"),
        ("SEC filing", "an SEC filing"),
        ("URL", "a URL"),
        ("NATO report", "a NATO report"),
        ("hour", "an hour"),
        ("user", "a user"),
        ("one-off", "a one-off"),
        ("eBay link", "an eBay link"),
    ],
)
def test_articles_follow_the_sound(phrase, expected):
    assert with_article(phrase) == expected


def test_counted_nouns():
    assert [count(1, "entry"), count(2, "entry"), count(1, "file"), count(3, "fix")] == [
        "1 entry",
        "2 entries",
        "1 file",
        "3 fixes",
    ]
    assert count(1200, "file") == "1,200 files"


def every_message() -> list[tuple[str, str]]:
    rules = load_rules(use_cache=False)
    out = []
    for rule in rules.rules:
        for example in rule.examples:
            if example.verdict != "bad":
                continue
            text, _ = unmark(example.text)
            engine = Linter(
                choose([rule], [rule.id], options={rule.id: dict(example.options)}),
                Settings(),
                tuple(rules.ids),
            )
            path = "e.txt" if example.format == "text" else "e.md"
            out += [
                (rule.id, f.message)
                for f in engine.lint_text(path, text).findings
                if f.rule == rule.id
            ]
    return out


MESSAGES = every_message()


def test_every_rule_example_produced_messages():
    assert len({rule for rule, _ in MESSAGES}) >= 20


@pytest.mark.parametrize(
    ("rule", "message"), MESSAGES, ids=[f"{r}:{i}" for i, (r, _) in enumerate(MESSAGES)]
)
def test_messages_read_as_english(rule, message):
    assert message[:1].isupper() or message[:1] in "'\"“‘", message
    for article, word in re.findall(r"\b([Aa]n?) ([\w'][\w-]*)", message):
        if word.startswith("'"):
            continue  # a quoted phrase: the article belongs to the quote, not to us
        assert with_article(word).split()[0] == article.lower(), message
    assert not re.search(r"\b1 (?:times|files|findings|words|entries|rules|links)\b", message)
    # a link network's name always gets an article ("earns from an Impact link")
    assert not re.search(r"(?:from|for|by) [A-Z][\w.]*(?: [A-Z][\w.]*)* link\b", message), message


def test_affiliate_messages_name_the_link_with_an_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "deal.md",
        "# Deal\n\nBuy the [lamp](https://www.amazon.com/dp/B0X?tag=site-20).\n",
    )
    result = invoke("check", "--no-cache", "--format", "json", "--select", "disclosure", "deal.md")
    messages = [f["message"] for f in result.json()]
    assert any("earns from an Amazon" in m for m in messages), messages


def test_junit_counts_one_file_in_the_singular(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "clean.md", "It happened on May 3.\n")
    result = invoke("check", "--no-cache", "--format", "junit", "--select", "dates", "clean.md")
    assert "1 of 1 file has no findings." in result.stdout


def test_the_rule_reference_counts_one_entry_in_the_singular():
    from lintnews.docs import option_value

    assert option_value(["a" * 50]) == "a list of 1 entry (see the rule file)"
    assert option_value(["a" * 50, "b"]) == "a list of 2 entries (see the rule file)"
