"""The language server: open documents, debounced linting, and the LSP features.

Each change to a document restarts a short timer; when it fires, the
document's text goes to a worker process (:mod:`wenlint.server.worker`)
and the findings come back as diagnostics, unless the document changed in
the meantime, in which case it is linted again. At most one check of a
document runs at a time. Quick fixes, the disable comments and hover read
the last findings; fixing the whole file runs the fixer in the worker.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from wenlint import __version__
from wenlint.config import CONFIG_FILES, Settings
from wenlint.diagnostic import INTERNAL_ERROR
from wenlint.docs import rule_markdown, rule_url
from wenlint.errors import WenlintError
from wenlint.registry import all_rules
from wenlint.server import actions
from wenlint.server.settings import ClientOptions, DocumentSettings, checked
from wenlint.server.text import TextBuffer
from wenlint.server.worker import LARGE, Finding, Superseded, Workers, fix_source, lint_source

#: Seconds after the last change before a document is linted: a check of an
#: ordinary document costs tens of milliseconds; one of a large document
#: (LARGE characters or more) seconds, and a change stops it (see _start).
DEBOUNCE, DEBOUNCE_LARGE = 0.05, 0.5
FIX_ALL = "source.fixAll.wenlint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass
class Linted:
    """The findings shown for one version of a document, and their diagnostics."""

    version: int
    findings: list[Finding]
    diagnostics: list[types.Diagnostic]


@dataclass
class OpenDocument:
    uri: str
    language_id: str
    version: int
    buffer: TextBuffer
    linted: Linted | None = None
    timer: asyncio.TimerHandle | None = None
    task: asyncio.Future | None = None
    again: bool = False  # changed while being linted: lint again
    said: str | None = None  # the last message shown about it
    path: Path | None = field(init=False)

    def __post_init__(self) -> None:
        self.path = Path(to_fs_path(self.uri)) if self.uri.startswith("file:") else None

    @property
    def name(self) -> str:
        """The name it is linted under: its path, or an untitled name of its language's file type."""
        if self.path is not None:
            return str(self.path)
        return "untitled.md" if self.language_id == "markdown" else "untitled.txt"

    def current(self) -> Linted | None:
        """The last findings, when they describe the text as it is now."""
        return self.linted if self.linted and self.linted.version == self.version else None


