"""Every example of every rule is a test: bad examples must fire (at the marked span), good
examples must stay silent. The examples are also the rule reference in docs/rules.md."""

from __future__ import annotations

import pytest

from lintnews.ruleset.packs import load_rules

from .helpers import lint, unmark

RULES = load_rules(use_cache=False)
CASES = [
    pytest.param(rule.id, example, id=f"{rule.id}:{example.verdict}:{index}")
    for rule in RULES.rules
    for index, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule_id", "example"), CASES)
def test_example(rule_id, example):
    text, marks = unmark(example.text)
    path = "example.txt" if example.format == "text" else "example.md"
    options = {rule_id: example.options} if example.options else None
    findings = [f for f in lint(text, RULES, [rule_id], path, options) if f.rule == rule_id]
    if example.verdict == "good":
        assert findings == [], f"{rule_id} fired on a good example: {[f.message for f in findings]}"
        return
    assert findings, f"{rule_id} did not fire on a bad example:\n{text}"
    got = {(f.start, f.end) for f in findings}
    for start, end in marks:
        assert (start, end) in got, (
            f"{rule_id} should flag {text[start:end]!r}; it flagged "
            f"{[text[s:e] for s, e in sorted(got)]}"
        )


def test_every_rule_has_examples_of_both_kinds():
    for rule in RULES.rules:
        verdicts = {example.verdict for example in rule.examples}
        assert verdicts == {"bad", "good"}, rule.id


@pytest.mark.parametrize(
    "rule",
    [r for r in RULES.rules if r.pack in {"claims", "tense", "media", "disclosure", "dates"}],
    ids=lambda r: r.id,
)
def test_scored_rules_document_three_bad_and_three_good(rule):
    bad = [e for e in rule.examples if e.verdict == "bad"]
    good = [e for e in rule.examples if e.verdict == "good"]
    assert len(bad) >= 3 and len(good) >= 3, f"{rule.id}: {len(bad)} bad, {len(good)} good examples"
