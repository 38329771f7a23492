"""The script profile of a document: how much of it is Traditional-only,
Simplified-only, or common to both, decided with OpenCC's conversion tables.

A character is *Traditional-only* where OpenCC's Traditional→Simplified
conversion of the text changes it, and *Simplified-only* where conversion
to Traditional changes it (see :func:`profile`). Conversion is phrase-aware
(`皇后` stays `皇后` in Traditional text), and characters both conversions
leave alone are common to both scripts and never count. The document's
text in Simplified characters, which the typo rules read, is here too
(:func:`simplified`).
"""

from __future__ import annotations

import json
import re
import struct
from array import array
from functools import cache, cached_property, partial
from itertools import compress, count
from pathlib import Path
from typing import TYPE_CHECKING

from wenlint.codepoints import class_body
from wenlint.t2s_witnesses import t2s_may_change
from wenlint.tablecache import kept

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from wenlint.document import Document

#: A script dominates when it has this many times the other's characters.
DOMINANCE = 4
#: Characters of context converted on either side of a candidate: as many as
#: OpenCC's longest phrase (15 in OpenCC 1.4; a test checks), so that every
#: phrase through the candidate is whole in its window.
CONTEXT = 16
#: A Traditional document follows a regional standard when it has at least
#: this many of that region's own forms, and this many times the other's.
REGION_EVIDENCE = 3
#: Taiwan writes `台` beside its standard `臺` (台灣, 台北), though OpenCC's
#: Taiwan table converts it.
TAIWAN_ALSO = frozenset("台")
_OCD2_HEADER = b"OPENCC_MARISA_0.2.5"


@cache
def converter(config: str):
    """A cached OpenCC converter (``t2s``, ``s2t``, ``s2twp`` ...)."""
    import opencc

    return opencc.OpenCC(config)


def convert_in_pieces(text: str, config: str) -> str:
    """``text`` converted with ``config``, a piece at a time (see :func:`_pieces`):
    the result is the same, and OpenCC's working copies of a large text
    (several times its size) stay small."""
    convert = converter(config).convert
    return "".join(convert(text[start:end]) for start, end in _pieces(text))


def _pieces(text: str):
    """(start, end) of the pieces of ``text`` converted at a time: a few tens of
    thousands of characters, cut after line breaks (no OpenCC phrase spans one,
    so converting the pieces converts the whole)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PIECE)
        end = len(text) if end == -1 else end + 1
        yield start, end
        start = end


def opencc_file(name: str) -> Path:
    """A file of OpenCC's installed data (a dictionary, a configuration)."""
    import opencc

    return Path(opencc.__file__).parent / "clib" / "share" / "opencc" / name


def opencc_dictionary(name: str) -> dict[str, list[str]]:
    """An installed OpenCC dictionary (``STCharacters`` ...): each key with its
    values. An ``.ocd2`` file is a marisa trie of the keys after a header,
    then the values: their count, their bytes, and per key the number of
    values and the length of each (values are in the order of key ids)."""
    import marisa_trie

    data = opencc_file(f"{name}.ocd2").read_bytes()
    trie = marisa_trie.Trie().frombytes(data[len(_OCD2_HEADER) :])
    at = len(_OCD2_HEADER) + len(trie.tobytes())
    items, size = struct.unpack_from("<II", data, at)
    values, at = data[at + 8 : at + 8 + size], at + 8 + size
    entries, cursor = [], 0
    for _ in range(items):
        (number,) = struct.unpack_from("<H", data, at)
        forms = []
        for length in struct.unpack_from(f"<{number}H", data, at + 2):
            forms.append(values[cursor : cursor + length].rstrip(b"\0").decode())
            cursor += length
        entries.append(forms)
        at += 2 + 2 * number
    return {key: entries[key_id] for key, key_id in trie.items()}


@cache
def shared_characters(table: str = "STCharacters") -> frozenset[str]:
    """Characters both scripts write: those an OpenCC character table lists
    among their own conversions. From ``STCharacters``, Simplified characters
    that are Traditional too (`干` → `幹 乾 干`, `里` → `裏 里 哩`); from
    ``TSCharacters``, Traditional ones that are Simplified too (`乾` → `干
    乾`, `昇` → `升 昇`). Which form a text needs depends on the word. Kept
    between runs (:mod:`wenlint.tablecache`): reading the table is slower."""
    return kept(f"opencc-shared-{table}", partial(_shared_characters, table), [opencc_file(f"{table}.ocd2")])


