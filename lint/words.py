"""jieba's segmentation of a text, as datatrove gets it (``jieba.lcut(text)``,
the HMM on), computed mostly in compiled code.

rjieba (jieba-rs) cuts a text as jieba does, in blocks of characters, each
by its dictionary route with the runs of one-character words handed to an
HMM; its blocks hold a few more kinds of character than jieba's. Where a
block holds only Chinese characters of jieba's (U+4E00–U+9FD5) and runs of
letters and digits that jieba's HMM keeps whole (``GDP``, ``12.5%``),
rjieba's cut with the HMM is jieba's, and the text between such blocks is
cut that way, in compiled code. Elsewhere it is not: its HMM keeps runs
such as ``10GBASE-W`` or ``2020.5.16`` whole on purpose, where jieba gives
``10GBASE``, ``-``, ``W``, and a character of the other CJK blocks joins a
block there but not in jieba. Such a block is cut from rjieba's route
without the HMM, word for word jieba's, and each run of one-character
words on it (what jieba hands its HMM) is cut as jieba cuts it: its
stretches of Chinese characters by rjieba's HMM (by jieba's own HMM code
where such a stretch is a word of the dictionary, which rjieba would leave
in characters), the text between them by jieba's HMM's pattern for letters
and digits. On every document of the real text beside the
project the result is ``jieba.lcut``'s. rjieba's HMM tables are jieba's
rounded differently, so where two cuts of a run of Chinese characters
score within about 10⁻⁷ of each other the two may choose differently (one
string in 20,000 random ones of 1–30 characters).
"""

from __future__ import annotations

import re
import string
from functools import cache

#: The characters of jieba-rs's blocks (its ``RE_HAN_DEFAULT``): Chinese characters of every CJK
#: block, letters, digits and ``+#&._%-``.
_BLOCK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1fa-zA-Z0-9+#&._%\\-"


#: jieba's HMM's stretches of Chinese characters (``finalseg.re_han``), and its runs of letters and
#: digits (``finalseg.re_skip``), kept whole.
_CHINESE = re.compile("([\u4e00-\u9fd5]+)")
_LETTERS_AND_DIGITS = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


@cache
def _odd_blocks() -> re.Pattern[str]:
    r"""Finds each block of two characters or more that is not all jieba's Chinese characters and runs of letters and
    digits each of which jieba's HMM keeps whole (``[a-zA-Z0-9]+(?:\.\d+)?%?``: ``GDP``, ``12.5%``);
    compiled on first use (3 ms, which a check that splits no words does not pay)."""
    return re.compile(
        f"((?<![{_BLOCK}])(?=[{_BLOCK}]{{2}})"
        "(?:[\u4e00-\u9fd5]++|[a-zA-Z0-9]++(?:\\.[0-9]++)?+%?+(?![a-zA-Z0-9.%]))*+"
        f"[{_BLOCK}]++)"
    )


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
    # blocks are cut each on its own, so the text between two odd ones is cut on its own too:
    # the split gives that text and the odd blocks in turn, text first and last
    pieces = _odd_blocks().split(text)
    rjieba_cut = _rjieba().cut
    words = rjieba_cut(pieces[0], True) if pieces[0] else []
    for index in range(1, len(pieces), 2):
        words += _cut_block(pieces[index])
        if pieces[index + 1]:
            words += rjieba_cut(pieces[index + 1], True)
    return words


def _cut_block(text: str) -> list[str]:
    """jieba's cut of ``text``, from rjieba's route."""
    single = _block()
    words: list[str] = []
    run = ""
    for word in _rjieba().cut(text, False):
        # rjieba without the HMM joins one-character words of letters and digits (as jieba does)
        if word in single or word.isascii() and word.isalnum():
            run += word
            continue
        if run:
            words += _cut_run(run)
            run = ""
        words.append(word)
    return words + _cut_run(run) if run else words


def _cut_run(run: str) -> list[str]:
    """A run of one-character words as jieba cuts it (``Tokenizer.__cut_DAG``)."""
    if len(run) == 1:
        return [run]
    if _rjieba().has_word(run):
        return list(run)  # a word the route left in characters stays in characters
    if _chinese().issuperset(run):
        return _rjieba().cut(run)  # its route is the run's characters, which its HMM then cuts
    # jieba's HMM (``finalseg.cut``): each stretch of Chinese characters by the HMM, and in the text
    # between, runs of letters and digits (with a decimal part and a percent sign) apart from the rest
    words: list[str] = []
    for index, part in enumerate(_CHINESE.split(run)):
        if index % 2:
            words += _hmm(part)
        elif part:
            words += filter(None, _LETTERS_AND_DIGITS.split(part))
    return words


def _hmm(chinese: str) -> list[str]:
    """jieba's HMM's cut of a stretch of Chinese characters: rjieba's, where its route is the
    characters (it is for a stretch that is no word: a stretch of one-character words of the route
    is cut that way alone) and it hands them all to its HMM (a word it leaves in characters)."""
    if len(chinese) == 1 or not _rjieba().has_word(chinese):
        return _rjieba().cut(chinese)
    return list(_finalseg().cut(chinese))


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
