"""Vale's conformance scenarios (Markdown/text core) pass through lintnews.

The scenarios and their expected output are Vale's own (``../shared/conformance/vale``);
``tests/vale_conformance.py`` runs them. The floor below is the figure reached; the issue's
target is 90%.
"""

from __future__ import annotations

from tests.conftest import shared_path

PASS_FLOOR = 0.9


def test_vale_conformance_core_scenarios():
    shared_path("conformance", "vale", "scenarios.json")
    from tests import vale_conformance

    chosen = [s for s in vale_conformance.scenarios() if vale_conformance.in_scope(s)]
    assert len(chosen) == 47
    outcomes = vale_conformance.run_all(chosen)
    passed = sum(o.passed for o in outcomes)
    failures = "\n".join(f"{o.scenario['id']}: {o.detail}" for o in outcomes if not o.passed)
    assert passed / len(outcomes) >= PASS_FLOOR, f"{passed}/{len(outcomes)} passed\n{failures}"
