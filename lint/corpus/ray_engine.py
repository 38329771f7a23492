"""The Ray engine: the same batch functions, run by Ray Data.

For each input shard not finished before::

    ray.data.read_json / read_parquet
      → map_batches(tables.counts_of_table)   # the corpus rules' counting pass, when one runs
      → map_batches(_scan_table)              # the scan: one pass, streamed to the driver
      → the driver → the output shard (and the rejected shard, with --rejected)

A scanned batch carries the helper column (what the summary needs of each
row) and the rows themselves: for JSON Lines output, each row's JSON line,
written in the worker from the row's Python values as the local engine
writes it (no Arrow ``wenlint`` struct built and read back); for Parquet,
the input columns and the ``wenlint`` column. The driver takes the batches
in input order, adds their stats to the summary and splits each between
the output and the rejected shard with Arrow filters, writing them with the
local engine's shard writers (temporary file, then rename) — so the output
has the same shape, order and resume behaviour as the local engine's. Ray's JSON reader is Arrow's: a shard that
is not valid JSON Lines fails as a whole (the local engine reports each bad
line), and records are numbered by row, not by line.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from wenlint.config import Settings
from wenlint.corpus import tables
from wenlint.corpus.batch import ScanJob, Setup, keeps
from wenlint.corpus.local import finished, shard_corpus_rules, shard_job
from wenlint.corpus.shards import Plan, Shard, ShardError, ShardWriter, kind_of, stats_path
from wenlint.corpus.summary import ScanProgress, Summary
from wenlint.process import collect_less
from wenlint.shardrule import CorpusRule, ShardTally, pack_counts, unpack_counts
from wenlint.storage import write_atomic

_EXCEPTION_LINE = re.compile(r"^[A-Za-z_.]*(?:Error|Exception)\b.*:")
#: Rows per map_batches call.
BATCH_ROWS = 256


def run_ray(
    plan: Plan, settings_for: Callable[[str], Settings], job: ScanJob, address: str | None, workers: int, progress: bool
) -> Summary:
    """Scan every unfinished shard of ``plan`` on Ray; returns the run's summary."""
    import ray

    if not ray.is_initialized():
        # "local" starts a new instance even when another one runs on this machine
        options: dict[str, Any] = {
            "address": address or "local",
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": "ERROR",
        }
        if address is None:
            options["num_cpus"] = workers
        _init_elsewhere(ray, options)
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # not a line per Dataset executed
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = progress
    summary = Summary(engine="ray", workers=int(ray.cluster_resources().get("CPU", workers)))
    started = time.perf_counter()
    with ScanProgress(0, False) as bar:
        for shard, output, rejected in plan.outputs:
            done = finished(output)
            if done is not None:
                done.shards_skipped, done.input_bytes = 1, 0
                summary.merge(done)
                continue
            try:
                summary.merge(_scan_shard(ray, shard, output, rejected, settings_for(str(shard.path)), job, bar))
            except ShardError as error:
                bar.log("error: " + summary.add_error(str(shard.path), None, "bad shard", str(error)))
    summary.seconds = time.perf_counter() - started
    return summary


