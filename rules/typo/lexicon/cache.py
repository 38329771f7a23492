"""The lexicon's cache: where it is, loading it, building and storing it
once when several processes start together, removing stale ones."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import pickle
import time
from collections.abc import Callable, Iterable
from functools import cache, partial
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

from wenlint import tablecache
from wenlint.storage import write_atomic
from wenlint_rules import DATA
from wenlint_rules.typo.lexicon import build
from wenlint_rules.typo.lexicon.query import Lexicon

#: Bump when the cached layout or how it is built changes.
FORMAT = 11
#: Bytes before the first pickle: its size.
_HEAD = 8
#: Seconds after which another cache (built from other versions) is removed.
STALE_AFTER = 30 * 24 * 3600

T = TypeVar("T")


@cache
def lexicon() -> Lexicon:
    """The lexicon, loaded (or built and cached) once per process.
    Where the cache cannot be read or written, it is built in memory."""
    return _cached_or_built(cache_path(), load, Lexicon)


def _cached_or_built(path: Path, read: Callable[[Path], T | None], built: Callable[[dict], T]) -> T:
    """What ``read`` finds in the cache at ``path``, or, where it finds
    nothing, ``built`` of the lexicon's data built again and stored.

    Several processes finding nothing at once build it once: the first takes
    a lock beside the cache file, the others wait and then read what it wrote."""
    found = read(path)
    if found is not None:
        return found
    with _build_lock(path):
        found = read(path)  # another process may have built it while this one waited
        if found is not None:
            return found
        data = build.build()
        store(path, data)
    return built(data)


def kept_beside(name: str, build: Callable[[], T], version: int = 1, sources: Iterable[str] = (), key: str = "") -> T:
    """The table ``name`` that ``build`` makes from the lexicon (and other
    ``sources``: files; ``key``: the settings it is built with), kept between
    runs beside its cache (lint/tablecache.py: built again when the cache,
    a source or ``key`` changes), or built in memory where there is no cache."""
    path = cache_path()
    return tablecache.kept(name, build, [path, *sources], version, key) if path.exists() else build()


def cache_path() -> Path:
    """Where the cache is (in the user's cache folder, as it is now)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("wenlint")) / _cache_name()


@cache
def _cache_name() -> str:
    """The cache's name: it says what it was built from (the layout, the
    packages' versions, the shipped table's content, not its file time, so
    that every installation of the same wenlint shares one cache)."""
    versions = "-".join(importlib.metadata.version(name) for name in ("jieba", "wordfreq", "pypinyin"))
    shape = hashlib.blake2b((DATA / "typo_shape.tsv").read_bytes(), digest_size=6).hexdigest()
    return f"typo-lexicon-{FORMAT}-{versions}-{shape}.pickle"


def load(path: Path) -> Lexicon | None:
    """The cached lexicon, or None when there is none or it cannot be read.
    The tables only some rules read are left in the file until one asks."""
    try:
        with open(path, "rb") as stream:
            stream.seek(_HEAD)
            return Lexicon(pickle.load(stream), partial(_load_later, path))
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: build it again
        return None


def _load_later(path: Path) -> dict:
    """The tables stored after the rest (see store), or, when the cache is
    gone or damaged by then, built again (and stored) as on the first load."""
    return _cached_or_built(path, _read_later, itemgetter("later"))


def _read_later(path: Path) -> dict | None:
    try:
        with open(path, "rb") as stream:
            stream.seek(_HEAD + int.from_bytes(stream.read(_HEAD), "little"))
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - as load
        return None


def store(path: Path, data: dict) -> None:
    """Write the cache atomically, so a reader never sees half a file: the
    size of what every run reads, that, then the tables only some rules read
    (``data["later"]``). A cache that cannot be written is skipped."""
    first = pickle.dumps({key: value for key, value in data.items() if key != "later"}, pickle.HIGHEST_PROTOCOL)
    later = pickle.dumps(data["later"], pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, len(first).to_bytes(_HEAD, "little") + first + later)
        _remove_stale(path)
    except OSError:
        pass


@contextlib.contextmanager
def _build_lock(path: Path):
    """Hold an exclusive lock beside the cache while building it, so that
    processes starting together build it once; no lock where none can be had."""
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        stream = open(path.parent / "typo-lexicon.lock", "a")
    except (ImportError, OSError):
        yield
        return
    with stream:
        try:
            fcntl.flock(stream, fcntl.LOCK_EX)
        except OSError:
            pass
        yield  # closing the file releases the lock


def _remove_stale(path: Path) -> None:
    """Remove other caches (and temporary files) left for a while: another
    installation may still use a cache built from other versions, and
    removing it at once would have the two rebuild theirs in turn."""
    old = time.time() - STALE_AFTER
    for other in path.parent.glob("typo-lexicon-*"):
        if other.suffix in (".pickle", ".tmp") and other != path:
            with contextlib.suppress(OSError):
                if other.stat().st_mtime < old:
                    other.unlink()
