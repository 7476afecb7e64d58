"""A rule file that cannot be used, named with its file, line and key.

The one error of lintnews' own rule files, their lexicons and Vale's rule files, and the one
way a YAML problem becomes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class RuleFileError(Exception):
    """A rule file that cannot be used; the message names the file, line and key."""

    def __init__(
        self, path: Path | str, message: str, line: int | None = None, key: str | None = None
    ) -> None:
        self.path = str(path)
        self.line = line
        self.key = key
        self.detail = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {key + ': ' if key else ''}{message}")


def load_yaml(text: str, path: Path, go_escapes: bool = False) -> Any:
    """A rule file or lexicon through the bounded safe loader; errors name file and line.

    With ``go_escapes`` (Vale's rule files), text PyYAML refuses is read again the way Go's
    YAML reader reads it, which accepts ``\\'`` inside a double-quoted string."""
    import yaml

    from ..yamlload import YamlLimitError

    try:
        return _bounded(text, path)
    except yaml.YAMLError as exc:
        if go_escapes and "\\'" in text and not isinstance(exc, YamlLimitError):
            try:
                return _bounded(text.replace("\\'", "'"), path)
            except yaml.YAMLError:
                pass
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        if isinstance(exc, YamlLimitError) and exc.index:
            line = exc.line + 1
        raise RuleFileError(
            path, f"not valid YAML: {getattr(exc, 'problem', None) or exc}", line
        ) from None


def _bounded(text: str, path: Path) -> Any:
    from ..yamlload import load  # the one bounded loader (size, alias expansion)

    loaded = load(text)
    if loaded.problems:
        problem = loaded.problems[0]
        raise RuleFileError(path, f"not valid YAML: {problem.message}", problem.line + 1)
    return loaded.data