def _shared_characters(table: str) -> frozenset[str]:
    return frozenset(key for key, forms in opencc_dictionary(table).items() if key in forms)


@cache
def regional_forms() -> dict[str, str]:
    """Characters of the CJK block, none Simplified, that one regional table
    of OpenCC keeps and the other rewrites, each with the region keeping it:
    `說`, `稅`, `戶`, `溫` (Taiwan; Hong Kong writes `説`, `税`); `裏`,
    `羣`, `啓` (Hong Kong, and OpenCC's own standard; Taiwan writes `裡`,
    `群`, `啟`). Kept between runs (:mod:`wenlint.tablecache`): finding them
    converts the whole block three times."""
    import opencc

    return kept("opencc-regional-forms", _regional_forms, [opencc.__file__])


def _regional_forms() -> dict[str, str]:
    characters = [chr(code) for code in range(0x4E00, 0xA000)]
    joined = "\n".join(characters)
    traditional, taiwan, hongkong = (converter(c).convert(joined).split("\n") for c in ("s2t", "t2tw", "t2hk"))
    forms = {}
    for character, *converted in zip(characters, traditional, taiwan, hongkong):
        kept = [region for region, new in zip(("traditional", "taiwan", "hongkong"), converted) if new == character]
        if len(kept) == 2 and "traditional" in kept:  # kept by s2t (not Simplified) and by one region only
            forms[character] = kept[1]
    return forms


@cache
def _simplified_only_pattern() -> re.Pattern:
    """Any character of :func:`simplified_only` in the Basic Multilingual
    Plane (with astral characters in it, re tries a class member by member:
    a search of a text holding none took 200 times as long)."""
    bmp = class_body(char for char in simplified_only() if char <= "\uffff")
    return re.compile(f"[{bmp}]")


def simplified_only() -> frozenset[str]:
    """Characters OpenCC's Simplified→Traditional conversion changes wherever
    they stand: those it converts on their own that no value of its
    dictionaries holds, so that a phrase through one converts it too (`们`,
    `说`; not `干`, which `干净` keeps). A text holding one has a Simplified
    candidate. Kept between runs (:mod:`wenlint.tablecache`)."""
    import opencc

    return kept("opencc-simplified-only", _simplified_only, [opencc.__file__])


def _simplified_only() -> frozenset[str]:
    config = json.loads(opencc_file("s2t.json").read_text(encoding="utf-8"))
    held = {
        char
        for name in ocd2_names(config["conversion_chain"])
        for forms in opencc_dictionary(name).values()
        for form in forms
        for char in form
    }
    candidates = [key for key in opencc_dictionary("STCharacters") if len(key) == 1 and key not in held]
    converted = converter("s2t").convert("\n".join(candidates)).split("\n")
    return frozenset(char for char, new in zip(candidates, converted) if new != char)


def ocd2_names(node) -> list[str]:
    """The dictionaries (``.ocd2`` files, without the suffix) named anywhere in a part of an OpenCC configuration."""
    if isinstance(node, list):
        return [name for item in node for name in ocd2_names(item)]
    if isinstance(node, dict):
        if node.get("type") == "ocd2":
            return [node["file"].removesuffix(".ocd2")]
        return [name for value in node.values() for name in ocd2_names(value)]
    return []


@cache
def _regional_pattern() -> re.Pattern:
    """Any character of :func:`regional_forms`."""
    return re.compile("[" + "".join(sorted(regional_forms())) + "]")


def changed_positions(text: str, config: str, converted: str | None = None) -> array:
    """Offsets of the characters OpenCC's ``config`` would change (``converted``:
    the text already converted with it), as a compact array of integers.
    Without ``converted``, the text is converted and compared a piece at a
    time, so no converted copy of the whole is made."""
    if converted is not None and _same_lines(text, converted):
        return _differences(text, converted)
    convert = converter(config).convert
    positions = array("q")
    for start, end in _pieces(text):
        piece = text[start:end]
        new = convert(piece)
        if _same_lines(piece, new):
            positions.extend(_differences(piece, new, start))
            continue
        # A phrase changed length somewhere: compare line by line, and within a
        # line whose length changed, character by character.
        offset = start
        for line in piece.split("\n"):
            new = convert(line)
            if len(new) == len(line):
                positions.extend(_differences(line, new, offset))
            else:
                each = _convert_each(line, config)
                positions.extend(offset + i for i, (old, new) in enumerate(zip(line, each)) if old != new)
            offset += len(line) + 1
    return positions


