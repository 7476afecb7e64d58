"""The composite GitHub Action (action.yml): its shell steps run here as the runner would run
them (bash -e, inputs in env, GITHUB_OUTPUT a file) in a git repository with an origin/main."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .ci_helpers import VAGUE, clean_env, commit_all, git, init_repo, write

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
BIN = Path(sys.executable).parent


def run_step(
    name: str, cwd: Path, tmp: Path, **env: str
) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run one `run:` step with bash -e like the runner (shell: bash); return it and its outputs."""
    step = STEPS[name]
    assert step["shell"] == "bash"
    outputs = tmp / f"output-{len(list(tmp.glob('output-*')))}"
    outputs.write_text("", encoding="utf-8")
    variables = clean_env(GITHUB_OUTPUT=str(outputs), RUNNER_TEMP=str(tmp), **env)
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=variables,
        timeout=600,
    )
    return proc, outputs.read_text(encoding="utf-8")


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A checkout of a pull request branch whose base branch is main on the remote origin
    (not fetched yet: the action's fetch step brings origin/main)."""
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    repo = init_repo(tmp_path / "site")
    write(
        repo / "news" / "council.md",
        "# Council backs levy\n\nThe council recently voted on the levy.\n",
    )
    commit_all(repo, "Published")
    git("remote", "add", "origin", str(origin), cwd=repo)
    git("push", "-q", "origin", "main", cwd=repo)
    git("update-ref", "-d", "refs/remotes/origin/main", cwd=repo)
    git("checkout", "-q", "-b", "fix-council", cwd=repo)
    write(
        repo / "news" / "council.md",
        "# Council backs levy\n\nThe council recently voted on the levy.\n\nLately, turnout was low.\n",
    )
    commit_all(repo, "Add turnout")
    return repo


def test_inputs_reach_scripts_only_through_env() -> None:
    assert ACTION["runs"]["using"] == "composite"
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], (
                f"{step['name']} interpolates an expression into shell code"
            )
    upload = STEPS["Upload SARIF to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"


def test_annotations_cover_only_the_pull_requests_lines(pull_request: Path, tmp_path: Path) -> None:
    if not (BIN / "lintnews").exists():
        pytest.skip("lintnews is not installed next to this Python")
    fetch, _ = run_step(
        "Fetch the pull request's base branch",
        pull_request,
        tmp_path,
        BASE_REF="main",
        DIFF_BASE="",
    )
    assert fetch.returncode == 0, fetch.stderr
    env = dict(
        LINTNEWS_BIN=str(BIN), PATHS="news", ARGS=f"--select {VAGUE}", BASE_REF="main", DIFF_BASE=""
    )
    proc, _ = run_step("Annotate changed lines", pull_request, tmp_path, **env)
    assert proc.returncode == 1, proc.stderr
    commands = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert commands == [
        f"::warning file=news/council.md,line=5,col=1,endLine=5,endColumn=7,title={VAGUE}::"
        "'Lately' is vague: say when it happened (a date or a day), or cut it."
    ]
    everything, _ = run_step(
        "Annotate changed lines", pull_request, tmp_path, **{**env, "DIFF_BASE": "none"}
    )
    assert len([line for line in everything.stdout.splitlines() if line.startswith("::")]) == 2
    # A push (no base branch) lints every line too.
    push, _ = run_step("Annotate changed lines", pull_request, tmp_path, **{**env, "BASE_REF": ""})
    assert len([line for line in push.stdout.splitlines() if line.startswith("::")]) == 2


def test_sarif_step_writes_the_whole_tree_and_fails_only_on_errors(
    pull_request: Path, tmp_path: Path
) -> None:
    if not (BIN / "lintnews").exists():
        pytest.skip("lintnews is not installed next to this Python")
    env = dict(
        LINTNEWS_BIN=str(BIN), PATHS="news", ARGS=f"--select {VAGUE}", SARIF_FILE="lintnews.sarif"
    )
    proc, outputs = run_step("Lint the whole tree to SARIF", pull_request, tmp_path, **env)
    assert proc.returncode == 0, proc.stderr  # findings are not a reason to skip the upload
    assert outputs.strip() == "file=lintnews.sarif"
    document = json.loads((pull_request / "lintnews.sarif").read_text(encoding="utf-8"))
    assert len(document["runs"][0]["results"]) == 2
    broken, _ = run_step(
        "Lint the whole tree to SARIF", pull_request, tmp_path, **{**env, "ARGS": "--fail-on never"}
    )
    assert broken.returncode == 2 and "--fail-on" in broken.stderr


@pytest.mark.slow
def test_install_step_installs_this_checkout(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = dict(
        PYTHON=sys.executable,
        REQUIREMENT="",
        ACTION_PATH=str(ROOT),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    proc, outputs = run_step("Install lintnews", tmp_path, tmp_path, **env)
    assert proc.returncode == 0, proc.stderr
    installed = Path(outputs.strip().removeprefix("bin="))
    version = subprocess.run(
        [str(installed / "lintnews"), "--version"], capture_output=True, text=True, env=clean_env()
    )
    assert version.returncode == 0 and version.stdout.startswith("lintnews ")
    assert os.path.commonpath([installed, tmp_path]) == str(tmp_path)
