"""wenlint.textclass's classes for ``re`` (Chinese characters, digits) and its
table of Chinese characters hold what ``regex`` does; the ``re`` patterns built
on them, which ``re`` skips to in C, find what the ``regex`` ones they replace find."""

from __future__ import annotations

import random
import re

import pytest
import regex

from wenlint.textclass import DIGIT_CLASS, HAN, HAN_CLASS, han_table
from wenlint_rules.layout import (
    broken_paragraph,
    glued_figure_number,
    latex_number,
    ocr_confusion,
    space_in_chinese,
    spacing,
)

EVERY = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_the_class_holds_every_chinese_character_and_no_other():
    assert re.findall(f"[{HAN_CLASS}]", EVERY) == regex.findall(r"\p{Han}", EVERY)


def test_the_digit_class_holds_every_digit_regex_knows_and_no_other():
    digits = re.findall(f"[{DIGIT_CLASS}]", EVERY)
    assert digits == regex.findall(r"\d", EVERY)
    # those re's own \d misses are past the BMP, where spacing._GLUED_DIGIT's first class takes every character
    assert all(digit > "\uffff" for digit in digits if not re.fullmatch(r"\d", digit))


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
        (
            spacing._SPACED_DIGIT,
            r"[ \u00a0](?:(?<=[\p{Han}〇].)(?=\d)|(?<=\d.)(?=[\p{Han}〇]))",
            "中〇𠀀1٣𞓰𑛐 \u00a0a\n",
        ),
        (
            spacing._GLUED_DIGIT,
            r"\d(?:(?<=[\p{Han}〇]\d)(?P<twice>(?=[\p{Han}〇]))?|(?=[\p{Han}〇]))",
            "中〇𠀀1٣𞓰𑛐𝟎 a\n",
        ),
        (spacing._ADDRESS, r"[ \u00a0](?<=\p{Han}.)\d{6}(?!\d)", "中𠀀 1𞓰٣a"),
        (
            spacing._SPACED_ORDINAL,
            r"第[ \u00a0]?[\d一二三四五六七八九十百千零〇]+[ \u00a0]?[条條章节節款编編部篇项項]",
            "第 1𞓰四章条a",
        ),
        (space_in_chinese._CODE, r"(?<![\d.,，])\d{6}[ \u00a0](?!万?[元股份号]|亿)", "1𞓰٣.， 元万亿号a"),
        (space_in_chinese._SECTION, r"[ \t\u3000]*(?:\d{1,2}|\d+(?:\.\d+)+)", "1𞓰٣. \t\u3000a"),
        (
            glued_figure_number._LABEL_YEAR,
            r"(?:图|表|Fig\.?|Figure|Table)[ \t]*[1-9]\d?(?:19|20)\d\d",
            ["图", "Fig.", "Table", "1", "2", "9", "0", "𞓰", "٣", " "],
        ),
    ],
    ids=[
        "L010",
        "L007",
        "L009",
        "L002 spaced",
        "L002 glued",
        "L002 address",
        "L002 ordinal",
        "L002 code",
        "L002 section",
        "L011",
    ],
)
def test_each_pattern_matches_where_its_regex_spelling_does(pattern, spelled_in_regex, characters):
    reference = regex.compile(spelled_in_regex)
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(characters) for _ in range(rng.randrange(1, 10)))
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in reference.finditer(text)], repr(text)
