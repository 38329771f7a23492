"""Character classes that rules share: Chinese characters and punctuation,
the units a number is written against, and what makes a line prose."""

from __future__ import annotations

import re
import sys
from functools import cache

import regex
import regex._regex

from wenlint.codepoints import class_body
from wenlint.tablecache import kept

#: One Chinese character (any CJK ideograph block, and 〇).
HAN = regex.compile(r"[\p{Han}〇]")
_HAN_RUNS = regex.compile(HAN.pattern + "+")
#: Where Chinese characters end: no code point from here on is one (planes 0 to 3;
#: the tables of Chinese characters read every code point below it).
HAN_BEYOND = 0x40000


@cache
def han_table() -> bytes:
    """A byte a code point below HAN_BEYOND, 1 for a Chinese character
    (``HAN``), and a last byte, 0, for every later code point. Building
    reads every code point (~0.1 CPU-s), so it is kept between runs for the
    installed ``regex`` (:mod:`wenlint.tablecache`)."""
    return kept("han-table", _built_han_table, [regex._regex.__file__])


def _built_han_table() -> bytes:
    """What :func:`han_table` keeps."""
    table = bytearray(HAN_BEYOND + 1)
    for match in HAN.finditer("".join(map(chr, range(HAN_BEYOND)))):
        table[match.start()] = 1
    return bytes(table)


def _han_class() -> str:
    """The class body of the Chinese characters of :func:`han_table` (those of ``regex``'s
    ``\\p{Han}``, 〇 among them): its version of Unicode, whichever is installed."""
    return class_body(chr(match.start()) for match in re.finditer(b"\x01", han_table()))


#: A Chinese character, inside a ``re`` class: ``f"[{HAN_CLASS}]"``. ``re``
#: skips in C to where a pattern's first class can match, while ``regex``
#: tries the pattern at every character: a pattern starting with a rare class
#: (`人` `己` `未`, `，` `；` `、`) and looking at the Chinese around it runs
#: about twice as fast in ``re``, which has no ``\p{Han}``. Worked out once
#: per installed ``regex`` and kept (:mod:`wenlint.tablecache`).
HAN_CLASS = kept("han-class", _han_class, [regex._regex.__file__])


