"""Nothing from a draft or a file name reaches a terminal or a log raw, and every format
stays valid for names that are not UTF-8."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .kit import VAGUE

# Colour, a window title (OSC 0), a hyperlink (OSC 8), clear-screen and a carriage return
# that would hide what came before it.
HOSTILE = "\x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\r"
LINTNEWS_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _run(*args: str, cwd: Path) -> tuple[int, bytes, bytes]:
    exe = Path(sys.executable).parent / "lintnews"
    base = ["check", "--isolated", "--no-cache", "--select", VAGUE]
    done = subprocess.run(
        [str(exe), *base, *args], cwd=cwd, capture_output=True, timeout=120, env=dict(os.environ)
    )
    assert b"Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


@pytest.mark.parametrize("color", ["never", "always"])
def test_escape_sequences_in_drafts_and_names_are_shown_escaped(tmp_path, color):
    name = "evil\x1b]0;title\x07.md"
    (tmp_path / name).write_text(f"We recently {HOSTILE} met.\n", encoding="utf-8")
    for fmt in ("text", "github"):
        code, out, err = _run("--color", color, "--format", fmt, name, cwd=tmp_path)
        assert code == 1
        text = out.decode("utf-8")
        painted = LINTNEWS_SGR.sub("", text) if color == "always" and fmt == "text" else text
        assert _raw_controls(painted) == [], text
        assert "evil\\x1b]0;title\\x07.md" in text  # the name, visibly escaped
        if fmt == "text":
            assert "\\x1b[31mred\\x1b[0m" in text  # the code frame (a lone CR ends its line)


def test_a_newline_in_a_file_name_cannot_forge_an_output_line(tmp_path):
    name = "a.md\n::error file=forged.md,line=1::forged\nb.md"
    (tmp_path / name).write_text("We recently met.\n", encoding="utf-8")
    code, out, _ = _run("--format", "github", name, cwd=tmp_path)
    lines = out.decode("utf-8").splitlines()
    assert code == 1 and len(lines) == 2  # one annotation, one summary line
    assert lines[0].startswith("::warning file=a.md%0A%3A%3Aerror file=forged.md%2Cline=1")
    code, out, _ = _run("--format", "text", "--quiet", name, cwd=tmp_path)
    assert out.decode("utf-8").splitlines() == [
        "a.md\\n::error file=forged.md,line=1::forged\\nb.md:1:4: dates.vague-time [warning] "
        "'recently' is vague: say when it happened (a date or a day), or cut it."
    ]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_file_names_that_are_not_utf8_are_shown_losslessly_in_every_format(tmp_path):
    raw = b"caf\xe9 \xff.md"
    name = os.fsdecode(raw)
    (tmp_path / name).write_bytes(b"We recently met.\n")
    outputs = {}
    for fmt in ("json", "sarif", "gitlab", "junit", "text", "github"):
        code, out, err = _run("--format", fmt, name, cwd=tmp_path)
        assert code == 1, (fmt, err)
        outputs[fmt] = out.decode("utf-8")  # valid UTF-8 (raises otherwise)
    (finding,) = json.loads(outputs["json"])
    assert os.fsencode(finding["path"]) == raw  # lossless: the same bytes come back
    sarif = json.loads(outputs["sarif"])
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "caf%E9%20%FF.md"
    (issue,) = json.loads(outputs["gitlab"])
    assert os.fsencode(issue["location"]["path"]) == raw
    ET.fromstring(outputs["junit"])  # well-formed
    assert "caf\\xe9 \\xff.md:1:4" in outputs["text"]
    assert "file=caf\\xe9 \\xff.md" in outputs["github"]
