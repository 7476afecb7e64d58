"""What a worker runs: lint a batch of files with a Linter built once per process.

The same function runs in the audit's own process, in a process pool and on Dask workers,
so the three cannot disagree. It must stay importable on a remote worker: it takes and
returns plain, picklable values (a Config, Targets with absolute paths, Articles).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..api import Config, Linter, findings_of
from ..files.discover import Target
from ..run.runner import FileResult
from .fields import ArticleFields

_LINTERS: dict[str, Linter] = {}
_LOCK = threading.Lock()  # a Dask worker may run tasks in several threads


@dataclass(frozen=True)
class Article:
    """One linted file: its findings as ``check --format json`` rows, and its fields."""

    path: str
    digest: str
    rows: tuple[dict[str, Any], ...]
    fields: ArticleFields


def linter_for(config: Config) -> Linter:
    """This process's Linter for ``config``, built on first use (rules load once per worker)."""
    key = repr(config)
    with _LOCK:
        linter = _LINTERS.get(key)
        if linter is None:
            linter = _LINTERS[key] = Linter(config)
        return linter


def lint_batch(config: Config, targets: Sequence[Target]) -> list[Article]:
    linter = linter_for(config)
    return [article_of(linter.engine.lint_target(target)) for target in targets]


def article_of(result: FileResult) -> Article:
    rows = tuple(finding.to_json() for finding in findings_of(result))
    fields = ArticleFields.from_front_matter(result.metadata)
    return Article(result.display, result.digest, rows, fields)
