"""Vale compatibility: rule files as Vale writes them, .vale.ini projects, comments, output."""

from __future__ import annotations

import json

import pytest

from tests.clikit import _private_cache, invoke, write  # noqa: F401

AMPM = """
extends: existence
message: Use 'AM' or 'PM' (preceded by a space).
link: https://example.com/ampm
nonword: true
level: error
tokens:
  - '\\d{1,2}[AP]M'
  - '\\d{1,2} ?[ap]m'
"""
WEASEL = """
extends: existence
message: "'%s' is a weasel word!"
ignorecase: true
level: warning
action:
  name: remove
tokens:
  - very
  - really
"""
UTILIZE = """
extends: substitution
message: Consider using '%s' instead of '%s'.
ignorecase: true
level: suggestion
action:
  name: replace
swap:
  utilize: use
  in order to: to
"""
HEADING = """
extends: existence
message: "Don't shout '%s' in a heading."
scope: heading
tokens: [LOUD]
"""
SEQUENCE = """
extends: sequence
message: "'%s' needs a tagger"
tokens:
  - tag: NN
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A Vale project: .vale.ini, styles/House/*.yml, a vocabulary, no lintnews.toml."""
    write(tmp_path / "styles" / "House" / "AMPM.yml", AMPM)
    write(tmp_path / "styles" / "House" / "Weasel.yml", WEASEL)
    write(tmp_path / "styles" / "House" / "Utilize.yml", UTILIZE)
    write(tmp_path / "styles" / "House" / "Heading.yml", HEADING)
    write(tmp_path / "styles" / "config" / "vocabularies" / "Team" / "accept.txt", "JavaScript\n")
    write(tmp_path / "styles" / "config" / "vocabularies" / "Team" / "reject.txt", "web site\n")
    write(
        tmp_path / ".vale.ini",
        """
        StylesPath = styles
        MinAlertLevel = suggestion
        Vocab = Team

        [*.md]
        BasedOnStyles = House
        Vale.Terms = YES
        Vale.Avoid = YES
        """,
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def vale_findings(*args: str) -> list[dict]:
    result = invoke("check", "--format", "json", "--no-cache", *args)
    assert result.exit_code in (0, 1), result.stderr
    ours = {"claims", "dates", "disclosure", "media", "style", "tense", "file", "rule", "lintnews"}
    return [f for f in result.json() if f["rule"].split(".")[0] not in ours]


def test_a_vale_project_runs_with_no_lintnews_config(project):
    write(project / "post.md", '# LOUD news\n\nWe utilize it at 10 am. It is very "very" good.\n')
    found = {(f["rule"], f["line"], f["column"]) for f in vale_findings("post.md")}
    assert ("House.AMPM", 3, 18) in found
    assert ("House.Utilize", 3, 4) in found
    assert ("House.Heading", 1, 3) in found
    # Quoted text is not skipped for Vale rules (Vale's default).
    assert {("House.Weasel", 3, 31), ("House.Weasel", 3, 37)} <= found


def test_levels_and_messages_are_vales(project):
    write(project / "post.md", "We utilize it at 10 am.\n")
    by_rule = {f["rule"]: f for f in vale_findings("post.md")}
    assert by_rule["House.AMPM"]["severity"] == "error"
    assert by_rule["House.Utilize"]["severity"] == "info"  # Vale's "suggestion"
    assert by_rule["House.Utilize"]["message"] == "Consider using 'use' instead of 'utilize'."
    assert by_rule["House.Utilize"]["fix"]["replacement"] == "use"


def test_word_edges_are_vales_word_boundaries(project):
    write(project / "post.md", "Everything is verylarge, not very_large, but very-large.\n")
    columns = [f["column"] for f in vale_findings("post.md") if f["rule"] == "House.Weasel"]
    assert columns == [46]  # \bvery\b: not in "verylarge" or "very_large"


def test_ini_settings_turn_rules_off_and_change_levels(project):
    ini = project / ".vale.ini"
    ini.write_text(ini.read_text() + "House.Weasel = NO\nHouse.AMPM = suggestion\n")
    write(project / "post.md", "It is very good at 10 am.\n")
    by_rule = {f["rule"]: f for f in vale_findings("post.md")}
    assert "House.Weasel" not in by_rule
    assert by_rule["House.AMPM"]["severity"] == "info"


def test_min_alert_level_hides_lower_levels(project):
    write(project / "post.md", "We utilize it at 10 am.\n")
    rules = {f["rule"] for f in vale_findings("post.md", "--min-alert-level", "error")}
    assert rules == {"House.AMPM"}


def test_vocabularies_feed_terms_and_avoid(project):
    write(project / "post.md", "Our web site runs javascript.\n")
    by_rule = {f["rule"]: f for f in vale_findings("post.md")}
    assert by_rule["Vale.Avoid"]["message"] == "Avoid using 'web site'."
    assert by_rule["Vale.Terms"]["message"] == "Use 'JavaScript' instead of 'javascript'."


def test_vale_comments_switch_rules_off_and_on(project):
    write(
        project / "post.md",
        """
        It is very good.

        <!-- vale off -->
        It is very good.
        <!-- vale on -->

        <!-- vale House.Weasel = NO -->
        It is very good at 10 am.
        <!-- vale House.Weasel = YES -->

        <!-- vale House = NO -->
        It is very good at 10 am.
        """,
    )
    found = sorted((f["rule"], f["line"]) for f in vale_findings("post.md"))
    assert found == [("House.AMPM", 8), ("House.Weasel", 1)]


def test_ids_are_matched_case_insensitively_in_config_and_flags(project):
    write(project / "post.md", "It is very good at 10 am.\n")
    rules = {f["rule"] for f in vale_findings("post.md", "--ignore", "house.weasel")}
    assert rules == {"House.AMPM"}


def test_lintnews_config_wins_over_the_ini(project):
    write(project / "lintnews.toml", '[severity]\n"House.Weasel" = "error"\n')
    write(project / "post.md", "It is very good.\n")
    (weasel,) = vale_findings("post.md")
    assert weasel["severity"] == "error"


def test_vale_json_output_has_vales_shape(project):
    write(project / "post.md", "We utilize it.\n")
    result = invoke("check", "--format", "vale", "--no-cache", "--select", "House", "post.md")
    data = json.loads(result.stdout)
    (alert,) = data["post.md"]
    assert alert["Check"] == "House.Utilize"
    assert alert["Line"] == 1 and alert["Span"] == [4, 10]
    assert alert["Severity"] == "suggestion"
    assert alert["Match"] == "utilize"
    assert set(alert) >= {"Action", "Description", "Link", "Message"}


def test_vale_line_output(project):
    write(project / "post.md", "We utilize it.\n")
    result = invoke("check", "--format", "vale-line", "--no-cache", "--select", "House", "post.md")
    assert result.stdout == "post.md:1:4:House.Utilize:Consider using 'use' instead of 'utilize'.\n"


def test_a_bad_house_rule_file_is_a_finding_and_the_rest_still_run(project):
    write(project / "styles" / "House" / "Broken.yml", "extends: existence\ntokens: ['(']\n")
    write(project / "post.md", "It is very good.\n")
    result = invoke("check", "--format", "json", "--no-cache", "post.md")
    rules = {(f["rule"], f["path"].rsplit("/", 1)[-1]) for f in result.json()}
    assert ("rule.invalid", "Broken.yml") in rules
    assert ("House.Weasel", "post.md") in rules
    strict = invoke("check", "--no-cache", "--strict", "post.md")
    assert strict.exit_code == 2 and "Broken.yml" in strict.stderr


def test_unsupported_extension_points_are_said_once(project):
    write(project / "styles" / "House" / "Tagged.yml", SEQUENCE)
    write(project / "a.md", "Text.\n")
    write(project / "b.md", "Text.\n")
    result = invoke("check", "--no-cache", "a.md", "b.md")
    assert result.stderr.count("House.Tagged (sequence") == 1


def test_house_rules_need_only_what_vale_needs(tmp_path, monkeypatch):
    """Listed under ``rules`` (no .vale.ini), a Vale-style file loads unchanged."""
    write(tmp_path / "styles" / "Microsoft" / "AMPM.yml", AMPM)
    write(tmp_path / "lintnews.toml", 'rules = ["styles"]\n')
    write(tmp_path / "post.md", "Call at 10 am.\n")
    monkeypatch.chdir(tmp_path)
    (finding,) = vale_findings("post.md", "--select", "microsoft.ampm")
    assert finding["rule"] == "Microsoft.AMPM" and finding["column"] == 9


def test_builtin_rules_still_require_their_docs(tmp_path):
    from lintnews.ruleset.packs import load_rule_file
    from lintnews.ruleset.rulefile import RuleFileError

    path = write(tmp_path / "claims" / "x.yml", "extends: existence\nmessage: m\ntokens: [x]\n")
    with pytest.raises(RuleFileError, match="summary: this key is required"):
        load_rule_file(path, tmp_path, [], builtin=True)


def test_a_catastrophic_vale_pattern_costs_one_rule_on_one_file(project):
    write(
        project / "styles" / "House" / "Slow.yml",
        "extends: existence\nmessage: x\nnonword: true\ntokens: ['(a|aa)+b']\n",
    )
    write(project / "post.md", "a" * 60 + "!\n\nIt is very good.\n")
    result = invoke("check", "--format", "json", "--no-cache", "post.md")
    rules = [f["rule"] for f in result.json()]
    assert "rule.timeout" in rules and "House.Weasel" in rules


def test_the_readme_vale_project_works_with_no_lintnews_config(tmp_path, monkeypatch):
    """The README's .vale.ini, as written, with small stand-ins for the styles it names."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    (ini,) = [b for b in re.findall(r"```ini\n(.*?)```", readme, re.DOTALL) if ".vale.ini" in b]
    write(tmp_path / ".vale.ini", ini)
    write(tmp_path / "styles" / "Microsoft" / "AMPM.yml", AMPM)
    write(tmp_path / "styles" / "Microsoft" / "Contractions.yml", UTILIZE)
    write(tmp_path / "styles" / "write-good" / "Weasel.yml", WEASEL)
    write(tmp_path / "styles" / "write-good" / "Passive.yml", HEADING)
    write(tmp_path / "styles" / "config" / "vocabularies" / "Newsroom" / "accept.txt", "Acme\n")
    write(
        tmp_path / "drafts" / "post.md", '# LOUD\n\nWe utilize acme at 10 am, very "very" fast.\n'
    )
    monkeypatch.chdir(tmp_path)
    by_rule = {f["rule"]: f for f in vale_findings("drafts")}
    assert "Microsoft.Contractions" not in by_rule  # = NO
    assert by_rule["write-good.Passive"]["severity"] == "warning"  # level set in the ini
    assert by_rule["Vale.Terms"]["message"] == "Use 'Acme' instead of 'acme'."
    assert {"Microsoft.AMPM", "write-good.Weasel"} <= set(by_rule)