def _convert_each(line: str, config: str) -> list[str]:
    """Each character of ``line`` converted on its own, in one OpenCC call:
    no OpenCC phrase spans a line break, so converting them joined by line
    breaks is the same."""
    return converter(config).convert("\n".join(line)).split("\n")


def _same_lines(a: str, b: str) -> bool:
    """Whether the lines of ``b`` have the lengths of those of ``a`` (so
    offsets into one are offsets into the other)."""
    if len(a) != len(b):
        return False
    # the line breaks at the same offsets, a piece at a time (splitting whole texts would copy both)
    return a == b or all(
        [*map(len, a[start : start + _PIECE].split("\n"))] == [*map(len, b[start : start + _PIECE].split("\n"))]
        for start in range(0, len(a), _PIECE)
    )


#: Characters compared at a time by _differences.
_PIECE = 1 << 16


def _differences(a: str, b: str, at: int = 0) -> array:
    """Offsets where two strings of the same length differ (compared in C):
    as integers, their UTF-32 forms XOR to zero where they agree. A piece
    at a time, so the four copies of the text this makes stay small. ``at``
    is added to every offset (where ``a`` starts in a longer text)."""
    found = array("q")
    if a == b:
        return found
    for start in range(0, len(a), _PIECE):
        a32, b32 = a[start : start + _PIECE].encode("utf-32-le"), b[start : start + _PIECE].encode("utf-32-le")
        if a32 != b32:
            xor = int.from_bytes(a32, "little") ^ int.from_bytes(b32, "little")
            found.extend(compress(count(at + start), memoryview(xor.to_bytes(len(a32), "little")).cast("I")))
    return found


