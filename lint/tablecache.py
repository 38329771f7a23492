"""Tables built from installed data, kept between runs in the user's cache folder.

Some tables a rule needs take longer to build from their source (jieba's
dictionary parsed line by line, every two-byte sequence of a code page
decoded) than to load: :func:`kept` builds one on first use, stores it
atomically (pickled: for a dict of 200,000 words that loads in half the
time of parsing them, where marshal takes longer than the parse) and loads
it in every later process. The folder is the user's own, as for the typo
lexicon's cache. An entry's name says what it was
built from — the table's name and format, wenlint's and Python's versions,
the size and modification time of its source files — so a new version or
changed data builds a new entry; entries unused for 30 days are removed.
Where the cache folder cannot be written, the table is built in memory.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable
from hashlib import blake2b
from pathlib import Path
from typing import TypeVar

from wenlint import __version__

T = TypeVar("T")
#: Seconds after which an entry built from other sources is removed.
STALE_AFTER = 30 * 24 * 3600


def kept(
    name: str,
    build: Callable[[], T],
    sources: Iterable[str | os.PathLike] = (),
    version: int = 1,
    key: str = "",
    quiet: bool = False,
    valid: Callable[[object], bool] | None = None,
) -> T:
    """The table ``name``: loaded when an entry built from the same
    ``sources`` (files) and ``key`` in the same ``version`` of its layout is kept
    (and, given ``valid``, what it loads passes it), else built by ``build``
    and kept. On a terminal, building says so on stderr, unless ``quiet`` (it takes little time)."""
    path = entry_path(name, sources, version, key)
    try:
        with open(path, "rb") as stream:
            table = pickle.load(stream)
        if valid is None or valid(table):
            return table
    except Exception:  # noqa: BLE001 - none yet, unreadable or damaged: build it
        pass
    if sys.stderr.isatty() and not quiet:
        sys.stderr.write(f"wenlint: building the {name} table (once; kept in {path.parent})\n")
    table = build()
    from wenlint.storage import write_atomic  # here: storage reads documents, whose views use kept tables

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        _remove_stale(path, name)
    return table


def entry_path(name: str, sources: Iterable[str | os.PathLike], version: int, key: str = "") -> Path:
    """Where the table ``name`` built from ``sources`` and ``key`` is kept."""
    import platformdirs

    digest = blake2b(f"{version}\0{__version__}\0{sys.version}".encode(), digest_size=10)
    if key:
        digest.update(f"\0{key}".encode("utf-8", "surrogateescape"))
    for source in sources:
        info = os.stat(source)
        digest.update(f"\0{os.fspath(source)}\0{info.st_size}\0{info.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return Path(platformdirs.user_cache_dir("wenlint")) / "tables" / f"{name}-{digest.hexdigest()}.pickle"


def _remove_stale(path: Path, name: str) -> None:
    """Remove the entries of ``name`` built from other sources and unused for
    :data:`STALE_AFTER` (another installation may still use a recent one)."""
    old = time.time() - STALE_AFTER
    for other in path.parent.glob(f"{name}-*.pickle"):
        with contextlib.suppress(OSError):
            if other != path and other.stat().st_atime < old and other.stat().st_mtime < old:
                other.unlink()
