"""`wenlint server` end to end: pytest-lsp starts the real command and talks
LSP to it over stdio, as an editor does (VS Code's client capabilities).

One server serves the module's tests (starting it and its worker takes
seconds); each test works in its own folder."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
from conftest import wenlint

pytest_lsp = pytest.importorskip("pytest_lsp", reason="the dev extra installs pytest-lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from wenlint.server.worker import LARGE  # noqa: E402

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "wenlint", "server"])
#: How long a test waits for diagnostics (the first ones include starting the worker process).
WAIT = 60
pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]


async def start(lsp_client: LanguageClient, root, options: dict | None = None, editor="visual-studio-code") -> None:
    params = types.InitializeParams(
        capabilities=client_capabilities(editor),
        root_uri=root.as_uri(),
        initialization_options=options or {"ignore": ["D001"]},  # a two-line test document is not a truncated one
    )
    lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)(lambda params: None)  # VS Code watches files for servers
    await lsp_client.initialize_session(params)


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory):
    await start(lsp_client, tmp_path_factory.mktemp("workspace"))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def own_client(lsp_client: LanguageClient, tmp_path):
    """A server of its own, for a test that ends it, started with a misspelt option."""
    await start(lsp_client, tmp_path, {"ignore": ["D001"], "selcet": ["M"]})
    yield


@pytest_lsp.fixture(config=SERVER)
async def utf8_client(lsp_client: LanguageClient, tmp_path):
    """A server for Neovim 0.11, which asks for UTF-8 positions first."""
    await start(lsp_client, tmp_path, editor="neovim@0.11")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def capped_client(lsp_client: LanguageClient, tmp_path):
    """A server showing at most two findings per document."""
    await start(lsp_client, tmp_path, {"ignore": ["D001"], "maxDiagnostics": 2})
    yield
    await lsp_client.shutdown_session()


async def open_and_wait(client: LanguageClient, path, text: str, language: str = "markdown") -> str:
    """Open ``text`` as the document ``path`` and return its URI once its diagnostics have come."""
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text)))
    await wait_for_diagnostics(client, uri)
    return uri


async def wait_for_diagnostics(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    async def arrived():
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(arrived(), WAIT)
    return list(client.diagnostics[uri])


def span(diagnostic: types.Diagnostic) -> tuple[int, int, int, int]:
    start, end = diagnostic.range.start, diagnostic.range.end
    return start.line, start.character, end.line, end.character


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` after ``edits`` (UTF-16 positions), applied from the last to the first."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line].encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def document_edits(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes, action
    return [edit for change in action.edit.document_changes for edit in change.edits]


MARKDOWN = "# 标题\n\n今天,我们讨论**重要**的事情。\n"


async def test_one_finding_at_the_right_range_and_nothing_for_the_bold(client: LanguageClient, tmp_path):
    uri = await open_and_wait(client, tmp_path / "a.md", MARKDOWN)
    diagnostics = await wait_for_diagnostics(client, uri)
    assert [(d.code, span(d)) for d in diagnostics] == [("M001", (2, 2, 2, 3))]
    found = diagnostics[0]
    assert found.source == "wenlint"
    assert found.severity == types.DiagnosticSeverity.Warning
    assert "M001" in found.code_description.href


async def test_an_emoji_before_the_finding_counts_two_utf16_units(client: LanguageClient, tmp_path):
    text = "# 标题\n\n😀😀今天,我们讨论重要的事情。\n"
    uri = await open_and_wait(client, tmp_path / "emoji.md", text)
    (found,) = await wait_for_diagnostics(client, uri)
    assert (found.code, span(found)) == ("M001", (2, 6, 2, 7))  # two emoji = four UTF-16 units, then 今天


async def test_the_quick_fix_makes_the_text_clean(client: LanguageClient, tmp_path):
    uri = await open_and_wait(client, tmp_path / "a.md", MARKDOWN)
    (found,) = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found], only=["quickfix"])
        )
    )
    fixes = [a for a in actions if a.title.startswith("M001: replace")]
    assert len(fixes) == 1 and fixes[0].is_preferred and fixes[0].kind == types.CodeActionKind.QuickFix
    assert apply(MARKDOWN, document_edits(fixes[0])) == "# 标题\n\n今天，我们讨论**重要**的事情。\n"


async def test_an_unsafe_fix_says_so_and_is_not_preferred(client: LanguageClient, tmp_path):
    uri = await open_and_wait(client, tmp_path / "a.md", "他来了.我走了。\n")
    (found,) = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found]))
    )
    (fix,) = [a for a in actions if a.title.startswith("M001: replace")]
    assert fix.title == "M001: replace with `。` (unsafe: may change the meaning)" and not fix.is_preferred


@pytest.mark.parametrize(("suffix", "language"), [(".md", "markdown"), (".txt", "plaintext")])
async def test_disable_comments_for_the_line_and_the_file(client: LanguageClient, tmp_path, suffix, language):
    uri = await open_and_wait(client, tmp_path / f"a{suffix}", MARKDOWN, language)
    (found,) = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found]))
    )
    by_title = {action.title: action for action in actions}
    line = apply(MARKDOWN, document_edits(by_title["Disable M001 for this line"]))
    assert line == "# 标题\n\n<!-- wenlint-disable-next-line M001 -->\n今天,我们讨论**重要**的事情。\n"
    whole = apply(MARKDOWN, document_edits(by_title["Disable M001 for this file"]))
    assert whole == "<!-- wenlint-disable M001 -->\n" + MARKDOWN
    for text, name in ((line, f"line{suffix}"), (whole, f"file{suffix}")):  # the CLI's own reading of the comment
        assert await open_and_wait(client, tmp_path / name, text, language)
        assert list(client.diagnostics[(tmp_path / name).as_uri()]) == []


async def test_fix_all_applies_every_safe_fix(client: LanguageClient, tmp_path):
    text = "今天,我们开会;明天,我们休息。\n"
    uri = await open_and_wait(client, tmp_path / "b.md", text)
    assert len(client.diagnostics[uri]) == 3
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(0, 0), types.Position(0, 0)),
            types.CodeActionContext([], only=["source.fixAll"]),
        )
    )
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.wenlint"
    resolved = await client.code_action_resolve_async(fix_all)  # VS Code resolves the edit when it is chosen
    assert apply(text, document_edits(resolved)) == "今天，我们开会；明天，我们休息。\n"


async def test_fix_all_on_save_fixes_the_text_as_it_is_now(client: LanguageClient, tmp_path):
    uri = await open_and_wait(client, tmp_path / "c.md", MARKDOWN)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2), [_insert(3, 0, "再来,一次。\n")]
        )
    )
    actions = await client.text_document_code_action_async(  # at once: before the change's diagnostics
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(0, 0), types.Position(0, 0)),
            types.CodeActionContext([], only=["source.fixAll"], trigger_kind=types.CodeActionTriggerKind.Automatic),
        )
    )
    (fix_all,) = actions
    resolved = await client.code_action_resolve_async(fix_all)
    fixed = apply(MARKDOWN + "再来,一次。\n", document_edits(resolved))
    assert fixed == "# 标题\n\n今天，我们讨论**重要**的事情。\n再来，一次。\n"


async def test_hover_shows_the_rules_documentation(client: LanguageClient, tmp_path):
    uri = await open_and_wait(client, tmp_path / "a.md", MARKDOWN)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 2))
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("# M001 halfwidth-punctuation")
    assert "## Why it matters" in hover.contents.value and "## Flagged" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0))
    )
    assert nothing is None


async def test_did_change_refreshes_the_diagnostics(client: LanguageClient, tmp_path):
    uri = await open_and_wait(client, tmp_path / "a.md", MARKDOWN)
    assert len(client.diagnostics[uri]) == 1
    comma = types.Range(types.Position(2, 2), types.Position(2, 3))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [types.TextDocumentContentChangePartial(range=comma, text="，"), _insert(3, 0, "再来,一次?\n")],
        )
    )
    client.diagnostics.pop(uri)
    diagnostics = await wait_for_diagnostics(client, uri)
    assert sorted((d.code, span(d)) for d in diagnostics) == [("M001", (3, 2, 3, 3)), ("M001", (3, 5, 3, 6))]


def _insert(line: int, character: int, text: str) -> types.TextDocumentContentChangePartial:
    at = types.Position(line, character)
    return types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text)


def children(pid: int) -> set[str]:
    """The child processes of ``pid``, whichever of its threads started them (workers start on a thread of their own)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update((task / "children").read_text().split())
        except FileNotFoundError:  # a thread that has just ended
            pass
    return found


