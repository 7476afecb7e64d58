"""Helpers shared by the CI formats (GitHub, SARIF, JUnit, GitLab): paths and fingerprints."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from typing import Any

from ...escape import json_dumps
from ...model import Finding


def posix_path(display: str) -> str:
    """The path as CI tools want it: forward slashes, no leading ``./``."""
    # On POSIX a backslash is an ordinary file-name character, so only convert on Windows.
    path = display.replace(os.sep, "/") if os.sep != "/" else display
    while path.startswith("./"):
        path = path[2:]
    return path


def fingerprints(findings: list[Finding], salt: str = "") -> list[str]:
    """One hash per finding that survives lines moving: rule, flagged text, sentence, and
    the occurrence index among identical keys in the file (so two identical findings in one
    file stay distinct). ``findings`` must be one file's findings in document order.

    Suppressed and active findings are counted apart, so ``--show-suppressed`` does not shift
    the fingerprints of the active ones. ``salt`` (the path, for GitLab) widens the key.
    """
    seen: Counter[tuple[str, str, str, bool]] = Counter()
    out = []
    for finding in findings:
        key = (finding.rule, finding.text, finding.context, finding.suppressed_by is not None)
        index = seen[key]
        seen[key] += 1
        material = "\0".join((salt, finding.rule, finding.text, finding.context, str(index)))
        out.append(hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return out


class JsonArray:
    """Streams one JSON array, an element at a time: ``[`` in the header, ``]`` in the
    footer, so output is valid JSON whether or not any file had findings."""

    def __init__(self) -> None:
        self._first = True

    def open(self) -> str:
        self._first = True
        return "["

    def items(self, values: list[Any]) -> str:
        parts = []
        for value in values:
            parts.append(("\n  " if self._first else ",\n  ") + json_dumps(value))
            self._first = False
        return "".join(parts)

    def close(self) -> str:
        return "]\n" if self._first else "\n]\n"
