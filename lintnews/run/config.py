"""Configuration: discovery, validation, and errors that name the file, line and key.

Looked for from the working folder upward: ``lintnews.toml``, ``.lintnews.toml``, or a
``[tool.lintnews]`` table in ``pyproject.toml`` (the first folder that has one wins).
``--config PATH`` names a file directly; ``--isolated`` ignores every config file.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAMES = ("lintnews.toml", ".lintnews.toml", "pyproject.toml")
DEFAULT_EXTENSIONS = (".md", ".markdown", ".mdx", ".txt")
LEVELS = ("error", "warning", "info", "suggestion")


class ConfigError(Exception):
    """A config problem; ``str()`` is the message shown to the user (file:line: key: …)."""

    def __init__(
        self,
        message: str,
        path: Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ):
        self.path, self.line, self.key, self.detail = path, line, key, message
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{key + ': ' if key else ''}{message}")


# A draft is rarely over 1 MB; the engine needs about 55 bytes of memory per input byte and
# the built-in rules about 10 s of CPU per MB (bench/pathological.py), so a bigger file is
# almost surely not prose and is reported as file.too-large instead of tying up CI.
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024


@dataclass
class Settings:
    """Validated settings; paths are absolute (relative ones resolve against the config's folder)."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    #: Added to ``ignore`` (kept apart so errors point at the key that names the id).
    extend_ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rules: list[Path] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=lambda: list(DEFAULT_EXTENSIONS))
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str = "warning"
    unsuppressible: list[str] = field(default_factory=lambda: ["disclosure.*"])
    regex_timeout: float = 0.5
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    respect_gitignore: bool = True
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Front-matter keys that date a draft, in the generator's order (None: the built-in list).
    date_keys: tuple[str, ...] | None = None
    #: Where the results cache lives (None: the user's cache folder, keyed by the project root).
    cache_dir: Path | None = None
    #: --follow-symlinks-outside (a flag, not a config key: a repo must not turn it on).
    follow_symlinks_outside: bool = False
    #: Ids given as command-line flags ("select": [...]), so errors blame the flag, not the file.
    flags: dict[str, list[str]] = field(default_factory=dict)
    #: A Vale project's ``.vale.ini`` found beside or above the working folder, if any.
    vale_ini: Path | None = None
    #: Where the config was found (None: defaults); relative globs resolve against ``root``.
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)


def _schema() -> Any:
    """The pydantic model of the config table (built lazily: pydantic is slow to import)."""
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    def kebab(name: str) -> str:
        return name.replace("_", "-")

    class Schema(BaseModel):
        model_config = ConfigDict(extra="forbid", alias_generator=kebab, populate_by_name=False)

        select: list[str] | None = None
        extend_select: list[str] = Field(default_factory=list)
        ignore: list[str] = Field(default_factory=list)
        extend_ignore: list[str] = Field(default_factory=list)
        severity: dict[str, Literal["error", "warning", "info", "suggestion"]] = Field(
            default_factory=dict
        )
        rules: list[str] = Field(default_factory=list)
        include: list[str] = Field(default_factory=list)
        exclude: list[str] = Field(default_factory=list)
        extensions: list[str] = Field(default_factory=lambda: list(DEFAULT_EXTENSIONS))
        per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
        fail_on: Literal["error", "warning", "info"] = "warning"
        unsuppressible: list[str] = Field(default_factory=lambda: ["disclosure.*"])
        regex_timeout: float = Field(default=0.5, gt=0, le=60)
        max_file_size: int = Field(default=DEFAULT_MAX_FILE_SIZE, gt=0)
        respect_gitignore: bool = True
        options: dict[str, dict[str, Any]] = Field(default_factory=dict)
        cache_dir: str | None = None
        date_keys: list[str] | None = Field(default=None, min_length=1)

    return Schema


KEYS = (
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "severity",
    "rules",
    "include",
    "exclude",
    "extensions",
    "per-file-ignores",
    "fail-on",
    "unsuppressible",
    "regex-timeout",
    "max-file-size",
    "respect-gitignore",
    "options",
    "cache-dir",
    "date-keys",
)


