"""Bytes to text, with a precise report when the bytes are not text we can lint."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    kind: str  # "encoding" or "binary"
    message: str
    line: int = 1
    column: int = 1


def content_digest(data: bytes) -> str:
    """The digest that names a file's bytes: the cache key, and the check before a fix is written."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def decode(data: bytes) -> Decoded | DecodeProblem:
    """Decode a file's bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM are text."""
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8) :], "utf-8-sig", skipped=len(codecs.BOM_UTF8))
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError as exc:
                return DecodeProblem(
                    "encoding",
                    f"the file starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                    f"({exc.reason}); re-save it as UTF-8",
                )
    if b"\x00" in data:
        return DecodeProblem(
            "binary", "the file contains NUL bytes, so it looks binary; not linted"
        )
    return _utf8(data, "utf-8", skipped=0)


def _utf8(data: bytes, name: str, skipped: int) -> Decoded | DecodeProblem:
    try:
        return Decoded(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        line, column = _position_of_byte(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        return DecodeProblem(
            "encoding",
            f"byte 0x{bad} at offset {exc.start + skipped} is not valid UTF-8 ({exc.reason}); "
            "re-save the file as UTF-8",
            line,
            column,
        )


def _position_of_byte(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of the byte at ``index``."""
    prefix = data[:index]
    line_start = max(prefix.rfind(b"\n"), prefix.rfind(b"\r")) + 1
    line = prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1
    column = len(prefix[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column


def encode(text: str, encoding: str) -> bytes:
    """Inverse of ``decode`` for a successful decode (used by ``--fix``)."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode("utf-8")
