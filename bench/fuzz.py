#!/usr/bin/env python3
"""A fuzz campaign: the properties of the suite's fuzz test, at scale.

Each case is a hostile draft with a hostile file name (``tests/robustness/fuzzkit.py``),
written to disk and run through ``lintnews check`` in-process (``session.run_check``, as
the CLI runs it) in all six formats and with ``--fix``, checking: no crash and exit 0/1;
JSON/SARIF/GitLab parse and are valid UTF-8, JUnit is well-formed, text/github have no
raw control characters; every span inside the file; ``--fix`` touches only its spans,
keeps the encoding and is idempotent. Case ``i`` of seed ``s`` comes from its own
``random.Random(f"lintnews-fuzz:{s}:{i}")``, so any case replays alone.

    .venv/bin/python bench/fuzz.py --cases 100000            # about 20 ms of CPU a case
    .venv/bin/python bench/fuzz.py --cases 2000 --jobs 1
    .venv/bin/python bench/fuzz.py --replay 1234             # one case: its draft and result

Prints the number of cases, failures by class (with the first cases of each) and the
slowest inputs. Exit code 1 when any case failed.
"""

from __future__ import annotations

import argparse
import heapq
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.robustness.fuzzkit

EXAMPLES_PER_CLASS = 3


def case_of(seed: int, index: int) -> Any:
    from tests.robustness.fuzzkit import RandomChooser, make_case

    return make_case(RandomChooser(random.Random(f"lintnews-fuzz:{seed}:{index}")))


def _run_chunk(job: tuple[int, int, int, int]) -> dict[str, Any]:
    """Run cases [start, stop) of ``seed`` in a private folder; return counts and examples."""
    seed, start, stop, keep_slowest = job
    from tests.robustness.fuzzkit import Campaign

    with tempfile.TemporaryDirectory(prefix="lintnews-fuzz-", dir=_scratch()) as folder:
        os.chdir(folder)
        campaign = Campaign(Path(folder))
        failures: Counter[str] = Counter()
        failed_cases = 0
        examples: dict[str, list[tuple[int, str, str]]] = {}
        slowest: list[tuple[float, int, str, int]] = []
        cpu = time.process_time()
        for index in range(start, stop):
            case = case_of(seed, index)
            outcome = campaign.check(case)
            failed_cases += bool(outcome.failures)
            for failure in outcome.failures:
                failures[failure.kind] += 1
                shown = examples.setdefault(failure.kind, [])
                if len(shown) < EXAMPLES_PER_CLASS:
                    shown.append((index, case.name, failure.detail))
            entry = (outcome.seconds, index, case.name, len(case.text))
            if len(slowest) < keep_slowest:
                heapq.heappush(slowest, entry)
            else:
                heapq.heappushpop(slowest, entry)
        cpu = time.process_time() - cpu
        os.chdir(tempfile.gettempdir())
    return {
        "cases": stop - start,
        "failed_cases": failed_cases,
        "failures": failures,
        "examples": examples,
        "slowest": slowest,
        "cpu": cpu,
    }


def _scratch() -> str | None:
    """A memory-backed folder where there is one: --fix fsyncs every write."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def campaign(
    cases: int, seed: int, jobs: int, chunk: int, keep_slowest: int, budget: float | None
) -> int:
    started = time.perf_counter()
    plan = [
        (seed, start, min(start + chunk, cases), keep_slowest) for start in range(0, cases, chunk)
    ]
    total: dict[str, Any] = {
        "cases": 0,
        "failed_cases": 0,
        "failures": Counter(),
        "examples": {},
        "slowest": [],
        "cpu": 0.0,
    }
    context = multiprocessing.get_context("spawn")  # a clean interpreter per worker
    stopped = False
    with context.Pool(jobs) as pool:  # leaving the block terminates unfinished chunks
        for done in pool.imap_unordered(_run_chunk, plan):
            total["cases"] += done["cases"]
            total["failed_cases"] += done["failed_cases"]
            total["failures"].update(done["failures"])
            for kind, shown in done["examples"].items():
                mine = total["examples"].setdefault(kind, [])
                mine.extend(shown)
                mine.sort()
                del mine[EXAMPLES_PER_CLASS:]
            total["slowest"] = heapq.nlargest(keep_slowest, total["slowest"] + done["slowest"])
            total["cpu"] += done["cpu"]
            elapsed = time.perf_counter() - started
            print(
                f"  {total['cases']:,}/{cases:,} cases, {total['failed_cases']} failed, "
                f"{elapsed:,.0f} s",
                file=sys.stderr,
                flush=True,
            )
            if budget is not None and elapsed > budget and total["cases"] < cases:
                stopped = True
                break
    wall = time.perf_counter() - started
    _report(total, seed, jobs, wall)
    if stopped:
        print(
            f"stopped at the time budget ({budget:,.0f} s): {total['cases']:,} of {cases:,} cases"
        )
    return 1 if total["failed_cases"] else 0


def _report(total: dict[str, Any], seed: int, jobs: int, wall: float) -> None:
    cases = total["cases"]
    print(f"lintnews fuzz campaign: seed {seed}, {jobs} worker{'s' if jobs != 1 else ''}")
    print(f"cases:        {cases:,}")
    print(f"failed cases: {total['failed_cases']:,}")
    print(f"time:         {wall:,.0f} s wall, {total['cpu']:,.0f} s CPU in the workers")
    print(f"CPU per case: {1000 * total['cpu'] / max(cases, 1):.1f} ms")
    print("failures by class:")
    if not total["failures"]:
        print("  none")
    for kind, count in total["failures"].most_common():
        print(f"  {kind:<24} {count:,}")
        for index, name, detail in total["examples"].get(kind, []):
            print(f"      case {index} ({name!r}): {detail[:300]}")
    print("slowest inputs (all six formats and --fix):")
    for seconds, index, name, size in total["slowest"]:
        print(f"  {seconds * 1000:8.1f} ms  case {index:<7} {size:>6,} chars  {name!r}")
    print(f"replay one with: bench/fuzz.py --seed {seed} --replay INDEX")


def replay(seed: int, index: int) -> int:
    from tests.robustness.fuzzkit import Campaign

    case = case_of(seed, index)
    print(f"case {index}: name {case.name!r}, {case.encoding}, {len(case.text)} chars")
    print(repr(case.text))
    with tempfile.TemporaryDirectory(prefix="lintnews-fuzz-", dir=_scratch()) as folder:
        os.chdir(folder)
        outcome = Campaign(Path(folder)).check(case)
        os.chdir(tempfile.gettempdir())
    for failure in outcome.failures:
        print(f"FAILED {failure.kind}: {failure.detail}")
    print(f"{len(outcome.failures)} failures, {outcome.seconds * 1000:.1f} ms")
    return 1 if outcome.failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--chunk", type=int, default=500, help="cases per task")
    parser.add_argument("--slowest", type=int, default=10, help="how many slow inputs to list")
    parser.add_argument("--replay", type=int, metavar="INDEX", help="run one case and show it")
    parser.add_argument(
        "--max-seconds",
        type=float,
        help="stop after this long and report the cases done (on a busy machine)",
    )
    args = parser.parse_args()
    if args.replay is not None:
        return replay(args.seed, args.replay)
    return campaign(args.cases, args.seed, args.jobs, args.chunk, args.slowest, args.max_seconds)


if __name__ == "__main__":
    sys.exit(main())
