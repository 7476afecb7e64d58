"""The Python API: lint text, files and folders from code, the way ``lintnews check`` does.

    import lintnews

    findings = lintnews.lint_text("Experts say prices fell 40%.", path="draft.md")
    for finding in lintnews.lint_paths(["content/"]):
        print(finding.path, finding.line, finding.rule, finding.message)

    linter = lintnews.Linter(lintnews.Config(select=["claims"]))  # build once, reuse
    linter.lint_text(text, path="posts/a.md")

A :class:`Finding` holds exactly the keys ``check --format json`` prints. The command line is
built on this module: ``check`` resolves its flags into a :class:`Config`, builds a
:class:`Linter` and formats what :meth:`Linter.results` yields, so the two cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .files.discover import Skipped, Target, iter_targets

if TYPE_CHECKING:
    from .model import Finding as RawFinding
    from .ruleset.packs import RuleSet
    from .run.config import Settings
    from .run.runner import FileResult
    from .run.runner import Linter as Engine

__all__ = ["Config", "Finding", "Linter", "lint_paths", "lint_text"]


@dataclass(frozen=True)
class Finding:
    """One problem in one file: the fields of ``lintnews check --format json``.

    Lines and columns count from 1; ``end_column`` is exclusive. ``fix``, when set, is
    ``{"start": [line, column], "end": [line, column], "replacement": str}``.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str  # "error", "warning" or "info"
    message: str
    fix: dict[str, Any] | None = None

    @classmethod
    def from_raw(cls, raw: RawFinding) -> Finding:
        data = raw.to_json()
        return cls(**{name: data[name] for name in _FIELDS})

    def to_json(self) -> dict[str, Any]:
        """The same dict ``check --format json`` prints for this finding."""
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = tuple(Finding.__dataclass_fields__)


@dataclass(frozen=True)
class Config:
    """The choices ``lintnews check`` takes as flags; every field defaults to the CLI's default.

    ``file`` names a config file (``--config``); ``isolated`` ignores every config file
    (``--isolated``); otherwise one is discovered upward from ``start`` (default: the working
    folder), as the CLI does. ``select`` replaces the config's selection; ``extend_select``
    and ``ignore`` add to it. ``cache=False`` is ``--no-cache``: no result cache and no
    compiled-rule cache (for the whole process).
    """

    file: str | os.PathLike[str] | None = None
    isolated: bool = False
    start: str | os.PathLike[str] | None = None
    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fail_on: str | None = None
    inline_suppressions: bool = True
    cache: bool = True
    #: A Vale project's ``.vale.ini`` (default: one found upward from ``start``, unless
    #: ``isolated``); ``min_alert_level`` overrides its MinAlertLevel.
    vale_config: str | os.PathLike[str] | None = None
    min_alert_level: str | None = None
    #: A house rule file that cannot be used is a problem of the run (default: a finding).
    strict: bool = False
    #: Read named paths whose symbolic links lead out of the project root (file.outside-root).
    follow_symlinks_outside: bool = False


#: What the functions accept as ``config``: a :class:`Config`, a config file's path, or None
#: (discover one from the working folder, like ``lintnews check``).
ConfigLike = Union[Config, str, "os.PathLike[str]", None]


