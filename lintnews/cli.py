"""The command line: wiring and exit codes only.

Exit codes: 0 no findings at or above the fail level, 1 findings at or above it, 2 usage,
config or rule-file errors (the message names the file, line and key; never a traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__

app = typer.Typer(
    name="lintnews",
    help="Lint news and blog drafts: unsupported claims, tense, image credits, disclosures and dates.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's boxes label every flag "<bool>", as if it took a value
)


# -- options more than one command takes: declared once, so help and metavars stay in step --
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="FILE", help="Use this config file instead of discovering one."
    ),
]
IsolatedOption = Annotated[
    bool, typer.Option("--isolated", help="Ignore every config file (only the built-in packs).")
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="ID",
        help="Only these rules (ids, packs or globs; comma list or repeated).",
    ),
]
ExtendSelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-select", metavar="ID", help="Turn these rules on too (comma list or repeated)."
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="ID", help="Turn these rules off (comma list or repeated)."),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes (default: the number of cores).",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Use no cache: neither results nor compiled rules (both in ~/.cache/lintnews).",
    ),
]


class UsageProblem(Exception):
    """Reported on stderr with exit code 2."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lintnews {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Lint news and blog drafts before they go out."""


# -- set-up shared by the commands -------------------------------------------------------------
def _config(
    config: Path | None,
    isolated: bool,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    **choices: Any,
) -> Any:
    """The flags every command shares, as the API's Config (one code path for both)."""
    from .api import Config

    if config is not None and isolated:
        raise UsageProblem("--config and --isolated cannot be used together")
    return Config(
        file=config,
        isolated=isolated,
        select=_split(select) or None,
        extend_select=tuple(_split(extend_select)),
        ignore=tuple(_split(ignore)),
        **choices,
    )


def _split(values: list[str] | None) -> list[str]:
    """Repeated flags and comma lists (``--select claims,dates``), as ruff and flake8 take."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _linter(config: Any) -> Any:
    from .api import Linter

    return Linter(config)


def _fail(message: str) -> None:
    from .escape import terminal

    shown = "\n".join(terminal(line) for line in message.split("\n"))  # no forged lines
    typer.echo(f"lintnews: error: {shown}", err=True)
    raise typer.Exit(2)


def _guard(function: Any) -> Any:
    """Turn config, rule-file and usage errors into exit code 2 with a clear message."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .problems import Problems
        from .ruleset.rulefile import RuleFileError
        from .run.config import ConfigError
        from .vale.ini import ValeConfigError

        try:
            return function(*args, **kwargs)
        except Problems as exc:  # every config and rule-file problem of the run, one a line
            for problem in exc.problems:
                typer.echo(f"lintnews: error: {problem}", err=True)
            raise typer.Exit(2) from None
        except (ConfigError, RuleFileError, UsageProblem, ValeConfigError) as exc:
            _fail(str(exc))
        except BrokenPipeError:
            os._exit(1)  # the reader went away (lintnews … | head); nothing more to say
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: say so briefly, keep the traceback for LINTNEWS_DEBUG
            if os.environ.get("LINTNEWS_DEBUG"):
                raise
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (set LINTNEWS_DEBUG=1 for details and please report it)"
            )

    return wrapper


def _use_color(choice: str, stream: Any) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


