"""``lintnews server``: a Language Server Protocol server over stdio, for editors.

Built on pygls (with lsprotocol's types). ``engine`` is the only module that talks to the
linter; ``convert`` maps findings to diagnostics, ``actions`` and ``hover`` answer the
editor's requests, and ``app`` wires them to the protocol.
"""

from __future__ import annotations


def main() -> None:
    from .app import server

    server.start_io()
