"""Property-based: hostile drafts and file names through the whole ``check`` pipeline, in
every output format and with ``--fix`` (the properties are listed in ``fuzzkit``).

A fixed seed (``derandomize``) and no example database, so every run tries the same few
hundred cases; ``bench/fuzz.py --cases 100000`` runs the same properties at scale.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzzkit import Campaign, DrawChooser, make_case


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_drafts_keep_every_property(data):
    campaign = _campaign()
    case = make_case(DrawChooser(data))
    outcome = campaign.check(case)
    assert outcome.failures == [], (case, outcome.failures)


_CAMPAIGNS: dict[Path, Campaign] = {}


def _campaign() -> Campaign:
    """One per working folder (the robustness conftest gives each test its own)."""
    folder = Path.cwd()
    if folder not in _CAMPAIGNS:
        _CAMPAIGNS.clear()
        _CAMPAIGNS[folder] = Campaign(folder)
    return _CAMPAIGNS[folder]
