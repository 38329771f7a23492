"""A document's text as an array of code points, for finding candidates in C.

Rules that look for text repeated at a short distance (`组织组织`, `堡堡垒垒`)
compare the array with itself shifted, which numpy does for a whole
document in a few operations, and then run their exact test (often a
regular expression) only at the few offsets found, through
:func:`matches_from`. NumPy is imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    import numpy as np


def codepoints(text: str) -> np.ndarray:
    """The code points of ``text`` (uint32). Made when a rule asks (about a
    millisecond per MB), not kept as a view: with the masks below they would
    hold six bytes per character for the document's lifetime."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


#: Planes 0-3: beyond them no character is Chinese or a digit (a test checks); they are looked up as one.
_TABLE_SIZE = 0x40000


@cache
def _classes() -> tuple[np.ndarray, np.ndarray]:
    """Two tables over code points: whether each is a Chinese character
    (``textclass.HAN``) and whether it is a decimal digit (``\\d``), found
    by the same ``regex`` classes the rules use, once per process (a few ms)."""
    import numpy as np

    from wenlint.textclass import HAN

    codes = np.arange(_TABLE_SIZE, dtype=np.uint32)
    every = codes[(codes < 0xD800) | (codes >= 0xE000)].tobytes().decode("utf-32-le")
    tables = []
    for pattern in (regex.compile(HAN.pattern + "+"), regex.compile(r"\d+")):
        table = np.zeros(_TABLE_SIZE + 1, dtype=bool)
        for run in pattern.finditer(every):  # runs of consecutive code points (none spans the surrogates)
            table[ord(run[0][0]) : ord(run[0][0]) + len(run[0])] = True
        tables.append(table)
    return tables[0], tables[1]


def han_mask(codes: np.ndarray) -> np.ndarray:
    """Whether each of ``codes`` is a Chinese character (``textclass.is_han``)."""
    import numpy as np

    return _classes()[0][np.minimum(codes, _TABLE_SIZE)]


def digit_mask(codes: np.ndarray) -> np.ndarray:
    """Whether each of ``codes`` is a decimal digit (``\\d``)."""
    import numpy as np

    return _classes()[1][np.minimum(codes, _TABLE_SIZE)]


def repeated_runs(codes: np.ndarray, distance: int, length: int) -> np.ndarray:
    """A bool per offset ``i`` (``len(codes) - distance - length + 1`` of them, or
    none): whether the ``length`` characters from ``i`` recur ``distance`` on."""
    same = codes[:-distance] == codes[distance:]
    size = len(same) - length + 1
    if size <= 0:
        return same[:0]
    run = same[:size].copy()
    for step in range(1, length):
        run &= same[step : step + size]
    return run


def matches_from(pattern: Any, text: str, starts: Sequence[int]) -> Iterator[Any]:
    """The matches ``pattern.finditer(text)`` finds, trying only ``starts``
    (ascending; every offset a match can begin at must be among them; the
    pattern never matches empty text)."""
    resume = 0
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            resume = match.end()
