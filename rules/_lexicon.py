"""The lexicon the typo rules (T family) share.

Words with frequencies, which words are idioms, which pairs of characters
occur inside words, and which characters sound or look alike. Nothing is
downloaded: the lexicon is built on first use from installed packages and
shipped data, then cached under the user cache directory (platformdirs) and
loaded once per process:

- jieba's ``dict.txt``: 349k words with newspaper frequencies, idioms tagged
  `i` (MIT). Read from the package's files; jieba itself is never imported.
- wordfreq's large Chinese list: web-era frequencies (data CC BY-SA 4.0).
  Read from the package's files; nothing derived from it is shipped.
- pypinyin's readings of characters (MIT).
- ``data/typo_shape.tsv``: characters of similar shape, derived from
  pycorrector's stroke tables (Apache-2.0; see ``data/NOTICE-typo.md``).

(A leading underscore keeps this module out of rule discovery; it defines
no rules.)
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.util
import math
import os
import pickle
import tempfile
import weakref
from array import array
from functools import cache
from pathlib import Path

import regex

from wenlint import Document

DATA = Path(__file__).resolve().parent / "data"
#: Bump when the cached layout or how it is built changes.
FORMAT = 5
#: Cost of a word: -100·log10 of its probability (centibels, as wordfreq counts).
UNKNOWN_CHAR_COST = 900
#: A word at most this costly is common (幸福 420, 社区 384, 晴雨表 640).
COMMON_WORD = 650
#: The longest word looked up (longer lexicon entries are rare phrases).
MAX_WORD = 8
#: Word flags.
IDIOM, NEWSPAPER, WEB = 1, 2, 4
#: Similarity classes, from closest to loosest (see :meth:`Lexicon.similar`).
SAME_SOUND, OTHER_TONE, FUZZY_SOUND, CLOSE_SHAPE, LOOSE_SHAPE = range(5)
#: Characters a typo may be replaced by: used on their own on the web at least this often.
CHAR_IN_USE = 1e-8
#: Readings of a character considered, commonest first.
READINGS = 2
_HAN_WORD = regex.compile(r"\p{Han}+")
#: Initials and finals that speakers of many dialects confuse.
_FUZZY = ((("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n")), (("ang", "an"), ("eng", "en"), ("ing", "in")))


class Lexicon:
    """Word costs, idioms, in-word character pairs and similar characters."""

    def __init__(self, data: dict) -> None:
        import marisa_trie

        self._words = marisa_trie.Trie().frombytes(data["words"])  # word -> index into costs and flags
        self._costs = array("H")
        self._costs.frombytes(data["costs"])
        self._flags = data["flags"]
        self._followers = data["followers"]
        self._leaders = data["leaders"]
        self._similar = data["similar"]
        self._char_frequency = data["char_frequency"]
        self._common_followers = data["common_followers"]
        self._common_leaders = data["common_leaders"]
        self.idioms: str = data["idioms"]  # every four-character idiom, concatenated

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def cost(self, word: str) -> int | None:
        """-100·log10 of the word's probability, or None when it is no word."""
        index = self._words.get(word)
        return None if index is None else self._costs[index]

    def is_idiom(self, word: str) -> bool:
        index = self._words.get(word)
        return index is not None and bool(self._flags[index] & IDIOM)

    def char_cost(self, char: str) -> int:
        """The cost of a character standing alone as a word."""
        index = self._words.get(char)
        return UNKNOWN_CHAR_COST if index is None else self._costs[index]

    def words_at(self, text: str) -> list[tuple[int, int]]:
        """(length, cost) of every word ``text`` starts with."""
        costs = self._costs
        return [(len(word), costs[index]) for word, index in self._words.iter_prefixes_with_ids(text)]

    def segment_cost(self, text: str) -> int:
        """The cost of the likeliest segmentation of ``text`` into words
        (a unigram model; a character that is no word costs UNKNOWN_CHAR_COST)."""
        size = len(text)
        best = [0] + [1 << 30] * size
        for start in range(size):
            here = best[start]
            end = start + 1
            single = here + self.char_cost(text[start])
            if single < best[end]:
                best[end] = single
            for length, cost in self.words_at(text[start : start + MAX_WORD]):
                end = start + length
                if here + cost < best[end]:
                    best[end] = here + cost
        return best[size]

    def char_frequency(self, char: str) -> float:
        """The share of characters in running text that are ``char`` (0 when rare)."""
        return self._char_frequency.get(char, 0.0)

    def joins(self, left: str, right: str) -> bool:
        """Whether ``left`` followed by ``right`` occurs inside some word."""
        return right in self._followers.get(left, "")

    def followers(self, char: str) -> str:
        """Every character that follows ``char`` inside some word."""
        return self._followers.get(char, "")

    def leaders(self, char: str) -> str:
        """Every character that precedes ``char`` inside some word."""
        return self._leaders.get(char, "")

    def common_followers(self, char: str) -> str:
        """Every character that follows ``char`` inside some common word."""
        return self._common_followers.get(char, "")

    def common_leaders(self, char: str) -> str:
        """Every character that precedes ``char`` inside some common word."""
        return self._common_leaders.get(char, "")

    def similar(self, char: str) -> tuple[str, ...]:
        """Characters like ``char``, by class: same sound and tone, same sound
        in another tone, a sound often confused (zh/z, n/l, ang/an …), a close
        shape, a looser shape. Empty strings when nothing is known."""
        return self._similar.get(char, ("",) * 5)


