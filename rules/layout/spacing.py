"""What L002 works out about a document's spaces: which lines are prose
(not a table row, a byline or a list of names, not verse, past any label),
whether a space splits a word, and whether the document spaces its numbers
as a house style. Defines no rule."""

from __future__ import annotations

import bisect
import re

import regex

from wenlint import Document
from wenlint.script import simplified
from wenlint.textclass import DIGIT, DIGIT_CLASS, HAN_CLASS, has_clause_mark
from wenlint_rules.layout.wrapping import is_verse
from wenlint_rules.typo.lexicon import lexicon

#: Joining the two sides of a space makes a word when their likeliest
#: segmentation gets this much cheaper (centibels): `给 予了` 361, `社区建 设` 419,
#: `群众 组织` 52; two words side by side gain nothing (`社区 建设` 0).
JOIN_GAIN = 50
#: A line split by spaces into this many cells or more, all short and none
#: ending a sentence, is a table row flattened to text.
TABLE_CELLS = 4
#: ... each at most this long (a line of prose has a long clause somewhere).
TABLE_CELL_LENGTH = 12
#: A document spacing at least this share of the boundaries between a Chinese
#: character and a digit writes numbers that way on purpose (`18 个月`): house
#: style, rule M007's, not layout damage. Markdown is written by hand, not
#: extracted from a page, so there half is enough.
HOUSE_STYLE = 0.9
HOUSE_STYLE_MARKDOWN = 0.5

#: The start of a line up to a label and its separating space: `第一条 为了…`, `摘要 本文…`.
_LABEL = regex.compile(
    r"[ \t\u3000]*(?:第[^\s]{1,8}?[条章节款编部分篇]|摘要|关键词|关键字|作者|附件|附录|注|说明|备注|按|问|答|例|题目|来源|编者按)"
)
#: (The patterns from here on are in ``re``, with the Chinese class and the
#: digits regex's ``\p{Han}`` and ``\d`` give: asked at each space or line, a call costs half as much.)
#: A byline: what follows on the line is a list of names (`作者：张三 李四`).
_BYLINE = re.compile(
    r"(?:作者|编辑|主编|副主编|责编|责任编辑|编者|记者|通讯员|摄影|撰稿|撰文|译者|翻译|校对|审校|审核|监制|出品人|主持人|成员|嘉宾|演员|主演|导演|编委)"
    r"[ \t\u3000]*[:：]"
)
#: An ordinal label spaced as house style: `第 四 章`, `第 35 條`.
_SPACED_ORDINAL = re.compile(
    rf"第[ \u00a0]?[{DIGIT_CLASS}一二三四五六七八九十百千零〇]+[ \u00a0]?[条條章节節款编編部篇项項]"
)
#: An address with its postcode (`山西 吉县 042200`, `湖北 武汉 430071`): an
#: affiliation line, whose spaces part the province, the city and the code.
#: (Starting at the space: tried only there.)
_ADDRESS = re.compile(rf"[ \u00a0](?<=[{HAN_CLASS}].){DIGIT}{{6}}(?!{DIGIT})")
_SENTENCE_MARK = re.compile(r"[。！？；]")
#: The Chinese looked at on either side of a space: as far as most words reach.
SIDE = 4
_HAN_RUN_END = re.compile(f"[{HAN_CLASS}]{{1,{SIDE}}}$")
_HAN_RUN_START = re.compile(f"[{HAN_CLASS}]{{1,{SIDE}}}")
#: A space between a Chinese character and a digit, either way round (the
#: pattern starts at a space, so it is tried only there); a digit right
#: beside a Chinese character (``twice``: on both sides), tried only at digits
#: (in ``re``, which skips in C to where a pattern's first class can match).
#: As _GLUED_DIGIT's first class, ``re``'s own digits and any character past the
#: BMP (where ``regex`` knows more: textclass.DIGIT_CLASS), each then tested for
#: a digit: a class of many ranges is slower to skip to.
_SPACED_DIGIT = re.compile(rf"[ \u00a0](?:(?<=[{HAN_CLASS}].)(?={DIGIT})|(?<={DIGIT}.)(?=[{HAN_CLASS}]))")
_GLUED_DIGIT = re.compile(
    rf"[\d\U00010000-\U0010ffff](?<={DIGIT})"
    rf"(?:(?<=[{HAN_CLASS}]{DIGIT})(?P<twice>(?=[{HAN_CLASS}]))?|(?=[{HAN_CLASS}]))"
)


