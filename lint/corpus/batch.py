"""The per-batch function of corpus mode: records in, ``wenlint`` objects out.

Both engines call these functions on a batch — the local engine in its
worker processes, the Ray engine in its Ray tasks (both through
:func:`wenlint.corpus.local.work`) — so a record gets the same result
whichever runs it. A batch is either raw JSON Lines (with their line
numbers, here) or an Arrow table (Parquet: :mod:`wenlint.corpus.tables`). Each record's text goes through the document
pipeline (:mod:`wenlint.pipeline`).

The ``wenlint`` object of a record::

    {"score": 0-100, "counts": {"E": 0, "M": 2, ...},
     "signals": {"dup_line_frac": 0.0, ...}, "rules": {"M001": 2},
     "findings": [...], "fixed_text": "...",  # fixed_text only with --fix / --unsafe-fixes
     "recipe": {"keep": false, "reasons": ["top_2_gram"]}}   # only with --preset

``counts`` has one key per family letter of the selected rules (and ``X``,
internal errors), zero included, so every row has the same shape;
``signals`` are the document's signals (:mod:`wenlint.signals`), rounded to
4 decimals; ``rules`` counts findings per rule code. The findings are
compact (code, span, and the fix or null:
:func:`wenlint.results.compact_finding_object`); with ``--findings full``
they are the objects of ``wenlint check --output-format json`` without
``filename``, and there is no ``rules``.

Output JSON is strict (RFC 8259): a JSON Lines record holding ``NaN``,
``Infinity`` or a number out of range (over a float's range, or an integer
of more digits than Python converts) is a bad record, as is one nested too
deeply to read or write; it never reaches the output.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wenlint import pipeline
from wenlint.config import Settings
from wenlint.diagnostic import INTERNAL_ERROR
from wenlint.document import Document
from wenlint.results import SourceLines, compact_finding_object, finding_object, touched_lines
from wenlint.shardrule import CorpusRule, corpus_rules, count_batch, pack_views, unpack_views
from wenlint.signals import signals


@dataclass(frozen=True)
class ScanJob:
    """What to do with each record; the same for every shard of a run."""

    text_field: str = "text"
    id_field: str | None = "id"
    fix: bool = False
    unsafe: bool = False
    max_record_bytes: int = 16 * 2**20
    min_score: int | None = None
    preset: str | None = None  # a recipe (wenlint.corpus.presets) whose keep/drop decision joins the output
    keep_rejected: bool = False
    full_findings: bool = False  # today's full finding objects (--findings full), not compact ones
    output_format: str = "jsonl"  # of the kept rows: "jsonl" (bytes) or "parquet" (an Arrow table)
    rejected_format: str = "jsonl"  # of the rejected rows


@dataclass(frozen=True)
class ContextFile:
    """A shard's context written for the worker processes, and the BLAKE2
    digest of what was written: a worker reads it only if the digests agree."""

    path: Path
    digest: str


@dataclass(frozen=True)
class Setup:
    """Everything a worker needs for the batches of one shard.

    ``context`` is what the shard's corpus rules learned in the counting
    pass (code → view, see :mod:`wenlint.shardrule`), or the
    :class:`ContextFile` holding it packed as plain data (so that it
    crosses to worker processes once, not with every batch, and loading
    it runs no code).
    ``token`` names the setup in a worker's cache.
    """

    settings: Settings
    job: ScanJob
    shard: str  # the shard's path as shown in messages; rules see it as the document's path
    token: str
    context: dict[str, Any] | ContextFile | None = None


class RecordError(Exception):
    """A record that cannot be scanned; ``kind`` groups it in the summary."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class RecordStat:
    """What the summary needs to know about one scanned record."""

    number: int  # 1-based line (JSON Lines) or row (Arrow) in its shard
    id: str | None
    size: int  # UTF-8 bytes of the text
    score: int
    codes: dict[str, int]
    recipe_keep: bool = True  # what the --preset recipe decided (True without one)
    reasons: tuple[str, ...] = ()  # the signals past the recipe's thresholds, when it drops the record


