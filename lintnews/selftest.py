"""``lintnews test-rules``: run every loaded rule's ``examples`` and report the ones that do
not behave as written (a bad example that does not fire at its ⟦marked⟧ span, a good one
that fires). Built-in packs and house packs alike, so a newsroom can keep its pack honest
in CI; the test suite checks the built-in examples the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .docs import MARK_CLOSE, MARK_OPEN


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove ⟦…⟧ marks; return the text and the marked (start, end) offsets in it."""
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    start = None
    length = 0
    for char in text:
        if char == MARK_OPEN:
            start = length
        elif char == MARK_CLOSE and start is not None:
            spans.append((start, length))
            start = None
        else:
            out.append(char)
            length += 1
    return "".join(out), spans


@dataclass(frozen=True)
class Misbehaviour:
    rule: str
    source: str  # the rule file
    verdict: str  # "bad" or "good"
    index: int  # 1-based among the rule's examples of that verdict
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.rule}: {self.verdict} example {self.index} {self.problem}"


@dataclass(frozen=True)
class Report:
    rules: int
    examples: int
    failures: list[Misbehaviour]
    without_examples: list[str]


def run_examples(rules: Iterable[Any], settings: Any, known_ids: tuple[str, ...]) -> Report:
    """Lint each example with only its rule (default options plus the example's own)."""
    from .ruleset.selection import choose
    from .run.runner import Linter as Engine

    failures: list[Misbehaviour] = []
    without: list[str] = []
    counted_rules = examples = 0
    for rule in rules:
        counted_rules += 1
        if not rule.examples:
            without.append(rule.id)
            continue
        counts = {"bad": 0, "good": 0}
        for example in rule.examples:
            counts[example.verdict] += 1
            examples += 1
            text, marks = unmark(example.text)
            chosen = choose([rule], [rule.id], options={rule.id: dict(example.options)})
            engine = Engine(chosen, settings, known_ids)
            path = "example.txt" if example.format == "text" else "example.md"
            found = [
                f
                for f in engine.lint_text(path, text).findings
                if f.rule == rule.id and f.suppressed_by is None
            ]
            problem = _judge(example.verdict, text, marks, found)
            if problem:
                source = rule.source or rule.id
                failures.append(
                    Misbehaviour(rule.id, source, example.verdict, counts[example.verdict], problem)
                )
    return Report(counted_rules, examples, failures, without)


def _judge(verdict: str, text: str, marks: list[tuple[int, int]], found: list[Any]) -> str | None:
    flagged = sorted({(f.start, f.end) for f in found})
    shown = ", ".join(repr(text[s:e]) for s, e in flagged)
    if verdict == "good":
        return f"should be silent but flags {shown}" if found else None
    if not found:
        return f"does not fire: {_excerpt(text)!r}"
    missing = [(s, e) for s, e in marks if (s, e) not in flagged]
    if missing:
        wanted = ", ".join(repr(text[s:e]) for s, e in missing)
        return f"should flag {wanted} but flags {shown}"
    return None


def _excerpt(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def render(report: Report) -> Iterator[str]:
    for failure in report.failures:
        yield f"{failure}\n"
    if report.without_examples:
        yield f"note: no examples to run: {', '.join(report.without_examples)}\n"
    failed = len(report.failures)
    from .grammar import count

    yield (
        f"Ran {count(report.examples, 'example')} of {count(report.rules, 'rule')}: "
        + (f"{failed} did not behave as written.\n" if failed else "all behave as written.\n")
    )
