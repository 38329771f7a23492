"""jieba's segmentation of a text, as datatrove gets it (``jieba.lcut(text)``,
the HMM on), computed mostly in compiled code.

rjieba (jieba-rs) finds jieba's dictionary route: its cut without the HMM is
jieba's, word for word. Its cut with the HMM is not: where the HMM meets
letters and digits it keeps runs such as ``10GBASE-W`` or ``2020.5.16``
whole on purpose, where jieba gives ``10GBASE``, ``-``, ``W``. So the route
comes from rjieba, and each run of one-character words on it (what jieba
hands its HMM) is cut here as jieba cuts it: a run of Chinese characters by
rjieba's HMM, a run with anything else in it by jieba's own HMM code. On
every document of the real text beside the project the result is
``jieba.lcut``'s. rjieba's HMM tables are jieba's rounded differently, so
where two cuts of a Chinese run score within about 10⁻⁷ of each other the
two may choose differently (one string in 20,000 random ones of 1–30
characters).
"""

from __future__ import annotations

import string
from functools import cache


@cache
def _chinese() -> frozenset[str]:
    """The Chinese characters of jieba's blocks (its ``re_han_default``)."""
    return frozenset(map(chr, range(0x4E00, 0x9FD6)))


@cache
def _block() -> frozenset[str]:
    """Every character of jieba's blocks: the dictionary route runs over a
    block, and any other character ends one."""
    return _chinese() | frozenset(string.ascii_letters + string.digits + "+#&._%-")


def cut(text: str) -> list[str]:
    """``jieba.lcut(text)``: every word, blanks and punctuation included."""
    route = _rjieba().cut(text, False)
    single = _block()
    words: list[str] = []
    run = ""
    for word in route:
        # rjieba without the HMM joins one-character words of letters and digits (as jieba does)
        if word in single or word.isascii() and word.isalnum():
            run += word
            continue
        if run:
            words += _cut_run(run)
            run = ""
        words.append(word)
    if run:
        words += _cut_run(run)
    return words


def _cut_run(run: str) -> list[str]:
    """A run of one-character words as jieba cuts it (``Tokenizer.__cut_DAG``)."""
    if len(run) == 1:
        return [run]
    if _rjieba().has_word(run):
        return list(run)  # a word the route left in characters stays in characters
    if run.isascii() and run.isalnum():
        return [run]  # letters and digits: jieba's HMM keeps them whole
    if _chinese().issuperset(run):
        return _rjieba().cut(run)  # its route is the run's characters, which its HMM then cuts
    return list(_finalseg().cut(run))


@cache
def _rjieba():
    """rjieba, loaded on first use (it reads its dictionary on import)."""
    import rjieba

    return rjieba


@cache
def _finalseg():
    """jieba's HMM, for the runs that hold more than Chinese characters."""
    from jieba import finalseg

    return finalseg
