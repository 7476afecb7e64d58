"""Hostile drafts and file names, and the properties every lintnews run must keep.

One grammar of cases (``make_case``) and one property checker (``Campaign.check``), with
two drivers: the test suite draws the choices through hypothesis (a fixed seed, a few
hundred cases, shrinking on failure), ``bench/fuzz.py`` draws them from ``random.Random``
(one seed per case, so any case can be replayed alone) at the scale of 100,000 cases.

A case is one file on disk (a hostile name, any of the encodings lintnews reads, odd line
ends, front matter that is broken, bombed or impossibly dated, escape sequences) run
through ``session.run_check`` in this process, exactly as the CLI runs it, once per output
format and once with ``--fix``. The properties:

* no crash (no exception, no ``rule.crash`` finding) and exit code 0 or 1;
* JSON, SARIF and GitLab parse as JSON and are valid UTF-8; JUnit is well-formed XML;
  text and github contain no raw control character (only line ends);
* every finding's span lies inside the file;
* ``--fix`` changes the text only inside the spans of the fixes it applied (pass by pass),
  keeps the encoding, byte-order mark and line ends, and is idempotent (a second
  ``--fix`` leaves the bytes alone).
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import json
import os
import re
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from lintnews.run.runner import FileResult, Linter

T = TypeVar("T")

# -- the grammar ------------------------------------------------------------------------------
MARKDOWN = [
    "# ", "## ", "###### ", "> ", ">> ", "- ", "* ", "+ ", "1. ", "2) ", "   ", "    ", "\t",
    "```", "```python", "~~~", "`", "``", "*", "**", "_", "__", "~~", "[", "]", "(", ")", "![",
    "](", "[^1]", "[^1]: ", "[ref]: https://example.com", "<!--", "-->",
    "<!-- lintnews-disable -->", "<!-- lintnews-disable-next-line dates.vague-time -->",
    "<!-- lintnews-enable -->", "lintnews-disable-file", "<div>", "</div>", "<figure>",
    "<figcaption>", "</figcaption>", '<img src="a.png" alt="">', "<img src=a.png>",
    '<a href="https://amzn.to/x">', "</a>", "<script>", "|", "| a | b |", "|---|---|", "---",
    "***", "===", "\\", "&amp;", "&#x27;", "&", "<", ">", "<https://example.com>",
    "https://www.amazon.com/dp/B0X?tag=deals-20", "www.example.com/x.", '"', "“", "”", "‘",
    "’", "'", ".", "!", "?", "…", ":", ";", ",", "—", "(AP) — ",
]  # fmt: skip
WORDS = [
    "recently", "Lately", "in recent weeks", "the other day", "said", "says", "told",
    "according to", "experts say", "many people", "some believe", "reportedly", "100%",
    "72 percent", "$179", "NASA", "the the", "Photo: Jane Doe", "Credit:",
    "We may earn a commission", "affiliate", "sponsored", "Sponsored by Acme",
    "use code SAVE20", "best ever", "always", "never", "U.S.", "Inc.", "Mr. Smith", "Dr.",
    "e.g.", "yesterday", "on Monday", "last week", "will announce", "announced", "WHO", "CEO",
    "towards", "email", "e-mail", "web site", "Jane Doe", "The company", "The", "A", "is",
    "was", "word", " ",
]  # fmt: skip
ODD = [
    "\u0301", "\u0308", "e\u0301", "\u20dd", "\u0336",  # combining marks
    "\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "שלום", "مرحبا", "\u05d0\u0591",  # bidi
    "😀", "👩\u200d👩\u200d👧", "🇺🇸", "✌\ufe0f", "🏳️‍🌈",  # emoji and sequences
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x00", "\ufffd", "𝔘",
]  # fmt: skip
#: Terminal escape sequences a hostile draft might carry (colour, title, hyperlink, erase).
ESCAPES = [
    "\x1b[31m", "\x1b[0m", "\x1b]0;pwned\x07", "\x1b]8;;https://evil.example\x1b\\",
    "\x1b]8;;\x1b\\", "\x1b[2J", "\x1b[1A\x1b[K", "\x07", "\x08\x08", "\x9b31m", "\x7f",
]  # fmt: skip
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
FRONT_LINES = [
    "title: x\n", "title: [oops\n", "title: a: b\n", "- a\n", "just words\n", "42\n",
    'key = "v"\n', "key = v\n", "[cover]\n", 'image = "a.png"\n', "date: 2024-01-01\n",
    "date: 2024-02-30\n", "date: 0000-00-00\n", "date: 2024-13-45\n", "updated: 2023-02-29\n",
    "image: /img/a.png\n", "sponsored: true\n", "tags: [a, b]\n", "a: &a [1]\n", "b: *a\n",
    "c: &c [*a, *a, *a, *a]\n", "self: &s [*s]\n", "\t\n", "...\n", "  nested: 1\n",
    "title: recently\n", "title: \"\x1b[31mred\"\n", "date = 2024-02-30\n", "---\n", "+++\n",
]  # fmt: skip
SENTENCES = [
    "We recently met the mayor. ",
    "Experts say prices will rise. ",
    '"It works," she said. ',
    "The company announced a deal on Monday. ",
    "Buy it [at Amazon](https://www.amazon.com/dp/B0X?tag=deals-20). ",
    "![A chart](chart.png)\n",
    "Sales grew 40% last year. ",
    "It is the best phone ever made. ",
    "Many people believe the the plan failed. ",
    "The WHO said so. ",
    "Officials reportedly agreed. ",
    "Send an e-mail towards the web site. ",
]
#: File names: ordinary, with spaces and separators GitHub and CSV care about, escape
#: sequences, newlines that would forge an output line, bytes that are not UTF-8.
NAMES = [
    "draft.md", "a b.md", "2024: year, in review.md", "50% off.md", "ünïcödé.md", "日本語.md",
    "evil\x1b[31m.md", "title\x1b]0;pwned\x07.md", "a.md\n::error file=x.md::forged\nb.md",
    "cr\rname.md", "tab\tname.md", "rtl\u202ename.md", "sep\u2028name.md",
    os.fsdecode(b"caf\xe9.md"), os.fsdecode(b"\xff\xfe.md"), os.fsdecode(b"half\xe2\x82.txt"),
    "-dash.md", "quote\"name'.md", "back\\slash.md", "draft.txt", "draft.markdown",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]


class Chooser(Protocol):
    """Where a case's choices come from (hypothesis draws, or a seeded Random)."""

    def pick(self, options: Sequence[T]) -> T: ...
    def number(self, low: int, high: int) -> int: ...
    def text(self, max_size: int) -> str: ...


