"""Every robustness test runs in its own temporary folder with private caches."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _sandbox(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
    for name in ("NO_COLOR", "FORCE_COLOR", "LINTNEWS_DEBUG"):
        monkeypatch.delenv(name, raising=False)
