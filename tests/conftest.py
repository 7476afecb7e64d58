"""Shared helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with a reason (a newcomer's clone has none)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"../shared/{'/'.join(parts)} is not present (only the project's development checkout has it)"
        )
    return path


@pytest.fixture(scope="session")
def ruleset():
    from lintnews.ruleset.packs import load_rules

    return load_rules(use_cache=False)
