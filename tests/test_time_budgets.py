"""Every pattern and every check runs under a time budget; one place decides trust.

A pathological pattern (from a rule file or a config option, whichever option it is) or a
check that never finishes costs one rule on one file a bounded time: a ``rule.timeout``
finding, while the other rules still report.
"""

from __future__ import annotations

import re

import pytest

from lintnews.ruleset.packs import load_rules
from lintnews.ruleset.patterns import TimedPattern, compile_pattern, is_trusted
from lintnews.ruleset.rulefile import RuleFileError

from .clikit import _private_cache, spawn, write  # noqa: F401
from .house import ruleset, run, write_rule
from .test_extensions import install_plugin

SLOW = "(?:a|aa)+b"  # exponential on a run of a's with no b
DRAFT = "Experts say the plan " + "a" * 34 + " will fail. It happened recently.\n"


def test_trust_is_decided_in_one_place():
    assert is_trusted(True)
    assert not is_trusted(False)
    assert not is_trusted(True, {"speech-verbs"})  # any option set by the user
    assert is_trusted(True, {"accept"}, keys=["speech-verbs"])  # not the one the pattern uses
    assert not is_trusted(True, {"speech-verbs"}, keys=["speech-verbs", "first-party"])
    assert isinstance(compile_pattern("said", True, trusted=True), re.Pattern)
    assert isinstance(compile_pattern("said", True, trusted=False), TimedPattern)


@pytest.mark.parametrize(
    ("rule", "option"),
    [
        ("claims.weasel-attribution", "speech-verbs"),  # ran 23.7 s untimed before
        ("claims.weasel-attribution", "impersonal"),
        ("claims.generalization", "stock-phrases"),
    ],
)
def test_a_catastrophic_option_pattern_times_out_and_the_run_goes_on(tmp_path, rule, option):
    write(
        tmp_path / "lintnews.toml",
        f'regex-timeout = 0.2\n[options."{rule}"]\n"{option}" = ["{SLOW}", "says"]\n',
    )
    write(tmp_path / "post.md", DRAFT)
    result = spawn("check", "--no-cache", "--format", "json", "post.md", cwd=tmp_path)
    findings = result.json()
    # Without a budget this pattern runs for minutes and the run reports no timeout.
    timeouts = [f["message"] for f in findings if f["rule"] == "rule.timeout"]
    assert any(f"rule {rule} took longer than 0.2s" in m for m in timeouts), timeouts
    assert any(f["rule"] == "dates.vague-time" for f in findings)  # other rules still ran


def test_a_check_that_never_finishes_costs_one_rule_on_one_file(tmp_path, monkeypatch):
    from lintnews.run.config import Settings

    install_plugin(
        tmp_path,
        monkeypatch,
        "spin.forever",
        "def check(doc, rule, ctx):\n"
        "    while True:\n"
        "        try:\n"
        "            sum(range(1000))\n"
        "        except Exception:\n"  # a check's own broad handler cannot swallow the limit
        "            pass\n"
        "    yield\n",
    )
    write_rule(
        tmp_path / "rules", "house.spin", "extends: python\ncheck: spin.forever\nmessage: x\n"
    )
    write_rule(
        tmp_path / "rules", "house.zebra", "extends: existence\nmessage: x\ntokens: [zebra]\n"
    )
    rules = ruleset(tmp_path / "rules", "house.spin", "house.zebra")
    result = run(rules, "A zebra.\n", settings=Settings(regex_timeout=0.1))  # 1 s of CPU
    assert sorted(f.rule for f in result.findings) == ["house.zebra", "rule.timeout"]
    timeout = next(f for f in result.findings if f.rule == "rule.timeout")
    assert "house.spin" in timeout.message and "CPU" in timeout.message


@pytest.mark.parametrize("key", ["scope: heading", "quotes: only"])
def test_scope_and_quotes_on_a_python_rule_are_rejected_with_the_line(tmp_path, key):
    write_rule(
        tmp_path / "rules",
        "house.caps",
        f"extends: python\ncheck: style.double-space\nmessage: x\n{key}\n",
    )
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path / "rules"], use_cache=False, strict=True)
    name = key.split(":")[0]
    assert caught.value.key == name and caught.value.line == 4
    assert "does not apply to 'extends: python'" in str(caught.value)
