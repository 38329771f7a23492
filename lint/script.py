"""The script profile of a document: how much of it is Traditional-only,
Simplified-only, or common to both, decided with OpenCC's conversion tables.

A character is *Traditional-only* where OpenCC's Traditional→Simplified
conversion of the text changes it, and *Simplified-only* where conversion
to Traditional changes it (see :func:`profile`). Conversion is phrase-aware
(`皇后` stays `皇后` in Traditional text), and characters both conversions
leave alone are common to both scripts and never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: OpenCC configurations by target script.
TO_SCRIPT = {
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2twp",
    "hongkong": "s2hk",
}
#: A script dominates when it has this many times the other's characters.
DOMINANCE = 4


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
        return [i for i, (a, b) in enumerate(zip(text, converted)) if a != b]
    # A phrase changed length somewhere: compare line by line, and within a
    # line whose length changed, character by character.
    positions = []
    offset = 0
    for line in text.split("\n"):
        new = convert(line)
        if len(new) == len(line):
            positions.extend(offset + i for i, (a, b) in enumerate(zip(line, new)) if a != b)
        else:
            positions.extend(offset + i for i, ch in enumerate(line) if convert(ch) != ch)
        offset += len(line) + 1
    return positions


@dataclass(frozen=True)
class ScriptProfile:
    """Where a document's Traditional-only and Simplified-only characters are."""

    traditional: tuple[int, ...]  # offsets of Traditional-only characters
    simplified: tuple[int, ...]  # offsets of Simplified-only characters

    @property
    def dominant(self) -> str:
        """``simplified``, ``traditional``, ``mixed``, or ``neutral`` (nothing script-specific)."""
        trad, simp = len(self.traditional), len(self.simplified)
        if trad == simp == 0:
            return "neutral"
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


def profile(text: str) -> ScriptProfile:
    """The script profile of ``text``.

    Traditional-only: changed by Traditional→Simplified conversion (OpenCC
    standard or Taiwan forms). Simplified-only: changed by conversion to
    *every* Traditional standard (OpenCC, Taiwan, Hong Kong), so regional
    variants such as `群` (OpenCC writes `羣`) are not taken for Simplified.
    """
    traditional = set(changed_positions(text, "t2s")).union(changed_positions(text, "tw2s"))
    simplified = set(changed_positions(text, "s2t"))
    for config in ("s2tw", "s2hk"):
        if simplified:
            simplified.intersection_update(changed_positions(text, config))
    return ScriptProfile(tuple(sorted(traditional)), tuple(sorted(simplified)))
