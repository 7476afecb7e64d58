"""``--fix``: apply the safe fixes that rules offer, without ever damaging a file.

Edits are applied from the end of the text so earlier offsets stay valid; overlapping edits
are skipped (the next pass picks them up). Passes run in memory (``fix_passes``); the result
is written once.

``write_fixed`` is the only way lintnews writes a draft. A fix applies only to the exact
bytes it was computed from: under an advisory lock on the file's folder (so two lintnews
runs take turns), the file is read again and its digest compared with the digest of the
bytes that were linted; if anything (another run, an editor) changed it in between, the
file is left alone and the caller says so. The new bytes go to a temporary file in the same
folder (with the original encoding, byte-order mark, line ends, mode and, where allowed,
owner), then replace the file atomically. A symbolic link is written through: the link
stays, its target gets the fixed text. A file without write permission is refused.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..model import Finding
from ..source import SourceText
from .decode import Decoded, content_digest, decode, encode

MAX_PASSES = 5
#: Temporary files: ``.<name>.<random>.lintnews-fix``. Every writer holds the folder lock
#: while its temporary file exists, so one found while holding the lock was left behind by
#: a killed run and is removed.
TEMP_SUFFIX = ".lintnews-fix"
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"$", re.DOTALL)


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


class FixSkipped(RuntimeError):
    """The file was not written; ``str()`` says why (shown to the user)."""

    rule: str | None = None  # a meta rule to report it as, when it is a finding


class FixConflict(FixSkipped):
    """The file changed after it was linted (another run, an editor): fixes would be wrong."""


class NotWritable(FixSkipped):
    """The file has no write permission for this user: lintnews does not override that."""

    rule = "file.not-writable"


def write_fixed(path: Path, linted_digest: str, new_text: str, encoding: str) -> bytes:
    """Replace ``path``'s content with ``new_text`` if it still holds the bytes whose
    ``content_digest`` is ``linted_digest``; returns the bytes written.

    Raises ``FixConflict`` when the file changed, ``NotWritable`` when it is read-only and
    ``OSError`` when the folder cannot be written.
    """
    data = encode(new_text, encoding)
    decoded = decode(data)
    if not isinstance(decoded, Decoded) or decoded.text != new_text:
        raise FixConflict(f"the fixed text does not round-trip through {encoding}; not fixed")
    real = Path(os.path.realpath(path))  # through symlinks: the link stays, its target changes
    info = real.stat()
    if not stat.S_ISREG(info.st_mode):
        raise FixSkipped("not a regular file; not fixed")
    if not _writable(real, info):
        raise NotWritable("the file is read-only (no write permission); not fixed")
    with _folder_lock(real.parent):
        _remove_stale_temp_files(real.parent)
        if content_digest(real.read_bytes()) != linted_digest:
            raise FixConflict(
                "the file changed after it was linted (another lintnews run or an editor "
                "saved it); not fixed, run again"
            )
        _replace(real, data, info)
    return data


def _writable(path: Path, info: os.stat_result) -> bool:
    # Root may write anything; a file with no write bit at all is still meant to stay as it is.
    no_write_bits = not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return os.access(path, os.W_OK) and not no_write_bits


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock (flock) on the folder itself: no lock file to leave behind,
    and every lintnews run fixing a file in this folder, of any user, takes turns."""
    try:
        import fcntl
    except ModuleNotFoundError:  # not POSIX: the digest check alone guards the write
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove_stale_temp_files(folder: Path) -> None:
    """Temporary files of runs that were killed between writing and renaming."""
    try:
        names = [name for name in os.listdir(folder) if name.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        if _TEMP_NAME.match(name):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _replace(path: Path, data: bytes, info: os.stat_result) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(
                OSError
            ):  # keep the owner where allowed (root fixing a user's file)
                os.chown(tmp, info.st_uid, info.st_gid)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
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
