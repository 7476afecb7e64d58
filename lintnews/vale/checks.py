"""Vale's extension points, each run over the units of its rule's scope.

A check yields ``Alert``s: a span of one unit's text and the ``%s`` arguments of the
message. Positions become file offsets in ``rule.py`` through the unit's offsets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import regexes, spec
from .readability import counts, evaluate, parse_condition, parse_formula
from .regexes import _LEADING_FLAGS
from .view import Unit, View


@dataclass(slots=True)
class Alert:
    unit: Unit
    start: int
    end: int
    args: tuple[str, ...] = ()
    replacement: str | None = None


@dataclass
class Vocab:
    """Accepted and rejected terms that reach the rules (``vocab: true``)."""

    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()


class Check:
    def __init__(self, rule: spec.ValeBase, vocab: Vocab) -> None:
        self.rule = rule
        exceptions = list(rule.exceptions)
        if rule.vocab:
            exceptions.extend(vocab.accept)
        self.except_re = (
            regexes.compile_vale(r"^(?:" + "|".join(exceptions) + r")$", rule.ignorecase)
            if exceptions
            else None
        )

    def excepted(self, text: str, budget: Any) -> bool:
        return (
            self.except_re is not None and regexes.search(self.except_re, text, budget) is not None
        )

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        raise NotImplementedError


class Existence(Check):
    rule: spec.Existence

    def __init__(self, rule: spec.Existence, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        source = regexes.build(rule.tokens, rule.nonword, rule.raw, rule.append)
        self.pattern = regexes.compile_vale(source, rule.ignorecase)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        for unit in units:
            for found in regexes.finditer(self.pattern, unit.text, budget):
                start, end = found.span()
                if start == end:
                    continue
                matched = found.group(0)
                if self.excepted(matched, budget):
                    continue
                yield Alert(unit, start, end, (matched,))


class Substitution(Check):
    rule: spec.Substitution

    def __init__(self, rule: spec.Substitution, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        self.replacements: list[str] = []
        self.groups: list[int] = []  # the capture group of each swap key in the pattern
        parts: list[str] = []
        group = 1

        for key, value in sorted(rule.swap.items(), key=lambda kv: -len(kv[0])):
            inner = regexes.groups(regexes.compile_vale(key, rule.ignorecase))
            flags = _LEADING_FLAGS.match(key)
            if flags:  # "(?i)term" applies to its own key only
                key = f"(?{flags.group(1)}:{key[flags.end() :]})"
            parts.append(f"({key})")
            self.groups.append(group)
            self.replacements.append(value)
            group += 1 + inner
        body = "|".join(parts)
        pattern = body if rule.nonword else rf"\b(?:{body})\b"
        self.pattern = regexes.compile_vale(pattern, rule.ignorecase)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        for unit in units:
            for found in regexes.finditer(self.pattern, unit.text, budget):
                start, end = found.span()
                if start == end:
                    continue
                observed = found.group(0).strip()
                if self.excepted(observed, budget):
                    continue
                for group, expected in zip(self.groups, self.replacements):
                    if found.group(group) is None:
                        continue
                    if "$" in expected:
                        expected = _expand(found, group, expected)
                    options = [o.strip() for o in expected.split("|")]
                    if self.rule.capitalize and observed[:1].isupper():
                        options = [o[:1].upper() + o[1:] for o in options]
                    if observed in options:  # already written as wanted (case counts)
                        break
                    shown = "' or '".join(options)
                    if "'%s'" not in self.rule.message and '"%s"' not in self.rule.message:
                        shown = f"'{shown}'"  # Vale quotes the suggestion itself then
                    yield Alert(
                        unit,
                        start,
                        end,
                        (shown, observed),
                        options[0] if len(options) == 1 else None,
                    )
                    break


def _expand(found: Any, group: int, template: str) -> str:
    """``$1`` in a replacement is the key's first capture group."""
    import re

    def sub(m: re.Match[str]) -> str:
        index = group + int(m.group(1))
        try:
            return found.group(index) or ""
        except IndexError:
            return ""

    return re.sub(r"\$(\d)", sub, template)


