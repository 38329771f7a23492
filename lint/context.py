"""Helpers rules share for looking at a match's surroundings."""

from __future__ import annotations

from wenlint.textclass import is_chinese


def char_before(text: str, start: int) -> str:
    return text[start - 1] if start > 0 else ""


def char_after(text: str, end: int) -> str:
    return text[end] if end < len(text) else ""


def touches_chinese(text: str, start: int, end: int) -> bool:
    """Whether the span has a Chinese character or punctuation right beside it."""
    return is_chinese(char_before(text, start) or " ") or is_chinese(char_after(text, end) or " ")
