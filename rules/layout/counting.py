"""What the page-furniture rules (L003, L004, L005) share: runs of numbers
counting up through a document, and jieba's words. Defines no rule."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

from wenlint.tablecache import kept

_WORD_LINE = re.compile(r"^(\S\S|\S\S\S\S) \d+ (\w+)$", re.M)


class Counted(Protocol):
    """Something numbered at a place in the text: a page number, a chunk marker."""

    start: int
    value: int


C = TypeVar("C", bound=Counted)


def counting_run(items: Sequence[C], min_gap: int, max_step: int = 1) -> list[C]:
    """The longest run of ``items`` (in text order) whose values count up by
    one (or by up to ``max_step``: numbers skipped), each at least ``min_gap``
    characters after the one before."""
    best_ending: dict[int, list[C]] = {}  # value -> the longest run ending with that value
    for item in items:
        runs = [best_ending.get(item.value - step) for step in range(1, max_step + 1)]
        runs = [run for run in runs if run and item.start - run[-1].start >= min_gap]
        run = [*max(runs, key=len), item] if runs else [item]
        if len(run) > len(best_ending.get(item.value, ())):
            best_ending[item.value] = run
    return max(best_ending.values(), key=len, default=[])


@cache
def word_tags() -> dict[str, str]:
    """jieba's two- and four-character words with their part-of-speech tags
    (read from its dict.txt without importing jieba, and kept between runs:
    loading the table takes half the time of parsing the dictionary)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the layout rules need the package 'jieba' (jieba>=0.42)")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return kept("jieba-word-tags", lambda: dict(_WORD_LINE.findall(path.read_text(encoding="utf-8"))), [path])
