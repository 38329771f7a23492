"""Checking (and fixing) many files, in parallel on all cores: the
document pipeline (:mod:`wenlint.pipeline`) on each, results in order.

Worker processes (:mod:`wenlint.workers`) are used once the input passes
``PARALLEL_THRESHOLD`` bytes, or the bytes in the environment variable
``WENLINT_PARALLEL_BYTES`` (0: always). Before the workers fork, this
process makes the rules they need and runs them on the start of the run's
first file (see :func:`warm_on`), so the tables a rule loads on first use
for such text are built once and shared copy-on-write instead of rebuilt
in every worker. Each task of a worker is
a batch of files next to each other (see :func:`_batches`), so that sending
files and results costs little beside checking them; the last files of a
check go biggest first (see :func:`_dispatch_order`), their results
reported in order all the same. A file whose worker dies twice is an
error result and the rest are checked; Ctrl-C stops the run, saying how far
it got, and raises KeyboardInterrupt for the caller's exit status (130)."""

from __future__ import annotations

import enum
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from wenlint.config import Settings
from wenlint.decode import InputError
from wenlint.errors import UsageError
from wenlint.results import FileResult, display_name, plural
from wenlint.storage import write_document
from wenlint.unified_diff import unified_diff

if TYPE_CHECKING:
    from wenlint.cache import Key, ResultCache
    from wenlint.workers import Pool

#: What :meth:`Interrupts.watch` passes on: a file's result for check, a batch's for scan.
Result = TypeVar("Result")


#: Below this many bytes in all, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 4 * 2**20

#: A file a worker checks: (path, index of its settings, the key its result is kept under or None).
File = tuple[str, int, "Key | None"]


class Reads(enum.Enum):
    """What the caller of :func:`run` reads of each result's findings: a
    result sends back no more (the result cache keeps it whole)."""

    LINES = "lines"  # the findings and the lines they touch (a report shows them)
    FINDINGS = "findings"  # the findings (a baseline matches them)
    KINDS = "kinds"  # their kinds (a summary counts them)


class Mode(enum.Enum):
    CHECK = "check"
    FIX = "fix"  # write fixed files
    DIFF = "diff"  # compute the diff of what FIX would write


@dataclass(frozen=True)
class Job:
    mode: Mode = Mode.CHECK
    unsafe: bool = False
    stdin_filename: str = "-"  # the name standard input is reported under
    signals: bool = False  # whether results carry the document's signals (``check --signals``)
    reads: Reads = Reads.LINES  # what the caller reads of each result's findings


def check_file(path: str, settings: Settings, job: Job) -> FileResult:
    """Check one file, and fix or diff it as ``job`` says. Never raises for bad input."""
    from wenlint import pipeline  # the rules and what they read: not for a run the cache replays

    stdin = path == "-"
    name = job.stdin_filename if stdin else display_name(path)
    try:
        doc = pipeline.load(path, settings, name)
    except InputError as error:
        return FileResult(name, error=str(error))
    rules = pipeline.rules_for(settings, name)
    checked = pipeline.run(doc, rules, fix=job.mode is not Mode.CHECK, unsafe=job.unsafe)
    found = None
    if job.signals:  # read before the result drops what the rules computed
        from wenlint.signals import signals  # imported only for a run that reads them (--signals)

        found = signals(doc)
    result = checked.result(name)
    result.signals = found
    fixed = checked.doc
    if job.mode is Mode.CHECK:
        return result
    if fixed.text != doc.text or fixed.layout != doc.layout:
        result.changed = True
        if job.mode is Mode.DIFF:
            result.diff = unified_diff(name, doc, fixed)
        elif stdin:
            result.fixed_source = fixed.to_source()
        else:
            error = write_document(path, fixed)
            if error:  # the file is as it was: report what is in it
                result = pipeline.run(doc, rules).result(name)
                result.error = error
    elif stdin and job.mode is Mode.FIX:
        result.fixed_source = doc.to_source()
    return result