def discover(start: Path) -> Path | None:
    """The nearest config file from ``start`` upward, or None."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "lintnews" not in text:
        return False
    if re.search(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*lintnews[ \t]*[.\]]", text, re.MULTILINE):
        return True
    try:  # also `[tool]` with `lintnews = {…}`, or dotted keys `tool.lintnews.select = […]`
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return False
    return isinstance(tool, dict) and "lintnews" in tool


def load(path: Path | None) -> Settings:
    """Read and validate a config file (None: the defaults)."""
    if path is None:
        return Settings()
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config file: {exc}", path) from None
    table = _parse_toml(text, path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("lintnews", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.lintnews] must be a table", path, _line(text, "tool.lintnews"))
    return from_table(table, path, text)


def from_table(table: dict[str, Any], path: Path | None = None, text: str = "") -> Settings:
    """Validate a config table; every problem in it is reported at once (``Problems`` when
    there are several), each with its file, line and key."""
    from pydantic import ValidationError

    from ..problems import Collector

    found = Collector()
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            found.add(
                ConfigError(
                    f"unknown key{hint} Known keys: {', '.join(KEYS)}", path, _line(text, key), key
                )
            )
    known = {key: value for key, value in table.items() if key in KEYS}
    try:
        model = _schema().model_validate(known)
    except ValidationError as exc:
        bad: set[str] = set()
        for error in exc.errors():
            found.add(_validation_problem(error, path, text))
            if error["loc"]:
                bad.add(str(error["loc"][0]))
        # What is left still makes settings, so the rules can be checked for problems too.
        model = _schema().model_validate({k: v for k, v in known.items() if k not in bad})
    settings = _settings_from(model, path)
    found.problems.sort(key=lambda problem: getattr(problem, "line", None) or 0)
    found.raise_if_any(settings if found.problems else None)
    return settings


#: Enumerated values, for a did-you-mean when a config gives another.
CHOICES = {"fail-on": ("error", "warning", "info"), "severity": LEVELS}


def _validation_problem(error: Any, path: Path | None, text: str) -> ConfigError:
    location = ".".join(str(part) for part in error["loc"])
    top = str(error["loc"][0]) if error["loc"] else None
    message = error["msg"]
    if error["type"] == "literal_error":
        got = error.get("input")
        message += f" (got {got!r})"
        close = difflib.get_close_matches(str(got), CHOICES.get(top or "", ()), n=1)
        if close:
            message += f"; did you mean '{close[0]}'?"
    return ConfigError(
        message, path, _line(text, top, *error["loc"][1:]) if top else None, location
    )


def _settings_from(model: Any, path: Path | None) -> Settings:
    root = path.parent if path else Path.cwd()
    return Settings(
        select=model.select,
        extend_select=model.extend_select,
        ignore=model.ignore,
        extend_ignore=model.extend_ignore,
        severity=dict(model.severity),
        rules=[(root / folder).resolve() for folder in model.rules],
        include=model.include,
        exclude=model.exclude,
        extensions=[e if e.startswith(".") else f".{e}" for e in model.extensions],
        per_file_ignores=model.per_file_ignores,
        fail_on=model.fail_on,
        unsuppressible=model.unsuppressible,
        regex_timeout=model.regex_timeout,
        max_file_size=model.max_file_size,
        respect_gitignore=model.respect_gitignore,
        options={k: dict(v) for k, v in model.options.items()},
        date_keys=tuple(model.date_keys) if model.date_keys is not None else None,
        cache_dir=(root / model.cache_dir).resolve() if model.cache_dir else None,
        path=path,
        root=root,
    )


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(found.group(1)) if found else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(f"not valid TOML: {reason}", path, line) from None


def _line(text: str, key: str | None, *inner: Any) -> int | None:
    """The line that sets ``key`` (a top-level key or a table header), for error messages.

    ``inner`` names keys below it (``severity``, ``"dates.vague-time"``): the line of the
    deepest one found after the top-level key, whether in a table or an inline table.
    """
    if not key or not text:
        return None
    quoted = re.escape(key)
    pattern = re.compile(
        rf"""^[ \t]*(?:(?:{quoted}|"{quoted}"|'{quoted}')[ \t]*=|\[[ \t]*(?:tool\.lintnews\.)?(?:{quoted}|"{quoted}"|'{quoted}')[ \t]*[\].])""",
        re.MULTILINE,
    )
    found = pattern.search(text)
    if not found:
        return None
    offset = found.start()
    for part in inner:
        if not isinstance(part, str):
            continue  # a list index
        name = re.escape(part)
        below = re.search(
            rf"""(?:^|[{{,.])[ \t]*(?:{name}|"{name}"|'{name}')[ \t]*(?:=|[\].])""",
            text[offset:],
            re.MULTILINE,
        )
        if below is None:
            break
        offset += below.start() + (1 if text[offset + below.start()] in "{,." else 0)
    return text.count("\n", 0, offset) + 1


def line_of(settings: Settings, key: str, *inner: Any) -> int | None:
    """The line of ``key`` (and keys below it) in the settings' config file, if known."""
    if settings.path is None or not settings.path.is_file():
        return None
    try:
        text = settings.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _line(text, key, *inner)


def missing_rule_folders(settings: Settings) -> list[ConfigError]:
    """One problem per ``rules`` folder that does not exist, naming the config file and line."""
    text = _text_of(settings)
    problems = []
    for folder in settings.rules:
        if folder.is_dir():
            continue
        written = os.path.relpath(folder, settings.root)
        problems.append(
            ConfigError(
                f"the rules folder {written!r} does not exist (looked for {folder}); fix the "
                "path, relative to the config file's folder",
                settings.path,
                _line_in(text, "rules", written) if text else None,
                "rules",
            )
        )
    return problems


def _text_of(settings: Settings) -> str:
    if settings.path is None or not settings.path.is_file():
        return ""
    try:
        return settings.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def validate_against_rules(
    settings: Settings, rule_ids: list[str], aliases: list[str], meta_ids: list[str]
) -> None:
    """Every id, pack or glob in the config must name at least one rule (typo protection)."""
    from ..ruleset.selection import matches

    known = [*rule_ids, *aliases, *meta_ids]
    text = (
        settings.path.read_text(encoding="utf-8")
        if settings.path and settings.path.is_file()
        else ""
    )

    from ..problems import Collector

    found = Collector()

    def check(patterns: Any, key: str) -> None:
        for pattern in patterns:
            if not any(matches(pattern, rule_id) for rule_id in known):
                close = difflib.get_close_matches(pattern, known, n=1)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else "; see `lintnews rules` for the ids"
                )
                if pattern in settings.flags.get(key, ()):
                    found.add(
                        ConfigError(f"'{pattern}' names no rule{hint}", None, None, f"--{key}")
                    )
                else:
                    found.add(
                        ConfigError(
                            f"'{pattern}' names no rule{hint}",
                            settings.path,
                            _line_in(text, key, pattern),
                            key,
                        )
                    )

    check(settings.select or [], "select")
    check(settings.extend_select, "extend-select")
    check(settings.ignore, "ignore")
    check(settings.extend_ignore, "extend-ignore")
    check(settings.severity, "severity")
    check(settings.options, "options")
    check(settings.unsuppressible, "unsuppressible")
    for ids in settings.per_file_ignores.values():
        check(ids, "per-file-ignores")
    found.raise_if_any()


def _line_in(text: str, key: str, needle: str) -> int | None:
    """The line where ``needle`` (a rule id, pack or glob) is written under ``key``."""
    top = _line(text, key)
    start = 0 if top is None else len("".join(text.splitlines(keepends=True)[: top - 1]))
    found = re.search(rf"""["']{re.escape(needle)}["']""", text[start:])
    if found is None:
        return top
    return text.count("\n", 0, start + found.start()) + 1