class WenlintProtocol(LanguageServerProtocol):
    """pygls's protocol without its own copy of each document: the server
    keeps the text in a :class:`TextBuffer`, where typing into megabytes is cheap."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield self.fm.features[types.TEXT_DOCUMENT_DID_OPEN], (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield self.fm.features[types.TEXT_DOCUMENT_DID_CHANGE], (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield self.fm.features[types.TEXT_DOCUMENT_DID_CLOSE], (params,), None


class WenlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("wenlint", __version__, protocol_cls=WenlintProtocol)
        self.documents: dict[str, OpenDocument] = {}
        self.workers = Workers()
        self.settings = DocumentSettings(ClientOptions())
        self.encoding = "utf-16"
        self.startup_error: str | None = None
        self.shut_down = False

    # -- linting ---------------------------------------------------------------------------

    def schedule(self, doc: OpenDocument, delay: float | None = None) -> None:
        """Lint ``doc`` once no change has come for ``delay`` seconds (default: its debounce)."""
        if delay is None:
            delay = DEBOUNCE_LARGE if len(doc.buffer) >= LARGE else DEBOUNCE
        if doc.timer is not None:
            doc.timer.cancel()
        doc.timer = asyncio.get_running_loop().call_later(delay, self._start, doc)

    def _start(self, doc: OpenDocument) -> None:
        doc.timer = None
        if doc.task is None or doc.task.done():
            doc.task = asyncio.ensure_future(self._lint(doc))
            return
        doc.again = True
        if len(doc.buffer) >= LARGE:
            self.workers.cancel_large()  # its findings would be thrown away: check the new text now

    async def _lint(self, doc: OpenDocument) -> None:
        while self.documents.get(doc.uri) is doc:
            doc.again = False
            version = doc.version
            try:
                findings, total = await self._findings(doc)
            except Superseded:  # stopped for a newer text (this or another large document's)
                doc.again = True
                continue
            if doc.version == version and self.documents.get(doc.uri) is doc:
                self.publish(doc, version, findings, total)
            if not doc.again:
                return

    def settings_for(self, doc: OpenDocument) -> Settings:
        """The settings of ``doc``; an untitled one gets those of the workspace's root folder."""
        return self.settings.for_path(doc.path or Path(self.workspace.root_path or os.getcwd(), doc.name))

    async def _findings(self, doc: OpenDocument) -> tuple[list[Finding], int]:
        """The findings in ``doc`` now, as many as maxDiagnostics lets through,
        and how many there are in all; a bad input or configuration is said once and gives none."""
        try:
            settings = self.settings_for(doc)
            if doc.path is not None and not checked(settings, doc.path):
                return [], 0
            limit = self.settings.options.max_diagnostics
            found = await self.workers.run(lint_source, doc.buffer.text, doc.name, settings, self.encoding, limit)
        except Superseded:
            raise
        except WenlintError as error:  # a bad input (binary, too large) or a bad configuration
            self.say(doc, f"wenlint: {doc.name}: {error}")
            return [], 0
        except Exception as error:  # noqa: BLE001 - a dead worker or a bug: a finding, never a dead server
            failed = Finding(INTERNAL_ERROR, f"wenlint failed on this document: {error}", "error", (0, 0, 0, 0), None)
            return [failed], 1
        doc.said = None
        return found

    def say(self, doc: OpenDocument | None, message: str) -> None:
        """Show ``message`` in the editor, once for a document until it lints cleanly again."""
        if doc is not None:
            if doc.said == message:
                return
            doc.said = message
        self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))

    def publish(self, doc: OpenDocument, version: int, shown: list[Finding], total: int) -> None:
        """Show the findings ``shown``, the first of ``total``, and say how many more there are."""
        diagnostics = [diagnostic(finding) for finding in shown]
        if total > len(shown):
            limit = self.settings.options.max_diagnostics
            more = (
                f"{total - len(shown)} more findings not shown (maxDiagnostics = {limit}); `wenlint check` lists them"
            )
            diagnostics.append(
                types.Diagnostic(actions.to_range(shown[-1].range), more, types.DiagnosticSeverity.Information)
            )
        doc.linted = Linted(version, shown, diagnostics)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(doc.uri, diagnostics, version))

    def relint_all(self) -> None:
        for doc in self.documents.values():
            self.schedule(doc, 0)

    async def fix_all_edit(self, doc: OpenDocument) -> types.WorkspaceEdit | None:
        """The edit applying every safe fix to ``doc`` as it is now, or None (nothing to fix, or it cannot be linted)."""
        version = doc.version
        try:
            settings = self.settings_for(doc)
            edits = await self.workers.run(fix_source, doc.buffer.text, doc.name, settings, self.encoding)
        except Exception:  # noqa: BLE001 - said when it was linted; no edit is the answer
            return None
        if not edits or doc.version != version:
            return None
        return actions.workspace_edit(doc.uri, version, actions.text_edits(edits))


def diagnostic(finding: Finding) -> types.Diagnostic:
    """The LSP diagnostic of a finding, with a link to its rule's page in the rule reference."""
    rule = all_rules().get(finding.code)
    url = rule_url(rule) if rule else None
    return types.Diagnostic(
        range=actions.to_range(finding.range),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(url) if url else None,
        source="wenlint",
    )


def _covers(span: tuple[int, int, int, int], start: types.Position, end: types.Position) -> bool:
    """Whether a finding's span meets the range ``start``–``end`` (ends included)."""
    return (span[0], span[1]) <= (end.line, end.character) and (start.line, start.character) <= (span[2], span[3])


def _wants(only: list[str] | None, kind: str) -> bool:
    """Whether a code action request limited to the kinds ``only`` asks for ``kind``."""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


server = WenlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: WenlintServer, params: types.InitializeParams) -> None:
    encoding = ls.workspace.position_encoding or "utf-16"  # pygls takes the client's first choice it supports
    ls.encoding = getattr(encoding, "value", encoding)  # (an enum member's str() is its name, not "utf-8")
    try:
        ls.settings = DocumentSettings(ClientOptions.parse(params.initialization_options))
    except WenlintError as error:
        ls.startup_error = f"wenlint: {error}; starting without these options"


