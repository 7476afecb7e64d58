"""Command-line conventions users bring from ruff, flake8 and markdownlint: comma lists,
extend-ignore, --exit-zero, --output-file, --statistics with -q, plain progress lines,
stdin as Markdown, generator folders and --force-exclude."""

from __future__ import annotations

import json

import pytest

from .clikit import _private_cache, invoke, write  # noqa: F401

VAGUE = "dates.vague-time"
AP = "style.ap-preferred"


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "drafts" / "a.md", "It happened recently.\n\nSend an e-mail.\n")
    return tmp_path


def check(*args: str, **kwargs):
    return invoke("check", "--no-cache", *args, **kwargs)


def rules_of(result) -> set[str]:
    return {finding["rule"] for finding in result.json()}


# -- selection -----------------------------------------------------------------------------------
def test_select_takes_a_comma_list(site):
    both = check("--format", "json", "--select", f"{VAGUE},{AP}", "drafts")
    assert rules_of(both) == {VAGUE, AP}, both.stderr


def test_ignore_and_extend_select_take_comma_lists(site):
    result = check(
        "--format", "json", "--select", VAGUE, "--extend-select", f"{AP}, claims", "drafts"
    )
    assert rules_of(result) == {VAGUE, AP}
    ignored = check("--format", "json", "--ignore", f"{VAGUE},{AP}", "drafts")
    assert not rules_of(ignored) & {VAGUE, AP}


def test_a_typo_inside_a_comma_list_is_named(site):
    result = check("--select", f"{VAGUE},dates.vauge-time", "drafts")
    assert result.exit_code == 2
    assert "--select: 'dates.vauge-time' names no rule; did you mean 'dates.vague-time'?" in (
        result.stderr
    )


def test_extend_ignore_in_config_adds_to_ignore(site):
    write(site / "lintnews.toml", f'select = ["{VAGUE}", "{AP}"]\nextend-ignore = ["{AP}"]\n')
    assert rules_of(check("--format", "json", "drafts")) == {VAGUE}


def test_extend_ignore_typo_points_at_its_own_line(site):
    write(site / "lintnews.toml", 'ignore = ["claims"]\nextend-ignore = ["dates.vauge-time"]\n')
    result = check("drafts")
    assert result.exit_code == 2
    assert "lintnews.toml:2: extend-ignore: 'dates.vauge-time' names no rule" in result.stderr


# -- exit codes and where the report goes ---------------------------------------------------------
def test_exit_zero_reports_but_succeeds(site):
    result = check("--exit-zero", "--select", VAGUE, "drafts")
    assert result.exit_code == 0
    assert "drafts/a.md:1:13: dates.vague-time" in result.stdout


def test_exit_zero_keeps_exit_2_for_errors(site):
    assert check("--exit-zero", "--select", "nope.nothing", "drafts").exit_code == 2


