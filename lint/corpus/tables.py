"""The Arrow side of the per-batch function: Parquet tables in, annotated tables out.

:func:`scan_table` is what a worker (a local process or a Ray task) runs on
a Parquet batch: it annotates the rows (:func:`annotate_table`) and splits
them as ``--min-score`` and ``--preset`` say. A record gets the same
``wenlint`` object as from :mod:`wenlint.corpus.batch`, whose Annotator both use.
"""

from __future__ import annotations

import json
import math
from typing import Any

from wenlint.corpus.batch import (
    MISSING,
    BatchOutput,
    RecordError,
    RecordStat,
    ScanJob,
    Setup,
    annotator,
    checked_text,
    dump_row,
    get_field,
    recipe_decision,
    shown_id,
)
from wenlint.corpus.schema import wenlint_type
from wenlint.corpus.shards import ShardError, one_line
from wenlint.shardrule import count_batch

#: What pyarrow raises on a Python value it cannot convert (its own errors
#: derive from ValueError, TypeError or NotImplementedError).
_ARROW_ERRORS = (ValueError, TypeError, NotImplementedError, OverflowError, RecursionError)


def records_table(rows: list[tuple[int, dict]], letters: tuple[str, ...], job: ScanJob):
    """The rows given as (number, row) as an Arrow table, and the errors of the
    rows that cannot be Arrow values (an integer over 64 bits, say). Rows of
    one batch whose types disagree are a ShardError: they fit no one schema."""
    try:
        return _rows_table([row for _, row in rows], letters, job), []
    except _ARROW_ERRORS:
        pass
    good, errors = [], []
    for number, row in rows:
        try:
            _rows_table([row], letters, job)
            good.append(row)
        except _ARROW_ERRORS as error:
            errors.append((number, "not a Parquet row", f"cannot be a Parquet row: {one_line(error)}"))
    try:
        return _rows_table(good, letters, job), errors
    except _ARROW_ERRORS as error:
        raise ShardError(f"records do not fit one Parquet schema: {one_line(error)}") from None


def _rows_table(rows: list[dict], letters: tuple[str, ...], job: ScanJob):
    import pyarrow as pa

    records = [{key: value for key, value in row.items() if key != "wenlint"} for row in rows]
    # the fields of every record, not only of the first (as from_pylist would take)
    table = pa.Table.from_struct_array(pa.array(records)) if records else pa.table({})
    results = pa.array(
        [row["wenlint"] for row in rows], type=wenlint_type(letters, job.fix, job.full_findings, job.preset is not None)
    )
    return table.append_column("wenlint", results)


def column_values(table, dotted: str) -> list[Any]:
    """The values of a (possibly nested, ``a.b``) field for every row; ``MISSING`` where absent."""
    top, _, rest = dotted.partition(".")
    if top not in table.column_names:
        return [MISSING] * table.num_rows
    values = table.column(top).to_pylist()
    if not rest:
        return values
    return [get_field(value, rest) for value in values]


def texts_of_table(table, job: ScanJob, broken: dict[int, RecordError] | None = None) -> list[str | RecordError]:
    """The text of every row, or the RecordError that row has (``broken``: see :func:`broken_rows`)."""

    def texts(clean) -> list[str | RecordError]:
        found: list[str | RecordError] = []
        for value in column_values(clean, job.text_field):
            try:
                found.append(checked_text(value, job))
            except RecordError as error:
                found.append(error)
        return found

    names = table.column_names
    if len(set(names)) < len(names):
        twice = next(name for name in names if names.count(name) > 1)
        raise ShardError(f"the field name '{twice}' appears more than once; the records' fields need distinct names")
    return _per_row(table, broken_rows(table) if broken is None else broken, texts)


def broken_rows(table) -> dict[int, RecordError]:
    """Row index → what is wrong, for the rows Arrow holds but cannot give
    as Python values: strings that are not UTF-8 (Arrow reads Parquet
    without checking them). Usually none, found by one check of the table."""
    import pyarrow as pa

    try:
        table.validate(full=True)
        return {}
    except pa.ArrowInvalid:
        pass
    broken = {}
    for index in range(table.num_rows):
        row = table.slice(index, 1)
        for name in row.column_names:
            try:
                row.column(name).validate(full=True)
            except pa.ArrowInvalid as error:
                broken[index] = (
                    RecordError("not UTF-8", f"field '{name}' holds bytes that are not UTF-8")
                    if "UTF8" in str(error)
                    else RecordError("damaged row", f"field '{name}' is damaged: {one_line(error)}")
                )
                break
    return broken


def _per_row(table, broken: dict[int, RecordError], values_of) -> list[Any]:
    """``values_of(table)``, each broken row's value being its RecordError (the others taken one by one)."""
    if not broken:
        return values_of(table)
    return [broken[i] if i in broken else values_of(table.slice(i, 1))[0] for i in range(table.num_rows)]


#: A column the engines add to annotated tables and never write: what the
#: summary needs about each row, and the error of a bad row.
HELPER = "_wenlint"


def helper_type():
    import pyarrow as pa

    return pa.struct(
        [
            ("score", pa.int32()),
            ("size", pa.int64()),
            ("id", pa.string()),
            ("codes", pa.string()),
            ("recipe_keep", pa.bool_()),
            ("reasons", pa.list_(pa.string())),
            ("kind", pa.string()),
            ("error", pa.string()),
        ]
    )


