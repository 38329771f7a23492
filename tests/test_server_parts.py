"""The language server's parts: a document's lines under edits as LSP sends
them, findings' offsets as LSP positions (UTF-16 columns), and the worker
processes that lint."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("lsprotocol", reason="wenlint server needs the server extra")
from wenlint.config import ConfigError
from wenlint.document import Document
from wenlint.server.positions import Positions, index, units
from wenlint.server.settings import ClientOptions
from wenlint.server.text import TextBuffer, split_lines
from wenlint.server.worker import CHUNK, LARGE, Superseded, WorkerDied, Workers

#: Characters that make positions hard: Chinese, an astral emoji, every kind of line break.
PIECES = st.sampled_from(["a", "中", "，", "😀", "\n", "\r", "\r\n", "\ufeff"])
TEXTS = st.lists(PIECES, max_size=12).map("".join)


def lsp_lines(text: str) -> list[str]:
    """The lines of ``text`` as LSP sees them (breaks: CRLF, CR, LF), without their breaks."""
    return re.split(r"\r\n|\r|\n", text)


def offset_of(text: str, line: int, character: int) -> int:
    """The code-point offset of an LSP position (UTF-16 columns), the slow and obvious way."""
    lines = lsp_lines(text)
    if line >= len(lines):
        return len(text)
    before = sum(len(part) for part in split_lines(text)[:line])
    taken = 0
    for column, char in enumerate(lines[line]):
        if taken >= character:
            return before + column
        taken += 2 if ord(char) > 0xFFFF else 1
    return before + len(lines[line])


def test_units_count_utf16_utf8_and_code_points():
    assert [units("今天😀", encoding) for encoding in ("utf-16", "utf-8", "utf-32")] == [4, 10, 3]
    assert index("今天😀,", 4, "utf-16") == 3
    assert index("今天😀,", 99, "utf-16") == 4


def test_split_lines_keeps_each_break_with_its_line():
    assert split_lines("a\r\nb\rc\n") == ["a\r\n", "b\r", "c\n", ""]


@given(TEXTS, st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4), st.integers(0, 5), st.integers(0, 4), TEXTS)))
def test_edits_give_the_text_the_editor_has(text, edits):
    buffer = TextBuffer(text, "utf-16")
    for line, character, end_line, end_character, new in edits:
        start, end = sorted([(line, character), (end_line, end_character)])
        a, b = offset_of(text, *start), offset_of(text, *end)
        text = text[:a] + new + text[max(a, b) :]
        buffer.replace(start, end, new)
        assert buffer.text == text and len(buffer) == len(text)


def test_a_typed_character_changes_only_its_line():
    buffer = TextBuffer("第一行\r\n第二行😀\r\n第三行", "utf-16")
    buffer.replace((1, 5), (1, 5), "，")
    assert buffer.text == "第一行\r\n第二行😀，\r\n第三行"


@given(TEXTS)
def test_every_offset_of_the_document_lands_on_its_character_in_the_source(source):
    doc = Document.from_source(source, "x.txt")
    positions = Positions(source, "utf-16")
    for offset, char in enumerate(doc.text):
        at = positions.source_offset(offset)
        assert source[at] == char or (char == "\n" and source[at] == "\r")
        line, character = positions.at(at)
        assert offset_of(source, line, character) == at


def test_a_finding_after_an_emoji_and_crlf_lines():
    source = "\ufeff标题\r\n😀今天,我们\r\n"
    doc = Document.from_source(source, "x.txt")
    comma = doc.text.index(",")
    assert Positions(source, "utf-16").span(comma, comma + 1) == (1, 4, 1, 5)
    assert Positions(source, "utf-8").span(comma, comma + 1) == (1, 10, 1, 11)


# -- the worker processes ----------------------------------------------------------


def die(source: str) -> None:
    os._exit(3)


def sleep(source: str) -> None:
    time.sleep(60)


@pytest.mark.slow
def test_a_dead_worker_is_replaced_and_a_superseded_check_says_so():
    async def scenario():
        workers = Workers()
        try:
            with pytest.raises(WorkerDied):
                await workers.run(die, "文")
            assert await workers.run(len, "文字") == 2  # a new worker took its place
            large = "文" * LARGE
            stopped = asyncio.ensure_future(workers.run(sleep, large))
            await asyncio.sleep(1)
            workers.cancel_large()
            with pytest.raises(Superseded):
                await stopped
            assert await workers.run(len, large) == LARGE
        finally:
            workers.close()

    asyncio.run(scenario())


@pytest.mark.slow
def test_a_long_text_arrives_whole_and_a_worker_stopped_while_starting_supersedes_its_checks():
    """A text sent in pieces is the text; texts sent one after another do not mix."""

    async def scenario():
        workers = Workers()
        try:
            texts = ["😀文\r\n" * (LARGE + CHUNK + 7), "字" * (3 * CHUNK)]
            assert await asyncio.gather(*(workers.run(str.__str__, text) for text in texts)) == texts
            workers.cancel_large()
            starting = asyncio.ensure_future(workers.run(len, texts[1]))
            await asyncio.sleep(0)
            workers.cancel_large()  # before its process has started
            with pytest.raises(Superseded):
                await starting
            assert await workers.run(len, texts[1]) == len(texts[1])
        finally:
            workers.close()

    asyncio.run(scenario())


def test_the_server_without_its_extra_says_which_to_install():
    """As in an environment without pygls (the import of it fails, as it would)."""
    no_pygls = "import sys; sys.modules['pygls'] = None; from wenlint.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run([sys.executable, "-c", no_pygls, "server"], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: wenlint server needs the server extra: pip install 'wenlint[server]'\n"


def test_client_options_are_read_as_the_command_lines_options():
    assert ClientOptions.parse([]) == ClientOptions.parse(None) == ClientOptions()  # Neovim's empty table is []
    options = ClientOptions.parse({"wenlint": {"select": ["m", "P001"], "preview": True, "maxDiagnostics": 5}})
    assert (options.select, options.preview, options.max_diagnostics) == (["M", "P001"], True, 5)
    for bad in ({"preview": "yes"}, {"maxDiagnostics": 0}, {"ignore": "M001"}, {"fix": True}, ["M"]):
        with pytest.raises(ConfigError):
            ClientOptions.parse(bad)