# -- check --------------------------------------------------------------------------------------
@app.command()
@_guard
def check(
    paths: list[str] = typer.Argument(
        None,
        metavar="PATH",
        help="Files and folders to lint (default: the current folder). '-' reads stdin.",
    ),
    output_format: str = typer.Option(
        "text",
        "--format",
        "-f",
        metavar="FORMAT",
        help="text, json, github, sarif, junit, gitlab, vale (Vale's JSON) or vale-line.",
    ),
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    select: SelectOption = None,
    extend_select: ExtendSelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        metavar="LEVEL",
        help="Exit 1 on findings at or above: error, warning or info.",
    ),
    stdin_filename: str | None = typer.Option(
        None,
        "--stdin-filename",
        metavar="PATH",
        help="The name of the input read from stdin: shown in findings, and it picks the parser "
        "(.txt is plain text; default Markdown) and the per-file settings (per-file-ignores).",
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Only the findings: no code frames, no summary."
    ),
    statistics: bool = typer.Option(
        False,
        "--statistics",
        help="Print the number of findings per rule (to stdout in text format; with -q only the counts).",
    ),
    exit_zero: bool = typer.Option(
        False,
        "--exit-zero",
        help="Exit 0 even when findings are reported (config and usage errors still exit 2).",
    ),
    force_exclude: bool = typer.Option(
        False,
        "--force-exclude",
        help="Skip files named on the command line as walking would (exclude, .gitignore, "
        "hidden and generator folders, README…): for pre-commit, which names every file.",
    ),
    show_settings: bool = typer.Option(
        False,
        "--show-settings",
        help="Print the config file used, the file selection and every rule that would run "
        "(severity, options), then exit.",
    ),
    show_files: bool = typer.Option(
        False,
        "--show-files",
        help="Print each file that would be linted, and each one skipped with the reason, then exit.",
    ),
    output_file: Path | None = typer.Option(
        None,
        "--output-file",
        "-o",
        metavar="FILE",
        help="Write the report to FILE instead of stdout.",
    ),
    color: str = typer.Option(
        "auto",
        "--color",
        metavar="WHEN",
        help="auto (only on a terminal, honours NO_COLOR), always or never.",
    ),
    show_suppressed: bool = typer.Option(
        False, "--show-suppressed", help="Also list findings silenced by comments, and by which."
    ),
    no_inline_suppressions: bool = typer.Option(
        False, "--no-inline-suppressions", help="Ignore every lintnews-disable comment (for CI)."
    ),
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    fix: bool = typer.Option(
        False,
        "--fix",
        help="Apply safe fixes in place, then report what is left. With '-' (stdin) the fixed "
        "text goes to stdout and the report to stderr.",
    ),
    diff: bool = typer.Option(
        False,
        "--diff",
        help="Print the changes --fix would make as a unified diff, and write nothing "
        "(exit 1 when there is something to fix).",
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", metavar="FILE", help="Hide findings recorded in this baseline file."
    ),
    diff_base: str | None = typer.Option(
        None,
        "--diff-base",
        metavar="REF",
        help="Only report findings on lines changed since this git ref.",
    ),
    progress: str = typer.Option(
        "auto",
        "--progress",
        metavar="WHEN",
        help="auto (a bar on a terminal for long runs), always (a plain line in logs) or never.",
    ),
    vale_config: Path | None = typer.Option(
        None,
        "--vale-config",
        metavar="FILE",
        help="Use this .vale.ini instead of the one found beside or above the working folder.",
    ),
    min_alert_level: str | None = typer.Option(
        None,
        "--min-alert-level",
        metavar="LEVEL",
        help="Vale rules: show alerts at or above suggestion, warning or error (overrides MinAlertLevel).",
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help="A house rule file that cannot be used stops the run (exit 2) instead of being reported.",
    ),
    follow_symlinks_outside: bool = typer.Option(
        False,
        "--follow-symlinks-outside",
        help="Read named paths whose symbolic links lead outside the project root.",
    ),
) -> None:
    """Lint drafts and report findings as path:line:col."""
    from .session import CheckOptions, run_check

    if fail_on is not None and fail_on not in ("error", "warning", "info"):
        raise UsageProblem(f"--fail-on must be error, warning or info (got {fail_on!r})")
    from .report.formatters import FORMATS

    if output_format not in FORMATS:
        raise UsageProblem(f"--format must be one of {', '.join(FORMATS)} (got {output_format!r})")
    if color not in ("auto", "always", "never"):
        raise UsageProblem(f"--color must be auto, always or never (got {color!r})")
    paths = list(paths or ["."])
    if "-" in paths and len(paths) > 1:
        raise UsageProblem("'-' (stdin) cannot be combined with other paths")
    if fix and diff:
        raise UsageProblem("--fix and --diff cannot be used together (--diff only shows the fixes)")
    if progress not in ("auto", "always", "never"):
        raise UsageProblem(f"--progress must be auto, always or never (got {progress!r})")
    if min_alert_level not in (None, "suggestion", "warning", "error"):
        raise UsageProblem(
            f"--min-alert-level must be suggestion, warning or error (got {min_alert_level!r})"
        )
    if vale_config is not None and not vale_config.is_file():
        raise UsageProblem(f"--vale-config: no such file: {vale_config}")
    linter = _linter(
        _config(
            config,
            isolated,
            select,
            extend_select,
            ignore,
            fail_on=fail_on,
            inline_suppressions=not no_inline_suppressions,
            cache=not no_cache,
            vale_config=vale_config,
            min_alert_level=min_alert_level,
            strict=strict,
            follow_symlinks_outside=follow_symlinks_outside,
        )
    )
    if show_settings or show_files:
        from . import showing

        with _report_stream(output_file) as stdout:
            if show_settings:
                engine = linter.engine
                stdout.write(
                    showing.settings_report(linter.settings, engine.rules, linter.ruleset.folders)
                )
            if show_files:
                if paths == ["-"]:
                    raise UsageProblem("--show-files lists files on disk; '-' (stdin) has none")
                items = linter.targets(paths, force_exclude=force_exclude, explain=True)
                stdout.write(showing.files_report(items))
        raise typer.Exit(0)
    with _report_stream(output_file) as stdout:
        options = CheckOptions(
            paths=paths,
            output_format=output_format,
            quiet=quiet,
            statistics=statistics,
            color=_use_color(color, stdout),
            show_suppressed=show_suppressed,
            jobs=jobs,
            use_cache=not no_cache,
            fix=fix,
            diff=diff,
            baseline=baseline,
            diff_base=diff_base,
            stdin_filename=stdin_filename,
            progress=progress,
            force_exclude=force_exclude,
            stdout=stdout,
        )
        code = run_check(linter, options)
    # --exit-zero turns "findings" into success; a usage or config error (2) stays an error.
    raise typer.Exit(0 if exit_zero and code == 1 else code)