class ScriptProfile:
    """Where a document's Traditional-only and Simplified-only characters are.

    Traditional-only: changed by OpenCC's Traditional→Simplified conversion.
    Simplified-only: changed by conversion to the document's Traditional
    standard (:attr:`region`), or to every one (OpenCC, Taiwan, Hong Kong)
    when the region is open, so regional variants such as `群` (OpenCC
    writes `羣`) are not taken for Simplified. The regional conversions only
    run on a little text around each candidate, and only when the exact set
    is needed: when Simplified candidates far outnumber Traditional
    characters, Simplified dominates whatever the regional variants are.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def _in_simplified(self) -> tuple[str, bool]:
        """The whole text converted to Simplified (the text itself when that
        changes nothing), and whether every line kept its length."""
        new = convert_in_pieces(self._text, "t2s") if t2s_may_change(self._text) else self._text
        if new == self._text:
            return self._text, True
        return new, _same_lines(self._text, new)

    @property
    def in_simplified(self) -> str | None:
        """The whole text converted to Simplified (OpenCC's ``t2s``), or None
        when that changed the length of a line, so offsets do not match. The
        one whole converted copy kept: no other conversion is."""
        new, same = self._in_simplified
        return new if same else None

    @cached_property
    def traditional(self) -> Sequence[int]:
        """Offsets of Traditional-only characters (an array: 8 bytes each, not an int object)."""
        return changed_positions(self._text, "t2s", self._in_simplified[0]) if self._text else array("q")

    @cached_property
    def simplified_candidates(self) -> Sequence[int]:
        """Offsets OpenCC's Simplified→Traditional conversion changes: every
        Simplified-only character, plus regional variants (cheap to compute)."""
        return changed_positions(self._text, "s2t") if self._text else array("q")

    @cached_property
    def simplified(self) -> Sequence[int]:
        """Offsets of Simplified-only characters."""
        return self.exactly_simplified(self.simplified_candidates)

    @cached_property
    def region(self) -> str | None:
        """``taiwan`` or ``hongkong``: the regional standard whose own forms
        (see :func:`regional_forms`) the text writes, or None when neither
        clearly dominates."""
        forms = regional_forms()
        regions = [forms[form] for form in _regional_pattern().findall(self._text)]
        taiwan, hongkong = regions.count("taiwan"), regions.count("hongkong")
        if taiwan >= REGION_EVIDENCE and taiwan >= REGION_EVIDENCE * hongkong:
            return "taiwan"
        if hongkong >= REGION_EVIDENCE and hongkong >= REGION_EVIDENCE * taiwan:
            return "hongkong"
        return None

    def exactly_simplified(self, candidates: Sequence[int]) -> Sequence[int]:
        """Those of ``candidates`` (ascending) foreign to the document's
        Traditional standard: in Taiwan text, what Taiwan's standard changes
        (so Hong Kong forms that are also Simplified, `户` `税` `温`, count);
        otherwise what every Traditional standard changes."""
        keep = candidates
        taiwan = self.region == "taiwan"
        for config in ("s2tw",) if taiwan else ("s2tw", "s2hk"):
            if keep:
                keep = _changed_near(self._text, keep, config)
        if taiwan:
            keep = array("q", (offset for offset in keep if self._text[offset] not in TAIWAN_ALSO))
        return keep if isinstance(keep, array) else array("q", keep)

    def _has_simplified_candidates(self) -> bool:
        """Whether there is any Simplified candidate, converting the text
        line by line only up to the first line with one."""
        if "simplified_candidates" in self.__dict__:
            return bool(self.simplified_candidates)
        if _simplified_only_pattern().search(self._text):
            return True
        convert = converter("s2t").convert
        for line in self._text.split("\n"):
            new = convert(line)
            if new != line:
                return len(new) == len(line) or bool(self.simplified_candidates)
        return False

    @cached_property
    def dominant(self) -> str:
        """``simplified``, ``traditional``, ``mixed``, or ``neutral`` (nothing script-specific)."""
        trad = len(self.traditional)
        if trad == 0:
            return "simplified" if self._has_simplified_candidates() else "neutral"
        if len(self.simplified_candidates) >= 2 * DOMINANCE * trad:
            # Regional variants are a small share of the candidates, so the
            # exact count is not needed to see that Simplified dominates.
            return "simplified"
        simp = len(self.simplified)
        if trad >= DOMINANCE * simp:
            return "traditional"
        if simp >= DOMINANCE * trad:
            return "simplified"
        return "mixed"

    def minority(self) -> Sequence[int]:
        """Offsets of the characters of the script that does not dominate."""
        dominant = self.dominant
        if dominant == "traditional":
            return self.simplified
        if dominant == "simplified":
            return self.traditional
        return array("q")


def _changed_near(text: str, offsets: Iterable[int], config: str) -> array:
    """Which of ``offsets`` (ascending) ``config`` changes, converting only a
    window of text around each (wide enough for OpenCC's longest phrases),
    windows in one call, joined by line breaks (no OpenCC phrase spans one).
    Windows and calls hold at most about _PIECE characters, and are made as
    they are converted, so a long stretch of candidates never makes a copy
    of the whole text, a set of its changes or a window per candidate."""
    result = array("q")
    for batch in _batches(_windows(text, offsets)):
        changed = set(changed_positions("\n".join(text[start:end] for start, end, _ in batch), config))
        joined_at = 0  # where each window starts in the joined text
        for start, end, inside in batch:
            result.extend(offset for offset in inside if offset - start + joined_at in changed)
            joined_at += end - start + 1
    return result


def _windows(text: str, offsets: Iterable[int]):
    """[start, end, offsets inside] of the windows around ``offsets``, a window
    taking in the next offset while it overlaps it and is under _PIECE characters."""
    window = None
    for offset in offsets:
        start, end = max(0, offset - CONTEXT), min(len(text), offset + CONTEXT + 1)
        if window and start <= window[1] and window[1] - window[0] < _PIECE:
            window[1] = end
            window[2].append(offset)
        else:
            if window:
                yield window
            window = [start, end, [offset]]
    if window:
        yield window


def _batches(windows: Iterable[list]):
    """The windows in runs of about _PIECE characters."""
    batch, size = [], 0
    for window in windows:
        if batch and size + window[1] - window[0] > _PIECE:
            yield batch
            batch, size = [], 0
        batch.append(window)
        size += window[1] - window[0] + 1
    if batch:
        yield batch


def profile(text: str) -> ScriptProfile:
    """The script profile of ``text``."""
    return ScriptProfile(text)


def simplified(doc: Document) -> str:
    """The document's text in Simplified characters, offset for offset: the
    one Simplified view, shared through ``doc.view(simplified)``. A line
    whose conversion changes its length stays as it is."""
    text = doc.text
    if not doc.has_han or not doc.script.traditional:
        return text
    converted = doc.script.in_simplified  # the script profile has converted it already
    if converted is not None:
        return converted
    convert = converter("t2s").convert
    return "\n".join(
        new if len(new) == len(line) else line for line, new in ((line, convert(line)) for line in text.split("\n"))
    )
