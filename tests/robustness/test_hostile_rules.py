"""House rules and config written by someone hostile or careless: catastrophic patterns are
stopped by the regex timeout, rule files are loaded safely and can never run code from the
content repository, and invalid files stop the run with file, line, key and allowed values."""

from __future__ import annotations

import sys
import textwrap

import pytest

from .kit import VAGUE, assert_witness, check, check_json, spawn, witness

CATASTROPHIC = "(a|aa)+b"  # regex does not optimise this one away: ~1.6**n steps on n "a"s
RUN = "a" * 60


def _house(tmp_path, body: str, name: str = "bad", timeout: float = 0.2) -> None:
    """styles/house/<name>.yml plus a config that adds the folder and sets the timeout."""
    folder = tmp_path / "styles" / "house"
    folder.mkdir(parents=True, exist_ok=True)
    text = textwrap.dedent(body).strip() + "\n"
    for key, value in (
        ("summary", "A house rule."),
        ("description", "Written by a test."),
        ("message", "'%s'"),
    ):
        if f"{key}:" not in text:
            text += f'{key}: "{value}"\n'
    if "examples:" not in text:
        text += "examples:\n  bad: [x]\n  good: [y]\n"
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text(
        f'rules = ["styles"]\nregex-timeout = {timeout}\n', encoding="utf-8"
    )


def _drafts(tmp_path):
    docs = tmp_path / "docs"
    witness(docs)
    (docs / "evil.md").write_text(
        f"We recently met.\n\n{RUN}\n\nAnd [a link](https://example.com/{RUN}).\n", encoding="utf-8"
    )
    (docs / "evil2.md").write_text(f"{RUN} {RUN}\n", encoding="utf-8")


HOSTILE = {
    "token": f"""
        extends: existence
        nonword: true
        tokens: ['{CATASTROPHIC}']
        """,
    "exception": f"""
        extends: existence
        nonword: true
        tokens: ['a+']
        exceptions: ['{CATASTROPHIC}']
        """,
    "swap": f"""
        extends: substitution
        nonword: true
        swap:
          '{CATASTROPHIC}': b
        """,
    "link-path": f"""
        extends: requirement
        trigger:
          links:
            - name: evil
              host: example\\.com
              path: '/{CATASTROPHIC}'
        require:
          tokens: [disclosed]
        """,
}


@pytest.mark.parametrize("where", list(HOSTILE))
def test_a_catastrophic_pattern_is_stopped_and_reported_once_per_file(tmp_path, where):
    _house(tmp_path, HOSTILE[where])
    _drafts(tmp_path)
    result = check_json("docs", select=("house.bad", VAGUE), isolated=False)
    timeouts = result.findings(rule="rule.timeout")
    assert [f["path"] for f in timeouts] == (
        ["docs/evil.md"] if where == "link-path" else ["docs/evil.md", "docs/evil2.md"]
    )
    for finding in timeouts:
        assert finding["severity"] == "error"
        assert "house.bad" in finding["message"] and "0.2s" in finding["message"]
        assert "bad.yml" in finding["message"]  # which file to fix
    assert [(f["line"], f["column"]) for f in result.findings("docs/evil.md", VAGUE)] == [(1, 4)]
    assert_witness(result, "docs/witness.md")
    for finding in timeouts:  # the rule was skipped on that file: nothing half-done is reported
        assert result.findings(finding["path"], "house.bad") == []
    assert result.exit_code == 1


def test_the_timeout_is_configurable(tmp_path):
    _house(tmp_path, HOSTILE["token"], timeout=0.05)
    _drafts(tmp_path)
    result = check_json("docs", select=("house.bad",), isolated=False)
    assert all("0.05s" in f["message"] for f in result.findings(rule="rule.timeout"))
    (tmp_path / "lintnews.toml").write_text(
        'rules = ["styles"]\nregex-timeout = 0\n', encoding="utf-8"
    )
    bad = check("docs", isolated=False)
    assert bad.exit_code == 2 and "regex-timeout" in bad.stderr and "lintnews.toml:2" in bad.stderr


def test_rule_files_are_loaded_with_the_safe_loader(tmp_path):
    marker = tmp_path / "PWNED"
    _house(
        tmp_path,
        f"""
        extends: existence
        tokens: [x]
        message: !!python/object/apply:os.system ["touch {marker}"]
        """,
    )
    witness(tmp_path / "docs")
    # --strict: the CI choice that stops on a bad house rule (by default it is a finding)
    result = check("--strict", "docs", isolated=False)
    assert result.exit_code == 2
    assert "styles/house/bad.yml:3" in result.stderr and "python/object" in result.stderr
    assert not marker.exists()


def test_an_unknown_python_check_is_an_error_naming_file_line_and_key(tmp_path):
    _house(
        tmp_path,
        """
        extends: python
        summary: A house rule.
        check: no-such-check
        """,
    )
    witness(tmp_path / "docs")
    # --strict: the CI choice that stops on a bad house rule (by default it is a finding)
    result = check("--strict", "docs", isolated=False)
    assert result.exit_code == 2
    assert "styles/house/bad.yml:3: check: no check named 'no-such-check'" in result.stderr
    assert "lintnews.checks" in result.stderr  # where a real check must come from


