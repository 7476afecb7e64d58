"""Run the real CLI and real git for the CI-integration tests (formats, baseline, diff base)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Rules that exist today and fire on plain reporting prose; tests select them explicitly so
#: that rules added later do not change what these tests see.
VAGUE = "dates.vague-time"
AFFILIATE = "disclosure.affiliate-missing"
AP_STYLE = "style.ap-preferred"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without git hook variables (pytest may run inside a git hook) and
    without colour switches, so output is the same everywhere."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GIT_") and k not in ("FORCE_COLOR", "NO_COLOR")
    }
    env.update(extra)
    return env


def lintnews(*args: str, cwd: Path) -> Result:
    """``lintnews ARGS`` run as a user would, in ``cwd`` (config is discovered from there)."""
    command = [sys.executable, "-m", "lintnews", *args]
    proc = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=clean_env(), timeout=120
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def git(*args: str, cwd: Path) -> str:
    env = clean_env(
        GIT_AUTHOR_NAME="Desk Editor",
        GIT_AUTHOR_EMAIL="desk@example.com",
        GIT_COMMITTER_NAME="Desk Editor",
        GIT_COMMITTER_EMAIL="desk@example.com",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(cwd),  # no user config: defaults only
    )
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, f"git {' '.join(args)} failed: {proc.stderr}"
    return proc.stdout


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main", cwd=path)
    return path


def commit_all(repo: Path, message: str) -> str:
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", message, cwd=repo)
    return git("rev-parse", "HEAD", cwd=repo).strip()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