def keeps(job: ScanJob, stat: RecordStat) -> bool:
    """Whether a scanned record goes to the output rather than the rejected:
    it scores --min-score or more and the --preset recipe keeps it."""
    return stat.recipe_keep and (job.min_score is None or stat.score >= job.min_score)


@dataclass
class BatchOutput:
    """A scanned batch: rows to keep and to reject (bytes or an Arrow table,
    by ``job.output_format``), one stat per scanned record, and the bad
    records as (number, kind, message)."""

    kept: Any
    rejected: Any
    stats: list[RecordStat] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)


# -- the annotator: rules and names, cached per worker ---------------------------


class Annotator:
    """Runs the document pipeline on one record's text and builds its ``wenlint`` object."""

    def __init__(self, setup: Setup) -> None:
        self.job = setup.job
        self.path = setup.shard
        self.rules = pipeline.make_rules(setup.settings, setup.shard)
        self.corpus_rules = corpus_rules(self.rules)
        self.names = {rule.code: rule.name for rule in self.rules}
        self.recipe_rules = [rule for rule in self.rules if self.job.preset in getattr(rule, "presets", {})]
        self.letters = family_letters(setup.settings)
        self.context = (
            _load_context(self.corpus_rules, setup.context) if isinstance(setup.context, ContextFile) else setup.context
        )

    def annotate(self, text: str) -> tuple[dict[str, Any], int, dict[str, int]]:
        """The ``wenlint`` object of ``text``, its score and its findings per code."""
        doc = Document.from_source(text, self.path)
        doc.corpus = self.context
        checked = pipeline.run(doc, self.rules)
        diagnostics = checked.diagnostics
        codes = Counter(d.code for d in diagnostics)
        counts = dict.fromkeys(self.letters, 0)
        for code, n in codes.items():
            counts[code[0]] = counts.get(code[0], 0) + n
        result: dict[str, Any] = {"score": checked.score, "counts": counts, "signals": rounded_signals(doc)}
        if self.job.full_findings:
            source = SourceLines(touched_lines(doc, diagnostics))
            names = self.names
            result["findings"] = [
                finding_object(d, names.get(d.code, "internal-error"), source, None) for d in diagnostics
            ]
        else:
            result["rules"] = dict(sorted(codes.items()))
            result["findings"] = [compact_finding_object(d) for d in diagnostics]
        if self.job.fix:
            fixable = pipeline.fixable(diagnostics, self.job.unsafe)
            fixed = pipeline.run(doc, self.rules, fix=True, unsafe=self.job.unsafe).doc if fixable else doc
            result["fixed_text"] = fixed.to_source()
        if self.job.preset:
            reasons = [signal for rule in self.recipe_rules for signal, _, _ in rule.failing(doc)]
            result["recipe"] = {"keep": not reasons, "reasons": reasons}
        # views that hold the document (a wrap layout's) make a cycle with it: broken here, the
        # document is freed now, not with its words and views when the cycle collector next runs
        doc.forget_views()
        return result, checked.score, dict(codes)


def rounded_signals(doc: Document) -> dict[str, float]:
    """The document's signals, rounded to 4 decimals for the output."""
    return {name: round(value, 4) for name, value in signals(doc).items()}


def family_letters(settings: Settings) -> tuple[str, ...]:
    """The keys of ``counts``: the family letters of the selected rules, and
    that of internal errors."""
    return tuple(sorted({code[0] for code in settings.codes_for("-")} | {INTERNAL_ERROR[0]}))


_annotators: dict[str, Annotator] = {}


def annotator(setup: Setup) -> Annotator:
    """The worker's Annotator for ``setup`` (built once per shard)."""
    found = _annotators.get(setup.token)
    if found is None:
        _annotators.clear()
        found = _annotators[setup.token] = Annotator(setup)
    return found


