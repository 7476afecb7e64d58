"""The one YAML loader for rule files, lexicons and front matter: safe and bounded.

PyYAML's safe loader never runs code, but aliases make a short document expand to an
enormous (or endless) one: nine levels of ``&a [*b, *b, …]`` are a few hundred bytes that
become billions of values once anything walks them (pydantic validation, a lexicon copy).
So the document is first composed into nodes (an alias is the same node object as its
anchor, so this costs the text's size), the size it would have fully expanded is counted
without expanding it, and only a document under ``max_nodes`` is constructed. A recursive
alias is refused outright. The text itself is capped at ``max_bytes``.

An impossible date (``2024-02-30``) does not abort the document: the value becomes None
and the problem is reported with its position, so the caller can say so and go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

#: Expanded values (scalars, lists, mappings) a document may reach through its aliases.
MAX_NODES = 100_000
#: Characters of YAML text accepted (rule files and front matter are a few kilobytes).
MAX_BYTES = 1_000_000

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLimitError(yaml.YAMLError):
    """The document is too big, expands too far or refers to itself; ``index`` is the
    character offset of the node at fault (0 when it is the whole text)."""

    def __init__(self, problem: str, index: int = 0, line: int = 0, column: int = 0) -> None:
        super().__init__(problem)
        self.problem = problem
        self.index, self.line, self.column = index, line, column


@dataclass
class YamlProblem:
    """A value that could not be constructed (an impossible date); 0-based line and column,
    ``index`` a character offset into the text."""

    message: str
    index: int
    line: int
    column: int


@dataclass
class Loaded:
    data: Any
    node: Any  # the composed root node (None for an empty document), for positions
    problems: list[YamlProblem] = field(default_factory=list)


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    problems: list[YamlProblem]


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:  # 2024-02-30, 0000-00-00, 2024-13-45
        mark = node.start_mark
        loader.problems.append(
            YamlProblem(
                f"'{node.value}' is not a real date ({exc})", mark.index, mark.line, mark.column
            )
        )
        return None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load(text: str, max_nodes: int = MAX_NODES, max_bytes: int = MAX_BYTES) -> Loaded:
    """Compose, bound and construct one YAML document. Raises ``yaml.YAMLError`` (syntax,
    or ``YamlLimitError`` for the limits)."""
    if len(text) > max_bytes:
        raise YamlLimitError(
            f"the YAML is {len(text):,} characters, over the limit of {max_bytes:,}"
        )
    loader = _Loader(text)
    loader.problems = []
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YamlLimitError("the YAML is nested too deeply") from None
        if node is None:
            return Loaded(None, None)
        _check_expansion(node, max_nodes)
        try:
            data = loader.construct_document(node)
        except RecursionError:
            raise YamlLimitError("the YAML is nested too deeply") from None
        return Loaded(data, node, loader.problems)
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, max_nodes: int) -> None:
    """Count the values the document has once every alias is expanded, visiting each node
    object once (iteratively: deep nesting must not exhaust Python's stack)."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(size[id(child)] for child in children)
            if total > max_nodes:
                raise _limit(
                    node,
                    f"aliases expand this YAML to more than {max_nodes:,} values "
                    "(a 'billion laughs' document); write the values out or use fewer aliases",
                )
            size[key] = total
            continue
        if key in size:
            continue
        if key in on_path:
            raise _limit(node, "an alias refers to the value that contains it (a recursive alias)")
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                raise _limit(
                    child, "an alias refers to the value that contains it (a recursive alias)"
                )
            if id(child) not in size:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _limit(node: yaml.Node, problem: str) -> YamlLimitError:
    mark = node.start_mark
    return YamlLimitError(problem, mark.index, mark.line, mark.column)
