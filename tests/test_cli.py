"""The command line: exit codes, the JSON contract, the text format, colour, quiet,
statistics, stdin, the rules and rule commands, --version, python -m lintnews, --help,
folder walking and the paths shown."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest

from lintnews import __version__

from .clikit import _private_cache, invoke, spawn, write  # noqa: F401

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CONTRACT_KEYS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "severity",
    "message",
    "fix",
}
TEXT_LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<rule>[a-z0-9-]+\.[a-z0-9-]+) \[(?P<sev>error|warning|info)\] (?P<msg>.+)$"
)
VAGUE = ["--select", "dates.vague-time"]


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "drafts" / "b.md", "# Title\n\nWe met recently.\n\nAnd lately, too.\n")
    write(tmp_path / "drafts" / "a.md", "Fine text.\n\nIt happened recently.\n")
    write(tmp_path / "drafts" / "clean.md", "It happened on May 3.\n")
    write(tmp_path / "drafts" / "sub" / "c.txt", "Headline\n\nIt changed lately.\n")
    return tmp_path


def check(*args: str, **kwargs):
    return invoke("check", "--no-cache", *args, **kwargs)


# -- exit codes ----------------------------------------------------------------------------------------
def test_exit_0_when_clean(site):
    result = check(*VAGUE, "drafts/clean.md")
    assert result.exit_code == 0
    assert "No findings in 1 file." in result.stdout


def test_exit_1_on_findings_at_the_default_fail_level(site):
    assert check(*VAGUE, "drafts").exit_code == 1


@pytest.mark.parametrize(
    ("severity", "fail_on", "code"),
    [
        ("info", "info", 1),
        ("info", "warning", 0),
        ("info", "error", 0),
        ("warning", "info", 1),
        ("warning", "warning", 1),
        ("warning", "error", 0),
        ("error", "error", 1),
        ("error", "warning", 1),
    ],
)
def test_fail_on(site, severity, fail_on, code):
    write(site / "lintnews.toml", f'[severity]\n"dates.vague-time" = "{severity}"\n')
    assert check(*VAGUE, "--fail-on", fail_on, "drafts").exit_code == code


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--fail-on", "fatal", "drafts"],
        ["check", "--format", "xml", "drafts"],
        ["check", "--color", "sometimes", "drafts"],
        ["check", "-", "drafts"],
        ["check", "--no-such-flag"],
        ["rules", "--format", "yaml"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2_without_a_traceback(site, args):
    result = spawn(*args, cwd=site)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip()
    if args[0] == "check":
        assert result.stdout == ""


def test_config_errors_exit_2_without_a_traceback_in_a_real_process(site):
    write(site / "lintnews.toml", "[severity]\n'dates.vague-time' = 'loud'\n")
    result = spawn("check", *VAGUE, "drafts", cwd=site)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("lintnews: error: ") and "lintnews.toml:2:" in result.stderr
    assert "Traceback" not in result.stderr


# -- JSON --------------------------------------------------------------------------------------------
def test_json_is_one_sorted_array_with_the_contract_keys(site):
    result = spawn(
        "check",
        "--format",
        "json",
        "--no-cache",
        *VAGUE,
        "drafts",
        "drafts/../drafts/a.md",
        cwd=site,
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)  # nothing else on stdout
    assert isinstance(data, list) and data
    for item in data:
        assert CONTRACT_KEYS <= set(item)
        assert item["line"] >= 1 and item["column"] >= 1
        assert (item["end_line"], item["end_column"]) > (item["line"], item["column"])
    assert data == sorted(data, key=lambda f: (f["path"], f["line"], f["column"]))
    assert [(f["path"], f["line"], f["column"], f["end_column"]) for f in data] == [
        ("drafts/../drafts/a.md", 3, 13, 21),
        ("drafts/a.md", 3, 13, 21),
        ("drafts/b.md", 3, 8, 16),
        ("drafts/b.md", 5, 5, 11),
        ("drafts/sub/c.txt", 3, 12, 18),
    ]
    first = data[1]
    assert (
        first["rule"] == "dates.vague-time"
        and first["severity"] == "warning"
        and first["fix"] is None
    )
    assert "'recently'" in first["message"]
    assert result.stderr == ""


def test_json_with_no_findings_is_an_empty_array(site):
    result = check("--format", "json", *VAGUE, "drafts/clean.md")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_json_is_sorted_even_when_paths_are_given_out_of_order(site):
    result = check("--format", "json", *VAGUE, "drafts/sub", "drafts/b.md", "drafts/a.md")
    paths = [f["path"] for f in result.json()]
    assert (
        paths == sorted(paths) == ["drafts/a.md", "drafts/b.md", "drafts/b.md", "drafts/sub/c.txt"]
    )


def test_json_statistics_go_to_stderr(site):
    result = check("--format", "json", "--statistics", *VAGUE, "drafts")
    assert len(json.loads(result.stdout)) == 4
    assert re.search(r"^\s*4\s+dates\.vague-time\s*$", result.stderr, re.MULTILINE)


# -- text -------------------------------------------------------------------------------------------
def test_text_format_lines_frames_and_summary(site):
    result = check(*VAGUE, "drafts")
    lines = result.stdout.splitlines()
    findings = [TEXT_LINE.match(line) for line in lines if TEXT_LINE.match(line)]
    assert [(m["path"], m["line"], m["col"], m["rule"], m["sev"]) for m in findings] == [
        ("drafts/a.md", "3", "13", "dates.vague-time", "warning"),
        ("drafts/b.md", "3", "8", "dates.vague-time", "warning"),
        ("drafts/b.md", "5", "5", "dates.vague-time", "warning"),
        ("drafts/sub/c.txt", "3", "12", "dates.vague-time", "warning"),
    ]
    index = lines.index(findings[1].string)
    assert lines[index + 1] == "  3 | We met recently."
    assert lines[index + 2] == "    |        ^^^^^^^^"
    assert lines[-1] == "Found 4 findings (4 warnings) in 3 of 4 files"
    assert not ANSI.search(result.stdout)


def test_summary_counts_severities(site):
    write(site / "lintnews.toml", '[severity]\n"dates.vague-time" = "error"\n')
    write(site / "drafts" / "d.md", "Send an e-mail.\n")
    result = check("--select", "dates.vague-time", "--select", "style.ap-preferred", "drafts")
    assert "Found 5 findings (4 errors, 1 info) in 4 of 5 files" in result.stdout.splitlines()


def test_quiet_prints_only_finding_lines(site):
    result = check("--quiet", *VAGUE, "drafts")
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and all(TEXT_LINE.match(line) for line in lines)
    assert check("--quiet", *VAGUE, "drafts/clean.md").stdout == ""


def test_statistics_in_text(site):
    result = check(
        "--statistics", "--select", "dates.vague-time", "--select", "style.ap-preferred", "drafts"
    )
    assert re.search(r"^\s*4\s+dates\.vague-time\s*$", result.stdout, re.MULTILINE)
    assert (
        "style.ap-preferred" not in result.stdout.split("Found")[-1]
    )  # no row for a rule that found nothing


def test_code_frame_for_a_tab_and_a_span_across_lines(site):
    write(site / "t.md", "It\twas\tlately.\n\nThe new\nnormal is not long\nago here.\n")
    result = check(*VAGUE, "t.md")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("t.md:1:8: dates.vague-time")
    assert lines[1] == "  1 | It was lately."  # a tab is one column, shown as one space
    assert lines[2] == "    |        ^^^^^^"
    multi = next(i for i, line in enumerate(lines) if line.startswith("t.md:4:11:"))
    assert lines[multi + 1] == "  4 | normal is not long"
    assert lines[multi + 2] == "    |           ^^^^^^^^"  # to the end of the first line


# -- colour ---------------------------------------------------------------------------------------
def test_no_colour_when_not_a_terminal(site):
    result = spawn("check", "--no-cache", *VAGUE, "drafts", cwd=site)
    assert result.exit_code == 1 and not ANSI.search(result.stdout)


def test_colour_always(site):
    result = check("--color", "always", *VAGUE, "drafts")
    assert ANSI.search(result.stdout)
    assert ANSI.sub("", result.stdout) == check("--color", "never", *VAGUE, "drafts").stdout


def test_colour_always_beats_no_color(site):
    assert ANSI.search(check("--color", "always", *VAGUE, "drafts", env={"NO_COLOR": "1"}).stdout)


def run_in_terminal(args: list[str], cwd, env: dict[str, str]) -> str:
    """Run lintnews with stdout on a pseudo-terminal; returns what it printed."""
    pty = pytest.importorskip("pty")
    import select
    import subprocess

    leader, follower = pty.openpty()
    command = [os.path.join(os.path.dirname(sys.executable), "lintnews"), *args]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TERM": "xterm", **env},
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color(site):
    coloured = run_in_terminal(["check", "--no-cache", *VAGUE, "drafts"], site, {})
    assert ANSI.search(coloured), coloured
    plain = run_in_terminal(["check", "--no-cache", *VAGUE, "drafts"], site, {"NO_COLOR": "1"})
    assert "dates.vague-time" in plain and not ANSI.search(plain)


# -- stdin ----------------------------------------------------------------------------------------
def test_stdin_with_a_filename(site):
    result = check(
        *VAGUE, "--stdin-filename", "news/story.md", "-", input=b"# T\n\nIt was recently.\n"
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("news/story.md:3:8: dates.vague-time [warning]")
    assert lines[1] == "  3 | It was recently."  # a code frame, though stdin cannot be read twice


def test_stdin_without_a_filename_is_shown_as_dash(site):
    result = check("--format", "json", *VAGUE, "-", input=b"It was recently.\n")
    assert [(f["path"], f["line"], f["column"]) for f in result.json()] == [("-", 1, 8)]


def test_stdin_filename_picks_plain_text_and_per_file_ignores(site):
    text = "It was recently\n\nlintnews-disable-next-line dates\nlately.\n"
    as_text = check(
        "--format", "json", *VAGUE, "--stdin-filename", "x.txt", "-", input=text.encode()
    )
    assert [f["line"] for f in as_text.json()] == [1]
    write(site / "lintnews.toml", '[per-file-ignores]\n"news/*.md" = ["dates"]\n')
    ignored = check(
        "--format",
        "json",
        *VAGUE,
        "--stdin-filename",
        "news/a.md",
        "-",
        input=b"It was recently.\n",
    )
    assert ignored.json() == []


def test_stdin_in_a_real_process_with_a_bom_and_crlf(site):
    data = b"\xef\xbb\xbfTitle\r\n\r\nIt was lately.\r\n"
    result = spawn(
        "check", "--format", "json", *VAGUE, "--stdin-filename", "a.md", "-", cwd=site, input=data
    )
    assert [(f["line"], f["column"], f["end_column"]) for f in json.loads(result.stdout)] == [
        (3, 8, 14)
    ]


# -- rules and rule --------------------------------------------------------------------------------
def test_rules_lists_every_rule(site):
    result = invoke("rules")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split()[:5] == ["rule", "pack", "severity", "on", "summary"]
    row = next(line for line in rows if line.startswith("dates.vague-time "))
    assert row.split()[:4] == ["dates.vague-time", "dates", "warning", "on"]
    assert "Vague time words" in row
    assert re.search(r"^\d+ rules in \d+ packs, \d+ on\.", result.stdout, re.MULTILINE)


def test_rules_reflects_the_config(site):
    write(
        site / "lintnews.toml",
        'ignore = ["dates.vague-time"]\n[severity]\n"dates.relative-undated" = "error"\n',
    )
    rows = {
        line.split()[0]: line.split()[:6]
        for line in invoke("rules").stdout.splitlines()[1:]
        if line.strip()
    }
    assert rows["dates.vague-time"][:4] == ["dates.vague-time", "dates", "warning", "off"]
    # the default severity, then the one the config sets
    assert rows["dates.relative-undated"][:6] == [
        "dates.relative-undated",
        "dates",
        "warning",
        "→",
        "error",
        "on",
    ]
    isolated = {
        line.split()[0]: line.split()[3]
        for line in invoke("rules", "--isolated").stdout.splitlines()[1:]
        if line.strip()
    }
    assert isolated["dates.vague-time"] == "on"


def test_rules_as_json(site):
    data = json.loads(invoke("rules", "--format", "json").stdout)
    by_id = {rule["id"]: rule for rule in data}
    assert by_id["dates.vague-time"] == {
        "id": "dates.vague-time",
        "pack": "dates",
        "severity": "warning",
        "default_severity": "warning",
        "enabled": True,
        "summary": by_id["dates.vague-time"]["summary"],
        "extends": "python",
        "fixable": False,
        "source": None,
    }
    assert by_id["style.ap-preferred"]["fixable"] is True
    assert [rule["id"] for rule in data] == sorted(rule["id"] for rule in data)


def test_rules_as_markdown_is_the_reference(site):
    text = invoke("rules", "--format", "markdown").stdout
    assert text.startswith("# lintnews rule reference")
    assert "### dates.vague-time" in text and "| [`dates.vague-time`](#datesvague-time) |" in text
    assert "⟦" not in text


def test_rule_shows_documentation_with_examples(site):
    result = invoke("rule", "dates.vague-time")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("dates.vague-time  [warning, on]")
    assert "Flagged:" in out and "Not flagged:" in out
    from lintnews.ruleset.packs import load_rules

    examples = load_rules(use_cache=False).get("dates.vague-time").examples
    for example in examples:  # every example, with its ⟦marks⟧ removed
        first_line = example.text.replace("⟦", "").replace("⟧", "").strip().splitlines()[0]
        assert first_line in out
    assert "⟦" not in out


def test_rule_explains_meta_rules(site):
    result = invoke("rule", "file.front-matter")
    assert result.exit_code == 0 and "front matter" in result.stdout.lower()


def test_unknown_rule_is_exit_2_with_a_suggestion(site):
    result = invoke("rule", "dates.vage-time")
    assert result.exit_code == 2 and result.stdout == ""
    assert "no rule named 'dates.vage-time'; did you mean dates.vague-time?" in result.stderr


# -- version, module, help ---------------------------------------------------------------------------
def test_version(site):
    result = spawn("--version", cwd=site)
    assert result.exit_code == 0 and result.stdout == f"lintnews {__version__}\n"


def test_python_dash_m_works_the_same(site):
    assert spawn("--version", cwd=site, module=True).stdout == f"lintnews {__version__}\n"
    direct = spawn("check", "--no-cache", "--format", "json", *VAGUE, "drafts", cwd=site)
    module = spawn(
        "check", "--no-cache", "--format", "json", *VAGUE, "drafts", cwd=site, module=True
    )
    assert module.exit_code == direct.exit_code == 1
    assert module.stdout == direct.stdout
    bad = spawn("rule", "nope.nope", cwd=site, module=True)
    assert bad.exit_code == 2 and "Traceback" not in bad.stderr


def test_help_names_the_commands_and_options(site):
    top = spawn("--help", cwd=site, env={"COLUMNS": "100"})
    assert top.exit_code == 0
    for word in ("check", "rules", "rule", "--version"):
        assert word in top.stdout
    sub = spawn("check", "--help", cwd=site, env={"COLUMNS": "100"})
    assert sub.exit_code == 0
    for option in (
        "--format",
        "--select",
        "--ignore",
        "--fail-on",
        "--config",
        "--isolated",
        "--quiet",
        "--statistics",
        "--stdin-filename",
        "--fix",
        "--color",
    ):
        assert option in sub.stdout
    assert "<bool>" not in top.stdout + sub.stdout  # flags take no value; do not suggest one


def test_no_arguments_shows_help(site):
    result = spawn(cwd=site)
    assert result.exit_code in (0, 2) and "check" in result.stdout + result.stderr


# -- walking folders and paths ----------------------------------------------------------------------
def test_walking_skips_hidden_node_modules_gitignored_and_other_extensions(site):
    for folder in (".hidden", "node_modules", "drafts/node_modules", "drafts/.git", "build"):
        write(site / folder / "x.md", "It was recently.\n")
    write(site / ".gitignore", "build/\n*.draft.md\n")
    write(site / "drafts" / "wip.draft.md", "It was recently.\n")
    write(site / "drafts" / "sub" / ".gitignore", "ignored-here.txt\n")
    write(site / "drafts" / "sub" / "ignored-here.txt", "It was recently.\n")
    write(site / "drafts" / "notes.rst", "It was recently.\n")
    write(site / "drafts" / "page.markdown", "It was recently.\n")
    write(site / "drafts" / "comp.mdx", "It was recently.\n")
    (site / ".git").mkdir()
    result = check("--format", "json", *VAGUE, ".")
    assert sorted({f["path"] for f in result.json()}) == [
        "drafts/a.md",
        "drafts/b.md",
        "drafts/comp.mdx",
        "drafts/page.markdown",
        "drafts/sub/c.txt",
    ]


def test_walking_skips_the_repositorys_own_documents_unless_named_or_included(site):
    for name in ("README.md", "CHANGELOG.md", "drafts/LICENSE.txt", "drafts/Contributing.markdown"):
        write(site / name, "It was recently.\n")
    write(site / "drafts" / "readme-tips.md", "It was recently.\n")  # an article about READMEs
    walked = {f["path"] for f in check("--format", "json", *VAGUE, ".").json()}
    assert "drafts/readme-tips.md" in walked
    assert not walked & {
        "README.md",
        "CHANGELOG.md",
        "drafts/LICENSE.txt",
        "drafts/Contributing.markdown",
    }
    assert {f["path"] for f in check("--format", "json", *VAGUE, "README.md").json()} == {
        "README.md"
    }
    write(site / "lintnews.toml", 'include = ["CHANGELOG.md"]\n')
    assert "CHANGELOG.md" in {f["path"] for f in check("--format", "json", *VAGUE, ".").json()}


def test_gitignore_of_the_repository_applies_when_linting_a_subfolder(site, monkeypatch):
    (site / ".git").mkdir()
    write(site / ".gitignore", "drafts/b.md\n")
    monkeypatch.chdir(site / "drafts")
    result = check("--format", "json", *VAGUE, ".")
    assert sorted({f["path"] for f in result.json()}) == ["a.md", "sub/c.txt"]


def test_a_named_file_is_linted_even_if_ignored_or_odd(site):
    write(site / ".gitignore", "drafts/a.md\n")
    write(site / "notes.rst", "It was recently.\n")
    result = check("--format", "json", *VAGUE, "drafts/a.md", "notes.rst")
    assert [f["path"] for f in result.json()] == ["drafts/a.md", "notes.rst"]


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (".", "drafts/sub/c.txt"),
        ("drafts", "drafts/sub/c.txt"),
        ("drafts/", "drafts/sub/c.txt"),
        ("./drafts", "drafts/sub/c.txt"),
        ("drafts/sub/c.txt", "drafts/sub/c.txt"),
        ("drafts/sub", "drafts/sub/c.txt"),
    ],
)
def test_paths_are_as_given_joined_with_the_path_below(site, given, shown):
    result = check("--format", "json", *VAGUE, given)
    assert shown in {f["path"] for f in result.json()}


def test_paths_from_a_sibling_folder_and_absolute(site, monkeypatch):
    (site / "elsewhere").mkdir()
    monkeypatch.chdir(site / "elsewhere")
    relative = check("--format", "json", *VAGUE, "../drafts/sub")
    assert [f["path"] for f in relative.json()] == ["../drafts/sub/c.txt"]
    absolute = check("--format", "json", *VAGUE, str(site / "drafts" / "sub"))
    assert [f["path"] for f in absolute.json()] == [str(site / "drafts" / "sub" / "c.txt")]


def test_a_missing_file_is_a_finding_and_other_files_are_still_linted(site):
    result = check("--format", "json", *VAGUE, "nope.md", "drafts/a.md")
    assert result.exit_code == 1
    assert [(f["path"], f["rule"]) for f in result.json()] == [
        ("drafts/a.md", "dates.vague-time"),
        ("nope.md", "file.unreadable"),
    ]


def test_a_binary_file_found_by_walking_is_skipped_with_a_note(site):
    (site / "drafts" / "image.md").write_bytes(b"\x89PNG\x00\x00\x00")
    result = check(*VAGUE, "drafts")
    assert "skipped drafts/image.md" in result.stdout
    named = check("--format", "json", *VAGUE, "drafts/image.md")
    assert [f["rule"] for f in named.json()] == ["file.binary"]


def test_default_path_is_the_current_folder(site):
    result = check("--format", "json", *VAGUE)
    assert sorted({f["path"] for f in result.json()}) == [
        "drafts/a.md",
        "drafts/b.md",
        "drafts/sub/c.txt",
    ]


def test_output_is_deterministic(site):
    first = spawn("check", "--no-cache", "--format", "json", *VAGUE, ".", cwd=site)
    second = spawn("check", "--format", "json", *VAGUE, ".", cwd=site)  # and with the result cache
    third = spawn("check", "--format", "json", *VAGUE, ".", cwd=site)
    assert first.stdout == second.stdout == third.stdout


def test_the_result_cache_is_written_reused_and_invalidated_by_edits(site):
    write(site / "lintnews.toml", 'cache-dir = "cache"\n')  # a chosen place for the cache
    first = spawn("check", "--format", "json", *VAGUE, "drafts", cwd=site)
    assert (site / "cache" / "results.sqlite3").is_file()
    again = spawn("check", "--format", "json", *VAGUE, "drafts", cwd=site)
    assert again.stdout == first.stdout
    write(site / "drafts" / "a.md", "Fine text.\n\nIt happened on Monday.\n")
    edited = spawn("check", "--format", "json", *VAGUE, "drafts", cwd=site)
    assert "drafts/a.md" not in {f["path"] for f in edited.json()}
    changed_config = spawn(
        "check",
        "--format",
        "json",
        "--select",
        "dates.vague-time",
        "--ignore",
        "dates",
        "drafts",
        cwd=site,
    )
    assert changed_config.json() == []


def test_a_folder_without_config_or_git_is_never_written_into(site, tmp_path_factory, monkeypatch):
    home_cache = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home_cache))
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    first = spawn("check", "--format", "json", *VAGUE, "drafts", cwd=site)
    again = spawn("check", "--format", "json", *VAGUE, "drafts", cwd=site)
    assert again.stdout == first.stdout
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert list(home_cache.rglob("results.sqlite3"))
