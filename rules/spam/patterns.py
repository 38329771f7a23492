"""Pattern packs of the S (spam and boilerplate) family, one Aho-Corasick
automaton per process, one pass of it per document, and ``SpamLineRule``,
the line rule kind as the S rules use it.

A pack is a text file ``data/spam_<kind>.txt``: one phrase per line, ``#``
comments and ``[section]`` headers. Phrases may be written in either script:
packs and documents are both normalised to Simplified with OpenCC ``t2s``
before matching, so `首页` matches `首頁`, and `来源于网友上传` matches the
half-converted `來源于網友上傳` of a careless converter. The normalised text
keeps the length of the original, so offsets into it are offsets into
``doc.text``. Phrases with Latin letters also match in lower and upper case.

Each rule declares the pack sections that anchor the automaton
(``SpamLineRule.anchors``); the automaton is built from those declarations,
so adding a rule is its module and its pack.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, ClassVar

import regex

from wenlint import Document, Option
from wenlint.kinds.line import Candidate, LineRule, indent
from wenlint.kinds.substitution import string_automaton
from wenlint.script import converter
from wenlint.t2s_witnesses import t2s_may_change
from wenlint.zones import Zone
from wenlint_rules import DATA


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase of a pack found at ``start:end`` of the text."""

    start: int
    end: int
    phrase: str
    #: ``pack:section`` of the phrase (``extra`` for a configured one).
    tag: str = ""

    def inside(self, others: Iterable[Hit]) -> bool:
        """Whether another hit covers this one (`网友上传` in `来源于网友上传`)."""
        return any(
            other.start <= self.start and self.end <= other.end and other.end - other.start > self.end - self.start
            for other in others
        )


# -- packs and normalisation --------------------------------------------------


def normalise(text: str) -> str:
    """``text`` in Simplified (OpenCC ``t2s``), of the same length.

    A line whose conversion changed its length (a phrase mapped to one of
    another length) is converted character by character instead, keeping
    any character whose conversion is not one character.
    """
    if not t2s_may_change(text):
        return text
    convert = converter("t2s").convert
    converted = convert(text)
    if len(converted) == len(text):
        return converted
    return "\n".join(_normalise_line(line, convert) for line in text.split("\n"))


def _normalise_line(line: str, convert: Callable[[str], str]) -> str:
    converted = convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(new if len(new := convert(char)) == 1 else char for char in line)


#: What a scraper keeps around chrome in Markdown: a quote mark or a list
#: marker before it, emphasis, a link or an image around its text.
_MARKUP_PREFIX = regex.compile(r"^(?:>\s*|[-*+]\s+)+")
_LINK = regex.compile(r"!?\[([^\]]*)\]\((?:\\.|[^)\\])*\)")
_EMPHASIS = regex.compile(r"\*\*|__")
#: Whether a line holds any of it (`[`, `*`, `_`, `>`, `- `, `+ `), in one search.
_MARKUP_MARK = re.compile(r"[\[*_>]|[-+] ")


@lru_cache(maxsize=256)
def plain(line: str) -> str:
    """``line`` without the Markdown around its words: `- **关注我们**` and
    `[知道了](javascript:;)` read as `关注我们` and `知道了`. (The last few
    hundred remembered: four S rules read the same head and tail lines.)"""
    if not _MARKUP_MARK.search(line):  # most lines: nothing to take away
        return line.strip()
    return _MARKUP_PREFIX.sub("", _EMPHASIS.sub("", _LINK.sub(r"\1", line))).strip()


def _case_forms(phrase: str) -> set[str]:
    return {phrase, phrase.lower(), phrase.upper()}


def phrase_set(phrases: Iterable[str]) -> frozenset[str]:
    """Phrases normalised for matching (Simplified, and each case of Latin letters)."""
    forms: set[str] = set()
    for phrase in phrases:
        forms.update(_case_forms(normalise(phrase.strip())))
    forms.discard("")
    return frozenset(forms)


