"""Whether OpenCC's Traditional→Simplified conversion (``t2s``) may change
a text, told in C from the characters it holds: most Simplified texts need
no conversion at all (see :func:`t2s_witnesses`)."""

from __future__ import annotations

import json
import re
from functools import cache

from wenlint.codepoints import class_body
from wenlint.tablecache import kept


def t2s_may_change(text: str) -> bool:
    """Whether OpenCC's Traditional→Simplified conversion may change
    ``text``: whether it holds a character of :func:`t2s_witnesses` or one
    outside the Basic Multilingual Plane. Without one, converting gives the
    text back, so most Simplified texts need no conversion."""
    return _t2s_witness_pattern().search(text) is not None


@cache
def _t2s_witness_pattern() -> re.Pattern:
    """Any character of :func:`t2s_witnesses` in the Basic Multilingual Plane,
    or any character beyond it (an astral class member by member is slow;
    see ``wenlint.script._simplified_only_pattern``)."""
    bmp = class_body(char for char in t2s_witnesses() if char <= "\uffff")
    return re.compile(f"[{bmp}\U00010000-\U0010ffff]")


def t2s_witnesses() -> frozenset[str]:
    """Characters one of which any text ``t2s`` changes holds. The
    conversion replaces each key of its dictionaries found in the text
    (after the normalisation's) by its first value, so the text changes
    only where it holds a key whose value differs: a character such a key
    is, or for a longer key, a character the value changes (`沈` of `沈浸`
    → `沉浸`; all of it, if the value's length differs). Kept between runs
    (:mod:`wenlint.tablecache`)."""
    import opencc

    return kept("opencc-t2s-witnesses", _t2s_witnesses, [opencc.__file__])


def _t2s_witnesses() -> frozenset[str]:
    from wenlint.script import ocd2_names, opencc_dictionary, opencc_file

    config = json.loads(opencc_file("t2s.json").read_text(encoding="utf-8"))
    changing = [
        (key, forms[0])
        for name in ocd2_names([config.get("normalization", []), config["conversion_chain"]])
        for key, forms in opencc_dictionary(name).items()
        if forms[0] != key
    ]
    witnesses = {key for key, _ in changing if len(key) == 1}
    for key, value in changing:
        if len(key) > 1 and not witnesses.intersection(key):
            changed = [old for old, new in zip(key, value) if old != new] if len(key) == len(value) else key
            witnesses.add(changed[0])
    return frozenset(witnesses)
