"""Shards: finding them, reading them in bounded batches, writing them atomically.

An input shard is a JSON Lines file (``.jsonl``, ``.ndjson``, ``.json``;
plain, ``.gz`` or ``.zst``) or a Parquet file (``.parquet``). It is read in
batches of about ``BATCH_BYTES``, so memory does not depend on its size; a
JSON line longer than the record limit is skipped over without being held.

An output shard is written to a hidden temporary file beside it
(``.NAME.XXXXXXXX.wenlint-tmp``, made exclusively) and renamed into place
when complete: an output shard that exists is finished, which is how an
interrupted run resumes. A truncated compressed shard is a ShardError, not a
shorter shard.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import stat
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from wenlint.corpus import require
from wenlint.corpus.batch import Oversize
from wenlint.corpus.compression import open_compressed
from wenlint.errors import WenlintError
from wenlint.storage import commit_file

#: A batch holds about this many bytes of input, or BATCH_RECORDS records.
BATCH_BYTES = 1 << 20
#: A shard's first batch holds this many bytes, each next one twice as many up
#: to BATCH_BYTES: the first results (and the progress bar) come early.
FIRST_BATCH_BYTES = 1 << 16
BATCH_RECORDS = 2000
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet",)
COMPRESSIONS = {".gz": "gzip", ".zst": "zstd"}
#: The summary of a run written to an output directory (``_`` keeps Spark and
#: pyarrow datasets from reading it as a shard).
DIRECTORY_SUMMARY = "_wenlint_summary.json"


class ShardError(WenlintError):
    """A shard (or the output) cannot be used; the message is one line."""


def one_line(error: Exception) -> str:
    """An exception's message on one line (Arrow's may span several)."""
    return " ".join(str(error).split()) or type(error).__name__


@dataclass(frozen=True)
class Format:
    kind: str  # "jsonl" or "parquet"
    compression: str | None = None


def format_of(path: str | Path) -> Format | None:
    """The format a file name says, or None."""
    name = str(path).lower()
    compression = None
    for suffix, codec in COMPRESSIONS.items():
        if name.endswith(suffix):
            name, compression = name[: -len(suffix)], codec
    if name.endswith(PARQUET_SUFFIXES) and compression is None:
        return Format("parquet")
    if name.endswith(JSONL_SUFFIXES):
        return Format("jsonl", compression)
    return None


def kind_of(path: str | Path) -> str:
    """``parquet`` or ``jsonl``: how rows are written to ``path`` (JSON Lines unless it says Parquet)."""
    found = format_of(path)
    return found.kind if found else "jsonl"


@dataclass(frozen=True)
class Shard:
    path: Path
    name: str  # path relative to the input it was found in: the output shard's name
    root: Path  # the input it was found in (a directory, or the shard itself)

    @property
    def format(self) -> Format:
        return format_of(self.path)  # type: ignore[return-value]

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def find_shards(inputs: list[str]) -> list[Shard]:
    """The shards named by ``inputs`` (files, or directories searched recursively), in order."""
    shards: list[Shard] = []
    for item in inputs:
        path = Path(item)
        try:
            path.stat()
        except OSError as error:  # missing, unreadable, or a name too long for the file system
            raise ShardError(f"{item}: {(error.strerror or str(error)).lower()}") from None
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and format_of(p) and not _hidden(p, path))
            if not found:
                raise ShardError(f"{item}: no JSONL or Parquet shards in this directory")
            shards.extend(Shard(p, p.relative_to(path).as_posix(), path) for p in found)
        elif path.is_file():
            if format_of(path) is None:
                raise ShardError(f"{item}: not a JSONL (.jsonl, .ndjson, .json, optionally .gz/.zst) or Parquet file")
            shards.append(Shard(path, path.name, path))
        else:
            raise ShardError(f"{item}: not a regular file or directory (a pipe, socket or device is not a shard)")
    names: dict[str, Path] = {}
    for shard in shards:
        if shard.name in names:
            raise ShardError(f"{names[shard.name]} and {shard.path} would both be written as {shard.name}")
        names[shard.name] = shard.path
    return shards


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


@dataclass(frozen=True)
class Plan:
    """Where each shard's output (and rejected rows) go, and the summary."""

    outputs: list[tuple[Shard, Path, Path | None]]
    summary: Path
    directory: bool


