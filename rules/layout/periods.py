"""Text equal to the text a number of characters on, for L005: the
stretch around a run written twice, and text repeating a short run over
and over (`哈哈哈…`), where nothing written twice is fake bold. Defines no
rule."""

from __future__ import annotations

#: Characters compared a slice at a time (then one at a time) along a stretch.
_STEP = 128


def stretch(text: str, start: int, end: int, size: int) -> tuple[int, int]:
    """The longest stretch around ``text[start:end]`` equal to the text ``size`` on."""
    while start >= _STEP and text[start - _STEP : start] == text[start - _STEP + size : start + size]:
        start -= _STEP
    while start > 0 and text[start - 1] == text[start - 1 + size]:
        start -= 1
    while end + size + _STEP <= len(text) and text[end : end + _STEP] == text[end + size : end + size + _STEP]:
        end += _STEP
    while end + size < len(text) and text[end] == text[end + size]:
        end += 1
    return start, end


def repeating_to(text: str, start: int, longest: int) -> int:
    """Where the text from ``start`` on repeats a run of at most ``longest`` characters (``start``: none); a
    run written twice there, longer, repeats within itself (the two periods make a shorter one dividing its
    length: Fine and Wilf), so it is not fake bold (`哈哈哈…`). Its first characters are compared first."""
    first = text[start : start + 2 * longest]
    ends = [stretch(text, start, start, p)[1] + p for p in range(1, longest + 1) if text.startswith(first, start + p)]
    return max(ends, default=start)
