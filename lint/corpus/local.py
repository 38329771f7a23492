"""The local engine: shard after shard, batches spread over worker processes.

Memory stays flat: a shard is read in batches of about 1 MB and at most
``IN_FLIGHT_PER_WORKER`` batches per worker are under way at once; results
are written in input order as they come back. Each finished output shard
(and, beside it, its statistics) is renamed into place, so a rerun skips it.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from wenlint import pipeline
from wenlint.config import Settings
from wenlint.corpus import batch as batches
from wenlint.corpus import tables
from wenlint.corpus.batch import ScanJob, Setup
from wenlint.corpus.shards import (
    Batch,
    Plan,
    Shard,
    ShardError,
    ShardWriter,
    kind_of,
    read_batches,
    stats_path,
)
from wenlint.corpus.summary import ScanProgress, Summary
from wenlint.document import Document
from wenlint.process import collect_less
from wenlint.runner import Interrupts
from wenlint.shardrule import CorpusRule, ShardTally, corpus_rules
from wenlint.signals import signals
from wenlint.storage import write_atomic
from wenlint.workers import Pool, WorkerDied

IN_FLIGHT_PER_WORKER = 3


def shard_job(job: ScanJob, output: Path, rejected: Path | None) -> ScanJob:
    """``job`` producing rows in the formats of ``output`` and ``rejected``."""
    return replace(
        job,
        output_format=kind_of(output),
        rejected_format=kind_of(rejected) if rejected else "jsonl",
        keep_rejected=rejected is not None,
    )


def shard_corpus_rules(settings: Settings, shard: Shard) -> list[CorpusRule]:
    """The corpus rules that run on ``shard``: none, no counting pass."""
    return corpus_rules(pipeline.make_rules(settings, str(shard.path)))


def warm(distinct: list[Settings]) -> None:
    """Build, before the workers fork, what they then share: the selected rules'
    tables (see :func:`wenlint.runner.warm`; a record is named after its shard,
    so it is never read as Markdown) and the word splitter of the signals
    (both of its parts: a run of Chinese and a digit, `第1次`)."""
    from wenlint.runner import warm as warm_rules

    warm_rules(list({id(settings): settings for settings in distinct}.values()), markdown=False)
    signals(Document("预热第1次。"))


def finished(output: Path) -> Summary | None:
    """The statistics of an output shard finished by an earlier run, or None."""
    if not output.exists():
        return None
    try:
        return Summary.from_json(json.loads(stats_path(output).read_text("utf-8")))
    except (OSError, ValueError, KeyError):
        return Summary(shards=1)


def run_local(
    plan: Plan, settings_for: Callable[[str], Settings], job: ScanJob, workers: int, progress: bool
) -> Summary:
    """Scan every shard of ``plan`` not finished before; returns the run's summary."""
    summary = Summary(engine="local", workers=workers)
    pending = unfinished(plan, summary)
    if workers < 2 or not pending:
        return scan_all(pending, settings_for, job, None, progress, summary)
    warm([settings_for(str(shard.path)) for shard, _, _ in pending])
    gc.freeze()  # the collector then leaves the shared objects' pages alone in the forked workers
    try:
        with Workers(workers) as pool:
            return scan_all(pending, settings_for, job, pool, progress, summary)
    finally:
        gc.unfreeze()


def unfinished(plan: Plan, summary: Summary) -> list[tuple[Shard, Path, Path | None]]:
    """The (shard, output, rejected) of ``plan`` not finished before; the
    finished ones' statistics go to ``summary``."""
    pending = []
    for shard, output, rejected in plan.outputs:
        done = finished(output)
        if done is not None:
            done.shards_skipped, done.input_bytes = 1, 0
            summary.merge(done)
        else:
            pending.append((shard, output, rejected))
    return pending


def scan_all(
    pending: list[tuple[Shard, Path, Path | None]],
    settings_for: Callable[[str], Settings],
    job: ScanJob,
    pool: Any,
    progress: bool,
    summary: Summary,
) -> Summary:
    """Scan the ``pending`` shards one after another, their batches run by
    ``pool`` (None: in this process); returns ``summary`` with theirs added.
    Ctrl-C stops the run as it stops check (see runner.Interrupts): at once
    while a batch is worked on, else when the next is asked for, or at the end."""
    started = time.perf_counter()
    scanned = 0  # shards finished (or found bad) in this run
    with Interrupts() as interrupts:
        try:
            with ScanProgress(sum(shard.size for shard, _, _ in pending), progress) as bar:
                for shard, output, rejected in pending:
                    bar.describe(shard.name)
                    try:
                        settings = settings_for(str(shard.path))
                        summary.merge(scan_shard(shard, output, rejected, settings, job, pool, bar, interrupts))
                    except ShardError as error:
                        bar.log("error: " + summary.add_error(str(shard.path), None, "bad shard", str(error)))
                    scanned += 1
            if interrupts.pending:  # came after the last batch
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            sys.stderr.write(
                f"interrupted: {scanned} of {len(pending)} shards scanned, the rest not"
                " (the same command resumes after the finished ones)\n"
            )
            raise
    summary.seconds = time.perf_counter() - started
    return summary


