#!/usr/bin/env python3
"""Issue 10's engine measurements, in one run: pattern engines, Markdown parsers, profile.

    .venv/bin/python bench/engines.py                       # 250 generated articles, seed 1
    .venv/bin/python bench/engines.py --count 300 --json /tmp/engines.json
    .venv/bin/python bench/engines.py --corpus DIR          # any folder of .md / .txt drafts

Standard library plus whatever of the optional packages is installed (``regex`` always is;
``hyperscan``, ``google-re2``, ``markdown-it-pyrs``, ``pyromark`` and ``cmarkgfm`` are
measured when importable, and a line says which were skipped). It prints, side by side:

a. Pattern engines. The patterns the built-in rules really compile on this corpus (every
   ``ruleset.patterns.compile_pattern`` call of an in-process lint run, plus the compiled
   module-level patterns of ``lintnews.checks``, ``lintnews.nlp`` and
   ``lintnews.extensions``), run over each document's prose view as lintnews compiles them
   today (``re`` with first-character guards, ``regex`` for syntax ``re`` lacks), with
   ``regex`` alone, with ``re`` alone, with google-re2 (one pattern at a time, and one
   ``re2.Set`` that only says which patterns match a text) and with one hyperscan database.
   For each: patterns accepted, compile time, scan time (and the reference engines' time on
   the same subset), and how many (pattern, text) pairs give exactly ``regex``'s spans.
   Patterns that an engine refuses are also tried with their word-edge guards
   (``(?<![\\w])…(?![\\w])``) removed, the superset a prefilter would have to use.
b. Markdown parsers: markdown-it-py as lintnews configures it (and bare), markdown-it-pyrs,
   pyromark and cmarkgfm on the corpus's Markdown bodies: parse time, and whether the
   source positions lintnews uses (inline code, links, images) come out at the same offsets.
c. One in-process lint run under cProfile (parse, rules, Python checks, declarative rules,
   the names model), and one with every pattern call timed: the share of the run a faster
   engine or parser could save at most.

Children run the two lint runs in fresh processes, so neither sees the other's compiled or
memoised state. Times are CPU seconds of this process (``time.process_time``): steadier than
wall time on a shared machine. Ratios within one run are fair; absolute figures depend on load.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, standard library only)

clock = time.process_time
WORD_EDGE_OPEN = r"(?<![\w])(?:"
WORD_EDGE_CLOSE = r")(?![\w])"
TODAY = "today (re + guards, regex fallback)"


# -- the corpus --------------------------------------------------------------------------------
def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())


def optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


# -- children: the two lint runs -----------------------------------------------------------------
def _load() -> Any:
    import lintnews

    return lintnews.Linter(lintnews.Config(isolated=True, cache=False))


def _lint_files(linter: Any, files: list[Path]) -> list[tuple[str, int, int, str]]:
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for f in linter.lint_text(text, path=path.name):
            out.append((f.path, f.line, f.column, f.rule))
    return out


def child_profile(files: list[Path]) -> dict[str, Any]:
    """cProfile one in-process run; cumulative CPU time of each part of linting the files
    (loading the rules is timed apart: a one-off per process)."""
    import cProfile
    import pstats

    start = clock()
    linter = _load()
    load = clock() - start
    profiler = cProfile.Profile(clock)
    start = clock()
    profiler.enable()
    findings = _lint_files(linter, files)
    profiler.disable()
    total = clock() - start
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]

    def cumulative(file_part: str, name: str) -> float:
        return sum(v[3] for (f, _l, fn), v in stats.items() if file_part in f and fn == name)

    declarative = sum(
        cumulative(f"lintnews/extensions/{ext}.py", "check")
        for ext in ("existence", "substitution", "occurrence", "consistency", "requirement")
    )
    parts = {
        "lint the files (profiled)": cumulative("bench/engines.py", "_lint_files"),
        "parse (parse_document)": cumulative("lintnews/parse/__init__.py", "parse_document"),
        "  markdown-it-py itself (MarkdownIt.parse)": cumulative("markdown_it/main.py", "parse"),
        "rules (run_rules)": cumulative("lintnews/ruleset/engine.py", "run_rules"),
        "  Python checks (lintnews/checks/*: check)": cumulative("lintnews/checks/", "check"),
        "  declarative rules (existence … requirement)": declarative,
        "  names model (Names.__init__)": cumulative("lintnews/nlp/words.py", "__init__"),
        "  attribution model (attribution)": cumulative(
            "lintnews/nlp/attribution.py", "attribution"
        ),
        "  findings (to_finding)": cumulative("lintnews/ruleset/engine.py", "to_finding"),
    }
    return {
        "parts": parts,
        "total": total,
        "load": load,
        "findings": len(findings),
        "digest": _digest(findings),
    }


class _Timed:
    """A compiled pattern whose every search is timed (CPU) into ``TIMES[key]``."""

    __slots__ = ("compiled", "key")

    def __init__(self, compiled: Any, key: str) -> None:
        self.compiled = compiled
        self.key = key

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def _run(self, method: str, *args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return getattr(self.compiled, method)(*args, **kwargs)
        finally:
            _add(self.key, clock() - start)

    def search(self, *a: Any, **k: Any) -> Any:
        return self._run("search", *a, **k)

    def match(self, *a: Any, **k: Any) -> Any:
        return self._run("match", *a, **k)

    def fullmatch(self, *a: Any, **k: Any) -> Any:
        return self._run("fullmatch", *a, **k)

    def sub(self, *a: Any, **k: Any) -> Any:
        return self._run("sub", *a, **k)

    def subn(self, *a: Any, **k: Any) -> Any:
        return self._run("subn", *a, **k)

    def split(self, *a: Any, **k: Any) -> Any:
        return self._run("split", *a, **k)

    def findall(self, *a: Any, **k: Any) -> Any:
        return self._run("findall", *a, **k)

    def finditer(self, *a: Any, **k: Any) -> Iterator[Any]:
        start = clock()
        it = self.compiled.finditer(*a, **k)
        spent = clock() - start
        try:
            while True:
                start = clock()
                try:
                    found = next(it)
                except StopIteration:
                    spent += clock() - start
                    return
                spent += clock() - start
                yield found
        finally:
            _add(self.key, spent)


TIMES: dict[str, float] = {}
CALLS: dict[str, int] = {}
PATTERNS: dict[str, dict[str, Any]] = {}
COMPILE = [0.0]


def _add(key: str, seconds: float) -> None:
    TIMES[key] = TIMES.get(key, 0.0) + seconds
    CALLS[key] = CALLS.get(key, 0) + 1


def _flag_letters(flags: int) -> str:
    return "".join(
        c for c, bit in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)) if flags & bit
    )


def _remember(source: str, flags: str, origin: str, kind: str) -> str:
    key = f"{flags}:{source}"
    PATTERNS.setdefault(key, {"source": source, "flags": flags, "origin": origin, "kind": kind})
    return key


def child_timed(files: list[Path]) -> dict[str, Any]:
    """One run with every built-in pattern call timed; the patterns, for part a."""
    import lintnews.ruleset.patterns as patterns

    original = patterns.compile_pattern

    def recording(source: str, ignorecase: bool = False, trusted: bool = False) -> Any:
        start = clock()
        compiled = original(source, ignorecase, trusted)
        COMPILE[0] += clock() - start
        key = _remember(source, "i" if ignorecase else "", "rule", "compile_pattern")
        return _Timed(compiled, key)

    patterns.compile_pattern = recording  # before any check module imports it by name
    import regex

    wrapped = 0
    for package in ("lintnews.checks", "lintnews.nlp", "lintnews.extensions"):
        root = importlib.import_module(package)
        names = [package] + [m.name for m in pkgutil.walk_packages(root.__path__, package + ".")]
        for name in names:
            module = importlib.import_module(name)
            for attr, value in list(vars(module).items()):
                if isinstance(value, re.Pattern | regex.Pattern):
                    kind = "re" if isinstance(value, re.Pattern) else "regex"
                    key = _remember(value.pattern, _flag_letters(value.flags), "module", kind)
                    setattr(module, attr, _Timed(value, key))
                    wrapped += 1
    import lintnews.parse
    import lintnews.run.runner as runner

    stage = {"parse": 0.0, "rules": 0.0}

    def timing(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                stage[name] += clock() - start

        return timed

    lintnews.parse.parse_document = timing("parse", lintnews.parse.parse_document)  # type: ignore[assignment]
    runner.run_rules = timing("rules", runner.run_rules)  # type: ignore[assignment]
    start = clock()
    linter = _load()
    load = clock() - start
    COMPILE[0] = 0.0
    stage.update(parse=0.0, rules=0.0)
    start = clock()
    findings = _lint_files(linter, files)
    total = clock() - start
    return {
        "total": total,
        "load": load,
        "compile_in_run": COMPILE[0],
        "stages": stage,
        "findings": len(findings),
        "digest": _digest(findings),
        "patterns": PATTERNS,
        "times": TIMES,
        "calls": CALLS,
        "module_patterns": wrapped,
    }


def _digest(findings: list[tuple[str, int, int, str]]) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(sorted(findings)).encode()).hexdigest()[:16]


def run_child(mode: str, corpus: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--corpus", str(corpus)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


# -- a. pattern engines ------------------------------------------------------------------------
Spans = list[tuple[int, int]]


def strip_edges(source: str) -> str | None:
    if source.startswith(WORD_EDGE_OPEN) and source.endswith(WORD_EDGE_CLOSE):
        return source[len(WORD_EDGE_OPEN) : -len(WORD_EDGE_CLOSE)]
    return None


def inline(flags: str, source: str, allowed: str) -> str:
    used = "".join(c for c in flags if c in allowed)
    return f"(?{used}){source}" if used else source


def spans_of(pattern: Any, texts: list[str]) -> tuple[float, list[Spans]]:
    start = clock()
    out = [[m.span() for m in pattern.finditer(text)] for text in texts]
    return clock() - start, out


def spans_per_text(pattern: Any, texts: list[str]) -> tuple[list[float], list[Spans]]:
    times, out = [], []
    for text in texts:
        start = clock()
        out.append([m.span() for m in pattern.finditer(text)])
        times.append(clock() - start)
    return times, out


def char_offsets(text: str) -> Callable[[int], int] | None:
    """Byte offset (UTF-8) to character offset; None for ASCII text (they are equal)."""
    if text.isascii():
        return None
    table = [0] * (len(text.encode("utf-8")) + 1)
    at = 0
    for index, ch in enumerate(text):
        width = len(ch.encode("utf-8"))
        for k in range(width):
            table[at + k] = index
        at += width
    table[at] = len(text)
    return table.__getitem__


def leftmost_longest(events: list[tuple[int, int]]) -> Spans:
    """re's non-overlapping scan order emulated on hyperscan's every-match events: leftmost
    start, then the longest end (re is leftmost-first, so this can differ; counted)."""
    best: dict[int, int] = {}
    for s, e in events:
        if e > best.get(s, -1):
            best[s] = e
    out: Spans = []
    pos = 0
    for s in sorted(best):
        if s >= pos:
            out.append((s, best[s]))
            pos = max(best[s], s + 1)
    return out


def measure_engines(
    patterns: list[dict[str, Any]], texts: list[str], log: Callable[[str], None]
) -> dict[str, Any]:
    import gc

    import regex

    from lintnews.ruleset import recache
    from lintnews.ruleset.patterns import compile_pattern

    recache.disable()  # compile as --no-cache does: the guards are worked out here
    re2 = optional("re2")
    hyperscan = optional("hyperscan")
    if re2 is None:
        log("  google-re2 not installed: its rows are skipped (pip install google-re2)")
    if hyperscan is None:
        log("  hyperscan not installed: its rows are skipped (pip install hyperscan)")

    def today_compile(p: dict[str, Any]) -> Any:
        if p["origin"] == "rule":
            return compile_pattern(p["source"], "i" in p["flags"], True)
        module = re if p["kind"] == "re" else regex
        return module.compile(inline(p["flags"], p["source"], "imsx"))

    def re_compile(p: dict[str, Any]) -> Any:
        return re.compile(inline(p["flags"], p["source"], "imsx"))

    def regex_compile(p: dict[str, Any]) -> Any:
        return regex.compile(inline(p["flags"], p["source"], "imsx"), regex.V0)

    def re2_compile(p: dict[str, Any]) -> Any:
        if "x" in p["flags"]:
            raise re2.error("no verbose mode in re2")
        return re2.compile(p["source"], _re2_options(re2, p["flags"]))

    compilers: dict[str, Callable[[dict[str, Any]], Any]] = {
        "regex": regex_compile,
        "today (re + guards, regex fallback)": today_compile,
        "re": re_compile,
    }
    if re2 is not None:
        compilers["google-re2, one pattern at a time"] = re2_compile
    compiled: dict[str, list[Any]] = {}
    compile_s: dict[str, float] = {}
    for name, fn in compilers.items():
        re.purge()
        out: list[Any] = []
        start = clock()
        for p in patterns:
            try:
                out.append(fn(p))
            except Exception:  # re.error, regex.error, re2.error: refused
                out.append(None)
        compile_s[name] = clock() - start
        compiled[name] = out

    # Scan pattern by pattern, the engines interleaved (background load hits all alike)
    scan_s = {name: [0.0] * len(patterns) for name in compilers}
    same = {name: 0 for name in compilers}
    matched = {name: 0 for name in compilers}
    missed = {name: 0 for name in compilers}
    ref: list[list[Spans]] = []
    today_text: dict[int, list[float]] = {}
    gc.collect()
    gc.disable()
    try:
        for i in range(len(patterns)):
            seconds, reference = spans_of(compiled["regex"][i], texts)
            scan_s["regex"][i] = seconds
            ref.append(reference)
            for name in compilers:
                if name == "regex" or compiled[name][i] is None:
                    continue
                if name == TODAY:
                    per_text, got = spans_per_text(compiled[name][i], texts)
                    today_text[i] = per_text
                    seconds = sum(per_text)
                else:
                    seconds, got = spans_of(compiled[name][i], texts)
                scan_s[name][i] = seconds
                for r, g in zip(reference, got, strict=True):
                    same[name] += r == g
                    matched[name] += bool(r)
                    missed[name] += bool(r) and not g
            if i % 25 == 24:
                log(f"  {i + 1}/{len(patterns)} patterns scanned")
    finally:
        gc.enable()

    def subset(ids: list[int], name: str) -> float:
        return sum(scan_s[name][i] for i in ids)

    rows: dict[str, Any] = {}
    for name in compilers:
        ids = [i for i, c in enumerate(compiled[name]) if c is not None]
        if name == "regex":
            same[name] = len(ids) * len(texts)
            matched[name] = sum(bool(r) for row in ref for r in row)
        rows[name] = dict(
            ids=ids,
            accepted=len(ids),
            compile=compile_s[name],
            scan=subset(ids, name),
            same=same[name],
            matched=matched[name],
            missed=missed[name],
            pairs=len(ids) * len(texts),
            subset_today=subset(ids, "today (re + guards, regex fallback)"),
            subset_regex=subset(ids, "regex"),
        )
        log(f"  {name}: {len(ids)}/{len(patterns)} compiled in {compile_s[name]:.2f} s")

    # not an engine: the faster of re (with guards) and regex, chosen pattern by pattern
    # (chosen on this very run's times, so this flatters it a little)
    everything = list(range(len(patterns)))
    best = sum(min(scan_s[TODAY][i], scan_s["regex"][i]) for i in everything)
    rows["faster of today's and regex, per pattern"] = dict(
        ids=everything,
        accepted=len(patterns),
        compile=compile_s[TODAY] + compile_s["regex"],
        scan=best,
        same=len(patterns) * len(texts),
        matched=rows["regex"]["matched"],
        missed=0,
        pairs=len(patterns) * len(texts),
        subset_today=subset(everything, TODAY),
        subset_regex=subset(everything, "regex"),
    )

    def subset_time(ids: list[int], which: str) -> float:
        return subset(ids, TODAY if which == "today" else "regex")

    def skippable(ids: list[int], fires: Callable[[int, int], bool]) -> dict[int, float]:
        """For a prefilter: the share of today's scan time of each pattern spent on texts
        where the engine reports nothing (those texts could skip the pattern)."""
        out = {}
        for slot, i in enumerate(ids):
            row = today_text[i]
            whole = sum(row) or 1e-12
            out[i] = sum(sec for t, sec in enumerate(row) if not fires(slot, t)) / whole
        return out

    if re2 is not None:
        rows.update(_measure_re2(re2, patterns, texts, ref, subset_time, skippable, log))
    if hyperscan is not None:
        rows.update(
            _measure_hyperscan(hyperscan, patterns, texts, ref, subset_time, skippable, log)
        )
    today = scan_s["today (re + guards, regex fallback)"]
    slowest = sorted(((t, i) for i, t in enumerate(today)), reverse=True)[:8]
    return {
        "rows": rows,
        "slowest": [
            (round(t, 3), patterns[i]["origin"], patterns[i]["source"][:90]) for t, i in slowest
        ],
    }


def _re2_options(re2: Any, flags: str) -> Any:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = "i" not in flags
    options.one_line = "m" not in flags
    options.dot_nl = "s" in flags
    return options


def _measure_re2(
    re2: Any,
    patterns: list[dict[str, Any]],
    texts: list[str],
    ref: list[list[Spans]],
    subset_time: Callable[[list[int], str], float],
    skippable: Callable[[list[int], Callable[[int, int], bool]], dict[int, float]],
    log: Callable[[str], None],
) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for label, variant in (("verbatim", False), ("word-edge guards removed", True)):
        accepted, compiled = [], []
        start = clock()
        for i, p in enumerate(patterns):
            source = p["source"]
            if variant:
                stripped = strip_edges(source)
                if stripped is None:
                    continue
                source = stripped
            if "x" in p["flags"]:
                continue  # re2 has no verbose mode
            try:
                compiled.append(re2.compile(source, _re2_options(re2, p["flags"])))
                accepted.append(i)
            except re2.error:
                pass
        compile_s = clock() - start
        log(
            f"  google-re2 ({label}): {len(accepted)} of {len(patterns)} accepted ({compile_s:.2f} s)"
        )
        # one Set: which patterns match each text (no spans), flags written inline
        start = clock()
        quiet = re2.Options()
        quiet.log_errors = False
        rset = re2.Set.SearchSet(quiet)
        ids = []
        for i in accepted:
            p = patterns[i]
            source = strip_edges(p["source"]) if variant else p["source"]
            assert source is not None
            try:
                rset.Add(inline(p["flags"], source, "ims"))
                ids.append(i)
            except re2.error:
                pass
        rset.Compile()
        set_compile = clock() - start
        start = clock()
        hits = [set(rset.Match(text) or ()) for text in texts]
        set_scan = clock() - start
        same = matched = missed = false_pos = 0
        for slot, i in enumerate(ids):
            for t, text_hits in enumerate(hits):
                fires = bool(ref[i][t])
                said = slot in text_hits
                same += fires == said
                matched += fires
                missed += fires and not said
                false_pos += said and not fires
        rows[f"google-re2 Set ({label}), which patterns match a text"] = dict(
            ids=ids,
            accepted=len(ids),
            compile=set_compile,
            scan=set_scan,
            same=same,
            matched=matched,
            missed=missed,
            pairs=len(ids) * len(texts),
            false_pos=false_pos,
            text_level=True,
            skip=skippable(ids, lambda slot, t, hits=hits: slot in hits[t]),
            subset_today=subset_time(ids, "today"),
            subset_regex=subset_time(ids, "regex"),
        )
    return rows


def _measure_hyperscan(
    hs: Any,
    patterns: list[dict[str, Any]],
    texts: list[str],
    ref: list[list[Spans]],
    subset_time: Callable[[list[int], str], float],
    skippable: Callable[[list[int], Callable[[int, int], bool]], dict[int, float]],
    log: Callable[[str], None],
) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    base = hs.HS_FLAG_UTF8 | hs.HS_FLAG_UCP

    def flags_of(p: dict[str, Any], som: bool) -> int:
        f = base | (hs.HS_FLAG_SOM_LEFTMOST if som else 0)
        if "i" in p["flags"]:
            f |= hs.HS_FLAG_CASELESS
        if "m" in p["flags"]:
            f |= hs.HS_FLAG_MULTILINE
        if "s" in p["flags"]:
            f |= hs.HS_FLAG_DOTALL
        return f

    def source_of(p: dict[str, Any], variant: bool) -> str | None:
        source = strip_edges(p["source"]) if variant else p["source"]
        if source is not None and "x" in p["flags"]:
            source = "(?x)" + source
        return source

    for label, variant in (("verbatim", False), ("word-edge guards removed", True)):
        accepted: list[tuple[int, bytes, int]] = []
        reasons: dict[str, int] = {}
        no_som = 0
        start = clock()
        for i, p in enumerate(patterns):
            source = source_of(p, variant)
            if source is None:
                continue
            expr = source.encode("utf-8")
            for som in (True, False):
                db = hs.Database()
                try:
                    db.compile(expressions=[expr], ids=[i], elements=1, flags=[flags_of(p, som)])
                except hs.error as exc:
                    if not som:
                        why = str(exc).split(" at index")[0][:60]
                        reasons[why] = reasons.get(why, 0) + 1
                    continue
                accepted.append((i, expr, flags_of(p, som)))
                no_som += not som
                break
        one_by_one = clock() - start
        if not accepted:
            rows[f"hyperscan ({label})"] = dict(accepted=0, reasons=reasons)
            log(f"  hyperscan ({label}): none accepted; {reasons}")
            continue
        start = clock()
        db = hs.Database()
        db.compile(
            expressions=[a[1] for a in accepted],
            ids=[a[0] for a in accepted],
            elements=len(accepted),
            flags=[a[2] for a in accepted],
        )
        db_compile = clock() - start
        no_ucp: str | None = None
        if not variant:  # is the compile time UCP's (Unicode classes)? the same set without it
            start = clock()
            try:
                hs.Database().compile(
                    expressions=[a[1] for a in accepted],
                    ids=[a[0] for a in accepted],
                    elements=len(accepted),
                    flags=[a[2] & ~hs.HS_FLAG_UCP for a in accepted],
                )
                no_ucp = f"{clock() - start:.2f} s (but then \\w is ASCII only, unlike re's)"
            except hs.error as exc:
                no_ucp = f"refused ({str(exc)[:60]})"
        events: list[dict[int, list[tuple[int, int]]]] = []

        def on_match(pid: int, frm: int, to: int, flags: int, context: Any) -> None:
            context.setdefault(pid, []).append((frm, to))

        start = clock()
        maps = []
        for text in texts:
            found: dict[int, list[tuple[int, int]]] = {}
            db.scan(text.encode("utf-8"), match_event_handler=on_match, context=found)
            events.append(found)
        scan_s = clock() - start
        for text in texts:
            maps.append(char_offsets(text))
        same = matched = missed = false_pos = 0
        ids = [a[0] for a in accepted]
        som_ids = {a[0] for a in accepted if a[2] & hs.HS_FLAG_SOM_LEFTMOST}
        for i in ids:
            for t, found in enumerate(events):
                got = found.get(i, [])
                to_char = maps[t]
                if to_char is not None:
                    got = [(to_char(s), to_char(e)) for s, e in got]
                expected = ref[i][t]
                matched += bool(expected)
                missed += bool(expected) and not got
                false_pos += bool(got) and not expected
                if i in som_ids and not variant:
                    same += leftmost_longest(got) == expected
        rows[f"hyperscan ({label}), one database"] = dict(
            ids=ids,
            accepted=len(ids),
            compile=db_compile,
            scan=scan_s,
            same=same if not variant else None,
            matched=matched,
            missed=missed,
            false_pos=false_pos,
            pairs=len(ids) * len(texts),
            som_pairs=len(som_ids) * len(texts),
            without_som=no_som,
            no_ucp_compile=no_ucp,
            reasons=reasons,
            one_by_one=one_by_one,
            skip=skippable(ids, lambda slot, t, ids=ids, events=events: ids[slot] in events[t]),
            subset_today=subset_time(ids, "today"),
            subset_regex=subset_time(ids, "regex"),
        )
        log(
            f"  hyperscan ({label}): {len(ids)} accepted ({no_som} without SOM); refused: {reasons}"
        )
    return rows


# -- b. Markdown parsers -----------------------------------------------------------------------
def markdown_bodies(files: list[Path]) -> list[tuple[str, Any]]:
    """(body as lintnews hands it to markdown-it, the parsed Document) for each .md file."""
    from lintnews.parse import parse_document

    out = []
    for path in files:
        if path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8")
        out.append((text, parse_document(path.name, text)))
    return out


def _byte_to_char(text: str) -> Callable[[int], int]:
    conv = char_offsets(text)
    return conv if conv is not None else (lambda x: x)


def measure_parsers(docs: list[tuple[str, Any]], log: Callable[[str], None]) -> dict[str, Any]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from lintnews.parse import markdown as lmd
    from lintnews.parse import parse_document

    texts = [t for t, _ in docs]
    rows: dict[str, Any] = {}

    def timed(fn: Callable[[str], Any]) -> float:
        start = clock()
        for text in texts:
            fn(text)
        return clock() - start

    rows["lintnews parse_document (whole: parser, builder, sentences)"] = dict(
        seconds=timed(lambda t: parse_document("x.md", t))
    )
    configured = lmd._parser()
    rows["markdown-it-py, as lintnews configures it (recording hooks)"] = dict(
        seconds=timed(lambda t: configured.parse(t, {})), features="all (today's)"
    )
    bare = MarkdownIt("commonmark", {"maxNesting": lmd.MAX_NESTING}).enable(
        ["table", "strikethrough"]
    )
    bare.use(footnote_plugin)
    rows["markdown-it-py, same plugins, no hooks"] = dict(
        seconds=timed(lambda t: bare.parse(t, {}))
    )

    # the positions lintnews takes from the parser: inline code, links, images
    def wanted(doc: Any) -> set[tuple[str, int, int]]:
        found = {
            ("link", k.span.start, k.span.end)
            for k in doc.links
            if k.kind in ("inline", "reference", "autolink")
        }
        found |= {("image", i.span.start, i.span.end) for i in doc.images if i.kind == "markdown"}
        found |= {
            ("code", s.start, s.end)
            for s in doc.code_spans
            if doc.text[s.start : s.start + 1] == "`" and "\n" not in doc.text[s.start : s.end]
        }
        return found

    def compare(
        name: str, positions: Callable[[str], set[tuple[str, int, int]]]
    ) -> tuple[int, int]:
        want = got = 0
        for text, doc in docs:
            expected = wanted(doc)
            have = positions(text)
            want += len(expected)
            got += len(expected & have)
        return got, want

    pyrs = optional("markdown_it_pyrs")
    if pyrs is None:
        log("  markdown-it-pyrs not installed: skipped (pip install markdown-it-pyrs)")
    else:
        md = pyrs.MarkdownIt("commonmark").enable_many(
            ["table", "strikethrough", "footnote", "front_matter"]
        )
        kinds = {"code_inline": "code", "link": "link", "image": "image", "autolink": "link"}

        def pyrs_positions(text: str) -> set[tuple[str, int, int]]:
            conv = _byte_to_char(text)
            out = set()
            for node in md.tree(text).walk():
                kind = kinds.get(node.name)
                if kind and node.srcmap:
                    out.add((kind, conv(node.srcmap[0]), conv(node.srcmap[1])))
            return out

        def pyrs_walk(text: str) -> None:
            for node in md.tree(text).walk():
                node.srcmap  # noqa: B018 - what lintnews would read of every node

        got, want = compare("pyrs", pyrs_positions)
        rows["markdown-it-pyrs (tree)"] = dict(seconds=timed(md.tree))
        rows["markdown-it-pyrs (tree, every node's srcmap read)"] = dict(
            seconds=timed(pyrs_walk), positions=f"{got}/{want}"
        )
    pyromark = optional("pyromark")
    if pyromark is None:
        log("  pyromark not installed: skipped (pip install pyromark)")
    else:
        o = pyromark.Options
        options = (
            o.ENABLE_TABLES
            | o.ENABLE_FOOTNOTES
            | o.ENABLE_STRIKETHROUGH
            | o.ENABLE_YAML_STYLE_METADATA_BLOCKS
        )

        def pm_positions(text: str) -> set[tuple[str, int, int]]:
            conv = _byte_to_char(text)
            out = set()
            for event, where in pyromark.events_with_range(text, options=options):
                kind = None
                if isinstance(event, dict):
                    if "Code" in event:
                        kind = "code"
                    start = event.get("Start")
                    if isinstance(start, dict):
                        kind = "link" if "Link" in start else "image" if "Image" in start else kind
                if kind:
                    out.add((kind, conv(where["start"]), conv(where["end"])))
            return out

        got, want = compare("pyromark", pm_positions)
        rows["pyromark (events_with_range)"] = dict(
            seconds=timed(lambda t: list(pyromark.events_with_range(t, options=options))),
            positions=f"{got}/{want}",
        )
    cmarkgfm = optional("cmarkgfm")
    if cmarkgfm is None:
        log("  cmarkgfm not installed: skipped (pip install cmarkgfm)")
    else:
        from cmarkgfm.cmark import Options as CO

        copts = CO.CMARK_OPT_SOURCEPOS | CO.CMARK_OPT_FOOTNOTES | CO.CMARK_OPT_UNSAFE
        ext = ["table", "strikethrough", "autolink"]
        rows["cmarkgfm (HTML with data-sourcepos)"] = dict(
            seconds=timed(
                lambda t: cmarkgfm.markdown_to_html_with_extensions(
                    t, options=copts, extensions=ext
                )
            ),
            positions="blocks only (line:column in HTML attributes)",
        )
    return rows


PARSER_FEATURES = """\
What lintnews takes from the parser today (lintnews/parse/markdown.py) and who gives it:
  block line maps (paragraph, heading, table cell, list, blockquote, fence, hr, html_block):
      markdown-it-py yes; markdown-it-pyrs yes (byte offsets); pyromark yes (byte ranges);
      cmarkgfm only as data-sourcepos line:column in rendered HTML (its Python API has no AST).
  inline positions of code spans, links (whole link, label end, href), images (src, alt,
  title), autolinks, raw inline HTML, footnote references:
      markdown-it-py via lintnews's recording hooks; markdown-it-pyrs and pyromark give node
      ranges (checked against today's offsets above); cmarkgfm none.
  which emphasis/strikethrough markers were paired (hidden as markup, the rest stay prose):
      markdown-it-py via hooks; pyrs and pyromark give the element's outer range only, so
      the marker width must be re-derived from the source (not done here); cmarkgfm none.
  nesting limit (maxNesting 40, deeper lines kept as prose): markdown-it-py only; the others
      have no such knob (pulldown-cmark is linear by design; pyrs unmeasured on deep input).
  front matter: lintnews's own splitter (parse/frontmatter.py), parser-independent.
  tables, footnotes, strikethrough: all four (GFM extensions / plugins)."""


# -- the report --------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--count", type=int, default=250, help="generated articles (default 250)")
    p.add_argument("--seed", default="1")
    p.add_argument("--corpus", type=Path, help="lint this folder instead of a generated corpus")
    p.add_argument("--json", type=Path, help="also write every figure here")
    p.add_argument("--child", choices=("profile", "timed"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)

    if a.child:
        files = corpus_files(a.corpus)
        result = child_profile(files) if a.child == "profile" else child_timed(files)
        print(json.dumps(result))
        return 0

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="lintnews-engines-") as work:
        corpus = a.corpus
        if corpus is None:
            corpus = Path(work) / "corpus"
            generate.generate(corpus, a.count, a.seed)
        files = corpus_files(corpus)
        size = sum(f.stat().st_size for f in files)
        load = os.getloadavg()
        log(f"corpus: {len(files)} files, {size / 1e6:.2f} MB ({corpus}); load {load[0]:.1f}")
        for name in ("hyperscan", "re2", "markdown_it_pyrs", "pyromark", "cmarkgfm"):
            if optional(name) is None:
                log(f"optional package {name} is not installed: its rows are skipped")

        log("c. profiled lint run (child)")
        prof = run_child("profile", corpus)
        log("c. timed lint run (child)")
        timed = run_child("timed", corpus)
        # part a: the patterns rules run over whole texts (compile_pattern: TokenPatterns,
        # option-built patterns); module constants are mostly match()-at-a-position helpers,
        # timed in the run (part c) but not scanned over whole texts here
        keys = [k for k, v in timed["patterns"].items() if v["origin"] == "rule"]
        patterns = [timed["patterns"][k] for k in keys]

        from lintnews.parse import parse_document

        prose = [parse_document(f.name, f.read_text(encoding="utf-8")).prose for f in files]
        log(f"a. pattern engines: {len(patterns)} patterns over {len(prose)} prose views")
        engines = measure_engines(patterns, prose, log)
        log("b. Markdown parsers")
        docs = markdown_bodies(files)
        parsers = measure_parsers(docs, log)
        load_end = os.getloadavg()

    pattern_time = sum(timed["times"].values())
    report = {
        "corpus": {"files": len(files), "bytes": size, "markdown": len(docs)},
        "load": [load[0], load_end[0]],
        "profile": prof,
        "timed": {
            k: timed[k]
            for k in (
                "total",
                "load",
                "compile_in_run",
                "stages",
                "findings",
                "digest",
                "module_patterns",
            )
        },
        "pattern_seconds_in_run": pattern_time,
        "pattern_calls_in_run": sum(timed["calls"].values()),
        "patterns": {"total": len(timed["patterns"]), "rule": len(patterns)},
        "module_pattern_seconds": sum(
            t for k, t in timed["times"].items() if timed["patterns"][k]["origin"] == "module"
        ),
        "top_patterns_in_run": sorted(
            (
                (round(t, 3), timed["calls"][k], timed["patterns"][k]["source"][:80])
                for k, t in timed["times"].items()
            ),
            reverse=True,
        )[:8],
        "engines": engines,
        "parsers": parsers,
    }
    # What each engine could save end to end: the in-run time of the patterns it accepts,
    # scaled by its scan time over today's on those patterns (exact engines only).
    in_run = [timed["times"].get(k, 0.0) for k in keys]
    for row in engines["rows"].values():
        ids = row.get("ids") or []
        row["in_run"] = sum(in_run[i] for i in ids)
        if row.get("subset_today"):
            row["saving"] = row["in_run"] * (1 - row["scan"] / row["subset_today"])
        if row.get("skip") is not None and not row["missed"]:
            # as a prefilter: skip each pattern on the texts the engine clears, pay its scan
            row["prefilter_saving"] = (
                sum(in_run[i] * share for i, share in row["skip"].items()) - row["scan"]
            )
            # each process compiles its own database (no cache may hold compiled programs)
            row["prefilter_net"] = row["prefilter_saving"] - row["compile"]
            row["skip"] = None
    print_report(report)
    if a.json:
        a.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def print_report(r: dict[str, Any]) -> None:
    c = r["corpus"]
    prof, t = r["profile"], r["timed"]
    print(
        f"# bench/engines.py: {c['files']} articles ({c['bytes'] / 1e6:.2f} MB, {c['markdown']} "
        f"Markdown); load average {r['load'][0]:.1f} at the start, {r['load'][1]:.1f} at the end; "
        "CPU seconds of one process (ratios within this run are fair, absolute figures depend "
        "on load)\n"
    )
    total = prof["parts"]["lint the files (profiled)"] or prof["total"]
    print("## c. Where a lint run goes: cProfile of linting the files in one process\n")
    print(
        f"Loading and compiling the rules (--no-cache, before the files): {prof['load']:.2f} s "
        f"(unprofiled). Findings: {prof['findings']} (digest {prof['digest']}).\n"
    )
    print("| Part | CPU s (profiled) | Share of linting |\n|---|---|---|")
    for name, seconds in prof["parts"].items():
        label = name.strip() + (" (part of the row above)" if name.startswith("  ") else "")
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    share = r["pattern_seconds_in_run"] / t["total"]
    print(
        f"\nUnprofiled run, every pattern search timed ({r['pattern_calls_in_run']:,} calls to "
        f"{r['patterns']['total']} patterns, {t['module_patterns']} module constants among them; "
        f"part a scans the {r['patterns']['rule']} others): "
        f"linting took {t['total']:.2f} s, of which {r['pattern_seconds_in_run']:.2f} s "
        f"({share:.0%}) inside pattern searches and {t['compile_in_run']:.2f} s compiling them on "
        f"first use; loading the rules {t['load']:.2f} s. Findings {t['findings']} (digest "
        f"{t['digest']}, {'the same as' if t['digest'] == prof['digest'] else 'DIFFERENT from'} "
        "the profiled run). Patterns compiled inside functions (re.search(r'...')) are not "
        "counted.\n"
    )
    st = t["stages"]
    print("| Part, unprofiled | CPU s | Share of linting |\n|---|---|---|")
    for label, seconds in (
        ("parse (parse_document)", st["parse"]),
        ("rules (run_rules)", st["rules"]),
        ("  pattern searches, all patterns", r["pattern_seconds_in_run"]),
        ("  … of which module-constant patterns", r["module_pattern_seconds"]),
        ("  compiling patterns on first use", t["compile_in_run"]),
    ):
        print(f"| {label.strip()} | {seconds:.2f} | {seconds / t['total']:.0%} |")
    print()
    print("Costliest patterns in the run (CPU s, calls, source):")
    for seconds, calls, source in r["top_patterns_in_run"]:
        print(f"  {seconds:6.3f} {calls:7d}  {source}")
    e = r["engines"]["rows"]
    n = e["regex"]["accepted"]
    print("\n## a. Pattern engines: every pattern over every prose view\n")
    print(
        "| Engine | Patterns accepted | Compile s | Scan s | today / regex on the same patterns "
        "| Same spans as regex (pattern × text pairs) | regex's matching pairs missed | "
        "Saving end to end if used for its patterns |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, row in e.items():
        if not row.get("accepted"):
            print(f"| {name} | 0/{n} | — | — | — | — | — | — |")
            continue
        same = row.get("same")
        if row.get("text_level"):
            same_s = (
                f"text level only: {same:,}/{row['pairs']:,} "
                f"({row.get('false_pos', 0):,} false alarms)"
            )
        elif same is None:
            same_s = f"superset: {row.get('false_pos', 0):,} pairs with events but no match"
        else:
            same_s = f"{same:,}/{row['pairs']:,}"
            if "som_pairs" in row:
                same_s = (
                    f"{same:,}/{row['som_pairs']:,} (leftmost-longest of the events; "
                    f"{row['without_som']} pattern(s) without start offsets not compared)"
                )
        exact = (
            not row.get("text_level")
            and same is not None
            and same == row["pairs"]
            and not row.get("without_som")
            and "som_pairs" not in row  # every-match events: exact only after emulation
        )
        if exact and "saving" in row:
            saving = f"{row['saving']:+.2f} s ({row['saving'] / t['total']:+.1%})"
        elif "prefilter_saving" in row:
            gain = row["prefilter_saving"]
            net = row["prefilter_net"]
            saving = (
                f"as a prefilter at most {gain:+.2f} s ({gain / t['total']:+.1%}); "
                f"{net:+.2f} s ({net / t['total']:+.1%}) after compiling it"
            )
        else:
            saving = "not exact, and misses matches"
        print(
            f"| {name} | {row['accepted']}/{n} | {row['compile']:.2f} | {row['scan']:.2f} | "
            f"{row['subset_today']:.2f} / {row['subset_regex']:.2f} | {same_s} | "
            f"{row['missed']:,} of {row['matched']:,} | {saving} |"
        )
    for name, row in e.items():
        if row.get("reasons"):
            extra = (
                f"; {row['without_som']} only without SOM_LEFTMOST"
                if row.get("without_som")
                else ""
            )
            print(f"  {name}: refused {row['reasons']}{extra}")
        if row.get("no_ucp_compile") is not None:
            print(
                f"  {name}: the same database without HS_FLAG_UCP compiles in {row['no_ucp_compile']}"
            )
    print("\nSlowest patterns over the corpus (today's engine):")
    for seconds, origin, source in r["engines"]["slowest"]:
        print(f"  {seconds:6.3f} {origin:6s} {source}")
    print("\n## b. Markdown parsers on the Markdown files\n")
    print("| Parser | CPU s | Inline code / link / image positions at today's offsets |")
    print("|---|---|---|")
    for name, row in r["parsers"].items():
        print(f"| {name} | {row['seconds']:.3f} | {row.get('positions', '—')} |")
    print()
    print(PARSER_FEATURES)


if __name__ == "__main__":
    raise SystemExit(main())
