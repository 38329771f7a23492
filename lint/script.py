"""The script profile of a document: how much of it is Traditional-only,
Simplified-only, or common to both, decided with OpenCC's conversion tables.

A character is *Traditional-only* where OpenCC's Traditional→Simplified
conversion of the text changes it, and *Simplified-only* where conversion
to Traditional changes it (see :func:`profile`). Conversion is phrase-aware
(`皇后` stays `皇后` in Traditional text), and characters both conversions
leave alone are common to both scripts and never count.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from itertools import compress, count
from operator import ne

#: A script dominates when it has this many times the other's characters.
DOMINANCE = 4
#: Characters of context converted around a candidate (OpenCC phrases are shorter).
CONTEXT = 12


@lru_cache(maxsize=None)
def converter(config: str):
    """A cached OpenCC converter (``t2s``, ``s2t``, ``s2twp`` ...)."""
    import opencc

    return opencc.OpenCC(config)


def changed_positions(text: str, config: str) -> list[int]:
    """Offsets of the characters OpenCC's ``config`` would change."""
    convert = converter(config).convert
    converted = convert(text)
    if len(converted) == len(text):
        return _differences(text, converted)
    # A phrase changed length somewhere: compare line by line, and within a
    # line whose length changed, character by character.
    positions = []
    offset = 0
    for line in text.split("\n"):
        new = convert(line)
        if len(new) == len(line):
            positions.extend(offset + i for i in _differences(line, new))
        else:
            positions.extend(offset + i for i, ch in enumerate(line) if convert(ch) != ch)
        offset += len(line) + 1
    return positions


def _differences(a: str, b: str) -> list[int]:
    """Offsets where two strings of the same length differ (compared in C)."""
    if a == b:
        return []
    return list(compress(count(), map(ne, a, b)))


class ScriptProfile:
    """Where a document's Traditional-only and Simplified-only characters are.

    Traditional-only: changed by OpenCC's Traditional→Simplified conversion.
    Simplified-only: changed by conversion to *every* Traditional standard
    (OpenCC, Taiwan, Hong Kong), so regional variants such as `群` (OpenCC
    writes `羣`) are not taken for Simplified. The regional conversions only
    run on a little text around each candidate, and only when the exact set
    is needed: when Simplified candidates far outnumber Traditional
    characters, Simplified dominates whatever the regional variants are.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def traditional(self) -> tuple[int, ...]:
        """Offsets of Traditional-only characters."""
        return tuple(changed_positions(self._text, "t2s")) if self._text else ()

    @cached_property
    def simplified_candidates(self) -> tuple[int, ...]:
        """Offsets OpenCC's Simplified→Traditional conversion changes: every
        Simplified-only character, plus regional variants (cheap to compute)."""
        return tuple(changed_positions(self._text, "s2t")) if self._text else ()

    @cached_property
    def simplified(self) -> tuple[int, ...]:
        """Offsets of Simplified-only characters."""
        return self.exactly_simplified(self.simplified_candidates)

    def exactly_simplified(self, candidates) -> tuple[int, ...]:
        """Those of ``candidates`` that every Traditional standard changes."""
        keep = sorted(candidates)
        for config in ("s2tw", "s2hk"):
            if keep:
                keep = _changed_near(self._text, keep, config)
        return tuple(keep)

    @property
    def dominant(self) -> str:
        """``simplified``, ``traditional``, ``mixed``, or ``neutral`` (nothing script-specific)."""
        trad = len(self.traditional)
        if trad == 0:
            return "simplified" if self.simplified_candidates else "neutral"
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

    def minority(self) -> tuple[int, ...]:
        """Offsets of the characters of the script that does not dominate."""
        dominant = self.dominant
        if dominant == "traditional":
            return self.simplified
        if dominant == "simplified":
            return self.traditional
        return ()


def _changed_near(text: str, offsets: list[int], config: str) -> list[int]:
    """Which of ``offsets`` ``config`` changes, converting only a window of
    text around each (wide enough for OpenCC's longest phrases)."""
    windows: list[list[int]] = []
    for offset in offsets:
        start, end = max(0, offset - CONTEXT), min(len(text), offset + CONTEXT + 1)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
            windows[-1][2].append(offset)
        else:
            windows.append([start, end, [offset]])
    result = []
    for start, end, inside in windows:
        changed = set(changed_positions(text[start:end], config))
        result.extend(offset for offset in inside if offset - start in changed)
    return result


def profile(text: str) -> ScriptProfile:
    """The script profile of ``text``."""
    return ScriptProfile(text)