def annotate_table(table, setup: Setup):
    """``table`` with a ``wenlint`` column (null on a bad row; any ``wenlint``
    column of its own replaced) and the HELPER column."""
    import pyarrow as pa

    job = setup.job
    if HELPER in table.column_names:
        raise ShardError(f"the field name '{HELPER}' is wenlint's own; rename that column to scan the shard")
    if "wenlint" in table.column_names:
        table = table.drop_columns(["wenlint"])
    broken = broken_rows(table)
    ids = [None] * table.num_rows
    if job.id_field:
        ids = _per_row(table, broken, lambda clean: column_values(clean, job.id_field))
    results: list[dict | None] = []
    helpers: list[dict] = []
    for text, record_id in zip(texts_of_table(table, job, broken), ids):
        record_id = None if isinstance(record_id, RecordError) else shown_id(record_id)
        if isinstance(text, RecordError):
            results.append(None)
            helpers.append({"id": record_id, "kind": text.kind, "error": str(text)})
            continue
        result, value, codes = annotator(setup).annotate(text)
        results.append(result)
        keep, reasons = recipe_decision(result)
        helpers.append(
            {
                "score": value,
                "size": len(text.encode("utf-8")),
                "id": record_id,
                "codes": json.dumps(codes),
                "recipe_keep": keep,
                "reasons": list(reasons),
            }
        )
    kind = wenlint_type(annotator(setup).letters, job.fix, job.full_findings, job.preset is not None)
    return table.append_column("wenlint", pa.array(results, type=kind)).append_column(
        HELPER, pa.array(helpers, type=helper_type())
    )


def kept_rows(table, job: ScanJob):
    """The good rows of an annotated table that --min-score and --preset keep, without the helper."""
    return _rows(table, job, keep=True)


def rejected_rows(table, job: ScanJob):
    """The good rows of an annotated table that --min-score or --preset rejects, without the helper."""
    return _rows(table, job, keep=False)


def _rows(table, job: ScanJob, keep: bool):
    return table.filter(_mask(table, job, keep)).drop_columns([HELPER])


def _mask(table, job: ScanJob, keep: bool):
    """Which rows of an annotated table are good and kept (or, not ``keep``, rejected)."""
    import pyarrow.compute as pc

    score = pc.struct_field(table.column(HELPER), "score")
    good = pc.is_valid(score)
    kept = pc.struct_field(table.column(HELPER), "recipe_keep")
    if job.min_score is not None:
        kept = pc.and_(kept, pc.greater_equal(score, job.min_score))
    return pc.and_(good, kept if keep else pc.invert(kept))


def table_stats(table, first: int) -> tuple[list[RecordStat], list[tuple[int, str, str]]]:
    """The stats of the good rows and the errors of the bad rows of an annotated
    table whose first row is row ``first`` of its shard."""
    stats, errors = [], []
    for number, row in enumerate(table.column(HELPER).to_pylist(), first):
        if row["error"] is not None:
            errors.append((number, row["kind"], row["error"]))
        else:
            codes = json.loads(row["codes"])
            reasons = tuple(row["reasons"] or ())
            stats.append(RecordStat(number, row["id"], row["size"], row["score"], codes, row["recipe_keep"], reasons))
    return stats, errors


def scan_table(setup: Setup, table, first_row: int = 1) -> BatchOutput:
    """Scan an Arrow table whose first row is row ``first_row`` of its shard."""
    job = setup.job
    annotated = annotate_table(table, setup)
    stats, errors = table_stats(annotated, first_row)
    kept = kept_rows(annotated, job)
    rejected = rejected_rows(annotated, job) if job.keep_rejected else kept.slice(0, 0)
    return BatchOutput(table_as(kept, job.output_format), table_as(rejected, job.rejected_format), stats, errors)


def counts_of_table(setup: Setup, table) -> dict[str, Any]:
    """The counting pass of the corpus rules on an Arrow table (see :func:`batch.counts_of_lines`)."""
    texts = [text for text in texts_of_table(table, setup.job) if isinstance(text, str)]
    return count_batch(annotator(setup).corpus_rules, texts)


def table_as(table, output_format: str) -> Any:
    """An output table as its shard writer takes it: bytes for JSONL, else the table.
    The input's fields are written as Arrow gives them (a map as its list of pairs,
    duplicate keys and all); ``wenlint.rules``, a map of distinct codes, as an object."""
    if output_format == "jsonl":
        return b"".join(_json_line(_rules_as_object(row)) for row in table.to_pylist())
    return table


def _rules_as_object(row: dict[str, Any]) -> dict[str, Any]:
    result = row.get("wenlint")
    if isinstance(result, dict) and isinstance(result.get("rules"), list):
        result["rules"] = dict(result["rules"])
    return row


def _json_line(row: dict[str, Any]) -> bytes:
    """A row of an Arrow table as strict JSON: NaN and ±Infinity (Arrow floats JSON cannot write) become null."""
    try:
        return dump_row(row)
    except RecordError:
        return dump_row(_finite(row))


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value
