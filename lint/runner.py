"""Checking (and fixing) many files, in parallel on all cores: the
document pipeline (:mod:`wenlint.pipeline`) on each, results in order."""

from __future__ import annotations

import difflib
import enum
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from wenlint import engine, pipeline
from wenlint.config import Settings
from wenlint.decode import InputError, label
from wenlint.document import Document
from wenlint.results import FileResult, display_name
from wenlint.storage import write_document

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
        doc = pipeline.load(path, settings, name)
    except InputError as error:
        return FileResult(name, error=str(error))
    checked = pipeline.run(doc, pipeline.rules_for(settings, name), fix=job.mode is not Mode.CHECK, unsafe=job.unsafe)
    result = checked.result(name)
    fixed = checked.doc
    if job.mode is Mode.CHECK:
        return result
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
