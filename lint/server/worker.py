"""Linting off the server's event loop, in worker processes.

Linting is pure Python: on a thread it would hold the interpreter lock, and
the server, though never blocked, would answer each message only after
waiting for the lock. Two worker processes (fresh interpreters, one for
documents under ``LARGE`` characters, one for the rest, so a long check of
a big document never delays a small one) run the document pipeline the CLI
runs, and send back findings already placed in the editor's coordinates.
A worker that dies (the OOM killer, a crash in a library) is replaced; the
document it held gets one X001 finding.

Handing a text to a worker never holds up the event loop: workers are
started (processes spawned) and texts submitted to them on a thread of its
own, and a text longer than ``CHUNK`` characters is sent in pieces, each
pickled on its own, so no thread holds the interpreter lock for the whole
text at once (pickling 5 MB in one piece holds it for tens of
milliseconds, more on a loaded machine).
"""

from __future__ import annotations

import asyncio
import difflib
import itertools
import multiprocessing
import os
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple

from wenlint import engine, pipeline
from wenlint.config import Settings
from wenlint.decode import decode
from wenlint.diagnostic import Fix
from wenlint.document import Document
from wenlint.process import collect_less
from wenlint.rule import Rule
from wenlint.server.positions import Positions
from wenlint.server.text import split_lines
from wenlint.storage import too_large
from wenlint.suppress import disable_comment
from wenlint.workers import die_with_parent

#: Documents of this many characters or more go to the worker for large documents.
LARGE = 200_000
#: A text longer than this many characters is sent to its worker in pieces of this many.
CHUNK = 2**17

Range = tuple[int, int, int, int]  # start line, character, end line, character (LSP, from 0)


class FixEdits(NamedTuple):
    """A finding's fix in the editor's coordinates."""

    applicability: str  # safe, unsafe or display-only
    message: str
    edits: tuple[tuple[Range, str], ...]


class Finding(NamedTuple):
    """A finding in the editor's coordinates; ``fix`` is None when it has none
    that edits the text; ``disable`` the insertions that switch its rule off
    for its line and for the file (None for X001, which no comment switches off)."""

    code: str
    message: str
    severity: str
    range: Range
    fix: FixEdits | None
    disable: tuple[tuple[Range, str], tuple[Range, str]] | None = None


class WorkerDied(Exception):
    """The worker process checking a document died."""


class Superseded(Exception):
    """The check was stopped because its document changed (see :meth:`Workers.cancel_large`)."""


# -- what runs in a worker -------------------------------------------------------------

_rules: dict[tuple[tuple[str, ...], str], list[Rule]] = {}


def _rules_for(settings: Settings, name: str) -> list[Rule]:
    """The rules for ``name``, made once per selection and options (settings arrive anew with every task)."""
    codes = settings.codes_for(name)
    key = (codes, repr(settings.rule_options))
    if key not in _rules:
        _rules[key] = settings.make_rules(codes)
    return _rules[key]


def _document(source: str, name: str, settings: Settings) -> Document:
    """The Document the CLI would read from a file holding ``source``: the
    same checks (too large, binary) raise the same InputError."""
    data = source.encode("utf-8", "surrogatepass")
    limit = settings.max_file_size_mb * 2**20
    if len(data) > limit:
        raise too_large(limit, len(data))
    return decode(data, name)


def _place_fix(fix: Fix | None, positions: Positions) -> FixEdits | None:
    if fix is None or all(edit.start == edit.end and not edit.content for edit in fix.edits):
        return None  # none, or one that only changes how the file is written (encoding, line breaks)
    edits = tuple((positions.span(edit.start, edit.end), edit.content) for edit in fix.edits)
    return FixEdits(fix.applicability.value, fix.message, edits)


def _insertion(doc: Document, positions: Positions, code: str, line: int | None) -> tuple[Range, str]:
    """The comment that switches ``code`` off for ``line`` (or the file), as the CLI reads it."""
    offset, text = disable_comment(doc, [code], line)
    return positions.span(offset, offset), text


def lint_source(source: str, name: str, settings: Settings, encoding: str, limit: int) -> tuple[list[Finding], int]:
    """The first ``limit`` findings in ``source`` (the text of the file
    ``name``), in ``encoding``'s positions, and how many there are in all:
    only those sent are placed (a scraped page can have thousands)."""
    if not source:
        return [], 0  # a new, empty document: nothing to say yet
    doc = _document(source, name, settings)
    checked = pipeline.run(doc, _rules_for(settings, name))
    positions = Positions(source, encoding)
    for_file: dict[str, tuple[Range, str]] = {}
    found = []
    for diagnostic in checked.diagnostics[:limit]:
        disable = None
        if diagnostic.code != engine.INTERNAL_ERROR:
            if diagnostic.code not in for_file:
                for_file[diagnostic.code] = _insertion(doc, positions, diagnostic.code, None)
            disable = _insertion(doc, positions, diagnostic.code, diagnostic.line), for_file[diagnostic.code]
        span = positions.span(diagnostic.start, diagnostic.end)
        fix = _place_fix(diagnostic.fix, positions)
        found.append(Finding(diagnostic.code, diagnostic.message, diagnostic.severity.value, span, fix, disable))
    return found, len(checked.diagnostics)


