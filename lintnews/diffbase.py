"""``--diff-base REF``: keep only findings on lines added or changed since a git ref.

Lines come from ``git diff -U0 REF`` (the working tree against REF). Files git does not
track yet count as entirely new. A finding spanning several lines is kept when any of its
lines changed; a document-level finding (a missing disclosure) is anchored at its trigger.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .model import Finding

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class DiffBaseError(RuntimeError):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, text=True, errors="replace")
    except FileNotFoundError:
        raise DiffBaseError("--diff-base needs git, and git is not installed or not on PATH") from None
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
        diff = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "--relative=", ref, "--"], root)
        lines: dict[Path, set[int]] = {}
        current: set[int] | None = None
        for row in diff.splitlines():
            if row.startswith("+++ "):
                name = row[4:]
                if name == "/dev/null":
                    current = None
                    continue
                name = name[2:] if name.startswith("b/") else name
                current = lines.setdefault((root / _unquote(name)).resolve(), set())
            elif row.startswith("@@") and current is not None:
                hunk = HUNK.match(row)
                if hunk:
                    start = int(hunk.group(1))
                    count = int(hunk.group(2)) if hunk.group(2) is not None else 1
                    current.update(range(start, start + count))
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
        new_files = {(root / name).resolve() for name in untracked.split("\0") if name}
        added = _git(["diff", "--name-only", "--diff-filter=A", "-z", ref, "--"], root)
        new_files.update((root / name).resolve() for name in added.split("\0") if name)
        return cls(root, lines, new_files)

    def filter(self, display: str, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        path = Path(display).resolve()
        findings = list(findings)
        if path in self.new_files:
            return findings, 0
        changed = self.lines.get(path, set())
        kept = [f for f in findings if any(line in changed for line in range(f.line, f.end_line + 1))]
        return kept, len(findings) - len(kept)


def _unquote(name: str) -> str:
    if name.startswith('"') and name.endswith('"'):
        return name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")
    return name
