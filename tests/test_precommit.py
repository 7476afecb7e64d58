"""The pre-commit hook, run by the real ``pre-commit try-repo`` against this repository.

pre-commit clones this repository at HEAD (plus staged and modified tracked files), installs
lintnews into a fresh virtualenv from the package index, and runs the hook in a temporary
writing repository, exactly as a newsroom's repository would.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .ci_helpers import AP_STYLE, VAGUE, clean_env, git, init_repo, write

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def try_repo(
    writing: Path, home: Path, *args: str, hook: str = "lintnews"
) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(ROOT),
        hook,
        "--color",
        "never",
        *args,
    ]
    env = clean_env(PRE_COMMIT_HOME=str(home), PIP_DISABLE_PIP_VERSION_CHECK="1")
    return subprocess.run(
        command, cwd=writing, capture_output=True, text=True, env=env, timeout=900
    )


def need_git_checkout() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip(
            "pre-commit try-repo needs this project as a git checkout (this is an unpacked archive)"
        )


def test_hook_fails_on_findings_and_passes_a_clean_draft(tmp_path: Path) -> None:
    need_git_checkout()
    writing = init_repo(tmp_path / "writing")
    # Only the rule under test: rules added to lintnews later must not change this outcome.
    write(writing / "lintnews.toml", f'select = ["{VAGUE}"]\n')
    write(
        writing / "drafts" / "council.md",
        "# Council backs levy\n\nThe council recently voted on the levy.\n",
    )
    write(
        writing / "drafts" / "budget.md",
        "# Budget passes\n\nThe council passed the budget on Tuesday.\n",
    )
    # Not a draft: the hook's file pattern must leave it alone even though it says "recently".
    write(writing / "scripts" / "publish.py", "# recently rewritten\nprint('publish')\n")
    git("add", "-A", cwd=writing)  # --all-files means the files git tracks
    home = tmp_path / "pre-commit-home"

    failing = try_repo(writing, home, "--all-files")
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "drafts/council.md:3:13: dates.vague-time" in output
    assert "Failed" in output
    assert "budget.md:" not in output and "publish.py" not in output

    passing = try_repo(writing, home, "--files", "drafts/budget.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_fix_hook_rewrites_the_draft_and_fails_so_the_fix_is_reviewed(tmp_path: Path) -> None:
    need_git_checkout()
    writing = init_repo(tmp_path / "writing")
    write(writing / "lintnews.toml", f'select = ["{AP_STYLE}"]\n')
    draft = write(writing / "tips.md", "# Send us tips\n\nSend an e-mail to the desk.\n")
    git("add", "-A", cwd=writing)
    result = try_repo(writing, tmp_path / "pre-commit-home", "--all-files", hook="lintnews-fix")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert draft.read_text(encoding="utf-8") == "# Send us tips\n\nSend an email to the desk.\n"


def test_hook_lints_exactly_the_drafts_of_a_hugo_style_repository(tmp_path: Path) -> None:
    """pre-commit names every tracked file; --force-exclude in the hook applies the config's
    exclude and the walk's skips (README, themes/, archetypes/, hidden folders) to them."""
    need_git_checkout()
    writing = init_repo(tmp_path / "writing")
    write(writing / "lintnews.toml", f'select = ["{VAGUE}"]\nexclude = ["content/archive/**"]\n')
    # Every file says "recently", so each file the hook lints shows up in its output.
    drafts = ["content/posts/levy.md", "content/posts/budget/index.md", "notes.txt"]
    passed_over = [
        "README.md",
        "CHANGELOG.md",
        "themes/paper/README.md",
        "themes/paper/exampleSite/content/post.md",
        "archetypes/default.md",
        "layouts/partials/note.md",
        "content/archive/2019/old.md",
        ".github/PULL_REQUEST_TEMPLATE.md",
        "scripts/publish.py",
    ]
    for name in drafts + passed_over:
        write(writing / name, "# Notes\n\nThe council recently voted on the levy.\n")
    write(writing / "archetypes" / "default.md", '---\ntitle: "{{ .Name }}"\n---\nRecently.\n')
    git("add", "-A", cwd=writing)
    result = try_repo(writing, tmp_path / "pre-commit-home", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    linted = set(re.findall(r"^(\S+?):\d+:\d+: ", output, re.MULTILINE))
    assert linted == set(drafts), output
    assert "front-matter" not in output  # the archetype's Go template was never parsed