class SpaceLines:
    """Per-line answers for one document, each worked out once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self._prose: dict[int, bool] = {}
        self._byline_end: dict[int, float] = {}
        self._labelled: dict[int, bool] = {}

    def line_start(self, offset: int) -> int:
        starts = self.doc.line_starts
        return starts[bisect.bisect_right(starts, offset) - 1]

    def byline_end(self, start: int) -> float:
        """Where the first byline label of the line at ``start`` ends (infinity
        when it has none): looked for once per line, so a long line stays linear."""
        if start not in self._byline_end:
            end = self.text.find("\n", start)
            found = _BYLINE.search(self.text, start, end if end != -1 else len(self.text))
            self._byline_end[start] = found.end() if found else float("inf")
        return self._byline_end[start]

    def labelled(self, start: int) -> bool:
        """Whether the line at ``start`` opens with a label (_LABEL, which
        then may end at one of its spaces): looked for once per line."""
        if start not in self._labelled:
            self._labelled[start] = _LABEL.match(self.text, start) is not None
        return self._labelled[start]

    def in_prose(self, space: int) -> bool:
        """Whether the space sits in a line of prose (not a table row, verse or
        an address), past any label or byline."""
        start = self.line_start(space)
        if start not in self._prose:
            end = self.text.find("\n", space)
            line = self.text[start : end if end != -1 else len(self.text)]
            self._prose[start] = (
                has_clause_mark(line) and not is_verse(line) and not is_table_row(line) and not _ADDRESS.search(line)
            )
        if not self._prose[start]:  # (once per line: asked before what is asked at each space)
            return False
        if (self.labelled(start) and _LABEL.fullmatch(self.text, start, space)) or self.byline_end(start) <= space:
            return False
        near = max(start, space - 8), space + 8
        return self.text.find("第", *near) == -1 or _SPACED_ORDINAL.search(self.text, *near) is None


def is_table_row(line: str) -> bool:
    """Whether ``line`` is a row of cells joined by spaces, as a table turns
    out when flattened: four or more short cells and no sentence ended."""
    if _SENTENCE_MARK.search(line):
        return False  # (most lines of prose: before splitting the line)
    cells = line.split()
    return len(cells) >= TABLE_CELLS and max(map(len, cells)) <= TABLE_CELL_LENGTH


def join_gain(doc: Document, space: int) -> int:
    """How much cheaper the Chinese on both sides of ``space`` segments when
    joined than apart: more than nothing when a word spans the space. Nothing
    when a single character stands on either side: letter-spacing, or a
    two-character name padded to the width of three (`黄 晶`)."""
    text = doc.view(simplified)
    left = _HAN_RUN_END.search(text, max(0, space - SIDE), space)
    right = _HAN_RUN_START.match(text, space + 1)
    if left is None or right is None or len(left[0]) == len(right[0]) == 1:
        return 0
    lex, left, right = lexicon(), left[0], right[0]
    joined = left + right
    if not lex.joins(left[-1], right[0]) or not any(
        len(left) - start < length for start in range(len(left)) for length, _ in lex.longer_words_at(joined[start:])
    ):
        return 0  # no word reaches across (none holds the two characters at the space): nothing gained
    return lex.segment_cost(left) + lex.segment_cost(right) - lex.segment_cost(joined)


def spaces_numbers(doc: Document) -> bool:
    """Whether the document spaces its numbers from Chinese as a house style
    (`共 18 个月`): most boundaries between a Chinese character and a digit
    carry a space (in Markdown, half of them). The spaced ones are counted
    in C over the whole text; the glued ones only until there are too many."""
    text = doc.text
    spaced = len(_SPACED_DIGIT.findall(text))
    if not spaced:
        return False
    share = HOUSE_STYLE_MARKDOWN if doc.is_markdown else HOUSE_STYLE
    glued = 0
    for match in _GLUED_DIGIT.finditer(text):
        glued += 1 if match["twice"] is None else 2
        if spaced < share * (spaced + glued):
            return False
    return True
