"""Reading inputs, and writing files (fixed documents, reports, caches, shards) atomically."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from wenlint.decode import InputError, decode, label
from wenlint.process import ENDING_SIGNALS, signals_held

if TYPE_CHECKING:
    from wenlint.document import Document

#: The name of a temporary file of :func:`write_atomic`: ``.NAME.`` and
#: eight random characters (``tempfile.mkstemp``'s) before ``.wenlint-tmp``.
TEMPORARY_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.wenlint-tmp", re.DOTALL)
#: A temporary file unchanged this long was left by a run that was killed.
STALE_SECONDS = 15 * 60
_swept: set[str] = set()  # the folders remove_stale_temporaries has cleaned in this process


def read_document(path: str, max_bytes: int) -> Document:
    """Read and decode one input (``-`` is standard input). Only regular
    files are opened, and at most ``max_bytes`` are read, so neither a FIFO
    nor ``/dev/zero`` nor an endless pipe can block the run or exhaust memory."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            with open_regular(path) as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > max_bytes:
                    raise too_large(max_bytes, size)
                data = handle.read(size + 1)  # a buffer of the file's size, not of the limit
                if len(data) > size:  # grown since, or a /proc file that says 0: read on, to the limit
                    data += handle.read(max_bytes + 1 - len(data))
        except NotRegularFile:
            raise InputError("not a regular file") from None
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return decode(data, path)


class NotRegularFile(OSError):
    """A FIFO, socket, device or directory where a regular file was expected."""

    def __init__(self) -> None:
        super().__init__("not a regular file")


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """``path`` open for reading in binary, when it is a regular file; raises
    :class:`NotRegularFile` otherwise. Never blocks: nothing else is opened
    (opening a FIFO waits for a writer, a device may act on being opened),
    and the descriptor itself is checked, in case the path changed between."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def too_large(max_bytes: int, size: int | None = None) -> InputError:
    """The error for an input over the limit (``size`` unknown for a pipe)."""
    limit = f"{max_bytes / 2**20:g} MiB"
    shown = f"{size / 2**20:.1f} MiB > {limit}" if size else f"over {limit}"
    return InputError(f"file too large ({shown}); raise max-file-size-mb to check it")


class OwnerNotKept(OSError):
    """A replacement for a file cannot be given the file's owner and group."""


def write_atomic(path: str | os.PathLike, data: bytes, keep_owner: bool = False, durable: bool = True) -> None:
    """Replace (or create) the file at ``path`` by ``data`` atomically: a
    temporary file in the same folder, written and synced, then renamed over
    it. The temporary file is removed on any exception (SIGTERM included,
    which the command line raises). With ``keep_owner``, raises
    :class:`OwnerNotKept`, replacing nothing, when the file's owner and group
    cannot be kept. Without ``durable`` the file is not synced (for a cache,
    whose entry lost in a crash is only built again)."""
    directory, name = os.path.split(os.path.realpath(path))
    with _temporary(directory, name) as (handle, temporary):
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        commit_file(temporary, path, keep_owner, durable)


def write_own_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Replace (or create) the file at ``path``, in a folder of wenlint's own
    (a cache entry), by ``data`` atomically, without a sync: unlike
    :func:`write_atomic` no link is resolved and no owner or mode is kept
    (the file gets the usual mode), which saves most of the system calls of
    writing thousands of small files."""
    directory, name = os.path.split(path)
    with _temporary(directory, name) as (handle, temporary):
        with os.fdopen(handle, "wb") as out:
            os.fchmod(handle, 0o666 & ~_umask())
            out.write(data)
        os.replace(temporary, path)


@contextlib.contextmanager
def _temporary(directory: str, name: str) -> Iterator[tuple[int, str]]:
    """A new temporary file beside ``name`` in ``directory``: (its descriptor,
    its path); removed on any exception (SIGTERM included, which the command line raises).
    The ending signals and Ctrl-C are held while it is made: one that came between its
    creation and its name known here would leave it behind."""
    temporary = None
    try:
        with signals_held({*ENDING_SIGNALS, signal.SIGINT}):
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".wenlint-tmp", dir=directory)
        yield handle, temporary
    except BaseException:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise


def commit_file(
    temporary: str | os.PathLike, path: str | os.PathLike, keep_owner: bool = False, durable: bool = True
) -> None:
    """Sync the finished ``temporary`` (unless not ``durable``) and rename it over ``path``. A file
    replaced keeps its permission bits, and its owner and group when allowed
    (when not: :class:`OwnerNotKept` with ``keep_owner``, else the owner is
    whoever runs this); a new one gets the usual ones (0o666 less the umask).
    A symlink keeps pointing at the (rewritten) file it pointed at."""
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        os.chmod(temporary, 0o666 & ~_umask())
    else:
        made = os.stat(temporary)
        if (info.st_uid, info.st_gid) != (made.st_uid, made.st_gid):
            try:
                os.chown(temporary, info.st_uid, info.st_gid)
            except PermissionError:
                if keep_owner:
                    raise OwnerNotKept(f"cannot give the fixed file the owner of {os.fsdecode(path)}") from None
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
    if durable:
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    os.replace(temporary, target)


def _overwrite(path: str, data: bytes) -> None:
    """Rewrite the file at ``path`` in place, as editors do when a new file
    could not be given its owner: it keeps owner, group, mode and links, but
    the write is not atomic."""
    with open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_document(path: str, doc: Document) -> str | None:
    """Write ``doc`` back to ``path`` atomically, in its encoding and with
    its line breaks, keeping its owner and group. Returns why it could not
    be written, or None. A read-only file is left as it is."""
    try:
        if is_read_only(path):
            return "read-only file, not fixed"
        data = doc.to_source().encode(doc.encoding)
        remove_stale_temporaries(os.path.dirname(os.path.realpath(path)))
        try:
            write_atomic(path, data, keep_owner=True)
        except OwnerNotKept:
            _overwrite(path, data)
    except UnicodeEncodeError as error:
        missing = error.object[error.start]
        return (
            f"cannot write the fixed file: {label(doc.encoding)} has no `{missing}`"
            " (rewrite it as UTF-8 with E001 first)"
        )
    except OSError as error:
        return f"cannot write the fixed file: {error.strerror or error}"
    return None


def is_read_only(path: str | os.PathLike) -> bool:
    """Whether the file at ``path`` is read-only: its mode has no write bit
    (which root, who may write anything, respects too), or this user may
    not write it. Replacing the file by a rename would succeed in a
    writable folder; the file's mode says it should not be changed."""
    return not os.stat(path).st_mode & 0o222 or not os.access(path, os.W_OK)


def remove_stale_temporaries(directory: str) -> None:
    """Remove what a killed run left in ``directory``: regular files (never
    symlinks) named as :func:`write_atomic` names its temporaries and
    unchanged for :data:`STALE_SECONDS`. Each folder once per process."""
    if directory in _swept:
        return
    _swept.add(directory)
    cutoff = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not TEMPORARY_NAME.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
