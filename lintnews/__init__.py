"""lintnews: a linter for news and blog drafts.

The Python API (``lint_text``, ``lint_paths``, ``Linter``, ``Config``, ``Finding``) lives in
:mod:`lintnews.api`; it is imported on first use so that ``import lintnews`` (and so the
command line's cold start) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Config", "Finding", "Linter", "__version__", "lint_paths", "lint_text"]

if TYPE_CHECKING:
    from .api import Config, Finding, Linter, lint_paths, lint_text


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'lintnews' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