def _init_elsewhere(ray, options: dict[str, Any]) -> None:
    """``ray.init`` from an empty directory. Ray puts the driver's working
    directory on its workers' import path; started from a directory that
    holds a folder named ``wenlint`` (the parent of a checkout), the workers
    would import that folder instead of the installed package."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="wenlint-ray-") as empty:
        os.chdir(empty)
        try:
            ray.init(**options)
        finally:
            os.chdir(here)


def _read(ray, shard: Shard):
    if shard.format.kind == "parquet":
        return ray.data.read_parquet(str(shard.path.resolve()))
    options: dict[str, Any] = {"file_extensions": None}
    if shard.format.compression:
        options["arrow_open_stream_args"] = {"compression": shard.format.compression}
    return ray.data.read_json(str(shard.path.resolve()), **options)


def _scan_shard(
    ray, shard: Shard, output: Path, rejected: Path | None, settings: Settings, job: ScanJob, bar: ScanProgress
) -> Summary:
    job = shard_job(job, output, rejected)
    name = str(shard.path)
    setup = Setup(settings, job, name, uuid.uuid4().hex)
    summary = Summary(shards=1, input_bytes=shard.size)
    try:
        dataset = _read(ray, shard)
        counting = shard_corpus_rules(settings, shard)
        if counting:
            setup = replace(setup, context=_count(dataset, setup, counting), token=uuid.uuid4().hex)
        scanned = dataset.map_batches(
            _scan_table, fn_kwargs={"setup": setup}, batch_format="pyarrow", batch_size=BATCH_ROWS
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        targets = [(ShardWriter(output), True)] + ([(ShardWriter(rejected), False)] if rejected else [])
        try:
            number = 1
            for table in scanned.iter_batches(batch_format="pyarrow", batch_size=None):
                stats, errors = tables.table_stats(table, number)
                number += table.num_rows
                for record, kind, message in errors:
                    bar.log("error: " + summary.add_error(name, record, kind, message))
                for stat in stats:
                    summary.add(name, stat, keeps(job, stat))
                for writer, keep in targets:
                    writer.write(_selected(table, job, writer.path, keep))
            write_atomic(stats_path(output), summary.dumps())
            for writer, _ in reversed(targets):  # the output last: its existence marks the shard done
                writer.commit()
        except BaseException:
            for writer, _ in targets:
                writer.abort()
            raise
    except (ray.exceptions.RayError, OSError, ValueError) as error:
        raise ShardError(f"Ray could not scan it: {_last_line(error)}") from None
    return summary


def _last_line(error: Exception) -> str:
    """The cause of a Ray error: its last line naming an exception, or its type."""
    causes = [line.strip() for line in str(error).splitlines() if _EXCEPTION_LINE.match(line.strip())]
    return causes[-1] if causes else type(error).__name__


def _count(dataset, setup: Setup, rules: list[CorpusRule]) -> dict:
    """The counting pass of the corpus ``rules``: counted in the workers,
    merged in the driver in input order; the views the documents see."""
    tally = ShardTally(rules)
    counts = dataset.map_batches(
        _counts_table, fn_kwargs={"setup": setup}, batch_format="pyarrow", batch_size=BATCH_ROWS
    )
    for table in counts.iter_batches(batch_format="pyarrow", batch_size=None):
        for packed in table.column("counts").to_pylist():
            tally.add(unpack_counts(packed))
    return tally.views()


def _scan_table(table, setup: Setup):
    """A batch scanned in a Ray worker that collects garbage as the command does:
    the JSON lines of its rows when every output is JSON Lines (their
    ``wenlint`` objects written straight from Python), else the annotated
    table (and the lines too when one output is)."""
    collect_less()
    job = setup.job
    formats = {job.output_format, job.rejected_format if job.keep_rejected else job.output_format}
    if formats == {"jsonl"}:
        return tables.lines_table(table, setup)
    table, results, helpers = tables.annotate_rows(table, setup)
    annotated = tables.with_annotations(table, results, helpers, setup)
    if "jsonl" in formats:
        annotated = annotated.append_column(tables.LINE, tables.json_lines(table, results, helpers, job))
    return annotated


def _counts_table(table, setup: Setup):
    """tables.counts_of_table as a one-row table (the counts packed as msgpack: their shape is the rules' own)."""
    import pyarrow as pa

    counts = pack_counts(tables.counts_of_table(setup, table))
    return pa.table({"counts": pa.array([counts], type=pa.binary())})


def _selected(table, job: ScanJob, target: Path, keep: bool):
    """The rows of a scanned batch that go to ``target`` (the kept, or the rejected), as its writer takes them."""
    if kind_of(target) == "jsonl":
        return tables.selected_lines(table, job, keep)
    rows = tables.kept_rows(table, job) if keep else tables.rejected_rows(table, job)
    return rows.drop_columns([tables.LINE]) if tables.LINE in rows.column_names else rows
