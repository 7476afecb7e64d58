"""Assign each corpus file to tune/ or holdout/: stratified by stratum, fixed seed.

Run once, before anyone runs lintnews on the corpus; the assignment is recorded in
manifest.json ("split") and must not be redrawn after a first run. Entries whose split is
"fresh", "fresh2" or "fresh3" (the later held-out parts in fresh*/) were never part
of this draw and are left as they are.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SEED = 20261203
HOLDOUT_SHARE = 1 / 3

here = Path(__file__).parent
manifest = json.loads((here / "manifest.json").read_text(encoding="utf-8"))
strata: dict[str, list[dict]] = {}
for entry in manifest:
    if entry["split"].startswith("fresh"):
        continue
    strata.setdefault(entry["stratum"], []).append(entry)
for name, entries in sorted(strata.items()):
    entries.sort(key=lambda e: e["file"])
    rng = random.Random(f"{SEED}:{name}")
    rng.shuffle(entries)
    k = round(len(entries) * HOLDOUT_SHARE)
    for i, entry in enumerate(entries):
        entry["split"] = "holdout" if i < k else "tune"
(here / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