def _check_and_keep(path: str, settings: Settings, job: Job, cache: ResultCache | None, key: Key | None) -> FileResult:
    """:func:`check_file`, its result then kept in ``cache`` under ``key``, when
    there is one, whole, and cut to what ``job`` reads (most of what a worker
    sends back is the lines findings touch, and the findings themselves)."""
    result = check_file(path, settings, job)
    if key is not None and cache is not None:
        cache.keep(path, key, result)
    if job.reads is not Reads.LINES:
        result.lines = {}
    if job.reads is Reads.KINDS:
        result.keep_kinds()
    return result


_worker_settings: list[Settings] = []
_worker_cache: ResultCache | None = None


def _init_worker(settings: list[Settings], cache: ResultCache | None) -> None:
    from wenlint.process import collect_less

    global _worker_settings, _worker_cache
    collect_less()
    _worker_settings, _worker_cache = settings, cache
    if cache is not None:
        cache.speaks = False  # the main process warns, once, when told why with the results


def _check_in_worker(task: tuple[list[File], Job]) -> tuple[list[FileResult], str | None]:
    """The results of a batch of files (each kept, when it has a key), and
    the failure to write the cache, if any (see :meth:`ResultCache.fail`)."""
    files, job = task
    results = [_check_and_keep(path, _worker_settings[index], job, _worker_cache, key) for path, index, key in files]
    return results, _worker_cache.failure if _worker_cache is not None else None


def parallel_threshold() -> int:
    """Bytes of input from which worker processes are used: ``WENLINT_PARALLEL_BYTES``, or PARALLEL_THRESHOLD."""
    value = os.environ.get("WENLINT_PARALLEL_BYTES", "")
    if not value:
        return PARALLEL_THRESHOLD
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"WENLINT_PARALLEL_BYTES must be a number of bytes, not {value!r}") from None


def _enough_input(files: list[tuple[str, Settings]], threshold: int) -> bool:
    total = 0
    for path, _ in files:
        if total > threshold:
            break
        total += _size(path) if path != "-" else 0
    return total > threshold


def run(
    files: list[tuple[str, Settings]],
    job: Job,
    workers: int | None = None,
    cache: ResultCache | None = None,
    log: Callable[[str], None] | None = None,
) -> Iterator[FileResult]:
    """Results for ``files``, in the order given: replayed from ``cache``
    where it holds them, the others checked. Uses a process per core
    when there is enough input to be worth it (``log`` is told how many).
    A file whose worker process dies is an error result; Ctrl-C stops the
    run (see :class:`Interrupts`)."""
    checked = 0
    with Interrupts() as interrupts:
        try:
            if cache is None:
                results = _checked(files, job, workers, log)
            else:
                results = cache.replay(
                    files, job, lambda misses, keys: _checked(misses, job, workers, log, cache, keys)
                )
            for result in interrupts.watch(results):
                checked += 1
                yield result
        except KeyboardInterrupt:
            sys.stderr.write(f"interrupted: {checked} of {len(files)} files checked, the rest not\n")
            raise


def _checked(
    files: list[tuple[str, Settings]],
    job: Job,
    workers: int | None,
    log: Callable[[str], None] | None = None,
    cache: ResultCache | None = None,
    keys: list[Key | None] | None = None,
) -> Iterator[FileResult]:
    """Results for ``files``, in order, from this process or from a process per
    core; each result is kept in ``cache`` under its file's key of ``keys``, where it has one."""
    keys = keys or [None] * len(files)
    workers = min(workers or os.cpu_count() or 1, len(files))
    if workers <= 1 or not _enough_input(files, parallel_threshold()):
        if log:
            log(f"checking {plural(len(files), 'file')} in this process")
        return (_check_and_keep(path, settings, job, cache, key) for (path, settings), key in zip(files, keys))
    if log:
        log(f"checking {plural(len(files), 'file')} in {workers} worker processes")
    return _in_workers(files, job, workers, cache, keys)