@dataclass
class Case:
    name: str
    text: str
    encoding: str

    def data(self) -> bytes:
        from lintnews.files.decode import encode

        return encode(self.text, self.encoding)


def make_case(choose: Chooser) -> Case:
    """One hostile draft: front matter (maybe), 5-120 pieces, a line-end style, a name."""
    fence = choose.pick(["", "", "---\n", "+++\n"])
    front = ""
    if fence:
        lines = [choose.pick(FRONT_LINES) for _ in range(choose.number(0, 6))]
        front = fence + "".join(lines) + (fence if choose.number(0, 3) else "")
    pieces = []
    for _ in range(choose.number(5, 120)):
        kind = choose.number(0, 9)
        if kind <= 1:
            pieces.append(choose.pick(MARKDOWN))
        elif kind <= 3:
            pieces.append(f" {choose.pick(WORDS)} ")
        elif kind <= 5:
            pieces.append(choose.pick(SENTENCES))
        elif kind == 6:
            pieces.append(choose.pick(ODD))
        elif kind == 7:
            pieces.append(choose.pick(LINE_ENDS))
        elif kind == 8:
            pieces.append(choose.pick(ESCAPES))
        else:
            pieces.append(choose.text(6))
    text = front + "".join(pieces)
    ends = choose.pick([None, None, "\r\n", "\r"])
    if ends:
        text = text.replace("\n", ends)
    encoding = choose.pick(ENCODINGS)
    if encoding.startswith("utf-8"):
        text = text.replace("\x00", "")  # NUL makes a file binary: a different, tested path
    if encoding == "utf-8":
        text = text.lstrip("\ufeff")  # it would read back as a byte-order mark
    return Case(choose.pick(NAMES), text, encoding)


