"""`lintnews test-rules`: a house pack's examples are checked like the built-in ones."""

from __future__ import annotations

import pytest

from .clikit import _private_cache, invoke, write  # noqa: F401

HOUSE = """
extends: existence
message: "'%s' is a cliché."
level: warning
summary: Tired phrases.
description: Phrases every editor cuts.
ignorecase: true
tokens: [game changer, at the end of the day]
examples:
  bad:
    - "It is a ⟦game changer⟧."
    - "⟦At the end⟧ of the day, it works."
    - "A paradigm shift."
  good:
    - "It works."
    - "A game changer, they said."
"""


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "lintnews.toml", 'rules = ["styles"]\n')
    write(tmp_path / "styles" / "house" / "cliches.yml", HOUSE)
    return tmp_path


def test_built_in_packs_pass():
    result = invoke("test-rules", "--isolated")
    assert result.exit_code == 0, result.stdout
    assert "all behave as written" in result.stdout
    assert "Ran " in result.stdout


def test_house_examples_that_misbehave_are_each_reported(site):
    result = invoke("test-rules")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if ": house.cliches: " in line]
    assert len(lines) == 3, result.stdout
    assert "bad example 2 should flag 'At the end' but flags 'At the end of the day'" in lines[0]
    assert "bad example 3 does not fire: 'A paradigm shift.'" in lines[1]
    assert "good example 2 should be silent but flags 'game changer'" in lines[2]
    assert lines[0].startswith(str(site / "styles" / "house" / "cliches.yml"))
    assert "3 did not behave as written" in result.stdout


def test_the_ids_narrow_the_run(site):
    result = invoke("test-rules", "dates.vague-time")
    assert result.exit_code == 0
    assert "of 1 rule:" in result.stdout


def test_an_id_that_names_nothing_is_a_usage_error(site):
    result = invoke("test-rules", "nope")
    assert result.exit_code == 2 and "no loaded rule matches nope" in result.stderr
