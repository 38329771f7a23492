"""The code-page tables' patterns match exactly the characters they are built from."""

from __future__ import annotations

from wenlint.codepages import _gbk_classes, common_chars, gbk_chars, gbk_patterns
from wenlint.tablecache import kept


def test_the_gbk_patterns_classes_hold_exactly_their_characters():
    assert kept("gbk-classes", _gbk_classes) == _gbk_classes()  # the classes kept between runs are those built
    every_run, rare_pair = gbk_patterns()
    every, rare = gbk_chars(), gbk_chars() - common_chars()
    for code in [*range(0x10000), 0x10000, 0x20000, 0x10FFFF]:  # every character GBK makes is in the BMP
        char = chr(code)
        assert (every_run.fullmatch(char * 2) is not None) == (char in every), hex(code)
        assert (rare_pair.fullmatch(char * 2) is not None) == (char in rare), hex(code)
