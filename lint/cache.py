"""The result cache of ``wenlint check``: a file whose result is known is not linted again.

A file's result is kept under a key of everything that decides it: the
file's bytes, where it is (its resolved path, however the command line
named it) and its name (which decides Markdown or plain text), the rules
that run on it and the settings (rule options among them), and the code that runs them — wenlint's
version, Python's, and the size and modification time of every file of
wenlint and of each package rules come from (so an edited rule in a
development install is seen). When the key comes again the result is
replayed exactly: the findings, their fixes, the lines they touch and the
score, and so the exit code.

``--fix`` and ``--diff`` replay a result that has no fix they would apply
(nothing would change); a file with such fixes is linted and fixed as
without the cache. What fixing produces, errors, crashed rules (X001) and
standard input are never kept.

Each entry is one msgpack file, ``DIR/results-FORMAT/KEY``, written atomically
(without a sync: a lost entry costs one lint); an entry that is damaged,
of another format or for another key is a miss. The main process keys the
files and reads the entries; a file's entry is written where it is linted,
in a worker process when there are workers (see :meth:`ResultCache.keep`),
so the main process neither works out nor writes thousands of entries
while the workers run. Each entry is written whole under a temporary name
of its own and renamed, so no writer needs a lock: concurrent runs and
workers at worst write the same entry twice.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import fields
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgpack

from wenlint.config import Settings, find_config_file
from wenlint.diagnostic import INTERNAL_ERROR, Applicability, Diagnostic, Edit, Fix, Severity
from wenlint.fingerprint import package_fingerprint, top_package
from wenlint.registry import entry_tops, known_rules
from wenlint.results import FileResult, display_name
from wenlint.storage import open_regular, write_atomic, write_own_atomic

#: The default cache folder's name, at the project root.
DEFAULT_NAME = ".wenlint_cache"
#: Bump when an entry's layout changes: entries of other formats live in other folders.
FORMAT = 3  # 3: the text length, for the score under a baseline
ENTRIES = f"results-{FORMAT}"
#: Marks a folder as a cache (https://bford.info/cachedir/), so backup tools skip it and `clean` knows it.
TAG_NAME = "CACHEDIR.TAG"
TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# This is wenlint's result cache; `wenlint clean` removes it.\n"
GITIGNORE = b"# Created by wenlint: the result cache is never committed.\n*\n"
MARKERS = {".gitignore": GITIGNORE, TAG_NAME: TAG}

Files = list[tuple[str, Settings]]
#: A file's key, and its size and modification time when it was read for it (see :meth:`ResultCache.key`).
Key = tuple[str, tuple[int, int]]

if TYPE_CHECKING:
    from wenlint.runner import Job


def cache_directory(chosen: Path | None, config_file: Path | None) -> Path:
    """The cache folder: ``chosen`` (``--cache-dir``), else ``WENLINT_CACHE_DIR``,
    else ``.wenlint_cache`` at the project root: the folder of ``config_file``
    (``--config``) or of the configuration nearest the working folder, else the working folder."""
    if chosen is not None:
        return chosen
    if os.environ.get("WENLINT_CACHE_DIR"):
        return Path(os.environ["WENLINT_CACHE_DIR"])
    config_file = config_file or find_config_file(Path.cwd())
    return (config_file.parent if config_file else Path()) / DEFAULT_NAME


def clean(directory: Path) -> str:
    """Remove the cache in ``directory``: the entries of every format, its
    markers, and the folder when nothing else is left in it. Says what it did."""
    if not directory.is_dir():
        return f"no cache at {directory}"
    for child in directory.iterdir():
        if _is_entries(child):
            shutil.rmtree(child)
        elif child.name in MARKERS and child.is_file() and child.read_bytes() == MARKERS[child.name]:
            child.unlink()
    try:
        directory.rmdir()
    except OSError:
        return f"removed the cache's entries from {directory}; other files there were left alone"
    return f"removed the cache {directory}"


def _is_entries(folder: Path) -> bool:
    """Whether ``folder`` is a folder of entries of any format (``results-3``; ``rules-3``,
    where earlier versions kept the rules):
    named so, and holding entries (and their temporary files) only; not a
    folder of the user's that happens to be named so (``results-2024`` in a
    folder chosen as ``--cache-dir``)."""
    prefix, _, number = folder.name.partition("-")
    if prefix not in ("results", "rules") or not (number.isascii() and number.isdigit()):
        return False
    if not folder.is_dir() or folder.is_symlink():
        return False
    return all(_is_entry_name(name) for name in os.listdir(folder))


def _is_entry_name(name: str) -> bool:
    """An entry's name (a key: 40 hexadecimal digits), or that of one being written."""
    key = name[1:41] if name.startswith(".") and name.endswith(".wenlint-tmp") else name
    return len(key) == 40 and all(char in "0123456789abcdef" for char in key)


