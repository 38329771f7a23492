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

Building takes a few seconds and ~300 MB; the cache is written atomically,
processes starting together build it once (a lock beside it), and where it
cannot be written the lexicon is built in memory. What the rules work out
about one document (its Simplified text, which neighbours meet inside
words, the words at an offset) is shared through :func:`typo_view`.

(A leading underscore keeps this module out of rule discovery; it defines
no rules.)
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.metadata
import importlib.util
import math
import os
import pickle
import sys
import tempfile
import time
import weakref
from array import array
from collections import Counter
from functools import cache, cached_property
from itertools import groupby
from operator import add, itemgetter
from pathlib import Path

import regex

from wenlint import Document
from wenlint.textclass import HAN
from wenlint_rules import DATA

#: Bump when the cached layout or how it is built changes.
FORMAT = 5
#: Seconds after which another cache (built from other versions) is removed.
STALE_AFTER = 30 * 24 * 3600
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
#: Penalty (centibels) of a correction by one of each class: a slip to the
#: same syllable is the likeliest, to another tone less so, to a close shape
#: less again, to a confused sound or a looser shape least.
PENALTY = (0, 60, 150, 120, 150)
#: Characters a typo may be replaced by: used on their own on the web at least this often.
CHAR_IN_USE = 1e-8
#: Readings of a character considered, commonest first.
READINGS = 2
_HAN_WORD = regex.compile(r"\p{Han}+")
_HAN_RUNS = regex.compile(HAN.pattern + "+")
#: Initials and finals that speakers of many dialects confuse.
_FUZZY = ((("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n")), (("ang", "an"), ("eng", "en"), ("ing", "in")))


class Lexicon:
    """Word costs, idioms, in-word character pairs and similar characters.

    Per-character look-ups the rules repeat (a character's cost as a word,
    the characters it meets inside words) are cached in dictionaries filled
    on first use, so they cost one dictionary look-up after the first time
    in a process.
    """

    def __init__(self, data: dict) -> None:
        import marisa_trie

        self._words = marisa_trie.Trie().frombytes(data["words"])  # word -> index into costs and flags
        self._costs = array("H")
        self._costs.frombytes(data["costs"])
        self._flags = data["flags"]
        self._similar = data["similar"]
        self._char_frequency = data["char_frequency"]
        self.idioms: str = data["idioms"]  # every four-character idiom, concatenated
        #: Character -> frozenset of the characters that follow it (precede it)
        #: inside some word, or inside some common word.
        self.follower_sets = _CharSets(data["followers"])
        self.leader_sets = _CharSets(data["leaders"])
        self.common_follower_sets = _CharSets(data["common_followers"])
        self.common_leader_sets = _CharSets(data["common_leaders"])
        #: Character -> its cost as a word of its own (UNKNOWN_CHAR_COST when it is none).
        self.char_costs = _CharCosts(self.cost)

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
        return self.char_costs[char]

    def longer_words_at(self, text: str) -> list[tuple[int, int]]:
        """(length, cost) of every word of two to MAX_WORD characters ``text``
        starts with, shortest first; the trie is only asked when the first two
        characters meet inside some word."""
        if text[1:2] not in self.follower_sets[text[:1]]:
            return []
        costs = self._costs
        return [
            (len(word), costs[index])
            for word, index in self._words.iter_prefixes_with_ids(text[:MAX_WORD])
            if len(word) > 1
        ]

    def starts_word(self, prefix: str) -> bool:
        """Whether some word starts with ``prefix`` (or is it)."""
        return next(self._words.iterkeys(prefix), None) is not None

    def segment_cost(self, text: str) -> int:
        """The cost of the likeliest segmentation of ``text`` into words
        (a unigram model; a character that is no word costs UNKNOWN_CHAR_COST)."""
        words = [self.longer_words_at(text[start : start + MAX_WORD]) for start in range(len(text))]
        return _best_prefixes(text, words)[-1]

    def char_frequency(self, char: str) -> float:
        """The share of characters in running text that are ``char`` (0 when rare)."""
        return self._char_frequency.get(char, 0.0)

    def joins(self, left: str, right: str) -> bool:
        """Whether ``left`` followed by ``right`` occurs inside some word."""
        return right in self.follower_sets[left]

    def similar(self, char: str) -> tuple[str, ...]:
        """Characters like ``char``, by class: same sound and tone, same sound
        in another tone, a sound often confused (zh/z, n/l, ang/an …), a close
        shape, a looser shape. Empty strings when nothing is known."""
        return self._similar.get(char, ("",) * 5)