class RandomChooser:
    def __init__(self, rng: Any) -> None:
        self.rng = rng

    def pick(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def number(self, low: int, high: int) -> int:
        return int(self.rng.randint(low, high))

    def text(self, max_size: int) -> str:
        size = self.rng.randint(0, max_size)
        out = []
        while len(out) < size:
            code = self.rng.choice((self.rng.randint(0x20, 0x7E), self.rng.randint(0, 0x10FFFF)))
            if not 0xD800 <= code <= 0xDFFF:
                out.append(chr(code))
        return "".join(out)


class DrawChooser:
    """Choices drawn from hypothesis's ``data`` (so failures shrink to a small case)."""

    def __init__(self, data: Any) -> None:
        from hypothesis import strategies as st

        self.data, self.st = data, st

    def pick(self, options: Sequence[T]) -> T:
        return self.data.draw(self.st.sampled_from(list(options)))  # type: ignore[no-any-return]

    def number(self, low: int, high: int) -> int:
        return self.data.draw(self.st.integers(low, high))  # type: ignore[no-any-return]

    def text(self, max_size: int) -> str:
        alphabet = self.st.characters(blacklist_categories=("Cs",))
        return self.data.draw(self.st.text(alphabet, max_size=max_size))  # type: ignore[no-any-return]


# -- the properties ---------------------------------------------------------------------------
FORMATS = ("text", "github", "json", "sarif", "gitlab", "junit")


@dataclass
class Failure:
    kind: str  # the class: crash, exit-code, invalid-json, raw-control, span, fix-…
    detail: str


@dataclass
class Outcome:
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


#: What text and github output must never carry raw: controls other than the line end,
#: DEL, C1 controls and lone surrogates.
_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _raw_controls(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in _RAW_CONTROL.findall(text)})


class Campaign:
    """Runs cases in ``folder`` (the working folder and project root) with every rule on."""

    def __init__(self, folder: Path) -> None:
        from lintnews.api import Config
        from lintnews.api import Linter as Api
        from lintnews.meta import META_RULES
        from lintnews.ruleset.selection import choose

        self.folder = folder
        assert Path.cwd().resolve() == folder.resolve(), "cases run in the working folder"
        self.api = Api(Config(isolated=True))
        ruleset = self.api.ruleset
        every = choose(ruleset.rules, [rule.id for rule in ruleset.rules])  # enabled or not
        self.linter = MemoLinter(every, self.api.settings, tuple(ruleset.ids) + tuple(META_RULES))
        self.api.engine = self.linter

    def check(self, case: Case) -> Outcome:
        started = time.perf_counter()
        outcome = Outcome()
        path = self.folder / case.name
        try:
            path.write_bytes(case.data())
            self._formats(case, outcome)
            self._fix(case, outcome)
        except Exception as exc:  # the run itself raised: the worst class
            outcome.failures.append(Failure("crash", _brief(exc)))
        finally:
            self.linter.memo.clear()
            for leftover in self.folder.iterdir():
                leftover.unlink()
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _run(self, case: Case, fmt: str, fix: bool = False) -> tuple[int, str, str]:
        from lintnews.session import CheckOptions, run_check

        out, err = io.StringIO(), io.StringIO()
        options = CheckOptions(
            paths=[case.name],
            output_format=fmt,
            use_cache=False,
            fix=fix,
            jobs=1,
            progress="never",
            stdout=out,
            stderr=err,
        )
        code = run_check(self.api, options)
        return code, out.getvalue(), err.getvalue()

    def _formats(self, case: Case, outcome: Outcome) -> None:
        fail = outcome.failures.append
        for fmt in FORMATS:
            code, out, err = self._run(case, fmt)
            if code not in (0, 1):
                fail(Failure("exit-code", f"{fmt}: exit {code}: {err[:200]}"))
            try:
                out.encode("utf-8")
            except UnicodeEncodeError as exc:
                fail(Failure("invalid-utf8", f"{fmt}: {exc}"))
            if fmt in ("text", "github"):
                raw = _raw_controls(out) + _raw_controls(err)
                if raw:
                    fail(Failure("raw-control", f"{fmt}: {', '.join(raw)}"))
            elif fmt == "junit":
                try:
                    ET.fromstring(out)
                except ET.ParseError as exc:
                    fail(Failure("invalid-junit", str(exc)))
            else:
                try:
                    parsed = json.loads(out)
                except json.JSONDecodeError as exc:
                    fail(Failure(f"invalid-{fmt}", str(exc)))
                    continue
                if fmt == "json":
                    self._spans(case, parsed, outcome)

    def _spans(self, case: Case, findings: list[dict[str, Any]], outcome: Outcome) -> None:
        from lintnews.source import SourceText

        source = SourceText(case.text)

        def inside(line: int, column: int) -> bool:
            return 1 <= line <= source.line_count and (
                1 <= column <= len(source.line_text(line - 1)) + 1
            )

        for f in findings:
            where = f"{f['rule']} at {f['line']}:{f['column']}-{f['end_line']}:{f['end_column']}"
            if f["rule"] == "rule.crash":
                outcome.failures.append(Failure("rule-crash", f["message"][:300]))
            elif not (
                inside(f["line"], f["column"])
                and inside(f["end_line"], f["end_column"])
                and (f["line"], f["column"]) <= (f["end_line"], f["end_column"])
            ):
                outcome.failures.append(Failure("span-outside-file", where))
            elif f["fix"] is not None:
                fix = f["fix"]
                if not (
                    inside(fix["line"], fix["column"])
                    and inside(fix["end_line"], fix["end_column"])
                ):
                    outcome.failures.append(Failure("fix-span-outside-file", where))

    def _fix(self, case: Case, outcome: Outcome) -> None:
        from lintnews.files.decode import Decoded, decode

        path = self.folder / case.name
        expected = self._replay(case, outcome)
        code, _, err = self._run(case, "json", fix=True)
        if code not in (0, 1):
            outcome.failures.append(Failure("exit-code", f"--fix: exit {code}: {err[:200]}"))
        after = path.read_bytes()
        decoded = decode(after)
        if not isinstance(decoded, Decoded) or decoded.encoding != case.encoding:
            outcome.failures.append(Failure("fix-encoding", f"{case.encoding} -> {decoded!r:.80}"))
            return
        if expected is not None and decoded.text != expected:
            outcome.failures.append(Failure("fix-unexpected-text", _diff(expected, decoded.text)))
        if after != case.data():
            self.linter.memo.clear()
            self._run(case, "json", fix=True)
            if path.read_bytes() != after:
                again = decode(path.read_bytes())
                shown = again.text if isinstance(again, Decoded) else repr(again)
                outcome.failures.append(Failure("fix-not-idempotent", _diff(decoded.text, shown)))

    def _replay(self, case: Case, outcome: Outcome) -> str | None:
        """The passes ``--fix`` makes, in memory: each must change only its fixes' spans."""
        from lintnews.files.decode import encode
        from lintnews.files.fix import MAX_PASSES, apply_edits
        from lintnews.source import SourceText

        text = case.text
        for _ in range(MAX_PASSES):
            linted = self.linter.lint_bytes(case.name, encode(text, case.encoding))
            findings = [f for f in linted.findings if f.fix is not None and f.suppressed_by is None]
            new, applied = apply_edits(text, findings)
            if not applied or new == text:
                return text
            source = SourceText(text)
            spans = [
                (
                    source.offset_of(f.fix["line"], f.fix["column"]),
                    source.offset_of(f.fix["end_line"], f.fix["end_column"]),
                )
                for f in findings
                if f.fix is not None
            ]
            outside = _outside_kept(text, new, spans)
            if outside is not None:
                outcome.failures.append(Failure("fix-outside-spans", outside))
                return None
            text = new
        return text


