#!/usr/bin/env python3
"""Time and peak memory of lintnews on pathological input, at growing sizes.

Not a test: a table for people. Each measurement runs in a fresh child process that lints
one generated file through ``Linter.lint_target`` (read, decode, parse, rules, suppression)
and reports its wall time, CPU time and peak RSS. The "fit" column is the exponent k of
time ~ size^k from a least-squares fit on log-log scale over the sizes that took long
enough to measure: k close to 1 means linear, 2 would be quadratic.

Sections:

* engine: no rules, only reading, decoding, Markdown parsing, the prose view and sentence
  segmentation (what this part of lintnews owns), up to a 200 MB file;
* rules: the default built-in rules, as a CI run uses them, up to 10 MB (the rules cost
  5-15 s of CPU per MB, so 50 MB would take about ten minutes and 200 MB most of an hour);
* files: many small drafts through the CLI (one process, ``-j 1``): peak RSS must not grow
  with the number of files.

    .venv/bin/python bench/pathological.py            # everything, about 25 minutes on 2 cores
    .venv/bin/python bench/pathological.py --quick    # smaller sizes, about a minute
    .venv/bin/python bench/pathological.py --max-mb 50 --sections engine

Inputs are written to a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

KB = 1_000
MB = 1_000_000
SENTENCE = "The council met on Monday to discuss the budget, and officials said it recently grew. "
DRAFT = """---
title: Council approves the budget
date: 2024-03-04
---
# Council approves the budget

The council recently approved the budget, officials said on Monday. "We are pleased,"
the mayor told reporters. Spending on parks grows by 4%, according to the city's report.

- Roads: $2.1 million
- Parks: $900,000

