"""Decoded source text and the one place where offsets become lines and columns.

Every rule works on character offsets into ``SourceText.text``. Only ``locate`` turns an
offset into a 1-based (line, column) pair, counted in Unicode code points (a tab is one
column, as SARIF's ``unicodeCodePoints`` column kind says).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Line ends as git and editors see them. U+2028 and friends are not line breaks here.
LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of character offsets into the source text."""

    start: int
    end: int

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self.start <= offset < self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class SourceText:
    """The decoded text of one file (BOM removed, line ends kept as written)."""

    text: str
    line_starts: list[int] = field(default_factory=list)
    #: Offsets where each line's terminator begins (== next line start when none).
    line_ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.line_starts:
            starts = [0]
            ends: list[int] = []
            for m in LINE_END.finditer(self.text):
                ends.append(m.start())
                starts.append(m.end())
            ends.append(len(self.text))
            self.line_starts = starts
            self.line_ends = ends

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return max(0, bisect_right(self.line_starts, offset) - 1)

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; an offset at a line end stays on that line."""
        offset = min(max(offset, 0), len(self.text))
        index = self.line_index(offset)
        return index + 1, offset - self.line_starts[index] + 1

    def locate_end(self, end: int) -> tuple[int, int]:
        """1-based exclusive end position of a span ending at ``end`` (SARIF's endColumn)."""
        return self.locate(end)

    def line_text(self, index: int) -> str:
        """Text of the 0-based line ``index`` without its terminator."""
        return self.text[self.line_starts[index] : self.line_ends[index]]

    def line_span(self, index: int) -> Span:
        return Span(self.line_starts[index], self.line_ends[index])

    def lines_span(self, first: int, last_exclusive: int) -> Span:
        """Span from the start of line ``first`` to the end of line ``last_exclusive - 1``."""
        last = min(max(last_exclusive - 1, first), self.line_count - 1)
        return Span(self.line_starts[first], self.line_ends[last])

    def offset_of(self, line: int, column: int) -> int:
        """Inverse of ``locate`` for 1-based positions (clamped to the line)."""
        index = min(max(line - 1, 0), self.line_count - 1)
        start = self.line_starts[index]
        return min(start + max(column - 1, 0), self.line_ends[index])
