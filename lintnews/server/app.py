"""The language server: documents in, diagnostics, code actions and hovers out.

Lints run on the event loop's thread, one at a time: the engine's time limits (a regex
budget in a module global, a CPU timer signal for Python checks) work only there, and a
1,000-word draft takes about 20 ms of CPU. Messages that arrive meanwhile wait in pygls'
reader.

Changes are debounced: a draft is linted once no change to it has arrived for ``QUIET``
seconds (a burst of keystrokes, or an editor sending every character, is linted once, at
its end), and edits that arrive during a lint only mark the draft stale, so the newest
text is linted next. Opening and saving lint at once.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from .actions import FIX_ALL_KIND, Snapshot, code_actions, fix_all_edit
from .convert import diagnostic
from .engine import CONFIG_NAMES, Project, ProjectError, SourceText, open_project
from .hover import hover

log = logging.getLogger(__name__)

#: Seconds without a change before a draft is linted: shorter than the gap between two
#: keystrokes of a fast typist (~80 ms), longer than the gap between the messages of a burst.
QUIET = 0.012

#: Language ids editors give the drafts lintnews reads (other documents are left alone).
LANGUAGES = {"markdown": ".md", "mdx": ".mdx", "plaintext": ".txt", "text": ".txt"}


@dataclass
class _Draft:
    task: asyncio.Task[None] | None = None
    stale: bool = False
    changed_at: float = 0.0  # the event loop's clock at the last change
    snapshot: Snapshot | None = None


class Protocol(LanguageServerProtocol):
    """pygls, except that a request whose params do not fit is answered with an error.

    pygls only reports such a request in a message box, so the client waits for an
    answer forever; JSON-RPC wants an error response with the request's id.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" not in data or "method" not in data:
                raise
            log.warning("malformed %s request %r: %s", data["method"], data["id"], exc)
            self._send_response(data["id"], error=exc.to_response_error())
            return _ANSWERED

    def _handle_notification(self, method_name: str, params: Any) -> None:
        # pygls 2.1 files each notification's future under a fresh id in _request_futures
        # and never removes it: ~1.7 KB per keystroke. Drop each one once it is done.
        before = set(self._request_futures)
        super()._handle_notification(method_name, params)
        for key in set(self._request_futures) - before:
            self._request_futures[key].add_done_callback(partial(self._forget, key))

    def _forget(self, key: str | int, _done: object) -> None:
        self._request_futures.pop(key, None)


class _Answered:
    """What a malformed request becomes once answered: pygls skips a message of another
    JSON-RPC version."""

    jsonrpc = "answered"


_ANSWERED = _Answered()


class LintnewsServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "lintnews",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=Protocol,
        )
        self.projects: dict[Path, Project | ProjectError] = {}
        self.drafts: dict[str, _Draft] = {}
        self.reported: set[str] = set()  # config problems already shown (once each)
        self.config_diagnostics: set[str] = set()  # config files we published problems on

    # -- which project a draft belongs to ----------------------------------------------------
    def folder_for(self, path: Path) -> Path:
        """The deepest workspace folder holding ``path`` (else the draft's own folder): a
        draft is linted as ``lintnews check`` would lint it when run in that folder."""
        best: Path | None = None
        for folder in self.workspace.folders.values():
            root = to_fs_path(folder.uri)
            if root is None:
                continue
            candidate = Path(root)
            if path.is_relative_to(candidate) and (
                best is None or len(candidate.parts) > len(best.parts)
            ):
                best = candidate
        if best is None and self.workspace.root_path:
            workspace_root = Path(self.workspace.root_path)
            if path.is_relative_to(workspace_root):
                best = workspace_root
        return best or path.parent

    def project(self, folder: Path) -> Project:
        cached = self.projects.get(folder)
        if cached is None:
            try:
                cached = open_project(folder)
            except ProjectError as exc:
                cached = exc
            self.projects[folder] = cached
        if isinstance(cached, ProjectError):
            raise cached
        return cached

    # -- linting -------------------------------------------------------------------------------
    def lint_later(self, uri: str, debounce: bool = False) -> None:
        loop = asyncio.get_running_loop()
        draft = self.drafts.setdefault(uri, _Draft())
        draft.stale = True
        draft.changed_at = loop.time() if debounce else 0.0
        if draft.task is None or draft.task.done():
            draft.task = loop.create_task(self._drain(uri, draft))

    async def _drain(self, uri: str, draft: _Draft) -> None:
        loop = asyncio.get_running_loop()
        while draft.stale and uri in self.drafts:
            while (wait := draft.changed_at + QUIET - loop.time()) > 0:
                await asyncio.sleep(wait)  # a change during the wait moves the end of it
            draft.stale = False
            document = self.workspace.text_documents.get(uri)
            if document is None:
                return
            text, version = document.source, document.version
            try:
                snap, diagnostics = self._lint(uri, document.language_id, text, version)
            except ProjectError as exc:
                self._config_problem(exc)
                self._publish(uri, version, [])
                continue
            except Exception as exc:  # a bug in lintnews must cost one lint, not the server
                log.exception("lint failed for %s", uri)
                self._show(
                    types.MessageType.Error,
                    f"lintnews could not lint {uri}: {type(exc).__name__}: {exc}",
                )
                continue
            if snap is None or uri not in self.drafts:
                continue
            draft.snapshot = snap
            self._publish(uri, version, diagnostics)

    def _lint(
        self, uri: str, language: str | None, text: str, version: int | None
    ) -> tuple[Snapshot | None, list[types.Diagnostic]]:
        fs_path = to_fs_path(uri)
        if fs_path is not None and uri.startswith("file:"):
            path = Path(fs_path)
            folder = self.folder_for(path)
            display = (
                path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)
            )
        else:  # an unsaved buffer: lint it as a draft of the workspace
            folder = Path(self.workspace.root_path or Path.cwd())
            display = f"untitled{LANGUAGES.get(language or '', '.md')}"
        project = self.project(folder)
        if language not in LANGUAGES and not display.lower().endswith(project.extensions()):
            return None, []
        findings = project.lint(display, text)
        source = SourceText(text)
        snap = Snapshot(uri, version, display, text, source, findings, project)
        codec = self.workspace.position_codec
        return snap, [diagnostic(f, source, codec, project, uri) for f in findings]

    def _publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # -- configuration ---------------------------------------------------------------------------
    def config_changed(self) -> None:
        """A config or rule file changed: forget every project and lint the open drafts again."""
        self.projects.clear()
        self.reported.clear()
        for uri in sorted(self.config_diagnostics):
            self._publish(uri, None, [])
        self.config_diagnostics.clear()
        for uri in list(self.drafts):
            self.lint_later(uri)

    def _config_problem(self, exc: ProjectError) -> None:
        """Say so once, and put each problem on its line of the config or rule file."""
        message = f"lintnews: {exc}"
        if message not in self.reported:
            self.reported.add(message)
            self._show(
                types.MessageType.Error,
                f"{message} (drafts here are not linted until it is fixed)",
            )
        by_file: dict[str, list[types.Diagnostic]] = {}
        for problem in exc.problems:
            uri = from_fs_path(str(problem.path)) if problem.path is not None else None
            if uri is None:
                continue
            line = max((problem.line or 1) - 1, 0)
            by_file.setdefault(uri, []).append(
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line, 0), end=types.Position(line + 1, 0)
                    ),
                    message=problem.message,
                    severity=types.DiagnosticSeverity.Error,
                    source="lintnews",
                )
            )
        for uri, diagnostics in by_file.items():
            self.config_diagnostics.add(uri)
            self._publish(uri, None, diagnostics)

    def _show(self, kind: types.MessageType, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))


