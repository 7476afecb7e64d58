#!/usr/bin/env python3
"""Benchmark lintnews (and proselint, when installed) and print a Markdown table.

Measures, each as the median of several runs in fresh processes:

* cold start: ``lintnews check FILE`` on one ~600-word Markdown article, built-in packs on
  (a fresh working folder per run, so the results cache misses as it would for an edited
  draft; the user cache of compiled rule packs is warm, as after any earlier run);
  also with ``--no-cache`` (packs validated from the YAML files);
* throughput: ``lintnews check --no-cache DIR`` on 100, 1,000 and 10,000 generated
  articles (articles/s, MB/s, CPU time, peak RSS);
* cached re-run: ``lintnews check DIR`` twice over the same 1,000 articles in a fresh
  working folder (the first run fills the results cache, the second should only hash files);
* peak memory of the 1,000-article run: the largest process's ``ru_maxrss`` (from
  ``os.wait4``) and the sampled sum of PSS over the whole process tree (pool workers too);
* time vs file size: one ~1 MB and one ~10 MB article;
* the same figures for ``proselint check`` and the ratios, when proselint is installed.

Exit code 1 means "findings" for both tools and counts as success; anything else is an
error, reported in the table (and its stderr below it) without stopping the other measures.

    python bench/run.py                  # everything (about 30 minutes on 2 cores)
    python bench/run.py --quick          # 100 and 1,000 articles, 1 MB only, fewer runs
    python bench/run.py --sizes 100,1000 --no-proselint --json /tmp/bench.json

Corpora are generated under a temporary folder (``--work-dir``), removed afterwards unless
``--keep``. Child processes get their own ``XDG_CACHE_HOME`` and ``PYTHONPYCACHEPREFIX``
inside it (``PYTHONDONTWRITEBYTECODE`` is removed), so every tool runs with compiled
bytecode, as an installed package would, and nothing is written outside the work folder.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/generate.py, standard library only)

OK_CODES = {0, 1}  # 1 = findings, which is success for timing purposes


# ---------------------------------------------------------------------------------------------
# Running one command
# ---------------------------------------------------------------------------------------------
@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + sys seconds of the process and its reaped children
    maxrss_mb: float  # largest single process in the tree (ru_maxrss of wait4)
    rc: int
    tree_pss_mb: float | None = None  # sampled peak of the summed PSS of the process tree
    timed_out: bool = False
    stderr: str = ""
    stdout_bytes: int = 0
    stdout_digest: str = ""  # same command, same input: should not change between runs


class RunError(Exception):
    def __init__(self, message: str, sample: Sample | None = None) -> None:
        super().__init__(message)
        self.sample = sample


def _session_pids(sid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 3 and int(fields[3]) == sid:  # state ppid pgrp session
            pids.append(int(entry))
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:  # older kernels: fall back to RSS
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError):
        return 0


def _terminate(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def run_once(
    cmd: list[str], cwd: Path, env: dict[str, str], timeout: float, sample_tree: bool = False
) -> Sample:
    """Run ``cmd`` once; wall time, CPU time and peak RSS come from ``os.wait4``."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        timed_out = threading.Event()
        done = threading.Event()
        peak = [0]

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # only the group this run started
            except ProcessLookupError:
                pass

        def sample() -> None:
            while not done.wait(0.05):
                total = sum(_pss_kb(pid) for pid in _session_pids(proc.pid))
                peak[0] = max(peak[0], total)

        timer = threading.Timer(timeout, kill)
        timer.start()
        sampler = (
            threading.Thread(target=sample, daemon=True)
            if sample_tree and Path("/proc").is_dir()
            else None
        )
        if sampler:
            sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C or SIGTERM: take this run's process group down with us
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            raise
        finally:
            wall = time.perf_counter() - start
            timer.cancel()
            done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.join()
        # leftovers (pool workers of a killed run) are in the same group
        if timed_out.is_set():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        out.seek(0)
        digest = hashlib.blake2b(digest_size=8)
        size = 0
        for block in iter(lambda: out.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    maxrss_mb = usage.ru_maxrss / 1024  # kB on Linux
    if sys.platform == "darwin":
        maxrss_mb = usage.ru_maxrss / (1024 * 1024)
    return Sample(
        wall,
        usage.ru_utime + usage.ru_stime,
        maxrss_mb,
        proc.returncode,
        peak[0] / 1024 if sampler else None,
        timed_out.is_set(),
        stderr[-4000:],
        size,
        digest.hexdigest(),
    )


# ---------------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------------
@dataclass
class Measure:
    """Runs of one command; ``error`` is set when a run failed or timed out."""

    samples: list[Sample] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.samples) and self.error is None

    def median(self, attr: str = "wall") -> float | None:
        values = [getattr(s, attr) for s in self.samples if getattr(s, attr) is not None]
        return statistics.median(values) if values else None

    def spread(self) -> str:
        walls = [s.wall for s in self.samples]
        if len(walls) < 2:
            return f"n={len(walls)}"
        return f"n={len(walls)}, {min(walls):.3g}–{max(walls):.3g} s"


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = (
            Path(args.work_dir)
            if args.work_dir
            else Path(tempfile.mkdtemp(prefix="lintnews-bench-"))
        )
        self.work.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ)
        for key in ("PYTHONDONTWRITEBYTECODE", "FORCE_COLOR", "CLICOLOR_FORCE", "LINTNEWS_DEBUG"):
            self.env.pop(key, None)
        self.env.update(
            NO_COLOR="1",
            XDG_CACHE_HOME=str(self.work / "xdg-cache"),
            PYTHONPYCACHEPREFIX=str(self.work / "pycache"),
        )
        self.lintnews = find_tool("lintnews", args.lintnews)
        if not self.lintnews:
            sys.exit(
                "run.py: cannot find the lintnews executable next to the interpreter or on PATH"
            )
        self.proselint = None if args.no_proselint else find_tool("proselint", args.proselint)
        self.counter = 0
        self.results: dict[str, dict[str, Measure]] = {}
        self.notes: list[str] = []

    # -- helpers --------------------------------------------------------------------------------
    def log(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    def fresh_dir(self, label: str) -> Path:
        self.counter += 1
        path = self.work / "cwd" / f"{self.counter:04d}-{label}"
        path.mkdir(parents=True)
        return path

    def tools(self) -> list[str]:
        return ["lintnews"] + (["proselint"] if self.proselint else [])

    def command(self, tool: str, paths: list[Path], no_cache: bool = True) -> list[str]:
        if tool == "lintnews":
            cmd = [self.lintnews, "check"]
            if self.args.isolated:
                cmd.append("--isolated")
            if no_cache:
                cmd.append("--no-cache")
            cmd += self.args.lintnews_arg or []
            return cmd + [str(p) for p in paths]
        return [str(self.proselint), "check", *(str(p) for p in paths)]

    def measure(
        self,
        key: str,
        runs: int,
        commands: dict[str, list[str]],
        fresh_cwd: bool = True,
        sample_tree: bool = False,
        timeout: float | None = None,
    ) -> dict[str, Measure]:
        """Run each tool's command ``runs`` times, interleaving the tools (A B A B …)."""
        out = {tool: Measure() for tool in commands}
        shared = self.fresh_dir(key) if not fresh_cwd else None
        for i in range(runs):
            for tool, cmd in commands.items():
                m = out[tool]
                if m.error:
                    continue
                cwd = self.fresh_dir(f"{key}-{tool}") if fresh_cwd else shared
                s = run_once(cmd, cwd, self.env, timeout or self.args.timeout, sample_tree)
                self.log(
                    f"{key:<22} {tool:<9} run {i + 1}/{runs}: {s.wall:8.3f} s wall, {s.cpu:8.3f} s cpu, "
                    f"{s.maxrss_mb:6.1f} MB rss, exit {s.rc}"
                )
                if s.timed_out:
                    m.error = f"timeout after {timeout or self.args.timeout:g} s"
                elif s.rc not in OK_CODES:
                    m.error = f"exit {s.rc}: {_first_line(s.stderr)}"
                    self.notes.append(
                        f"`{' '.join(cmd[:3])} …` ({key}) exited {s.rc}; stderr:\n\n```\n{s.stderr.strip()[-1500:]}\n```"
                    )
                if not m.error:
                    m.samples.append(s)
            if all(
                m.error or (m.samples and m.samples[-1].wall > self.args.repeat_budget)
                for m in out.values()
            ):
                if i + 1 < runs:
                    self.log(f"{key}: runs take over {self.args.repeat_budget:g} s; not repeating")
                break
        self.results[key] = out
        for tool, m in out.items():
            self.check_stable(f"{key} / {tool}", m.samples)
        return out

    def check_stable(self, label: str, samples: list[Sample]) -> None:
        digests = {s.stdout_digest for s in samples}
        if len(digests) > 1:
            sizes = ", ".join(f"{s.stdout_bytes:,}" for s in samples)
            self.notes.append(
                f"{label}: the output differed between runs ({sizes} bytes): the rules or the engine "
                "changed during the benchmark, so its runs did not all do the same work."
            )

    def warm(self, commands: dict[str, list[str]]) -> None:
        for tool, cmd in commands.items():
            s = run_once(cmd, self.fresh_dir(f"warm-{tool}"), self.env, self.args.timeout)
            self.log(f"warm-up {tool:<9} {s.wall:8.3f} s, exit {s.rc}")

    # -- the corpus -------------------------------------------------------------------------------
    def corpora(self) -> dict[int, Path]:
        sizes = sorted(set(self.args.sizes) | {self.args.ref_size})
        largest = max(sizes)
        base = self.work / f"corpus-{largest}"
        self.log(f"generating {largest:,} articles (seed {self.args.seed}) in {base}")
        paths = generate.generate(base, largest, self.args.seed)
        out = {largest: base}
        for n in sizes:
            if n == largest:
                continue
            folder = self.work / f"corpus-{n}"
            folder.mkdir()
            for p in paths[:n]:  # same seed → the first n articles of the big corpus
                try:
                    os.link(p, folder / p.name)
                except OSError:
                    shutil.copy2(p, folder / p.name)
            out[n] = folder
        return out

    # -- the run --------------------------------------------------------------------------------
    def run(self) -> None:
        a = self.args
        self.load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
        self.started = time.time()
        self.source_start = source_state(self.lintnews_root())
        self.capacity_start = self.capacity()
        corpora = self.corpora()
        self.corpus_bytes = {
            n: sum(p.stat().st_size for p in d.iterdir()) for n, d in corpora.items()
        }

        # Cold start on one ~600-word Markdown article.
        single = self.work / "single"
        single.mkdir()
        name, text = generate.article(a.seed, 0, 600, 600, plain=False)
        self.single = single / name
        self.single.write_text(text, encoding="utf-8")
        self.single_words = len(text.split())
        cold = {t: self.command(t, [self.single], no_cache=False) for t in self.tools()}
        self.warm(cold)
        self.measure("cold", a.cold_runs, cold)
        cold_nc = {"lintnews": self.command("lintnews", [self.single], no_cache=True)}
        self.warm(cold_nc)
        self.measure("cold-no-cache", a.cold_runs, cold_nc)

        # Throughput.
        self.warm({t: self.command(t, [corpora[min(corpora)]]) for t in self.tools()})
        for n in a.sizes:
            runs = a.runs if n <= 1000 else a.large_runs
            self.measure(
                f"throughput-{n}", runs, {t: self.command(t, [corpora[n]]) for t in self.tools()}
            )

        # Memory: one sampled run over 1,000 articles (process tree PSS).
        ref = a.ref_size
        self.measure(
            f"memory-{ref}",
            1,
            {t: self.command(t, [corpora[ref]]) for t in self.tools()},
            sample_tree=True,
        )

        # Cached re-run: a fresh working folder (the cache root) per repetition, two runs in it.
        first, second = Measure(), Measure()
        wrote_cache = []
        for i in range(a.runs):
            root = self.fresh_dir("cache")
            cmd = self.command("lintnews", [corpora[ref]], no_cache=False)
            for label, m in (("first", first), ("second", second)):
                if first.error or second.error:
                    break
                s_start = time.time() - 1
                s = run_once(cmd, root, self.env, a.timeout)
                self.log(
                    f"cached-{ref} {label:<6} run {i + 1}/{a.runs}: {s.wall:8.3f} s wall, exit {s.rc}"
                )
                if s.timed_out or s.rc not in OK_CODES:
                    m.error = "timeout" if s.timed_out else f"exit {s.rc}"
                    self.notes.append(f"cached run failed: {s.stderr.strip()[-1500:]}")
                else:
                    m.samples.append(s)
                if label == "first":
                    wrote_cache.append(
                        _written_since(s_start, root, Path(self.env["XDG_CACHE_HOME"]))
                    )
        self.results[f"cached-{ref}"] = {"first": first, "second": second}
        for i, (f, s2) in enumerate(zip(first.samples, second.samples), 1):
            if s2.wall > f.wall / 2:
                self.notes.append(
                    f"Cached re-run, repetition {i}: the second run took {s2.wall:.2f} s after {f.wall:.2f} s, so "
                    "it missed the cache (did the rules or settings change between the two runs?)."
                )
        self.check_stable(f"cached-{ref} (first and second runs)", first.samples + second.samples)
        self.cache_written = all(wrote_cache) if wrote_cache else None
        if wrote_cache and not any(wrote_cache):
            self.notes.append(
                "lintnews wrote no file in its working folder or its `XDG_CACHE_HOME` during the first "
                "cached run: the results cache does not seem to be saved."
            )

        # Time vs file size.
        for size in a.file_sizes:
            path = self.work / "sized" / f"article-{size}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(generate.sized_article(a.seed, size).encode("utf-8"))
            self.measure(
                f"size-{size}",
                a.size_runs,
                {t: self.command(t, [path]) for t in self.tools()},
                timeout=a.size_timeout,
            )
        self.load_end = os.getloadavg() if hasattr(os, "getloadavg") else None
        self.capacity_end = self.capacity()
        self.source_end = source_state(self.lintnews_root())
        if self.source_start != self.source_end:
            self.notes.append(
                f"The lintnews source changed during the benchmark ({self.source_start[0]} → {self.source_end[0]}, "
                "or uncommitted edits): figures taken at different times may not be comparable."
            )
        self.finished = time.time()

    # -- the report -----------------------------------------------------------------------------
    def table(self) -> str:
        a = self.args
        has_p = self.proselint is not None
        pv = tool_version(self.proselint, "proselint") if has_p else None
        lv = tool_version(self.lintnews, "lintnews")
        rows: list[tuple[str, str, str, str, str]] = []

        def get(key: str, tool: str) -> Measure | None:
            return self.results.get(key, {}).get(tool)

        def cell(m: Measure | None, fmt) -> str:
            if m is None:
                return "—"
            if m.error and m.error.startswith("timeout"):
                return f"**timeout** (> {m.error.split()[-2]} s)"
            if m.error:
                return f"**error** ({m.error[:70]})"
            return fmt(m)

        def secs(m: Measure) -> str:
            return f"{m.median():.3f} s"

        def goal(ok: bool | None, text: str) -> str:
            return text if ok is None else f"{text} — {'met' if ok else '**not met**'}"

        # cold
        lc, pc = get("cold", "lintnews"), get("cold", "proselint")
        ratio = _ratio(lc, pc, lambda a, b: a.median() / b.median())
        rows.append(
            (
                f"Cold start, one {self.single_words}-word article (wall)",
                cell(lc, secs),
                cell(pc, secs),
                f"{ratio:.2f}× (lintnews / proselint)" if ratio else "—",
                goal(ratio <= 1.0 if ratio else None, "≤ 1.0×"),
            )
        )
        lnc = get("cold-no-cache", "lintnews")
        rows.append(
            (
                "Cold start, `--no-cache` (packs re-validated)",
                cell(lnc, secs),
                "—",
                f"{lnc.median() / pc.median():.2f}×" if lnc and lnc.ok and pc and pc.ok else "—",
                "",
            )
        )
        # throughput
        for n in a.sizes:
            key = f"throughput-{n}"
            lm, pm = get(key, "lintnews"), get(key, "proselint")
            mb = self.corpus_bytes[n] / 1e6

            def aps(m: Measure, n=n) -> str:
                return f"{n / m.median():,.1f} articles/s"

            def mbs(m: Measure, mb=mb) -> str:
                return f"{mb / m.median():.3f} MB/s"

            r = _ratio(lm, pm, lambda a, b: b.median() / a.median())
            target = goal(r >= 5.0 if r else None, "≥ 5×") if n == 1000 else ""
            rows.append(
                (
                    f"Throughput, {n:,} articles ({mb:.1f} MB), `--no-cache`",
                    cell(lm, aps),
                    cell(pm, aps),
                    f"{r:.2f}× (lintnews ÷ proselint articles/s)" if r else "—",
                    target,
                )
            )
            rows.append((f"  … MB/s, {n:,} articles", cell(lm, mbs), cell(pm, mbs), "", ""))
            rows.append(
                (
                    f"  … wall / CPU time (user+sys), {n:,} articles",
                    cell(lm, _wall_cpu),
                    cell(pm, _wall_cpu),
                    "",
                    "",
                )
            )

            def per_cpu(m: Measure, n=n) -> str:
                return f"{n / m.median('cpu'):,.1f} articles/CPU-s"

            rc = _ratio(lm, pm, lambda a, b: b.median("cpu") / a.median("cpu"))
            rows.append(
                (
                    f"  … articles per CPU-second (load-independent), {n:,} articles",
                    cell(lm, per_cpu),
                    cell(pm, per_cpu),
                    f"{rc:.2f}× per CPU-second" if rc else "",
                    "",
                )
            )
            rows.append(
                (
                    f"  … peak RSS (largest process), {n:,} articles",
                    cell(lm, _rss),
                    cell(pm, _rss),
                    "",
                    "< 150 MB, flat in N" if n == 1000 else "",
                )
            )
        # memory (tree)
        ref = a.ref_size
        lmem, pmem = get(f"memory-{ref}", "lintnews"), get(f"memory-{ref}", "proselint")
        pss = lambda m: f"{m.median('tree_pss_mb'):.1f} MB" if m.median("tree_pss_mb") else "n/a"  # noqa: E731
        l_pss = lmem.median("tree_pss_mb") if lmem and lmem.ok else None
        rows.append(
            (
                f"Peak memory, {ref:,} articles (PSS summed over the process tree, sampled)",
                cell(lmem, pss),
                cell(pmem, pss),
                "",
                goal(l_pss < 150 if l_pss else None, "< 150 MB"),
            )
        )
        # cache
        first, second = get(f"cached-{ref}", "first"), get(f"cached-{ref}", "second")
        speed = (
            first.median() / second.median()
            if first and second and first.ok and second.ok
            else None
        )
        rows.append(
            (
                f"Cached re-run, {ref:,} articles: first run (fills cache)",
                cell(first, secs),
                "n/a (no cache)",
                "",
                "",
            )
        )
        rows.append(
            (
                f"Cached re-run, {ref:,} articles: second run (unchanged)",
                cell(second, secs),
                "n/a (no cache)",
                f"{speed:.2f}× faster than the first" if speed else "—",
                goal(speed >= 10 if speed else None, "≥ 10×"),
            )
        )
        # sizes
        size_medians: dict[str, list[float | None]] = {t: [] for t in self.tools()}
        for size in a.file_sizes:
            lm, pm = get(f"size-{size}", "lintnews"), get(f"size-{size}", "proselint")
            for t, m in (("lintnews", lm), ("proselint", pm)):
                if t in size_medians:
                    size_medians[t].append(m.median() if m and m.ok else None)
            r = _ratio(lm, pm, lambda a, b: b.median() / a.median())
            rows.append(
                (
                    f"One {_human(size)} article, `--no-cache` (wall)",
                    cell(lm, secs),
                    cell(pm, secs),
                    f"{r:.2f}× (proselint time ÷ lintnews time)" if r else "—",
                    "",
                )
            )
        if len(a.file_sizes) >= 2:
            factor = a.file_sizes[-1] / a.file_sizes[0]

            def scale(t: str) -> str:
                v = size_medians.get(t) or []
                if len(v) >= 2 and v[0] and v[-1]:
                    return f"{v[-1] / v[0]:.1f}×"
                return "—"

            rows.append(
                (
                    f"  … time ratio {_human(a.file_sizes[-1])} / {_human(a.file_sizes[0])}",
                    scale("lintnews"),
                    scale("proselint") if has_p else "—",
                    "",
                    f"≈ {factor:.0f}× (linear)",
                )
            )

        header = [
            "Measure",
            f"lintnews {lv}",
            f"proselint {pv}" if has_p else "proselint (not run)",
            "lintnews vs proselint",
            "Goal (issue 6)",
        ]
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
        for row in rows:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
        when = _dt.datetime.fromtimestamp(self.started).strftime("%Y-%m-%d %H:%M")
        load = ""
        if self.load_start and self.load_end:
            load = f"; load average {self.load_start[0]:.2f} at the start, {self.load_end[0]:.2f} at the end"
        if self.capacity_start and self.capacity_end:
            load += (
                f"; CPU capacity free for a {os.cpu_count()}-process job (calibration): "
                f"{self.capacity_start:.1f} cores at the start, {self.capacity_end:.1f} at the end"
            )
        info = (
            f"Measured {when} on {os.cpu_count()} cores ({platform.machine()}, {platform.system()}), "
            f"Python {platform.python_version()}{load}. Medians of {a.cold_runs} runs (cold start), "
            f"{a.runs} runs (≤ 1,000 articles, cached re-run), {a.large_runs} (larger corpora), "
            f"{a.size_runs} (file sizes); fresh process per run. Corpus: `bench/generate.py --seed {a.seed}` "
            f"({self.corpus_bytes[ref] / 1e6 * 1000 / ref:.2f} MB per 1,000 articles). lintnews runs with its default "
            f"`--jobs` ({os.cpu_count()} here){' and `--isolated`' if a.isolated else ''}; proselint is single-process."
        )
        spread = ["", "Spread (min–max wall) per measure:", ""]
        for key, per_tool in self.results.items():
            for tool, m in per_tool.items():
                if m.samples:
                    spread.append(f"- {key} / {tool}: {m.spread()}")
        info += " " + self.describe_lintnews()
        command = "python bench/run.py " + shlex.join(sys.argv[1:])
        out = [f"Command: `{command.strip()}`", "", info, "", *lines, *spread]
        if self.notes:
            out += ["", "Notes:", ""] + [f"- {n}" for n in self.notes]
        return "\n".join(out) + "\n"

    def capacity(self) -> float | None:
        """How many cores a parallel job gets right now: ``cpu_count`` busy loops side by side
        against one alone (other users of a shared machine take the rest)."""
        n = os.cpu_count() or 1
        loop = "import time\nt=time.perf_counter()\ns=0\nfor i in range(6_000_000): s+=i\nprint(time.perf_counter()-t)"
        try:
            one = float(
                subprocess.run(
                    [sys.executable, "-c", loop], capture_output=True, text=True, timeout=120
                ).stdout
            )
            procs = [
                subprocess.Popen([sys.executable, "-c", loop], stdout=subprocess.PIPE, text=True)
                for _ in range(n)
            ]
            times = [float(p.communicate(timeout=300)[0]) for p in procs]
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        return min(
            float(n), n * one / max(times)
        )  # noisy: the lone run may itself have been slowed

    def lintnews_root(self) -> str | None:
        probe = "import lintnews, os; print(os.path.dirname(os.path.dirname(os.path.abspath(lintnews.__file__))))"
        try:
            out = subprocess.run(
                [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip() or None

    def describe_lintnews(self) -> str:
        """Which rules ran and which source tree they came from (the rule set changes over time)."""
        parts = []
        try:
            out = subprocess.run(
                [self.lintnews, "rules", "--isolated", "--format", "json"],
                capture_output=True,
                text=True,
                env=self.env,
                cwd=self.work,
                timeout=120,
            )
            rules = json.loads(out.stdout)
            on = [r for r in rules if r.get("enabled")]
            packs = sorted({r["pack"] for r in on})
            parts.append(f"Rules on: {len(on)} of {len(rules)} ({', '.join(packs)}).")
        except (OSError, ValueError, KeyError, TypeError, subprocess.SubprocessError):
            parts.append("Rules on: unknown (`lintnews rules` failed).")
        try:
            probe = "import lintnews, os; print(os.path.dirname(os.path.dirname(os.path.abspath(lintnews.__file__))))"
            root = subprocess.run(
                [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
            ).stdout.strip()
            head = subprocess.run(
                ["git", "-C", root, "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            dirty = subprocess.run(
                ["git", "-C", root, "status", "--porcelain", "--", "lintnews", "rules"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            if head.returncode == 0:
                changed = len([line for line in dirty.stdout.splitlines() if line.strip()])
                parts.append(
                    f"Source: commit {head.stdout.strip()}"
                    + (
                        f" with {changed} uncommitted change(s) under lintnews/ and rules/."
                        if changed
                        else "."
                    )
                )
        except (OSError, subprocess.SubprocessError):
            pass
        return " ".join(parts)

    def dump(self, path: str) -> None:
        data = {
            "argv": sys.argv,
            "corpus_bytes": self.corpus_bytes,
            "results": {
                k: {
                    t: {"error": m.error, "samples": [asdict(s) for s in m.samples]}
                    for t, m in v.items()
                }
                for k, v in self.results.items()
            },
            "notes": self.notes,
        }
        Path(path).write_text(json.dumps(data, indent=2), encoding="utf-8")


def source_state(root: str | None) -> tuple[str, str]:
    """(HEAD, digest of uncommitted changes under lintnews/ and rules/) of the lintnews checkout."""
    if not root:
        return ("?", "")
    try:
        head = subprocess.run(
            ["git", "-C", root, "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
        diff = subprocess.run(
            ["git", "-C", root, "diff", "HEAD", "--", "lintnews", "rules"],
            capture_output=True,
            timeout=120,
        ).stdout
        untracked = subprocess.run(
            [
                "git",
                "-C",
                root,
                "ls-files",
                "--others",
                "--exclude-standard",
                "--",
                "lintnews",
                "rules",
            ],
            capture_output=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ("?", "")
    return (head or "?", hashlib.blake2b(diff + untracked, digest_size=8).hexdigest())


def _written_since(since: float, *folders: Path) -> bool:
    """Did any file under these folders change after ``since``? (Where the cache went.)"""
    for folder in folders:
        for dirpath, _, files in os.walk(folder):
            for name in files:
                try:
                    if os.stat(os.path.join(dirpath, name)).st_mtime >= since:
                        return True
                except OSError:
                    continue
    return False


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in lines:
        if "error" in line.lower():
            return line
    return lines[0] if lines else "no message"


def _ratio(a: Measure | None, b: Measure | None, fn) -> float | None:
    if a is None or b is None or not a.ok or not b.ok:
        return None
    return fn(a, b)


def _wall_cpu(m: Measure) -> str:
    return f"{m.median():.2f} s / {m.median('cpu'):.2f} s"


def _rss(m: Measure) -> str:
    return f"{m.median('maxrss_mb'):.1f} MB"


def _human(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1e6 else f"{size / 1e3:g} kB"


def find_tool(name: str, explicit: str | None) -> str | None:
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def tool_version(exe: str | None, name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        pass
    if exe:
        try:
            out = subprocess.run(
                [exe, "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
            return out.split()[-1] if out else "?"
        except (OSError, subprocess.SubprocessError):
            pass
    return "?"


def _int_list(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        if not part:
            continue
        mult = 1
        if part.endswith("mb"):
            part, mult = part[:-2], 1_000_000
        elif part.endswith("kb"):
            part, mult = part[:-2], 1_000
        elif part.endswith("k"):
            part, mult = part[:-1], 1_000
        out.append(int(float(part) * mult))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument(
        "--sizes",
        type=_int_list,
        default=[100, 1000, 10000],
        help="corpus sizes for throughput (default 100,1000,10000; 1,000 is always generated)",
    )
    p.add_argument(
        "--no-10000", dest="no_10000", action="store_true", help="skip the 10,000-article corpus"
    )
    p.add_argument(
        "--file-sizes",
        type=_int_list,
        default=[1_000_000, 10_000_000],
        help="single-article sizes for time vs size (default 1MB,10MB; '' to skip)",
    )
    p.add_argument(
        "--runs", type=int, default=3, help="runs per throughput and cache figure (default 3)"
    )
    p.add_argument(
        "--large-runs", type=int, default=3, help="runs for corpora over 1,000 articles (default 3)"
    )
    p.add_argument(
        "--cold-runs", type=int, default=9, help="runs per cold-start figure (default 9)"
    )
    p.add_argument("--size-runs", type=int, default=3, help="runs per file-size figure (default 3)")
    p.add_argument("--seed", default="1", help="corpus seed (default 1)")
    p.add_argument(
        "--ref-size",
        type=int,
        default=1000,
        help="articles in the cached re-run and memory runs (default 1000, as issue 6 asks)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=1800,
        help="seconds before one run is killed (default 1800)",
    )
    p.add_argument(
        "--size-timeout",
        type=float,
        default=600,
        help="the same for the single large-article runs (default 600)",
    )
    p.add_argument(
        "--repeat-budget",
        type=float,
        default=120,
        help="do not repeat a measure once a run of every tool took longer than this (default 120 s)",
    )
    p.add_argument(
        "--quick", action="store_true", help="100 and 1,000 articles, 1 MB only, 3 runs each"
    )
    p.add_argument(
        "--no-proselint", action="store_true", help="do not run proselint even if installed"
    )
    p.add_argument(
        "--lintnews", help="the lintnews executable (default: next to this interpreter, else PATH)"
    )
    p.add_argument(
        "--proselint",
        help="the proselint executable (default: next to this interpreter, else PATH)",
    )
    p.add_argument(
        "--lintnews-arg",
        action="append",
        help="extra argument for every lintnews check (repeatable)",
    )
    p.add_argument(
        "--no-isolated",
        dest="isolated",
        action="store_false",
        help="let lintnews discover config files (default: --isolated, the built-in defaults)",
    )
    p.add_argument(
        "--work-dir", help="where corpora and caches go (default: a new temporary folder)"
    )
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    p.add_argument("--json", help="also write every sample to this JSON file")
    p.add_argument("--output", "-o", help="also write the Markdown table to this file")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes = [n for n in args.sizes if n <= 1000] or [100, 1000]
        args.file_sizes = args.file_sizes[:1]
        args.cold_runs = min(args.cold_runs, 5)
        args.runs = min(args.runs, 3)
        args.size_runs = min(args.size_runs, 3)
    if args.no_10000:
        args.sizes = [n for n in args.sizes if n < 10000]
    args.sizes = sorted(set(args.sizes))
    args.file_sizes = sorted(set(args.file_sizes))
    if not args.sizes or min(args.sizes) < 1:
        p.error("--sizes needs positive numbers")
    signal.signal(signal.SIGTERM, _terminate)
    bench = Bench(args)
    bench.log(
        f"lintnews: {bench.lintnews}; proselint: {bench.proselint or 'not run'}; work folder: {bench.work}"
    )
    try:
        bench.run()
        report = bench.table()
        print(report)
        if args.output:
            Path(args.output).write_text(report, encoding="utf-8")
        if args.json:
            bench.dump(args.json)
    finally:
        if not args.keep and not args.work_dir:
            shutil.rmtree(bench.work, ignore_errors=True)
        elif args.keep:
            bench.log(f"kept {bench.work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
