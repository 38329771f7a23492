"""``re`` patterns, which ``re`` skips to in C, finding what the ``regex`` ones they replace find."""

from __future__ import annotations

import random
import re

import pytest
import regex

from wenlint.textclass import HAN, HAN_CLASS, han_table
from wenlint_rules.layout import broken_paragraph, latex_number, ocr_confusion

EVERY = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_the_class_holds_every_chinese_character_and_no_other():
    assert re.findall(f"[{HAN_CLASS}]", EVERY) == regex.findall(r"\p{Han}", EVERY)


def test_the_table_marks_every_chinese_character_and_no_other():
    # the table the class is built from, which the typo rules read with NumPy
    assert [match.start() for match in re.finditer(b"\x01", han_table())] == [*map(ord, HAN.findall(EVERY))]
    assert set(han_table()) == {0, 1} and han_table()[-1] == 0


@pytest.mark.parametrize(
    "pattern, spelled_in_regex, characters",
    [
        (
            ocr_confusion._CANDIDATE,
            r"(?<=\p{Han})[人己已巳曰未末]|[人己已巳曰未末](?=\p{Han})",
            "人己已巳曰未末入中〇㐀𠀀a1 ，\n",
        ),
        (
            broken_paragraph._CANDIDATE,
            r"[;；,，、][ \t]*\n(?=[\p{Han}〇×“‘《「『A-Za-z0-9])",
            ";；,，、 \t\n\n中〇𠀀×“‘《「『aZ09。”",
        ),
        (
            latex_number._INLINE_MATH,
            r"(?<![$\\])\$(?!\$)([^$\n]{1,80}?)(?<!\\)\$(?!\$)",
            "$$$\\\\ 1a\n中",
        ),
    ],
    ids=["L010", "L007", "L009"],
)
def test_each_pattern_matches_where_its_regex_spelling_does(pattern, spelled_in_regex, characters):
    reference = regex.compile(spelled_in_regex)
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(characters) for _ in range(rng.randrange(1, 10)))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)], repr(text)
