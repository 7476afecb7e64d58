"""Which rules run, from tables (as flake8 tests its option handling): ids, pack names and
globs in select/extend-select/ignore, severity by specificity, options merged by specificity."""

from __future__ import annotations

import pytest

from lintnews.extensions.base import Rule
from lintnews.model import Severity
from lintnews.ruleset.selection import choose, matches, specificity


def rule(
    rule_id: str,
    severity: str = "warning",
    enabled: bool = True,
    aliases: tuple[str, ...] = (),
    **options,
) -> Rule:
    return Rule(
        id=rule_id,
        extension="existence",
        severity=Severity(severity),
        message="m",
        description="d",
        enabled=enabled,
        aliases=aliases,
        options=dict(options),
    )


RULES = [
    rule("claims.vague-source"),
    rule("claims.weasel-attribution", aliases=("claims.weasel-words",)),
    rule("dates.vague-time"),
    rule("style.repeated-word", "info"),
    rule("style.double-space", "info", enabled=False),
]


@pytest.mark.parametrize(
    ("pattern", "rule_id", "expected"),
    [
        ("claims", "claims.vague-source", True),
        ("claims", "claimsx.vague-source", False),
        ("claim", "claims.vague-source", False),
        ("claims.*", "claims.vague-source", True),
        ("claims.vague-*", "claims.vague-source", True),
        ("*.vague-*", "dates.vague-time", True),
        ("claims.vague-source", "claims.vague-source", True),
        ("claims.vague", "claims.vague-source", False),
        ("dates.vague-tim?", "dates.vague-time", True),
        ("[cd]*", "dates.vague-time", True),
        (
            "Claims",
            "claims.vague-source",
            True,
        ),  # ids are matched case-insensitively (Vale ids: Style.Rule)
    ],
)
def test_matches(pattern, rule_id, expected):
    assert matches(pattern, rule_id) is expected


def test_matches_aliases():
    assert matches("claims.weasel-words", "claims.weasel-attribution", ("claims.weasel-words",))


def test_specificity_orders_pack_glob_id():
    assert specificity("claims") < specificity("claims.*") < specificity("claims.vague-source")


def ids(chosen: list[Rule]) -> list[str]:
    return [r.id for r in chosen]


@pytest.mark.parametrize(
    ("select", "extend", "ignore", "expected"),
    [
        (
            None,
            [],
            [],
            [
                "claims.vague-source",
                "claims.weasel-attribution",
                "dates.vague-time",
                "style.repeated-word",
            ],
        ),
        (["claims"], [], [], ["claims.vague-source", "claims.weasel-attribution"]),
        (
            ["claims.*", "dates.vague-time"],
            [],
            ["claims.vague-*"],
            ["claims.weasel-attribution", "dates.vague-time"],
        ),
        (
            ["style"],
            [],
            [],
            ["style.double-space", "style.repeated-word"],
        ),  # select turns disabled rules on
        (
            None,
            ["style.double-space"],
            [],
            [
                "claims.vague-source",
                "claims.weasel-attribution",
                "dates.vague-time",
                "style.double-space",
                "style.repeated-word",
            ],
        ),
        (["dates"], ["claims.weasel-words"], [], ["claims.weasel-attribution", "dates.vague-time"]),
        (None, [], ["claims", "style.*"], ["dates.vague-time"]),
        (["dates"], [], ["dates"], []),  # ignore wins over select
        ([], [], [], []),
    ],
)
def test_choose(select, extend, ignore, expected):
    assert sorted(ids(choose(RULES, select, extend, ignore))) == expected


def test_severity_by_specificity_regardless_of_order():
    table = {"claims.vague-source": "error", "claims.*": "info", "claims": "warning"}
    chosen = {r.id: r.severity for r in choose(RULES, ["claims"], severity=table)}
    assert chosen == {
        "claims.vague-source": Severity.ERROR,
        "claims.weasel-attribution": Severity.INFO,
    }
    reversed_table = dict(reversed(list(table.items())))
    assert {r.id: r.severity for r in choose(RULES, ["claims"], severity=reversed_table)} == chosen


def test_severity_suggestion_means_info_and_unlisted_rules_keep_theirs():
    chosen = {r.id: r.severity for r in choose(RULES, None, severity={"dates": "suggestion"})}
    assert chosen["dates.vague-time"] is Severity.INFO
    assert chosen["claims.vague-source"] is Severity.WARNING
    assert chosen["style.repeated-word"] is Severity.INFO


def test_choose_does_not_change_the_loaded_rules():
    choose(RULES, None, severity={"claims": "error"}, options={"claims": {"x": 1}})
    assert RULES[0].severity is Severity.WARNING and RULES[0].options == {}


def test_options_merge_pack_then_glob_then_id_and_reach_only_rules_that_have_them():
    rules = [
        rule("disclosure.affiliate-missing", accept=[], hosts=[]),
        rule("disclosure.sponsored-unlabeled", accept=[]),
    ]
    table = {
        "disclosure.affiliate-missing": {"accept": ["id-level"]},
        "disclosure": {"accept": ["pack-level"], "hosts": ["pack.example"]},
        "disclosure.*": {"hosts": ["glob.example"]},
    }
    chosen = {r.id: r.options for r in choose(rules, None, options=table)}
    assert chosen["disclosure.affiliate-missing"] == {
        "accept": ["id-level"],
        "hosts": ["glob.example"],
    }
    assert chosen["disclosure.sponsored-unlabeled"] == {"accept": ["pack-level"]}
