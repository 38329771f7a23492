"""The code-page tables' patterns match exactly the characters they are built from."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from wenlint.codepages import _class_body, _gbk_classes, common_chars, gbk_chars, gbk_patterns
from wenlint.tablecache import kept


def test_the_gbk_patterns_classes_hold_exactly_their_characters():
    assert kept("gbk-classes", _gbk_classes) == _gbk_classes()  # the classes kept between runs are those built
    every_run, rare_pair = gbk_patterns()
    every, rare = gbk_chars(), gbk_chars() - common_chars()
    for code in [*range(0x10000), 0x10000, 0x20000, 0x10FFFF]:  # every character GBK makes is in the BMP
        char = chr(code)
        assert (every_run.fullmatch(char * 2) is not None) == (char in every), hex(code)
        assert (rare_pair.fullmatch(char * 2) is not None) == (char in rare), hex(code)


@given(st.frozensets(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
@example(frozenset("^_"))  # the characters a class reads specially
@example(frozenset("\\"))
@example(frozenset("]^-\\[a-b"))
@example(frozenset("abcx"))  # a range, and a character on its own
def test_a_class_body_matches_exactly_its_characters(chars: frozenset[str]):
    pattern = re.compile(f"[{_class_body(chars)}]")
    probes = chars | {chr(ord(char) + step) for char in chars for step in (-1, 1) if 0 <= ord(char) + step < 0x110000}
    for char in probes:
        assert (pattern.fullmatch(char) is not None) == (char in chars), repr(char)