class ResultCache:
    """Results kept in ``directory``; a cache that cannot be written warns once and is then left alone."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.entries = directory / ENTRIES
        self.failure: str | None = None  # why the cache cannot be written, once it is known
        self.speaks = True  # whether failing to write warns (not in a worker: the main process does)
        self.hits = 0
        self._settings_keys: dict[int, tuple[Settings, str]] = {}
        self._made: set[Path] = set()  # folders of entries known to exist
        self._real_folders: dict[str, str] = {}  # a folder's name -> os.path.realpath of it

    def key(self, path: str, settings: Settings) -> Key | None:
        """The key of the file at ``path`` and how it was when read (size,
        modification time); None for standard input and files that cannot be read."""
        if path == "-":
            return None
        try:
            with open_regular(path) as handle:
                info = os.fstat(handle.fileno())
                if info.st_size > settings.max_file_size_mb * 2**20:
                    return None
                data = handle.read()
        except OSError:
            return None
        digest = blake2b(data, digest_size=20)
        where = (self._real_path(path), os.path.basename(display_name(path)))
        decided = (where, settings.codes_for(path), self._settings_key(settings))
        digest.update(repr(decided).encode("utf-8", "surrogateescape"))
        return digest.hexdigest(), (info.st_size, info.st_mtime_ns)

    def _real_path(self, path: str) -> str:
        """``os.path.realpath(path)``, resolving each folder once in a run, not for each of its files."""
        if os.path.islink(path):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        if folder not in self._real_folders:
            self._real_folders[folder] = os.path.realpath(folder)
        return os.path.join(self._real_folders[folder], name)

    def _settings_key(self, settings: Settings) -> str:
        """What decides every file's result under ``settings`` besides the file:
        the settings and the code that lints (worked out once per settings)."""
        if id(settings) not in self._settings_keys:
            decided = (_settings_values(settings), code_fingerprint())
            digest = blake2b(repr(decided).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()
            self._settings_keys[id(settings)] = (settings, digest)  # the settings held: their id stays theirs
        return self._settings_keys[id(settings)][1]

    def get(self, key: str, job: Job) -> FileResult | None:
        """The kept result for ``key``, or None; None also, when ``job``
        fixes or diffs, for a result with a fix it would apply, and when it
        asks for the document's signals, for a result kept without them."""
        try:
            result = _result(self._read(self.entries / key))
        except (OSError, ValueError, TypeError, IndexError, KeyError, msgpack.UnpackException):
            return None
        if job.mode.value != "check" and any(
            d.fix is not None and d.fix.allowed(job.unsafe) for d in result.diagnostics
        ):
            return None
        if job.signals and result.signals is None:
            return None
        return result

    def put(self, key: str, result: FileResult) -> None:
        """Keep ``result`` under ``key``, unless it is an error, a crash or a fix's."""
        if result.error or result.changed or result.fixed_source is not None or not result.converged:
            return
        if any(d.code == INTERNAL_ERROR for d in result.diagnostics):
            return
        self._write(self.entries / key, _fields(result))

    def keep(self, path: str, key: Key, result: FileResult) -> None:
        """Keep ``result`` of the file at ``path`` under ``key`` (see :meth:`put`),
        unless the file has changed since it was read for its key."""
        if _unchanged(path, key[1]):
            self.put(key[0], result)

    def _read(self, entry: Path) -> Any:
        """What the entry file ``entry`` keeps; ValueError when it is of another format or for another key."""
        with open(entry, "rb") as stream:
            fields = msgpack.unpackb(stream.read(), use_list=True, raw=False, strict_map_key=True)
        if not (isinstance(fields, list) and len(fields) == 3 and fields[:2] == [FORMAT, entry.name]):
            raise ValueError("not an entry for this key")
        return fields[2]

    def _write(self, entry: Path, kept: Any) -> None:
        """Write the entry file ``entry`` keeping ``kept``; a cache that cannot be written warns once."""
        if self.failure is not None:
            return
        try:
            self._make(entry.parent)
            write_own_atomic(entry, msgpack.packb([FORMAT, entry.name, kept]))
        except OSError as error:
            self.fail(error.strerror or str(error))

    def fail(self, reason: str) -> None:
        """The cache cannot be written (here, or in a worker process, which says
        why with its results): warn once, unless in a worker, and write no more."""
        if self.failure is None and self.speaks:
            sys.stderr.write(f"warning: cannot write the cache {self.directory}: {reason}\n")
        self.failure = self.failure or reason

    def writable(self) -> bool:
        """Whether entries may be written: their folder made (before workers start,
        which then only write entries in it), or the failure to make it warned about."""
        try:
            self._make(self.entries)
        except OSError as error:
            self.fail(error.strerror or str(error))
        return self.failure is None

    def _make(self, entries: Path) -> None:
        """Create the folder of ``entries`` in the cache folder, marked as a cache and ignored by git, unless it exists."""
        if entries in self._made:
            return
        if not entries.is_dir():
            if not self.directory.exists():
                self.directory.mkdir(parents=True, exist_ok=True)
                for name, content in MARKERS.items():
                    write_atomic(self.directory / name, content, durable=False)
            entries.mkdir(exist_ok=True)
        self._made.add(entries)

    def replay(
        self, files: Files, job: Job, check: Callable[[Files, list[Key | None]], Iterator[FileResult]]
    ) -> Iterator[FileResult]:
        """Results of ``job`` for ``files`` in order: kept ones replayed, the
        others from ``check``, given only those files, in order, and their keys
        (None where the result cannot be kept), which keeps each result it checks (see :meth:`keep`)."""
        keys = [self.key(path, settings) for path, settings in files]
        kept = [self.get(key[0], job) if key else None for key in keys]
        misses = [index for index, result in enumerate(kept) if result is None]
        writable = any(keys[index] for index in misses) and self.writable()
        fresh = check([files[index] for index in misses], [keys[index] if writable else None for index in misses])
        try:
            for (path, _), result in zip(files, kept):
                if result is None:
                    result = next(fresh)
                else:
                    self.hits += 1
                    result.path = display_name(path)
                yield result
        finally:
            fresh.close()


