"""What identifies installed code without importing it: the versions of
wenlint and Python, and the size and modification time of every file of
its packages, so that an edited module of a development install is seen.
The result cache keys results with it, and the registry the rules it keeps."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from functools import cache
from hashlib import blake2b

from wenlint import __version__


@cache
def package_fingerprint(tops: frozenset[str]) -> str:
    """The versions of wenlint and Python, and the size and modification time of every file of the packages ``tops``."""
    digest = blake2b(f"{__version__}\0{sys.version}".encode(), digest_size=16)
    for top in sorted(tops):
        spec = importlib.util.find_spec(top)
        if spec is None:
            continue
        places = list(spec.submodule_search_locations or ()) or [spec.origin]
        for place in sorted(filter(None, places)):
            for name, info in _files(place):
                digest.update(f"\0{name}\0{info.st_size}\0{info.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def top_package(module: str) -> str:
    """The top-level package of the module named ``module``."""
    return module.strip().partition(".")[0]


def _files(place: str) -> Iterator[tuple[str, os.stat_result]]:
    """Every file at or under ``place`` (not ``__pycache__``), in a fixed order, with its status."""
    if not os.path.isdir(place):
        yield place, os.stat(place)
        return
    for root, folders, names in os.walk(place):
        folders[:] = sorted(folder for folder in folders if folder != "__pycache__")
        for name in sorted(names):
            path = os.path.join(root, name)
            yield path, os.stat(path)
