"""One audit: walk the PATHs, skip unchanged files, lint the rest in batches, commit each
batch to the state file, then export findings.parquet, findings.jsonl and report.html."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from ..api import Config, Linter, walk
from ..files.discover import Skipped, Target
from ..run.runner import lint_targets
from . import engines
from .state import Signature, State
from .work import Article, article_of, linter_for

BATCH_SIZE = 32  # files per task: large enough to hide a scheduler's per-task cost
SEEN_FLUSH = 1000  # unchanged files marked as seen per transaction


@dataclass
class AuditOptions:
    paths: list[str]
    out: Path
    jobs: int | None = None
    dask: str | None = None
    link_base: str | None = None


@dataclass
class Totals:
    linted: int = 0
    unchanged: int = 0
    dropped: int = 0
    reset: bool = False


def worker_config(linter: Linter) -> Config:
    """The Config a worker anywhere can rebuild the same Linter from: the config file by
    absolute path (found here, not discovered again from a worker's working folder)."""
    settings, config = linter.settings, linter.config
    return replace(
        config,
        file=str(settings.path) if settings.path is not None else None,
        isolated=settings.path is None,
        start=None,
        select=tuple(config.select) if config.select else None,
        extend_select=tuple(config.extend_select),
        ignore=tuple(config.ignore),
    )


def require_pyarrow() -> None:
    # Found, not imported: pyarrow's libraries cost about 80 MB, needed only by the export
    # at the end (and never by pool workers, which would inherit it).
    try:
        found = importlib.util.find_spec("pyarrow") is not None
    except ValueError:  # sys.modules holds None for it: importing it fails
        found = False
    if not found:
        raise engines.MissingExtra(
            "lintnews audit writes Parquet with pyarrow: pip install 'lintnews[audit]'"
        )


def run_audit(config: Config, options: AuditOptions, stderr: TextIO) -> Totals:
    require_pyarrow()
    if options.dask is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise engines.MissingExtra(
                "--dask needs Dask's distributed scheduler: pip install 'lintnews[dask]'"
            ) from None
    linter = Linter(config)
    shipped = worker_config(linter)
    linter_for(shipped)  # built here once; forked pool workers inherit it
    state = State(options.out, linter.fingerprint)
    totals = Totals(reset=state.reset)
    try:
        batches = _batches(linter, options.paths, state, totals)
        if options.dask is not None:
            stream = engines.dask(shipped, batches, options.dask, options.jobs)
        elif (options.jobs or os.cpu_count() or 1) > 1:
            stream = engines.process_pool(shipped, batches, options.jobs or os.cpu_count() or 1)
        else:
            stream = engines.serial(shipped, batches)
        for batch, articles in stream:
            state.commit(_with_signatures(batch, articles))
            totals.linted += len(articles)
        totals.dropped = state.finish()
        from .export import export

        export(state, options.out, options.link_base)
    finally:
        state.close()
    return totals


def _with_signatures(
    batch: Sequence[tuple[Target, Signature]], articles: Sequence[Article]
) -> list[tuple[Article, Signature]]:
    signatures = {target.display: signature for target, signature in batch}
    return [(article, signatures[article.path]) for article in articles]


def _batches(
    linter: Linter, paths: Sequence[str], state: State, totals: Totals
) -> Iterator[list[tuple[Target, Signature]]]:
    """Targets to lint, in batches, as the walk finds them (never the whole list at once)."""
    batch: list[tuple[Target, Signature]] = []
    seen: list[str] = []
    queued: set[str] = set()  # this run's displays not yet committed (duplicates in PATHs)
    for item in walk(linter.settings, paths):
        if isinstance(item, Skipped) and not item.error:
            continue  # a note (a binary found by walking...), not an article
        if item.display in queued or state.seen_this_run(item.display):
            continue
        if isinstance(item, Skipped):  # unreadable: a file.unreadable finding, as check says
            (result,) = lint_targets([item], linter.engine)
            state.commit([(article_of(result), None)])
            totals.linted += 1
            continue
        signature = _signature(item.path)
        if state.unchanged(item.display, signature):
            queued.add(item.display)
            seen.append(item.display)
            totals.unchanged += 1
            if len(seen) >= SEEN_FLUSH:
                state.mark_seen(seen)  # from here the state answers for them
                queued.difference_update(seen)
                seen.clear()
            continue
        # An absolute path: a Dask worker's working folder is not ours.
        item = Target(item.display, Path(os.path.abspath(item.path)), item.named)
        queued.add(item.display)
        batch.append((item, signature))
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
            queued = _still_queued(queued, state)
    if seen:
        state.mark_seen(seen)
    if batch:
        yield batch


def _still_queued(queued: set[str], state: State) -> set[str]:
    """Forget displays already committed (the state answers for them), so the set stays
    as small as the batches in flight."""
    if len(queued) < 4 * BATCH_SIZE * 16:
        return queued
    return {display for display in queued if not state.seen_this_run(display)}


def _signature(path: Path) -> Signature:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)
