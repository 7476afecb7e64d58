"""The rule packs keep their contract: required ids exist, ids match their files, docs are fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews import docs
from lintnews.checks import builtin_names
from lintnews.ruleset.packs import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(use_cache=False)

# spec/rules.md: pack names and the required starting set of rule ids are a contract.
REQUIRED = [
    "claims.weasel-attribution",
    "claims.vague-source",
    "claims.unsourced-statistic",
    "claims.unattributed-quote",
    "claims.generalization",
    "claims.unattributed-superlative",
    "tense.past-marker-present-verb",
    "tense.mixed-attribution",
    "media.image-credit-missing",
    "media.image-alt-missing",
    "disclosure.affiliate-missing",
    "disclosure.affiliate-placement",
    "disclosure.financial-missing",
    "disclosure.sponsored-unlabeled",
    "dates.vague-time",
    "dates.relative-undated",
    "style.repeated-word",
    "style.unbalanced-quotes",
    "style.long-sentence",
    "style.undefined-acronym",
    "style.clickbait",
    "style.double-space",
]


@pytest.mark.parametrize("rule_id", REQUIRED)
def test_required_rule_exists(rule_id):
    assert RULES.get(rule_id) is not None, f"{rule_id} is required by spec/rules.md"


def test_scored_rules_are_on_by_default():
    for rule in RULES.rules:
        if rule.pack in {"claims", "tense", "media", "disclosure", "dates"}:
            assert rule.enabled, f"{rule.id} is a scored rule and must be on by default"


def test_every_python_check_module_belongs_to_a_rule():
    used = {rule.check_name for rule in RULES.rules if rule.extension == "python"}  # type: ignore[attr-defined]
    orphans = set(builtin_names()) - used
    assert not orphans, f"check modules without a rule file: {sorted(orphans)}"


def test_rule_files_are_where_their_ids_say():
    for rule in RULES.rules:
        path = Path(rule.source)
        assert f"{path.parent.name}.{path.stem}" == rule.id


def test_messages_tell_the_editor_what_to_do():
    for rule in RULES.rules:
        assert (
            len(rule.message) > 30
            and rule.message[0].isalpha()
            or rule.message.startswith(("'", "%", '"'))
        ), rule.id
        assert rule.summary and len(rule.summary) <= 100, rule.id


def test_docs_rules_md_is_generated_from_the_rule_files():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    fresh = docs.reference(RULES.rules)
    assert committed == fresh, (
        "docs/rules.md is stale: run `lintnews rules --format markdown --isolated > docs/rules.md`"
    )


def test_lexicon_lemmas_expand_to_every_form():
    from lintnews.nlp.verbs import inflections, lemma_pattern

    assert {"say", "says", "said"} <= set(inflections("say"))
    assert "saying" not in inflections("say")  # a gerund is not an attribution
    assert {"blurts", "blurted"} <= set(inflections("blurt"))
    import re

    assert re.fullmatch(lemma_pattern("blurt out"), "blurted  out")
    speech = RULES.get("claims.unattributed-quote").options["speech-verbs"]
    assert not any(isinstance(item, dict) for item in speech)  # expanded at load time
