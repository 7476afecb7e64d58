"""The compiled-regex cache rebuilds patterns that behave exactly like re.compile's."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from lintnews import recache


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(recache, "_entries", None)
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


@pytest.mark.skipif(recache.cache_file() is None, reason="the cache is only used on CPython 3.11+")
@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_rebuilt_patterns_match_like_re_compile(fresh_cache, source, flags):
    expected = re.compile(source, flags)
    recache.compile(source, flags)  # first use: compiled normally, then stored
    recache.save()
    assert recache.cache_file().is_file()
    recache._entries = None  # a new process: read the file back
    rebuilt = recache.compile(source, flags)
    assert (source, int(flags)) in recache._entries
    assert [m.span() for m in rebuilt.finditer(TEXT)] == [m.span() for m in expected.finditer(TEXT)]
    assert [m.groupdict() for m in rebuilt.finditer(TEXT)] == [
        m.groupdict() for m in expected.finditer(TEXT)
    ]
    assert rebuilt.flags == expected.flags and rebuilt.groupindex == expected.groupindex


@pytest.mark.skipif(recache.cache_file() is None, reason="the cache is only used on CPython 3.11+")
def test_a_damaged_cache_file_falls_back_to_re_compile(fresh_cache):
    path = recache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not marshal data")
    pattern = recache.compile(r"\bsaid\b", re.IGNORECASE)
    assert pattern.search("She SAID so").span() == (4, 8)


def test_disabled_cache_writes_nothing(fresh_cache, monkeypatch):
    monkeypatch.setattr(recache, "_enabled", False)
    recache.compile(r"\bsays\b")
    recache.save()
    assert not list(fresh_cache.rglob("regex-*"))


@pytest.mark.skipif(recache.cache_file() is None, reason="the cache is only used on CPython 3.11+")
def test_a_rewrite_runs_once_and_the_entry_is_keyed_by_the_original_source(fresh_cache):
    calls = []

    def rewrite(source: str, flags: int) -> str:
        calls.append(source)
        return f"(?=[sS])(?:{source})"

    first = recache.compile(r"says|said", re.IGNORECASE, rewrite=rewrite)
    recache.save()
    recache._entries = None
    again = recache.compile(r"says|said", re.IGNORECASE, rewrite=rewrite)
    assert calls == [r"says|said"]  # the second process read the entry, not the rewrite
    assert again.pattern == first.pattern == r"(?=[sS])(?:says|said)"
    assert [m.span() for m in again.finditer("He SAID, she says")] == [(3, 7), (13, 17)]


@pytest.mark.skipif(recache.cache_file() is None, reason="the cache is only used on CPython 3.11+")
def test_an_entry_rewritten_by_other_code_is_made_again(fresh_cache, monkeypatch):
    recache.compile(r"says", 0, rewrite=lambda s, f: f"(?=s)(?:{s})")
    monkeypatch.setattr(recache, "_rewrite_stamp", lambda: "edited-code")
    again = recache.compile(r"says", 0, rewrite=lambda s, f: f"(?=[sS])(?:{s})")
    assert again.pattern == "(?=[sS])(?:says)"


@pytest.mark.skipif(recache.cache_file() is None, reason="the cache is only used on CPython 3.11+")
def test_a_full_cache_keeps_only_what_this_run_used(fresh_cache, monkeypatch):
    monkeypatch.setattr(recache, "MAX_ENTRIES", 3)
    monkeypatch.setattr(recache, "_used", set())
    for word in ("alpha", "beta", "gamma", "delta"):
        recache.compile(word)
    recache.save()
    recache._entries, recache._used = None, set()
    recache.compile("epsilon")  # a later run that uses one old pattern and one new one
    recache.compile("alpha")
    recache._dirty = True
    recache.save()
    recache._entries = None
    assert set(recache._load()) == {("alpha", 0), ("epsilon", 0)}


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
