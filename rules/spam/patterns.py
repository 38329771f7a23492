"""Pattern packs of the S (spam and boilerplate) family, one Aho-Corasick
automaton per process, one pass of it per document, and the base class the
S rules share.

A pack is a text file ``data/spam_<kind>.txt``: one phrase per line, ``#``
comments and ``[section]`` headers. Phrases may be written in either script:
packs and documents are both normalised to Simplified with OpenCC ``t2s``
before matching, so `首页` matches `首頁`, and `来源于网友上传` matches the
half-converted `來源于網友上傳` of a careless converter. The normalised text
keeps the length of the original, so offsets into it are offsets into
``doc.text``. Phrases with Latin letters also match in lower and upper case.

(A leading underscore keeps this module out of rule discovery: the base
class has no code.)
"""

from __future__ import annotations

import bisect
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from wenlint import Diagnostic, Document, Fix, Option, Rule
from wenlint.script import converter
from wenlint_rules import DATA

#: Sections of the packs that anchor the automaton, as (pack, section, suffixes):
#: each phrase is a key followed by each suffix (metadata labels only count
#: before a colon: `格式:`, not the `格式` of prose). Only rare phrases anchor
#: it: common words (the weak sections) are looked up in the few lines an
#: anchor marks (``Scan.find_in_line``), which keeps the automaton small and fast.
ANCHORS = (
    ("seo", "strong", ("",)),
    ("breadcrumb", "label", ("",)),
    ("promo", "strong", ("",)),
    ("promo", "search", ("",)),
    ("metadata", "strong", (":", "：")),
    ("chrome", "strong", ("",)),
    ("chrome", "preview", ("",)),
    ("licence", "anchors", ("",)),
    ("tags", "strong", ("",)),
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase of a pack found at ``start:end`` of the text."""

    start: int
    end: int
    phrase: str

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


def _build_automaton(entries: tuple[tuple[str, str], ...]):
    """An Aho-Corasick automaton of (phrase, tag) entries; each key's value
    is the phrase and the tags it carries."""
    import ahocorasick

    tags: dict[str, set[str]] = defaultdict(set)
    for phrase, tag in entries:
        tags[phrase].add(tag)
    automaton = ahocorasick.Automaton()
    for phrase, phrase_tags in tags.items():
        automaton.add_word(phrase, (phrase, frozenset(phrase_tags)))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def automaton():
    """The automaton of every anchor section of the packs, built once per process."""
    entries = tuple(
        (phrase + suffix, f"{name}:{section}")
        for name, section, suffixes in ANCHORS
        for phrase in pack(name)[section]
        for suffix in suffixes
    )
    return _build_automaton(entries)


@lru_cache(maxsize=64)
def extra_automaton(phrases: frozenset[str]):
    """An automaton of user-configured phrases, built once per distinct set."""
    return _build_automaton(tuple((phrase, "extra") for phrase in phrases))


def _find(automaton_, text: str) -> dict[str, list[Hit]]:
    hits: dict[str, list[Hit]] = defaultdict(list)
    for last, (phrase, tags) in automaton_.iter(text):
        hit = Hit(last + 1 - len(phrase), last + 1, phrase)
        for tag in tags:
            hits[tag].append(hit)
    return hits


# -- one scan per document ---------------------------------------------------------


@dataclass
class Scan:
    """A document as the S rules see it: its text normalised to Simplified,
    and every anchor phrase found in it, by ``pack:section`` tag. (It holds
    no reference to the document, which keys the cache of scans.)"""

    text: str
    line_starts: list[int]
    hits: dict[str, list[Hit]]
    _extra: dict[frozenset[str], list[Hit]] = field(default_factory=dict)

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

    def extra_hits(self, phrases: frozenset[str]) -> list[Hit]:
        """Hits of user-configured phrases (one more automaton pass per set)."""
        if not phrases:
            return []
        if phrases not in self._extra:
            self._extra[phrases] = _find(extra_automaton(phrases), self.text).get("extra", [])
        return self._extra[phrases]


_SCANS: weakref.WeakKeyDictionary[Document, Scan] = weakref.WeakKeyDictionary()


def _scan(doc: Document) -> Scan:
    text = normalise(doc.text)
    return Scan(text, doc.line_starts, _find(automaton(), text))


def scan(doc: Document) -> Scan:
    """The scan of ``doc``, made once and shared by every S rule."""
    found = _SCANS.get(doc)
    if found is None:
        found = _SCANS[doc] = _scan(doc)
    return found


# -- the rules' base class ----------------------------------------------------------


def extra_patterns_option(what: str) -> Option:
    """The ``extra-patterns`` option of a rule: a list of phrases."""
    return Option([], f"more {what} to match (Simplified or Traditional)")


class SpamRule(Rule):
    """What the S rules share: the ``extra-patterns`` option (when a rule
    declares it) and findings that delete a whole line."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        extra = self.settings.get("extra-patterns", [])
        if not all(isinstance(item, str) and item.strip() for item in extra):
            raise ValueError(f"option 'extra-patterns' must be a list of non-empty strings, not {extra!r}")
        self.extra = phrase_set(extra)

    @staticmethod
    def is_verbatim_line(doc: Document, index: int) -> bool:
        """Whether line ``index`` starts in Markdown code, a URL or an address."""
        if not doc.verbatim:
            return False
        line = doc.line(index + 1)
        text = doc.text[line.start : line.end]
        return doc.is_verbatim(line.start + len(text) - len(text.lstrip()))

    def candidate_lines(self, doc: Document, found: Scan, *tags: str) -> list[int]:
        """Indexes of the lines a rule looks at, in order: every line of the
        head and tail, and the body lines holding a phrase of ``tags``;
        not lines in Markdown code."""
        zones = doc.zones
        lines = {*zones.head, *zones.tail}
        lines.update(found.lines_with(*tags))
        return [index for index in sorted(lines) if not self.is_verbatim_line(doc, index)]

    def labelled_lines(self, doc: Document, tag: str) -> list[tuple[int, str]]:
        """(index, stripped text) of the candidate lines of a rule whose
        signatures are `label:` lines; none in a text without a colon."""
        text = doc.text
        if not doc.has_han or (":" not in text and "：" not in text):
            return []
        found = scan(doc)
        return [(index, found.line(index).strip()) for index in self.candidate_lines(doc, found, tag)]

    def line_finding(self, doc: Document, index: int, message: str) -> Diagnostic:
        """A finding on the text of line ``index``, fixed by deleting the line
        (see ``Zones.removal_span``): safe when the line is in the head or
        tail, where a rule's signature is strong evidence; unsafe in the body."""
        line = doc.line(index + 1)
        text = doc.text[line.start : line.end]
        start = line.start + len(text) - len(text.lstrip())
        end = line.start + len(text.rstrip())
        zones = doc.zones
        remove_start, remove_end = zones.removal_span(index)
        fix = Fix.replace(remove_start, remove_end, "", safe=zones.is_edge(index), message="delete the line")
        return self.diagnostic(start, end, message, fix)
