"""Document signals: the statistics that web-corpus recipes filter documents on.

Named and defined as the recipes define them, so that a threshold taken
from a recipe means here what it means there:

* datatrove's Gopher repetition filter (``dup_line_frac``, ``dup_para_frac``,
  ``dup_line_char_frac``, ``dup_para_char_frac``, ``top_2_gram``…``top_4_gram``,
  ``duplicated_5_n_grams``…``duplicated_10_n_grams``), its FineWeb quality
  filter (``line_punct_ratio``, ``short_line_ratio``, ``char_dup_ratio``,
  ``list_ratio``) and its Gopher quality filter (``avg_word_length``,
  ``alpha_words_ratio``, ``stop_words`` with FineWeb-2's Mandarin list);
  words are split as datatrove splits Chinese (jieba, blanks dropped);
* data-juicer (``avg_line_length``, ``special_char_ratio``, ``char_rep_ratio``);
* ChineseWebText (``han_ratio``, ``han_chars``, ``duplicated_13_char_grams``).

Every value is a number; an empty text gives zeros. The line signals come
from one pass over the lines, the character signals from one pass over the
characters, and the word signals (the costly part: a jieba segmentation)
are computed only when something asks for them. Rules read them through
``doc.view(line_signals)`` and ``doc.view(word_signals)``; :func:`signals`
gives them all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import regex

from wenlint.textclass import HAN
from wenlint.words import cut

#: FineWeb-2's stop words for Mandarin (``cmn_Hani``): a document of real
#: prose holds at least two of them.
STOP_WORDS = frozenset(
    [
        "的",
        "年",
        "在",
        "月",
        "是",
        "和",
        "日",
        "了",
        "於",
        "·",
        "為",
        "有",
        "被",
        "人",
        "中",
        "为",
        "他",
        "與",
        "後",
        "也",
        "而",
        "由",
    ]
)
#: FineWeb's short line: this many characters or fewer.
SHORT_LINE = 30
#: data-juicer's character n-gram for ``char_rep_ratio``; ChineseWebText's for its repetition.
CHAR_REP_N = 10
LONG_CHAR_GRAM = 13
TOP_GRAMS = (2, 3, 4)
DUPLICATED_GRAMS = (5, 6, 7, 8, 9, 10)

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_LINE_BREAKS = re.compile(r"\n+")
#: datatrove's terminal punctuation (`。！？.!?` and their kin): Unicode's
#: sentence terminals with three Khmer signs more, and less those datatrove's
#: list lacks (the vertical forms `︒︕︖`, `․`, and a few of other scripts,
#: U+2E60 and U+2E61 among them: Unicode 17's, known to newer `regex` releases).
_TERMINAL = regex.compile(
    r"(?V1)[[\p{Sentence_Terminal}\u17d6\u17d9\u17da]"
    r"--[\u1b4e\u1b4f\u1b7f\u2024\u2cf9-\u2cfb\u2e60\u2e61\ufe12\ufe15\ufe16\U000113d4\U000113d5\U00016d6e\U00016d6f]]$"
)
_BLANK = regex.compile(r"\s")
#: data-juicer's special characters: whitespace, punctuation, symbols and digits
#: (by Unicode category, not its hand-made list).
_SPECIAL = regex.compile(r"[\s\p{P}\p{S}\p{Nd}]")
#: A "word" of nothing but punctuation (Gopher's symbol words).
_SYMBOL_WORD = regex.compile(r"[\p{P}\p{S}\s]+")


def _duplicates(items: Sequence[str]) -> tuple[int, int]:
    """How many of ``items`` repeat an earlier item, and their characters."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen:
            count += 1
            chars += len(item)
        else:
            seen.add(item)
    return count, chars


def line_signals(doc: Any) -> dict[str, float]:
    """The signals of lines, paragraphs and characters (no word segmentation)."""
    text = doc.text
    size = len(text)
    if not size:
        return dict.fromkeys(LINE_SIGNALS, 0.0)
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    para_dups, para_chars = _duplicates(paragraphs)
    lines = _LINE_BREAKS.split(text)
    line_dups, line_chars = _duplicates(lines)
    filled = [line for line in text.split("\n") if line.strip()]
    n_filled = len(filled) or 1
    non_blank = size - len(_BLANK.findall(text))
    han = len(HAN.findall(text))
    return {
        "dup_para_frac": para_dups / len(paragraphs),
        "dup_para_char_frac": para_chars / size,
        "dup_line_frac": line_dups / len(lines),
        "dup_line_char_frac": line_chars / size,
        "line_punct_ratio": sum(_TERMINAL.search(line) is not None for line in filled) / n_filled,
        "short_line_ratio": sum(len(line) <= SHORT_LINE for line in filled) / n_filled,
        "char_dup_ratio": _duplicates(filled)[1] / max(size - text.count("\n"), 1),
        "avg_line_length": size / max(len(text.splitlines()), 1),
        "han_chars": float(han),
        "han_ratio": han / non_blank if non_blank else 0.0,
        "special_char_ratio": len(_SPECIAL.findall(text)) / size,
        "char_rep_ratio": char_repetition(text, CHAR_REP_N),
        "duplicated_13_char_grams": duplicated_grams(text, LONG_CHAR_GRAM) / size,
    }