def _in_workers(
    files: list[tuple[str, Settings]],
    job: Job,
    workers: int,
    cache: ResultCache | None = None,
    keys: list[Key | None] | None = None,
) -> Iterator[FileResult]:
    """Results for ``files`` from a pool of ``workers`` processes, each kept in
    ``cache`` under its key of ``keys`` by the worker that checks it; standard input is read here."""
    from wenlint.workers import Pool  # multiprocessing: only for a run large enough

    stdin = [check_file(path, settings, job) for path, settings in files if path == "-"]
    distinct: list[Settings] = []
    index_of: dict[int, int] = {}
    named: list[File] = []
    for (path, settings), key in zip(files, keys or [None] * len(files)):
        if id(settings) not in index_of:
            index_of[id(settings)] = len(distinct)
            distinct.append(settings)
        if path != "-":
            named.append((path, index_of[id(settings)], key))
    warm_on(named, distinct)
    gc.freeze()  # the collector then leaves the shared objects' pages alone in the workers
    initargs = (distinct, cache)
    try:
        with Pool(workers, initializer=_init_worker, initargs=initargs, context=_fork_context()) as pool:
            order = _dispatch_order(named, workers, reorder=job.mode is Mode.CHECK)
            numbered = _results(pool, _batches(order, workers), job, initargs)
            results = _in_order(numbered)
            for path, _ in files:
                yield stdin.pop(0) if path == "-" else next(results)
    finally:
        gc.unfreeze()


#: The input one task of a worker holds at most: enough files that sending
#: them and their results costs little beside checking them.
BATCH_BYTES = 128 * 1024
#: Towards the end batches get shorter, to at most this share of the files left
#: for each worker, so that the workers finish together.
BATCH_SHARE = 4
#: The last files of a check, this many per worker, are checked biggest
#: first: a long file left for the end would keep one worker busy while the
#: others have nothing left to do. Their results are held until they can be
#: reported in order, so there are few of them.
TAIL_FILES = 64


def _dispatch_order(files: list[File], workers: int, reorder: bool = True) -> list[tuple[int, File]]:
    """``files`` numbered in order, and in the order they are checked: in
    order but for the last TAIL_FILES per worker, biggest first, when
    ``reorder`` and the run holds more. Not when fixing: a file is written
    when it is checked, and one written but held back when the run is
    interrupted would go unreported."""
    numbered = list(enumerate(files))
    start = len(files) - TAIL_FILES * workers
    if not reorder or start <= 0:
        return numbered
    return numbered[:start] + sorted(numbered[start:], key=lambda item: -_size(item[1][0]))


