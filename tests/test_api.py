"""The Python API returns what the command line prints, on every corpus in the repository."""

from __future__ import annotations

import subprocess
import sys

import pytest

import lintnews
from lintnews.api import Config, Finding, Linter
from tests.clikit import ROOT, house_folder, invoke, write

CORPORA = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "corpus").iterdir())
CORPORA = [c for c in CORPORA if (ROOT / c).is_dir()] + ["examples"]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(isolated=True, cache=False))


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("corpus", CORPORA)
def test_lint_paths_is_what_check_prints(corpus, linter, at_root):
    printed = invoke("check", "--format", "json", "--isolated", "--no-cache", corpus).json()
    found = [f.to_json() for f in linter.lint_paths([corpus])]
    assert printed, f"{corpus}: the corpus should have findings to compare"
    assert found == printed


@pytest.mark.parametrize("corpus", CORPORA)
def test_lint_text_is_what_check_prints_per_file(corpus, linter, at_root):
    printed = invoke("check", "--format", "json", "--isolated", "--no-cache", corpus).json()
    by_path: dict[str, list[dict]] = {}
    for row in printed:
        by_path.setdefault(row["path"], []).append(row)
    for target in linter.targets([corpus]):
        text = (ROOT / target.display).read_text(encoding="utf-8")
        found = [f.to_json() for f in linter.lint_text(text, path=target.display)]
        assert found == by_path.get(target.display, []), target.display


def test_module_functions_and_a_config_file(tmp_path, monkeypatch):
    """lintnews.lint_text / lint_paths honour a config file (house rules, selection) like the CLI."""
    house_folder(tmp_path)
    write(tmp_path / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\n')
    write(tmp_path / "posts" / "a.md", "# Title\n\nAt the end of the day, it works.\n")
    monkeypatch.chdir(tmp_path)
    printed = invoke("check", "--format", "json", "--no-cache", "posts").json()
    assert [row["rule"] for row in printed] == ["house.no-cliches"]
    assert [f.to_json() for f in lintnews.lint_paths(["posts"])] == printed
    # Discovered from the working folder, or named as a path: the same findings.
    text = (tmp_path / "posts" / "a.md").read_text()
    assert [f.to_json() for f in lintnews.lint_text(text, path="posts/a.md")] == printed
    named = lintnews.lint_text(text, path="posts/a.md", config=tmp_path / "lintnews.toml")
    assert [f.to_json() for f in named] == printed
    # --isolated: no house rules, so the cliché is not flagged.
    isolated = lintnews.lint_text(text, config=Config(isolated=True))
    assert all(f.rule != "house.no-cliches" for f in isolated)


def test_select_and_ignore_match_the_flags(linter, at_root):
    flags = ["--isolated", "--no-cache", "--select", "claims", "--ignore", "claims.vague-source"]
    printed = invoke("check", "--format", "json", *flags, "examples").json()
    config = Config(isolated=True, cache=False, select=["claims"], ignore=["claims.vague-source"])
    found = [f.to_json() for f in lintnews.lint_paths(["examples"], config)]
    assert found == printed
    assert {row["rule"].split(".")[0] for row in printed} == {"claims"}
    assert "claims.vague-source" not in {row["rule"] for row in printed}


def test_a_finding_is_typed_and_frozen(linter):
    (finding, *_) = linter.lint_text("# Prices\n\nExperts say prices fell 40% this year.\n")
    assert isinstance(finding, Finding)
    assert set(finding.to_json()) == {
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
    assert finding.path == "draft.md" and finding.severity in ("error", "warning", "info")
    with pytest.raises(AttributeError):
        finding.line = 3  # type: ignore[misc]


def test_config_errors_name_the_file(tmp_path):
    bad = write(tmp_path / "lintnews.toml", 'select = ["no-such-pack"]\n')
    with pytest.raises(lintnews.run.config.ConfigError, match="lintnews.toml"):
        Linter(bad)
    with pytest.raises(TypeError):
        Linter(42)  # type: ignore[arg-type]


def test_import_lintnews_stays_cheap():
    """The API is imported on first use: `import lintnews` loads neither it nor pydantic."""
    code = (
        "import sys, lintnews; "
        "print('lintnews.api' in sys.modules, 'pydantic' in sys.modules, 'lintnews.run.runner' in sys.modules); "
        "lintnews.Linter; print('lintnews.api' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "False", "True"]