class Occurrence(Check):
    rule: spec.Occurrence

    def __init__(self, rule: spec.Occurrence, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        self.pattern = regexes.compile_vale(rule.token, rule.ignorecase)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        for unit in units:
            found = [m.span() for m in regexes.finditer(self.pattern, unit.text, budget)]
            count = len(found)
            too_many = bool(self.rule.max) and count > self.rule.max
            if too_many or (self.rule.min and count < self.rule.min):
                # Vale reports at the first match (one it can find in the file: not inside
                # inline code), or over the whole unit when there is none.
                shown = [s for s in found if not _in_code(view, unit, *s)]
                start, end = (shown or found or [(0, len(unit.text))])[0]
                yield Alert(unit, start, end, (str(count),))


def _in_code(view: View, unit: Unit, start: int, end: int) -> bool:
    """Is ``unit.text[start:end]`` all inline-code placeholder (``*`` standing for code)?"""
    text = view.doc.text
    return end > start and all(
        unit.text[i] == "*" and text[unit.at(i)] != "*" for i in range(start, end)
    )


class Repetition(Check):
    rule: spec.Repetition

    def __init__(self, rule: spec.Repetition, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        source = "(?:" + "|".join(rule.tokens) + ")"  # Vale puts no word edges here
        self.pattern = regexes.compile_vale(source, rule.ignorecase)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        for unit in units:
            previous, previous_span, count = "", (0, 0), 0
            for found in regexes.finditer(self.pattern, unit.text, budget):
                current = found.group(0).strip()
                between = unit.text[previous_span[1] : found.start()]
                same = (
                    current.lower() == previous.lower()
                    if self.rule.ignorecase
                    else current == previous
                )
                hit = bool(current) and same and not between.strip()
                if hit and self.rule.alpha and not any(c.isalpha() for c in current):
                    hit = False
                if hit:
                    count += 1
                if hit and count > self.rule.max:
                    if not self.excepted(current, budget):
                        yield Alert(unit, previous_span[0], found.end(), (current,))
                    count = 0
                if not hit:
                    count = 0
                previous, previous_span = current, found.span()


class Consistency(Check):
    rule: spec.Consistency

    def __init__(self, rule: spec.Consistency, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        self.pairs = [
            regexes.compile_vale(rf"(\b(?:{a})\b)|(\b(?:{b})\b)", rule.ignorecase)
            for a, b in rule.either.items()
        ]

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        seen: list[set[int]] = [set() for _ in self.pairs]
        for unit in units:
            for index, pattern in enumerate(self.pairs):
                last: tuple[int, int] | None = None
                for found in regexes.finditer(pattern, unit.text, budget):
                    which = 1 if found.group(1) is not None else 2
                    seen[index].add(which)
                    last = found.span(which)
                if last is not None and len(seen[index]) == 2:
                    yield Alert(unit, last[0], last[1], (unit.text[last[0] : last[1]],))


class Conditional(Check):
    rule: spec.Conditional

    def __init__(self, rule: spec.Conditional, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        self.antecedent = regexes.compile_vale(rule.first, rule.ignorecase)
        self.consequent = regexes.compile_vale(rule.second, rule.ignorecase)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        defined: set[str] = set()
        for unit in units:
            for found in regexes.finditer(self.consequent, unit.text, budget):
                defined.update(group for group in found.groups() if group)
            for found in regexes.finditer(self.antecedent, unit.text, budget):
                matched = found.group(0)
                if matched in defined or self.excepted(matched, budget):
                    continue
                yield Alert(unit, found.start(), found.end(), (matched,))


_AP_MINOR = frozenset(
    "a an and as at but by for if in nor of off on or per so the to up via vs yet".split()
)
_CHICAGO_MINOR = _AP_MINOR | frozenset(
    "about above across after against along among around before behind below beneath beside "
    "between beyond down during except from inside into like near onto out outside over past "
    "since than through toward towards under until upon with within without".split()
)
#: A word as Vale's capitalization check counts them: letters, digits or ``*`` (inline
#: code), then anything up to the next blank.
_WORD = r"[\p{N}\p{L}*]+[^\s]*"
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*[.)]\s+")


class Capitalization(Check):
    """``$title``, ``$sentence``, ``$lower``, ``$upper`` or a pattern, over each unit.

    Exceptions (and the vocabulary's accepted terms) are matched first, longest first, so a
    phrase such as "Axon Server" counts as one correct word; a unit passes when the share
    of correct words reaches ``threshold`` (default 0.8)."""

    rule: spec.Capitalization

    def __init__(self, rule: spec.Capitalization, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        terms = list(rule.exceptions) + (list(vocab.accept) if rule.vocab else [])
        terms.sort(key=len, reverse=True)
        excepted = rf"\b(?:{'|'.join(terms)})\b" if terms else ""
        self.excepted_re = regexes.compile_vale(excepted) if terms else None
        self.words = regexes.compile_vale(f"{excepted}|{_WORD}" if terms else _WORD)
        self.threshold = rule.threshold or 0.8
        self.prefix = regexes.compile_vale(f"^(?:{rule.prefix})") if rule.prefix else None
        match = rule.match
        self.regex = None if match.startswith("$") else regexes.compile_vale(match, rule.ignorecase)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        for unit in units:
            text = unit.text.strip()
            if text and not self.ok(text, budget):
                yield Alert(unit, 0, len(unit.text.rstrip()), (text,))

    def _is_excepted(self, word: str, budget: Any) -> bool:
        return self.excepted_re is not None and regexes.search(self.excepted_re, word, budget)

    def ok(self, text: str, budget: Any) -> bool:
        if self.prefix is not None:
            text = self.prefix.sub("", text, 1, budget=budget).strip() or text
        match = self.rule.match
        if match == "$lower":
            return text == text.lower() or bool(self._is_excepted(text, budget))
        if match == "$upper":
            return text == text.upper() or bool(self._is_excepted(text, budget))
        if match == "$sentence":
            return self._sentence(text, budget)
        if match == "$title":
            return self._title(text, budget)
        assert self.regex is not None
        found = regexes.search(self.regex, text, budget) is not None
        return found or bool(self._is_excepted(text, budget))

    def _tokens(self, text: str, budget: Any) -> list[str]:
        return [m.group(0) for m in regexes.finditer(self.words, text, budget)]

    def _sentence(self, text: str, budget: Any) -> bool:
        # A numbered heading ("1. An important heading") is judged from its first word.
        text = _NUMBERING.sub("", text, count=1) or text
        words = self._tokens(text.rstrip("?!.:"), budget)
        if not words:
            return True
        indicators = tuple(self.rule.indicators)
        good = 0
        for index, token in enumerate(words):
            # "Top-level", "Client's": the part before the hyphen or apostrophe decides
            word = re.split(r"[-'’]", token, maxsplit=1)[0]
            after_indicator = (
                index > 0 and bool(indicators) and words[index - 1].endswith(indicators)
            )
            if word == word.upper() or after_indicator or self._is_excepted(token, budget):
                good += 1
            elif index == 0 and word != word[:1].upper() + word[1:].lower():
                return False
            elif index == 0 or word == word.lower():
                good += 1
        return good / len(words) >= self.threshold

    def _title(self, text: str, budget: Any) -> bool:
        words = self._tokens(text, budget)
        if not words:
            return True
        style = _CHICAGO_MINOR if self.rule.style.lower() == "chicago" else _AP_MINOR
        expected = self._tokens(title_case(text, style), budget)
        good = 0
        for index, word in enumerate(words):
            if (
                index >= len(expected)
                or word == expected[index]
                or self._is_excepted(word, budget)
                or word == word.upper()
            ):
                good += 1
        return good / len(words) >= self.threshold


def title_case(text: str, minor: frozenset[str]) -> str:
    """``text`` in title case: every word capitalised but the minor ones (articles, short
    conjunctions and prepositions) inside the title; words with capitals inside (iPhone,
    MacBook) and after the first letter are left as written."""
    parts = text.split(" ")
    last = max((i for i, p in enumerate(parts) if p), default=0)
    out = []
    for index, part in enumerate(parts):
        core = part.strip("\"'“”‘’()[]{}:;,.!?")
        lead = part[: len(part) - len(part.lstrip("\"'“”‘’([{"))]
        if not core or any(c.isupper() for c in core[1:]):
            out.append(part)
        elif 0 < index < last and core.lower() in minor and not parts[index - 1].endswith(":"):
            out.append(part.lower())
        else:
            at = len(lead)
            out.append(part[:at] + part[at : at + 1].upper() + part[at + 1 :])
    return " ".join(out)


class Metric(Check):
    rule: spec.Metric

    def __init__(self, rule: spec.Metric, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        self.formula = parse_formula(rule.formula)
        self.condition = parse_condition(rule.condition)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        variables = document_counts(view)
        if not variables["words"]:
            return
        value = evaluate(self.formula, variables)
        compare, limit = self.condition
        if math.isnan(value) or not compare(value, limit):
            return
        if view.raw is not None and view.raw.text:  # Vale reports a document's score at 1:1
            yield Alert(view.raw, 0, 1, (_number(value),))


def document_counts(view: View) -> dict[str, float]:
    from .view import SUMMARY_TAGS

    blocks = []
    for unit in view.blocks:
        if unit.tags & SUMMARY_TAGS or any(t.startswith("heading") for t in unit.tags):
            # headings are counted as headings, their words are not the summary's
            text = unit.text if unit.tags & SUMMARY_TAGS else ""
            blocks.append((unit.tags, text, len(view.sentences(unit)) if text else 0))
    out = counts(blocks)
    out["pre"] = float(sum(1 for _ in view.doc.code_spans if True))
    return out


def _number(value: float) -> str:
    return f"{value:.2f}"


class Readability(Check):
    rule: spec.Readability

    def __init__(self, rule: spec.Readability, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        from .readability import GRADES

        unknown = [m for m in rule.metrics if m not in GRADES]
        if unknown:
            raise ValueError(
                f"unknown readability metric {unknown[0]!r}; known: {', '.join(GRADES)}"
            )
        self.formulas = [parse_formula(GRADES[m]) for m in rule.metrics]

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        variables = document_counts(view)
        if not variables["words"] or not self.formulas:
            return
        grades = [evaluate(f, variables) for f in self.formulas]
        grade = sum(grades) / len(grades)
        if not math.isnan(grade) and grade > self.rule.grade and view.raw is not None:
            yield Alert(view.raw, 0, 1, (_number(grade),))
