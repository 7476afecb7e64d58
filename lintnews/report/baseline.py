"""Baselines: adopt lintnews on an existing archive by hiding today's findings.

A finding is keyed by its file (relative to the baseline file's folder), rule, flagged text
and the sentence around it, never by line number, so inserting or moving lines does not
break the match. Identical keys are counted, so a second identical finding is still new.
Rewriting the baseline records only current findings: fixed ones drop out.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..escape import json_dumps
from ..model import Finding

VERSION = 1


class BaselineError(ValueError):
    pass


def _relative(display: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(display).resolve(), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(display).as_posix()


def key(finding: Finding, base: Path) -> tuple[str, str, str, str]:
    return (_relative(finding.path, base), finding.rule, finding.text, finding.context)


class Baseline:
    def __init__(self, path: Path, counts: Counter[tuple[str, str, str, str]]) -> None:
        self.path = path
        self.base = path.resolve().parent
        self.remaining = counts

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(
                f"{path}: no such baseline file; create it with `lintnews baseline PATH… -o {path}`"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(
                f"{path}: not a lintnews baseline ({exc}); recreate it with `lintnews baseline`"
            ) from None
        if (
            not isinstance(data, dict)
            or data.get("version") != VERSION
            or not isinstance(data.get("findings"), list)
        ):
            raise BaselineError(
                f"{path}: not a lintnews baseline (version {VERSION}); recreate it with `lintnews baseline`"
            )
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for entry in data["findings"]:
            try:
                counts[(entry["path"], entry["rule"], entry["text"], entry["context"])] += int(
                    entry.get("count", 1)
                )
            except (KeyError, TypeError, ValueError):
                raise BaselineError(
                    f"{path}: malformed entry {entry!r}; recreate it with `lintnews baseline`"
                ) from None
        return cls(path, counts)

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """Findings not in the baseline, and how many were hidden."""
        kept: list[Finding] = []
        hidden = 0
        for finding in findings:
            k = key(finding, self.base)
            if self.remaining[k] > 0:
                self.remaining[k] -= 1
                hidden += 1
            else:
                kept.append(finding)
        return kept, hidden


def render(findings: Iterable[Finding], path: Path) -> str:
    base = path.resolve().parent
    counts: Counter[tuple[str, str, str, str]] = Counter(key(f, base) for f in findings)
    entries = [
        {"path": p, "rule": r, "text": t, "context": c, "count": n}
        for (p, r, t, c), n in sorted(counts.items())
    ]
    return (
        json_dumps({"version": VERSION, "tool": "lintnews", "findings": entries}, indent=2) + "\n"
    )
