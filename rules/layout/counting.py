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


class WordTags:
    """jieba's two- and four-character words with their part-of-speech tags:
    the words in a marisa trie, and each tag a byte at its word's key id in
    the trie. Loading it takes a fraction of a millisecond (a dictionary of
    the 199,072 words took 50 ms and tens of MB); a look-up costs a few
    hundred nanoseconds, and a MB of text makes a few thousand at most."""

    __slots__ = ("_words", "_tags", "_names")

    def __init__(self, words: bytes, tags: bytes, names: tuple[str, ...]) -> None:
        import marisa_trie

        self._words = marisa_trie.Trie().frombytes(words)
        self._tags = tags  # the index in names of each word's tag, by key id
        self._names = names

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: str) -> bool:
        try:
            return word in self._words
        except UnicodeEncodeError:  # a lone surrogate, which no word holds (the trie keeps UTF-8)
            return False

    def get(self, word: str, default: str | None = None) -> str | None:
        """The tag of ``word``, or ``default`` when it is no word."""
        try:
            key = self._words.get(word)
        except UnicodeEncodeError:
            return default
        return default if key is None else self._names[self._tags[key]]


def _word_table(path: Path) -> tuple[bytes, bytes, tuple[str, ...]]:
    """What :class:`WordTags` is made of, from jieba's dict.txt: the trie's
    bytes, a tag's index a word, the tags' names."""
    import marisa_trie

    tags = dict(_WORD_LINE.findall(path.read_text(encoding="utf-8")))  # a word listed twice: its last tag
    trie = marisa_trie.Trie(tags)
    names = tuple(sorted(set(tags.values())))
    index = {name: number for number, name in enumerate(names)}
    by_key = bytearray(len(trie))  # (jieba has a few dozen tags: each fits a byte)
    for word, key in trie.items():
        by_key[key] = index[tags[word]]
    return trie.tobytes(), bytes(by_key), names


@cache
def word_tags() -> WordTags:
    """jieba's two- and four-character words with their part-of-speech tags
    (read from its dict.txt without importing jieba, and kept between runs)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the layout rules need the package 'jieba' (jieba>=0.42)")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return WordTags(*kept("jieba-word-tags", lambda: _word_table(path), [path], version=2))