class Linter:
    """Rules loaded, validated and compiled once; lint as many texts and files as you like.

    Raises ``lintnews.run.config.ConfigError`` or ``lintnews.ruleset.rulefile.RuleFileError`` (their
    message names the file, line and key) when the config or a house rule is wrong, or
    ``lintnews.problems.Problems`` (each in ``.problems``) when there are several.
    """

    def __init__(self, config: ConfigLike = None) -> None:
        self.config = _as_config(config)
        if not self.config.cache:
            from .ruleset import recache

            recache.disable()
        from .problems import Collector, Problems, flatten, partial_of
        from .ruleset.packs import load_rules
        from .ruleset.rulefile import RuleFileError
        from .run.config import ConfigError

        # Each stage goes on with what the one before could build, so a run names every
        # config and rule-file problem at once (``Problems``), not one per run.
        found = Collector()
        settings: Settings | None = None
        try:
            settings = settings_for(self.config)
        except (Problems, ConfigError) as exc:
            found.problems.extend(flatten(exc))
            settings = partial_of(exc)
            if settings is None:
                raise
        from .run.config import missing_rule_folders

        ruleset: RuleSet | None = None
        missing = missing_rule_folders(settings)  # named with the config's file and line
        found.problems.extend(missing)
        folders = [folder for folder in settings.rules if folder.is_dir()]
        try:
            ruleset = load_rules(folders, use_cache=self.config.cache, strict=self.config.strict)
        except (Problems, RuleFileError) as exc:
            found.problems.extend(flatten(exc))
            ruleset = partial_of(exc)
        house_errors_at = len(found.problems)
        if ruleset is not None and settings.vale_ini is not None:
            from .vale.project import with_project

            with found.step(RuleFileError):  # a Vale project: its styles run beside the packs
                ruleset = with_project(
                    ruleset, settings.vale_ini, self.config.strict, self.config.min_alert_level
                )
        if ruleset is not None:
            with found.step(ConfigError):
                self.engine: Engine = build_engine(
                    settings, ruleset, self.config.inline_suppressions
                )
        if found.problems and ruleset is not None:
            # The run stops anyway: name the unusable house rule files among its problems
            # (otherwise each is a finding on its file and the other rules run).
            found.problems[house_errors_at:house_errors_at] = list(ruleset.errors)
        found.raise_if_any()
        assert ruleset is not None
        self.settings: Settings = settings
        self.ruleset: RuleSet = ruleset

    def lint_text(self, text: str, path: str = "draft.md") -> list[Finding]:
        """Lint ``text`` as if it were the file ``path`` (its extension picks the parser, and
        the config's per-file ignores apply to it)."""
        result = self.engine.lint_text(path, text)
        return findings_of(result)

    def lint_paths(
        self, paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = 1
    ) -> Iterator[Finding]:
        """Findings in the files and folders ``paths``, chosen as ``lintnews check`` chooses
        them (extensions, excludes, ``.gitignore``), file by file in path order.

        ``jobs`` > 1 lints in that many processes (``None``: one per core)."""
        for result in self.results([os.fspath(p) for p in paths], jobs=jobs):
            yield from findings_of(result)

    def results(
        self, paths: Sequence[str], *, jobs: int | None = 1, cache: bool | None = None
    ) -> Iterator[FileResult]:
        """Per-file results, in path order, including notes on skipped files and suppressed
        findings: what the command line formats. ``cache`` defaults to the config's."""
        return self.lint_targets(self.targets(paths), jobs=jobs, cache=cache)

    def lint_targets(
        self, items: Sequence[Target | Skipped], *, jobs: int | None = 1, cache: bool | None = None
    ) -> Iterator[FileResult]:
        """Per-file results for targets chosen by :meth:`targets`, in their order."""
        from .run.runner import lint_targets

        store = None
        if self.config.cache if cache is None else cache:
            from .run.cache import ResultCache, cache_folder

            settings = self.settings
            folder = cache_folder(settings.path, setting=settings.cache_dir)
            store = ResultCache(folder, self.fingerprint)
        return lint_targets(items, self.engine, jobs, store)

    def targets(
        self, paths: Sequence[str], *, force_exclude: bool = False, explain: bool = False
    ) -> list[Target | Skipped]:
        """The files ``paths`` name, as ``lintnews check`` selects them, sorted by path.
        ``force_exclude`` applies the walk's skips to named files too; ``explain`` keeps a
        quiet Skipped entry for everything passed over (``--show-files``)."""
        return collect_targets(self.settings, paths, force_exclude, explain)

    @property
    def fingerprint(self) -> str:
        """Changes whenever results could change for the same bytes (rules, options, code)."""
        return self.engine.fingerprint(self.ruleset.digest)


def lint_text(text: str, path: str = "draft.md", config: ConfigLike = None) -> list[Finding]:
    """Lint one text. Builds a :class:`Linter` per call: reuse one for many texts."""
    return Linter(config).lint_text(text, path)


def lint_paths(
    paths: Iterable[str | os.PathLike[str]], config: ConfigLike = None
) -> Iterator[Finding]:
    """Yield the findings in files and folders, as ``lintnews check --format json`` lists them."""
    return Linter(config).lint_paths(paths)


# -- the pieces the CLI shares ----------------------------------------------------------------
def _as_config(config: ConfigLike) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, os.PathLike)):
        return Config(file=config)
    raise TypeError(f"config must be a lintnews.Config, a path or None, not {type(config)!r}")


def settings_for(config: Config) -> Settings:
    """Load (or discover) the config file and apply the selection of ``config``."""
    from .run.config import ConfigError, discover, load

    if config.file is not None and config.isolated:
        raise ValueError("a config file and isolated=True cannot be used together")
    if config.isolated:
        settings = load(None)
    elif config.file is not None:
        path = Path(config.file)
        if not path.is_file():
            raise ConfigError("no such config file; check the --config path", path)
        settings = load(path)
    else:
        settings = load(discover(Path(config.start) if config.start else Path.cwd()))
    if config.vale_config is not None:
        settings.vale_ini = Path(config.vale_config)
    elif not config.isolated:
        from .vale.ini import discover as discover_vale

        settings.vale_ini = discover_vale(Path(config.start) if config.start else Path.cwd())
    _apply_selection(settings, config.select, config.extend_select, config.ignore)
    settings.follow_symlinks_outside = config.follow_symlinks_outside
    if config.fail_on is not None:
        if config.fail_on not in ("error", "warning", "info"):
            raise ValueError(f"fail_on must be error, warning or info (got {config.fail_on!r})")
        settings.fail_on = config.fail_on
    return settings


