"""Building the lexicon from installed packages and shipped data (see the
package's documentation for the sources), and reading the shipped table of
known misspellings."""

from __future__ import annotations

import gzip
import math
from array import array
from collections import Counter
from functools import cache
from itertools import groupby
from operator import add, itemgetter

import regex

from wenlint_rules import DATA, package_dir
from wenlint_rules.typo.lexicon.query import COMMON_WORD, IDIOM, NAME, NEWSPAPER, WEB

#: Characters a typo may be replaced by: used on their own on the web at least this often.
CHAR_IN_USE = 1e-8
#: Readings of a character considered, commonest first.
READINGS = 2
_HAN_WORD = regex.compile(r"\p{Han}+")
#: jieba's part-of-speech tags of names: people (nr, nrt, nrfg), places (ns),
#: organisations (nt) and other proper names (nz).
_NAME_TAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nt", "nz"))
#: Initials and finals that speakers of many dialects confuse.
_FUZZY = ((("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n")), (("ang", "an"), ("eng", "en"), ("ing", "in")))


def build() -> dict:
    """Read the sources and build what the cache holds."""
    import marisa_trie

    newspaper, idioms, names = _jieba_words()
    web = _wordfreq_words()
    trie = marisa_trie.Trie(newspaper.keys() | web.keys())
    costs = array("H", bytes(2 * len(trie)))
    flags = bytearray(len(trie))
    pairs: set[str] = set()  # two characters that meet inside a word
    beginnings: set[str] = set()  # the first three characters of the words of three or more
    triples: set[str] = set()  # three characters together inside a word
    common_pairs: set[str] = set()  # ... inside a common word
    by_cost: dict[int, list[str]] = {}
    ending: dict[
        str, list[tuple[str, int]]
    ] = {}  # character -> (first character, cost) of the two-character words it ends
    starting: dict[str, list[tuple[str, int]]] = {}  # ... it starts
    for word, index in trie.items():
        probability = (newspaper.get(word, 0.0) + web.get(word, 0.0)) / 2
        cost = costs[index] = min(65535, round(-100 * math.log10(probability)))
        flags[index] = (
            (IDIOM if word in idioms else 0)
            | (NEWSPAPER if word in newspaper else 0)
            | (WEB if word in web else 0)
            | (NAME if word in names else 0)
        )
        by_cost.setdefault(cost, []).append(word)
        if len(word) == 2:
            ending.setdefault(word[1], []).append((word[0], cost))
            starting.setdefault(word[0], []).append((word[1], cost))
        if len(word) > 2:
            beginnings.add(word[:3])
        if len(word) > 1:
            inside = [*map(add, word, word[1:])]
            pairs.update(inside)
            if cost <= COMMON_WORD:
                common_pairs.update(inside)
            triples.update(word[start : start + 3] for start in range(len(word) - 2))
    chars: dict[str, float] = {}  # how often each character is used, from the words it is in
    for cost, words in by_cost.items():
        probability = 10 ** (-cost / 100)
        for char, times in Counter("".join(words)).items():
            chars[char] = chars.get(char, 0.0) + times * probability
    total = sum(chars.values())
    in_use = {word for word, probability in web.items() if len(word) == 1 and probability >= CHAR_IN_USE}
    return {
        "words": trie.tobytes(),
        "costs": costs.tobytes(),
        "flags": bytes(flags),
        "followers": _neighbours(pairs),
        "leaders": _neighbours(pair[::-1] for pair in pairs),
        "common_followers": _neighbours(common_pairs),
        "common_leaders": _neighbours(pair[::-1] for pair in common_pairs),
        # read only by the rules that ask, on first use (see Lexicon.beginning_sets and cache.store)
        "later": {
            "triples": marisa_trie.Trie(triples).tobytes(),
            "beginnings": [
                _neighbours(start[place] + start[:place] + start[place + 1 :] for start in beginnings)
                for place in range(3)
            ],
            "similar": _similar_characters(in_use),
        },
        "two_char_ending": _packed(ending),
        "two_char_starting": _packed(starting),
        "idioms": "".join(sorted(word for word in idioms if len(word) == 4)),
        "char_frequency": {char: count / total for char, count in chars.items() if count / total >= 1e-6},
    }


def _packed(words: dict[str, list[tuple[str, int]]]) -> dict[str, str]:
    """Character -> the other characters of its two-character words, in
    order, then their costs, each as the character of that code (one string
    per character: quick to load)."""
    return {
        char: "".join(other for other, _ in sorted(found)) + "".join(chr(cost) for _, cost in sorted(found))
        for char, found in words.items()
    }


