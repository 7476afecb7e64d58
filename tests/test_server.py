"""`lintnews server` driven by a real LSP client (pytest-lsp), as an editor drives it."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

LINTNEWS = str(Path(sys.executable).parent / "lintnews")

DRAFT = """\
---
title: Desk lamps
date: 2025-03-02
---

Every remote worker knows the headache of a badly lit desk. Send an e-mail to the desk.

The Lumen Arc costs $89 at [Amazon](https://www.amazon.com/dp/B0LAMP0001?tag=deskdesk-20).

Recently, Brite added a USB-C port to the base.

*Disclosure: we earn a commission when you buy through links in this article.*
"""

# Found by discovery, as `lintnews check` finds it: its effect shows in every test.
CONFIG = '[severity]\n"dates.vague-time" = "error"\n'


def make_client() -> LanguageClient:
    """pytest-lsp's client, also recording the version each publishDiagnostics was for."""
    from pygls.protocol import default_converter
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

    client = LanguageClient(converter_factory=default_converter)
    client.versions = {}  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.versions[params.uri] = params.version  # type: ignore[attr-defined]
        client.diagnostics[params.uri] = params.diagnostics

    register_lsp_features(
        client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish}
    )
    return client


CAPABILITIES = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        code_action=types.CodeActionClientCapabilities(
            disabled_support=True,
            code_action_literal_support=types.ClientCodeActionLiteralOptions(
                code_action_kind=types.ClientCodeActionKindOptions(
                    value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
                )
            ),
        ),
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
            related_information=True, version_support=True
        ),
    )
)


@pytest.fixture(scope="session")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every server of the session caches in the session's folder, never ~/.cache."""
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path_factory.getbasetemp() / "xdg-cache")}


async def serve(folder: Path, env: dict[str, str]):
    """A server on ``folder`` (with CONFIG), initialised as an editor does; shut down after."""
    (folder / "lintnews.toml").write_text(CONFIG, encoding="utf-8")
    config = ClientServerConfig(
        server_command=[LINTNEWS, "server"], client_factory=make_client, server_env=env
    )
    client = await config.start()
    await client.initialize_session(
        types.InitializeParams(
            capabilities=CAPABILITIES,
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="drafts")],
            root_uri=folder.as_uri(),
        )
    )
    client.workspace = folder  # type: ignore[attr-defined]
    yield client
    await client.shutdown_session()  # shutdown, exit, and the process ends
    assert client._server is not None and client._server.returncode == 0
    await client.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(tmp_path_factory: pytest.TempPathFactory, server_env: dict[str, str]):
    """One server for the tests that only open drafts (each its own): starting one costs ~2 s."""
    async for client in serve(tmp_path_factory.mktemp("drafts"), server_env):
        yield client


@pytest_asyncio.fixture(loop_scope="module")
async def own_client(tmp_path: Path, server_env: dict[str, str]):
    """A server of its own, for a test that changes the workspace's config."""
    async for client in serve(tmp_path, server_env):
        yield client


async def until(client: LanguageClient, method: str, ready, seconds: float = 30) -> None:
    """Wait for ``method`` notifications until ``ready()`` holds."""

    async def wait() -> None:
        while not ready():
            await client.wait_for_notification(method)

    await asyncio.wait_for(wait(), seconds)


async def diagnostics_for(client: LanguageClient, uri: str, version: int) -> list:
    """The diagnostics the server published for ``version`` of ``uri``."""
    await until(
        client,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
        lambda: client.versions.get(uri) == version,  # type: ignore[attr-defined]
    )
    return list(client.diagnostics[uri])