def write_context(rules: list[CorpusRule], views: dict[str, Any], output: Path) -> ContextFile:
    """A new private file beside ``output`` (see :func:`shards.new_private_file`)
    holding the shard's ``views`` as plain data."""
    from wenlint.corpus.shards import new_private_file  # it imports this module

    data = pack_views(rules, views)
    handle, path = new_private_file(output, ".wenlint-context")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except BaseException:
        path.unlink()
        raise
    return ContextFile(path, hashlib.blake2b(data).hexdigest())


def _load_context(rules: list[CorpusRule], context: ContextFile) -> dict[str, Any]:
    from wenlint.corpus.shards import ShardError  # it imports this module

    with open(context.path, "rb") as handle:
        data = handle.read()
    if hashlib.blake2b(data).hexdigest() != context.digest:
        raise ShardError(f"{context.path}: changed by someone else while the shard was scanned")
    return unpack_views(rules, data)


# -- fields ---------------------------------------------------------------------------


MISSING = object()
#: Characters of a record's id kept for the summary.
MAX_ID = 200


def get_field(record: Any, dotted: str) -> Any:
    """``record["a"]["b"]`` for ``a.b``; ``MISSING`` when a key is absent."""
    value = record
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return MISSING
        value = value[key]
    return value


def text_of(record: Any, job: ScanJob) -> str:
    """The text field of a record, or RecordError saying what is wrong."""
    if not isinstance(record, dict):
        raise RecordError("not an object", f"not a JSON object but {_kind(record)}")
    return checked_text(get_field(record, job.text_field), job)


def checked_text(text: Any, job: ScanJob) -> str:
    """A text field's value if it can be scanned, or RecordError saying why not."""
    if text is MISSING:
        raise RecordError("no text field", f"no field '{job.text_field}'")
    if not isinstance(text, str):
        raise RecordError("text not a string", f"field '{job.text_field}' is {_kind(text)}, not a string")
    size = _utf8_size(text)
    if size > job.max_record_bytes:
        raise RecordError("too large", _too_large(size, job))
    return text


def id_of(record: Any, job: ScanJob) -> str | None:
    if job.id_field is None:
        return None
    return shown_id(get_field(record, job.id_field))


def shown_id(value: Any) -> str | None:
    """A record's id as the summary shows it: at most MAX_ID characters,
    unpaired surrogates as ``\\udXXX`` escapes (so the summary stays UTF-8)."""
    if value is MISSING or value is None:
        return None
    text = str(value)
    if len(text) > MAX_ID:
        text = text[: MAX_ID - 1] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _utf8_size(text: str) -> int:
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise RecordError(
            "not UTF-8", f"text holds an unpaired surrogate (U+{ord(text[error.start]):04X} at character {error.start})"
        ) from None


def _too_large(size: int, job: ScanJob) -> str:
    return (
        f"record too large ({size / 2**20:.3g} MiB > {job.max_record_bytes / 2**20:.3g} MiB); "
        "raise --max-record-mb to scan it"
    )


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


# -- JSON Lines batches ------------------------------------------------------------------


@dataclass(frozen=True)
class Oversize:
    """A line longer than the record limit, read past without keeping it."""

    size: int


