"""Files in, findings out: reading, decoding, parsing, rules, suppression, per-file ignores.

A broken file becomes a finding (``file.*``) and the run goes on with the others. Many files
are linted in a process pool (started only when there are enough files to pay for it);
results come back in a stable order, one file at a time, so memory does not grow with the
number of files.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from .. import __version__
from ..extensions.base import Rule
from ..files.decode import DecodeProblem, content_digest, decode
from ..files.discover import Skipped, Target
from ..model import Finding
from ..ruleset.engine import meta_finding, run_rules
from ..ruleset.selection import matches
from ..source import SourceText
from .cache import ResultCache
from .config import Settings

__all__ = ["FileResult", "Linter", "lint_targets", "read_target"]

POOL_THRESHOLD = 24  # files; below this a pool costs more than it saves


@dataclass
class FileResult:
    display: str
    findings: list[Finding] = field(default_factory=list)
    note: str | None = None  # why the file was skipped, when it was
    digest: str = ""
    encoding: str = "utf-8"
    from_cache: bool = False
    #: The parsed front matter (``lintnews audit`` reports date, author, section, tags).
    metadata: dict[str, Any] = field(default_factory=dict)
    #: The bytes linted and their decoded text, kept when the linter is asked to
    #: (``keep_source``: --fix and --diff work on exactly what was linted, read once).
    source: bytes | None = field(default=None, repr=False)
    text: str | None = field(default=None, repr=False)

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed_by is None]


@dataclass
class Linter:
    """Everything needed to lint one file; picklable, so pool workers get a copy."""

    rules: list[Rule]
    settings: Settings
    known_ids: tuple[str, ...]
    inline_suppressions: bool = True
    #: Keep each file's bytes and text on its result (for --fix and --diff).
    keep_source: bool = False

    def fingerprint(self, ruleset_digest: str) -> str:
        """What cached results depend on besides a file's own bytes: every setting and every
        field of every rule, hashed whole (a new setting is covered without being listed),
        and the code behind them."""
        from ..ruleset import ruledata

        state = {
            "version": __version__,
            "ruleset": ruleset_digest,
            "rules": [ruledata.dump(rule) for rule in self.rules],
            "settings": asdict(self.settings),
            "known_ids": self.known_ids,
            "inline_suppressions": self.inline_suppressions,
            "code": _code_stamp(self.rules),
        }
        text = json.dumps(state, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    def lint_bytes(self, display: str, data: bytes, named: bool = True) -> FileResult:
        decoded = decode(data)
        if isinstance(decoded, DecodeProblem):
            if decoded.kind == "binary" and not named:
                return FileResult(display, note=decoded.message)
            rule_id = "file.binary" if decoded.kind == "binary" else "file.encoding"
            return FileResult(
                display,
                [meta_finding(display, rule_id, decoded.message, decoded.line, decoded.column)],
            )
        result = self.lint_text(display, decoded.text)
        result.encoding = decoded.encoding
        if self.keep_source:
            result.source, result.text = data, decoded.text
        return result

    def lint_text(self, display: str, text: str) -> FileResult:
        from ..parse import parse_document
        from .suppress import apply

        try:
            doc = parse_document(display, text, date_keys=self.settings.date_keys)
        except RecursionError:
            return FileResult(
                display,
                [
                    meta_finding(
                        display,
                        "rule.crash",
                        "the Markdown is nested too deeply to parse; the file was skipped",
                    )
                ],
            )
        except Exception as exc:  # a parser bug must cost one file, not the run
            return FileResult(
                display,
                [
                    meta_finding(
                        display,
                        "rule.crash",
                        f"lintnews could not parse this file ({type(exc).__name__}: {exc}) and skipped it; "
                        "please report it with the file",
                    )
                ],
            )
        findings: list[Finding] = []
        matter = doc.front_matter
        if matter is not None:
            for problem in [matter.error] if matter.error is not None else matter.problems:
                findings.append(
                    meta_finding(
                        display, "file.front-matter", problem.message, problem.line, problem.column
                    )
                )
        findings.extend(run_rules(doc, self.rules, self.settings.regex_timeout))
        findings = apply(
            doc, findings, self.known_ids, self.settings.unsuppressible, self.inline_suppressions
        )
        findings = self._drop_per_file_ignores(display, findings)
        _carry_lines(findings, doc.source)
        return FileResult(display, findings, metadata=doc.metadata)

    def _drop_per_file_ignores(self, display: str, findings: list[Finding]) -> list[Finding]:
        table = self.settings.per_file_ignores
        if not table:
            return findings
        relative = _relative_to(display, self.settings.root)
        patterns = [
            ids
            for glob, ids in table.items()
            if fnmatchcase(relative, glob) or fnmatchcase(display, glob)
        ]
        if not patterns:
            return findings
        return [f for f in findings if not any(matches(p, f.rule) for ids in patterns for p in ids)]

    def lint_target(self, target: Target, cache: ResultCache | None = None) -> FileResult:
        """Stat, read (never more than max-file-size), then answer from ``cache`` or lint."""
        data = read_target(target, self.settings.max_file_size)
        if isinstance(data, FileResult):
            return data
        digest = content_digest(data)
        key = cache_key(target)
        if cache is not None and not self.keep_source:  # a hit has no text to fix
            hit = cache.get(key, digest)
            if hit is not None:
                findings = [replace(f, path=target.display) for f in hit.findings]
                return FileResult(target.display, findings, hit.note, digest, hit.encoding, True)
        result = self.lint_bytes(target.display, data, target.named)
        result.digest = digest
        return result


FRAME_LINES = 6


def _carry_lines(findings: list[Finding], source: SourceText) -> None:
    """Give each finding the text of its lines for code frames: from its first line to the
    last line any finding starting there reaches, joined by "\\n" (one string per first
    line, shared, so the cache keeps one text per line)."""
    reach: dict[int, int] = {}
    for finding in findings:
        if finding.source_line is None and 0 < finding.line <= source.line_count:
            # a frame shows at most FRAME_LINES lines (a span over a whole section is not
            # worth carrying into the cache in full)
            last = min(max(finding.end_line, finding.line), finding.line + FRAME_LINES - 1)
            last = min(last, source.line_count)
            reach[finding.line] = max(reach.get(finding.line, 0), last)
    lines = {
        first: "\n".join(source.line_text(i - 1) for i in range(first, last + 1))
        for first, last in reach.items()
    }
    for finding in findings:
        if finding.source_line is None and finding.line in lines:
            finding.source_line = lines[finding.line]


def cache_key(target: Target) -> str:
    return str(target.path.resolve())


def read_target(target: Target, limit: int) -> bytes | FileResult:
    """The file's bytes, or the finding that says why they were not read. The size is
    checked before reading and again on what was read (the file may grow meanwhile), and
    no more than ``limit + 1`` bytes are ever read."""
    try:
        info = target.path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            return _unreadable(
                target.display, "not a regular file (a device, pipe or socket), so it was not read"
            )
        data = b""
        if info.st_size <= limit:
            with target.path.open("rb") as handle:
                # Sized by the stat, not read(limit + 1): that allocates the whole limit.
                data = handle.read(info.st_size + 1)
                if len(data) > info.st_size:  # it grew since the stat: at most one past
                    data += handle.read(max(0, limit + 1 - len(data)))
        if info.st_size > limit or len(data) > limit:
            size = max(info.st_size, len(data))
            return FileResult(
                target.display,
                [
                    meta_finding(
                        target.display,
                        "file.too-large",
                        f"the file is {size:,} bytes, over max-file-size ({limit:,}); it was not linted",
                    )
                ],
            )
    except FileNotFoundError:
        return _unreadable(
            target.display, "the file does not exist (or vanished before it could be read)"
        )
    except PermissionError:
        return _unreadable(target.display, "permission denied; make the file readable")
    except IsADirectoryError:
        return _unreadable(target.display, "this is a folder, not a file")
    except OSError as exc:
        return _unreadable(target.display, f"cannot read the file ({exc.strerror or exc})")
    return data


def _code_stamp(rules: Sequence[Rule]) -> str:
    """The code behind the results: lintnews' own modules (edited in a checkout, where the
    version does not change) and each plugin that provides a check the rules name."""
    from ..checks import ENTRY_POINT_GROUP, builtin_target
    from ..stamp import package_stamp

    stamps = [package_stamp()]
    names = {getattr(rule, "check_name", "") for rule in rules if rule.extension == "python"}
    names = {name for name in names if name and builtin_target(name) is None}
    if names:  # only plugins cost a scan of the installed distributions
        from importlib.metadata import entry_points
        from importlib.util import find_spec

        for entry in entry_points(group=ENTRY_POINT_GROUP):
            if entry.name not in names:
                continue
            dist = getattr(entry, "dist", None)
            stamp = f"{entry.name}={entry.value}@{getattr(dist, 'name', '')} {getattr(dist, 'version', '')}"
            try:
                spec = find_spec(entry.module)
                origin = spec.origin if spec is not None else None
                if origin and os.path.isfile(origin):
                    stat = os.stat(origin)
                    stamp += f":{stat.st_mtime_ns}:{stat.st_size}"
            except (ImportError, ValueError):
                pass
            stamps.append(stamp)
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def _unreadable(display: str, message: str) -> FileResult:
    return FileResult(display, [meta_finding(display, "file.unreadable", message)])


def _relative_to(display: str, root: Path) -> str:
    try:
        return Path(display).resolve().relative_to(root).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the root; a symlink loop
        return display


# -- many files -----------------------------------------------------------------------------
_WORKER: tuple[Linter, ResultCache | None] | None = None


def _init_worker(linter: Linter, cache: ResultCache | None) -> None:
    global _WORKER
    _WORKER = (linter, cache)


def _work(target: Target) -> FileResult:
    assert _WORKER is not None
    linter, cache = _WORKER
    return linter.lint_target(target, cache)


def lint_targets(
    items: Iterable[Target | Skipped],
    linter: Linter,
    jobs: int | None = None,
    cache: ResultCache | None = None,
) -> Iterator[FileResult]:
    """Lint every target, yielding results in the order of ``items``; new results go into
    ``cache``, saved when the stream ends."""
    targets: list[Target | Skipped] = list(items)
    files = [item for item in targets if isinstance(item, Target)]
    computed = _run(files, linter, jobs, cache)
    for item in targets:
        if isinstance(item, Skipped):
            yield (
                FileResult(item.display, [meta_finding(item.display, item.rule, item.reason)])
                if item.error
                else FileResult(item.display, note=item.reason)
            )
            continue
        result = next(computed)
        if cache is not None and not result.from_cache:
            cache.put(cache_key(item), result.digest, result.findings, result.note, result.encoding)
        yield result
    if cache is not None:
        cache.save()
        cache.close()


def _run(
    targets: Sequence[Target], linter: Linter, jobs: int | None, cache: ResultCache | None
) -> Iterator[FileResult]:
    workers = min(jobs or os.cpu_count() or 1, len(targets))
    if workers <= 1 or len(targets) < POOL_THRESHOLD:
        for target in targets:
            yield linter.lint_target(target, cache)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, len(targets) // (workers * 8)))
    with context.Pool(workers, initializer=_init_worker, initargs=(linter, cache)) as pool:
        yield from pool.imap(_work, targets, chunksize=chunk)
