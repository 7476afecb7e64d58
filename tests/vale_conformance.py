"""Vale's own conformance scenarios (``../shared/conformance/vale``) run through lintnews.

Each in-scope scenario runs ``lintnews check --format vale-line`` in its fixture folder,
with the scenario's ``.vale.ini`` as written, and its assertions are checked the way the
data's README describes (exact / contains / not-contains / exit; lines at one position may
come in any order). ``python tests/vale_conformance.py`` prints the pass count per feature
file and the failures; ``tests/test_vale_conformance.py`` holds the line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "conformance" / "vale"
LINTNEWS = Path(sys.executable).with_name("lintnews")

#: Tiers that lintnews runs: the Markdown/text core is the target; the others are run and
#: reported beside it.
IN_SCOPE = ("core", "core-filtered")
ALSO_RUN = ("engine:metric", "spelling-silent")
OUT_OF_SCOPE = {
    "spelling-silent": "needs Vale's own en_US-web dictionary (embedded in Vale's binary, not in "
    "this copy): lintnews' default dictionary knows other words",
    "engine:metric": "Vale's exact word, sentence and syllable counts (scores in messages)",
    "excluded": "other formats (reST, AsciiDoc, HTML, code), `vale sync` (network), Go output "
    "templates, --filter expressions, Tengo scripts",
    "engine:spelling": "Vale's Hunspell dictionaries were removed from this copy (GPL/LGPL terms)",
    "engine:sequence": "sequence rules need a part-of-speech tagger; lintnews reports them as "
    "unsupported",
    "error-format": "asserts Vale's own E100 error text",
}
MARKDOWN_OR_TEXT = (".md", ".txt", ".mdx", ".markdown")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Outcome:
    scenario: dict[str, object]
    passed: bool
    detail: str = ""


def scenarios() -> list[dict[str, object]]:
    data = json.loads((SHARED / "scenarios.json").read_text(encoding="utf-8"))
    return list(data["scenarios"])


def in_scope(scenario: dict[str, object]) -> bool:
    return scenario["tier"] in IN_SCOPE


def builtin_packs() -> list[str]:
    from lintnews.ruleset.packs import builtin_rules_dir

    return sorted(
        p.name for p in builtin_rules_dir().iterdir() if p.is_dir() and p.name[0] not in "_."
    )


def command(scenario: dict[str, object], workdir: Path) -> tuple[list[str], bytes | None]:
    """The lintnews command line (and stdin) for a scenario's Vale arguments."""
    args: list[str] = []
    stdin: bytes | None = None
    ext = ".txt"
    paths: list[str] = []
    for arg in scenario["argv"]:  # type: ignore[union-attr]
        if arg.startswith("--ext="):
            ext = arg.split("=", 1)[1]
        elif arg.startswith("--config="):
            args += ["--vale-config", arg.split("=", 1)[1]]
        elif arg.startswith("--minAlertLevel="):
            args += ["--min-alert-level", arg.split("=", 1)[1]]
        elif arg.startswith("--"):
            continue  # --glob, --minAlertLevel, --ignore-syntax: not translated
        else:
            paths.append(arg)
    if scenario.get("stdin_file"):
        stdin = (workdir / str(scenario["stdin_file"])).read_bytes()
        paths = ["-"]
    elif paths and not (workdir / paths[0]).exists():
        stdin = paths[0].encode()  # Vale lints a string argument as text
        paths = ["-"]
    if paths == ["-"]:
        args += ["--stdin-filename", f"stdin{ext}"]
    ignore = [flag for pack in builtin_packs() for flag in ("--ignore", pack)]
    base = [str(LINTNEWS), "check", "--format", "vale-line", "--no-cache", "--fail-on", "error"]
    return [*base, *ignore, *args, *paths], stdin


def normalise(lines: list[str]) -> list[str]:
    """Sorted by position, any order among alerts at one (file, line, column)."""

    def key(line: str) -> tuple[str, int, int, str]:
        parts = line.split(":", 4)
        try:
            return (parts[0], int(parts[1]), int(parts[2]), line)
        except (IndexError, ValueError):
            return (line, 0, 0, line)

    return sorted(lines, key=key)


