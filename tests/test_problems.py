"""Every config and rule-file problem of a run is reported in that run, each with its file,
line and key (as ruff and markdownlint do), not one problem per run."""

from __future__ import annotations

import pytest

from .clikit import _private_cache, invoke, write  # noqa: F401


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "drafts" / "a.md", "It happened recently.\n")
    return tmp_path


def errors(result) -> list[str]:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("lintnews: error: ")]


def test_config_and_rule_file_problems_are_all_reported_in_one_run(site):
    config = write(
        site / "lintnews.toml",
        """
        slect = ["claims"]
        fail-on = "warnings"
        ignore = ["dates.vauge-time"]
        rules = ["styles", "missing-folder"]

        [severity]
        "claims.vague-source" = "eror"

        [options."dates.vague-time"]
        colour = "red"
        """,
    )
    write(site / "styles" / "house" / "one.yml", "extends: existance\nmessage: x\n")
    write(site / "styles" / "house" / "two.yml", "extends: existence\nmessage: [unclosed\n")
    write(
        site / "styles" / "house" / "three.yml",
        "extends: existence\nmessage: '%s'\nlevel: warning\ntokenz: [a]\n",
    )
    lines = errors(invoke("check", "--no-cache", "drafts"))
    where = str(config.resolve())
    expected = [
        f"{where}:1: slect: unknown key; did you mean 'select'?",
        f"{where}:2: fail-on: ",
        f"{where}:7: severity.claims.vague-source: ",
        f"{where}:4: rules: the rules folder 'missing-folder' does not exist",
        "one.yml:1: extends: 'extends' is 'existance'",
        "two.yml:3: not valid YAML",
        "three.yml:4: tokenz: unknown key",
        f"{where}:3: ignore: 'dates.vauge-time' names no rule; did you mean 'dates.vague-time'?",
        f"{where}:10: options.dates.vague-time.colour: ",
    ]
    for part in expected:
        assert sum(part in line for line in lines) == 1, (part, lines)
    assert len(lines) == len(expected), lines
    prefix = f"lintnews: error: {where}:"
    assert [line[len(prefix)] for line in lines[:3]] == ["1", "2", "7"]  # in file order


def test_enum_values_get_a_did_you_mean(site):
    write(site / "lintnews.toml", 'fail-on = "warnings"\n[severity]\n"dates" = "eror"\n')
    lines = errors(invoke("check", "--no-cache", "drafts"))
    assert any("fail-on" in line and "did you mean 'warning'?" in line for line in lines), lines
    assert any("severity.dates" in line and "did you mean 'error'?" in line for line in lines)


def test_a_toml_syntax_error_names_its_line(site):
    write(site / "lintnews.toml", 'select = ["claims"]\n\nignore = ["dates"\nfail-on = "error"\n')
    (line,) = errors(invoke("check", "--no-cache", "drafts"))
    assert "lintnews.toml:4: not valid TOML" in line


def test_one_problem_is_still_one_plain_message(site):
    write(site / "lintnews.toml", 'ignore = ["dates.vauge-time"]\n')
    (line,) = errors(invoke("check", "--no-cache", "drafts"))
    assert line.endswith(
        "lintnews.toml:1: ignore: 'dates.vauge-time' names no rule; did you mean 'dates.vague-time'?"
    )


def test_the_api_raises_problems_with_each_one(site):
    from lintnews.api import Linter
    from lintnews.problems import Problems

    write(site / "lintnews.toml", 'slect = ["claims"]\nignore = ["dates.vauge-time"]\n')
    with pytest.raises(Problems) as caught:
        Linter()
    assert [type(p).__name__ for p in caught.value.problems] == ["ConfigError", "ConfigError"]
    assert [p.line for p in caught.value.problems] == [1, 2]
