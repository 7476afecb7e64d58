"""Vale's scope selectors: ``heading``, ``heading.h2``, ``~blockquote``, ``list & ~table``.

A unit of text carries the names of what it is (``{"paragraph"}``, ``{"heading",
"heading.h1"}``); a rule's ``scope`` is a list of alternatives, each one or more ``&``-joined
selectors, any of which may be negated with ``~``. A list of negations alone means "any text
but these".
"""

from __future__ import annotations

from collections.abc import Iterable

#: Everything a block-level scope may be called; a ``.md``-style suffix is dropped.
KNOWN = frozenset(
    {
        "text",
        "raw",
        "summary",
        "sentence",
        "paragraph",
        "heading",
        "list",
        "table",
        "table.cell",
        "table.header",
        "table.caption",
        "blockquote",
        "alt",
        "title",
        "code",
        "comment",
        "comment.line",
        "comment.block",
        "strong",
        "emphasis",
        "link",
        "script",
        "string",
    }
)


class Selector:
    __slots__ = ("alternatives",)

    def __init__(self, scopes: Iterable[str]) -> None:
        alternatives: list[tuple[frozenset[str], frozenset[str]]] = []
        for item in scopes:
            want: set[str] = set()
            avoid: set[str] = set()
            for part in str(item).split("&"):
                part = part.strip()
                if not part:
                    continue
                negated = part.startswith("~")
                name = normalise(part.lstrip("~").strip())
                (avoid if negated else want).add(name)
            alternatives.append((frozenset(want), frozenset(avoid)))
        # "~heading" alone: any text that is not a heading.
        if alternatives and all(not want for want, _ in alternatives):
            merged = frozenset(n for _, avoid in alternatives for n in avoid)
            alternatives = [(frozenset({"text"}), merged)]
        self.alternatives = tuple(alternatives) or ((frozenset({"text"}), frozenset()),)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(n for want, _ in self.alternatives for n in want)

    def accepts(self, tags: frozenset[str]) -> bool:
        """Does a unit with these names (``text`` is implied for every block) qualify?"""
        for want, avoid in self.alternatives:
            if avoid & tags:
                continue
            if all(
                name in tags or (name in ("text", "sentence") and "block" in tags) for name in want
            ):
                return True
        return False


def normalise(name: str) -> str:
    """``heading.h1.md`` -> ``heading.h1``; ``paragraph.md`` -> ``paragraph``."""
    for suffix in (".md", ".markdown", ".txt", ".rst", ".adoc", ".html", ".org", ".dita", ".xml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def unknown(scopes: Iterable[str]) -> list[str]:
    out = []
    for item in scopes:
        for part in str(item).split("&"):
            name = normalise(part.strip().lstrip("~").strip())
            base = name.split(".")[0]
            if name and name not in KNOWN and base not in KNOWN:
                out.append(part.strip())
    return out