def char_repetition(text: str, n: int) -> float:
    """data-juicer's character repetition: the share of the character
    ``n``-grams taken by the ⌊√distinct⌋ most frequent ones among those that
    occur more than once."""
    counts = sorted(Counter(text[i : i + n] for i in range(len(text) - n + 1)).values(), reverse=True)
    total = sum(counts)
    if not total:
        return 0.0
    repeated = sum(1 for count in counts if count > 1)
    return sum(counts[: min(math.isqrt(len(counts)), repeated)]) / total


def duplicated_grams(units: str | Sequence[str], n: int) -> int:
    """Gopher's duplicated n-gram characters: walking the units (characters or
    words), an n-gram seen before counts its characters and is stepped over
    whole; any other moves one unit on."""
    if isinstance(units, str):
        joined, offsets = units, range(len(units) + 1)
    else:
        joined, offsets = "".join(units), _offsets(units, 0)
    seen: set[str] = set()
    repeated = index = 0
    last = len(offsets) - 1 - n
    while index <= last:
        gram = joined[offsets[index] : offsets[index + n]]
        if gram in seen:
            repeated += len(gram)
            index += n
        else:
            seen.add(gram)
            index += 1
    return repeated


def _offsets(words: Sequence[str], gap: int) -> list[int]:
    """Where each word starts in the words joined with ``gap`` characters between them, and the end."""
    offsets = [0]
    for word in words:
        offsets.append(offsets[-1] + len(word) + gap)
    return offsets


def top_gram(words: Sequence[str], n: int) -> int:
    """Gopher's top n-gram characters: the most frequent word n-gram (the
    first seen among equals) written with spaces between its words, times
    its count; 0 when there are fewer than ``n`` words."""
    if len(words) < n:
        return 0
    counts = Counter(zip(*(words[i:] for i in range(n))))
    gram, count = counts.most_common(1)[0]
    return (sum(map(len, gram)) + n - 1) * count


def words_of(text: str) -> list[str]:
    """The words of ``text`` as datatrove splits Chinese: jieba's segmentation
    (spaCy's ``zh`` tokenizer uses it), blanks dropped (no other word holds one)."""
    return [word for word in cut(text) if not word.isspace()]


def word_signals(doc: Any) -> dict[str, float]:
    """The signals of words and word n-grams (one jieba segmentation)."""
    text = doc.text
    size = len(text)
    words = words_of(text)
    if not size or not words:
        return dict.fromkeys(WORD_SIGNALS, 0.0)
    result = {f"top_{n}_gram": top_gram(words, n) / size for n in TOP_GRAMS}
    for n in DUPLICATED_GRAMS:
        # each n on its own: n-grams are compared joined, as datatrove compares them, so a
        # longer one can repeat where no shorter one does (`ba b a b a b` and `b a b a b ab`)
        result[f"duplicated_{n}_n_grams"] = duplicated_grams(words, n) / size
    content = [word for word in words if not _SYMBOL_WORD.fullmatch(word)]
    result["list_ratio"] = text.count("\n") / len(words)
    result["avg_word_length"] = sum(map(len, content)) / len(content) if content else 0.0
    result["alpha_words_ratio"] = sum(any(c.isalpha() for c in word) for word in words) / len(words)
    result["stop_words"] = float(len(STOP_WORDS.intersection(words)))
    return result


def signals(doc: Any) -> dict[str, float]:
    """Every signal of ``doc``, by name (cached on the document)."""
    return {**doc.view(line_signals), **doc.view(word_signals)}


LINE_SIGNALS = (
    "dup_para_frac",
    "dup_para_char_frac",
    "dup_line_frac",
    "dup_line_char_frac",
    "line_punct_ratio",
    "short_line_ratio",
    "char_dup_ratio",
    "avg_line_length",
    "han_chars",
    "han_ratio",
    "special_char_ratio",
    "char_rep_ratio",
    "duplicated_13_char_grams",
)
WORD_SIGNALS = (
    *(f"top_{n}_gram" for n in TOP_GRAMS),
    *(f"duplicated_{n}_n_grams" for n in DUPLICATED_GRAMS),
    "list_ratio",
    "avg_word_length",
    "alpha_words_ratio",
    "stop_words",
)
#: Every signal's name, in the order the output lists them.
NAMES = LINE_SIGNALS + WORD_SIGNALS
