#!/usr/bin/env python3
"""Benchmark ``lintnews audit`` on generated archives and print a Markdown table.

For each archive size (``--sizes``), in fresh processes and fresh output folders:

* single process (``--jobs 1``), a pool of two (``--jobs 2``) and a Dask LocalCluster of two
  worker processes (``--dask local -j 2``): articles/s, CPU seconds, the peak summed PSS of
  the whole process tree (Dask's scheduler and workers too) and the largest process's RSS;
* a re-run over the unchanged archive (every file skipped by the state file).

Memory should not grow with the archive: files stream through in batches and the outputs
are exported from the SQLite state in batches. ``--modes`` picks modes per size, e.g.
``--sizes 1000,4000,16000 --big 10000 --big-modes serial`` runs only the single process
on sizes above ``--big`` articles.

    .venv/bin/python bench/audit.py --sizes 1000,4000 --json /tmp/audit-bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_once  # noqa: E402  (bench/run.py: wall, CPU and tree PSS of one run)

MODES = {
    "serial": ["--jobs", "1"],
    "jobs2": ["--jobs", "2"],
    "dask2": ["--dask", "local", "--jobs", "2"],
    "rerun": ["--jobs", "1"],  # over the output of the serial run: nothing changed
}
LABELS = {
    "serial": "single process",
    "jobs2": "`--jobs 2`",
    "dask2": "LocalCluster, 2 workers",
    "rerun": "re-run, unchanged",
}


@dataclass
class Row:
    size: int
    mode: str
    wall: float
    cpu: float
    tree_pss_mb: float | None
    maxrss_mb: float
    findings: int
    mb: float

    @property
    def rate(self) -> float:
        return self.size / self.wall if self.wall else 0.0


def generate(folder: Path, count: int) -> float:
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("generate.py")), str(folder)]
        + ["--count", str(count), "--seed", "1"],
        check=True,
        capture_output=True,
    )
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000")
    parser.add_argument("--modes", default="serial,jobs2,dask2,rerun")
    parser.add_argument("--big", type=int, default=10_000, help="sizes above this use --big-modes")
    parser.add_argument("--big-modes", default="serial")
    parser.add_argument("--lintnews", default=str(Path(sys.executable).parent / "lintnews"))
    parser.add_argument("--work-dir", type=Path)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    work = Path(args.work_dir or tempfile.mkdtemp(prefix="lintnews-audit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "xdg-cache")}
    rows: list[Row] = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            archive = work / f"archive-{size}"
            if not archive.is_dir():
                mb = generate(archive, size)
            else:
                mb = sum(p.stat().st_size for p in archive.rglob("*") if p.is_file()) / 1e6
            modes = (args.big_modes if size > args.big else args.modes).split(",")
            for mode in modes:
                out = work / f"out-{size}-{'serial' if mode == 'rerun' else mode}"
                if mode != "rerun":
                    shutil.rmtree(out, ignore_errors=True)
                elif not out.is_dir():
                    continue  # a re-run needs the serial run's output
                command = [args.lintnews, "audit", ".", "--out", str(out), "--isolated"]
                sample = run_once(command + MODES[mode], archive, env, args.timeout, True)
                if sample.rc != 0:
                    print(f"{mode} {size}: exit {sample.rc}\n{sample.stderr}", file=sys.stderr)
                    return 1
                findings = sum(1 for _ in (out / "findings.jsonl").open(encoding="utf-8"))
                row = Row(
                    size,
                    mode,
                    sample.wall,
                    sample.cpu,
                    sample.tree_pss_mb,
                    sample.maxrss_mb,
                    findings,
                    mb,
                )
                rows.append(row)
                print(
                    f"{size:>7,} {LABELS[mode]:<24} {row.wall:7.1f} s  {row.rate:6.1f} art/s  "
                    f"cpu {row.cpu:6.1f} s  tree PSS {row.tree_pss_mb or 0:6.0f} MB  "
                    f"largest RSS {row.maxrss_mb:5.0f} MB  {findings:,} findings",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) | {"rate": r.rate} for r in rows], indent=2))
    return 0


def table(rows: list[Row]) -> str:
    lines = [
        "| Articles (MB) | Mode | Wall | Articles/s | CPU | Articles per CPU-s | Peak PSS, process tree | Largest process RSS | Findings |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.size:,} ({r.mb:.0f} MB) | {LABELS[r.mode]} | {r.wall:.1f} s | {r.rate:.1f} | "
            f"{r.cpu:.1f} s | {r.size / r.cpu if r.cpu else 0:.0f} | {r.tree_pss_mb or 0:.0f} MB | {r.maxrss_mb:.0f} MB | {r.findings:,} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
