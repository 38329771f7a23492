"""Checking (and fixing) many files, in parallel on all cores."""

from __future__ import annotations

import difflib
import enum
import os
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from wenlint import engine
from wenlint.config import Settings
from wenlint.decode import InputError, label
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.rule import Rule
from wenlint.score import score
from wenlint.storage import read_document, write_document

#: Below this many bytes in all, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 4 * 2**20


class Mode(enum.Enum):
    CHECK = "check"
    FIX = "fix"  # write fixed files
    DIFF = "diff"  # compute the diff of what FIX would write


@dataclass(frozen=True)
class Job:
    mode: Mode = Mode.CHECK
    unsafe: bool = False
    stdin_filename: str = "-"  # the name standard input is reported under


@dataclass
class FileResult:
    """What checking one file produced, small enough to send between processes."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: dict[int, tuple[int, str]] = field(default_factory=dict)  # line -> (offset, text), lines findings touch
    fixed: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    diff: str = ""
    fixed_source: str | None = None  # for standard input under --fix
    converged: bool = True
    score: int | None = None  # the document's quality score (see wenlint.score), after any fixes


_rule_cache: dict[tuple[int, tuple[str, ...]], list[Rule]] = {}


def _rules(settings: Settings, path: str) -> list[Rule]:
    codes = settings.codes_for(path)
    key = (id(settings), codes)
    if key not in _rule_cache:
        _rule_cache[key] = settings.make_rules(codes)
    return _rule_cache[key]


def _touched_lines(doc: Document, diagnostics: list[Diagnostic]) -> dict[int, tuple[int, str]]:
    numbers: set[int] = set()
    for diagnostic in diagnostics:
        numbers.update(range(diagnostic.line, diagnostic.end_line + 1))
        if diagnostic.fix is not None:
            for edit in diagnostic.fix.edits:
                first, _ = doc.position(edit.start)
                last, _ = doc.position(edit.end)
                numbers.update(range(first, last + 1))
    return {n: (doc.line_starts[n - 1], doc.line_text(n)) for n in sorted(numbers)}


def display_name(path: str) -> str:
    """``path`` as it can be printed: bytes that are not UTF-8 in a file
    name (kept by Python as lone surrogates) are shown as ``\\xff``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _describe(doc: Document) -> str:
    """``GB18030, CRLF``: how a document is written."""
    bom = " with BOM" if doc.bom else ""
    breaks = "CRLF" if doc.newline == "\r\n" else "LF"
    mixed = ", mixed line breaks" if doc.mixed_newline_at is not None else ""
    return f"{label(doc.encoding)}{bom}, {breaks}{mixed}"


def _diff(name: str, before: Document, after: Document) -> str:
    """The unified diff of the text; when the encoding or line breaks change,
    the header lines say how (``--- a/x.txt<TAB>(GB18030, LF)``) even if no line does."""
    dates = ("", "")
    if before.layout != after.layout:
        dates = (f"({_describe(before)})", f"({_describe(after)})")
    diff = "".join(
        difflib.unified_diff(
            before.text.splitlines(keepends=True),
            after.text.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
            fromfiledate=dates[0],
            tofiledate=dates[1],
        )
    )
    if not diff and dates[0]:
        diff = f"--- a/{name}\t{dates[0]}\n+++ b/{name}\t{dates[1]}\n"
    return diff


def check_file(path: str, settings: Settings, job: Job) -> FileResult:
    """Check one file, and fix or diff it as ``job`` says. Never raises for bad input."""
    stdin = path == "-"
    name = job.stdin_filename if stdin else display_name(path)
    try:
        doc = read_document(path, settings.max_file_size_mb * 2**20)
    except InputError as error:
        return FileResult(name, error=str(error))
    doc.path = name
    rules = _rules(settings, name)
    if job.mode is Mode.CHECK:
        diagnostics = engine.lint(doc, rules)
        return FileResult(name, diagnostics, _touched_lines(doc, diagnostics), score=score(diagnostics, len(doc.text)))
    outcome = engine.fix(doc, rules, unsafe=job.unsafe)
    fixed = outcome.doc
    result = FileResult(
        name,
        outcome.diagnostics,
        _touched_lines(fixed, outcome.diagnostics),
        outcome.fixed,
        converged=outcome.converged,
        score=score(outcome.diagnostics, len(fixed.text)),
    )
    if fixed.text != doc.text or fixed.layout != doc.layout:
        if job.mode is Mode.DIFF:
            result.diff = _diff(name, doc, fixed)
        elif stdin:
            result.fixed_source = fixed.to_source()
        else:
            result.error = write_document(path, fixed)
    elif stdin and job.mode is Mode.FIX:
        result.fixed_source = doc.to_source()
    return result


_worker_settings: list[Settings] = []


def _init_worker(settings: list[Settings]) -> None:
    global _worker_settings
    engine.collect_less()
    _worker_settings = settings


def _check_in_worker(task: tuple[str, int, Job]) -> FileResult:
    path, index, job = task
    return check_file(path, _worker_settings[index], job)


def run(files: list[tuple[str, Settings]], job: Job, workers: int | None = None) -> Iterator[FileResult]:
    """Results for ``files``, in the order given. Uses a process per core
    when there is enough input to be worth it."""
    workers = workers or os.cpu_count() or 1
    total = 0
    for path, _ in files:
        if total > PARALLEL_THRESHOLD:
            break
        try:
            total += os.path.getsize(path) if path != "-" else 0
        except OSError:
            pass
    if workers == 1 or len(files) < 2 or total <= PARALLEL_THRESHOLD:
        for path, settings in files:
            yield check_file(path, settings, job)
        return
    distinct: list[Settings] = []
    index_of: dict[int, int] = {}
    tasks = []
    for path, settings in files:
        if id(settings) not in index_of:
            index_of[id(settings)] = len(distinct)
            distinct.append(settings)
        tasks.append((path, index_of[id(settings)], job))
    chunk = max(1, min(16, len(tasks) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(distinct,)) as pool:
        yield from pool.map(_check_in_worker, tasks, chunksize=chunk)
