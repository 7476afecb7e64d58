"""The built-in rules load without libyaml (PyYAML's pure-Python loader), exactly as with it."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys
if sys.argv[1] == "pure":
    sys.modules["yaml._yaml"] = None  # as on an install without libyaml
import yaml
assert hasattr(yaml, "CSafeLoader") == (sys.argv[1] != "pure")
from lintnews.ruleset import ruledata
from lintnews.ruleset.packs import load_rules
rules = load_rules(use_cache=False).rules
print(json.dumps([ruledata.dump(rule) for rule in rules], sort_keys=True))
"""


def _rules(loader: str) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, loader], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_built_in_rules_load_with_the_pure_python_yaml_loader():
    pure = _rules("pure")
    assert len(pure) > 20
    assert pure == _rules("libyaml")
