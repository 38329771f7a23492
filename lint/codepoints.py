"""A document's text as an array of code points, for finding candidates in C.

Rules that look for text repeated at a short distance (`组织组织`, `堡堡垒垒`)
compare the array with itself shifted, which numpy does for a whole
document in a few operations, and then run their exact test (often a
regular expression) only at the few offsets found, through
:func:`matches_from`. NumPy is imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from wenlint.document import Document


def codepoints(doc: Document) -> np.ndarray:
    """The text's code points (uint32), shared through ``doc.view(codepoints)``."""
    import numpy as np

    return np.frombuffer(doc.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


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