def _neighbours(pieces) -> dict[str, str]:
    """First character -> the rest of each of ``pieces`` (all of one length), sorted, concatenated."""
    return {char: "".join(piece[1:] for piece in group) for char, group in groupby(sorted(pieces), key=itemgetter(0))}


def _jieba_words() -> tuple[dict[str, float], set[str], set[str]]:
    """jieba's words with their probabilities, its idioms and its names."""
    counts: dict[str, int] = {}
    idioms = set()
    names = set()
    with open(package_dir("jieba") / "dict.txt", encoding="utf-8") as stream:
        for line in stream:
            word, count, tag = line.split()
            if _HAN_WORD.fullmatch(word):
                counts[word] = int(count)
                if tag == "i":
                    idioms.add(word)
                elif tag in _NAME_TAGS:
                    names.add(word)
    total = sum(counts.values())
    return {word: count / total for word, count in counts.items()}, idioms, names


def _wordfreq_words() -> dict[str, float]:
    """wordfreq's Chinese words with their probabilities (its cBpack format:
    list ``i`` holds the words of frequency 10^(-(i-1)/100))."""
    import msgpack

    with gzip.open(package_dir("wordfreq") / "data" / "large_zh.msgpack.gz") as stream:
        buckets = msgpack.load(stream, raw=False)
    if buckets[0] != {"format": "cB", "version": 1}:
        raise RuntimeError("unknown wordfreq data format")
    words = {}
    for index, bucket in enumerate(buckets[1:]):
        for word in bucket:
            if _HAN_WORD.fullmatch(word):
                words[word] = 10 ** (-index / 100)
    return words


def _similar_characters(in_use: set[str]) -> dict[str, tuple[str, ...]]:
    """For each character in use, the characters in use like it (see Lexicon.similar)."""
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    readings: dict[str, set[str]] = {}
    for char in in_use:
        found = pinyin_dict.get(ord(char))
        if found:  # the two commonest readings: rare ones make everything sound alike
            readings[char] = {to_tone3(reading) for reading in found.split(",")[:READINGS]}
    by_sound: dict[str, set[str]] = {}
    by_toneless: dict[str, set[str]] = {}
    by_fuzzy: dict[str, set[str]] = {}
    for char, sounds in readings.items():
        for sound in sounds:
            toneless = sound.rstrip("012345")
            by_sound.setdefault(sound, set()).add(char)
            by_toneless.setdefault(toneless, set()).add(char)
            by_fuzzy.setdefault(_fuzzy(toneless), set()).add(char)
    shapes = _shapes(in_use)
    similar = {}
    for char in in_use:
        sounds = readings.get(char, set())
        same = set().union(*(by_sound[s] for s in sounds)) if sounds else set()
        toneless = set().union(*(by_toneless[s.rstrip("012345")] for s in sounds)) if sounds else set()
        fuzzy = set().union(*(by_fuzzy[_fuzzy(s.rstrip("012345"))] for s in sounds)) if sounds else set()
        close, loose = shapes.get(char, ("", ""))
        classes = (same, toneless - same, fuzzy - toneless, set(close) - fuzzy, set(loose) - fuzzy - set(close))
        similar[char] = tuple("".join(sorted(group - {char})) for group in classes)
    return similar


def _fuzzy(toneless: str) -> str:
    """A syllable with the initials and finals speakers confuse merged."""
    initials, finals = _FUZZY
    for long, short in initials:
        if toneless.startswith(long):
            toneless = short + toneless[len(long) :]
            break
    for long, short in finals:
        if toneless.endswith(long):
            toneless = toneless[: -len(long)] + short
            break
    return toneless


def _shapes(in_use: set[str]) -> dict[str, tuple[str, str]]:
    """The shipped table of characters of close and of looser shape."""
    shapes = {}
    with open(DATA / "typo_shape.tsv", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("#"):
                continue
            char, close, loose = line.rstrip("\n").split("\t")
            shapes[char] = ("".join(c for c in close if c in in_use), "".join(c for c in loose if c in in_use))
    return shapes


@cache
def known_typos() -> dict[str, str]:
    """The curated misspellings, ``data/typo_known.tsv`` (wrong -> right, Simplified)."""
    pairs = {}
    with open(DATA / "typo_known.tsv", encoding="utf-8") as stream:
        for line in stream:
            if not line.startswith("#") and "\t" in line:
                wrong, right = line.rstrip("\n").split("\t")
                pairs[wrong] = right
    return pairs