async def test_a_large_document_changed_while_checked_is_checked_again_and_its_worker_ends_with_it(
    client: LanguageClient, tmp_path
):
    text = "今天我们召开会议，研究部署下一阶段的工作。\n" * (LARGE // 20) + "明天休息。\n"
    uri = await open_and_wait(client, tmp_path / "large.txt", text, "plaintext")
    assert [d.code for d in client.diagnostics[uri] if d.code == "M001"] == []
    workers = children(client._server.pid)
    last = text.count("\n")
    comma = types.Range(types.Position(last - 1, 2), types.Position(last - 1, 2))
    for version, typed in enumerate((",", "再", "说"), start=2):  # typed while the first change is checked
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangePartial(range=comma, text=typed)],
            )
        )
        await asyncio.sleep(0.6)
    # 明天说再, : the comma pushed on by what was typed after. Waited for, not read after the last change:
    # a check done within the pause has published already (and one of an earlier version may come later)
    expected = [("M001", (last - 1, 4, last - 1, 5))]

    async def checked_last():
        while [(d.code, span(d)) for d in client.diagnostics.get(uri, []) if d.code == "M001"] != expected:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(checked_last(), WAIT)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    for _ in range(100):
        if len(children(client._server.pid)) < len(workers):
            break
        await asyncio.sleep(0.1)
    assert len(children(client._server.pid)) == len(workers) - 1