@cache
def lexicon() -> Lexicon:
    """The lexicon, loaded (or built and cached) once per process."""
    path = _cache_path()
    try:
        with open(path, "rb") as stream:
            data = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError):
        data = _build()
        _store(path, data)
    return Lexicon(data)


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


def simplified(doc: Document) -> str:
    """The document's text in Simplified characters, offset for offset (the
    lexicon is Simplified). Lines whose conversion changes length stay as
    they are. Computed once per document."""
    found = _SIMPLIFIED.get(doc)
    if found is None or found[0] != doc.text:
        found = _SIMPLIFIED[doc] = (doc.text, _to_simplified(doc))
    return found[1]


_SIMPLIFIED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _to_simplified(doc: Document) -> str:
    text = doc.text
    if not doc.has_han or not doc.script.traditional:
        return text
    from wenlint.script import converter

    convert = converter("t2s").convert
    converted = convert(text)
    if len(converted) == len(text):
        return converted
    return "\n".join(new if len(new) == len(line) else line
                     for line, new in ((line, convert(line)) for line in text.split("\n")))


def joined(doc: Document) -> list[bool]:
    """For each offset of the Simplified view, whether its character and the
    next one occur together inside some word. Computed once per document."""
    found = _JOINED.get(doc)
    if found is None or found[0] != doc.text:
        view = simplified(doc)
        followers = _FOLLOWER_SETS
        found = _JOINED[doc] = (doc.text, [b in followers[a] for a, b in zip(view, view[1:])] + [False])
    return found[1]


class _FollowerSets(dict):
    """Character -> frozenset of its followers inside words, made on first use."""

    def __missing__(self, char: str) -> frozenset[str]:
        value = self[char] = frozenset(lexicon().followers(char))
        return value


_JOINED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_FOLLOWER_SETS = _FollowerSets()


def crosses_word(lex: Lexicon, text: str, start: int, end: int, max_cost: int = COMMON_WORD) -> bool:
    """Whether a common word of two or more characters overlaps ``text[start:end]``
    and reaches outside it: `福社` in `幸福社区` is two words, not a typo."""
    for position in range(max(0, start - MAX_WORD + 1), end):
        for length, cost in lex.words_at(text[position : position + MAX_WORD]):
            stop = position + length
            if length >= 2 and cost <= max_cost and stop > start and (position < start or stop > end):
                return True
    return False


def in_script(doc: Document, start: int, end: int, corrected: str) -> str:
    """A correction of ``doc.text[start:end]``, found in the Simplified view,
    written in the document's script: converted to Traditional in a
    Traditional document, and elsewhere with the unchanged characters kept
    as they are."""
    original = doc.text[start:end]
    view = simplified(doc)[start:end]
    if view == original or len(corrected) != len(original):
        return corrected
    from wenlint.script import converter

    converted = converter("s2t").convert(corrected)
    if len(converted) != len(corrected):
        return corrected
    if doc.script.dominant == "traditional":
        return converted
    return "".join(old if seen == new else to for old, seen, new, to in zip(original, view, corrected, converted))