#: More than any segmentation costs.
_FAR = 1 << 30


class _CharSets(dict):
    """Character -> frozenset of the characters a table lists for it, made on
    first use. The characters are interned: the sets share one string per
    character, which is most of their memory otherwise."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self._table = table

    def __missing__(self, char: str) -> frozenset[str]:
        value = self[char] = frozenset(map(sys.intern, self._table.get(char, "")))
        return value


class _CharCosts(dict):
    """Character -> its cost as a word of its own, looked up on first use."""

    def __init__(self, cost) -> None:
        super().__init__()
        self._cost = cost

    def __missing__(self, char: str) -> int:
        cost = self._cost(char)
        value = self[char] = UNKNOWN_CHAR_COST if cost is None else cost
        return value


def _best_prefixes(text: str, words: list[list[tuple[int, int]]]) -> list[int]:
    """For each ``i``, the segmentation cost of ``text[:i]``; ``words[start]``
    holds (length, cost) of the words of two or more characters at ``start``
    (those reaching past the end of ``text`` are left out)."""
    char_costs = lexicon().char_costs
    size = len(text)
    best = [0] + [_FAR] * size
    for start, char in enumerate(text):
        here = best[start]
        if here + char_costs[char] < best[start + 1]:
            best[start + 1] = here + char_costs[char]
        for length, cost in words[start]:
            end = start + length
            if end <= size and here + cost < best[end]:
                best[end] = here + cost
    return best


def _best_suffixes(text: str, words: list[list[tuple[int, int]]]) -> list[int]:
    """For each ``i``, the segmentation cost of ``text[i:]`` (see _best_prefixes)."""
    char_costs = lexicon().char_costs
    size = len(text)
    best = [_FAR] * size + [0]
    for start in range(size - 1, -1, -1):
        cheapest = char_costs[text[start]] + best[start + 1]
        for length, cost in words[start]:
            if start + length <= size and cost + best[start + length] < cheapest:
                cheapest = cost + best[start + length]
        best[start] = cheapest
    return best


class Gap:
    """A place in a document's Simplified text where a character is put in
    (``stop == resume``) or replaced (``resume == stop + 1``), between
    ``before`` (``text[start:stop]``) and ``after`` (``text[resume:end]``).

    The likeliest segmentation of ``before + char + after`` is the cheapest
    of: the best of ``before``, ``char`` alone, the best of ``after``; or,
    for each word through ``char``, the best of what precedes the word, the
    word, the best of what follows it. So the costs of either side are
    worked out once (from the words the view has already looked up) for
    every candidate character, and each candidate asks the lexicon only
    for the words through it.
    """

    def __init__(self, view: TypoView, start: int, stop: int, resume: int, end: int) -> None:
        self.view = view
        self.before = view.text[start:stop]
        self.after = view.text[resume:end]
        self._start = start
        self._resume = resume
        self._prefix: list[int] | None = None
        self._suffix: list[int] | None = None

    def words_through(self, char: str) -> list[tuple[int, int, int]]:
        """(start, end, cost) of every word of two or more characters of
        ``before + char + after`` that holds ``char``, by start, then length."""
        lex = lexicon()
        before, follower_sets = self.before, lex.follower_sets
        at = len(before)
        first = at  # a word starting before ``char`` joins every pair up to it
        if before and char in follower_sets[before[-1]]:
            first -= 1
            while first and before[first] in follower_sets[before[first - 1]]:
                first -= 1
        text = before + char + self.after
        found = []
        for start in range(first, at + 1):
            found.extend(
                (start, start + length, cost)
                for length, cost in lex.longer_words_at(text[start:])
                if start + length > at
            )
        return found

    def cost(self, char: str, words: list[tuple[int, int, int]]) -> int:
        """The segmentation cost of ``before + char + after``, given the words through ``char``."""
        prefix, suffix = self._sides()
        at = len(self.before)
        best = prefix[at] + lexicon().char_costs[char] + suffix[0]
        for start, end, cost in words:
            best = min(best, prefix[start] + cost + suffix[end - at - 1])
        return best

    def most_saved(self, char: str, words: list[tuple[int, int, int]]) -> int:
        """An upper bound, found without the costs of either side, on how much
        cheaper ``before + char + after`` segments than with ``char`` alone:
        no word saves more than its characters cost as words of their own,
        less its cost."""
        text, char_costs = self.before + char + self.after, lexicon().char_costs
        return max([0, *(sum(map(char_costs.__getitem__, text[start:end])) - cost for start, end, cost in words)])

    def cost_without(self) -> int:
        """The segmentation cost of ``before + after`` when no word joins them."""
        prefix, suffix = self._sides()
        return prefix[-1] + suffix[0]

    def _sides(self) -> tuple[list[int], list[int]]:
        """The segmentation costs of the beginnings of ``before`` and of the ends of ``after``."""
        if self._prefix is None:
            words_from = self.view.words_from
            start, resume = self._start, self._resume
            self._prefix = _best_prefixes(self.before, [*map(words_from, range(start, start + len(self.before)))])
            self._suffix = _best_suffixes(self.after, [*map(words_from, range(resume, resume + len(self.after)))])
        return self._prefix, self._suffix  # type: ignore[return-value]


@cache
def lexicon() -> Lexicon:
    """The lexicon, loaded (or built and cached) once per process.

    Several processes starting at once build it once: the first takes a
    lock beside the cache file, the others wait and then load what it wrote.
    Where the cache cannot be read or written, it is built in memory."""
    path = _cache_path()
    loaded = _load(path)
    if loaded is not None:
        return loaded
    with _build_lock(path):
        loaded = _load(path)  # another process may have built it while this one waited
        if loaded is not None:
            return loaded
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


class TypoView:
    """What the typo rules share about one document: its text in Simplified
    characters, offset for offset (the lexicon is Simplified), which
    neighbouring characters meet inside some word, and the words found at a
    place. Get it with :func:`typo_view`: it is made once per document.
    """

    def __init__(self, doc: Document) -> None:
        self.source = doc.text
        self.text = _to_simplified(doc)
        self._words: dict[int, list[tuple[int, int]]] = {}

    @cached_property
    def joins(self) -> list[bool]:
        """For each offset, whether its character and the next one occur
        together inside some word (False at the end)."""
        text = self.text
        followers = lexicon().follower_sets
        return [*map(frozenset.__contains__, map(followers.__getitem__, text[:-1]), text[1:]), False]

    @cached_property
    def pair_list(self) -> list[str]:
        """The two characters at each offset but the last."""
        return [*map(add, self.text, self.text[1:])]

    @cached_property
    def pairs(self) -> frozenset[str]:
        """Every two neighbouring characters of the text."""
        return frozenset(self.pair_list)

    @cached_property
    def pair_counts(self) -> Counter[str]:
        """How often each two neighbouring characters occur (overlaps counted)."""
        return Counter(self.pair_list)

    @cached_property
    def han_count(self) -> int:
        """How many Chinese characters the text holds."""
        return sum(map(len, _HAN_RUNS.findall(self.text)))

    def words_from(self, offset: int) -> list[tuple[int, int]]:
        """(length, cost) of every word of two or more characters at ``offset``."""
        found = self._words.get(offset)
        if found is None:
            found = self._words[offset] = lexicon().longer_words_at(self.text[offset : offset + MAX_WORD])
        return found

    def crosses_word(self, start: int, end: int, max_cost: int = COMMON_WORD) -> bool:
        """Whether a common word of two or more characters overlaps ``text[start:end]``
        and reaches outside it: `福社` in `幸福社区` is two words, not a typo."""
        for position in range(max(0, start - MAX_WORD + 1), end):
            for length, cost in self.words_from(position):
                stop = position + length
                if cost <= max_cost and stop > start and (position < start or stop > end):
                    return True
        return False


def typo_view(doc: Document) -> TypoView:
    """The document's :class:`TypoView`, made on first use."""
    view = _VIEWS.get(doc)
    if view is None or view.source is not doc.text:
        view = _VIEWS[doc] = TypoView(doc)
    return view