@cache
def pack(name: str) -> dict[str, frozenset[str]]:
    """The sections of ``data/spam_<name>.txt``, each a set of normalised phrases."""
    sections: dict[str, list[str]] = defaultdict(list)
    section = ""
    for raw in (DATA / f"spam_{name}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        else:
            sections[section].append(line)
    return {key: phrase_set(values) for key, values in sections.items()}


# -- the automaton --------------------------------------------------------------


@dataclass(frozen=True)
class Automaton:
    """An Aho-Corasick automaton (``ahocorasick_rs``: the Rust crate's) of
    distinct phrases, and the tags each carries, by the phrase's index."""

    search: Any
    phrases: tuple[str, ...]
    tags: tuple[frozenset[str], ...]


def _build_automaton(entries: tuple[tuple[str, str], ...]) -> Automaton:
    """The automaton of (phrase, tag) entries: each phrase once, with every tag it carries."""
    tags: dict[str, set[str]] = defaultdict(set)
    for phrase, tag in entries:
        if phrase:  # the empty phrase is no phrase
            tags[phrase].add(tag)
    phrases = tuple(tags)
    return Automaton(string_automaton(phrases), phrases, tuple(frozenset(tags[phrase]) for phrase in phrases))


#: The pack sections that anchor the automaton, as (pack, section, suffixes),
#: declared by the S line rules (``SpamLineRule.anchors``) as their classes
#: are defined. Each phrase is a key followed by each suffix (metadata labels
#: only count before a colon: `格式:`, not the `格式` of prose). Only rare
#: phrases anchor it: common words (the weak sections) are looked up in the
#: few lines an anchor marks (``Scan.find_in_line``), which keeps the
#: automaton small and fast.
_ANCHORS: dict[tuple[str, str, tuple[str, ...]], None] = {}


def automaton():
    """The automaton of every declared anchor section, built once per process
    (again only if a rule declares another section later)."""
    return _anchor_automaton(tuple(_ANCHORS))


@lru_cache(maxsize=1)
def _anchor_automaton(anchors: tuple[tuple[str, str, tuple[str, ...]], ...]):
    entries = tuple(
        (phrase + suffix, f"{name}:{section}")
        for name, section, suffixes in anchors
        for phrase in pack(name)[section]
        for suffix in suffixes
    )
    return _build_automaton(entries)


@lru_cache(maxsize=64)
def extra_automaton(phrases: frozenset[str]):
    """An automaton of user-configured phrases, built once per distinct set."""
    return _build_automaton(tuple((phrase, "extra") for phrase in phrases))


def _find(automaton_: Automaton, text: str) -> dict[str, list[Hit]]:
    """Every occurrence of the automaton's phrases in ``text``, overlapping
    ones too, by tag: in the order they end, the longer first where two end
    at one place."""
    hits: dict[str, list[Hit]] = defaultdict(list)
    if automaton_.search is None:
        return hits
    found = automaton_.search.find_matches_as_indexes(text, overlapping=True)
    found.sort(key=lambda match: (match[2], match[1]))
    for index, start, end in found:
        phrase = automaton_.phrases[index]
        for tag in automaton_.tags[index]:
            hits[tag].append(Hit(start, end, phrase, tag))
    return hits


# -- one scan per document ---------------------------------------------------------


@dataclass
class Scan:
    """A document as the S rules see it: its text normalised to Simplified,
    and every anchor phrase found in it, by ``pack:section`` tag."""

    text: str
    line_starts: list[int]
    hits: dict[str, list[Hit]]
    _extra: dict[frozenset[str], list[Hit]] = field(default_factory=dict)
    #: The lines every rule browsing a set of zones judges, by the set (see ``browsed``).
    _browsed: dict[frozenset[Zone], list[int]] = field(default_factory=dict)
    #: The candidates of lines without hits, shared by every rule judging them.
    _bare: dict[int, Candidate] = field(default_factory=dict)

    def line_index(self, offset: int) -> int:
        """The 0-based index of the line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_span(self, index: int) -> tuple[int, int]:
        """Start and end of line ``index``, without its line break."""
        starts = self.line_starts
        return starts[index], starts[index + 1] - 1 if index + 1 < len(starts) else len(self.text)

    def line(self, index: int) -> str:
        """Normalised line ``index``, without its line break."""
        start, end = self.line_span(index)
        return self.text[start:end]

    def lines_with(self, *tags: str) -> dict[int, list[Hit]]:
        """Hits of the given tags grouped by line index, lines in order."""
        if not self.hits:  # most documents: no anchor phrase at all
            return {}
        by_line: dict[int, list[Hit]] = defaultdict(list)
        for tag in tags:
            for hit in self.hits.get(tag, ()):
                by_line[self.line_index(hit.start)].append(hit)
        return dict(sorted(by_line.items()))

    def find_in_line(self, index: int, phrases: frozenset[str]) -> list[Hit]:
        """Every occurrence of ``phrases`` in line ``index`` (for a few lines only)."""
        start, end = self.line_span(index)
        text = self.text
        hits = []
        for phrase in phrases:
            found = text.find(phrase, start, end)
            while found != -1:
                hits.append(Hit(found, found + len(phrase), phrase))
                found = text.find(phrase, found + 1, end)
        return hits

    def browsed(self, doc: Document, zones: frozenset[Zone]) -> list[int]:
        """The indexes of the lines in ``zones`` (head, body, tail), ascending:
        worked out once per set of zones, for every rule browsing them."""
        if zones not in self._browsed:
            found = doc.zones
            self._browsed[zones] = [
                index
                for zone, lines in ((Zone.HEAD, found.head), (Zone.BODY, found.body), (Zone.TAIL, found.tail))
                if zone in zones
                for index in lines
            ]
        return self._browsed[zones]

    def candidate(self, doc: Document, index: int, hits: tuple[Hit, ...]) -> Candidate:
        """Line ``index`` as a rule judges it, with ``hits``: made once per
        document for a line without hits, which every browsing rule judges."""
        if not hits and index in self._bare:
            return self._bare[index]
        start, end = self.line_span(index)
        raw = self.text[start:end]
        made = Candidate(index, doc.zones.zone(index), start + indent(raw), raw.strip(), hits)
        if not hits:
            self._bare[index] = made
        return made

    def extra_hits(self, phrases: frozenset[str]) -> list[Hit]:
        """Hits of user-configured phrases (one more automaton pass per set)."""
        if not phrases:
            return []
        if phrases not in self._extra:
            self._extra[phrases] = _find(extra_automaton(phrases), self.text).get("extra", [])
        return self._extra[phrases]


def _scan(doc: Document) -> Scan:
    # the script profile's conversion when it kept every line's length: the same text, converted once and kept once
    text = doc.script.in_simplified if doc.has_han else None
    if text is None:
        text = normalise(doc.text)
    return Scan(text, doc.line_starts, _find(automaton(), text))


def scan(doc: Document) -> Scan:
    """The scan of ``doc``, made once and shared by every S rule."""
    return doc.view(_scan)


# -- the rules' base class ----------------------------------------------------------


def extra_patterns_option(what: str) -> Option:
    """The ``extra-patterns`` option of a rule: a list of phrases."""
    return Option([], f"more {what} to match (Simplified or Traditional)")


class SpamLineRule(LineRule):
    """A line rule of the S family, declared by its pack and the sections of
    it that anchor the automaton. It reads lines normalised to Simplified
    (``Candidate.text``), with the anchor phrases found in each
    (``Candidate.hits``), and may take an ``extra-patterns`` option."""

    #: Its pack, ``data/spam_<pack>.txt``.
    pack: ClassVar[str] = ""
    #: Sections of the pack whose phrases anchor the automaton: a line
    #: holding one is judged in any zone the policy allows.
    anchors: ClassVar[tuple[str, ...]] = ()
    #: What an anchor phrase must be followed by to count (a colon for labels).
    anchor_suffixes: ClassVar[tuple[str, ...]] = ("",)
    #: The zones whose every line is judged, anchor or not (as far as the
    #: zone policy allows); in the others only the lines holding an anchor.
    browse: ClassVar[frozenset[Zone]] = frozenset({Zone.HEAD, Zone.TAIL})
    #: Whether the ``extra-patterns`` phrases anchor lines as the pack's anchors do.
    extra_anchors: ClassVar[bool] = False

    #: The tags of the anchor sections' hits, and the zones browsed (where the policy flags).
    _tags: ClassVar[tuple[str, ...]] = ()
    _browse: ClassVar[frozenset[Zone]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for section in cls.anchors:
            _ANCHORS[(cls.pack, section, cls.anchor_suffixes)] = None
        cls._tags = tuple(f"{cls.pack}:{section}" for section in cls.anchors)
        cls._browse = cls.browse & cls.zone_policy.flags

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        extra = self.settings.get("extra-patterns", [])
        if not all(isinstance(item, str) and item.strip() for item in extra):
            raise ValueError(f"option 'extra-patterns' must be a list of non-empty strings, not {extra!r}")
        self.extra = phrase_set(extra)

    def section(self, name: str) -> frozenset[str]:
        """Section ``name`` of the rule's pack."""
        return pack(self.pack)[name]

    def tag(self, section: str) -> str:
        """The tag of the hits of a section of the rule's pack (``Hit.tag``)."""
        return f"{self.pack}:{section}"

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        found = scan(doc)
        hits = found.lines_with(*self._tags)
        if self.extra_anchors:
            for hit in found.extra_hits(self.extra):
                hits.setdefault(found.line_index(hit.start), []).append(hit)
        browsed = found.browsed(doc, self._browse) if self._browse else []
        indexes = sorted(hits.keys() | browsed) if hits else browsed
        for index in indexes:
            yield found.candidate(doc, index, tuple(hits.get(index, ())))
