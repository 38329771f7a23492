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

Every value is a number; an empty text gives zeros. The signals come in
groups, each computed in one go, once per document, when something first
asks for one of its signals: the paragraphs, the lines (their repeats and
ends; their lengths), the Chinese characters, the special characters, the
character n-grams, the top word n-grams, the duplicated word n-grams, the
word count and the words (the last four on one jieba segmentation). A rule reads a signal with
:func:`signal`, so it pays only for the groups its checks need (a check
that is off by default reads a group no default check reads, where it
can); :func:`signals` gives them all. A signal may have a ceiling, a value
it does not exceed that costs less (:func:`ceiling`: the top n-grams'
where NumPy works them out), so that a maximum the ceiling stays under is
checked without the signal, or a floor, a value it is not under
(:func:`floor`: the Chinese characters', from the first bytes of the
UTF-8), for a minimum.

The n-gram functions here are the reference. When numpy is installed (it
comes with ``wenlint scan``), a long document's n-gram signals are worked
out by :mod:`wenlint.signals_vector` instead, to the same values, once numpy
is imported or enough long documents came to pay for importing it; without
it (the pre-commit hook's environment), by these.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import accumulate, filterfalse
from types import ModuleType, SimpleNamespace
from typing import Any

import regex

from wenlint.numpy_worth import LongTexts
from wenlint.signals_characters import character_floors, character_signals, special_character_signals
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
#: The units (words, or characters for the character n-grams) from which a
#: document's n-grams are worked out with NumPy, when it is installed: on
#: shorter ones its calls cost more than they save.
VECTOR_FROM = 300
#: How many words or characters of long documents a process works out with
#: the reference before it imports numpy for them, unless numpy is imported
#: already (``scan`` imports it, for its corpus rules): the import, about
#: 0.1 CPU-s, is paid back over about this many (0.45 µs a word), so a short
#: ``check`` never pays it.
IMPORT_AFTER = 200_000

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
#: datatrove's terminal punctuation (`。！？.!?` and their kin): Unicode's
#: sentence terminals with three Khmer signs more, and less those datatrove's
#: list lacks (the vertical forms `︒︕︖`, `․`, and a few of other scripts,
#: U+2E60 and U+2E61 among them: Unicode 17's, known to newer `regex` releases).
_TERMINAL = regex.compile(
    r"(?V1)[[\p{Sentence_Terminal}\u17d6\u17d9\u17da]"
    r"--[\u1b4e\u1b4f\u1b7f\u2024\u2cf9-\u2cfb\u2e60\u2e61\ufe12\ufe15\ufe16\U000113d4\U000113d5\U00016d6e\U00016d6f]]$"
)
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


def paragraph_signals(doc: Any) -> dict[str, float]:
    """The signals of repeated paragraphs."""
    text = doc.text
    if not text:
        return dict.fromkeys(PARAGRAPH_SIGNALS, 0.0)
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    para_dups, para_chars = _duplicates(paragraphs)
    return {"dup_para_frac": para_dups / len(paragraphs), "dup_para_char_frac": para_chars / len(text)}


def line_signals(doc: Any) -> dict[str, float]:
    """The signals of repeated lines and of lines that end a sentence."""
    text = doc.text
    size = len(text)
    if not size:
        return dict.fromkeys(REPEATED_LINE_SIGNALS, 0.0)
    parts = text.split("\n")
    # the text split at runs of line breaks: the empty lines between others dropped
    lines = [parts[0], *filter(None, parts[1:-1]), parts[-1]] if len(parts) > 1 else parts
    line_dups, line_chars = _duplicates(lines)
    filled = _filled(parts)
    # a line ends in a terminal: the pattern matched at its last character
    ending = sum(_TERMINAL.match(line, len(line) - 1) is not None for line in filled)
    return {
        "dup_line_frac": line_dups / len(lines),
        "dup_line_char_frac": line_chars / size,
        "line_punct_ratio": ending / (len(filled) or 1),
        "char_dup_ratio": _duplicates(filled)[1] / max(size - text.count("\n"), 1),
    }


def line_length_signals(doc: Any) -> dict[str, float]:
    """The signals of the lines' lengths (read only by checks that are off by default)."""
    text = doc.text
    if not text:
        return dict.fromkeys(LINE_LENGTH_SIGNALS, 0.0)
    filled = _filled(text.split("\n"))
    return {
        "short_line_ratio": sum(len(line) <= SHORT_LINE for line in filled) / (len(filled) or 1),
        "avg_line_length": len(text) / max(len(text.splitlines()), 1),
    }


def _filled(lines: list[str]) -> list[str]:
    """The lines that hold more than blanks."""
    return [line for line in lines if line.strip()]


def character_gram_signals(doc: Any) -> dict[str, float]:
    """The signals of repeated character n-grams."""
    text = doc.text
    size = len(text)
    if not size:
        return dict.fromkeys(CHARACTER_GRAM_SIGNALS, 0.0)
    repetition, duplicated = _grams(size).character_grams(text, CHAR_REP_N, LONG_CHAR_GRAM)
    return {"char_rep_ratio": repetition, "duplicated_13_char_grams": duplicated / size}


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


def duplicated_grams(units: str | Sequence[str], sizes: Iterable[int]) -> dict[int, int]:
    """Gopher's duplicated n-gram characters, for each n of ``sizes``: walking
    the units (characters or words), an n-gram seen before counts its
    characters and is stepped over whole; any other moves one unit on."""
    if isinstance(units, str):
        joined, offsets = units, range(len(units) + 1)
    else:
        joined, offsets = "".join(units), list(accumulate(map(len, units), initial=0))
    sizes = list(sizes)
    # A copy recurs in the text, and so do its first `shortest` characters (n units hold n
    # characters or more): the walk can meet a copy only where those recur.
    shortest = min(sizes)
    heads = [joined[start : start + shortest] for start in offsets[:-1]]
    counts = Counter(heads)
    recurring = [index for index, head in enumerate(heads) if counts[head] > 1]
    return {n: walk(joined, offsets, n, recurring) for n in sizes}


def walk(joined: str, offsets: Sequence[int], n: int, recurring: list[int]) -> int:
    """The characters of the copies the walk over n-grams meets, looking
    only at the ``recurring`` units: the n-gram of any other is new, and no
    later one is the same."""
    last = len(offsets) - 1 - n
    seen: set[str] = set()
    repeated = stepped_to = 0
    for index in recurring:
        if index > last:
            break
        if index < stepped_to:
            continue
        gram = joined[offsets[index] : offsets[index + n]]
        if gram in seen:
            repeated += len(gram)
            stepped_to = index + n
        else:
            seen.add(gram)
    return repeated


def top_gram(words: Sequence[str], n: int) -> int:
    """Gopher's top n-gram characters: the most frequent word n-gram (the
    first seen among equals) written with spaces between its words, times
    its count; 0 when there are fewer than ``n`` words."""
    if len(words) < n:
        return 0
    counts = Counter(zip(*(words[i:] for i in range(n))))
    gram, count = counts.most_common(1)[0]
    return (sum(map(len, gram)) + n - 1) * count


def top_grams(words: Sequence[str], sizes: Iterable[int]) -> dict[int, int]:
    """:func:`top_gram` of ``words`` for each n of ``sizes``."""
    return {n: top_gram(words, n) for n in sizes}


def _same(words: Sequence[str]) -> Sequence[str]:
    """The words, as the functions here read them."""
    return words


def character_grams(text: str, repetition_n: int, duplicated_n: int) -> tuple[float, int]:
    """:func:`char_repetition` of ``text`` for ``repetition_n``, and its
    characters in duplicated ``duplicated_n``-grams."""
    return char_repetition(text, repetition_n), duplicated_grams(text, [duplicated_n])[duplicated_n]


#: The n-gram signals worked out by the functions of this module (wenlint.signals_vector has the same
#: ones): the word n-grams over the words made ready once by ``word_units``, and a top n-gram's ceiling
#: (here, its value).
_REFERENCE = SimpleNamespace(
    word_units=_same,
    top_grams=top_grams,
    top_ceilings=top_grams,
    duplicated_grams=duplicated_grams,
    character_grams=character_grams,
)


def _grams(units: int) -> ModuleType | SimpleNamespace:
    """The n-gram functions for a document of ``units`` words or characters:
    NumPy's from :data:`VECTOR_FROM` of them when numpy is installed (and
    imported, or worth importing: :data:`IMPORT_AFTER`), else the reference."""
    if not _LONG.worth(units, VECTOR_FROM, IMPORT_AFTER):
        return _REFERENCE
    return _vector() or _REFERENCE


_LONG = LongTexts()


@cache
def _vector() -> ModuleType | None:
    """wenlint.signals_vector, or None without numpy (imported on first use)."""
    try:
        from wenlint import signals_vector
    except ImportError:
        return None
    return signals_vector


def words_of(text: str) -> list[str]:
    """The words of ``text`` as datatrove splits Chinese: jieba's segmentation
    (spaCy's ``zh`` tokenizer uses it), blanks dropped (no other word holds one)."""
    return list(filterfalse(str.isspace, cut(text)))


def document_words(doc: Any) -> list[str]:
    """The words of the document (one segmentation for both groups of word signals)."""
    return words_of(doc.text)


def word_grams(doc: Any) -> tuple[ModuleType | SimpleNamespace, Any]:
    """The n-gram functions for the document's words, and the words made ready for them (once for the
    top n-grams, their ceilings and the duplicated n-grams)."""
    words = doc.view(document_words)
    grams = _grams(len(words))
    return grams, grams.word_units(words)


def top_gram_signals(doc: Any) -> dict[str, float]:
    """The signals of the most frequent word n-grams."""
    return _word_gram_signals(doc, "top_{}_gram", TOP_GRAMS, "top_grams")


def top_gram_ceilings(doc: Any) -> dict[str, float]:
    """For each top n-gram signal, a value it does not exceed, for less work
    than the signal itself where NumPy works it out (elsewhere, the signal):
    a maximum the ceiling stays under needs the signal no more."""
    return _word_gram_signals(doc, "top_{}_gram", TOP_GRAMS, "top_ceilings")


def duplicated_gram_signals(doc: Any) -> dict[str, float]:
    """The signals of repeated word n-grams: each n on its own, for n-grams
    are compared joined, as datatrove compares them, so a longer one can
    repeat where no shorter one does (`ba b a b a b` and `b a b a b ab`)."""
    return _word_gram_signals(doc, "duplicated_{}_n_grams", DUPLICATED_GRAMS, "duplicated_grams")


def _word_gram_signals(doc: Any, name: str, sizes: tuple[int, ...], function: str) -> dict[str, float]:
    """The signals ``name`` for each n of ``sizes``: the characters the n-gram function ``function`` gives
    for n, as a share of the text's."""
    size = len(doc.text)
    if not size or not doc.view(document_words):
        return {name.format(n): 0.0 for n in sizes}
    grams, units = doc.view(word_grams)
    return {name.format(n): characters / size for n, characters in getattr(grams, function)(units, sizes).items()}


def word_count_signals(doc: Any) -> dict[str, float]:
    """Line breaks per word."""
    words = doc.view(document_words)
    return {"list_ratio": doc.text.count("\n") / len(words) if words else 0.0}


def word_signals(doc: Any) -> dict[str, float]:
    """The words' length, letters and stop words."""
    words = doc.view(document_words)
    if not words:
        return dict.fromkeys(WORD_SIGNALS, 0.0)
    counts = Counter(words)  # each distinct word looked at once
    content = {word: count for word, count in counts.items() if not _SYMBOL_WORD.fullmatch(word)}
    alpha = sum(count for word, count in counts.items() if any(char.isalpha() for char in word))
    return {
        "avg_word_length": sum(len(word) * count for word, count in content.items()) / max(sum(content.values()), 1),
        "alpha_words_ratio": alpha / len(words),
        "stop_words": float(len(STOP_WORDS.intersection(counts))),
    }


def signal(doc: Any, name: str) -> float:
    """The signal ``name`` of ``doc`` (its group computed once, cached on the document)."""
    return doc.view(_GROUP_OF[name])[name]


def ceiling(doc: Any, name: str) -> float:
    """A value the signal ``name`` of ``doc`` does not exceed: its ceiling
    where it has one (the top n-grams), else the signal itself."""
    return doc.view(_CEILING_OF.get(name, _GROUP_OF[name]))[name]


def floor(doc: Any, name: str) -> float:
    """A value the signal ``name`` of ``doc`` is not under: its floor where
    it has one (the Chinese characters'), else the signal itself."""
    return doc.view(_FLOOR_OF.get(name, _GROUP_OF[name]))[name]


def signals(doc: Any) -> dict[str, float]:
    """Every signal of ``doc``, by name, in the order of :data:`NAMES`."""
    return {name: signal(doc, name) for name in NAMES}


PARAGRAPH_SIGNALS = ("dup_para_frac", "dup_para_char_frac")
LINE_SIGNALS = (
    "dup_line_frac",
    "dup_line_char_frac",
    "line_punct_ratio",
    "short_line_ratio",
    "char_dup_ratio",
    "avg_line_length",
)
LINE_LENGTH_SIGNALS = ("short_line_ratio", "avg_line_length")
REPEATED_LINE_SIGNALS = tuple(name for name in LINE_SIGNALS if name not in LINE_LENGTH_SIGNALS)
CHARACTER_SIGNALS = ("han_chars", "han_ratio")
SPECIAL_CHARACTER_SIGNALS = ("special_char_ratio",)
CHARACTER_GRAM_SIGNALS = ("char_rep_ratio", "duplicated_13_char_grams")
TOP_GRAM_SIGNALS = tuple(f"top_{n}_gram" for n in TOP_GRAMS)
DUPLICATED_GRAM_SIGNALS = tuple(f"duplicated_{n}_n_grams" for n in DUPLICATED_GRAMS)
WORD_GRAM_SIGNALS = TOP_GRAM_SIGNALS + DUPLICATED_GRAM_SIGNALS
WORD_COUNT_SIGNALS = ("list_ratio",)
WORD_SIGNALS = ("avg_word_length", "alpha_words_ratio", "stop_words")
#: Each group's view and the signals it gives.
_GROUPS: tuple[tuple[Callable[[Any], dict[str, float]], tuple[str, ...]], ...] = (
    (paragraph_signals, PARAGRAPH_SIGNALS),
    (line_signals, REPEATED_LINE_SIGNALS),
    (line_length_signals, LINE_LENGTH_SIGNALS),
    (character_signals, CHARACTER_SIGNALS),
    (special_character_signals, SPECIAL_CHARACTER_SIGNALS),
    (character_gram_signals, CHARACTER_GRAM_SIGNALS),
    (top_gram_signals, TOP_GRAM_SIGNALS),
    (duplicated_gram_signals, DUPLICATED_GRAM_SIGNALS),
    (word_count_signals, WORD_COUNT_SIGNALS),
    (word_signals, WORD_SIGNALS),
)
_GROUP_OF = {name: group for group, names in _GROUPS for name in names}
#: The signals with a ceiling cheaper than them, and its view.
_CEILING_OF = dict.fromkeys(TOP_GRAM_SIGNALS, top_gram_ceilings)
#: The signals with a floor cheaper than them, and its view.
_FLOOR_OF = dict.fromkeys(CHARACTER_SIGNALS, character_floors)
#: Every signal's name, in the order the output lists them.
NAMES = (
    PARAGRAPH_SIGNALS
    + LINE_SIGNALS
    + CHARACTER_SIGNALS
    + SPECIAL_CHARACTER_SIGNALS
    + CHARACTER_GRAM_SIGNALS
    + WORD_GRAM_SIGNALS
    + WORD_COUNT_SIGNALS
    + WORD_SIGNALS
)
