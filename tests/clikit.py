"""Running the CLI in tests: in-process (fast) or as a real subprocess (exactly as users do)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

NO_CLICHES = """
extends: existence
message: "'%s' is a cliché."
level: warning
summary: Tired phrases.
description: Phrases every editor cuts.
ignorecase: true
tokens:
  - at the end of the day
  - game[- ]changer
examples:
  bad: ["⟦At the end of the day⟧, it works."]
  good: ["It works."]
"""


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> list[dict]:
        return json.loads(self.stdout)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Rule caches go to a folder of this test session, never the user's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
    for name in ("NO_COLOR", "FORCE_COLOR", "LINTNEWS_DEBUG"):
        monkeypatch.delenv(name, raising=False)


def invoke(
    *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> Result:
    """Run ``lintnews ARGS`` in this process (the working folder is the test's)."""
    from typer.testing import CliRunner

    from lintnews.cli import app

    runner = CliRunner()
    result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def spawn(
    *args: str,
    cwd: Path,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    module: bool = False,
) -> Result:
    """Run lintnews as a separate process, as a shell would."""
    command = (
        [sys.executable, "-m", "lintnews"]
        if module
        else [str(Path(sys.executable).parent / "lintnews")]
    )
    full_env = {**os.environ, **(env or {})}
    done = subprocess.run(
        [*command, *args], cwd=cwd, input=input, capture_output=True, env=full_env, timeout=120
    )
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def house_folder(root: Path, folder: str = "styles") -> Path:
    """``root/styles/house/no-cliches.yml``: the house rule of the issue's example."""
    write(root / folder / "house" / "no-cliches.yml", NO_CLICHES)
    return root / folder