class Workers(Pool):
    """The scan's worker processes; they collect garbage as the command does."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers, initializer=collect_less, in_flight_per_worker=IN_FLIGHT_PER_WORKER)

    def alone(self) -> Workers:
        """A pool of one worker: for the records of a batch whose worker died, each alone."""
        return Workers(1)


def scan_shard(
    shard: Shard,
    output: Path,
    rejected: Path | None,
    settings: Settings,
    job: ScanJob,
    pool: Any,
    bar: ScanProgress,
    interrupts: Interrupts,
) -> Summary:
    """Scan one shard into ``output`` (and ``rejected``), atomically."""
    job = shard_job(job, output, rejected)
    name = str(shard.path)
    setup = Setup(settings, job, name, uuid.uuid4().hex)
    summary = Summary(shards=1, input_bytes=shard.size)
    context_file = None
    counting = shard_corpus_rules(settings, shard)
    try:
        if counting:
            bar.describe(f"{shard.name} (counting)")
            tally = ShardTally(counting)
            for _, counts in _results(shard, "count", setup, pool, interrupts):
                tally.add(counts)
            context = tally.views()
            setup = replace(setup, token=uuid.uuid4().hex)  # a new annotator, holding the context
            if pool is None:
                setup = replace(setup, context=context)
            else:
                context_file = batches.write_context(counting, context, output)
                setup = replace(setup, context=context_file)
        bar.describe(shard.name)
        _write_shard(shard, output, rejected, setup, pool, bar, summary, interrupts)
    except OSError as error:
        raise ShardError(f"cannot read: {error.strerror or error}") from None
    except EOFError as error:  # a truncated .gz
        raise ShardError(f"cannot read: {error}") from None
    finally:
        if context_file is not None:
            context_file.path.unlink(missing_ok=True)
    return summary


def _write_shard(
    shard: Shard,
    output: Path,
    rejected: Path | None,
    setup: Setup,
    pool: Any,
    bar: ScanProgress,
    summary: Summary,
    interrupts: Interrupts,
) -> None:
    job = setup.job
    name = str(shard.path)
    writers = [ShardWriter(output)]
    if rejected is not None:
        writers.append(ShardWriter(rejected))
    try:
        position = 0
        for item, result in _results(shard, "scan", setup, pool, interrupts):
            writers[0].write(result.kept)
            if rejected is not None:
                writers[1].write(result.rejected)
            for number, kind, message in result.errors:
                bar.log("error: " + summary.add_error(name, number, kind, message))
            for stat in result.stats:
                summary.add(name, stat, batches.keeps(job, stat))
            bar.advance(item.position - position, len(result.stats), sum(stat.size for stat in result.stats))
            position = item.position
        write_atomic(stats_path(output), summary.dumps())
        for writer in reversed(writers):  # the output last: its existence marks the shard done
            writer.commit()
    except BaseException:
        for writer in writers:
            writer.abort()
        raise


def _results(shard: Shard, kind: str, setup: Setup, pool: Any, interrupts: Interrupts) -> Iterator[tuple[Batch, Any]]:
    """(batch, result) for every batch of ``shard``, in order; Ctrl-C stops them (see scan_all)."""
    return interrupts.watch(_ordered(pool, kind, setup, read_batches(shard, setup.job.max_record_bytes)))


def _ordered(pool: Any, kind: str, setup: Setup, items: Iterator[Batch]) -> Iterator[tuple[Batch, Any]]:
    """(batch, result) for every batch, in order, with a bounded number in flight."""
    if pool is None:
        for item, task in _calls(kind, setup, items):
            yield item, work(task)
        return
    for item, result in pool.ordered(work, _calls(kind, setup, items)):
        if not isinstance(result, WorkerDied):
            yield item, result
        elif _size(item) > 1:
            yield from _one_by_one(pool, kind, setup, item)
        else:
            yield item, _lost(kind, setup, item, result)


def _calls(kind: str, setup: Setup, items: Iterable[Batch]) -> Iterator[tuple[Batch, tuple]]:
    """(batch, the task of :func:`work` for it) for every batch."""
    return ((item, (kind, setup, item.kind, item.payload, item.first)) for item in items)


def _size(item: Batch) -> int:
    return len(item.payload) if item.kind == "lines" else item.payload.num_rows


def _one_by_one(pool: Any, kind: str, setup: Setup, item: Batch) -> Iterator[tuple[Batch, Any]]:
    """The results of a batch whose worker died, record by record, each alone
    in a worker of its own: only the records that kill it are lost."""
    if item.kind == "lines":
        records = [Batch("lines", [line], line[0], item.position) for line in item.payload]
    else:
        records = [Batch("table", item.payload.slice(i, 1), item.first + i, item.position) for i in range(_size(item))]
    with pool.alone() as alone:
        for record, result in alone.ordered(work, _calls(kind, setup, records)):
            yield record, _lost(kind, setup, record, result) if isinstance(result, WorkerDied) else result


def _lost(kind: str, setup: Setup, record: Batch, died: WorkerDied) -> Any:
    """The result of a record whose worker died on every try: no counts, or
    no row and a bad-record line."""
    if kind == "count":
        return {}
    job = setup.job
    error = (record.first, "worker died", f"{died} while scanning this record")
    return batches.BatchOutput(_no_rows(job.output_format), _no_rows(job.rejected_format), [], [error])


def _no_rows(output_format: str) -> Any:
    """An empty batch of rows in ``output_format``."""
    if output_format == "jsonl":
        return b""
    import pyarrow

    return pyarrow.table({})


def work(task: tuple[str, Setup, str, Any, int]) -> Any:
    """Run in a worker: the corpus rules' counts (``count``) or the scan (``scan``) of one batch."""
    kind, setup, batch_kind, payload, first = task
    if kind == "count":
        return (batches.counts_of_lines if batch_kind == "lines" else tables.counts_of_table)(setup, payload)
    if batch_kind == "lines":
        return batches.scan_lines(setup, payload)
    return tables.scan_table(setup, payload, first)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
