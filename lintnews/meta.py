"""Findings about the run itself (unreadable files, slow patterns, suppression comments).

These have ids like rules so they can be selected, ignored and documented, but they are
produced by the engine and the file reader, not by rule packs. Their packs (``file``,
``rule``, ``lintnews``) are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity


@dataclass(frozen=True)
class MetaRule:
    id: str
    severity: Severity
    summary: str
    description: str

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]


META_RULES: dict[str, MetaRule] = {
    rule.id: rule
    for rule in (
        MetaRule(
            "file.encoding",
            Severity.ERROR,
            "The file is not valid UTF-8 (or UTF-16 with a byte-order mark).",
            "lintnews reads drafts as UTF-8. The finding points at the first byte that is not valid "
            "UTF-8; re-save the file as UTF-8 in your editor.",
        ),
        MetaRule(
            "file.binary",
            Severity.ERROR,
            "The file contains NUL bytes and looks binary.",
            "A file named on the command line that contains NUL bytes is reported and skipped. Files "
            "found by walking a folder are skipped with a note instead.",
        ),
        MetaRule(
            "file.front-matter",
            Severity.ERROR,
            "The front matter cannot be parsed.",
            "YAML (---) or TOML (+++) front matter with a syntax error, front matter that is not a "
            "mapping, or a fence that is never closed. The body is still linted.",
        ),
        MetaRule(
            "file.unreadable",
            Severity.ERROR,
            "The file could not be read.",
            "The file vanished, is not readable (permission denied) or is not a regular file.",
        ),
        MetaRule(
            "file.outside-root",
            Severity.WARNING,
            "A named path leads out of the project through a symbolic link and was not read.",
            "A path named on the command line (as pre-commit and CI pass changed files) whose real "
            "location, after following symbolic links, is outside the project root (the config "
            "file's folder, or the working folder) is not read, so a link added to a pull request "
            "cannot print another file into a public log. Pass --follow-symlinks-outside to read "
            "it anyway.",
        ),
        MetaRule(
            "file.not-writable",
            Severity.WARNING,
            "--fix left a file alone because it has no write permission.",
            "lintnews replaces a fixed file atomically, which only needs permission on its folder; "
            "a file without write permission is meant to stay as it is, so its fixes are not "
            "applied. Make it writable to fix it.",
        ),
        MetaRule(
            "file.too-large",
            Severity.WARNING,
            "The file is larger than the configured limit and was not linted.",
            "Set max-file-size in the config to lint larger files.",
        ),
        MetaRule(
            "rule.timeout",
            Severity.ERROR,
            "A rule's patterns took longer than the time limit on this file.",
            "A pattern that backtracks catastrophically is stopped by the regex timeout "
            "(regex-timeout in the config, seconds per rule per file). The rule is skipped for this "
            "file and the run goes on. Simplify the pattern: avoid nested quantifiers like (a|aa)+.",
        ),
        MetaRule(
            "rule.crash",
            Severity.ERROR,
            "A rule failed on this file.",
            "A check raised an unexpected error. The rule is skipped for this file and the run goes "
            "on. Please report it with the file that triggers it.",
        ),
        MetaRule(
            "rule.invalid",
            Severity.ERROR,
            "A house rule file cannot be used.",
            "A rule file listed under 'rules' (or in a Vale StylesPath) is not valid YAML, names an "
            "unknown extension point or key, or has a pattern that does not compile. The finding "
            "names the file, line and key; the other rules still run (--strict stops instead).",
        ),
        MetaRule(
            "lintnews.unknown-rule",
            Severity.WARNING,
            "A suppression comment names a rule that does not exist.",
            "A lintnews-disable comment names an id, pack or pattern that matches no rule, so it "
            "silences nothing. Fix the id (see `lintnews rules`).",
        ),
    )
}