def parse_line(raw: bytes | Oversize, job: ScanJob) -> Any:
    """One JSON Lines record, or RecordError."""
    if isinstance(raw, Oversize):
        raise RecordError("too large", _too_large(raw.size, job))
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError("not UTF-8", f"not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})") from None
    try:
        return json.loads(line, parse_constant=_non_json_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise RecordError("not JSON", f"not JSON: {error.msg} (column {error.colno})") from None
    except RecursionError:
        raise RecordError("too deep", "nested too deeply to read") from None
    except ValueError:  # an integer of more digits than int() converts
        digits = sys.get_int_max_str_digits()
        raise RecordError("number out of range", f"holds an integer of more than {digits} digits") from None


def _non_json_constant(name: str) -> Any:
    raise RecordError("not JSON", f"not JSON: {name} is not a JSON value")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise RecordError("number out of range", f"holds a number out of a float's range ({literal[:40]})")
    return value


def scan_lines(setup: Setup, lines: list[tuple[int, bytes | Oversize]]) -> BatchOutput:
    """Scan a batch of JSON Lines given as (line number, raw line)."""
    job = setup.job
    records, results, stats, errors = [], [], [], []
    for number, raw in lines:
        try:
            record = parse_line(raw, job)
            text = text_of(record, job)
        except RecordError as error:
            errors.append((number, error.kind, str(error)))
            continue
        records.append(record)
        results.append(_scan_text(setup, text, number, id_of(record, job), stats))
    return _output(setup, records, results, stats, errors)


def counts_of_lines(setup: Setup, lines: list[tuple[int, bytes | Oversize]]) -> dict[str, Any]:
    """The counting pass of the corpus rules on every good record of a batch
    (code → counts, see :mod:`wenlint.shardrule`)."""
    texts = []
    for _, raw in lines:
        try:
            texts.append(text_of(parse_line(raw, setup.job), setup.job))
        except RecordError:
            continue
    return count_batch(annotator(setup).corpus_rules, texts)


def _scan_text(setup: Setup, text: str, number: int, record_id: str | None, stats: list[RecordStat]) -> dict:
    result, value, codes = annotator(setup).annotate(text)
    stats.append(RecordStat(number, record_id, len(text.encode("utf-8")), value, codes, *recipe_decision(result)))
    return result


def recipe_decision(result: dict[str, Any]) -> tuple[bool, tuple[str, ...]]:
    """Whether the --preset recipe keeps the record of this ``wenlint`` object, and why not (kept without one)."""
    recipe = result.get("recipe", {"keep": True, "reasons": ()})
    return recipe["keep"], tuple(recipe["reasons"])


def _output(
    setup: Setup, records: list[Any], results: list[dict], stats: list[RecordStat], errors: list[tuple[int, str, str]]
) -> BatchOutput:
    """Rows (input fields plus ``wenlint``), split by --min-score and --preset, in the output
    format. A row that cannot be written is a bad record, not a document."""
    job = setup.job
    kept: list[tuple[int, dict]] = []
    rejected: list[tuple[int, dict]] = []
    for record, result, stat in zip(records, results, stats):
        keep = keeps(job, stat)
        if keep or job.keep_rejected:
            (kept if keep else rejected).append((stat.number, {**record, "wenlint": result}))
    letters = annotator(setup).letters
    kept_rows, unwritten = _rows_as(kept, job.output_format, letters, job)
    rejected_rows, more = _rows_as(rejected, job.rejected_format, letters, job)
    if unwritten or more:
        numbers = {number for number, _, _ in unwritten + more}
        stats = [stat for stat in stats if stat.number not in numbers]
        errors = sorted(errors + unwritten + more)
    return BatchOutput(kept_rows, rejected_rows, stats, errors)


def _rows_as(
    rows: list[tuple[int, dict]], output_format: str, letters: tuple[str, ...], job: ScanJob
) -> tuple[Any, list[tuple[int, str, str]]]:
    """The rows given as (number, row) in ``output_format``, and the errors of those that cannot be written."""
    if output_format != "jsonl":
        from wenlint.corpus.tables import records_table  # it imports this module

        return records_table(rows, letters, job)
    lines, errors = [], []
    for number, row in rows:
        try:
            lines.append(dump_row(row))
        except RecordError as error:
            errors.append((number, error.kind, str(error)))
    return b"".join(lines), errors


def dump_row(row: dict[str, Any]) -> bytes:
    """One line of strict JSON; non-ASCII kept as is unless the row holds
    unpaired surrogates. RecordError when the row cannot be strict JSON."""
    try:
        try:
            return (json.dumps(row, ensure_ascii=False, default=str, allow_nan=False) + "\n").encode("utf-8")
        except UnicodeEncodeError:
            return (json.dumps(row, default=str, allow_nan=False) + "\n").encode("ascii")
    except RecursionError:
        raise RecordError("too deep", "nested too deeply to write") from None
    except ValueError:
        raise RecordError("not JSON", "holds NaN or Infinity, which strict JSON has no way to write") from None