def plan(shards: list[Shard], output: Path, rejected: Path | None) -> Plan:
    """One output shard per input shard. OUTPUT is a file when there is one
    input shard and OUTPUT names a JSONL or Parquet file; otherwise a directory
    holding shards named as the inputs (in their format). An output that is
    an input, lies inside one or holds one is refused: a rerun would take it
    for finished shards, or scan it as input."""
    _refuse_overlap(shards, output, rejected)
    directory = len(shards) > 1 or output.is_dir() or format_of(output) is None
    if not directory:
        return Plan([(shards[0], output, rejected)], output.with_name(output.name + ".summary.json"), False)
    if output.is_file() or (rejected is not None and rejected.is_file()):
        raise ShardError(
            f"{output if output.is_file() else rejected}: several input shards need a directory here, not a file"
        )
    for root in [output, rejected] if rejected else [output]:
        for shard in shards:
            _refuse_linked_folders(root, shard.name)
    outputs = [(shard, output / shard.name, rejected / shard.name if rejected else None) for shard in shards]
    return Plan(outputs, output / DIRECTORY_SUMMARY, True)


def _refuse_linked_folders(root: Path, name: str) -> None:
    """ShardError when a folder between the output directory ``root`` and the
    output shard ``name`` is a symbolic link: it would take the shard elsewhere."""
    folder = root
    for part in Path(name).parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            raise ShardError(f"{folder}: a symbolic link inside the output directory; remove it (it is not followed)")


def _refuse_overlap(shards: list[Shard], output: Path, rejected: Path | None) -> None:
    """ShardError when an output is an input, lies inside one or holds one, or both outputs are one."""
    if rejected is not None and os.path.realpath(rejected) == os.path.realpath(output):
        raise ShardError(f"{rejected}: --rejected and -o name the same place")
    roots = {os.path.realpath(shard.root): shard.root for shard in shards}
    for target in (output, rejected):
        if target is None:
            continue
        where = os.path.realpath(target)
        for real, root in roots.items():
            if _inside(where, real):
                raise ShardError(f"{target}: is the input {root} or lies inside it; write the output elsewhere")
            if _inside(real, where):
                raise ShardError(f"{target}: holds the input {root}; write the output elsewhere")


def _inside(path: str, folder: str) -> bool:
    """Whether the real path ``path`` is ``folder`` or lies inside it."""
    return os.path.commonpath((path, folder)) == folder


def stats_path(output: Path) -> Path:
    """Where a finished shard's statistics are kept (hidden, beside it), so a
    resumed run can still report on shards finished before."""
    return output.with_name(f".{output.name}.wenlint-stats.json")


# -- reading ---------------------------------------------------------------------------------


@dataclass
class Batch:
    """Records of one shard: ``lines`` of JSON Lines, or an Arrow ``table``
    whose first row is ``first`` (1-based). ``position`` is how many bytes of
    the shard file have been read, for progress."""

    kind: str  # "lines" or "table"
    payload: Any
    first: int
    position: int


def read_batches(shard: Shard, max_record_bytes: int) -> Iterator[Batch]:
    if shard.format.kind == "parquet":
        yield from _parquet_batches(shard.path)
    else:
        yield from _jsonl_batches(shard.path, shard.format.compression, max_record_bytes)


def _jsonl_batches(path: Path, compression: str | None, limit: int) -> Iterator[Batch]:
    with open(path, "rb") as raw:
        stream = open_compressed(raw, compression)
        lines: list[tuple[int, bytes | Oversize]] = []
        size = 0
        first = 1
        batch_bytes = FIRST_BATCH_BYTES
        try:
            for number, line in enumerate(_lines(stream, limit), 1):
                if number == 1 and isinstance(line, bytes):
                    line = _without_bom(line)
                if isinstance(line, bytes) and not line.strip():
                    continue
                if not lines:
                    first = number
                lines.append((number, line))
                size += line.size if isinstance(line, Oversize) else len(line)
                if size >= batch_bytes or len(lines) >= BATCH_RECORDS:
                    yield Batch("lines", lines, first, raw.tell())
                    lines, size = [], 0
                    batch_bytes = min(2 * batch_bytes, BATCH_BYTES)
        except zlib.error as error:  # a damaged .gz (a cut one raises EOFError)
            raise ShardError(f"cannot read: {error}") from None
        if lines:
            yield Batch("lines", lines, first, raw.tell())