def run_one(scenario: dict[str, object], root: Path) -> Outcome:
    aruba = root / "testdata" / "tmp" / "aruba"
    if aruba.exists():
        shutil.rmtree(aruba)
    aruba.mkdir(parents=True)
    for given in scenario.get("given_files") or []:  # type: ignore[union-attr]
        target = aruba / given["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(given["content"], encoding="utf-8")
    workdir = (root / str(scenario["cwd"])).resolve()
    argv, stdin = command(scenario, workdir)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VALE_", "LINTNEWS_"))}
    env["NO_COLOR"] = "1"
    result = subprocess.run(
        argv, cwd=workdir, input=stdin, capture_output=True, env=env, timeout=120, check=False
    )
    output = ANSI.sub("", result.stdout.decode("utf-8", "replace"))
    lines = [
        line
        for line in output.splitlines()
        if line
        and not line.split(":", 4)[3:4] == []
        and "." in line.split(":", 4)[3]
        and not line.split(":", 4)[3].startswith(("file.", "rule.", "lintnews."))
    ]
    filtered = scenario["tier"] == "core-filtered"
    if filtered:
        lines = [line for line in lines if line.split(":", 1)[0].endswith(MARKDOWN_OR_TEXT)]
    assertions = scenario.get("assertions_md_txt") or scenario["assertions"]
    for assertion in assertions:  # type: ignore[union-attr]
        kind = assertion["type"]
        expected_lines = assertion.get("lines") or (
            assertion["text"].splitlines() if assertion.get("text") else []
        )
        if filtered:
            expected_lines = [
                line for line in expected_lines if line.split(":", 1)[0].endswith(MARKDOWN_OR_TEXT)
            ]
        if kind == "exact":
            if normalise(lines) != normalise(expected_lines):
                return Outcome(scenario, False, _diff(expected_lines, lines, result.stderr))
        elif kind == "contains":
            text = "\n".join(normalise(lines))
            if (
                not all(item in lines for item in expected_lines)
                and "\n".join(expected_lines) not in text
            ):
                return Outcome(scenario, False, _diff(expected_lines, lines, result.stderr))
        elif kind == "not-contains":
            if any(item and item in "\n".join(lines) for item in expected_lines):
                return Outcome(scenario, False, "unwanted: " + "; ".join(expected_lines))
        elif kind == "exit" and not filtered:
            want = int(assertion["status"])
            if result.returncode != want:
                return Outcome(scenario, False, f"exit {result.returncode}, want {want}")
    return Outcome(scenario, True)


def _diff(expected: list[str], got: list[str], stderr: bytes) -> str:
    missing = [line for line in expected if line not in got]
    extra = [line for line in got if line not in expected]
    note = stderr.decode("utf-8", "replace").strip().splitlines()[:3]
    return (
        "missing: "
        + " | ".join(missing[:6])
        + "\n    extra: "
        + " | ".join(extra[:6])
        + ("\n    stderr: " + " | ".join(note) if note else "")
    )


def run_all(chosen: list[dict[str, object]] | None = None) -> list[Outcome]:
    with tempfile.TemporaryDirectory(prefix="vale-conformance-") as tmp:
        root = Path(tmp)
        shutil.copytree(SHARED / "testdata", root / "testdata", symlinks=True)
        for path in root.rglob("*"):  # the shared copy is read-only
            path.chmod(path.stat().st_mode | 0o200)
        return [run_one(s, root) for s in (chosen or [s for s in scenarios() if in_scope(s)])]


def main() -> int:
    if not SHARED.is_dir():
        print(f"no conformance data at {SHARED}")
        return 0
    wanted = sys.argv[1:]
    runnable = [s for s in scenarios() if s["tier"] in (*IN_SCOPE, *ALSO_RUN)]
    chosen = [s for s in runnable if not wanted or any(w in str(s["id"]) for w in wanted)]
    outcomes = run_all(chosen)
    core = [o for o in outcomes if in_scope(o.scenario)]
    per_feature: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in core:
        per_feature[Path(str(outcome.scenario["feature"])).name].append(outcome)
    print("in scope (Markdown/text core):")
    for feature, items in sorted(per_feature.items()):
        print(f"  {feature:<20} {sum(o.passed for o in items):>3} / {len(items)}")
    passed = sum(o.passed for o in core)
    print(f"  {'total':<20} {passed:>3} / {len(core)} ({passed / max(1, len(core)):.0%})")
    for tier in ALSO_RUN:
        items = [o for o in outcomes if o.scenario["tier"] == tier]
        print(
            f"also run, {tier}: {sum(o.passed for o in items)} / {len(items)} ({OUT_OF_SCOPE[tier]})"
        )
    for tier, why in OUT_OF_SCOPE.items():
        if tier not in ALSO_RUN:
            count = sum(1 for s in scenarios() if s["tier"] == tier)
            print(f"out of scope, {tier}: {count} ({why})")
    for outcome in outcomes:
        if not outcome.passed:
            print(
                f"FAIL {outcome.scenario['id']} [{outcome.scenario['tier']}]\n    {outcome.detail}"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    raise SystemExit(main())