def _digits_beyond_re() -> str:
    """The class body of the digits ``regex``'s ``\\d`` matches and ``re``'s does not."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    return class_body(set(regex.findall(r"\d", every)) - set(re.findall(r"\d", every)))


#: A decimal digit as ``regex``'s ``\d`` reads it, inside a ``re`` class: ``f"[{DIGIT_CLASS}]"``.
#: ``re``'s ``\d`` follows Python's version of Unicode, which may know fewer digits (those of
#: scripts added since, all past the BMP): a rule whose ``re`` and ``regex`` patterns both read
#: digits would not agree on them. Worked out once per installed ``regex`` and Python, and kept.
DIGIT_CLASS = r"\d" + kept("digits-beyond-re", _digits_beyond_re, [regex._regex.__file__])
#: A decimal digit as ``regex``'s ``\d`` reads it, as a ``re`` class.
DIGIT = f"[{DIGIT_CLASS}]"


def digits_value(digits: str) -> int | None:
    """The number a run of decimal digits writes; None when Python's version
    of Unicode does not know one of them (see DIGIT_CLASS: ``regex``'s ``\\d``
    may match it, ``int`` cannot read it)."""
    try:
        return int(digits)
    except ValueError:
        return None


#: Full-width punctuation that belongs to Chinese prose.
CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—～·")

#: Punctuation that closes a phrase, after which a half-width mark is out of place.
CJK_CLOSING = frozenset("”’）》〉】」』〕")


#: Units and measure words a number is written against, without a space, in
#: either house style (GB/T 15835), in Simplified and Traditional forms, plus
#: approximations (`100多`, `900余`) and range words (`3至5年`, `2到3年`):
#: after a number (`5个`), or after a mark standing for one (`×个`), a unit
#: shows it is a quantity (M007, L003, P002).
UNITS = frozenset(
    "年月日号時时点點分秒周週岁歲个個名人次位户戶家所座栋棟幢层層间間套项項条條款章节節页頁版册冊卷期届屆批轮輪代级級"
    "元圆角块塊万萬亿億千百十倍成折度米里斤吨噸克升亩畝顷頃台臺辆輛架艘只隻头頭匹件张張本份篇部句行段种種类類样樣"
    "场場遍回趟步天宗起例根支颗顆粒片枚盏盞把双雙对對组組任票股型处處"
    "平公美港欧歐英厘毫兆"
    "余餘多来來几幾至到"
    "%％°℃‰"
)
#: Two-character units whose first character is not a unit on its own.
UNITS_2 = ("小时", "小時", "分钟", "分鐘", "世纪", "世紀")

#: The units a space before is layout damage (`2013 年`, `80 平方米`; L002
#: removes it, E006 leaves such a no-break space to L002). Narrower than
#: UNITS, which also holds words that may follow a number after a space
#: (`3 至 5`, `10 多`, `3 本`): every one is in UNITS (or starts with one),
#: so M007's `require` style never asks for the space back.
SPACED_UNITS = frozenset(
    "年月日号时点分秒周岁个名人次户家栋层套项条款章节页版册卷期届批元角块万亿千百倍米斤吨克升亩台辆艘件张份篇种类场天%％℃‰"
)
SPACED_UNITS_2 = (
    "小时",
    "分钟",
    "世纪",
    "平方",
    "平米",
    "公里",
    "公斤",
    "公顷",
    "美元",
    "港元",
    "欧元",
    "英镑",
    "毫米",
    "厘米",
)


def is_han(char: str) -> bool:
    """Whether ``char`` is a Chinese character."""
    return HAN.match(char) is not None


def count_han(text: str) -> int:
    """How many Chinese characters ``text`` holds (as ``HAN`` matches them)."""
    return sum(map(len, _HAN_RUNS.findall(text)))


def is_chinese(char: str) -> bool:
    """A Chinese character or full-width Chinese punctuation."""
    return char in CJK_PUNCTUATION or HAN.match(char) is not None


def is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


# -- prose lines ----------------------------------------------------------------
# Two tests, for two questions. ``is_prose``: does the line read as a sentence
# of the document (where the body of a scraped page starts and ends)?
# ``has_clause_mark``: is the line more than a title or a menu (the layout
# rules' question about a line a break or a space sits in; short lines count)?

#: Chinese characters a line needs to count as prose.
MIN_PROSE_HAN = 10
_CLAUSE_PUNCTUATION = regex.compile(r"[，,。！？!?；;]")
#: A sentence end.
SENTENCE_END = regex.compile(r"[。！？!?]")
_ENOUGH_HAN = regex.compile(rf"(?:[^\p{{Han}}〇]*[\p{{Han}}〇]){{{MIN_PROSE_HAN}}}")
#: `标签:社区治理,党建,讲话稿`: a label, a colon, and a list.
_LIST_LABEL = regex.compile(r"[^\s:：，,。]{1,6}[:：]")
#: Marks inside or at the end of a sentence.
_CLAUSE_MARK = regex.compile(r"[，。、；：！？,;]")


def is_prose(line: str) -> bool:
    """Whether a line reads as prose: enough Chinese and clause punctuation,
    and not a labelled list (a label and colon, and no sentence end)."""
    if _CLAUSE_PUNCTUATION.search(line) is None or _ENOUGH_HAN.match(line) is None:
        return False
    return SENTENCE_END.search(line) is not None or _LIST_LABEL.match(line) is None


def has_clause_punctuation(line: str) -> bool:
    """Whether ``line`` holds clause punctuation (a comma, a semicolon or a
    sentence end): a line with it is prose, not a list of keywords or a menu."""
    return _CLAUSE_PUNCTUATION.search(line) is not None


def has_clause_mark(line: str) -> bool:
    """Whether ``line`` holds a clause or sentence mark (a title or a menu does not)."""
    return _CLAUSE_MARK.search(line) is not None
