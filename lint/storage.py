"""Reading inputs and writing fixed files back atomically."""

from __future__ import annotations

import os
import stat
import sys
import tempfile

from wenlint.decode import InputError, decode
from wenlint.document import Document


def read_document(path: str, max_bytes: int) -> Document:
    """Read and decode one input (``-`` is standard input)."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            size = os.stat(path).st_size
            if size > max_bytes:
                raise InputError(
                    f"file too large ({size / 2**20:.1f} MiB > {max_bytes // 2**20} MiB); raise max-file-size-mb to check it"
                )
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    return decode(data, path)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` by ``data`` through a temporary file and
    a rename, keeping its permission bits. A symlink keeps pointing at the
    (rewritten) file it pointed at."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    handle, temporary = tempfile.mkstemp(prefix=".wenlint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