def _apply_selection(
    settings: Settings,
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
) -> None:
    """select replaces the file's select; extend_select and ignore add to the file's."""
    if select:
        settings.select = list(select)
        settings.flags["select"] = list(select)
    if extend_select:
        settings.extend_select = [*settings.extend_select, *extend_select]
        settings.flags["extend-select"] = list(extend_select)
    if ignore:
        settings.ignore = [*settings.ignore, *ignore]
        settings.flags["ignore"] = list(ignore)


def build_engine(settings: Settings, ruleset: RuleSet, inline: bool = True) -> Engine:
    """Validate the config against the rules, then choose and configure the rules to run."""
    import difflib

    from .meta import META_RULES
    from .problems import Collector
    from .ruleset.selection import choose, matches
    from .run.config import ConfigError, line_of, validate_against_rules
    from .run.runner import Linter as Engine

    found = Collector()
    aliases = [alias for rule in ruleset.rules for alias in rule.aliases]
    with found.step(ConfigError):
        validate_against_rules(settings, ruleset.ids, aliases, list(META_RULES))
    for pattern, values in settings.options.items():
        # A pack or glob sets an option on the rules that have it; it must name at least one.
        matched = [rule for rule in ruleset.rules if matches(pattern, rule.id, rule.aliases)]
        for key, value in values.items():
            declaring = [rule for rule in matched if key in rule.options]
            if not declaring:
                names = sorted({name for rule in matched for name in rule.options})
                close = difflib.get_close_matches(key, names, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                owner = (
                    f"rule {matched[0].id}"
                    if len(matched) == 1
                    else f"no rule matching '{pattern}'"
                )
                verb = "has no" if len(matched) == 1 else "has an"
                found.add(
                    ConfigError(
                        f"{owner} {verb} option '{key}'{hint} (options: {', '.join(names) or 'none'})",
                        settings.path,
                        line_of(settings, "options", pattern, key),
                        f"options.{pattern}.{key}",
                    )
                )
            for rule in declaring:
                default = rule.options[key]
                if default is not None and not _same_kind(default, value):
                    found.add(
                        ConfigError(
                            f"'{key}' should be a {type(default).__name__}, like the default {default!r}",
                            settings.path,
                            line_of(settings, "options", pattern, key),
                            f"options.{pattern}.{key}",
                        )
                    )
                    break  # one message per option, however many rules declare it
    found.raise_if_any()
    rules = choose(
        ruleset.rules,
        settings.select,
        settings.extend_select,
        [*settings.ignore, *settings.extend_ignore],
        settings.severity,
        settings.options,
    )
    return Engine(rules, settings, tuple(ruleset.ids) + tuple(aliases) + tuple(META_RULES), inline)


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def walk(
    settings: Settings, paths: Sequence[str], force_exclude: bool = False, explain: bool = False
) -> Iterator[Target | Skipped]:
    """The files and skips under ``paths`` as the config selects them, streamed in walk
    order (``collect_targets`` sorts and de-duplicates them; an audit streams them)."""
    return iter_targets(
        paths,
        settings.extensions,
        settings.exclude,
        settings.include,
        settings.root,
        settings.respect_gitignore,
        force_exclude=force_exclude,
        explain=explain,
        follow_outside=settings.follow_symlinks_outside,
    )


def collect_targets(
    settings: Settings, paths: Sequence[str], force_exclude: bool = False, explain: bool = False
) -> list[Target | Skipped]:
    """The CLI's file selection: walk ``paths``, one entry per displayed path, sorted."""
    chosen: dict[str, Target | Skipped] = {}
    for item in walk(settings, paths, force_exclude, explain):
        if isinstance(item, Skipped) and item.quiet and not explain:
            continue
        earlier = chosen.get(item.display)
        # Named on the command line beats found by walking (a binary or a symlink named
        # directly is reported or linted, not skipped with a note).
        if earlier is None or (isinstance(item, Target) and item.named and not _named(earlier)):
            chosen[item.display] = item
        elif isinstance(item, Skipped) and item.error and not _named(earlier):
            chosen[item.display] = item
    return sorted(chosen.values(), key=lambda item: item.display)


def _named(item: Target | Skipped) -> bool:
    return item.named if isinstance(item, Target) else item.error


def findings_of(result: FileResult) -> list[Finding]:
    """What `check` reports for one file: its unsuppressed findings, in order."""
    from .model import Finding as RawFinding

    active = sorted(result.active, key=RawFinding.sort_key)
    return [Finding.from_raw(f) for f in active]