Read [the report](https://example.com/report.pdf) for details.
"""


# -- inputs ---------------------------------------------------------------------------------
def nested_blockquotes(size: int) -> str:
    return ">" * (size - 10) + " recently\n"


def nested_lists(size: int) -> str:
    return "- " * ((size - 10) // 2) + "recently\n"


def open_brackets(size: int) -> str:
    return "[" * size


def stars(size: int) -> str:
    return "*" * size


def balanced_brackets(size: int) -> str:
    return "[" * (size // 2) + "]" * (size // 2)


def unclosed_comments(size: int) -> str:
    return "<div>\n" + "<!--" * ((size - 6) // 4)


def single_line(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def article_lines(size: int) -> str:
    """An ordinary article made long: many short lines and paragraphs."""
    block = DRAFT.split("---\n", 2)[2]
    return (block * (size // len(block) + 1))[:size]


ENGINE: list[tuple[str, Callable[[int], str], list[int], list[int]]] = [
    # name, generator, sizes, quick sizes
    (
        "nested blockquotes",
        nested_blockquotes,
        [10 * KB, 100 * KB, MB, 10 * MB],
        [10 * KB, 100 * KB, MB],
    ),
    ("nested list levels", nested_lists, [10 * KB, 100 * KB, MB, 5 * MB], [10 * KB, 100 * KB, MB]),
    ("run of '['", open_brackets, [100 * KB, MB, 10 * MB], [100 * KB, MB]),
    ("run of '*'", stars, [100 * KB, MB, 10 * MB], [100 * KB, MB]),
    (
        "'[' x n then ']' x n",
        balanced_brackets,
        [50 * KB, 100 * KB, 200 * KB, 400 * KB],
        [25 * KB, 50 * KB, 100 * KB],
    ),
    ("unclosed '<!--' in HTML", unclosed_comments, [100 * KB, MB, 10 * MB], [100 * KB, MB]),
    ("single-line file", single_line, [MB, 5 * MB, 10 * MB, 50 * MB, 200 * MB], [MB, 5 * MB]),
    # An ordinary article parses into ~60 bytes of tokens and spans per input byte, so 200 MB
    # would need about 12 GB: capped at 50 MB (the single-line file goes to 200 MB).
    ("article, many lines", article_lines, [MB, 10 * MB, 50 * MB], [MB, 5 * MB]),
]
RULES: list[tuple[str, Callable[[int], str], list[int], list[int]]] = [
    ("nested list levels", nested_lists, [100 * KB, MB], [100 * KB]),
    ("run of '['", open_brackets, [100 * KB, MB], [100 * KB]),
    ("run of '*'", stars, [100 * KB, MB], [100 * KB]),
    ("single-line file", single_line, [MB, 5 * MB, 10 * MB], [200 * KB, MB]),
    ("article, many lines", article_lines, [MB, 5 * MB, 10 * MB], [200 * KB, MB]),
]
FILE_COUNTS = [250, 1000, 4000]
QUICK_FILE_COUNTS = [100, 400]


# -- the children: write one input; lint one file and report -----------------------------------
def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM belongs to the process's own memory map; ru_maxrss
    would include the parent's peak, which Linux carries across fork and exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_input(kind: str, size: int, path: str) -> None:
    """In a child process, so the parent stays small (children would inherit its peak)."""
    make = {name: make for name, make, _, _ in ENGINE + RULES}[kind]
    Path(path).write_text(make(size), encoding="utf-8")


def child(path: str, rules: str) -> None:
    from lintnews.files.discover import Target
    from lintnews.ruleset.packs import load_rules
    from lintnews.ruleset.selection import choose
    from lintnews.run.config import Settings
    from lintnews.run.runner import Linter

    ruleset = load_rules()
    chosen = [] if rules == "none" else choose(ruleset.rules, None)
    settings = Settings(max_file_size=1 << 40)
    linter = Linter(chosen, settings, tuple(ruleset.ids))
    target = Target(path, Path(path), named=True)
    # Warm up first (lazy imports, the Markdown parser, compiled patterns) so the row shows
    # the cost of the input, not the start-up.
    linter.lint_text("warm-up.md", DRAFT + "\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    baseline = peak_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = linter.lint_target(target)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = peak_rss_mb()
    json.dump(
        {
            "wall": wall,
            "cpu": cpu,
            "rss_mb": peak,
            "rss_before_mb": baseline,  # after loading rules and warming up
            "findings": len(result.findings),
            "timeouts": sorted(
                {f.message.split()[1] for f in result.findings if f.rule == "rule.timeout"}
            ),
            "crashes": sum(f.rule == "rule.crash" for f in result.findings),
        },
        sys.stdout,
    )


def measure(path: Path, rules: str, timeout: float) -> dict:
    command = [sys.executable, __file__, "--child", str(path), rules]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:80]}
    return json.loads(done.stdout)


def measure_cli(folder: Path, timeout: float) -> dict:
    """``lintnews check -j 1 --no-cache`` on a folder: wall time and the process's peak RSS."""
    exe = Path(sys.executable).parent / "lintnews"
    command = [
        str(exe),
        "check",
        "--isolated",
        "--no-cache",
        "-q",
        "-j",
        "1",
        "--format",
        "json",
        str(folder),
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            process.wait()
            return {"error": f"timed out after {timeout:.0f} s"}
        time.sleep(0.02)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        return {"error": f"exit code {code}"}
    return {
        "wall": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
    }


# -- the table --------------------------------------------------------------------------------
def human(size: int) -> str:
    if size >= MB:
        return f"{size / MB:g} MB"
    return f"{size / KB:g} KB"


def fit(points: list[tuple[float, float]]) -> str:
    """Exponent k of time ~ size^k over the points that took at least 50 ms."""
    usable = [(math.log(s), math.log(t)) for s, t in points if t >= 0.05]
    if len(usable) < 2:
        return "  (too fast to fit)"
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    num = sum((x - mean_x) * (y - mean_y) for x, y in usable)
    den = sum((x - mean_x) ** 2 for x, _ in usable)
    k = num / den if den else float("nan")
    verdict = "linear" if k < 1.25 else "SUPERLINEAR"
    return f"  fit: time ~ size^{k:.2f} ({verdict})"


def section(
    title: str, cases: list, quick: bool, max_bytes: int, rules: str, work: Path, timeout: float
) -> None:
    print(f"\n## {title}\n")
    print(
        "| input | size | wall s | CPU s | µs/KB (CPU) | RSS MB: before → peak | findings | notes |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, _make, sizes, quick_sizes in cases:
        points: list[tuple[float, float]] = []
        chosen = quick_sizes if quick else sizes
        for size in chosen:
            if size > max_bytes:
                print(f"| {name} | {human(size)} | – | – | – | – | – | skipped: over --max-mb |")
                continue
            path = work / f"input-{len(points)}-{size}.md"
            subprocess.run(
                [sys.executable, __file__, "--write", name, str(size), str(path)], check=True
            )
            got = measure(path, rules, timeout)
            path.unlink()
            if "error" in got:
                print(
                    f"| {name} | {human(size)} | – | – | – | – | – | {got['error']} |", flush=True
                )
                continue
            points.append((size, got["cpu"]))
            notes = []
            if got["timeouts"]:
                notes.append("rule.timeout: " + ", ".join(got["timeouts"]))
            if got["crashes"]:
                notes.append(f"{got['crashes']} rule.crash")
            per_kb = got["cpu"] / (size / KB) * 1e6
            print(
                f"| {name} | {human(size)} | {got['wall']:.2f} | {got['cpu']:.2f} | {per_kb:,.0f} | "
                f"{got['rss_before_mb']:.0f} → {got['rss_mb']:.0f} | {got['findings']:,} | {'; '.join(notes)} |",
                flush=True,
            )
        print(f"| {name} |{fit(points)} | | | | | | |", flush=True)


def files_section(counts: list[int], work: Path, timeout: float) -> None:
    print("\n## many files (CLI, one process, default rules)\n")
    print("| files | wall s | CPU s | ms/file | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|")
    folder = work / "drafts"
    folder.mkdir()
    made = 0
    for count in counts:
        while made < count:
            (folder / f"draft-{made:05d}.md").write_text(
                DRAFT.replace("Monday", f"Monday ({made})"), encoding="utf-8"
            )
            made += 1
        got = measure_cli(folder, timeout)
        if "error" in got:
            print(f"| {count:,} | – | – | – | {got['error']} |", flush=True)
            continue
        print(
            f"| {count:,} | {got['wall']:.2f} | {got['cpu']:.2f} | {got['cpu'] / count * 1000:.1f} | {got['rss_mb']:.0f} |",
            flush=True,
        )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--write":
        write_input(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes (about a minute)")
    parser.add_argument(
        "--max-mb", type=float, default=200, help="skip inputs larger than this (default 200)"
    )
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds per measurement (default 900)"
    )
    parser.add_argument(
        "--sections",
        default="engine,rules,files",
        help="which sections, comma-separated (default: engine,rules,files)",
    )
    parser.add_argument(
        "--work-dir", type=Path, default=None, help="where to write inputs (default: a temp folder)"
    )
    args = parser.parse_args()

    from lintnews import __version__

    work = Path(tempfile.mkdtemp(prefix="lintnews-pathological-", dir=args.work_dir))
    started = time.perf_counter()
    try:
        print(f"# lintnews {__version__}: pathological input")
        print(
            f"\nPython {platform.python_version()}, {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} CPUs. Each row: one fresh process linting one generated file. "
            "RSS 'before' is the process after loading the rule packs and a warm-up draft; "
            "'peak' is its maximum while linting the input. CPU times on a shared machine vary "
            "by 10-20 % between runs."
        )
        max_bytes = int(args.max_mb * MB)
        wanted = set(args.sections.split(","))
        if "engine" in wanted:
            section(
                "engine: read, decode, parse, prose view, sentences (no rules)",
                ENGINE,
                args.quick,
                max_bytes,
                "none",
                work,
                args.timeout,
            )
        if "rules" in wanted:
            rules_max = min(max_bytes, 10 * MB)
            section(
                "rules: the default built-in rules, as in CI (capped at 10 MB: they cost 5-15 s per MB)",
                RULES,
                args.quick,
                rules_max,
                "default",
                work,
                args.timeout,
            )
        if "files" in wanted:
            files_section(QUICK_FILE_COUNTS if args.quick else FILE_COUNTS, work, args.timeout)
        print(f"\nTotal {time.perf_counter() - started:.0f} s.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
