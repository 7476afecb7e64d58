"""Every "stays silent on" case of spec/rules.md, each beside a twin that must fire.

The twins keep the traps honest: a rule that never fires would pass a silence test, so
each trap comes with the nearest wording the rule must still catch.
"""

from __future__ import annotations

import pytest

from lintnews.ruleset.packs import load_rules

from .helpers import lint

RULES = load_rules(use_cache=False)
DATED = "---\ntitle: Test\ndate: 2025-03-04\n---\n"

# (rule, text that must stay silent, text that must fire)
TRAPS = [
    # claims.weasel-attribution
    (
        "claims.weasel-attribution",
        "Jane Roe, a privacy advocate, said the plan goes too far.",
        "Some privacy advocates claim the plan goes too far.",
    ),
    (
        "claims.weasel-attribution",
        '"Critics argue this is unworkable," the mayor said.',
        "Critics argue this is unworkable.",
    ),
    (
        "claims.weasel-attribution",
        "Experts believe, according to a [Pew survey](https://pew.example/s), that rates will fall.",
        "Experts believe that rates will fall.",
    ),
    # claims.vague-source
    (
        "claims.vague-source",
        "A 2024 Pew Research Center study found that most adults read news on phones.",
        "A recent study found that most adults read news on phones.",
    ),
    (
        "claims.vague-source",
        "Studies [show](https://journal.example/paper) that naps help memory.",
        "Studies show that naps help memory.",
    ),
    # claims.unsourced-statistic
    (
        "claims.unsourced-statistic",
        "The desk is $389.99, down from $549.99, a 29% discount.",
        "About 29% of office workers use a standing desk.",
    ),
    (
        "claims.unsourced-statistic",
        "She was 41 when she opened the cafe in 2019.",
        "Roughly 41% of cafes close within three years.",
    ),
    (
        "claims.unsourced-statistic",
        "The chip runs at 3.8GHz and draws 45 watts; it scored 9 out of 10 in our test.",
        "Nine out of 10 laptop buyers never upgrade their chip.",
    ),
    (
        "claims.unsourced-statistic",
        "The Gulls won 3-1 and sit fourth on 24 points.",
        "Two-thirds of fans renewed their season tickets.",
    ),
    (
        "claims.unsourced-statistic",
        '"About 40% of what we see is a dead battery," she says.',
        "About 40% of what repair cafes see is a dead battery.",
    ),
    (
        "claims.unsourced-statistic",
        "# 3 weeks, $2.9 billion\n\nThe funds kept losing money.",
        "The funds lost $2.9 billion in three weeks.",
    ),
    # claims.unattributed-quote
    (
        "claims.unattributed-quote",
        'In a statement, the group says:\n\n"We will keep fighting this bill in every committee that hears it."',
        'The group met on Tuesday.\n\n"We will keep fighting this bill in every committee that hears it."',
    ),
    (
        "claims.unattributed-quote",
        'The so-called "efficiency island" cores handle background tasks.',
        'The cores handle background tasks. "Nobody will ever notice the battery drain again, not even power users."',
    ),
    # claims.generalization
    (
        "claims.generalization",
        '"Everyone knows the east side floods," said Mayor Tsai.',
        "Everyone knows the east side floods.",
    ),
    (
        "claims.generalization",
        "Most people skip breakfast, according to a [2023 survey](https://survey.example).",
        "Most people skip breakfast.",
    ),
    # claims.unattributed-superlative
    (
        "claims.unattributed-superlative",
        '"It is the best job I have ever had," she says.',
        "It is the best job a journalist can have, period.",
    ),
    (
        "claims.unattributed-superlative",
        "Best Buy still has stock at the same price.",
        "It is the best deal you can buy this week.",
    ),
    (
        "claims.unattributed-superlative",
        "Lumora calls the Halo Bar revolutionary.",
        "The Halo Bar is revolutionary.",
    ),
    # tense.past-marker-present-verb
    (
        "tense.past-marker-present-verb",
        "# Amazon Declares War on Returns\n\nAmazon said on Wednesday it would charge for returns.",
        "On Wednesday, Amazon declares that it will charge for returns.",
    ),
    (
        "tense.past-marker-present-verb",
        '"Yesterday the board approves everything," she said.',
        "Yesterday the board approves the budget.",
    ),
    (
        "tense.past-marker-present-verb",
        "On Friday, the court will rule on the appeal.",
        "Last Friday, the court rules on the appeal.",
    ),
    # tense.mixed-attribution
    (
        "tense.mixed-attribution",
        "Varga said the cafe was full. Lin said it closed at six. Tsai said nothing.",
        "Varga said the cafe was full. Lin said it closed at six. Tsai says the vote was fair.",
    ),
    (
        "tense.mixed-attribution",
        'Varga said the cafe was full. "My grandfather says fix it," Lin said.',
        "Varga said the cafe was full. Lin said it closed. Varga says she is tired. Ruiz said no.",
    ),
    # media.image-credit-missing
    (
        "media.image-credit-missing",
        "![A pier at dusk](/img/pier.jpg)\nPhoto: Ravi Anand / Harbor Courier",
        "![A pier at dusk](/img/pier.jpg)\n\nThe pier reopens in May.",
    ),
    (
        "media.image-credit-missing",
        '<figure><img src="/p.jpg" alt="A pier"><figcaption>The pier. Photo: Ravi Anand</figcaption></figure>',
        '<figure><img src="/p.jpg" alt="A pier"><figcaption>The pier at dusk.</figcaption></figure>',
    ),
    (
        "media.image-credit-missing",
        "---\nimage: /img/hero.jpg\nimage_credit: Ravi Anand\n---\nText.",
        "---\nimage: /img/hero.jpg\n---\nText.",
    ),
    (
        "media.image-credit-missing",
        "---\nimage: /img/hero.jpg\n---\nText.\n\nImage courtesy of Franck V./Unsplash",
        "---\nimage: /img/hero.jpg\n---\nText.\n\nThanks for reading.",
    ),
    # media.image-alt-missing
    (
        "media.image-alt-missing",
        '<img src="/divider.svg" alt="" role="presentation">',
        '<img src="/divider.svg" alt="">',
    ),
    # disclosure.affiliate-missing / placement
    (
        "disclosure.affiliate-missing",
        "*We may earn a commission from links on this page.*\n\nBuy it at [Amazon](https://www.amazon.com/dp/B0X?tag=x-20).",
        "Buy it at [Amazon](https://www.amazon.com/dp/B0X?tag=x-20).",
    ),
    (
        "disclosure.affiliate-placement",
        "Buy it at [Amazon](https://www.amazon.com/dp/B0X?tag=x-20) (we earn a commission on sales).",
        "Buy it at [Amazon](https://www.amazon.com/dp/B0X?tag=x-20).\n\nMore text.\n\nWe earn a commission on sales.",
    ),
    # disclosure.financial-missing
    (
        "disclosure.financial-missing",
        "Bitcoin fell 4.3% on Friday, and bitcoin funds lost $1.2 billion, according to Cairnstone.",
        "Bitcoin fell 4.3% on Friday. Now is the time to buy bitcoin.",
    ),
    # disclosure.sponsored-unlabeled
    (
        "disclosure.sponsored-unlabeled",
        "---\ntitle: 'Sponsored: Heating tips'\nsponsored: true\n---\nFive tips.",
        "---\ntitle: Heating tips\nsponsored: true\n---\nFive tips.",
    ),
    (
        "disclosure.sponsored-unlabeled",
        "Halvern launched its fund in partnership with Stonebridge Trust.",
        "This guide was produced in partnership with Stonebridge Trust.\n\nHere are five funds.",
    ),
    # dates.vague-time
    (
        "dates.vague-time",
        '"We had recent storms twice," the mayor said.',
        "The city had storms recently.",
    ),
    (
        "dates.vague-time",
        "Run `git log --since=recently` or see [notes](https://x.example/recently-added).",
        "The notes were recently added.",
    ),
    # dates.relative-undated
    ("dates.relative-undated", DATED + "The sale ends tomorrow.", "The sale ends tomorrow."),
    (
        "dates.relative-undated",
        "HARBOR CITY, March 4, 2025 — The council voted yesterday.",
        "The council voted yesterday.",
    ),
]

NEVER_PROSE = [
    ("dates.vague-time", "```\nrecently\n```"),
    ("dates.vague-time", "<!-- recently -->"),
    ("dates.vague-time", "---\ndescription: recently updated\n---\nText."),
    ("dates.vague-time", "See https://example.com/recently-changed for details."),
]


@pytest.mark.parametrize(
    ("rule_id", "silent", "fires"), TRAPS, ids=[f"{t[0]}-{i}" for i, t in enumerate(TRAPS)]
)
def test_trap_stays_silent_and_its_twin_fires(rule_id, silent, fires):
    path = "trap.md"
    assert [f.message for f in lint(silent, RULES, [rule_id], path) if f.rule == rule_id] == []
    assert [f for f in lint(fires, RULES, [rule_id], path) if f.rule == rule_id], (
        f"{rule_id} missed: {fires!r}"
    )


@pytest.mark.parametrize(
    ("rule_id", "text"), NEVER_PROSE, ids=["code", "comment", "front-matter", "url"]
)
def test_code_comments_front_matter_and_urls_are_never_prose(rule_id, text):
    assert [f for f in lint(text, RULES, [rule_id]) if f.rule == rule_id] == []
