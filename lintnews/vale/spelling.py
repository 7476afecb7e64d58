"""``spelling``: Hunspell ``.dic``/``.aff`` dictionaries read by spylls (Hunspell in Python).

The default dictionary is the en_US one that ships inside spylls' wheel (from the
LibreOffice/SCOWL word lists; see the README for its licence). ``dicpath`` and
``dictionaries`` name others, as in Vale; ``filters`` and ``ignore`` files skip words.
Dictionaries are loaded once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import spec
from .checks import Alert, Check, Vocab
from .view import Unit, View

_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?")
#: What Vale's spelling check skips by default: words with digits, ALLCAPS, camelCase,
#: and words with a dot inside (file names, domains).
_SKIP = re.compile(r"(?:.*\d.*|[A-Z]+s?|.*[a-z][A-Z].*|.*\..*)")


def available() -> bool:
    try:
        import spylls.hunspell  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=8)
def dictionary(path: str) -> Any:
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(path)


def default_dictionary_path() -> str:
    import spylls.hunspell

    return str(Path(spylls.hunspell.__file__).parent / "data" / "en" / "en_US")


class Spelling(Check):
    rule: spec.Spelling

    def __init__(self, rule: spec.Spelling, vocab: Vocab) -> None:
        super().__init__(rule, vocab)
        if not available():
            raise ValueError("spelling rules need spylls: pip install 'lintnews[spelling]'")
        paths = []
        if rule.dicpath and rule.dictionaries:
            paths = [str(Path(rule.dicpath) / name) for name in rule.dictionaries]
        if not paths or rule.append:
            paths.insert(0, default_dictionary_path()) if not rule.custom or not paths else None
        self.paths = tuple(paths)
        self.filters = [re.compile(f) for f in rule.filters]
        self.ignored: set[str] = set()
        for name in rule.ignore:
            file = Path(rule.dicpath or ".") / name
            if file.is_file():
                self.ignored.update(
                    w.strip() for w in file.read_text(encoding="utf-8").split("\n") if w.strip()
                )

    def known(self, word: str) -> bool:
        if word in self.ignored or _SKIP.fullmatch(word):
            return True
        if any(f.search(word) for f in self.filters):
            return True
        return any(dictionary(path).lookup(word) for path in self.paths)

    def run(self, view: View, units: Iterable[Unit], budget: Any) -> Iterator[Alert]:
        for unit in units:
            for found in _WORD.finditer(unit.text):
                word = found.group(0).strip("'’.-")
                start = found.start() + found.group(0).find(word)
                if not word or self.excepted(word, budget) or self.known(word):
                    continue
                yield Alert(unit, start, start + len(word), (word,))
