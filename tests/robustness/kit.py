"""Helpers for the robustness suite: build hostile input in a temporary folder, run the CLI
on it and read the findings back.

Every test lints a *witness* file next to the broken one: a draft whose finding (the
``dates.vague-time`` rule on "recently") must still be reported, so a broken file can never
quietly cost the other files' findings. Rules are selected explicitly so that rules other
people add do not change what these tests see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VAGUE = "dates.vague-time"
WITNESS_TEXT = "We recently changed the refund policy.\n"
#: Where dates.vague-time flags WITNESS_TEXT: line 1, column 4 ("recently").
WITNESS_AT = (1, 4)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> list[dict[str, Any]]:
        return json.loads(self.stdout)

    def findings(self, path: str | None = None, rule: str | None = None) -> list[dict[str, Any]]:
        return [
            f
            for f in self.json()
            if (path is None or f["path"] == path) and (rule is None or f["rule"] == rule)
        ]


def _clean(result: Result) -> Result:
    """No run may end in a traceback or an internal error, whatever the input."""
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        assert "internal error" not in stream, stream
    return result


def check(*args: str, select: tuple[str, ...] = (VAGUE,), isolated: bool = True) -> Result:
    """``lintnews check --no-cache [--isolated] --select … ARGS`` in this process (cwd: the test's)."""
    from typer.testing import CliRunner

    from lintnews.cli import app

    full = ["check", "--no-cache", "--color", "never"]
    if isolated:
        full.append("--isolated")
    for rule in select:
        full += ["--select", rule]
    result = CliRunner().invoke(app, [*full, *args], catch_exceptions=False)
    return _clean(Result(result.exit_code, result.stdout, result.stderr))


def check_json(*args: str, **kwargs: Any) -> Result:
    return check("--format", "json", *args, **kwargs)


def spawn(*args: str, cwd: Path, timeout: float = 120) -> Result:
    """The real executable in a child process, exactly as CI runs it."""
    exe = Path(sys.executable).parent / "lintnews"
    done = subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return _clean(Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")))


def witness(folder: Path, name: str = "witness.md") -> Path:
    """A healthy draft with one known finding."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(WITNESS_TEXT, encoding="utf-8")
    return path


def assert_witness(result: Result, display: str = "witness.md") -> None:
    """The healthy file's finding survived whatever broke next to it."""
    found = [(f["line"], f["column"]) for f in result.findings(display, VAGUE)]
    assert found == [WITNESS_AT], result.stdout


def only(result: Result, path: str, rule: str) -> dict[str, Any]:
    """The single finding of ``rule`` on ``path``."""
    found = result.findings(path, rule)
    assert len(found) == 1, result.stdout
    return found[0]
