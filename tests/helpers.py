"""Lint a snippet with chosen rules, for tests."""

from __future__ import annotations

from typing import Any

from lintnews.model import Finding
from lintnews.ruleset.selection import choose
from lintnews.run.config import Settings
from lintnews.run.runner import Linter
from lintnews.selftest import unmark

__all__ = ["lint", "unmark"]


def lint(
    text: str,
    rules: Any,
    select: list[str] | None = None,
    path: str = "example.md",
    options: dict[str, dict[str, Any]] | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    settings = settings or Settings()
    chosen = choose(rules.rules, select, options=options or {})
    linter = Linter(chosen, settings, tuple(rules.ids))
    return [f for f in linter.lint_text(path, text).findings if f.suppressed_by is None]
