"""Command-line paths to the files to lint: the only place that walks folders.

Folders are walked recursively in sorted order, skipping hidden folders, ``node_modules``,
what ``.gitignore`` files ignore, the config's ``exclude`` globs, and the repository's own
documents (README, CHANGELOG, LICENSE, CONTRIBUTING…: not articles; an ``include`` glob or
naming one brings it back). Symbolic links are not
followed while walking (loops and links out of the tree cannot trap the run); a file named
directly on the command line is always linted, except a device, a pipe or a symlink loop
(reported as file.unreadable: reading one would never end, block, or fail to resolve). A
folder that cannot be listed is reported the same way.

``admit`` is the one place a named path is resolved: one whose real location (after every
symbolic link) is outside the project root is reported as file.outside-root and not read,
unless ``follow_outside`` (``--follow-symlinks-outside``). A name that is itself outside
the root (``/tmp/draft.md``) is judged against its own folder instead: naming a file
elsewhere is allowed, a link there leading somewhere else again is not.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
# Site generators keep templates here, not drafts: Hugo's archetypes/ (Go-template front
# matter that is not YAML), layouts/ and themes/ (a theme's own README and demo content),
# Jekyll's _layouts/ and _includes/. An ``include`` glob or naming a file brings one back.
GENERATOR_DIRS = frozenset({"archetypes", "layouts", "_layouts", "_includes", "themes"})
# A content repo's own documents, by name without extension: they are not articles.
REPO_DOCUMENTS = frozenset(
    "readme changelog changes history contributing code_of_conduct code-of-conduct license licence "
    "copying notice security support authors maintainers codeowners".split()
)


@dataclass(frozen=True)
class Target:
    display: str  # the path as shown in findings
    path: Path  # where to read it
    named: bool  # named on the command line (not found by walking)


@dataclass(frozen=True)
class Skipped:
    display: str
    reason: str
    #: True when text that should have been linted could not be read: reported as a
    #: finding of ``rule``, not as a note.
    error: bool = False
    #: Passed over by the walk's rules (exclude, hidden, …): not a note in the summary,
    #: only listed by --show-files.
    quiet: bool = False
    rule: str = "file.unreadable"


class _Ignores:
    """The .gitignore files that apply to a folder, outermost first."""

    def __init__(self, specs: tuple[tuple[Path, Any], ...] = ()) -> None:
        self.specs = specs

    def with_folder(self, folder: Path) -> _Ignores:
        spec = _load_gitignore(folder / ".gitignore")
        return _Ignores(self.specs + ((folder, spec),)) if spec is not None else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self.specs:
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + ("/" if is_dir else "")):
                return True
        return False


def _load_gitignore(path: Path) -> Any:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _outer_ignores(folder: Path) -> _Ignores:
    """.gitignore files from the repository root down to ``folder`` (exclusive)."""
    chain: list[Path] = []
    for parent in folder.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            break
    else:
        chain = []
    ignores = _Ignores()
    for parent in reversed(chain):
        ignores = ignores.with_folder(parent)
    return ignores


@dataclass(frozen=True)
class _Walk:
    """What every step of one walk needs to decide whether to skip an entry."""

    suffixes: tuple[str, ...]
    exclude: Sequence[str]
    include: Sequence[str]
    root: Path
    respect_gitignore: bool
    #: Yield a Skipped note (``quiet``) for every entry passed over (--show-files).
    explain: bool = False


def iter_targets(
    paths: Sequence[str],
    extensions: Sequence[str],
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    root: Path | None = None,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
    explain: bool = False,
    follow_outside: bool = False,
) -> Iterator[Target | Skipped]:
    """Files to lint, in a stable order, plus notes about what was skipped and why.

    ``force_exclude`` applies the walk's skips (hidden folders, generator folders, exclude,
    .gitignore, the repository's documents) to files named on the command line too: pre-commit
    names every file, so without it the config's exclude would never apply there.
    """
    walk = _Walk(
        tuple(e.lower() for e in extensions),
        exclude,
        include,
        (root or Path.cwd()).resolve(),
        respect_gitignore,
        explain,
    )
    for given in paths:
        path = Path(given)
        refused = admit(given, walk.root, follow_outside)
        if refused is not None:
            yield refused
        elif path.is_dir():
            absolute = path.resolve()
            ignores = _outer_ignores(absolute) if respect_gitignore else _Ignores()
            yield from _walk(path, given, absolute, walk, ignores)
        elif _unreadable(path):
            yield Skipped(given, _unreadable(path) or "", error=True)
        elif force_exclude and (reason := _named_skip(path, walk)):
            yield Skipped(given, f"{reason} (--force-exclude)", quiet=True)
        else:
            # Named files are linted even when excluded by globs: the user asked for them.
            yield Target(given, path, named=True)


def admit(given: str, root: Path, follow_outside: bool = False) -> Skipped | None:
    """None when the named path may be read; otherwise why not, as a finding to report."""
    if follow_outside:
        return None
    lexical = Path(os.path.abspath(given))
    try:
        real = Path(os.path.realpath(given))
    except (OSError, ValueError):  # a loop on an old Python: reported when it is read
        return None
    tree = root if _within(lexical, root) or _within(real, root) else _real_folder(lexical)
    if _within(real, tree):
        return None
    return Skipped(
        given,
        f"a symbolic link to {real}, outside the project root {tree}; not read "
        "(pass --follow-symlinks-outside to read it)",
        error=True,
        rule="file.outside-root",
    )


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _real_folder(lexical: Path) -> Path:
    return Path(os.path.realpath(lexical.parent))


def _named_skip(path: Path, walk: _Walk) -> str | None:
    """Why walking would pass over a named file: checked folder by folder from the root
    (or from the file's own folder when it lies outside the root)."""
    absolute = path.absolute()
    try:
        parts = absolute.relative_to(walk.root).parts
        base = walk.root
    except ValueError:
        parts, base = (absolute.name,), absolute.parent
    ignores = _outer_ignores(base) if walk.respect_gitignore else _Ignores()
    current = base
    for index, name in enumerate(parts):
        if walk.respect_gitignore:
            ignores = ignores.with_folder(current)
        current = current / name
        is_dir = index < len(parts) - 1
        reason = _skip_reason(current, name, is_dir, walk, ignores)
        if reason:
            return reason
    return None


def _unreadable(path: Path) -> str | None:
    """Why a named path must not be opened: a device or pipe (perhaps behind a symlink in
    the content repo) never ends or blocks, and a symlink loop trips up path resolution."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop, so it was not read"
        return None  # missing or unreadable: reported when it is read
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file (a device, pipe or socket), so it was not read"
    return None


def _skip_reason(path: Path, name: str, is_dir: bool, walk: _Walk, ignores: _Ignores) -> str | None:
    """Why walking passes over this entry (None: walk into it, or lint it). The one list of
    the walk's rules, shared by folders, --force-exclude and --show-files."""
    if name.startswith("."):
        return "a hidden folder" if is_dir else "a hidden file"
    if is_dir and name in SKIP_DIRS:
        return "a tool's folder, not drafts"
    if is_dir and name in GENERATOR_DIRS and not _included_folder(path, walk):
        return "a site generator's template folder, not drafts"
    if _excluded(path, walk.root, walk.exclude, is_dir):
        return "matches the config's exclude"
    if walk.respect_gitignore and ignores.ignored(path, is_dir):
        return "ignored by .gitignore"
    if is_dir:
        return None
    if not _wanted(name, walk.suffixes, walk.include, path, walk.root):
        return "not a draft extension (see 'extensions')"
    if name.split(".", 1)[0].lower() in REPO_DOCUMENTS and not _included(
        path, walk.root, walk.include
    ):
        return "the repository's own document, not an article"
    return None


def _included_folder(path: Path, walk: _Walk) -> bool:
    """An include glob reaches into this folder (``themes/ours/**``)."""
    relative = _relative(path, walk.root)
    return any(
        glob.startswith(relative + "/") or fnmatchcase(relative, glob) for glob in walk.include
    )


def _walk(
    folder: Path, display: str, absolute: Path, walk: _Walk, ignores: _Ignores
) -> Iterator[Target | Skipped]:
    if walk.respect_gitignore:
        ignores = ignores.with_folder(absolute)
    try:
        entries = _listing(folder)
    except OSError as exc:
        yield Skipped(
            display,
            f"cannot list this folder ({exc.strerror or exc}); its files were not linted",
            error=True,
        )
        return
    for name, kind in entries:
        shown = os.path.normpath(os.path.join(display, name))
        entry_abs = absolute / name
        path = folder / name
        if kind == _LINK:
            if _wanted(name, walk.suffixes, walk.include, entry_abs, walk.root) or os.path.isdir(
                path
            ):
                yield Skipped(shown, "symbolic link, not followed")
            continue
        is_dir = kind == _DIR
        reason = _skip_reason(entry_abs, name, is_dir, walk, ignores)
        if reason:
            if walk.explain:
                yield Skipped(shown + ("/" if is_dir else ""), reason, quiet=True)
        elif is_dir:
            yield from _walk(path, shown, entry_abs, walk, ignores)
        else:
            yield Target(shown, path, named=False)


_FILE, _DIR, _LINK = range(3)


def _listing(folder: Path) -> list[tuple[str, int]]:
    """The folder's files, folders and links, sorted by name, as (name, kind).

    Kept as small tuples rather than ``os.DirEntry`` objects (a third of the size): an
    archive folder can hold 100,000 files, and the listing is held while they are linted.
    The kinds come from what ``scandir`` already read, so this costs no extra system call.
    """
    entries: list[tuple[str, int]] = []
    with os.scandir(folder) as scan:
        for entry in scan:
            try:
                if entry.is_symlink():
                    kind = _LINK
                elif entry.is_dir(follow_symlinks=False):
                    kind = _DIR
                elif entry.is_file(follow_symlinks=False):
                    kind = _FILE
                else:
                    continue  # a socket, a FIFO, a device
            except OSError:
                continue
            entries.append((entry.name, kind))
    entries.sort()
    return entries


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _wanted(
    name: str, suffixes: tuple[str, ...], include: Sequence[str], path: Path, root: Path
) -> bool:
    return name.lower().endswith(suffixes) or _included(path, root, include)


def _included(path: Path, root: Path, include: Sequence[str]) -> bool:
    relative = _relative(path, root)
    return any(fnmatchcase(relative, glob) or fnmatchcase(path.name, glob) for glob in include)


def _excluded(path: Path, root: Path, exclude: Sequence[str], is_dir: bool) -> bool:
    if not exclude:
        return False
    relative = _relative(path, root)
    for glob in exclude:
        pattern = glob.rstrip("/")
        if fnmatchcase(relative, pattern) or fnmatchcase(path.name, pattern):
            return True
        if pattern.endswith("/**") and (
            relative == pattern[:-3] or relative.startswith(pattern[:-2])
        ):
            return True
    return False
