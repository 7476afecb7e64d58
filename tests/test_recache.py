"""The guard cache keeps only pattern text, and only text of the shape ``guarded`` makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from lintnews.ruleset import recache
from lintnews.ruleset.prefix import guarded


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_used", set())
    monkeypatch.setattr(recache, "_dirty", False)
    monkeypatch.setattr(recache, "_enabled", True)
    return tmp_path


PATTERNS = [
    (
        r"(?<![\w])(?:(?:studies|research)\s+(?:show|shows)|according\s+to\s+reports)(?![\w])",
        re.IGNORECASE,
    ),
    (r"(?P<q>most|all)\s+(?P<noun>people|voters)\b", re.IGNORECASE),
    (r"(?-i:[A-Z]{2,})\s+(?P<n>\d+(?:\.\d+)?)%", 0),
    (r"(?m:^\s*[A-Z][A-Z .'-]+,\s+(?:Jan|Feb)\w*\s+\d{1,2})", 0),
]
TEXT = "Studies show that MOST people agree. ABC 12.5% rise.\nHARBOR CITY, Jan 4 — According to reports, all voters left."


def _new_process() -> None:
    recache.save()
    recache._entries = None


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_cached_guards_match_like_the_pattern_itself(fresh_cache, source, flags):
    expected = re.compile(source, flags)
    recache.compile(source, flags, rewrite=guarded)
    _new_process()
    rebuilt = recache.compile(source, flags, rewrite=guarded)
    assert f"{int(flags)}:{source}" in recache._entries
    assert [m.span() for m in rebuilt.finditer(TEXT)] == [m.span() for m in expected.finditer(TEXT)]
    assert [m.groupdict() for m in rebuilt.finditer(TEXT)] == [
        m.groupdict() for m in expected.finditer(TEXT)
    ]


def test_the_file_is_json_text(fresh_cache):
    recache.compile(r"says|said", re.IGNORECASE, rewrite=guarded)
    recache.save()
    data = json.loads(recache.cache_file().read_text(encoding="utf-8"))
    assert data == {
        "format": 1,
        "guards": {f"{int(re.IGNORECASE)}:says|said": "(?=[Ss])(?:says|said)"},
    }


@pytest.mark.parametrize(
    "planted",
    [
        "(a+)+$",  # not built on the source at all: a catastrophic pattern
        "(?:(a+)+$)|(?:says)",  # the source at the end, something else before it
        "(?=[s]))(?:says)",  # a look-ahead that is not one character class
        "(?=(?:x|(a+)+))(?:says)",
    ],
)
def test_an_entry_of_another_shape_is_ignored_and_made_again(fresh_cache, planted):
    path = recache.cache_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "guards": {"0:says": planted}}), encoding="utf-8")
    pattern = recache.compile("says", 0, rewrite=guarded)
    assert pattern.pattern == guarded("says", 0)
    recache.save()
    assert json.loads(path.read_text())["guards"]["0:says"] == guarded("says", 0)


@pytest.mark.parametrize("content", [b"not json", b"\x80\x04K\x01.", b"[1, 2]", b'{"format": 1}'])
def test_a_damaged_cache_file_falls_back_to_the_rewrite(fresh_cache, content):
    path = recache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    pattern = recache.compile(r"\bsaid\b", re.IGNORECASE, rewrite=guarded)
    assert pattern.search("She SAID so").span() == (4, 8)


def test_disabled_cache_writes_nothing(fresh_cache, monkeypatch):
    monkeypatch.setattr(recache, "_enabled", False)
    recache.compile(r"\bsays\b", 0, rewrite=guarded)
    recache.save()
    assert not list(fresh_cache.rglob("*.json"))


def test_a_rewrite_runs_once_and_the_entry_is_keyed_by_the_original_source(fresh_cache):
    calls = []

    def rewrite(source: str, flags: int) -> str:
        calls.append(source)
        return f"(?=[sS])(?:{source})"

    first = recache.compile(r"says|said", re.IGNORECASE, rewrite=rewrite)
    _new_process()
    again = recache.compile(r"says|said", re.IGNORECASE, rewrite=rewrite)
    assert calls == [r"says|said"]  # the second process read the entry, not the rewrite
    assert again.pattern == first.pattern == r"(?=[sS])(?:says|said)"
    assert [m.span() for m in again.finditer("He SAID, she says")] == [(3, 7), (13, 17)]


def test_a_full_cache_keeps_only_what_this_run_used(fresh_cache, monkeypatch):
    monkeypatch.setattr(recache, "MAX_ENTRIES", 3)
    for word in ("alpha", "beta", "gamma", "delta"):
        recache.compile(word, 0, rewrite=guarded)
    _new_process()
    recache._used = set()
    recache.compile("epsilon", 0, rewrite=guarded)  # a later run: one old pattern, one new
    recache.compile("alpha", 0, rewrite=guarded)
    _new_process()
    assert set(recache._load()) == {"0:alpha", "0:epsilon"}


def test_files_of_older_versions_are_removed(fresh_cache):
    folder = recache.cache_file().parent
    folder.mkdir(parents=True)
    (folder / "regex-v3-cpython-311-x.marshal").write_bytes(b"\xe3")
    (folder / "guards-0000000000000000.json").write_text("{}")
    recache.compile("says", 0, rewrite=guarded)
    recache.save()
    assert sorted(p.name for p in folder.iterdir()) == [recache.cache_file().name]


def test_built_in_patterns_are_the_same_text_in_every_process():
    """Term order may not depend on set iteration (hash seeds), or the cache would miss and
    grow on every run."""
    script = (
        "from lintnews.nlp.words import longest_first;"
        "print('|'.join(longest_first(['said', 'says', 'told', 'noted', 'added', 'wrote', 'asked'])))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert outputs == {"added|asked|noted|wrote|said|says|told\n"}
