"""Runs of text written twice in a row, for L005: 2–7 characters long,
found by a pattern on the lines asked for, and 8–32 long, found by looking
every 4th 4-gram of the text up again. Defines no rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

from wenlint.codepoints import MARK

#: A run of 2–7 characters written twice in a row.
_SHORT_REPEAT = re.compile(r"([^\n]{2,7}?)\1")
#: A run of one character (not a line break).
_SAME_CHARACTER = re.compile(r"(.)\1*")
#: Repeats of 8–32 characters are found by looking every 4th 4-gram up again.
LONG_MIN, LONG_MAX, GRAM = 8, 32, 4


def short_repeats(text: str, at: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, size) of the matches of _SHORT_REPEAT that ``finditer`` finds
    in ``text[at:end]`` (whole lines, as no match holds a line break), but
    for runs of one character: a match of one character four times (`    `,
    `....`) is followed by another at each 4th character along its run, all
    passed over at once (no run of one character is fake bold)."""
    while (match := _SHORT_REPEAT.search(text, at, end)) is not None:
        start, size = match.start(), len(match[1])
        if size == 2 and text[start] == text[start + 1]:
            at = start + (_SAME_CHARACTER.match(text, start).end() - start) // 4 * 4
        else:
            at = match.end()
            yield start, size


def long_repeats(text: str, longs: list[tuple[int, bytes]]) -> list[tuple[int, int]]:
    """(start, size) of runs of LONG_MIN–LONG_MAX characters written twice:
    every GRAM-th 4-gram is looked up again LONG_MIN–LONG_MAX characters on
    (only those that may recur: ``longs``, marked in C by
    :func:`wenlint.codepoints.marks`), on from the end of each run found.
    Read through the whole text: where the last run found ends decides which
    4-grams are looked up after it, on its line and on the next ones."""
    found = []
    index = 0
    last = len(text) - LONG_MIN - GRAM  # past it, no 4-gram recurs LONG_MIN on
    for base, marked in longs:
        end = base + len(marked)
        # a piece starts at a multiple of GRAM: offset base + GRAM * k + r is k in by_remainder[r]
        by_remainder = [marked[remainder::GRAM] for remainder in range(GRAM)]
        while index < end:
            # on to the next GRAM-th offset whose 4-gram may recur: at the others `find` finds nothing
            remainder = index % GRAM
            at = by_remainder[remainder].find(MARK, (index - base) // GRAM)
            if at == -1:
                index = end + remainder  # none left in this piece
                break
            index = base + GRAM * at + remainder
            if index > last:
                return found
            run = _found_at(text, index)
            if run is None:
                index += GRAM
            else:
                found.append(run)
                index = run[0] + 2 * run[1]  # on from the run's end
    return found


def _found_at(text: str, index: int) -> tuple[int, int] | None:
    """(start, size) of the first run of LONG_MIN–LONG_MAX characters written
    twice whose first copy holds the 4-gram at ``index``, by the distance it recurs at."""
    gram = text[index : index + GRAM]
    if "\n" in gram:
        return None  # no repeat holds a line break
    limit = index + LONG_MAX + GRAM
    again = text.find(gram, index + LONG_MIN, limit)
    while again != -1:
        start = _doubled_from(text, index, again - index)
        if start is not None:
            return start, again - index
        again = text.find(gram, again + 1, limit)
    return None


def _doubled_from(text: str, index: int, size: int) -> int | None:
    """Where a run of ``size`` characters written twice starts, if one holds
    the characters at ``index`` in its first copy."""
    # the copies' common run holds the GRAM characters at index and size - GRAM more, half of them on one side
    half = (size - GRAM + 1) // 2
    after = index + GRAM
    if not (
        (index >= half and text[index - half : index] == text[index - half + size : index + size])
        or text[after : after + half] == text[after + size : after + half + size]
    ):
        return None
    start = index
    floor = max(0, index + GRAM - size)
    while start > floor and text[start - 1] == text[start - 1 + size]:
        start -= 1
    copy = text[start : start + size]
    if "\n" in copy or copy != text[start + size : start + 2 * size]:
        return None
    return start
