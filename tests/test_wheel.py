"""A wheel built from the repository, installed in a fresh venv and run from another folder,
finds the built-in rules (they ship inside the package as lintnews/_builtin_rules)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent  # the repository: wherever CI cloned it

pytestmark = pytest.mark.slow


def _run(
    command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0 or command[-1] == "-", (
        f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return done


def _build_wheel(out: Path, env: dict[str, str]) -> Path:
    if importlib.util.find_spec("build") and importlib.util.find_spec("hatchling"):
        command = [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ]
    else:  # a plain test environment: pip fetches the build backend itself
        command = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ]
    _run(command, cwd=out, env=env)
    wheels = sorted(out.glob("lintnews-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv bin folder, a clean environment, the wheel) for a wheel built and installed once."""
    base = tmp_path_factory.mktemp("wheel")
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env["XDG_CACHE_HOME"] = str(base / "cache")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    (base / "dist").mkdir()
    wheel = _build_wheel(base / "dist", env)
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base, env=env)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=base, env=env)
    return bin_dir, env, wheel


@pytest.fixture()
def elsewhere(tmp_path):
    """A folder outside the repository with one draft in it."""
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "draft.md").write_text(
        "# Notes\n\nThe company recently changed its policy.\n", encoding="utf-8"
    )
    return tmp_path


def _wheel_rule_ids(wheel: Path) -> set[str]:
    prefix = "lintnews/_builtin_rules/"
    ids = set()
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(prefix) and name.endswith((".yml", ".yaml")):
                parts = name[len(prefix) :].split("/")
                if len(parts) == 2 and not parts[0].startswith(("_", ".")):
                    ids.add(f"{parts[0]}.{parts[1].rsplit('.', 1)[0]}")
    return ids


def test_the_wheel_carries_the_rule_packs_and_no_tests(installed):
    _, _, wheel = installed
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "lintnews/_builtin_rules/dates/vague-time.yml" in names
    assert "lintnews/py.typed" in names  # the API is typed for users of the wheel
    assert any(name.startswith("lintnews/_builtin_rules/_lexicon/") for name in names)
    assert "lintnews/cli.py" in names and "lintnews/__main__.py" in names
    assert not any(
        name.startswith("tests/") or "__pycache__" in name or name.endswith(".pyc")
        for name in names
    )
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        assert "lintnews = lintnews.cli:main" in archive.read(entry_points).decode()


def test_installed_lintnews_is_the_wheel_not_the_checkout(installed, elsewhere):
    bin_dir, env, _ = installed
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    done = _run(
        [
            str(python),
            "-c",
            "import lintnews, lintnews.ruleset.packs; print(lintnews.__file__); print(lintnews.ruleset.packs.builtin_rules_dir())",
        ],
        cwd=elsewhere,
        env=env,
    )
    module_file, rules_dir = done.stdout.splitlines()
    venv = bin_dir.parent.resolve()
    assert Path(module_file).resolve().is_relative_to(venv)
    assert (
        Path(rules_dir).resolve().is_relative_to(venv) and Path(rules_dir).name == "_builtin_rules"
    )
    assert not Path(rules_dir).resolve().is_relative_to(ROOT.resolve())


def test_version_from_the_installed_command(installed, elsewhere):
    bin_dir, env, _ = installed
    version = (
        (ROOT / "lintnews" / "__init__.py")
        .read_text(encoding="utf-8")
        .split('__version__ = "')[1]
        .split('"')[0]
    )
    done = _run([str(bin_dir / "lintnews"), "--version"], cwd=elsewhere, env=env)
    assert done.stdout == f"lintnews {version}\n"


def test_rules_lists_every_built_in_rule_of_the_wheel(installed, elsewhere):
    bin_dir, env, wheel = installed
    done = _run(
        [str(bin_dir / "lintnews"), "rules", "--isolated", "--format", "json"],
        cwd=elsewhere,
        env=env,
    )
    listed = {rule["id"] for rule in json.loads(done.stdout)}
    assert "dates.vague-time" in listed
    assert listed == _wheel_rule_ids(wheel)
    text = _run([str(bin_dir / "lintnews"), "rules", "--isolated"], cwd=elsewhere, env=env).stdout
    assert any(line.startswith("dates.vague-time ") for line in text.splitlines())


def test_check_finds_a_built_in_rule_from_another_folder(installed, elsewhere):
    bin_dir, env, _ = installed
    command = [
        str(bin_dir / "lintnews"),
        "check",
        "--isolated",
        "--no-cache",
        "--select",
        "dates.vague-time",
        "--format",
        "json",
        "posts",
    ]
    done = subprocess.run(
        command, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in findings] == [
        ("posts/draft.md", 3, 13, "dates.vague-time")
    ]


def test_python_dash_m_in_the_installed_venv(installed, elsewhere):
    bin_dir, env, _ = installed
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    command = [
        str(python),
        "-m",
        "lintnews",
        "check",
        "--isolated",
        "--no-cache",
        "--select",
        "dates",
        "--format",
        "json",
        "posts/draft.md",
    ]
    done = subprocess.run(
        command, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1, done.stderr
    assert [f["rule"] for f in json.loads(done.stdout)] == ["dates.vague-time"]


def test_every_built_in_rule_loads_from_the_wheel(installed, elsewhere):
    """The python checks that rule files name ship in the wheel too (no rule fails to load)."""
    bin_dir, env, _ = installed
    done = _run([str(bin_dir / "lintnews"), "rule", "dates.vague-time"], cwd=elsewhere, env=env)
    assert done.stdout.startswith("dates.vague-time")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    probe = (
        "from lintnews.ruleset.packs import load_rules\n"
        "from lintnews.checks import resolve\n"
        "rules = load_rules(use_cache=False)\n"
        "for rule in rules.rules:\n"
        "    if rule.extension == 'python':\n"
        "        resolve(rule.check_name)\n"
        "print(len(rules.rules))\n"
    )
    count = int(_run([str(python), "-c", probe], cwd=elsewhere, env=env).stdout.strip())
    assert count >= 1