# -- building ---------------------------------------------------------------


def _package_dir(name: str) -> Path:
    """Where an installed package's files are, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the typo rules need the package {name!r}")
    return Path(next(iter(spec.submodule_search_locations)))


def _cache_path() -> Path:
    import platformdirs

    versions = "-".join(importlib.metadata.version(name) for name in ("jieba", "wordfreq", "pypinyin"))
    shape = os.stat(DATA / "typo_shape.tsv")
    key = f"typo-lexicon-{FORMAT}-{versions}-{shape.st_size}-{int(shape.st_mtime)}.pickle"
    return Path(platformdirs.user_cache_dir("wenlint")) / key


def _store(path: Path, data: dict) -> None:
    """Write the cache atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for stale in path.parent.glob("typo-lexicon-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


def _build() -> dict:
    """Read the sources and build what the cache holds."""
    import marisa_trie

    newspaper, idioms = _jieba_words()
    web = _wordfreq_words()
    words = newspaper.keys() | web.keys()
    trie = marisa_trie.Trie(words)
    costs = array("H", bytes(2 * len(trie)))
    flags = bytearray(len(trie))
    for word in words:
        index = trie[word]
        probability = (newspaper.get(word, 0.0) + web.get(word, 0.0)) / 2
        costs[index] = min(65535, round(-100 * math.log10(probability)))
        flags[index] = (IDIOM if word in idioms else 0) | (NEWSPAPER if word in newspaper else 0) | (WEB if word in web else 0)
    followers: dict[str, set[str]] = {}
    leaders: dict[str, set[str]] = {}
    common_followers: dict[str, set[str]] = {}
    common_leaders: dict[str, set[str]] = {}
    chars: dict[str, float] = {}
    for word in words:
        cost = costs[trie[word]]
        for left, right in zip(word, word[1:]):
            followers.setdefault(left, set()).add(right)
            leaders.setdefault(right, set()).add(left)
            if cost <= COMMON_WORD:
                common_followers.setdefault(left, set()).add(right)
                common_leaders.setdefault(right, set()).add(left)
        probability = 10 ** (-cost / 100)
        for char in word:
            chars[char] = chars.get(char, 0.0) + probability
    total = sum(chars.values())
    in_use = {word for word, probability in web.items() if len(word) == 1 and probability >= CHAR_IN_USE}
    return {
        "words": trie.tobytes(),
        "costs": costs.tobytes(),
        "flags": bytes(flags),
        "followers": {char: "".join(sorted(chars)) for char, chars in followers.items()},
        "leaders": {char: "".join(sorted(chars)) for char, chars in leaders.items()},
        "common_followers": {char: "".join(sorted(chars)) for char, chars in common_followers.items()},
        "common_leaders": {char: "".join(sorted(chars)) for char, chars in common_leaders.items()},
        "similar": _similar_characters(in_use),
        "idioms": "".join(sorted(word for word in idioms if len(word) == 4)),
        "char_frequency": {char: count / total for char, count in chars.items() if count / total >= 1e-6},
    }


def _jieba_words() -> tuple[dict[str, float], set[str]]:
    """jieba's words with their probabilities, and its idioms."""
    counts: dict[str, int] = {}
    idioms = set()
    with open(_package_dir("jieba") / "dict.txt", encoding="utf-8") as stream:
        for line in stream:
            word, count, tag = line.split()
            if _HAN_WORD.fullmatch(word):
                counts[word] = int(count)
                if tag == "i":
                    idioms.add(word)
    total = sum(counts.values())
    return {word: count / total for word, count in counts.items()}, idioms


def _wordfreq_words() -> dict[str, float]:
    """wordfreq's Chinese words with their probabilities (its cBpack format:
    list ``i`` holds the words of frequency 10^(-(i-1)/100))."""
    import msgpack

    with gzip.open(_package_dir("wordfreq") / "data" / "large_zh.msgpack.gz") as stream:
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
            toneless = short + toneless[len(long):]
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