@server.feature(types.INITIALIZED)
async def initialized(ls: WenlintServer, params: types.InitializedParams) -> None:
    all_rules()  # the rules' classes, for hover and links; their tables are built in the workers
    ls.workers.warm()
    if ls.startup_error:
        ls.say(None, ls.startup_error)
    watching = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watching and watching.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = types.Registration("wenlint-config", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
        try:
            await ls.client_register_capability_async(types.RegistrationParams([registration]))
        except Exception:  # noqa: BLE001 - then configuration changes are seen at the next lint or save
            pass


@server.feature(types.SHUTDOWN)
def shutdown(ls: WenlintServer, params: Any) -> None:
    ls.shut_down = True
    ls.workers.close()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WenlintServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    doc = OpenDocument(item.uri, item.language_id, item.version, TextBuffer(item.text, ls.encoding))
    ls.documents[item.uri] = doc
    ls.schedule(doc, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WenlintServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            start, end = change.range.start, change.range.end
            doc.buffer.replace((start.line, start.character), (end.line, end.character), change.text)
        else:
            doc.buffer = TextBuffer(change.text, ls.encoding)
    doc.version = params.text_document.version
    ls.schedule(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WenlintServer, params: types.DidCloseTextDocumentParams) -> None:
    doc = ls.documents.pop(params.text_document.uri, None)
    if doc is not None:
        if doc.timer is not None:
            doc.timer.cancel()
        if len(doc.buffer) >= LARGE and all(len(d.buffer) < LARGE for d in ls.documents.values()):
            ls.workers.cancel_large()  # the last large document is closed: give back the worker's memory
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: WenlintServer, params: types.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri.rsplit("/", 1)[-1] in CONFIG_FILES:
        ls.relint_all()  # a configuration edited in the editor, for clients that do not watch files


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: WenlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.relint_all()


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL],
        resolve_provider=True,
    ),
)
async def code_action(ls: WenlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return None
    linted = doc.current()  # None while the text is newer than the findings: no quick fixes then
    only = params.context.only
    found: list[types.CodeAction] = []
    if linted and _wants(only, types.CodeActionKind.QuickFix):
        disables: dict[str, Finding] = {}  # one pair of disable actions per rule
        for finding, shown in zip(linted.findings, linted.diagnostics):
            if _covers(finding.range, params.range.start, params.range.end):
                fix = actions.quick_fix(doc.uri, doc.version, finding, shown)
                found += [fix] if fix else []
                disables.setdefault(finding.code, finding)
        for finding in disables.values():
            found += filter(None, (actions.disable(doc.uri, doc.version, finding, for_file) for for_file in (0, 1)))
    fixable = linted is not None and any(f.fix and f.fix.applicability == "safe" for f in linted.findings)
    if _wants(only, FIX_ALL) and (fixable or only):  # asked for by kind (on save, say): the fixer runs on the text now
        fix_all = types.CodeAction("Fix all safe wenlint findings", kind=FIX_ALL, data={"uri": doc.uri})
        if not _resolves_edits(ls):
            fix_all.edit = await ls.fix_all_edit(doc)
        found.append(fix_all)
    return found


def _resolves_edits(ls: WenlintServer) -> bool:
    """Whether the client asks for a code action's edit only when chosen (codeAction/resolve)."""
    document = ls.client_capabilities.text_document
    code_action = document.code_action if document else None
    support = code_action.resolve_support if code_action else None
    return bool(support and "edit" in support.properties)


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: WenlintServer, action: types.CodeAction) -> types.CodeAction:
    uri = action.data.get("uri") if isinstance(action.data, dict) else None
    doc = ls.documents.get(uri) if uri else None
    if doc is not None and action.kind == FIX_ALL:
        action.edit = await ls.fix_all_edit(doc)
    return action


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: WenlintServer, params: types.HoverParams) -> types.Hover | None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None or doc.linted is None:
        return None
    at = params.position
    hits = [finding for finding in doc.linted.findings if _covers(finding.range, at, at)]
    rules = all_rules()
    codes = dict.fromkeys(finding.code for finding in hits if finding.code in rules)
    if not codes:
        return None
    text = "\n---\n\n".join(rule_markdown(rules[code], examples=True) for code in codes)
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), actions.to_range(hits[0].range))
