"""Whether OpenCC's Traditional→Simplified conversion (``t2s``) may change
a text, told in C from the characters and phrases it holds: most Simplified
texts need no conversion at all (see :func:`t2s_changes`)."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import NamedTuple

from wenlint.codepoints import class_body
from wenlint.tablecache import kept


class T2sChanges(NamedTuple):
    """What ``t2s`` converts: the keys of its dictionaries whose value differs."""

    #: The characters it converts wherever they stand (`學`, `乾`).
    characters: frozenset[str]
    #: The phrases it converts that hold none of ``characters`` (`沈浸`, `批覆`).
    phrases: tuple[str, ...]
    #: ``characters``, and a character of each phrase (one its value changes): a text without one needs no look for the others.
    witnesses: frozenset[str]


def t2s_may_change(text: str) -> bool:
    """Whether OpenCC's Traditional→Simplified conversion may change
    ``text``: whether it holds a character the conversion converts wherever
    it stands, one outside the Basic Multilingual Plane, or a phrase it
    converts (`沈浸`; not `沈` alone). Without one, converting gives the text
    back, so most Simplified texts need no conversion. Told by a search for
    any witness first (see :class:`T2sChanges`): most texts hold none."""
    witness = _t2s_witness_pattern().search(text)
    if witness is None:
        return False
    # no witness, and so no such character, stands before the first witness
    return (
        _converted_alone_pattern().search(text, witness.start()) is not None
        or _phrase_pattern().search(text) is not None
    )


@cache
def _t2s_witness_pattern() -> re.Pattern:
    """Any witness of :func:`t2s_changes` in the Basic Multilingual Plane,
    or any character beyond it (an astral class member by member is slow;
    see ``wenlint.script._simplified_only_pattern``)."""
    return _bmp_or_astral(t2s_changes().witnesses)


@cache
def _converted_alone_pattern() -> re.Pattern:
    """Any character ``t2s`` converts wherever it stands, or any character beyond the Basic Multilingual Plane."""
    return _bmp_or_astral(t2s_changes().characters)


@cache
def _phrase_pattern() -> re.Pattern:
    """Any phrase of :func:`t2s_changes`."""
    return re.compile("|".join(map(re.escape, t2s_changes().phrases)))


def _bmp_or_astral(chars: frozenset[str]) -> re.Pattern:
    """Any of ``chars`` in the Basic Multilingual Plane, or any character beyond it."""
    bmp = class_body(char for char in chars if char <= "\uffff")
    return re.compile(f"[{bmp}\U00010000-\U0010ffff]")


def t2s_changes() -> T2sChanges:
    """What ``t2s`` converts. The conversion replaces each key of its
    dictionaries found in the text (after the normalisation's) by its first
    value, so the text changes only where it holds a key whose value
    differs: a character such a key is, or a longer key (`沈浸` → `沉浸`),
    which holds such a character or is one of ``phrases``. Kept between runs
    (:mod:`wenlint.tablecache`)."""
    import opencc

    return kept("opencc-t2s-changes", _t2s_changes, [opencc.__file__])


def _t2s_changes() -> T2sChanges:
    from wenlint.script import ocd2_names, opencc_dictionary, opencc_file

    config = json.loads(opencc_file("t2s.json").read_text(encoding="utf-8"))
    changing = [
        (key, forms[0])
        for name in ocd2_names([config.get("normalization", []), config["conversion_chain"]])
        for key, forms in opencc_dictionary(name).items()
        if forms[0] != key
    ]
    characters = frozenset(key for key, _ in changing if len(key) == 1)
    phrases, witnesses = [], set(characters)
    for key, value in changing:
        if len(key) > 1 and not characters.intersection(key):
            phrases.append(key)
            if not witnesses.intersection(key):
                changed = [old for old, new in zip(key, value) if old != new] if len(key) == len(value) else key
                witnesses.add(changed[0])
    return T2sChanges(characters, tuple(sorted(phrases)), frozenset(witnesses))
