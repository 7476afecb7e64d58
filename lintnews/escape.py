"""Escaping for each family of output, so nothing from a draft or a file name is injected.

* ``terminal``: text that a terminal or a CI log shows (``--format text``, ``github``,
  messages on stderr). Control characters (escape sequences, carriage returns, newlines),
  bidirectional overrides and undecodable file-name bytes are written visibly (``\\x1b``,
  ``\\n``, ``\\u202e``, ``\\xff``), as git and ruff quote names: a draft cannot recolour the
  output, retitle the window, hide text or forge an output line. Colour comes only from
  lintnews, added after escaping.
* ``json_dumps``: JSON that is valid UTF-8 and loses nothing. File names that are not UTF-8
  reach Python as lone surrogates (``surrogateescape``); they are written as ``\\udcXX``
  escapes, which ``json.loads`` turns back into the same string and ``os.fsencode`` into the
  original bytes.
* ``uri_path``: a path for a URI (SARIF's ``artifactLocation.uri``): the file name's real
  bytes, percent-encoded.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates
# ("Trojan source"), and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(value: str) -> str:
    """``value`` with every control character shown as an escape (for text and logs)."""
    return _UNSAFE.sub(_visible, value) if _UNSAFE.search(value) else value


def json_dumps(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` that stays valid UTF-8 for any string."""
    text = json.dumps(value, ensure_ascii=False, **options)
    # Lone surrogates only occur inside JSON strings, where a \\u escape means the same.
    return (
        _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _has_surrogate(text) else text
    )


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def path_bytes(path: str) -> bytes:
    """The bytes of a file name as the operating system has them."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte explains
        return path.encode("utf-8", "surrogatepass")


def uri_path(path: str, safe: str = "/") -> str:
    """``path`` percent-encoded byte by byte for a URI."""
    return quote(path_bytes(path), safe=safe)
