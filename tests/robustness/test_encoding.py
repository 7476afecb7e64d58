"""Bytes that are not UTF-8, UTF-16 with a byte-order mark, and files with NUL bytes."""

from __future__ import annotations

import codecs

import pytest

from .kit import VAGUE, assert_witness, check, check_json, only, witness


def _write(tmp_path, name: str, data: bytes) -> None:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)


@pytest.mark.parametrize(
    ("data", "line", "column", "reason"),
    [
        # the column counts characters: "Café " is five, so the bad byte is the sixth
        (
            "Title\nSecond line\nCafé \xff bad\n".encode().replace(b"\xc3\xbf", b"\xff"),
            3,
            6,
            "invalid start byte",
        ),
        (b"One\r\nTwo\r\n\x80 after CRLF\r\n", 3, 1, "invalid start byte"),
        (b"One\rTwo\rx\x80 after CR\r", 3, 2, "invalid start byte"),
        (b"Ends in half a character \xe2\x82", 1, 26, "unexpected end of data"),
        (b"Latin-1 r\xe9sum\xe9, recently\n", 1, 10, "invalid continuation byte"),
    ],
    ids=["after-multibyte", "crlf", "cr", "truncated", "latin-1"],
)
def test_invalid_utf8_points_at_the_first_bad_byte(tmp_path, data, line, column, reason):
    _write(tmp_path, "broken.md", data)
    witness(tmp_path / "docs")
    result = check_json("docs")
    finding = only(result, "docs/broken.md", "file.encoding")
    assert (finding["line"], finding["column"]) == (line, column)
    assert finding["severity"] == "error"
    assert reason in finding["message"] and "UTF-8" in finding["message"]
    assert result.findings("docs/broken.md", VAGUE) == []  # undecodable text is not guessed at
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1
    assert check("--fail-on", "error", "docs/broken.md").exit_code == 1
    assert check("--fail-on", "error", "docs/witness.md").exit_code == 0


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded_and_linted(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    _write(tmp_path, "wide.md", bom + "# Héadline\r\n\r\nWe recently met.\r\n".encode(codec))
    witness(tmp_path / "docs")
    result = check_json("docs")  # found by walking: the NUL bytes of UTF-16 do not make it binary
    finding = only(result, "docs/wide.md", VAGUE)
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 4, 12)
    assert [f for f in result.json() if f["rule"].startswith("file.")] == []
    assert_witness(result, "docs/witness.md")
    assert result.exit_code == 1


def test_utf8_bom_is_not_a_column(tmp_path):
    _write(tmp_path, "bom.md", codecs.BOM_UTF8 + b"We recently met.\n")
    result = check_json("docs/bom.md")
    assert (only(result, "docs/bom.md", VAGUE)["column"]) == 4


def test_utf16_bom_with_broken_body_is_an_encoding_error(tmp_path):
    _write(
        tmp_path, "odd.md", codecs.BOM_UTF16_LE + "We recently met.".encode("utf-16-le") + b"\x00"
    )
    witness(tmp_path / "docs")
    result = check_json("docs")
    finding = only(result, "docs/odd.md", "file.encoding")
    assert "UTF-16" in finding["message"]
    assert_witness(result, "docs/witness.md")
    assert check("--fail-on", "error", "docs/odd.md").exit_code == 1


def test_nul_bytes_found_by_walking_are_skipped_with_a_note(tmp_path):
    _write(tmp_path, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR recently")
    witness(tmp_path / "docs")
    result = check_json("docs")
    assert result.findings("docs/image.md") == []
    assert_witness(result, "docs/witness.md")
    text = check("--fail-on", "error", "docs")
    assert "skipped docs/image.md: the file contains NUL bytes" in text.stdout
    assert (
        text.exit_code == 0
    )  # a note, not an error: the witness's warning is below the fail level


def test_nul_bytes_in_a_named_file_are_an_error(tmp_path):
    _write(tmp_path, "image.md", b"GIF89a\x00\x01 recently")
    witness(tmp_path / "docs")
    result = check_json("docs/image.md", "docs/witness.md")
    finding = only(result, "docs/image.md", "file.binary")
    assert (finding["line"], finding["column"], finding["severity"]) == (1, 1, "error")
    assert "NUL" in finding["message"]
    assert_witness(result, "docs/witness.md")
    assert check("--fail-on", "error", "docs/image.md", "docs/witness.md").exit_code == 1


def test_invalid_bytes_on_stdin(tmp_path):
    from typer.testing import CliRunner

    from lintnews.cli import app

    args = [
        "check",
        "--isolated",
        "--no-cache",
        "--format",
        "json",
        "--select",
        VAGUE,
        "--stdin-filename",
        "in.md",
        "-",
    ]
    result = CliRunner().invoke(app, args, input=b"ok\n\xc0\xaf", catch_exceptions=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert '"rule": "file.encoding"' in result.stdout and '"line": 2' in result.stdout
