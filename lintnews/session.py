"""One ``lintnews check`` run: paths → results → filters → formatter → exit code.

Results stream file by file; only counters are kept for the summary, so memory does not
grow with the number of files.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .api import Linter
from .files.discover import Target
from .grammar import count
from .meta import META_RULES
from .model import Finding, Severity
from .report.formatters import RuleInfo, Run, Summary
from .report.formatters import get as get_formatter
from .run.runner import FileResult

PROGRESS_MIN_FILES = 200


@dataclass
class CheckOptions:
    paths: list[str]
    output_format: str = "text"
    quiet: bool = False
    statistics: bool = False
    color: bool = False
    show_suppressed: bool = False
    jobs: int | None = None
    use_cache: bool = True
    fix: bool = False
    #: Print what --fix would change as a unified diff; write nothing, report no findings.
    diff: bool = False
    baseline: Path | None = None
    diff_base: str | None = None
    stdin_filename: str | None = None
    progress: str = "auto"
    force_exclude: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)


def rule_infos(ruleset: Any) -> dict[str, RuleInfo]:
    infos = {
        rule.id: RuleInfo(
            rule.id, rule.severity.value, rule.summary, rule.description, rule.link, rule.fixable
        )
        for rule in ruleset.rules
    }
    for meta in META_RULES.values():
        infos[meta.id] = RuleInfo(meta.id, meta.severity.value, meta.summary, meta.description)
    return infos


def results_for(
    linter: Linter, options: CheckOptions, texts: dict[str, str] | None = None
) -> Iterator[tuple[FileResult, Target | None]]:
    """Lint what the options name (files, folders or stdin), one file at a time.

    stdin cannot be read twice: its decoded text is kept in ``texts`` (for --fix and --diff).
    """
    if options.paths == ["-"]:
        from .files.decode import Decoded, decode

        display = options.stdin_filename or "-"
        data = sys.stdin.buffer.read()
        decoded = decode(data)
        if texts is not None and isinstance(decoded, Decoded):
            texts[display] = decoded.text
        yield linter.engine.lint_bytes(display, data, named=True), None
        return
    items = linter.targets(options.paths, force_exclude=options.force_exclude)
    stream = linter.lint_targets(
        items, jobs=options.jobs, cache=options.use_cache and not options.fix
    )
    stream = _with_progress(stream, len(items), options)
    # Drive the stream to its end (not zip(items, stream), which stops one step early and
    # so never let lint_targets save the result cache).
    for index, result in enumerate(stream):
        item = items[index]
        yield result, item if isinstance(item, Target) else None


def _with_progress(
    stream: Iterator[FileResult], total: int, options: CheckOptions
) -> Iterator[FileResult]:
    wanted = options.progress == "always" or (
        options.progress == "auto" and total >= PROGRESS_MIN_FILES and options.stderr.isatty()
    )
    if not wanted:
        yield from stream
        return
    if not options.stderr.isatty():
        yield from _plain_progress(stream, total, options.stderr)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(file=options.stderr)
    with Progress(
        TextColumn("linting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("lint", total=total)
        for result in stream:
            bar.advance(task)
            yield result


PLAIN_PROGRESS_STEPS = 10


def _plain_progress(stream: Iterator[FileResult], total: int, err: TextIO) -> Iterator[FileResult]:
    """``--progress always`` in a CI log: a bar redrawn with carriage returns would be one
    unreadable line, so print a plain line at every tenth of the run, and at its end."""
    step = max(1, -(-total // PLAIN_PROGRESS_STEPS))
    done = 0
    for result in stream:
        done += 1
        if done % step == 0 or done == total:
            err.write(f"lintnews: linted {done} of {count(total, 'file')}\n")
            err.flush()
        yield result


def run_check(linter: Linter, options: CheckOptions) -> int:
    from .report.baseline import Baseline, BaselineError
    from .report.diffbase import ChangedLines, DiffBaseError

    baseline = changed = None
    try:
        if options.baseline is not None:
            baseline = Baseline.load(options.baseline)
        if options.diff_base is not None:
            changed = ChangedLines.since(options.diff_base)
    except (BaselineError, DiffBaseError) as exc:
        options.stderr.write(f"lintnews: error: {exc}\n")
        return 2
    formatter = get_formatter(options.output_format)
    run = Run(
        rules=rule_infos(linter.ruleset),
        color=options.color,
        quiet=options.quiet,
        show_source=options.output_format == "text",
        show_suppressed=options.show_suppressed,
        version=__version__,
    )
    summary = Summary()
    threshold = Severity.parse(linter.settings.fail_on).rank
    failed = False
    stdin = options.paths == ["-"]
    texts: dict[str, str] = {}
    # --fix and --diff work on the bytes each file was linted from: read once, and never a
    # newer version than the findings describe.
    linter.engine.keep_source = options.fix or options.diff
    if options.diff:
        return _print_diffs(linter, options, texts)
    # `--fix -` prints the fixed text on stdout (as ruff does, for editors); the report of
    # what is left goes to stderr.
    out = options.stderr if options.fix and stdin else options.stdout
    out.write(formatter.header(run))
    for note in linter.ruleset.notes:
        options.stderr.write(f"lintnews: note: {note}\n")
    broken = rule_file_findings(linter.ruleset)
    if broken:  # house rule files that cannot be used: reported, and the rest still ran
        summary.add(broken)
        failed = failed or any(f.severity.rank >= threshold for f in broken)
        out.write(formatter.file(broken, run))
    for result, target in results_for(linter, options, texts):
        if result.note is not None and not result.findings:
            summary.skipped.append((result.display, result.note))
            continue
        summary.files += 1
        if options.fix and target is not None:
            result = _fix(linter, target, result, summary, options)
        elif options.fix and stdin:
            result = _fix_stdin(linter, result, texts, summary, options)
        findings = result.findings
        suppressed = [f for f in findings if f.suppressed_by is not None]
        active = [f for f in findings if f.suppressed_by is None]
        summary.suppressed += len(suppressed)
        if changed is not None:
            active, outside = changed.filter(result.display, active)
            summary.outside_diff += outside
        if baseline is not None:
            active, hidden = baseline.filter(active)
            summary.baselined += hidden
        summary.add(active)
        failed = failed or any(f.severity.rank >= threshold for f in active)
        shown = sorted(
            active + (suppressed if options.show_suppressed else []), key=Finding.sort_key
        )
        # -q --statistics: only the counts (flake8's --quiet --statistics; ruff prints
        # statistics instead of the findings).
        counts_only = options.statistics and options.quiet and options.output_format == "text"
        if shown and not counts_only:
            out.write(formatter.file(shown, run))
    out.write(formatter.footer(summary, run))
    if options.statistics:
        stream = out if options.output_format == "text" else options.stderr
        stream.write(statistics_table(summary))
    return 1 if failed else 0


def rule_file_findings(ruleset: Any) -> list[Finding]:
    """House rule files that could not be used, as findings on those files."""
    from .ruleset.engine import meta_finding

    out = []
    for error in ruleset.errors:
        detail = f"{error.key}: {error.detail}" if error.key else error.detail
        out.append(
            meta_finding(
                error.path,
                "rule.invalid",
                f"this rule file cannot be used and was skipped: {detail}",
                line=error.line or 1,
            )
        )
    return sorted(out, key=Finding.sort_key)


def statistics_table(summary: Summary) -> str:
    if not summary.by_rule:
        return "No findings.\n"
    width = max(len(rule) for rule in summary.by_rule)
    lines = [
        f"{count:>6}  {rule:<{width}}"
        for rule, count in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "\n".join(lines) + "\n"


def _fixable(result: FileResult) -> bool:
    return any(f.fix is not None and f.suppressed_by is None for f in result.findings)


def _fixed_text(linter: Linter, display: str, text: str, result: FileResult) -> tuple[str, int]:
    """The text with every safe fix applied (in memory; nothing is written)."""
    from .files.fix import fix_passes

    return fix_passes(
        text, result.findings, lambda fixed: linter.engine.lint_text(display, fixed).findings
    )


def _fix(
    linter: Linter, target: Target, result: FileResult, summary: Summary, options: CheckOptions
) -> FileResult:
    """Fix in memory the exact bytes that were linted, then write once through the safe
    write (which refuses if the file changed meanwhile)."""
    from .files.decode import content_digest
    from .files.fix import FixSkipped, write_fixed

    original, text = result.source, result.text
    if not _fixable(result) or original is None or text is None:
        return result
    new_text, applied = _fixed_text(linter, result.display, text, result)
    if not applied:
        return result
    try:
        data = write_fixed(target.path, content_digest(original), new_text, result.encoding)
    except FixSkipped as exc:
        if exc.rule is None:
            _not_fixed(target, str(exc), options)
            return result
        from .ruleset.engine import meta_finding

        result.findings.append(meta_finding(target.display, exc.rule, str(exc)))
        return result
    except OSError as exc:
        _not_fixed(target, f"cannot write it ({exc.strerror or exc}); not fixed", options)
        return result
    summary.fixed += applied
    # Lint what was written, not the file again: someone may have changed it since.
    fixed = linter.engine.lint_bytes(target.display, data, target.named)
    fixed.digest = content_digest(data)
    return fixed


def _not_fixed(target: Target, why: str, options: CheckOptions) -> None:
    from .escape import terminal

    options.stderr.write(f"lintnews: {terminal(target.display)}: {why}\n")


def _fix_stdin(
    linter: Linter,
    result: FileResult,
    texts: dict[str, str],
    summary: Summary,
    options: CheckOptions,
) -> FileResult:
    """``--fix -``: the fixed text goes to stdout (unchanged text when nothing applies)."""
    text = texts.get(result.display)
    if text is None:  # not decodable text: nothing to fix, nothing to echo
        return result
    new_text, applied = _fixed_text(linter, result.display, text, result)
    options.stdout.write(new_text)
    if not applied:
        return result
    summary.fixed += applied
    return linter.engine.lint_text(result.display, new_text)


def _print_diffs(linter: Linter, options: CheckOptions, texts: dict[str, str]) -> int:
    """``--diff``: print the unified diff --fix would apply, write nothing; exit 1 when there
    is something to fix (as ruff --diff does), 0 otherwise. The count goes to stderr."""
    from .files.fix import unified_diff

    fixes = files = 0
    for result, _target in results_for(linter, options, texts):
        text = result.text  # what was linted (stdin included): the diff is against it
        if not _fixable(result) or text is None:
            continue
        new_text, applied = _fixed_text(linter, result.display, text, result)
        if applied:
            options.stdout.write(unified_diff(result.display, text, new_text))
            fixes, files = fixes + applied, files + 1
    options.stderr.write(
        f"lintnews: {count(fixes, 'fix')} would be applied in {count(files, 'file')}; run with --fix to apply.\n"
        if fixes
        else "lintnews: nothing to fix.\n"
    )
    return 1 if fixes else 0
