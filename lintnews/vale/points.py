"""Vale's extension points, one table: for each ``extends:`` value, the model that validates a
rule file and the check that runs it (``sequence`` and ``script`` validate but cannot run
here; their entry says why)."""

from __future__ import annotations

from dataclasses import dataclass

from . import checks, spec
from .spelling import Spelling


@dataclass(frozen=True, slots=True)
class Point:
    model: type[spec.ValeBase]
    check: type[checks.Check] | None = None
    unsupported: str = ""  # why ``check`` is None


POINTS: dict[str, Point] = {
    "existence": Point(spec.Existence, checks.Existence),
    "substitution": Point(spec.Substitution, checks.Substitution),
    "occurrence": Point(spec.Occurrence, checks.Occurrence),
    "repetition": Point(spec.Repetition, checks.Repetition),
    "consistency": Point(spec.Consistency, checks.Consistency),
    "conditional": Point(spec.Conditional, checks.Conditional),
    "capitalization": Point(spec.Capitalization, checks.Capitalization),
    "metric": Point(spec.Metric, checks.Metric),
    "readability": Point(spec.Readability, checks.Readability),
    "spelling": Point(spec.Spelling, Spelling),  # needs spylls when a rule is prepared
    "sequence": Point(
        spec.Sequence,
        unsupported="needs a part-of-speech tagger, and none that installs with pip ships its model",
    ),
    "script": Point(
        spec.Script,
        unsupported="a Tengo script cannot run in Python (and lintnews never runs code from a rule file)",
    ),
}
EXTENSIONS = tuple(POINTS)
#: Every key some extension point reads: a key outside it is probably misspelt.
KNOWN_KEYS = frozenset(name for point in POINTS.values() for name in point.model.model_fields) | {
    "$schema",
    "lang",
    "code",
    "template",
}