def _without_bom(first: bytes) -> bytes:
    """The first line of a shard without the UTF-8 byte-order mark some editors
    write; ShardError for UTF-16 or UTF-32 text (JSON Lines are UTF-8)."""
    if first.startswith(codecs.BOM_UTF8):
        return first[len(codecs.BOM_UTF8) :]
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if first.startswith(bom):
            raise ShardError(
                f"cannot read: {name} text; JSON Lines are UTF-8 (convert it, e.g. iconv -f {name} -t UTF-8)"
            )
    return first


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | Oversize]:
    """The lines of ``stream``; one longer than ``limit`` bytes comes as its size only."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                rest = stream.readline(1 << 20)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield Oversize(size)
        else:
            yield line


def _parquet_batches(path: Path) -> Iterator[Batch]:
    parquet = require("pyarrow.parquet", "parquet", "reading Parquet shards")
    import pyarrow as pa

    try:
        handle = parquet.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise ShardError(f"not a readable Parquet file: {one_line(error)}") from None
    meta = handle.metadata
    per_row = max(
        1, sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)) // max(1, meta.num_rows)
    )
    rows = max(1, min(BATCH_RECORDS, BATCH_BYTES // per_row))
    size = path.stat().st_size
    first = 1
    batches = handle.iter_batches(batch_size=rows)
    while True:
        try:
            record_batch = next(batches, None)
        except (pa.ArrowException, OSError) as error:  # a damaged row group
            raise ShardError(f"cannot read: {one_line(error)}") from None
        if record_batch is None:
            return
        table = pa.Table.from_batches([record_batch])
        first += table.num_rows
        yield Batch("table", table, first - table.num_rows, size * (first - 1) // max(1, meta.num_rows))


# -- writing ----------------------------------------------------------------------------------


def refuse_links(output: Path) -> None:
    """ShardError when a symbolic link sits where the output shard or its
    statistics go: renaming over it would write wherever it points."""
    for target in (output, stats_path(output)):
        if target.is_symlink():
            raise ShardError(f"{target}: a symbolic link where the output goes; remove it (it is not followed)")


def new_private_file(beside: Path, suffix: str) -> tuple[int, Path]:
    """(descriptor, path) of a new file next to ``beside`` named
    ``.NAME.XXXXXXXX{suffix}``: made exclusively under an unpredictable name
    (``mkstemp``), readable by its owner only. Such files of ours that a killed
    run left behind are removed first (one run writes an output at a time)."""
    beside.parent.mkdir(parents=True, exist_ok=True)
    left = re.compile(re.escape(f".{beside.name}.") + r"[a-z0-9_]{8}" + re.escape(suffix))
    for other in beside.parent.iterdir():
        if left.fullmatch(other.name):
            info = other.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                other.unlink(missing_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=suffix, dir=beside.parent)
    return handle, Path(name)


class ShardWriter:
    """An output shard being written: a hidden temporary file renamed into
    place by :meth:`commit`. JSON Lines take bytes, Parquet takes Arrow tables.
    The temporary file is made exclusively under an unpredictable name
    (``mkstemp``), so nothing planted in the output directory can redirect it;
    a symbolic link where the shard or its statistics go is refused."""

    def __init__(self, path: Path) -> None:
        refuse_links(path)
        self.path = path
        self.format = format_of(path) or Format("jsonl")
        self.fallback_schema: Any = None  # of an empty Parquet shard: the first empty batch's
        handle, self.temporary = new_private_file(path, ".wenlint-tmp")
        self._file = self._stream = os.fdopen(handle, "wb")
        self._parquet: Any = None
        if self.format.compression == "gzip":
            self._stream = gzip.GzipFile(fileobj=self._file, mode="wb", mtime=0)
        elif self.format.compression == "zstd":
            zstandard = require("zstandard", "zstd", "writing .zst shards")
            self._stream = zstandard.ZstdCompressor().stream_writer(self._file, closefd=False)

    def write(self, payload: Any) -> None:
        if self.format.kind == "jsonl":
            if payload:
                self._stream.write(payload)
            return
        if payload.num_rows == 0:  # an empty batch may lack columns the others have
            self.fallback_schema = self.fallback_schema or payload.schema
            return
        if self._parquet is None:
            self._parquet = self._parquet_writer(payload.schema)
        elif payload.schema != self._parquet.schema:
            try:
                payload = payload.cast(self._parquet.schema)
            except (ValueError, TypeError, NotImplementedError) as error:
                raise ShardError(
                    f"{self.path}: records do not fit the shard's Parquet schema: {one_line(error)}"
                ) from None
        self._parquet.write_table(payload)

    def _parquet_writer(self, schema: Any) -> Any:
        parquet = require("pyarrow.parquet", "parquet", "writing Parquet shards")
        return parquet.ParquetWriter(self._file, schema)

    def commit(self) -> None:
        """Finish the file and rename it into place."""
        if self.format.kind == "parquet":
            if self._parquet is None:
                import pyarrow as pa

                self._parquet = self._parquet_writer(self.fallback_schema or pa.schema([]))
            self._parquet.close()
        elif self._stream is not self._file:
            self._stream.close()
        self._file.close()
        commit_file(self.temporary, self.path)

    def abort(self) -> None:
        """Close and delete the temporary file."""
        try:
            if self._parquet is not None:
                self._parquet.close()
            self._file.close()
        finally:
            self.temporary.unlink(missing_ok=True)