def _settings_values(settings: Settings) -> list[tuple[str, Any]]:
    """Every setting but where the configuration lives (what it means for a
    file is in the file's rule codes): a setting added later is in the key too."""
    return [(field.name, getattr(settings, field.name)) for field in fields(settings) if field.name not in _PLACES]


_PLACES = ("root", "config_file")


def _unchanged(path: str, read: tuple[int, int]) -> bool:
    """Whether the file at ``path`` still has the size and time it had when its key was made."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_size, info.st_mtime_ns) == read


def code_fingerprint() -> str:
    """What identifies the code that lints: the versions of wenlint and
    Python, and the size and modification time of every file of wenlint,
    of the packages the ``wenlint.rules`` entry points name and of those
    the installed rules come from."""
    return package_fingerprint(entry_tops() | {top_package(info.module) for info in known_rules().values()})


# -- an entry: a FileResult as msgpack-able lists, and back, checked ------------------


def _fields(result: FileResult) -> list[Any]:
    lines = [[number, start, text] for number, (start, text) in result.lines.items()]
    return [result.score, lines, [_diagnostic_fields(d) for d in result.diagnostics], result.signals, result.chars]


def _diagnostic_fields(d: Diagnostic) -> list[Any]:
    fix = d.fix
    fixed = None
    if fix is not None:
        edits = [[edit.start, edit.end, edit.content] for edit in fix.edits]
        fixed = [edits, fix.applicability.value, fix.message, fix.encoding, fix.newline]
    position = [d.line, d.column, d.end_line, d.end_column]
    return [d.code, d.start, d.end, d.message, d.severity.value, *position, d.fingerprint, fixed]


def _result(fields: list[Any]) -> FileResult:
    """The FileResult of an entry's fields; ValueError (or TypeError) when they are not what :func:`_fields` writes."""
    score, lines, diagnostics, signals, chars = fields
    kept = {}
    for number, start, text in lines:
        kept[_int(number)] = (_int(start), _str(text))
    found = []
    for code, start, end, message, severity, line, column, end_line, end_column, fingerprint, fixed in diagnostics:
        d = Diagnostic(_str(code), _int(start), _int(end), _str(message), Severity(severity), _fix(fixed))
        d.line, d.column, d.end_line, d.end_column = map(_int, (line, column, end_line, end_column))
        d.fingerprint = _str(fingerprint)
        found.append(d)
    result = FileResult("", found, kept, score=None if score is None else _int(score), chars=_int(chars))
    if signals is not None:
        result.signals = {_str(name): _number(value) for name, value in signals.items()}
    return result


def _fix(fields: list[Any] | None) -> Fix | None:
    if fields is None:
        return None
    edits, applicability, message, encoding, newline = fields
    made = tuple(Edit(_int(start), _int(end), _str(content)) for start, end, content in edits)
    return Fix(made, Applicability(applicability), _str(message), _optional(encoding), _optional(newline))


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError("not an integer")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("not a string")
    return value


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise ValueError("not a number")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _str(value)