def open_draft(client: LanguageClient, name: str, text: str, language: str = "markdown") -> str:
    path = client.workspace / name  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def check_json(folder: Path, name: str) -> list[dict]:
    done = subprocess.run(
        [LINTNEWS, "check", "--format", "json", name],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_range(text: str, finding: dict) -> tuple[int, int, int, int]:
    """A finding's 1-based code-point position as an LSP range in UTF-16 units."""
    lines = text.splitlines()

    def at(line: int, column: int) -> tuple[int, int]:
        return line - 1, utf16(lines[line - 1][: column - 1])

    return (
        *at(finding["line"], finding["column"]),
        *at(finding["end_line"], finding["end_column"]),
    )


def as_tuple(diag: types.Diagnostic) -> tuple[int, int, int, int]:
    r = diag.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) the way an editor does."""
    lines = text.splitlines(keepends=True)

    def offset(pos: types.Position) -> int:
        before = "".join(lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= pos.character:
                return len(before) + index
            units += utf16(char)
        return len(before) + len(line)

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
        lines = text.splitlines(keepends=True)
    return text


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_match_check_and_follow_edits(client: LanguageClient):
    uri = open_draft(client, "draft.md", DRAFT)
    found = await diagnostics_for(client, uri, 1)
    expected = check_json(client.workspace, "draft.md")  # type: ignore[attr-defined]
    assert expected, "the draft should have findings"
    assert [(d.code, d.message, as_tuple(d)) for d in found] == [
        (f["rule"], f["message"], expected_range(DRAFT, f)) for f in expected
    ]
    severities = {"error": 1, "warning": 2, "info": 3}
    assert [d.severity for d in found] == [severities[f["severity"]] for f in expected]
    assert all(d.source == "lintnews" for d in found)
    vague = next(d for d in found if d.code == "dates.vague-time")
    assert vague.severity == types.DiagnosticSeverity.Error  # from the discovered config
    assert vague.code_description.href.endswith("docs/rules.md#datesvague-time")

    # Where a finding points elsewhere (the late disclosure), the editor is told where.
    late = next(d for d in found if d.code == "disclosure.affiliate-placement")
    (related,) = late.related_information
    assert related.location.uri == uri
    assert DRAFT.splitlines()[related.location.range.start.line].startswith("*Disclosure")

    edited = DRAFT.replace("Recently, Brite", "On May 2, Brite")
    change(client, uri, 2, edited)
    after = await diagnostics_for(client, uri, 2)
    assert "dates.vague-time" not in {d.code for d in after}
    assert len(after) == len(found) - 1


@pytest.mark.asyncio(loop_scope="module")
async def test_a_burst_of_changes_is_linted_at_its_end(client: LanguageClient):
    uri = open_draft(client, "burst.md", DRAFT)
    await diagnostics_for(client, uri, 1)
    published: list[int | None] = []
    versions = client.versions  # type: ignore[attr-defined]

    class Recorder(dict):
        def __setitem__(self, key, value):
            if key == uri:
                published.append(value)
            super().__setitem__(key, value)

    client.versions = Recorder(versions)  # type: ignore[attr-defined]
    phrase = "Mayor backs the plan."
    for typed in range(1, len(phrase) + 1):  # one keystroke each
        text = DRAFT.replace("\n\nRecently", f"\n\n{phrase[:typed]} Recently", 1)
        change(client, uri, typed + 1, text)
    last = len(phrase) + 1
    final = await diagnostics_for(client, uri, last)
    assert published[-1] == last
    # Sent back to back, the keystrokes are linted a few times at most, not once each.
    assert len(published) <= (last - 1) // 2
    assert {d.code for d in final} >= {"claims.generalization", "dates.vague-time"}


@pytest.mark.asyncio(loop_scope="module")
async def test_code_actions_fix_disable_and_fix_all(client: LanguageClient):
    uri = open_draft(client, "actions.md", DRAFT)
    found = await diagnostics_for(client, uri, 1)
    email = next(d for d in found if d.code == "style.ap-preferred")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=email.range,
            context=types.CodeActionContext(diagnostics=[email]),
        )
    )
    titles = [a.title for a in actions]
    assert "Replace 'e-mail' with 'email'" in titles
    own = next(a for a in actions if a.title == "Replace 'e-mail' with 'email'")
    fixed = apply(DRAFT, own.edit.changes[uri])
    assert fixed == DRAFT.replace("e-mail", "email")

    # "Disable rule for this line" inserts the comment, and the finding goes away.
    disable = next(a for a in actions if a.title == "Disable style.ap-preferred for this line")
    silenced = apply(DRAFT, disable.edit.changes[uri])
    assert "<!-- lintnews-disable-line style.ap-preferred -->" in silenced
    change(client, uri, 2, silenced)
    after = await diagnostics_for(client, uri, 2)
    assert "style.ap-preferred" not in {d.code for d in after}
    assert len(after) == len(found) - 1

    # The fix-all action gives the text `lintnews check --fix` writes.
    change(client, uri, 3, DRAFT)
    await diagnostics_for(client, uri, 3)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    (fix_all,) = actions
    assert fix_all.title == "Fix all safe fixes in this file"
    if fix_all.edit is None:
        fix_all = await client.code_action_resolve_async(fix_all)
    all_fixed = apply(DRAFT, fix_all.edit.changes[uri])
    folder: Path = client.workspace  # type: ignore[attr-defined]
    copy = folder / "copy.md"
    copy.write_text(DRAFT, encoding="utf-8")
    subprocess.run([LINTNEWS, "check", "--fix", "copy.md"], cwd=folder, capture_output=True)
    assert all_fixed == copy.read_text(encoding="utf-8") != DRAFT


@pytest.mark.asyncio(loop_scope="module")
async def test_unsuppressible_rule_says_why_it_cannot_be_disabled(client: LanguageClient):
    uri = open_draft(client, "unsuppressible.md", DRAFT)
    found = await diagnostics_for(client, uri, 1)
    late = next(d for d in found if d.code == "disclosure.affiliate-placement")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=late.range,
            context=types.CodeActionContext(diagnostics=[late]),
        )
    )
    (disable,) = [a for a in actions if a.title.startswith("Disable disclosure.")]
    assert disable.edit is None
    assert "unsuppressible" in disable.disabled.reason


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_explains_the_rule(client: LanguageClient):
    uri = open_draft(client, "hover.md", DRAFT)
    found = await diagnostics_for(client, uri, 1)
    vague = next(d for d in found if d.code == "dates.vague-time")
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=vague.range.start
        )
    )
    text = result.contents.value
    assert text.startswith("**dates.vague-time**")
    assert "Not flagged:" in text and "```markdown" in text
    assert "docs/rules.md#datesvague-time" in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 0)
        )
    )
    assert nothing is None


@pytest.mark.asyncio(loop_scope="module")
async def test_utf16_ranges_with_emoji_and_cjk(client: LanguageClient):
    text = (
        "# 🎉 新闻 🎉\n"
        "\n"
        "東京 🚀🚀 reporters say the 👩‍👩‍👧 family sent an e-mail, and experts agree 😀 it was recently.\n"
    )
    uri = open_draft(client, "emoji.md", text)
    found = await diagnostics_for(client, uri, 1)
    expected = check_json(client.workspace, "emoji.md")  # type: ignore[attr-defined]
    assert {f["rule"] for f in expected} >= {"style.ap-preferred", "dates.vague-time"}
    assert [as_tuple(d) for d in found] == [expected_range(text, f) for f in expected]
    line = text.splitlines()[2]
    for diag in found:
        start, end = diag.range.start.character, diag.range.end.character
        covered = line.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")
        if diag.code == "style.ap-preferred":
            assert covered == "e-mail"
        if diag.code == "dates.vague-time":
            assert covered.lower() == "recently"


@pytest.mark.asyncio(loop_scope="module")
async def test_plain_text_disable_goes_on_the_line_above(client: LanguageClient):
    text = "Desk news\n\nSend an e-mail to the desk.\n"
    uri = open_draft(client, "notes.txt", text, language="plaintext")
    found = await diagnostics_for(client, uri, 1)
    email = next(d for d in found if d.code == "style.ap-preferred")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=email.range,
            context=types.CodeActionContext(diagnostics=[email]),
        )
    )
    disable = next(a for a in actions if a.title.startswith("Disable"))
    silenced = apply(text, disable.edit.changes[uri])
    assert silenced.splitlines()[2] == "lintnews-disable-next-line style.ap-preferred"
    change(client, uri, 2, silenced)
    assert "style.ap-preferred" not in {d.code for d in await diagnostics_for(client, uri, 2)}


@pytest.mark.asyncio(loop_scope="module")
async def test_config_change_relints_and_bad_config_is_reported(own_client: LanguageClient):
    client = own_client
    folder: Path = client.workspace  # type: ignore[attr-defined]
    uri = open_draft(client, "draft.md", DRAFT)
    before = await diagnostics_for(client, uri, 1)

    def vague_severity() -> types.DiagnosticSeverity | None:
        found = client.diagnostics.get(uri) or []
        return next((d.severity for d in found if d.code == "dates.vague-time"), None)

    assert vague_severity() == types.DiagnosticSeverity.Error

    config = folder / "lintnews.toml"
    config.write_text('select = "not a list"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await until(
        client,
        types.WINDOW_SHOW_MESSAGE,
        lambda: any("lintnews.toml" in m.message for m in client.messages),
    )
    await until(
        client,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
        lambda: bool(client.diagnostics.get(config.as_uri())),
    )
    (problem,) = client.diagnostics[config.as_uri()]
    assert problem.range.start.line == 0 and "select" in problem.message

    config.write_text("", encoding="utf-8")  # the defaults: dates.vague-time is a warning
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await until(
        client,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
        lambda: vague_severity() == types.DiagnosticSeverity.Warning,
    )
    assert not client.diagnostics[config.as_uri()]  # the config problem is cleared
    assert [d.code for d in client.diagnostics[uri]] == [d.code for d in before]


def frame(message: dict | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def read_frame(stream) -> dict:
    length = None
    while True:
        line = stream.readline()
        assert line, "the server closed its output"
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    assert length is not None
    return json.loads(stream.read(length))


def test_survives_malformed_requests(tmp_path: Path, server_env: dict[str, str]):
    """Below the client library, which would refuse to send such messages: raw JSON-RPC."""
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    server = subprocess.Popen(
        [LINTNEWS, "server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
        env=server_env,
    )
    assert server.stdin is not None and server.stdout is not None

    def send(message: dict | bytes) -> None:
        server.stdin.write(frame(message))
        server.stdin.flush()

    def answer(msg_id: int) -> dict:
        while True:  # skip notifications (diagnostics, messages) on the way
            message = read_frame(server.stdout)
            if message.get("id") == msg_id and "method" not in message:
                return message

    try:
        send(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {"capabilities": {}, "rootUri": tmp_path.as_uri()},
            }
        )
        assert "capabilities" in answer(1)["result"]
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        send(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": draft.as_uri(),
                        "languageId": "markdown",
                        "version": 1,
                        "text": DRAFT,
                    }
                },
            }
        )
        send(b"{this is not json")  # bytes that are not JSON at all
        # Params of the wrong shape: an error answer, not a dead server.
        send(
            {
                "jsonrpc": "2.0",
                "id": 2,
                "method": "textDocument/hover",
                "params": {"textDocument": 42, "position": "nowhere"},
            }
        )
        assert answer(2)["error"]["code"] == -32602  # invalid params
        send({"jsonrpc": "2.0", "id": 3, "method": "no/such-method", "params": {}})
        assert answer(3)["error"]["code"] == -32601  # method not found
        send(
            {
                "jsonrpc": "2.0",
                "id": 4,
                "method": "textDocument/hover",
                "params": {
                    "textDocument": {"uri": draft.as_uri()},
                    "position": {"line": 5, "character": 2},
                },
            }
        )
        assert "claims.generalization" in answer(4)["result"]["contents"]["value"]
        send({"jsonrpc": "2.0", "id": 5, "method": "shutdown"})
        assert answer(5)["result"] is None
        send({"jsonrpc": "2.0", "method": "exit"})
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
