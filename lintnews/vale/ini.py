"""Read a ``.vale.ini`` into what lintnews needs: the styles to load and a ``Project``.

Vale's INI: global keys first (StylesPath, MinAlertLevel, Vocab, Packages, IgnoredScopes,
SkippedScopes), then sections named by globs (``[*]``, ``[*.md]``, ``[docs/**/*.{md,txt}]``)
with BasedOnStyles, BlockIgnores, TokenIgnores and per-rule or per-style settings
(``Microsoft.Contractions = NO``, ``demo = YES``, ``Vale.Spelling = warning``). A section
that matches a file applies in file order, so a later, narrower section wins.
"""

from __future__ import annotations

import configparser
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

INI_NAMES = (".vale.ini", "_vale.ini", "vale.ini", ".vale", "_vale")
GLOBAL = "__vale_global__"
#: Keys of a glob section that are not rule or style settings.
SECTION_KEYS = frozenset(
    {"basedonstyles", "blockignores", "tokenignores", "transform", "lang", "commentdelimiters"}
)


class ValeConfigError(Exception):
    def __init__(self, path: Path, message: str, line: int | None = None):
        self.path, self.line, self.detail = path, line, message
        super().__init__(f"{path}{':' + str(line) if line else ''}: {message}")


@dataclass
class Section:
    glob: str
    based_on: list[str] = field(default_factory=list)
    block_ignores: list[str] = field(default_factory=list)
    token_ignores: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # "Style.Rule" or "Style" -> value


@dataclass
class ValeIni:
    path: Path
    styles_path: Path | None = None
    min_level: str = "warning"  # Vale hides suggestions unless MinAlertLevel says otherwise
    vocab: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    ignored_scopes: list[str] = field(default_factory=lambda: ["code", "tt"])
    skipped_scopes: list[str] = field(default_factory=lambda: ["script", "style", "pre", "figure"])
    ignored_classes: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent

    def styles(self) -> list[str]:
        """Every style the config names, in the order first named."""
        out: list[str] = []
        for section in self.sections:
            names = [*section.based_on, *(k.split(".")[0] for k in section.settings)]
            for name in names:
                if name and name.lower() not in (o.lower() for o in out):
                    out.append(name)
        return out


def discover(start: Path) -> Path | None:
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in INI_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def read(path: Path) -> ValeIni:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeConfigError(path, f"cannot read the Vale config: {exc}") from None
    parser = configparser.RawConfigParser(
        strict=False, interpolation=None, comment_prefixes=("#", ";"), inline_comment_prefixes=None
    )
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(f"[{GLOBAL}]\n" + text, source=str(path))
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        raise ValeConfigError(
            path, f"not a valid INI file: {exc.message}", line - 1 if line else None
        ) from None
    ini = ValeIni(path.resolve())
    for key, value in parser.items(GLOBAL):
        lowered = key.lower()
        if lowered == "stylespath":
            ini.styles_path = (ini.root / value.strip().strip('"')).resolve()
        elif lowered == "minalertlevel":
            ini.min_level = value.strip().lower()
        elif lowered == "vocab":
            ini.vocab = _list(value)
        elif lowered == "packages":
            ini.packages = _list(value)
        elif lowered == "ignoredscopes":
            ini.ignored_scopes = _list(value)
        elif lowered == "skippedscopes":
            ini.skipped_scopes = _list(value)
        elif lowered == "ignoredclasses":
            ini.ignored_classes = _list(value)
    for name in parser.sections():
        if name == GLOBAL:
            continue
        if name.lower() == "formats":
            ini.formats = {k.lower(): v.strip().lower() for k, v in parser.items(name)}
            continue
        section = Section(name)
        for key, value in parser.items(name):
            lowered = key.lower()
            if lowered == "basedonstyles":
                section.based_on = _list(value)
            elif lowered in ("blockignores", "ignorepatterns"):
                section.block_ignores = _list(value)
            elif lowered == "tokenignores":
                section.token_ignores = _list(value)
            elif lowered not in SECTION_KEYS:
                section.settings[key] = value.strip()
        ini.sections.append(section)
    return ini


def _list(value: str) -> list[str]:
    """A comma-separated value (a comma inside ``{m,n}`` or ``[...]`` does not split)."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in value:
        if char in "{[":
            depth += 1
        elif char in "}]" and depth:
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def glob_regex(glob: str) -> Any:
    """A Vale section glob as a regex: ``*`` and ``**`` match any characters, ``{a,b}``
    alternatives, ``[!x]`` negated classes; a leading ``!`` negates the whole glob."""
    negate = glob.startswith("!")
    body = glob[1:] if negate else glob
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "*":
            while i + 1 < len(body) and body[i + 1] == "*":
                i += 1
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "{":
            close = body.find("}", i)
            if close < 0:
                out.append(re.escape(char))
            else:
                options = body[i + 1 : close].split(",")
                out.append("(?:" + "|".join(_glob_part(o) for o in options) + ")")
                i = close
        elif char == "[":
            close = body.find("]", i)
            if close < 0:
                out.append(re.escape(char))
            else:
                inner = body[i + 1 : close]
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner}]")
                i = close
        else:
            out.append(re.escape(char))
        i += 1
    pattern = "".join(out)
    if negate:
        pattern = f"(?!(?:{pattern})$).*"
    return re.compile(pattern, re.DOTALL)


def _glob_part(text: str) -> str:
    return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)
