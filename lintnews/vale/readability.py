"""Counts behind Vale's metric and readability rules, and safe formula evaluation.

Syllables are counted with the heuristic Vale's summariser uses (vowel groups, a silent
final "e", "-le" endings); formulas are parsed with ``ast`` and only arithmetic, numbers,
the known variables and a few math functions are allowed: a rule file never runs code.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’-]*|\d+(?:[.,]\d+)*")
_VOWELS = re.compile(r"[aeiouy]+")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_COMMON_SUFFIXES = ("es", "ed", "ing")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def syllables(word: str) -> int:
    word = word.lower().strip("'’")
    if not word or word[0].isdigit():
        return 1
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(_VOWELS.findall(word)))


def counts(blocks: list[tuple[frozenset[str], str, int]]) -> dict[str, float]:
    """Vale's variables from (tags, text, sentence count) per block."""
    out: dict[str, float] = {
        "words": 0,
        "sentences": 0,
        "characters": 0,
        "syllables": 0,
        "complex_words": 0,
        "long_words": 0,
        "polysyllabic_words": 0,
        "paragraphs": 0,
        "list": 0,
        "blockquote": 0,
        "pre": 0,
    }
    for level in range(1, 7):
        out[f"heading_h{level}"] = 0
    for tags, text, sentence_count in blocks:
        found = words(text)
        out["words"] += len(found)
        out["sentences"] += max(sentence_count, 1 if found else 0)
        out["characters"] += sum(len(w) for w in found)
        for word in found:
            count = syllables(word)
            out["syllables"] += count
            if count >= 3:
                out["polysyllabic_words"] += 1
                if not word.lower().endswith(_COMMON_SUFFIXES) and "-" not in word:
                    out["complex_words"] += 1
            if len(word) > 6:
                out["long_words"] += 1
        if "paragraph" in tags:
            out["paragraphs"] += 1
        if "list" in tags:
            out["list"] += 1
        if "blockquote" in tags:
            out["blockquote"] += 1
        for tag in tags:
            if tag.startswith("heading.h"):
                out[f"heading_{tag.split('.')[1]}"] += 1
    return out


_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.Mod: operator.mod,
}
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "abs": abs,
    "min": min,
    "max": max,
    "log": math.log,
    "log10": math.log10,
    "round": round,
    "ceil": math.ceil,
    "floor": math.floor,
}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


class FormulaError(ValueError):
    pass


def parse_formula(source: str) -> ast.expr:
    """Parse a Vale formula (``heading.h1`` is the variable ``heading_h1``)."""
    text = re.sub(r"\bheading\.h([1-6])\b", r"heading_h\1", " ".join(source.split()))
    text = text.replace("math.", "")
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(f"formula {source.strip()!r} does not parse: {exc.msg}") from None
    _check(tree, source)
    return tree


def _check(node: ast.AST, source: str) -> None:
    allowed: tuple[type[ast.AST], ...] = (
        ast.BinOp,
        ast.UnaryOp,
        ast.Constant,
        ast.Name,
        ast.Call,
        ast.Load,
        ast.operator,
        ast.unaryop,
    )
    for child in ast.walk(node):
        if not isinstance(child, allowed):
            raise FormulaError(f"formula {source.strip()!r}: {type(child).__name__} is not allowed")
        if isinstance(child, ast.Call) and not (
            isinstance(child.func, ast.Name) and child.func.id in _FUNCTIONS
        ):
            raise FormulaError(
                f"formula {source.strip()!r}: only {', '.join(_FUNCTIONS)} may be called"
            )
        if isinstance(child, ast.Constant) and not isinstance(child.value, (int, float)):
            raise FormulaError(f"formula {source.strip()!r}: only numbers are allowed")


def evaluate(tree: ast.expr, variables: Mapping[str, float]) -> float:
    if isinstance(tree, ast.Constant):
        if not isinstance(tree.value, (int, float)):  # _check admits only numbers
            raise FormulaError(f"not a number: {tree.value!r}")
        return float(tree.value)
    if isinstance(tree, ast.Name):
        if tree.id not in variables:
            raise FormulaError(f"unknown variable {tree.id!r}")
        return float(variables[tree.id])
    if isinstance(tree, ast.UnaryOp):
        value = evaluate(tree.operand, variables)
        return -value if isinstance(tree.op, ast.USub) else value
    if isinstance(tree, ast.BinOp):
        left, right = evaluate(tree.left, variables), evaluate(tree.right, variables)
        try:
            return float(_BINARY[type(tree.op)](left, right))
        except ZeroDivisionError:
            return math.nan
        except KeyError:
            raise FormulaError(f"operator {type(tree.op).__name__} is not allowed") from None
    if isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name):
        args = [evaluate(arg, variables) for arg in tree.args]
        try:
            return float(_FUNCTIONS[tree.func.id](*args))
        except (ValueError, TypeError):
            return math.nan
    raise FormulaError("unsupported formula")


def parse_condition(condition: str) -> tuple[Callable[[float, float], bool], float]:
    found = re.fullmatch(r"\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*", condition)
    if not found:
        raise FormulaError(f"condition {condition!r} is not like '> 8.0'")
    return _COMPARE[found.group(1)], float(found.group(2))


#: The grade formulas the ``readability`` extension point names.
GRADES: dict[str, str] = {
    "Flesch-Kincaid": "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59",
    "Gunning Fog": "0.4 * ((words / sentences) + 100 * (complex_words / words))",
    "Coleman-Liau": "(0.0588 * (characters / words) * 100) - (0.296 * (sentences / words) * 100) - 15.8",
    "SMOG": "1.0430 * sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291",
    "Automated Readability": "(4.71 * (characters / words)) + (0.5 * (words / sentences)) - 21.43",
}
