"""Files in, findings out: reading, decoding, parsing, rules, suppression, per-file ignores.

A broken file becomes a finding (``file.*``) and the run goes on with the others. Many files
are linted in a process pool (started only when there are enough files to pay for it);
results come back in a stable order, one file at a time, so memory does not grow with the
number of files.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from . import __version__
from .config import Settings
from .decode import DecodeProblem, decode
from .discover import Skipped, Target
from .engine import meta_finding, run_rules
from .extensions.base import Rule
from .meta import META_RULES
from .model import Finding, Severity
from .selection import matches

POOL_THRESHOLD = 24  # files; below this a pool costs more than it saves


@dataclass
class FileResult:
    display: str
    findings: list[Finding] = field(default_factory=list)
    note: str | None = None  # why the file was skipped, when it was
    digest: str = ""
    encoding: str = "utf-8"

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

    def fingerprint(self, ruleset_digest: str) -> str:
        """What cached results depend on besides a file's own bytes."""
        s = self.settings
        parts = [
            __version__,
            ruleset_digest,
            repr(
                sorted(
                    (r.id, r.severity.value, sorted(r.options.items(), key=str)) for r in self.rules
                )
            ),
            repr(sorted(s.unsuppressible)),
            repr(sorted(s.per_file_ignores.items())),
            repr(self.inline_suppressions),
            repr(s.regex_timeout),
            _code_stamp(self.rules),
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]

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
        return result

    def lint_text(self, display: str, text: str) -> FileResult:
        from .parse import parse_document
        from .suppress import apply

        try:
            doc = parse_document(display, text)
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
        if matter is not None and matter.error is not None:
            findings.append(
                meta_finding(
                    display,
                    "file.front-matter",
                    matter.error.message,
                    matter.error.line,
                    matter.error.column,
                )
            )
        findings.extend(run_rules(doc, self.rules, self.settings.regex_timeout))
        findings = apply(
            doc, findings, self.known_ids, self.settings.unsuppressible, self.inline_suppressions
        )
        return FileResult(display, self._drop_per_file_ignores(display, findings))

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

    def lint_target(self, target: Target) -> FileResult:
        limit = self.settings.max_file_size
        try:
            info = target.path.stat()
            if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
                return _unreadable(
                    target.display,
                    "not a regular file (a device, pipe or socket), so it was not read",
                )
            data = b""
            if info.st_size <= limit:
                with target.path.open("rb") as handle:
                    data = handle.read()  # not read(limit + 1): that allocates the whole limit
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
        result = self.lint_bytes(target.display, data, target.named)
        result.digest = content_digest(data)
        return result


def _code_stamp(rules: Sequence[Rule]) -> str:
    """The code behind the results: lintnews' own modules (edited in a checkout, where the
    version does not change) and each plugin that provides a check the rules name."""
    from .checks import ENTRY_POINT_GROUP, builtin_target
    from .stamp import package_stamp

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


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# -- many files -----------------------------------------------------------------------------
_WORKER: Linter | None = None


def _init_worker(linter: Linter) -> None:
    global _WORKER
    _WORKER = linter


def _work(target: Target) -> FileResult:
    assert _WORKER is not None
    return _WORKER.lint_target(target)


def lint_targets(
    items: Iterable[Target | Skipped],
    linter: Linter,
    jobs: int | None = None,
    cache: object | None = None,
) -> Iterator[FileResult]:
    """Lint every target, yielding results in the order of ``items``."""
    from .cache import ResultCache

    targets: list[Target | Skipped] = list(items)
    store = cache if isinstance(cache, ResultCache) else None
    ready: dict[int, FileResult] = {}
    misses: list[tuple[int, Target]] = []
    for index, item in enumerate(targets):
        if isinstance(item, Skipped):
            ready[index] = (
                _unreadable(item.display, item.reason)
                if item.error
                else FileResult(item.display, note=item.reason)
            )
            continue
        if store is not None:
            hit = store.lookup(item)
            if hit is not None:
                ready[index] = hit
                continue
        misses.append((index, item))
    computed = _run(misses, linter, jobs)
    for index in range(len(targets)):
        result = ready.pop(index, None)
        if result is None:
            result = next(computed)
            if store is not None:
                store.store(targets[index], result)  # type: ignore[arg-type]
        yield result
    if store is not None:
        store.save()


def _run(
    misses: Sequence[tuple[int, Target]], linter: Linter, jobs: int | None
) -> Iterator[FileResult]:
    workers = min(jobs or os.cpu_count() or 1, len(misses))
    if workers <= 1 or len(misses) < POOL_THRESHOLD:
        for _, target in misses:
            yield linter.lint_target(target)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, len(misses) // (workers * 8)))
    with context.Pool(workers, initializer=_init_worker, initargs=(linter,)) as pool:
        yield from pool.imap(_work, [target for _, target in misses], chunksize=chunk)


def exit_code(findings: Iterable[Finding], fail_on: str) -> int:
    threshold = Severity.parse(fail_on).rank
    return (
        1 if any(f.severity.rank >= threshold for f in findings if f.suppressed_by is None) else 0
    )


def meta_ids() -> list[str]:
    return list(META_RULES)
