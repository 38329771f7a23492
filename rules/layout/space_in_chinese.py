"""L002: a space inside Chinese text (`给 予了`, `社区建 设`) or between a number and its unit (`2013 年`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint.codepoints import matches_from
from wenlint.textclass import CJK_PUNCTUATION, DIGIT, DIGIT_CLASS, HAN_CLASS, SPACED_UNITS, SPACED_UNITS_2, is_han
from wenlint_rules.layout.spacing import JOIN_GAIN, SpaceLines, join_gain, spaces_numbers

#: Punctuation a space before is stray (`者 ，`), and after which it is stray (`“ 我`).
_OPENING = "“‘（《〈【「『〔"
_CLOSES = regex.escape("".join(sorted(CJK_PUNCTUATION - set(_OPENING + "—～·"))))
_OPENS = regex.escape(_OPENING)
#: One ASCII space or no-break space between two Chinese characters, before
#: closing punctuation or after opening punctuation. (Two or more are
#: alignment; a tab or U+3000 is layout, as between the clauses of a poem.)
#: (In ``re``, with the Chinese class regex's ``\p{Han}`` gives, as _GAP.)
_SPACE = re.compile(rf"[ \u00a0](?:(?<=[{HAN_CLASS}].)(?=[{HAN_CLASS}{_CLOSES}])|(?<=[{_OPENS}].)(?=[{HAN_CLASS}]))")
#: A space between two clauses or sentences: after a clause mark, or before an opening quote or bracket.
#: (Both start with the space, so that finditer tries them only at spaces.)
_GAP = re.compile(rf"[ \u00a0](?:(?<=[{_CLOSES}].)(?=[{HAN_CLASS}{_OPENS}])|(?<=[{HAN_CLASS}].)(?=[{_OPENS}]))")
#: Where _SPACE can match, found faster by ``re``: a space (or, in a text
#: holding one, a no-break space) between two characters past U+2000, as
#: Chinese characters and punctuation all are. (Written as what they are not:
#: ``re`` compiles a class one character of the BMP at a time, 8,192 here,
#: not the 57,344 of `[\u2000-\U0010ffff]`.)
_WIDE = "[^\x00-\u1fff]"
_WIDE_SPACE = re.compile(f" (?<={_WIDE} )(?={_WIDE})")
_WIDE_BLANK = re.compile(f"[ \u00a0](?<={_WIDE}.)(?={_WIDE})")
#: A unit a number may be spaced from.
_UNIT = "(?:[" + regex.escape("".join(sorted(SPACED_UNITS))) + "]|" + "|".join(SPACED_UNITS_2) + ")"
#: A space before a unit (or, in a text holding one, a no-break space), found by ``re``.
_UNIT_SPACE = re.compile(f" (?={_UNIT})")
_UNIT_BLANK = re.compile(f"[ \u00a0](?={_UNIT})")
#: The number that ends right before an offset, the longest (matched backwards from it).
_NUMBER_BEFORE = regex.compile(r"(?r)\d+(?:[.,，]\d+)*")
_COMMA = re.compile("[,，]")
#: A number (not part of a time, a date, a code, a word or a name such as
#: `Vue 2`), one space, a unit.
_NUMBER_UNIT = regex.compile(
    r"(?<![\d.:\-/A-Za-z_])(?<![A-Za-z][ \u00a0])(\d+(?:[.,，]\d+)*)\K[ \u00a0](?=" + _UNIT + ")"
)
#: An @mention, whose name a space ends (`欢迎关注 @无心而光 ，`).
_MENTION = regex.compile(r"@[^\s@]{1,30}\Z")
#: A document where at least this many spaces split a word, and this share of
#: all spaces between Chinese characters in prose, has its lines' ends turned
#: into spaces (a PDF extraction): its other such spaces are damage too.
DAMAGE_SPLITS = 5
DAMAGE_SHARE = 1 / 3
#: Six digits are a code (a stock code before a company name, `600519 贵州茅台`;
#: a postcode) unless an amount of money or shares or a number sign follows.
_CODE = re.compile(rf"(?<![{DIGIT_CLASS}.,，]){DIGIT}{{6}}[ \u00a0](?!万?[元股份号]|亿)")
#: A number opening a line is a section number (`1 个人信息`, `3.1 年度计划`) unless it is a year.
_SECTION = re.compile(rf"[ \t\u3000]*(?:{DIGIT}{{1,2}}|{DIGIT}+(?:\.{DIGIT}+)+)")


class SpaceInChinese(Rule):
    code = "L002"
    name = "space-in-chinese"
    summary = "A space inside Chinese text, or between a number and its unit"
    flags = """
        One ASCII space or no-break space on a line of prose (one holding
        `，` `。` `、` `；` or the like) that splits a word: joining the Chinese
        on either side makes a word the lexicon knows (`给 予了`, `社区建 设`);
        one before closing punctuation or after opening punctuation
        (`特许者 ，`, `“ 我们`); and one between a number and a unit or measure
        word after it (`2013 年`, `10 个`, `80 平方米`, `15 %`). In a document
        whose spaces split words again and again (five or more, and a third of
        its spaces between Chinese characters), the ends of its lines became
        spaces, and every space between Chinese characters in its prose is
        flagged. With the option `clause_gaps`, also a space between two
        clauses or sentences (`精神。 我们`, `他说 “好”`).
    """
    why = """
        Chinese is written without spaces between words. When a PDF is turned
        into text, the end of every printed line often becomes a space, which
        lands in the middle of a word (`给 予了`, `社区建 设`) or of a phrase;
        and numbers set in a Latin font come out with a space on each side
        (`2013 年 4 月`).
    """
    leaves_alone = """
        A space between two words (`社区 建设`), which may part the two
        clauses of a headline (`自学美工 我这个水平能不能找到工作`) or two
        names; a single character on either side (letter-spacing, `公 司`, or a
        padded name, `黄 晶，`); a space between clauses or sentences
        (`。 我们`), unless asked;
        indentation and trailing blanks; two or more spaces, tabs and U+3000
        (table columns, alignment, the pause between the clauses of a poem,
        `床前明月光　疑是地上霜`); lines without Chinese punctuation (titles,
        menus and tag lists such as `返回 下载 相关 举报`, which are spam-rule
        territory); a table row flattened to cells (four or more short cells,
        no sentence ended); a byline and the names after it (`作者：张三 李四`,
        `编辑：` `记者：` …); verse written with spaces between equal clauses; a
        label opening a line (`第一条 为了…`, `摘要 本文…`) and a spaced ordinal
        (`第 四 章`, `第 35 條`); a section number opening a line (`1 个人信息`);
        times, dates and codes (`11:15:02 来源`, a stock code before a company
        name, `600519 贵州茅台`); a version after a name (`Vue 2 升级`); an
        @mention's closing space (`@无心而光 ，`); the space between a Chinese
        character and a number after it (`在 2012`: house style, rule M007; or
        a page number, `特 3 别是`, rule L003); URLs, e-mail addresses and
        Markdown code.

        Units are a subset of the ones M007 keeps glued to their number in
        its `require` style, so the two rules never undo each other. A
        document that spaces nine in ten of its numbers from Chinese (half, in
        Markdown, which is typed by hand) does so as a house style, and its
        units are left alone, but for a no-break space (which E006 leaves to
        this rule); so are they everywhere with the option `units = false`.
    """
    fix_safety = """
        Removing the space is safe where it splits a word, stands next to
        punctuation or parts a number from its unit. A space between two
        words, flagged in a document whose lines' ends became spaces, is
        removed only as an unsafe fix: it may part two names or two clauses.
    """
    fix = FixAvailability.SOMETIMES
    #: Between-word spaces are flagged on evidence from the whole document (many of its spaces split
    #: words, as when line ends became spaces); fixing the others removes it.
    sibling_evidence = True
    options = {
        "units": Option(True, "also flag a space between a number and its unit (`2013 年`)"),
        "clause_gaps": Option(False, "also flag a space between two clauses or sentences (`精神。 我们`)"),
    }
    bad = (
        Example(
            "对社区组织存在的实际困难和问题给 予了高度的关注。",
            fixed="对社区组织存在的实际困难和问题给予了高度的关注。",
        ),
        Example("为进一步加强社区建 设指明了方向。", fixed="为进一步加强社区建设指明了方向。"),
        Example("在2005 年，全市有10 个城关镇。", fixed="在2005年，全市有10个城关镇。"),
        Example(
            "确实是凭着一股对社区事业的精神。 我们的各级党委政府，",
            fixed="确实是凭着一股对社区事业的精神。我们的各级党委政府，",
            options={"clause_gaps": True},
        ),
        Example("未經中華民國政府特許者 ，沒收之。", fixed="未經中華民國政府特許者，沒收之。"),
        Example(
            "2005年平均面积增加到256.6 平方米，覆盖率达到80 %。",
            fixed="2005年平均面积增加到256.6平方米，覆盖率达到80%。",
        ),
    )
    good = (
        Example("　　社区建设工作得到高度重视，各项工作取得了明显成效。"),
        Example("返回 下载 相关 举报"),
        Example("推荐访问:会上 观摩 党建 讲话"),
        Example("床前明月光　疑是地上霜，举头望明月　低头思故乡。"),
        Example("床前明月光 疑是地上霜，举头望明月 低头思故乡。"),
        Example("项目    2019年    2020年\n收入    100万元   200万元"),
        Example("第一条 为了规范社区建设工作，制定本办法。"),
        Example("1 个人信息的收集，应当遵循合法、正当、必要的原则。"),
        Example("时间:2022-07-04 11:15:02 来源:网友投稿"),
        Example("在 2012年的集中培训班上，包括 2 社区书记、主任。"),
        Example("今天出去买菜花了 5000 元。", options={"units": False}),
        Example("详见 `社区 建设` 一节的说明，按 `Ctrl 键` 切换。", path="notes.md"),
        Example("自学美工 我这个水平能不能找到工作 怎么提升？"),
        Example("确实是凭着一股对社区事业的精神。 我们的各级党委政府，"),
        Example("作者：王森 姚永强 李国平，单位：云南天文台。"),
        Example("程施工合同纠纷一案 204.01 否 败诉，已结案 已支付全部款项 已执行"),
        Example("600519 贵州茅台，2019年营收增长。"),
        Example("第 四 章 輔導、監督及獎懲"),
        Example("想从 Vue 2 升级？请参考迁移指南。", path="notes.md"),
        Example("欢迎关注 @无心而光 ，并推荐好书给我。"),
        Example("截至 2012 年 12 月 31 日，共 18 个月。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if " " not in text and "\u00a0" not in text:
            return []
        lines = SpaceLines(doc)
        wide = _WIDE_BLANK if "\u00a0" in text else _WIDE_SPACE
        spaces = [
            m.start()
            for m in matches_from(_SPACE, text, (candidate.start() for candidate in wide.finditer(text)))
            if lines.in_prose(m.start()) and not _mention_before(text, m.start())
        ]
        between_han = {
            space: join_gain(doc, space) for space in spaces if is_han(text[space - 1]) and is_han(text[space + 1])
        }
        splits = sum(gain >= JOIN_GAIN for gain in between_han.values())
        damaged = splits >= DAMAGE_SPLITS and splits >= DAMAGE_SHARE * len(between_han)
        found = []
        for space in spaces:
            before, after = text[space - 1], text[space + 1]
            splits_word = between_han.get(space, JOIN_GAIN) >= JOIN_GAIN
            if splits_word or damaged:
                found.append(
                    self._finding(space, f"space between `{before}` and `{after}` in Chinese text", splits_word)
                )
        if self.settings["clause_gaps"]:
            for match in _GAP.finditer(text):
                if lines.in_prose(match.start()):
                    before, after = text[match.start() - 1], text[match.end()]
                    found.append(
                        self._finding(match.start(), f"space between `{before}` and `{after}` between two clauses")
                    )
        if self.settings["units"]:
            units = [
                match for match in matches_from(_NUMBER_UNIT, text, _number_starts(text)) if _unit_space(lines, match)
            ]
            if units and spaces_numbers(doc):  # house style; a no-break space is E006's to leave to this rule
                units = [match for match in units if text[match.start()] == "\u00a0"]
            found += [self._finding(m.start(), f"space between a number and its unit `{text[m.end()]}`") for m in units]
        return sorted(found, key=lambda d: d.start)

    def _finding(self, space: int, message: str, safe: bool = True) -> Diagnostic:
        return self.diagnostic(space, space + 1, message, Fix.replace(space, space + 1, "", safe=safe))


def _mention_before(text: str, space: int) -> bool:
    """Whether an @mention ends at ``space`` (_MENTION, looked for only where an `@` is near)."""
    start = max(0, space - 32)
    return text.find("@", start, space) != -1 and _MENTION.search(text, start, space) is not None


def _number_starts(text: str) -> Iterator[int]:
    """Where a match of _NUMBER_UNIT can start (the pattern itself would be
    tried at every character): the longest number right before a space
    before a unit, and, should what comes before it rule that start out, its
    first part after a comma (a start after a digit or a point never
    matches). Two at most a space, not each digit of a long run, each tried
    along the run (`1，1，1，… 个` took time cubic in its length)."""
    unit_space = _UNIT_BLANK if "\u00a0" in text else _UNIT_SPACE
    for space in unit_space.finditer(text):
        number = _NUMBER_BEFORE.match(text, 0, space.start())
        if number is not None:
            yield number.start()
            comma = _COMMA.search(text, number.start(), space.start())
            if comma is not None:
                yield comma.end()


def _unit_space(lines: SpaceLines, match: regex.Match) -> bool:
    """Whether the space after a number is in prose and not after a section
    number or a code; in Markdown, typed by hand, a number with a space on
    either side (`默认为 5 分钟`) is spaced on purpose."""
    space, text = match.start(), lines.text
    start = lines.line_start(space)
    if _SECTION.fullmatch(text, start, space) or _CODE.match(text, max(start, space - 6)):
        return False
    if lines.doc.is_markdown and text[space] == " " and text[match.start(1) - 1 : match.start(1)] in (" ", "\u00a0"):
        return False
    return lines.in_prose(space)