def _report_stream(output_file: Path | None) -> Any:
    """stdout, or the --output-file (its folder is created, as ruff does)."""
    import contextlib

    if output_file is None:
        return contextlib.nullcontext(sys.stdout)
    try:
        output_file.parent.mkdir(parents=True, exist_ok=True)
        return output_file.open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageProblem(
            f"cannot write the report to {output_file}: {exc.strerror or exc}"
        ) from None


# -- baseline -----------------------------------------------------------------------------------
@app.command("baseline")
@_guard
def write_baseline(
    paths: list[str] = typer.Argument(
        None, help="Files and folders to record (default: the current folder)."
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="The baseline file to write (rewritten if it exists)."
    ),
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    select: SelectOption = None,
    extend_select: ExtendSelectOption = None,
    ignore: IgnoreOption = None,
    no_inline_suppressions: bool = typer.Option(
        False, "--no-inline-suppressions", help="Also record findings silenced by comments."
    ),
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from .report.baseline import render
    from .session import CheckOptions, results_for

    paths = list(paths or ["."])
    if "-" in paths:
        raise UsageProblem("a baseline records files on disk; '-' (stdin) cannot be used here")
    # The same selection as `check` (keep the two in step: a baseline made with other rules
    # would hide nothing, or too much).
    linter = _linter(
        _config(
            config,
            isolated,
            select,
            extend_select,
            ignore,
            inline_suppressions=not no_inline_suppressions,
            cache=not no_cache,
        )
    )
    options = CheckOptions(paths=paths, jobs=jobs, use_cache=not no_cache)
    counts = {"findings": 0, "files": 0}

    def active() -> Any:
        for result, _target in results_for(linter, options):
            found = result.active
            counts["findings"] += len(found)
            counts["files"] += bool(found)
            yield from found

    text = render(active(), output)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageProblem(f"cannot write the baseline {output}: {exc.strerror or exc}") from None
    from .grammar import count

    findings, files = counts["findings"], counts["files"]
    typer.echo(
        f"lintnews: recorded {count(findings, 'finding')} in {count(files, 'file')} to {output}",
        err=True,
    )


# -- audit --------------------------------------------------------------------------------------
@app.command("audit")
@_guard
def audit(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Files and folders to audit."),
    out: Path = typer.Option(
        ..., "--out", "-o", metavar="DIR", help="Folder for the state, Parquet, JSONL and report."
    ),
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    select: SelectOption = None,
    extend_select: ExtendSelectOption = None,
    ignore: IgnoreOption = None,
    jobs: JobsOption = None,
    dask: str | None = typer.Option(
        None,
        "--dask",
        metavar="ADDRESS",
        help="Run on the Dask scheduler at ADDRESS (tcp://host:8786), or 'local' for a LocalCluster.",
    ),
    link_base: str | None = typer.Option(
        None,
        "--link-base",
        metavar="URL",
        help="Link articles in the report under URL (a repository's web view) instead of as files.",
    ),
) -> None:
    """Audit an archive: findings with each article's date, author, section and tags, as
    Parquet, JSON Lines and an HTML report. Resumes after an interruption; a re-run lints
    only the files that changed. With `--dask local`, `--jobs` is the number of workers."""
    from .audit.engines import MissingExtra
    from .audit.run import AuditOptions, run_audit
    from .audit.state import StateError

    linter_config = _config(config, isolated, select, extend_select, ignore)
    options = AuditOptions(list(paths), out, jobs=jobs, dask=dask, link_base=link_base)
    try:
        totals = run_audit(linter_config, options, sys.stderr)
    except (MissingExtra, StateError) as exc:
        raise UsageProblem(str(exc)) from None
    except KeyboardInterrupt:
        typer.echo(
            "lintnews: audit interrupted; what was finished is kept: run the same command to resume",
            err=True,
        )
        raise typer.Exit(130) from None
    note = " (rules or config changed: every file was linted again)" if totals.reset else ""
    typer.echo(
        f"lintnews: audited {totals.linted + totals.unchanged:,} files: {totals.linted:,} linted, "
        f"{totals.unchanged:,} unchanged{note}; wrote {out}/findings.parquet, findings.jsonl "
        "and report.html",
        err=True,
    )


# -- rules and rule -----------------------------------------------------------------------------
@app.command("rules")
@_guard
def list_rules(
    output_format: str = typer.Option(
        "text", "--format", "-f", help="text, markdown (the rule reference) or json."
    ),
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """List every rule: id, pack, default severity, summary, and whether it is on."""
    from . import docs

    linter = _linter(_config(config, isolated))
    ruleset = linter.ruleset
    active = {rule.id: rule for rule in linter.engine.rules}
    if output_format == "markdown":
        typer.echo(docs.reference(ruleset.rules), nl=False)
    elif output_format == "json":
        typer.echo(docs.as_json(ruleset.rules, active))
    elif output_format == "text":
        typer.echo(docs.listing(ruleset.rules, active), nl=False)
    else:
        raise UsageProblem(f"--format must be text, markdown or json (got {output_format!r})")


@app.command("rule")
@_guard
def show_rule(
    rule_id: str = typer.Argument(..., metavar="ID", help="A rule id such as claims.vague-source."),
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Show a rule's documentation: what it flags, why, and examples."""
    import difflib

    from . import docs
    from .api import settings_for
    from .meta import META_RULES
    from .ruleset.packs import load_rules

    ruleset = load_rules(settings_for(_config(config, isolated)).rules)
    rule = ruleset.get(rule_id)
    if rule is None:
        if rule_id in META_RULES:
            meta = META_RULES[rule_id]
            typer.echo(f"{meta.id} [{meta.severity.value}]\n\n{meta.summary}\n\n{meta.description}")
            return
        close = difflib.get_close_matches(rule_id, ruleset.ids, n=1)
        hint = f"; did you mean {close[0]}?" if close else "; `lintnews rules` lists them"
        raise UsageProblem(f"no rule named {rule_id!r}{hint}")
    typer.echo(docs.explain(rule), nl=False)


@app.command("test-rules")
@_guard
def test_rules(
    rule_ids: list[str] = typer.Argument(
        None, metavar="[ID]...", help="Only these rules (ids, packs or globs; default: all loaded)."
    ),
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Run the examples of every rule the config loads (built-in and house packs) and report
    those that do not behave as written; exit 1 if any."""
    from dataclasses import replace

    from .meta import META_RULES
    from .ruleset.selection import matches
    from .run.config import Settings
    from .selftest import render, run_examples

    linter = _linter(_config(config, isolated))
    rules = [
        rule
        for rule in linter.ruleset.rules
        if not rule_ids or any(matches(p, rule.id, rule.aliases) for p in _split(rule_ids))
    ]
    if rule_ids and not rules:
        raise UsageProblem(
            f"no loaded rule matches {', '.join(rule_ids)}; `lintnews rules` lists them"
        )
    # Examples are written against the rule's defaults: the config's options and per-file
    # settings do not apply, only its pattern time limit.
    settings = replace(Settings(), regex_timeout=linter.settings.regex_timeout)
    known = tuple(linter.ruleset.ids) + tuple(META_RULES)
    report = run_examples(rules, settings, known)
    for line in render(report):
        typer.echo(line, nl=False)
    raise typer.Exit(1 if report.failures else 0)


# -- server -------------------------------------------------------------------------------------
@app.command("server")
def language_server() -> None:
    """Run the language server on stdin and stdout, for editors (see docs/editors.md)."""
    from .server import main as serve

    serve()


def main() -> None:
    app(prog_name="lintnews")


if __name__ == "__main__":
    main()
