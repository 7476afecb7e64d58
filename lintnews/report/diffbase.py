"""``--diff-base REF``: keep only findings on lines added or changed since a git ref.

Lines come from ``git diff -U0 BASE`` (the working tree, staged or not, against BASE), where
BASE is the merge base of REF and HEAD when there is one: on a branch, changes that landed on
REF after the branch was cut are not the branch's changes. (A shallow CI clone may have no
merge base; then REF itself is used, which is right for GitHub's pull-request merge commits.)
Files git does not track yet count as entirely new. A finding spanning several lines is kept
when any of its lines changed; a document-level finding (a missing disclosure) is anchored
at its trigger.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..model import Finding

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class DiffBaseError(RuntimeError):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        # surrogateescape: file names that are not UTF-8 survive the round trip to Path.
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise DiffBaseError(
            "--diff-base needs git, and git is not installed or not on PATH"
        ) from None
    if proc.returncode != 0:
        raise DiffBaseError(proc.stderr.strip() or f"git {' '.join(args)} failed")
    return proc.stdout


class ChangedLines:
    def __init__(self, root: Path, lines: dict[Path, set[int]], new_files: set[Path]) -> None:
        self.root = root
        self.lines = lines
        self.new_files = new_files

    @classmethod
    def since(cls, ref: str, cwd: Path | None = None) -> ChangedLines:
        cwd = cwd or Path.cwd()
        try:
            top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
        except DiffBaseError:
            raise DiffBaseError(
                f"--diff-base needs a git repository, and {cwd} is not inside one; run lintnews from the repository"
            ) from None
        root = Path(top).resolve()
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
        except DiffBaseError:
            raise DiffBaseError(
                f"--diff-base: unknown git ref {ref!r}; fetch it first (git fetch origin) or name a branch, tag or commit"
            ) from None
        base = _merge_base(ref, root)
        # Explicit prefixes: a user's diff.noprefix or diff.mnemonicPrefix must not change parsing.
        diff = _git(
            [
                "diff",
                "-U0",
                "--no-color",
                "--no-ext-diff",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                base,
                "--",
            ],
            root,
        )
        lines = {(root / name).resolve(): changed for name, changed in parse_diff(diff).items()}
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
        new_files = {(root / name).resolve() for name in untracked.split("\0") if name}
        added = _git(["diff", "--name-only", "--diff-filter=A", "-z", base, "--"], root)
        new_files.update((root / name).resolve() for name in added.split("\0") if name)
        return cls(root, lines, new_files)

    def filter(self, display: str, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        path = Path(display).resolve()
        findings = list(findings)
        if path in self.new_files:
            return findings, 0
        changed = self.lines.get(path, set())
        # A document-level finding counts as changed when its anchor changed, or anything
        # it depends on (another trigger added or moved, the disclosure it is measured by).
        kept = [
            f
            for f in findings
            if any(line in changed for line in range(f.line, f.end_line + 1))
            or any(
                line in changed
                for place in f.related
                for line in range(place["line"], place["end_line"] + 1)
            )
        ]
        return kept, len(findings) - len(kept)


def _merge_base(ref: str, root: Path) -> str:
    try:
        return _git(["merge-base", ref, "HEAD"], root).strip() or ref
    except DiffBaseError:  # no common history here (shallow clone, unborn HEAD): diff against REF
        return ref


def parse_diff(diff: str) -> dict[str, set[int]]:
    """New-side line numbers per file (git's path, relative to the repository root).

    A small state machine, because with ``-U0`` an added line ``++ x`` is printed as
    ``+++ x``: a ``+++`` line is a file name only in a file's header, before its first hunk.
    """
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    in_header = False
    for row in diff.splitlines():
        if row.startswith("diff --git "):
            in_header, current = True, None
        elif in_header and row.startswith("+++ "):
            name = _header_name(row[4:])
            current = None if name is None else lines.setdefault(name, set())
        elif row.startswith("@@"):
            in_header = False
            hunk = HUNK.match(row)
            if hunk and current is not None:
                start = int(hunk.group(1))
                count = int(hunk.group(2)) if hunk.group(2) is not None else 1
                current.update(range(start, start + count))
    return lines


def _header_name(raw: str) -> str | None:
    """The path in a ``+++ b/path`` header; None for a deleted file (``/dev/null``)."""
    # git ends a name that contains a space with a tab; a tab in a name is always quoted.
    raw = raw[:-1] if raw.endswith("\t") else raw
    if raw == "/dev/null":
        return None
    if len(raw) > 1 and raw.startswith('"') and raw.endswith('"'):
        raw = _unquote(raw[1:-1])
    return raw[2:] if raw.startswith("b/") else raw


_ESCAPES = {
    b"a": b"\a",
    b"b": b"\b",
    b"t": b"\t",
    b"n": b"\n",
    b"v": b"\v",
    b"f": b"\f",
    b"r": b"\r",
    b'"': b'"',
    b"\\": b"\\",
}


def _unquote(body: str) -> str:
    """Undo git's C-style quoting inside the quotes (``b/caf\\303\\251 \\"x\\".md``); octal
    escapes are bytes of the UTF-8 name."""
    data = body.encode("utf-8", "surrogateescape")

    def unescape(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        return bytes([int(code, 8)]) if code[:1].isdigit() else _ESCAPES.get(code, code)

    return re.sub(rb"\\([0-7]{3}|.)", unescape, data).decode("utf-8", "surrogateescape")