_VIEWS: weakref.WeakKeyDictionary[Document, TypoView] = weakref.WeakKeyDictionary()


def _to_simplified(doc: Document) -> str:
    """The text in Simplified characters; lines whose conversion changes length stay as they are."""
    text = doc.text
    if not doc.has_han or not doc.script.traditional:
        return text
    converted = doc.script.converted("t2s")  # the script profile has converted it already
    if converted is not None:
        return converted
    from wenlint.script import converter

    convert = converter("t2s").convert
    return "\n".join(
        new if len(new) == len(line) else line for line, new in ((line, convert(line)) for line in text.split("\n"))
    )


def in_script(doc: Document, start: int, end: int, corrected: str) -> str:
    """A correction of ``doc.text[start:end]``, found in the Simplified view,
    written in the document's script: converted to Traditional in a
    Traditional document, and elsewhere with the unchanged characters kept
    as they are."""
    original = doc.text[start:end]
    view = typo_view(doc).text[start:end]
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
    """Where the cache is: its name says what it was built from (the layout,
    the packages' versions, the shipped table's content, not its file time,
    so that every installation of the same wenlint shares one cache)."""
    import platformdirs

    versions = "-".join(importlib.metadata.version(name) for name in ("jieba", "wordfreq", "pypinyin"))
    shape = hashlib.blake2b((DATA / "typo_shape.tsv").read_bytes(), digest_size=6).hexdigest()
    return Path(platformdirs.user_cache_dir("wenlint")) / f"typo-lexicon-{FORMAT}-{versions}-{shape}.pickle"


