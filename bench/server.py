#!/usr/bin/env python3
"""Benchmark ``lintnews server``: change-to-diagnostics latency and memory over many edits.

Drives the real server over stdio with pygls' LSP client (a dependency of lintnews, so
nothing else is needed). A 1,000-word draft from ``bench/generate.py`` is opened, then
edited ``--edits`` times (a word inserted or removed, as typing does), each change waiting
for the diagnostics of its version. Printed:

* the first lint (rules loaded and compiled, the config discovered) and the latency of
  every later change: median, 95th percentile, max; the goal is under 50 ms;
* the server's CPU time per change, and the same draft through ``lintnews check`` (one
  process per run, as a pre-commit hook or a CI job lints it) as the peer: the ratio says
  what keeping the rules loaded saves;
* the server's resident memory after 10, 100 and every further tenth of the edits: flat
  means nothing grows per edit;
* a burst: ``--burst`` changes sent at once, as fast typing does, and how many lints they
  cost (changes are coalesced, so far fewer than the changes).

    .venv/bin/python bench/server.py                 # 1,000 edits, about a minute
    .venv/bin/python bench/server.py --edits 200 --json /tmp/server-bench.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from lintnews.server.app import QUIET

HERE = Path(__file__).resolve().parent
LINTNEWS = str(Path(sys.executable).parent / "lintnews")
GOAL_MS = 50.0


def make_draft(folder: Path, words: int, seed: int) -> Path:
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate.py"),
            str(folder),
            "--count",
            "1",
            "--seed",
            str(seed),
            "--words-min",
            str(words),
            "--words-max",
            str(words),
        ],
        check=True,
        capture_output=True,
    )
    (draft,) = [p for p in folder.iterdir() if p.suffix in (".md", ".txt")]
    return draft


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def edited(text: str, step: int) -> str:
    """The draft with one word toggled in a paragraph (alternately present and absent), a
    different paragraph each time, so the text changes as typing changes it."""
    lines = text.split("\n")
    prose = [i for i, line in enumerate(lines) if line[:1].isalpha() and len(line) > 40]
    index = prose[(step // 2) % len(prose)]
    if step % 2 == 0:
        lines[index] = lines[index] + " Recently"
    return "\n".join(lines)


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("lintnews-bench", "1")
        self.published: dict[int | None, float] = {}
        self.waiters: dict[int, asyncio.Future[float]] = {}
        self.count = 0

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.count += 1
            waiter = self.waiters.pop(params.version or -1, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(now)

    def expect(self, version: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters[version] = future
        return future

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )


async def run(args: argparse.Namespace) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="lintnews-server-bench-"))
    draft = make_draft(work / "drafts", args.words, args.seed)
    text = draft.read_text(encoding="utf-8")
    uri = draft.as_uri()
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}

    peer = []
    for _ in range(args.peer_runs):
        start = time.perf_counter()
        subprocess.run(
            [LINTNEWS, "check", "--format", "json", draft.name],
            cwd=draft.parent,
            capture_output=True,
            env=env,
        )
        peer.append(time.perf_counter() - start)

    bench = Bench()
    client = bench.client
    await client.start_io(LINTNEWS, "server", env=env)
    assert client._server is not None
    pid = client._server.pid
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=draft.parent.as_uri(), name="drafts")],
        )
    )
    client.initialized(types.InitializedParams())

    first = bench.expect(1)
    start = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    first_ms = (await asyncio.wait_for(first, 120) - start) * 1000

    latencies: list[float] = []
    memory: dict[int, int] = {0: rss_kib(pid)}
    marks = {10, 100, *range(args.edits // 10, args.edits + 1, max(1, args.edits // 10))}
    cpu_before = cpu_seconds(pid)
    version = 1
    for step in range(args.edits):
        version += 1
        done = bench.expect(version)
        start = time.perf_counter()
        bench.change(uri, version, edited(text, step))
        latencies.append((await asyncio.wait_for(done, 60) - start) * 1000)
        if step + 1 in marks:
            memory[step + 1] = rss_kib(pid)
    cpu_per_edit_ms = (cpu_seconds(pid) - cpu_before) / args.edits * 1000

    # A burst: changes sent back to back, as fast typing sends them; only the last waited for.
    before = bench.count
    for step in range(args.burst):
        version += 1
        last = bench.expect(version) if step == args.burst - 1 else None
        bench.change(uri, version, edited(text, step))
    assert last is not None
    await asyncio.wait_for(last, 60)
    burst_lints = bench.count - before

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    ordered = sorted(latencies)
    return {
        "words": len(text.split()),
        "edits": args.edits,
        "first_lint_ms": round(first_ms, 1),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "max_ms": round(ordered[-1], 1),
        "server_cpu_per_edit_ms": round(cpu_per_edit_ms, 1),
        "check_process_ms": round(statistics.median(peer) * 1000, 1),
        "rss_kib": memory,
        "burst_changes": args.burst,
        "burst_lints": burst_lints,
        "quiet_ms": QUIET * 1000,
        "load_average": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }


def report(result: dict[str, object]) -> str:
    rss = result["rss_kib"]
    assert isinstance(rss, dict)
    median = float(result["median_ms"])  # type: ignore[arg-type]
    peer = float(result["check_process_ms"])  # type: ignore[arg-type]
    after_10 = rss.get(10) or next(iter(rss.values()))
    last = rss[max(rss)]
    lines = [
        f"lintnews server, a {result['words']}-word draft, {result['edits']} edits",
        "",
        f"first lint (rules loaded, config found)   {result['first_lint_ms']} ms",
        f"change -> diagnostics, median             {result['median_ms']} ms"
        f"   ({'under' if median < GOAL_MS else 'OVER'} the {GOAL_MS:g} ms goal)",
        f"change -> diagnostics, p95 / max          {result['p95_ms']} / {result['max_ms']} ms",
        f"server CPU per change                     {result['server_cpu_per_edit_ms']} ms",
        f"idle-machine estimate (quiet + CPU)       "
        f"{float(result['quiet_ms']) + float(result['server_cpu_per_edit_ms']):.1f} ms"  # type: ignore[arg-type]
        f"   (load average {result['load_average']} on {result['cpus']} CPUs while measured)",
        f"peer: `lintnews check` of the same draft  {result['check_process_ms']} ms per process"
        f"   (server median is {peer / median:.0f}x faster)"
        if median
        else "",
        f"burst of {result['burst_changes']} changes sent at once      "
        f"{result['burst_lints']} lints published",
        "",
        "resident memory (MiB) after N edits:",
        "  " + "  ".join(f"{n}: {kib / 1024:.1f}" for n, kib in sorted(rss.items())),
        f"  growth from edit 10 to edit {max(rss)}: {(last - after_10) / 1024:+.1f} MiB",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--peer-runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = asyncio.run(run(args))
    sys.stdout.write(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
