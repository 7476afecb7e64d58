"""Write MANIFEST.md (the human-readable table) from manifest.json."""

from __future__ import annotations

import json
from pathlib import Path

here = Path(__file__).parent
entries = json.loads((here / "manifest.json").read_text(encoding="utf-8"))
rows = [
    "# Manifest of the real-text corpus",
    "",
    "Generated from `manifest.json` by `manifest_md.py`. `origin` is `real` (copied from a public",
    "repository whose licence allows it; *retrieved* 2026-12-03, or 2026-12-04 for `fresh*/`, from a",
    "stored index of public repositories, at the commit given) or `written-in-style` (written for this",
    "corpus, in the style of a kind with no openly licensed example; CC0). `split` is `tune`,",
    "`holdout` (drawn by `split.py`), `fresh`, `fresh2`, `fresh3`, `fresh4`, `fresh5`, `fresh6` (added later as held-out parts; see each part's README) or `fresh5-seen` (three files taken out of fresh5 before its first run because a precision survey had read them). Licence texts: `LICENSES/`.",
    "",
    "| file | split | kind | origin | source (repo, path @ commit) | author | licence | trimmed / changed |",
    "|---|---|---|---|---|---|---|---|",
]
for e in sorted(entries, key=lambda e: (e["split"], e["file"])):
    src = e["source"]
    where = f"[{src['repo']}]({src['url']}) `{src['path']}` @ `{src['commit'][:12]}`" if src else "-"
    rows.append(
        f"| `{e['split']}/{e['file']}` | {e['split']} | {e['kind']} | {e['origin']} | {where} "
        f"| {e['author']} | {e['licence']} | {e['trimmed']} |"
    )
real = sum(e["origin"] == "real" for e in entries)
rows += ["", f"{len(entries)} files: {real} real, {len(entries) - real} written in style."]
for split in ("tune", "holdout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh5-seen", "fresh6"):
    part = [e for e in entries if e["split"] == split]
    part_real = sum(e["origin"] == "real" for e in part)
    rows.append(f"- `{split}/`: {len(part)} files ({part_real} real, {len(part) - part_real} written in style)")
rows.append("")
(here / "MANIFEST.md").write_text("\n".join(rows), encoding="utf-8")