def test_output_file_gets_the_report_and_stdout_stays_empty(site):
    result = check(
        "--format", "json", "--select", VAGUE, "--output-file", "out/report.json", "drafts"
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    report = json.loads((site / "out" / "report.json").read_text(encoding="utf-8"))
    assert [(f["path"], f["line"]) for f in report] == [("drafts/a.md", 1)]


def test_output_file_is_never_coloured(site):
    check("--color", "auto", "--select", VAGUE, "-o", "report.txt", "drafts")
    text = (site / "report.txt").read_text(encoding="utf-8")
    assert "drafts/a.md:1:13:" in text and "\x1b[" not in text


# -- statistics and progress ----------------------------------------------------------------------
def test_statistics_with_quiet_prints_only_the_counts(site):
    result = check("--statistics", "-q", "--select", f"{VAGUE},{AP}", "drafts")
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    assert all(line.split()[0] == "1" for line in lines)
    assert {line.split()[1] for line in lines} == {VAGUE, AP}


def test_statistics_go_to_stdout_in_text(site):
    result = check("--statistics", "--select", VAGUE, "drafts")
    assert result.stdout.rstrip().splitlines()[-1].split() == ["1", VAGUE]
    assert VAGUE not in result.stderr


def test_progress_always_writes_plain_lines_when_stderr_is_not_a_terminal(site):
    for index in range(12):
        write(site / "many" / f"{index:02}.md", "Fine.\n")
    result = check("--progress", "always", "many")
    lines = [line for line in result.stderr.splitlines() if "linted" in line]
    assert lines[-1] == "lintnews: linted 12 of 12 files"
    assert len(lines) >= 2  # intermediate lines too, not only the end
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr


def test_progress_rejects_unknown_values(site):
    result = check("--progress", "sometimes", "drafts")
    assert result.exit_code == 2 and "--progress must be" in result.stderr


# -- stdin ----------------------------------------------------------------------------------------
def test_stdin_without_a_name_is_markdown_like_the_same_file_on_disk(site):
    draft = "---\ntitle: T\n---\n# Lately\n\n`recently` is code; it was *recently* done.\n"
    write(site / "post.md", draft)
    on_disk = check("--format", "json", "--select", VAGUE, "post.md").json()
    piped = check("--format", "json", "--select", VAGUE, "-", input=draft.encode()).json()
    assert [(f["line"], f["column"]) for f in piped] == [(f["line"], f["column"]) for f in on_disk]
    assert len(piped) == 2  # the heading and the emphasised word, not the code span


def test_stdin_help_says_the_name_picks_parser_and_settings():
    text = " ".join(invoke("check", "--help").stdout.split())
    assert "picks the parser" in text and "per-file" in text


# -- file selection -------------------------------------------------------------------------------
def generator_site(root):
    import shutil

    shutil.rmtree(root / "drafts")
    write(root / "content" / "posts" / "story.md", "It happened recently.\n")
    write(root / "archetypes" / "default.md", '---\ntitle: "{{ replace .Name "-" " " }}"\n---\n')
    write(root / "layouts" / "partials" / "note.md", "Recently.\n")
    write(root / "themes" / "paper" / "README.md", "Recently.\n")
    write(root / "themes" / "paper" / "exampleSite" / "post.md", "Recently.\n")
    write(root / "_layouts" / "post.md", "Recently.\n")
    write(root / "_includes" / "footer.md", "Recently.\n")
    write(root / "archive" / "old.md", "Recently.\n")
    write(root / "README.md", "Recently.\n")
    write(root / ".github" / "PULL_REQUEST_TEMPLATE.md", "Recently.\n")
    write(root / "lintnews.toml", f'select = ["{VAGUE}"]\nexclude = ["archive/**"]\n')


def test_generator_template_folders_are_skipped_when_walking(site):
    generator_site(site)
    result = check("--format", "json", ".")
    assert sorted({f["path"] for f in result.json()}) == ["content/posts/story.md"]


def test_an_include_glob_brings_a_theme_folder_back(site):
    generator_site(site)
    write(
        site / "lintnews.toml",
        f'select = ["{VAGUE}"]\nexclude = ["archive/**"]\ninclude = ["themes/paper/exampleSite/*.md"]\n',
    )
    paths = {f["path"] for f in check("--format", "json", ".").json()}
    assert paths == {"content/posts/story.md", "themes/paper/exampleSite/post.md"}


def test_named_files_are_linted_unless_force_exclude(site):
    generator_site(site)
    named = [
        "content/posts/story.md",
        "archetypes/default.md",
        "themes/paper/README.md",
        "archive/old.md",
        "README.md",
        ".github/PULL_REQUEST_TEMPLATE.md",
    ]
    plain = {f["path"] for f in check("--format", "json", *named).json()}
    assert plain >= {"archive/old.md", "README.md", "themes/paper/README.md"}
    forced = check("--format", "json", "--force-exclude", *named)
    assert {f["path"] for f in forced.json()} == {"content/posts/story.md"}, forced.stderr


def test_force_exclude_honours_gitignore_for_named_files(site):
    write(site / ".gitignore", "drafts/private/\n")
    (site / ".git").mkdir()
    write(site / "drafts" / "private" / "p.md", "Recently.\n")
    result = check("--format", "json", "--select", VAGUE, "--force-exclude", "drafts/private/p.md")
    assert result.json() == []
    assert "p.md" not in result.stdout + result.stderr  # a quiet skip, not a note


def test_force_exclude_reads_the_summary_as_zero_files(site):
    generator_site(site)
    result = check("--force-exclude", "README.md")
    assert result.exit_code == 0
    assert "No findings in 0 files." in result.stdout


# -- --show-settings and --show-files -------------------------------------------------------------
def test_show_settings_names_the_config_rules_severities_and_user_options(site):
    write(
        site / "lintnews.toml",
        f"""
        select = ["{VAGUE}", "disclosure.affiliate-missing"]
        exclude = ["archive/**"]
        [severity]
        "{VAGUE}" = "info"
        [options."disclosure.affiliate-missing"]
        trigger-hosts = ["go.ourshop.example"]
        """,
    )
    result = check("--show-settings")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert f"config file: {site / 'lintnews.toml'}" in out
    assert "exclude: archive/**" in out
    assert "rules (2 on):" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("  ")}
    assert rows[VAGUE][0] == "info"  # then its built-in options, marked as built-in
    assert all(part.endswith(("built-in>", "built-in>,")) for part in rows[VAGUE][2::2])
    assert rows["disclosure.affiliate-missing"][0] == "error"
    assert 'trigger-hosts=["go.ourshop.example"]' in out
    assert "drafts/a.md" not in out  # nothing was linted


def test_show_settings_without_a_config_says_defaults(site):
    out = check("--isolated", "--show-settings").stdout
    assert "config file: none (built-in defaults)" in out


def test_show_files_lists_what_is_linted_and_why_the_rest_is_skipped(site):
    generator_site(site)
    write(site / "content" / "posts" / "cover.png", "not text")
    result = check("--show-files", ".")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "lint  content/posts/story.md" in lines
    assert "skip  README.md: the repository's own document, not an article" in lines
    assert "skip  archive/: matches the config's exclude" in lines
    assert "skip  archetypes/: a site generator's template folder, not drafts" in lines
    assert "skip  .github/: a hidden folder" in lines
    assert "skip  content/posts/cover.png: not a draft extension (see 'extensions')" in lines
    assert [line for line in lines if line.startswith("lint")] == ["lint  content/posts/story.md"]


def test_show_files_with_force_exclude_explains_named_files(site):
    generator_site(site)
    lines = check("--show-files", "--force-exclude", "README.md", "content/posts/story.md")
    assert lines.stdout.splitlines() == [
        "skip  README.md: the repository's own document, not an article (--force-exclude)",
        "lint  content/posts/story.md",
    ]