@pytest.mark.parametrize("name", ["mymodule:run", "mymodule.run", "styles.mymodule:run"])
def test_a_check_can_never_import_code_from_the_content_repo(tmp_path, name):
    marker = tmp_path / "IMPORTED"
    code = f"open({str(marker)!r}, 'w').write('ran')\ndef run(doc, rule, ctx):\n    return []\n"
    (tmp_path / "mymodule.py").write_text(code, encoding="utf-8")
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "mymodule.py").write_text(code, encoding="utf-8")
    _house(
        tmp_path,
        f"""
        extends: python
        check: "{name}"
        """,
    )
    witness(tmp_path / "docs")
    # --strict: the CI choice that stops on a bad house rule (by default it is a finding)
    result = check("--strict", "docs", isolated=False)
    assert result.exit_code == 2
    assert f"bad.yml:2: check: no check named '{name}'" in result.stderr
    assert not marker.exists()
    assert "mymodule" not in sys.modules


COMPLETE = 'message: "x"\nsummary: s\ndescription: d\nexamples:\n  bad: [x]\n  good: [y]\n'
INVALID = {
    # name: (rule file, line, key, words that must be in the message)
    "extends": (
        "extends: existance\ntokens: [x]\n",
        1,
        "extends",
        ["existence, substitution", "python"],
    ),
    "level": (
        "extends: existence\ntokens: [x]\nlevel: fatal\n",
        3,
        "level",
        ["'error'", "'suggestion'", "fatal"],
    ),
    "unknown-key": (
        "extends: existence\ntokenz: [x]\n",
        2,
        "tokenz",
        ["did you mean 'tokens'", "Allowed keys:"],
    ),
    "quotes": (
        "extends: existence\ntokens: [x]\nquotes: sometimes\n",
        3,
        "quotes",
        ["'skip'", "'include'", "'only'"],
    ),
    "scope": (
        "extends: existence\ntokens: [x]\nscope: nowhere\n",
        3,
        "scope",
        ["allowed:", "heading"],
    ),
    "bad-regex": (
        "extends: existence\ntokens: ['(unclosed']\n",
        2,
        "tokens",
        ["not a valid regular expression"],
    ),
    "yaml": ("extends: existence\ntokens: [x\n", 3, None, ["not valid YAML"]),
    "not-a-mapping": ("- extends\n- existence\n", 1, None, ["must be a mapping"]),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_an_invalid_rule_file_stops_the_run_with_file_line_key_and_allowed_values(tmp_path, case):
    body, line, key, words = INVALID[case]
    folder = tmp_path / "styles" / "house"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(
        body + (COMPLETE if body.startswith("extends") and case != "yaml" else ""), encoding="utf-8"
    )
    (tmp_path / "lintnews.toml").write_text('rules = ["styles"]\n', encoding="utf-8")
    witness(tmp_path / "docs")
    # --strict: the CI choice that stops on a bad house rule (by default it is a finding)
    result = check("--strict", "docs", isolated=False)
    assert result.exit_code == 2
    where = f"styles/house/bad.yml:{line}: " + (f"{key}: " if key else "")
    assert where in result.stderr
    for word in words:
        assert word in result.stderr
    assert result.stdout == ""  # nothing was linted with a half-loaded rule set


def test_an_invalid_config_names_line_key_and_known_keys(tmp_path):
    (tmp_path / "lintnews.toml").write_text(
        'fail-on = "error"\nunsupressible = []\n', encoding="utf-8"
    )
    witness(tmp_path / "docs")
    # --strict: the CI choice that stops on a bad house rule (by default it is a finding)
    result = check("--strict", "docs", isolated=False)
    assert result.exit_code == 2
    assert (
        "lintnews.toml:2: unsupressible: unknown key; did you mean 'unsuppressible'?"
        in result.stderr
    )


def test_a_yaml_bomb_in_a_house_rule_is_refused_quickly(tmp_path):
    """Nine levels of aliases: a few hundred bytes that grew past 4.6 GB and never ended.
    Run as a real process with a time limit, so a regression fails instead of hanging."""
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    _house(tmp_path, "extends: existence\nmessage: x\n" + "\n".join(levels) + "\ntokens: *i\n")
    witness(tmp_path / "docs")
    result = spawn("check", "--no-cache", "--strict", "docs", cwd=tmp_path, timeout=60)
    assert result.exit_code == 2
    assert "styles/house/bad.yml:" in result.stderr and "100,000 values" in result.stderr
    # A document too big to be a rule file is refused before it is parsed.
    _house(tmp_path, "extends: existence\nmessage: x\ntokens:\n" + "  - word\n" * 200_000)
    big = check("--strict", "docs", isolated=False)
    assert big.exit_code == 2 and "over the limit" in big.stderr


def test_a_missing_rules_folder_names_the_config_file_and_line(tmp_path):
    (tmp_path / "lintnews.toml").write_text(
        'fail-on = "error"\nrules = [\n  "?styles",\n]\n', encoding="utf-8"
    )
    witness(tmp_path / "docs")
    result = check("docs", isolated=False)
    assert result.exit_code == 2
    assert "lintnews.toml:3: rules: the rules folder '?styles' does not exist" in result.stderr