@dataclass
class MemoLinter(Linter):
    """A ``Linter`` that lints each (name, bytes) once per case: the six formats of one case,
    the ``--fix`` passes and their replay share lints, as runs of the CLI on unchanged bytes
    would give the same result."""

    memo: dict[tuple[str, bytes, bool], FileResult] = field(default_factory=dict)

    def lint_bytes(self, display: str, data: bytes, named: bool = True) -> FileResult:
        key = (display, data, self.keep_source)  # --fix runs keep the bytes they linted
        if key not in self.memo:
            self.memo[key] = super().lint_bytes(display, data, named)
        # A fresh result and list: callers set the digest and --fix appends findings.
        return dataclasses.replace(self.memo[key], findings=list(self.memo[key].findings))


def _outside_kept(before: str, after: str, spans: list[tuple[int, int]]) -> str | None:
    """None when ``after`` keeps, in order, every part of ``before`` outside ``spans`` (and
    so changed nothing but what the fixes cover); otherwise the first part it lost."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    bounds = [0] + [edge for span in merged for edge in span] + [len(before)]
    parts = [before[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    if not after.startswith(parts[0]):
        return f"the text before the first fix changed: {parts[0][:60]!r}"
    position = len(parts[0])
    for part in parts[1:-1]:
        found = after.find(part, position)
        if found < 0:
            return f"{part[:60]!r} between fixes was changed"
        position = found + len(part)
    if len(after) - len(parts[-1]) < position or not after.endswith(parts[-1]):
        return f"the text after the last fix changed: {parts[-1][:60]!r}"
    return None


def _diff(a: str, b: str) -> str:
    lines = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
    return "\n".join(list(lines)[:12])


def _brief(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
    return f"{type(exc).__name__}: {exc} ({where})"


Check = Callable[[Case], Outcome]
