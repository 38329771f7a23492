"""Line keys: lines compared across documents, and counted per shard.

Lines are compared the way CCNet deduplicates paragraphs: every digit
becomes ``0`` and everything but letters, marks and digits (punctuation,
symbols, spaces, control characters) is dropped, after case folding. So
``时间:2022-07-04 11:15:02 来源:网友投稿`` and ``时间：2023-01-09 08:00:00
来源：网友投稿`` are the same line. A normalised line needs
``MIN_LETTERS`` characters that are not digits to be counted: shorter ones
(``同志们：``, ``2022年3月5日``) repeat in any large corpus without being chrome.

Each line is counted once per document, by a 64-bit hash of its normalised
form. :class:`LineCounter` keeps the counts of one shard exactly, in sorted
NumPy arrays: 12 bytes per distinct line (about 100 MB for a 1 GB shard).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import regex

#: A normalised line needs this many characters other than digits to be counted.
MIN_LETTERS = 4

_DROP = regex.compile(r"[^\n\p{L}\p{M}\p{N}]+")
_DIGIT = regex.compile(r"\p{Nd}")
#: Merge pending hashes into the counts once this many have piled up.
_MERGE_EVERY = 1 << 22


def normalized_lines(text: str) -> list[str]:
    """The lines of ``text``, each normalised as CCNet does (see the module)."""
    return _DIGIT.sub("0", _DROP.sub("", text).casefold()).split("\n")


def line_key(normalized: str) -> int | None:
    """The 64-bit key of a normalised line, or None when it is too short to count."""
    if len(normalized) - normalized.count("0") < MIN_LETTERS:
        return None
    return int.from_bytes(
        hashlib.blake2b(normalized.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )


def line_keys(text: str) -> list[tuple[int, int]]:
    """(0-based line index, key) of every line of ``text`` long enough to count."""
    keyed = []
    for index, normalized in enumerate(normalized_lines(text)):
        key = line_key(normalized) if normalized else None
        if key is not None:
            keyed.append((index, key))
    return keyed


def document_keys(text: str) -> set[int]:
    """The distinct line keys of one document."""
    return {key for _, key in line_keys(text)}


@dataclass(frozen=True)
class RepeatedLines:
    """The keys of the lines found in ``min_documents`` or more of a shard's ``documents``."""

    repeated: frozenset[int]
    documents: int
    min_documents: int


class LineCounter:
    """In how many documents of a shard each line key occurs, counted exactly."""

    def __init__(self) -> None:
        import numpy

        self._np = numpy
        self.documents = 0
        self._keys = numpy.empty(0, dtype=numpy.uint64)  # sorted, distinct
        self._counts = numpy.empty(0, dtype=numpy.uint32)
        self._pending: list = []
        self._pending_size = 0

    def add(self, keys: list[int], documents: int) -> None:
        """Count the keys of ``documents`` documents (each key listed once per document)."""
        np = self._np
        array = np.array(keys, dtype=np.uint64)
        self.documents += documents
        if array.size:
            self._pending.append(array)
            self._pending_size += array.size
            if self._pending_size >= _MERGE_EVERY:
                self._merge()

    def _merge(self) -> None:
        np = self._np
        new_keys, new_counts = np.unique(np.concatenate(self._pending), return_counts=True)
        self._pending, self._pending_size = [], 0
        keys = np.concatenate((self._keys, new_keys))
        counts = np.concatenate((self._counts, new_counts.astype(np.uint32)))
        self._keys, inverse = np.unique(keys, return_inverse=True)
        self._counts = np.bincount(inverse, weights=counts).astype(np.uint32)

    def repeated(self, min_documents: int) -> frozenset[int]:
        """The keys found in at least ``min_documents`` documents."""
        if self._pending:
            self._merge()
        return frozenset(self._keys[self._counts >= min_documents].tolist())

    def repeated_lines(self, min_documents: int) -> RepeatedLines:
        return RepeatedLines(self.repeated(min_documents), self.documents, min_documents)
