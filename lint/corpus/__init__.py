"""Corpus mode: ``wenlint scan`` over JSONL and Parquet shards.

| module | what |
|---|---|
| ``shards`` | finding input shards, reading them in bounded batches, writing output shards atomically |
| ``compression`` | reading ``.gz`` and ``.zst`` shards so that a cut or damaged file is an error |
| ``batch`` | the one per-batch function (records → ``wenlint`` objects, through the document pipeline) |
| ``tables`` | the same on Arrow tables (Parquet), and the split by ``--min-score`` |
| ``schema`` | the Arrow type of the ``wenlint`` column, generated from the finding object's field list |
| ``local`` | the local engine: worker processes, bounded in-flight batches, resume, the corpus rules' counting pass |
| ``ray_engine`` | the local engine's shard loop with its batches run as Ray tasks |
| ``summary`` | totals, the score histogram, the worst documents, the progress bar |
| ``presets`` | the published recipes as ``--preset``: thresholds for the document-level rules |
"""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingExtra(Exception):
    """An optional library is not installed; the message names the extra."""


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtra` naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"{purpose} needs {module.split('.')[0]}: pip install 'wenlint[{extra}]'") from None