async def test_the_nearest_config_applies_and_is_read_again_when_it_changes(client: LanguageClient, tmp_path):
    config = tmp_path / "wenlint.toml"
    config.write_text('ignore = ["M001"]\n')
    uri = await open_and_wait(client, tmp_path / "a.md", MARKDOWN)
    assert list(client.diagnostics[uri]) == []
    config.write_text("exclude = []\n")
    client.diagnostics.pop(uri)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(config.as_uri(), types.FileChangeType.Changed)])
    )
    assert [d.code for d in await wait_for_diagnostics(client, uri)] == ["M001"]


async def test_excluded_documents_get_no_diagnostics(client: LanguageClient, tmp_path):
    (tmp_path / "wenlint.toml").write_text('exclude = ["vendor/"]\n')
    (tmp_path / "vendor").mkdir()
    uri = await open_and_wait(client, tmp_path / "vendor" / "a.md", MARKDOWN)
    assert list(client.diagnostics[uri]) == []


async def test_a_binary_document_is_one_message_and_the_server_goes_on(client: LanguageClient, tmp_path):
    uri = await open_and_wait(client, tmp_path / "bin.txt", "abc\0def", language="plaintext")
    assert list(client.diagnostics[uri]) == []
    assert [m.message for m in client.messages if "bin.txt" in m.message] == [
        f"wenlint: {tmp_path / 'bin.txt'}: binary file (NUL bytes), not text"
    ]
    assert client.messages[-1].type == types.MessageType.Error
    uri = await open_and_wait(client, tmp_path / "a.md", MARKDOWN)  # still serving
    assert len(client.diagnostics[uri]) == 1


@pytest.mark.asyncio(loop_scope="function")
async def test_a_client_that_asks_for_utf8_positions_gets_them(utf8_client: LanguageClient, tmp_path):
    uri = await open_and_wait(utf8_client, tmp_path / "emoji.md", "# 标题\n\n😀😀今天,我们讨论重要的事情。\n")
    (found,) = utf8_client.diagnostics[uri]
    assert (found.code, span(found)) == ("M001", (2, 14, 2, 15))  # two emoji of 4 bytes, two characters of 3


@pytest.mark.asyncio(loop_scope="function")
async def test_max_diagnostics_caps_what_is_shown_and_says_how_many_more(capped_client: LanguageClient, tmp_path):
    uri = await open_and_wait(capped_client, tmp_path / "a.md", "今天,我们开会;明天,我们休息。\n")
    shown = capped_client.diagnostics[uri]
    assert [d.code for d in shown] == ["M001", "M001", None]
    assert shown[-1].message.startswith("1 more findings not shown (maxDiagnostics = 2)")


def _zero_based(location: dict[str, int]) -> tuple[int, int]:
    """A line and column of `wenlint check`'s JSON (from 1) as LSP counts them (from 0; UTF-16 is the same for Chinese)."""
    return location["line"] - 1, location["column"] - 1


async def test_a_document_with_more_findings_than_max_diagnostics_gets_the_first_of_them(
    client: LanguageClient, tmp_path
):
    """The worker places only the findings sent (maxDiagnostics, by default
    1000): they are the first ones in the text, as `wenlint check` lists them."""
    text = "".join(f"第{i}项,内容。\n" for i in range(1200))
    uri = await open_and_wait(client, tmp_path / "many.txt", text, language="plaintext")
    listed = wenlint("check", "many.txt", "--ignore", "D001", "--output-format", "json", cwd=tmp_path).stdout
    expected = [(f["code"], *_zero_based(f["location"]), *_zero_based(f["end_location"])) for f in json.loads(listed)]
    assert len(expected) > 1000
    shown = client.diagnostics[uri]
    assert [(d.code, *span(d)) for d in shown[:-1]] == expected[:1000]
    assert shown[-1].message.startswith(f"{len(expected) - 1000} more findings not shown (maxDiagnostics = 1000)")


@pytest.mark.asyncio(loop_scope="function")
async def test_a_bad_option_is_one_message_and_shutdown_and_exit_are_clean(own_client: LanguageClient, tmp_path):
    uri = await open_and_wait(own_client, tmp_path / "a.md", MARKDOWN)
    assert [d.code for d in own_client.diagnostics[uri]] == ["M001"]  # served, with the default settings
    assert [m.message for m in own_client.messages] == [
        "wenlint: initializationOptions: unknown key 'selcet'; starting without these options"
    ]
    await own_client.shutdown_async(None)
    own_client.exit(None)
    assert await asyncio.wait_for(own_client._server.wait(), WAIT) == 0