def _load(path: Path) -> Lexicon | None:
    """The cached lexicon, or None when there is none or it cannot be read."""
    try:
        with open(path, "rb") as stream:
            return Lexicon(pickle.load(stream))
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: build it again
        return None


@contextlib.contextmanager
def _build_lock(path: Path):
    """Hold an exclusive lock beside the cache while building it, so that
    processes starting together build it once; no lock where none can be had."""
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        stream = open(path.parent / "typo-lexicon.lock", "a")
    except (ImportError, OSError):
        yield
        return
    with stream:
        try:
            fcntl.flock(stream, fcntl.LOCK_EX)
        except OSError:
            pass
        yield  # closing the file releases the lock


def _store(path: Path, data: dict) -> None:
    """Write the cache atomically (a temporary file, then a rename, so a
    reader never sees half a file); a cache that cannot be written is skipped."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix="typo-lexicon-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        _remove_stale(path)
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _remove_stale(path: Path) -> None:
    """Remove other caches (and temporary files) left for a while: another
    installation may still use a cache built from other versions, and
    removing it at once would have the two rebuild theirs in turn."""
    old = time.time() - STALE_AFTER
    for other in path.parent.glob("typo-lexicon-*"):
        if other.suffix in (".pickle", ".tmp") and other != path:
            with contextlib.suppress(OSError):
                if other.stat().st_mtime < old:
                    other.unlink()


def _build() -> dict:
    """Read the sources and build what the cache holds."""
    import marisa_trie

    newspaper, idioms = _jieba_words()
    web = _wordfreq_words()
    trie = marisa_trie.Trie(newspaper.keys() | web.keys())
    costs = array("H", bytes(2 * len(trie)))
    flags = bytearray(len(trie))
    pairs: set[str] = set()  # two characters that meet inside a word
    common_pairs: set[str] = set()  # ... inside a common word
    by_cost: dict[int, list[str]] = {}
    for word, index in trie.items():
        probability = (newspaper.get(word, 0.0) + web.get(word, 0.0)) / 2
        cost = costs[index] = min(65535, round(-100 * math.log10(probability)))
        flags[index] = (
            (IDIOM if word in idioms else 0) | (NEWSPAPER if word in newspaper else 0) | (WEB if word in web else 0)
        )
        by_cost.setdefault(cost, []).append(word)
        if len(word) > 1:
            inside = [*map(add, word, word[1:])]
            pairs.update(inside)
            if cost <= COMMON_WORD:
                common_pairs.update(inside)
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
        "similar": _similar_characters(in_use),
        "idioms": "".join(sorted(word for word in idioms if len(word) == 4)),
        "char_frequency": {char: count / total for char, count in chars.items() if count / total >= 1e-6},
    }


def _neighbours(pairs) -> dict[str, str]:
    """First character -> the second characters of ``pairs``, sorted."""
    return {char: "".join(pair[1] for pair in group) for char, group in groupby(sorted(pairs), key=itemgetter(0))}


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
