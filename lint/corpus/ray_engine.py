"""The Ray engine: the same batch functions, run by Ray Data.

For each input shard not finished before::

    ray.data.read_json / read_parquet
      → map_batches(tables.counts_of_table)      # the corpus rules' counting pass, when one runs
      → map_batches(tables.annotate_table)       # the scan, materialised once (see _annotate_table)
      → map_batches(tables.kept_rows)     → the driver → the output shard
      → map_batches(tables.rejected_rows) → the driver → the rejected shard (with --rejected)

The driver reads back only the small helper column for the summary, then
takes the kept (and rejected) rows batch by batch, in input order, and
writes them with the local engine's shard writer (temporary file, then
rename) — so the output has the same shape, order and resume behaviour as
the local engine's. Ray's JSON reader is Arrow's: a shard that
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
from wenlint.corpus.shards import Plan, Shard, ShardError, ShardWriter, kind_of, refuse_links, stats_path
from wenlint.corpus.summary import ScanProgress, Summary
from wenlint.engine import collect_less
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
    setup = Setup(settings, replace(job, output_format="parquet"), name, uuid.uuid4().hex)
    summary = Summary(shards=1, input_bytes=shard.size)
    try:
        dataset = _read(ray, shard)
        counting = shard_corpus_rules(settings, shard)
        if counting:
            setup = replace(setup, context=_count(dataset, setup, counting), token=uuid.uuid4().hex)
        annotated = dataset.map_batches(
            _annotate_table, fn_kwargs={"setup": setup}, batch_format="pyarrow", batch_size=BATCH_ROWS
        ).materialize()
        number = 1
        for table in annotated.select_columns([tables.HELPER]).iter_batches(batch_format="pyarrow", batch_size=None):
            stats, errors = tables.table_stats(table, number)
            number += table.num_rows
            for record, kind, message in errors:
                bar.log("error: " + summary.add_error(name, record, kind, message))
            for stat in stats:
                summary.add(name, stat, keeps(job, stat))
        if rejected is not None:
            _write(annotated, tables.rejected_rows, job, rejected)
        output.parent.mkdir(parents=True, exist_ok=True)  # the statistics are written before the output
        refuse_links(output)
        write_atomic(stats_path(output), summary.dumps())
        _write(annotated, tables.kept_rows, job, output)
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


def _annotate_table(table, setup: Setup):
    """batch.annotate_table in a Ray worker that collects garbage as the command does."""
    collect_less()
    return tables.annotate_table(table, setup)


def _counts_table(table, setup: Setup):
    """tables.counts_of_table as a one-row table (the counts packed as msgpack: their shape is the rules' own)."""
    import pyarrow as pa

    counts = pack_counts(tables.counts_of_table(setup, table))
    return pa.table({"counts": pa.array([counts], type=pa.binary())})


def _write(annotated, select: Callable, job: ScanJob, target: Path) -> None:
    """Write the rows ``select`` picks into ``target``, atomically, in input
    order: the driver takes the batches in order (``preserve_order``) and
    writes them with the local engine's shard writer. (Ray's own writers
    name their part files by write task, which does not always follow the
    input order.)"""
    output_format = kind_of(target)
    rows = annotated.map_batches(select, fn_kwargs={"job": job}, batch_format="pyarrow", batch_size=None)
    writer = ShardWriter(target)
    try:
        for table in rows.iter_batches(batch_format="pyarrow", batch_size=None):
            writer.write(tables.table_as(table, output_format))
        writer.commit()
    except BaseException:
        writer.abort()
        raise
