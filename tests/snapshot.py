"""Findings snapshot: every corpus and the bench corpus, linted with the built-in rules.

The engine may get faster or change shape, but it must report the same findings. This
records them (``--update``) and compares a run against the record (``tests/test_snapshot.py``).

    .venv/bin/python tests/snapshot.py --update   # after an intended change to rules or checks

A change to a rule or a check that changes findings on purpose updates the snapshot in the
same commit, so the review shows exactly which findings moved.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "snapshots" / "findings.json"
BENCH_ARGS = ("--count", "100", "--seed", "1")  # bench/generate.py: byte-identical on any machine
KEYS = ("line", "column", "end_line", "end_column", "rule", "severity", "message", "fix")


def corpora() -> dict[str, Path]:
    """Every corpus in the repository (tests/corpus/*, examples/); the bench one is generated."""
    found = {
        f"corpus/{p.name}": p for p in sorted((ROOT / "tests" / "corpus").iterdir()) if p.is_dir()
    }
    found["examples"] = ROOT / "examples"
    return found


def lint(folder: Path, lintnews: Path) -> list[list[object]]:
    """One line per finding, paths relative to ``folder``, in a stable order."""
    with tempfile.TemporaryDirectory() as cache:
        done = subprocess.run(
            [
                str(lintnews),
                "check",
                "--isolated",
                "--no-cache",
                "--format",
                "json",
                ".",
            ],
            cwd=folder,
            capture_output=True,
            env={**os.environ, "XDG_CACHE_HOME": cache},
            timeout=600,
        )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"lintnews failed on {folder}: {done.stderr.decode(errors='replace')}")
    rows = []
    for finding in json.loads(done.stdout):
        rows.append([finding["path"], *(finding[k] for k in KEYS)])
    return sorted(rows, key=lambda row: json.dumps(row))


def bench_corpus(into: Path) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(into), *BENCH_ARGS],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return into


def take(lintnews: Path) -> dict[str, list[list[object]]]:
    out = {name: lint(folder, lintnews) for name, folder in corpora().items()}
    with tempfile.TemporaryDirectory() as work:
        out["bench"] = lint(bench_corpus(Path(work) / "bench"), lintnews)
    return out


def dumps(snapshot: dict[str, list[list[object]]]) -> str:
    """One finding per line, so a review diff shows exactly the findings that moved."""
    parts = []
    for name, rows in snapshot.items():
        body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        parts.append(f"{json.dumps(name)}: [\n{body}\n]" if rows else f"{json.dumps(name)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the stored snapshot")
    args = parser.parse_args()
    lintnews = Path(sys.executable).parent / "lintnews"
    now = take(lintnews)
    if args.update:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(dumps(now), encoding="utf-8")
        print(f"wrote {SNAPSHOT} ({sum(map(len, now.values()))} findings)")
        return 0
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return 0 if stored == now else 1


if __name__ == "__main__":
    sys.exit(main())
