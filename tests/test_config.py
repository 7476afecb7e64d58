"""Configuration: discovery upward from the working folder, --config and --isolated,
validation with file:line and suggestions, house rule folders, severities, per-file
ignores, per-rule options, and CLI flags over the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.run.config import ConfigError, Settings, discover, from_table, load

from .clikit import _private_cache, house_folder, invoke, write  # noqa: F401

DRAFT = "At the end of the day, the team recently shipped it.\n"


@pytest.fixture()
def site(tmp_path, monkeypatch):
    """A writing repo: styles/house/no-cliches.yml, drafts/deep/nested/post.md; cwd = root."""
    house_folder(tmp_path)
    write(tmp_path / "drafts" / "deep" / "nested" / "post.md", DRAFT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rules_of(result) -> list[tuple[str, str]]:
    return [(item["rule"], item["severity"]) for item in result.json()]


# -- discovery ----------------------------------------------------------------------------------
def test_discover_walks_up_from_a_nested_folder(tmp_path):
    nested = tmp_path / "a" / "b" / "c"
    nested.mkdir(parents=True)
    config = write(tmp_path / "lintnews.toml", "select = ['dates']\n")
    assert discover(nested) == config.resolve()


def test_the_nearest_config_wins(tmp_path):
    write(tmp_path / "lintnews.toml", "select = ['dates']\n")
    inner = write(tmp_path / "a" / "lintnews.toml", "select = ['style']\n")
    (tmp_path / "a" / "b").mkdir()
    assert discover(tmp_path / "a" / "b") == inner.resolve()


def test_hidden_config_name_is_found(tmp_path):
    hidden = write(tmp_path / ".lintnews.toml", "select = ['dates']\n")
    assert discover(tmp_path) == hidden.resolve()


def test_in_one_folder_lintnews_toml_beats_the_others(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.lintnews]\nselect = ['style']\n")
    write(tmp_path / ".lintnews.toml", "select = ['style']\n")
    best = write(tmp_path / "lintnews.toml", "select = ['dates']\n")
    assert discover(tmp_path) == best.resolve()


def test_pyproject_counts_only_with_a_tool_lintnews_table(tmp_path):
    outer = write(tmp_path / "lintnews.toml", "select = ['dates']\n")
    write(
        tmp_path / "py" / "pyproject.toml",
        "[project]\nname = 'x'\n\n[tool.ruff]\nline-length = 99\n",
    )
    assert discover(tmp_path / "py") == outer.resolve()
    with_table = write(
        tmp_path / "py2" / "pyproject.toml",
        "[project]\nname = 'x'\n\n[tool.lintnews]\nselect = ['dates']\n",
    )
    assert discover(tmp_path / "py2") == with_table.resolve()
    assert load(with_table).select == ["dates"]
    sub_table = write(
        tmp_path / "py3" / "pyproject.toml",
        "[tool.lintnews.severity]\n'dates.vague-time' = 'error'\n",
    )
    assert discover(tmp_path / "py3") == sub_table.resolve()
    assert load(sub_table).severity == {"dates.vague-time": "error"}


@pytest.mark.parametrize(
    "text",
    [
        "[tool]\nlintnews = { select = ['dates'] }\n",
        "tool.lintnews.select = ['dates']\n",
        "[ tool.lintnews ]\nselect = ['dates']\n",
    ],
)
def test_pyproject_tool_table_in_other_toml_spellings(tmp_path, text):
    config = write(tmp_path / "pyproject.toml", text)
    assert discover(tmp_path) == config.resolve()
    assert load(config).select == ["dates"]


def test_no_config_gives_defaults():
    settings = load(None)
    assert settings.select is None and settings.fail_on == "warning" and settings.path is None
    assert settings.extensions == [".md", ".markdown", ".mdx", ".txt"]


# -- validation of the table ------------------------------------------------------------------------
def test_values_are_normalised_and_paths_resolve_against_the_config_folder(tmp_path):
    config = write(
        tmp_path / "cfg" / "lintnews.toml",
        """
        rules = ["styles", "../shared-styles"]
        extensions = ["md", ".txt"]
        fail-on = "error"
        """,
    )
    settings = load(config)
    assert settings.rules == [
        (tmp_path / "cfg" / "styles").resolve(),
        (tmp_path / "shared-styles").resolve(),
    ]
    assert settings.extensions == [".md", ".txt"]
    assert settings.fail_on == "error"
    assert settings.root == (tmp_path / "cfg").resolve()


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        (
            'select = ["dates"]\nfail-on = "warning"\nslect = ["x"]\n',
            3,
            "slect",
            "did you mean 'select'?",
        ),
        (
            "ignore = []\nper_file_ignores = {}\n",
            2,
            "per_file_ignores",
            "did you mean 'per-file-ignores'?",
        ),
        ('select = "dates"\n', 1, "select", "valid list"),
        ("fail-on = 'fatal'\n", 1, "fail-on", "'fatal'"),
        ("regex-timeout = -1\n", 1, "regex-timeout", "greater than 0"),
        ("respect-gitignore = 'yes please'\n", 1, "respect-gitignore", "boolean"),
        (
            "fail-on = 'error'\n\n[severity]\n'dates' = 'info'\n'dates.vague-time' = 'loud'\n",
            5,
            "severity.dates.vague-time",
            "'loud'",
        ),
        ("severity = { 'dates' = 'info', 'style' = 'noisy' }\n", 1, "severity.style", "'noisy'"),
        ("[per-file-ignores]\n'*.md' = 'dates'\n", 2, "per-file-ignores.*.md", "valid list"),
    ],
    ids=[
        "unknown",
        "snake-case",
        "not-a-list",
        "fail-on",
        "timeout",
        "bool",
        "severity-level",
        "inline-table",
        "pfi-list",
    ],
)
def test_config_errors_name_file_line_and_key(tmp_path, text, line, key, words):
    config = write(tmp_path / "lintnews.toml", text)
    with pytest.raises(ConfigError) as caught:
        load(config)
    error = caught.value
    assert (error.line, error.key) == (line, key)
    assert str(error).startswith(f"{config.resolve()}:{line}: {key}: ")
    assert words in str(error)


def test_unknown_key_in_pyproject_points_at_its_line(tmp_path):
    config = write(
        tmp_path / "pyproject.toml",
        "[project]\nname = 'x'\n\n[tool.lintnews]\nselect = []\nignroe = []\n",
    )
    with pytest.raises(ConfigError) as caught:
        load(config)
    assert caught.value.line == 6 and "did you mean 'ignore'?" in str(caught.value)


def test_invalid_toml_is_a_config_error_with_its_line(tmp_path):
    config = write(tmp_path / "lintnews.toml", 'select = ["dates"]\nignore = [oops]\n')
    with pytest.raises(ConfigError) as caught:
        load(config)
    assert caught.value.line == 2 and "not valid TOML" in str(caught.value)


def test_from_table_without_a_file():
    settings = from_table({"select": ["dates"], "per-file-ignores": {"a/*.md": ["style"]}})
    assert isinstance(settings, Settings)
    assert settings.per_file_ignores == {"a/*.md": ["style"]}


# -- through the CLI ----------------------------------------------------------------------------------
def test_config_is_discovered_from_a_nested_working_folder(site, monkeypatch):
    write(site / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\n')
    monkeypatch.chdir(site / "drafts" / "deep")
    result = invoke("check", "--format", "json", "--no-cache", "nested/post.md")
    assert result.exit_code == 1, result.stderr
    assert rules_of(result) == [("house.no-cliches", "warning")]
    assert result.json()[0]["path"] == "nested/post.md"


def test_a_nearer_config_beats_a_parent_one(site, monkeypatch):
    write(site / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\n')
    write(site / "drafts" / "lintnews.toml", 'select = ["dates.vague-time"]\n')
    monkeypatch.chdir(site / "drafts" / "deep")
    result = invoke("check", "--format", "json", "--no-cache", "nested/post.md")
    assert rules_of(result) == [("dates.vague-time", "warning")]


def test_hidden_config_file_through_the_cli(site):
    write(
        site / ".lintnews.toml",
        'select = ["dates.vague-time"]\nseverity = { "dates.vague-time" = "info" }\n',
    )
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert rules_of(result) == [("dates.vague-time", "info")]
    assert result.exit_code == 0  # info is below the default fail level


def test_config_option_names_a_file(site, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    house_folder(elsewhere, "my-styles")
    config = write(
        elsewhere / "team.toml", 'rules = ["my-styles"]\nselect = ["house.no-cliches"]\n'
    )
    write(site / "lintnews.toml", 'select = ["dates.vague-time"]\n')  # ignored: --config wins
    result = invoke("check", "--config", str(config), "--format", "json", "--no-cache", "drafts")
    assert rules_of(result) == [("house.no-cliches", "warning")]


def test_isolated_ignores_every_config_file(site):
    write(site / "lintnews.toml", 'select = ["dates"]\nignroe = []\n')  # broken, but never read
    result = invoke(
        "check",
        "--isolated",
        "--select",
        "dates.vague-time",
        "--format",
        "json",
        "--no-cache",
        "drafts",
    )
    assert result.exit_code == 1, result.stderr
    assert rules_of(result) == [("dates.vague-time", "warning")]


def test_config_and_isolated_together_is_a_usage_error(site):
    write(site / "lintnews.toml", "")
    result = invoke("check", "--isolated", "--config", "lintnews.toml", "drafts")
    assert result.exit_code == 2 and "cannot be used together" in result.stderr


def test_a_missing_config_file_is_exit_2(site):
    result = invoke("check", "--config", "nope.toml", "drafts")
    assert result.exit_code == 2
    assert "nope.toml" in result.stderr and "no such config file" in result.stderr


@pytest.mark.parametrize(
    "command", [["check", "--no-cache", "drafts"], ["rules"], ["rule", "dates.vague-time"]]
)
def test_unknown_key_is_exit_2_with_file_line_and_suggestion(site, command):
    write(site / "lintnews.toml", 'select = ["dates"]\n\nexlude = ["drafts/old"]\n')
    result = invoke(*command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        f"{(site / 'lintnews.toml').resolve()}:3: exlude: unknown key; did you mean 'exclude'?"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            'select = ["dates.vage-time"]\n',
            1,
            "'dates.vage-time' names no rule; did you mean 'dates.vague-time'?",
        ),
        ('ignore = ["style.long-sentense"]\n', 1, "did you mean 'style.long-sentence'?"),
        ('extend-select = ["dattes"]\n', 1, "'dattes' names no rule"),
        ('[severity]\n"dates.vague-tim" = "error"\n', 2, "did you mean 'dates.vague-time'?"),
        (
            '[per-file-ignores]\n"drafts/*.md" = ["dates.relative-undate"]\n',
            2,
            "did you mean 'dates.relative-undated'?",
        ),
        (
            '[options."disclosure.affiliate-mising"]\naccept = ["x"]\n',
            1,
            "did you mean 'disclosure.affiliate-missing'?",
        ),
    ],
    ids=["select", "ignore", "extend-select", "severity", "per-file-ignores", "options"],
)
def test_unknown_rule_ids_are_exit_2_with_a_suggestion(site, text, line, words):
    write(site / "lintnews.toml", text)
    result = invoke("check", "--no-cache", "drafts")
    assert result.exit_code == 2
    assert f"lintnews.toml:{line}:" in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_globs_and_pack_names_are_valid_ids(site):
    write(site / "lintnews.toml", 'select = ["dates.*", "style"]\nignore = ["dates.relative-*"]\n')
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert result.exit_code == 1, result.stderr
    assert {rule for rule, _ in rules_of(result)} == {"dates.vague-time"}


def test_house_rules_folder_gives_pack_dot_slug_ids_on_by_default(site):
    write(site / "lintnews.toml", 'rules = ["styles"]\n')
    listing = invoke("rules", "--format", "json")
    assert listing.exit_code == 0, listing.stderr
    by_id = {rule["id"]: rule for rule in listing.json()}
    assert by_id["house.no-cliches"]["enabled"] is True
    assert by_id["house.no-cliches"]["pack"] == "house"
    assert by_id["house.no-cliches"]["source"].endswith("no-cliches.yml")
    result = invoke("check", "--select", "house", "--format", "json", "--no-cache", "drafts")
    assert [(f["rule"], f["line"], f["column"]) for f in result.json()] == [
        ("house.no-cliches", 1, 1)
    ]


def test_house_rules_are_unknown_unless_their_folder_is_listed(site):
    result = invoke("check", "--select", "house.no-cliches", "--no-cache", "drafts")
    assert result.exit_code == 2 and "names no rule" in result.stderr


def test_a_missing_rules_folder_is_exit_2(site):
    write(site / "lintnews.toml", 'rules = ["no-such-folder"]\n')
    result = invoke("check", "--no-cache", "drafts")
    assert (
        result.exit_code == 2
        and "no-such-folder" in result.stderr
        and "does not exist" in result.stderr
    )


def test_a_broken_house_rule_is_exit_2_naming_file_line_and_key(site):
    write(
        site / "styles" / "house" / "broken.yml",
        "extends: existence\nmessage: x\nsummary: s\ndescription: d\ntokens: [a]\nignorcase: true\nexamples: {bad: [a], good: [b]}\n",
    )
    write(site / "lintnews.toml", 'rules = ["styles"]\n')
    result = invoke("check", "--no-cache", "--strict", "drafts")
    assert result.exit_code == 2
    assert "broken.yml:6: ignorcase: unknown key" in result.stderr
    assert "did you mean 'ignorecase'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_severity_overrides_change_the_exit_code(site):
    write(site / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\nfail-on = "error"\n')
    assert invoke("check", "--no-cache", "drafts").exit_code == 0
    write(
        site / "lintnews.toml",
        'rules = ["styles"]\nselect = ["house"]\nfail-on = "error"\n[severity]\n"house" = "info"\n"house.no-cliches" = "error"\n',
    )
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert rules_of(result) == [("house.no-cliches", "error")]  # the exact id beats the pack name
    assert result.exit_code == 1


def test_severity_suggestion_is_info(site):
    write(
        site / "lintnews.toml",
        'select = ["dates.vague-time"]\nseverity = { "dates" = "suggestion" }\n',
    )
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert rules_of(result) == [("dates.vague-time", "info")]


def test_per_file_ignores(site):
    write(site / "drafts" / "other.md", DRAFT)
    write(
        site / "lintnews.toml",
        'rules = ["styles"]\nselect = ["house", "dates.vague-time"]\n[per-file-ignores]\n"drafts/deep/**" = ["house"]\n',
    )
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    found = sorted((f["path"], f["rule"]) for f in result.json())
    assert found == [
        ("drafts/deep/nested/post.md", "dates.vague-time"),
        ("drafts/other.md", "dates.vague-time"),
        ("drafts/other.md", "house.no-cliches"),
    ]


def test_per_file_ignores_are_relative_to_the_config_not_the_working_folder(site, monkeypatch):
    write(
        site / "lintnews.toml",
        'select = ["dates.vague-time"]\n[per-file-ignores]\n"drafts/deep/nested/*.md" = ["dates"]\n',
    )
    monkeypatch.chdir(site / "drafts" / "deep")
    result = invoke("check", "--format", "json", "--no-cache", "nested")
    assert result.exit_code == 0 and result.json() == []


def test_rule_options_reach_the_rule(site):
    write(
        site / "drafts" / "deal.md", "Get the deal at [Shop](https://deals.partner.example/item).\n"
    )
    write(site / "lintnews.toml", 'select = ["disclosure.affiliate-missing"]\n')
    assert invoke("check", "--format", "json", "--no-cache", "drafts/deal.md").json() == []
    write(
        site / "lintnews.toml",
        'select = ["disclosure.affiliate-missing"]\n[options."disclosure.affiliate-missing"]\ntrigger-hosts = ["partner.example"]\n',
    )
    result = invoke("check", "--format", "json", "--no-cache", "drafts/deal.md")
    assert [(f["rule"], f["line"], f["column"]) for f in result.json()] == [
        ("disclosure.affiliate-missing", 1, 17)
    ]
    write(
        site / "lintnews.toml",
        'select = ["disclosure.affiliate-missing"]\n[options."disclosure"]\ntrigger-hosts = ["partner.example"]\n'
        'accept = ["our partners pay us"]\n',
    )
    write(
        site / "drafts" / "deal.md",
        "Our partners pay us.\n\nGet the deal at [Shop](https://deals.partner.example/item).\n",
    )
    assert invoke("check", "--format", "json", "--no-cache", "drafts/deal.md").json() == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            '[options."disclosure.affiliate-missing"]\nacept = ["x"]\n',
            2,
            "has no option 'acept'; did you mean 'accept'?",
        ),
        (
            '[options."disclosure.affiliate-missing"]\naccept = "x"\n',
            2,
            "'accept' should be a list",
        ),
        ('[options."disclosure"]\n\ntrigger-hosts = 3\n', 3, "'trigger-hosts' should be a list"),
    ],
    ids=["unknown-option", "wrong-type", "pack-wide"],
)
def test_rule_options_are_validated(site, text, line, words):
    write(site / "lintnews.toml", text)
    result = invoke("check", "--no-cache", "drafts")
    assert result.exit_code == 2
    assert f"lintnews.toml:{line}:" in result.stderr, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_flags_override_the_file(site):
    write(site / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\nfail-on = "error"\n')
    base = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert rules_of(base) == [("house.no-cliches", "warning")] and base.exit_code == 0
    flagged = invoke(
        "check",
        "--select",
        "dates.vague-time",
        "--fail-on",
        "warning",
        "--format",
        "json",
        "--no-cache",
        "drafts",
    )
    assert rules_of(flagged) == [("dates.vague-time", "warning")] and flagged.exit_code == 1
    extended = invoke(
        "check",
        "--extend-select",
        "dates.vague-time",
        "--ignore",
        "house",
        "--format",
        "json",
        "--no-cache",
        "drafts",
    )
    assert rules_of(extended) == [("dates.vague-time", "warning")]


def test_extensions_are_configurable(site):
    write(site / "drafts" / "note.rst", DRAFT)
    write(site / "drafts" / "note.txt", DRAFT)
    write(site / "lintnews.toml", 'select = ["dates.vague-time"]\nextensions = ["rst"]\n')
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert sorted({f["path"] for f in result.json()}) == ["drafts/note.rst"]


def test_exclude_globs_skip_files_when_walking(site):
    write(site / "drafts" / "old" / "archived.md", DRAFT)
    write(site / "lintnews.toml", 'select = ["dates.vague-time"]\nexclude = ["drafts/deep/**"]\n')
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert sorted({f["path"] for f in result.json()}) == ["drafts/old/archived.md"]
    named = invoke("check", "--format", "json", "--no-cache", "drafts/deep/nested/post.md")
    assert [f["path"] for f in named.json()] == [
        "drafts/deep/nested/post.md"
    ]  # named files are linted


def test_fail_on_from_the_file_and_its_validation(site):
    write(site / "lintnews.toml", 'select = ["dates.vague-time"]\nfail-on = "error"\n')
    assert invoke("check", "--no-cache", "drafts").exit_code == 0
    bad = invoke("check", "--no-cache", "--fail-on", "fatal", "drafts")
    assert bad.exit_code == 2 and "--fail-on must be error, warning or info" in bad.stderr


def test_pyproject_config_through_the_cli(site):
    write(
        site / "pyproject.toml",
        '[project]\nname = "blog"\n\n[tool.lintnews]\nrules = ["styles"]\nselect = ["house"]\n',
    )
    result = invoke("check", "--format", "json", "--no-cache", "drafts")
    assert rules_of(result) == [("house.no-cliches", "warning")]


def test_config_file_that_is_not_utf8_is_exit_2(site):
    (site / "lintnews.toml").write_bytes(b"select = ['\xff']\n")
    result = invoke("check", "--no-cache", "drafts")
    assert result.exit_code == 2 and "cannot read the config file" in result.stderr


def test_relative_paths_in_settings_default_to_cwd():
    assert Settings().root == Path.cwd()


@pytest.mark.parametrize("flag", ["--select", "--extend-select", "--ignore"])
def test_an_unknown_id_in_a_flag_blames_the_flag_not_the_config_file(site, flag):
    write(site / "lintnews.toml", 'select = ["dates"]\n')
    result = invoke("check", flag, "dates.vage-time", "--no-cache", "drafts")
    assert result.exit_code == 2
    assert (
        f"{flag}: 'dates.vage-time' names no rule; did you mean 'dates.vague-time'?"
        in result.stderr
    )
    assert "lintnews.toml" not in result.stderr