def is_config(uri: str) -> bool:
    """A file whose change can change findings: a config, or a house rule or lexicon file."""
    name = uri.rsplit("/", 1)[-1]
    return name in CONFIG_NAMES or name.endswith((".yml", ".yaml"))


server = LintnewsServer()


@server.feature(types.INITIALIZED)
def _initialized(ls: LintnewsServer, params: types.InitializedParams) -> None:
    watched = ls.client_capabilities.workspace
    dynamic = getattr(
        getattr(watched, "did_change_watched_files", None), "dynamic_registration", False
    )
    if not dynamic:
        return  # the client may still send changes; saves of open config files are seen anyway
    patterns = [*(f"**/{name}" for name in CONFIG_NAMES), "**/*.yml", "**/*.yaml"]
    ls.client_register_capability(
        types.RegistrationParams(
            registrations=[
                types.Registration(
                    id="lintnews-config-watch",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[types.FileSystemWatcher(glob_pattern=p) for p in patterns]
                    ),
                )
            ]
        )
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: LintnewsServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint_later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: LintnewsServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.lint_later(params.text_document.uri, debounce=True)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def _did_save(ls: LintnewsServer, params: types.DidSaveTextDocumentParams) -> None:
    if is_config(params.text_document.uri):
        ls.config_changed()
    elif params.text_document.uri in ls.drafts:
        ls.lint_later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: LintnewsServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    draft = ls.drafts.pop(uri, None)
    if draft is not None:
        ls._publish(uri, None, [])  # a closed draft's findings leave the problems list


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: LintnewsServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(is_config(change.uri) for change in params.changes):
        ls.config_changed()


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def _folders(ls: LintnewsServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    ls.config_changed()  # a draft may now belong to another folder, with another config


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True
    ),
)
async def _code_action(
    ls: LintnewsServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    snap = await _current(ls, params.text_document.uri)
    if snap is None:
        return None
    caps = ls.client_capabilities.text_document
    action_caps = caps.code_action if caps is not None else None
    resolve = getattr(getattr(action_caps, "resolve_support", None), "properties", None) or []
    return code_actions(
        snap,
        ls.workspace.position_codec,
        params.range,
        [str(kind) for kind in params.context.only] if params.context.only else None,
        bool(getattr(action_caps, "disabled_support", False)),
        "edit" in resolve,
    )


@server.feature(types.CODE_ACTION_RESOLVE)
async def _resolve(ls: LintnewsServer, action: types.CodeAction) -> types.CodeAction:
    data: Any = action.data or {}
    uri = data.get("uri") if isinstance(data, dict) else None
    snap = await _current(ls, uri) if isinstance(uri, str) else None
    if snap is not None and action.edit is None and snap.version == data.get("version"):
        action.edit = fix_all_edit(snap, ls.workspace.position_codec)
    return action


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def _hover(ls: LintnewsServer, params: types.HoverParams) -> types.Hover | None:
    snap = await _current(ls, params.text_document.uri)
    if snap is None:
        return None
    caps = ls.client_capabilities.text_document
    formats = caps.hover.content_format if caps is not None and caps.hover is not None else None
    markdown = not formats or types.MarkupKind.Markdown in formats
    return hover(snap, ls.workspace.position_codec, params.position, markdown)


async def _current(ls: LintnewsServer, uri: str) -> Snapshot | None:
    """The lint of the text the editor has now (waiting for it when one is under way)."""
    draft = ls.drafts.get(uri)
    while draft is not None and draft.task is not None and not draft.task.done():
        await asyncio.shield(draft.task)
    snap = draft.snapshot if draft is not None else None
    document = ls.workspace.text_documents.get(uri)
    if snap is None or document is None or snap.version != document.version:
        return None
    return snap
