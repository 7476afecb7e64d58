"""The README's configuration and house-rule examples work as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(language: str, marker: str) -> str:
    for body in re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL):
        if marker in body:
            return body
    raise AssertionError(f"no {language} block containing {marker!r} in README.md")


def test_readme_config_and_house_rule_load_and_run(tmp_path):
    (tmp_path / "lintnews.toml").write_text(_block("toml", "# lintnews.toml"), encoding="utf-8")
    house = tmp_path / "styles" / "house"
    house.mkdir(parents=True)
    (house / "no-cliches.yml").write_text(_block("yaml", "no-cliches"), encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(
        "---\ndate: 2025-01-02\n---\nAt the end of the day, the council agreed.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--no-cache", "--format", "json", "drafts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr  # the example sets fail-on = "error"
    assert '"rule": "house.no-cliches"' in result.stdout


def test_readme_names_the_two_setup_commands():
    assert "pip install . && lintnews check examples/" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI installs the test extra (and the dev one: ruff, mypy), checks, then runs the suite
    assert 'pip install --quiet -e ".[test,dev]"' in ci and ci.rstrip().endswith("python -m pytest")
    assert all(step in ci for step in ("\nruff check .\n", "\nruff format --check .\n", "\nmypy\n"))
    assert 'pip install -e ".[test]" && pytest' in README


def test_readme_python_api_example_runs():
    code = _block("python", "import lintnews")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "examples/" in result.stdout  # lint_paths found the examples' findings
