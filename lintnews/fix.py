"""``--fix``: apply the safe fixes that rules offer, without ever damaging a file.

Edits are applied from the end of the text so earlier offsets stay valid; overlapping edits
are skipped (the next pass picks them up). The file is re-read and compared with what was
linted before writing, written to a temporary file in the same folder with the original
encoding, byte-order mark, line ends and permissions, then moved into place atomically.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .decode import Decoded, decode, encode
from .model import Finding
from .source import SourceText

MAX_PASSES = 5


def apply_edits(text: str, findings: Sequence[Finding]) -> tuple[str, int]:
    """Apply the fixes of ``findings`` to ``text``; returns the new text and how many applied."""
    source = SourceText(text)
    edits = []
    for finding in findings:
        if finding.fix is None or finding.suppressed_by is not None:
            continue
        fix = finding.fix
        if finding.fix_span is not None:  # offsets carried from the linted text
            start, end = finding.fix_span
        else:
            start = source.offset_of(fix["line"], fix["column"])
            end = source.offset_of(fix["end_line"], fix["end_column"])
        if 0 <= start <= end <= len(text):
            edits.append((start, end, fix["replacement"]))
    edits.sort(reverse=True)
    applied = 0
    limit = len(text) + 1
    for start, end, replacement in edits:
        if end > limit:
            continue  # overlaps an edit already applied
        text = text[:start] + replacement + text[end:]
        limit = start
        applied += 1
    return text, applied


class FixConflict(RuntimeError):
    pass


def write_fixed(path: Path, original: bytes, new_text: str, encoding: str) -> None:
    """Write ``new_text`` over ``path`` only if the file still holds ``original``."""
    current = path.read_bytes()
    if current != original:
        raise FixConflict(f"{path} changed while lintnews was fixing it; not written")
    data = encode(new_text, encoding)
    decoded = decode(data)
    if not isinstance(decoded, Decoded) or decoded.text != new_text:
        raise FixConflict(
            f"{path}: the fixed text does not round-trip through {encoding}; not written"
        )
    folder = path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".lintnews-fix")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def fix_passes(
    text: str, findings: Sequence[Finding], relint: Callable[[str], Sequence[Finding]]
) -> tuple[str, int]:
    """Apply fixes in memory, re-linting after each pass (a fix can reveal or shift another),
    up to MAX_PASSES; returns the fixed text and how many fixes applied. Pure: ``--fix``
    writes the result with :func:`write_fixed`, ``--diff`` prints it, stdin prints it."""
    total = 0
    for _ in range(MAX_PASSES):
        new_text, applied = apply_edits(text, findings)
        if not applied or new_text == text:
            break
        text, total = new_text, total + applied
        findings = relint(text)
    return text, total


def unified_diff(display: str, before: str, after: str) -> str:
    """``--diff``: what ``--fix`` would change, as ``diff -u`` prints it (git-style a/ b/)."""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{display}",
        f"b/{display}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
