"""Reading inputs, and writing files (fixed documents, reports, caches, shards) atomically."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile

from wenlint.decode import InputError, decode, label
from wenlint.document import Document


def read_document(path: str, max_bytes: int) -> Document:
    """Read and decode one input (``-`` is standard input). Devices are
    refused and at most ``max_bytes`` are read, so neither ``/dev/zero`` nor
    an endless pipe can exhaust memory."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            info = os.stat(path)
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) or stat.S_ISSOCK(info.st_mode):
                raise InputError("not a regular file")
            if info.st_size > max_bytes:
                raise _too_large(max_bytes, info.st_size)
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    return decode(data, path)


def _too_large(max_bytes: int, size: int | None = None) -> InputError:
    """The error for an input over the limit (``size`` unknown for a pipe)."""
    limit = f"{max_bytes / 2**20:g} MiB"
    shown = f"{size / 2**20:.1f} MiB > {limit}" if size else f"over {limit}"
    return InputError(f"file too large ({shown}); raise max-file-size-mb to check it")


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Replace (or create) the file at ``path`` by ``data`` atomically: a
    temporary file in the same folder, written and synced, then renamed over it."""
    directory, name = os.path.split(os.path.realpath(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".wenlint-tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        commit_file(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def commit_file(temporary: str | os.PathLike, path: str | os.PathLike) -> None:
    """Sync the finished ``temporary`` and rename it over ``path``. A file
    replaced keeps its owner (when allowed) and permission bits; a new one
    gets the usual ones (0o666 less the umask). A symlink keeps pointing at
    the (rewritten) file it pointed at."""
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        os.chmod(temporary, 0o666 & ~_umask())
    else:
        if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(PermissionError):
                os.chown(temporary, info.st_uid, info.st_gid)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, target)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_document(path: str, doc: Document) -> str | None:
    """Write ``doc`` back to ``path`` atomically, in its encoding and with
    its line breaks. Returns why it could not be written, or None."""
    try:
        write_atomic(path, doc.to_source().encode(doc.encoding))
    except UnicodeEncodeError as error:
        missing = error.object[error.start]
        return (
            f"cannot write the fixed file: {label(doc.encoding)} has no `{missing}`"
            " (rewrite it as UTF-8 with E001 first)"
        )
    except OSError as error:
        return f"cannot write the fixed file: {error.strerror or error}"
    return None
