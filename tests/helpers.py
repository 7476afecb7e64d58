"""Lint a snippet with chosen rules, for tests."""

from __future__ import annotations

from typing import Any

from lintnews.config import Settings
from lintnews.model import Finding
from lintnews.runner import Linter
from lintnews.selection import choose

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove ⟦…⟧ marks; return the text and the marked (start, end) offsets in it."""
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    start = None
    length = 0
    for char in text:
        if char == MARK_OPEN:
            start = length
        elif char == MARK_CLOSE and start is not None:
            spans.append((start, length))
            start = None
        else:
            out.append(char)
            length += 1
    return "".join(out), spans


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