def _batches(files: list[tuple[int, File]], workers: int) -> Iterator[list[tuple[int, File]]]:
    """Numbered ``files``, as batches of files next to each other, each one task of a worker."""
    start = 0
    while start < len(files):
        most = max(1, (len(files) - start) // (workers * BATCH_SHARE))
        end, size = start, 0
        while end < len(files) and end - start < most and size < BATCH_BYTES:
            size += _size(files[end][1][0])
            end += 1
        yield files[start:end]
        start = end


def _results(
    pool: Pool, batches: Iterator[list[tuple[int, File]]], job: Job, initargs: tuple[list[Settings], ResultCache | None]
) -> Iterator[tuple[int, FileResult]]:
    """The numbered results of ``batches`` of numbered files checked in ``pool``
    (its workers started with ``initargs``), batch after batch. A batch whose
    worker died on every try is checked again file by file, each in a worker
    of its own, so that only a file that kills its worker is lost. A worker's
    failure to write the cache is the cache's to warn about."""
    from wenlint.workers import Pool, WorkerDied

    tasks = ((batch, ([file for _, file in batch], job)) for batch in batches)
    for batch, reply in pool.ordered(_check_in_worker, tasks):
        if not isinstance(reply, WorkerDied):
            results, failure = reply
            if failure is not None and initargs[1] is not None:
                initargs[1].fail(failure)
            yield from zip((number for number, _ in batch), results)
        elif len(batch) > 1:
            with Pool(1, initializer=_init_worker, initargs=initargs, context=_fork_context()) as alone:
                yield from _results(alone, ([file] for file in batch), job, initargs)
        else:
            number, (path, *_) = batch[0]
            yield number, FileResult(display_name(path), error=f"{reply} while checking it")


def _in_order(numbered: Iterator[tuple[int, FileResult]]) -> Iterator[FileResult]:
    """The results numbered 0, 1, 2 … in that order, from ``numbered`` in any order."""
    early: dict[int, FileResult] = {}
    wanted = 0
    for number, result in numbered:
        early[number] = result
        while wanted in early:
            yield early.pop(wanted)
            wanted += 1


def warm(distinct: list[Settings], markdown: bool = True) -> None:
    """Make the rules each of ``distinct`` selects (before per-file ignores,
    which only leave rules out), as :func:`check_file` will ask for them, and
    run each on its documented examples: that builds the tables it loads on
    first use. Without ``markdown`` (no document of the run is Markdown), the
    examples written as Markdown are left out, and with them the Markdown
    parser and what only Markdown needs."""
    from wenlint import engine, pipeline
    from wenlint.document import Document, is_markdown_path

    for settings in distinct:
        for rule in pipeline.rules_for(settings, "-"):
            for example in (*rule.bad, *rule.good):
                if markdown or not is_markdown_path(example.path):
                    engine.lint(Document(example.text, example.path), [rule])


#: The characters at the start of a run's first file that its rules check before
#: the workers fork: any text builds most tables, and a few more cost little.
WARM_CHARS = 4096
#: A larger file is not the one checked before the workers fork: it would be read
#: and decoded whole, while no worker runs, for its first WARM_CHARS characters.
WARM_FILE_BYTES = 2**20


def warm_on(files: list[File], distinct: list[Settings]) -> None:
    """Build the tables the run's own text needs, before the workers fork:
    the rules each of ``distinct`` selects (before per-file ignores) check
    the first WARM_CHARS characters of its first file of ``files`` no larger
    than WARM_FILE_BYTES. A table that only other text needs (Traditional
    characters, Markdown, mojibake) is then built by each worker that meets
    such text, and not at all when none does, where the rules' examples
    (:func:`warm`) would build every one of them in every run."""
    from wenlint import pipeline
    from wenlint.document import Document

    first: dict[int, str] = {}
    for path, index, _ in files:
        if index not in first and _size(path, unknown=sys.maxsize) <= WARM_FILE_BYTES:  # not one that cannot be read
            first[index] = path
    for index, path in first.items():
        settings = distinct[index]
        try:
            text = pipeline.load(path, settings, path).text
        except InputError:  # the workers will say why
            continue
        pipeline.run(Document(text[:WARM_CHARS], path), pipeline.rules_for(settings, "-"))


def _size(path: str, unknown: int = 0) -> int:
    """The size of the file at ``path``; ``unknown`` when it cannot be read (reading it will say why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return unknown


def _fork_context():
    """Forked workers, where there are, since they share what :func:`warm_on` built; else the default."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


class Interrupts:
    """SIGINT while a run is under way: raised at once while the runner works,
    held while the caller handles a result (so its report of it stays whole)
    and raised when it asks for the next. Only in the main thread."""

    def __init__(self) -> None:
        self.pending = False
        self.working = False
        self.previous: Any = None

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._on_signal)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def watch(self, results: Generator[Result]) -> Iterator[Result]:
        """``results``, with the runner's work between them interruptible; closed at the end."""
        try:
            while True:
                self.working = True
                try:
                    if self.pending:
                        raise KeyboardInterrupt
                    result = next(results, None)
                finally:
                    self.working = False
                if result is None:
                    return
                yield result
        finally:
            results.close()

    def _on_signal(self, signum: int, frame: Any) -> None:
        self.pending = True
        if self.working:
            raise KeyboardInterrupt
