"""``check --show-settings`` and ``check --show-files``: what a run would use, as text.

Pure functions of the loaded settings, rules and targets (the CLI prints them), so a user can
answer "which config did it read?" and "why was this file not linted?" without a debugger.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .document import DATE_KEYS
from .files.discover import Skipped, Target


def settings_report(settings: Any, rules: Sequence[Any], rule_folders: Sequence[str]) -> str:
    """The config file, the file selection and every rule that will run (severity, options)."""
    source = str(settings.path) if settings.path else "none (built-in defaults)"
    lines = [
        f"config file: {source}",
        f"root: {settings.root}",
        f"fail-on: {settings.fail_on}",
        f"extensions: {', '.join(settings.extensions)}",
        f"include: {_listed(settings.include)}",
        f"exclude: {_listed(settings.exclude)}",
        f"respect-gitignore: {str(settings.respect_gitignore).lower()}",
        f"rules folders: {_listed(rule_folders)}",
        f"unsuppressible: {_listed(settings.unsuppressible)}",
        f"date-keys: {_listed(settings.date_keys or DATE_KEYS)}",
        f"regex-timeout: {settings.regex_timeout} s",
        f"max-file-size: {settings.max_file_size:,} bytes",
    ]
    if settings.per_file_ignores:
        lines.append("per-file-ignores:")
        lines += [f"  {glob}: {', '.join(ids)}" for glob, ids in settings.per_file_ignores.items()]
    lines.append(f"rules ({len(rules)} on):")
    width = max((len(rule.id) for rule in rules), default=0)
    for rule in sorted(rules, key=lambda r: r.id):
        options = ""
        if rule.options:
            options = "  " + ", ".join(
                f"{key}={_option(value, key in rule.user_options)}"
                for key, value in sorted(rule.options.items())
            )
        lines.append(f"  {rule.id:<{width}}  {rule.severity.value:<7}{options}".rstrip())
    return "\n".join(lines) + "\n"


def _option(value: Any, set_by_user: bool) -> str:
    """An option's value; built-in word lists by their length (they would drown the listing)."""
    if isinstance(value, (list, dict)) and not set_by_user:
        return f"<{len(value)} built-in>"
    return json.dumps(value, ensure_ascii=False)


def _listed(values: Sequence[Any]) -> str:
    return ", ".join(str(value) for value in values) if values else "(none)"


def files_report(items: Sequence[Target | Skipped]) -> str:
    """One line per path: ``lint PATH`` or ``skip PATH: why`` (ruff's --show-files, plus
    the reason, which is what people ask)."""
    lines = []
    for item in items:
        if isinstance(item, Target):
            lines.append(f"lint  {item.display}")
        else:
            lines.append(f"skip  {item.display}: {item.reason}")
    return "\n".join(lines) + ("\n" if lines else "")