def fix_source(source: str, name: str, settings: Settings, encoding: str) -> list[tuple[Range, str]]:
    """The edits that apply every safe fix to ``source``, as ``check --fix``
    would: one edit per run of changed lines (the rest of the text, its line
    breaks included, is left as it is)."""
    if not source:
        return []
    doc = _document(source, name, settings)
    fixed = pipeline.run(doc, _rules_for(settings, name), fix=True).doc
    if fixed.text == doc.text:
        return []
    before, after = split_lines(doc.text), split_lines(fixed.text)
    starts = [0, *itertools.accumulate(map(len, before))]
    positions = Positions(source, encoding)
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
        if tag != "equal":
            content = "".join(after[j1:j2])
            if doc.newline != "\n":
                content = content.replace("\n", doc.newline)
            edits.append((positions.span(starts[i1], starts[i2]), content))
    return edits


def _init(parent: int) -> None:
    """A worker: exits with the server, never writes to the protocol's stream, ignores the editor's Ctrl-C."""
    die_with_parent(parent)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collect_less()


def _warm() -> None:
    from wenlint.runner import warm

    warm([Settings()])


_received: dict[int, list[str]] = {}  # in a worker: the pieces of texts being sent


def _receive(key: int, piece: str) -> None:
    """Keep a piece of the text the task ``key`` will check (they arrive in order: a worker runs one task at a time)."""
    _received.setdefault(key, []).append(piece)


def _call_received(key: int, function: Any, *args: Any) -> Any:
    """``function(text, *args)`` on the text whose pieces arrived under ``key``."""
    return function("".join(_received.pop(key, ())), *args)


# -- the server's side ---------------------------------------------------------------------

_keys = itertools.count()  # the keys of the texts sent in pieces


def _start(first: Any) -> ProcessPoolExecutor:
    """A pool of one worker process, started now with ``first`` as its first task."""
    context = multiprocessing.get_context("spawn")  # forking would copy the event loop's threads
    pool = ProcessPoolExecutor(1, mp_context=context, initializer=_init, initargs=(os.getpid(),))
    pool.submit(first)  # spawns the process
    return pool


def _submit(pool: ProcessPoolExecutor, function: Any, source: str, args: tuple) -> Future:
    """Submit ``function(source, *args)``, a long ``source`` in pieces (cut here, on the
    workers' own thread; the pool's feeder thread pickles and sends one piece at a time)."""
    if len(source) <= CHUNK:
        return pool.submit(function, source, *args)
    key = next(_keys)
    for start in range(0, len(source), CHUNK):
        pool.submit(_receive, key, source[start : start + CHUNK])
    return pool.submit(_call_received, key, function, *args)


class Workers:
    """The two worker processes, started when first needed (or by :meth:`warm`)."""

    def __init__(self) -> None:
        self._pools: dict[bool, asyncio.Future[ProcessPoolExecutor]] = {}
        self._cancelled: set[ProcessPoolExecutor] = set()
        # Workers are spawned, and texts submitted to them in order, on this one thread, which lives as long as
        # the server: Linux sends a worker its parent-death signal (see die_with_parent) when the *thread* that
        # started it ends.
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="wenlint-workers")

    def _pool(self, large: bool, first: Any = int) -> asyncio.Future[ProcessPoolExecutor]:
        """The pool for large or other documents, once its process has started (off the event loop)."""
        if large not in self._pools:
            self._pools[large] = asyncio.wrap_future(self._thread.submit(_start, first))
        return self._pools[large]

    def warm(self) -> None:
        """Start the worker for ordinary documents and have it build the rules' tables now."""
        self._pool(False, _warm)

    async def run(self, function: Any, source: str, *args: Any) -> Any:
        """``function(source, *args)`` in a worker; raises :class:`WorkerDied`
        when it dies, :class:`Superseded` when it was stopped on purpose."""
        large = len(source) >= LARGE
        starting = self._pool(large)
        try:
            pool = await asyncio.shield(starting)
        except Exception:
            if self._pools.get(large) is starting:
                del self._pools[large]  # the next check tries to start one again
            raise
        if self._pools.get(large) is not starting:
            raise Superseded  # stopped while it started
        try:
            submitted = await asyncio.get_running_loop().run_in_executor(
                self._thread, _submit, pool, function, source, args
            )
            return await asyncio.wrap_future(submitted)
        except BrokenProcessPool:
            if self._pools.get(large) is starting:
                del self._pools[large]
            pool.shutdown(wait=False)
            if pool in self._cancelled:
                raise Superseded from None
            raise WorkerDied("the worker process checking this document died") from None
        except RuntimeError:  # submitted after the pool was stopped (BrokenProcessPool is a RuntimeError too)
            if pool in self._cancelled:
                raise Superseded from None
            raise

    def cancel_large(self) -> None:
        """Stop the worker for large documents now, dropping its checks (they
        raise Superseded): a check of megabytes takes seconds, and once its
        document has changed its findings are of no use."""
        starting = self._pools.pop(True, None)
        if starting is not None:
            _once_started(starting, self._cancel)

    def _cancel(self, pool: ProcessPoolExecutor) -> None:
        self._cancelled.add(pool)
        _stop(pool)

    def close(self) -> None:
        """Stop the workers now (one still starting, once it has), dropping what they hold."""
        for starting in self._pools.values():
            _once_started(starting, _stop)
        self._pools.clear()
        self._thread.shutdown(wait=False)


def _once_started(starting: asyncio.Future[ProcessPoolExecutor], then: Any) -> None:
    """``then(pool)`` now if ``starting`` has started its pool, else when it has (nothing if it failed)."""

    def call(started: asyncio.Future[ProcessPoolExecutor]) -> None:
        if not started.cancelled() and started.exception() is None:
            then(started.result())

    if starting.done():
        call(starting)
    else:
        starting.add_done_callback(call)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's process (not terminate: one started with SIGTERM ignored would ignore it)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
