"""Split YAML (``---``) or TOML (``+++``) front matter off a document, keeping offsets.

Front matter is metadata: it is parsed with safe loaders into a dict, each key keeps the span
of its line so rules can point at ``image:`` or ``sponsor =``, and it is never prose.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import FrontMatter, FrontMatterError
from ..source import SourceText, Span

_FENCES = {"---": "yaml", "+++": "toml"}
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def split_front_matter(source: SourceText) -> FrontMatter | None:
    """Find and parse front matter at the top of the file; None when there is none."""
    if source.line_count < 2:
        return None
    fence = source.line_text(0).rstrip()
    kind = _FENCES.get(fence)
    if kind is None:
        return None
    closers = {fence, "..."} if kind == "yaml" else {fence}
    for index in range(1, source.line_count):
        if source.line_text(index).rstrip() in closers:
            break
    else:
        span = source.line_span(0)
        return FrontMatter(
            kind,
            span,
            error=FrontMatterError(
                f"the {kind.upper()} front matter opened on line 1 with '{fence}' is never closed; "
                f"add a closing '{fence}' line after the last key",
                1,
            ),
        )
    span = Span(0, source.line_ends[index])
    body_first_line = 1  # 0-based index of the first line inside the fences
    body = (
        source.text[source.line_starts[body_first_line] : source.line_starts[index]]
        if index > 1
        else ""
    )
    matter = FrontMatter(kind, span)
    if kind == "yaml":
        _parse_yaml(matter, body, source, body_first_line)
    else:
        _parse_toml(matter, body, source, body_first_line)
    return matter


def _parse_yaml(matter: FrontMatter, body: str, source: SourceText, first: int) -> None:
    import yaml

    from ..yamlload import YamlLimitError, load

    base = source.line_starts[first]
    try:
        loaded = load(body)
    except yaml.YAMLError as exc:
        # The mark's character index, not its line: YAML also breaks lines at U+2028, U+0085.
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        index = mark.index if mark is not None else getattr(exc, "index", 0)
        line, column = source.locate(base + min(index, len(body)))
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        message = (
            f"the YAML front matter is refused: {problem}"
            if isinstance(exc, YamlLimitError)
            else f"the YAML front matter is not valid: {problem}; fix the syntax (quote values "
            "that contain ': ' or start with a special character)"
        )
        matter.error = FrontMatterError(message, line, column)
        return
    data, node = loaded.data, loaded.node
    if data is None:
        return
    if not isinstance(data, dict):
        matter.error = FrontMatterError(
            f"the front matter is a {_kind_name(data)}, not a mapping of keys to values; "
            "write it as 'key: value' lines",
            first + 1,
        )
        return
    matter.data = {str(k): v for k, v in data.items()}
    _yaml_key_spans(node, "", matter.key_spans, source.text, base, len(body), set())
    # A value that could not be constructed (an impossible date) is None: the draft is
    # undated and the rest of the front matter is used, so this is not ``error``.
    for problem in loaded.problems:
        line, column = source.locate(base + min(problem.index, len(body)))
        matter.problems.append(
            FrontMatterError(
                f"in the YAML front matter, {problem.message}; the value is treated as missing "
                "(write a real date, YYYY-MM-DD)",
                line,
                column,
            )
        )


def _yaml_key_spans(
    node: Any, prefix: str, out: dict[str, Span], text: str, base: int, size: int, seen: set[int]
) -> None:
    """Spans from each node's character index (YAML's line numbers count U+2028 as a break).

    An alias is the same node object as its anchor: each node is walked once, so a
    "billion laughs" document costs its size, not its expansion.
    """
    import yaml

    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            path = f"{prefix}{key_node.value}"
            start = base + min(key_node.start_mark.index, size)
            end = base + min(value_node.end_mark.index, size)
            while end > start + 1 and text[end - 1] in "\r\n":
                end -= 1  # a block value's end mark is the start of the next line
            out.setdefault(path, Span(start, max(end, start + 1)))
            _yaml_key_spans(value_node, path + ".", out, text, base, size, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            start = base + min(item.start_mark.index, size)
            end = base + min(item.end_mark.index, size)
            out.setdefault(f"{prefix}{index}", Span(start, max(end, start + 1)))
            _yaml_key_spans(item, f"{prefix}{index}.", out, text, base, size, seen)


def _parse_toml(matter: FrontMatter, body: str, source: SourceText, first: int) -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        # TOML knows LF and CRLF only; a file saved with lone CR line ends is still one line
        # per CR, so reading each as LF keeps every line and column where it was.
        data = tomllib.loads(re.sub(r"\r(?!\n)", "\n", body))
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_ERROR_AT.search(str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        reason = _TOML_ERROR_AT.sub("", str(exc)).strip()
        matter.error = FrontMatterError(
            f"the TOML front matter is not valid: {reason}; fix the syntax "
            '(strings need quotes: key = "value")',
            first + line,
            column,
        )
        return
    matter.data = data
    table = ""
    for index in range(first, source.line_index(source.line_starts[first] + len(body))):
        text = source.line_text(index)
        header = _TOML_TABLE.match(text)
        if header:
            table = _dotted(header.group(1)) + "."
            continue
        key = _TOML_KEY.match(text)
        if key:
            span = source.line_span(index)
            matter.key_spans.setdefault(
                table + _dotted(key.group(1)), Span(span.start + key.start(1), span.end)
            )


def _dotted(key: str) -> str:
    return ".".join(
        part.strip().strip("\"'")
        for part in re.split(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", key)
    )


def _kind_name(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    return f"single {type(value).__name__} value"
