"""L008: a number cut from its unit, a number cut in two, or a word cut in
two by a line break (a PDF table cell or row wrapped onto the next line)."""

from __future__ import annotations

import re

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.codepoints import matches_from
from wenlint.textclass import HAN_CLASS, is_han
from wenlint_rules.layout.counting import word_tags
from wenlint_rules.layout.furniture import page_furniture
from wenlint_rules.layout.wrapping import WrapLayout, line_ends

#: Units that follow a number and hardly start a word after a line break.
_UNITS = frozenset("%％‰℃°年月日时秒万亿元吨斤克个件项家名人户次倍岁天亩股台套座栋辆艘篇")
#: Units of two or more characters (`12.5⏎亿元`, `20⏎个月`).
_UNIT_WORDS = regex.compile(
    r"(?:万|亿|千|百万)(?:元|股|吨|人|户|美元|平方米)|平方米|立方米|平方公里|公里|公斤|公顷|千克|千米|厘米|毫米|毫克|毫升"
    r"|个月|小时|分钟|世纪"
)
#: A number at a line's end (maybe negative; not the tail of a date, a time or a code) and what
#: starts the next line (blanks allowed around the break).
_NUMBER_BREAK = regex.compile(r"(?<![\d.:/])(?<!\d-)(\d[\d,]*(?:\.\d*)?)[ \t]*\n[ \t]*(?=(\S))")
#: A grouped number cut at a line's end: after a comma or in a short thousands
#: group (`165,628,⏎666.75`, `1,816,86⏎9.49`), after its decimal point or its
#: first decimal (`688,369,268.⏎94`, `46,034.5⏎8`); the digits of the next line
#: complete the group to three or the decimals to two.
_CUT_NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})*,(?P<group>\d{0,2})$|\d{1,3}(?:,\d{3})+\.(?P<decimals>\d?)$")
_LEADING_DIGITS = regex.compile(r"\d+")
#: The run of digits, commas and points that ends right before an offset (matched backwards from it).
_NUMBER_RUN_BEFORE = regex.compile(r"(?r)[\d,.]+")
#: A Chinese character ending a line and one starting the next (either may be
#: a line of its own: a narrow cell wraps one character a line); in ``re``,
#: which skips in C from one line break to the next.
_WORD_BREAK = re.compile(rf"\n(?<=([{HAN_CLASS}])\n)(?=([{HAN_CLASS}]))")


class SplitAcrossLines(Rule):
    code = "L008"
    name = "split-across-lines"
    summary = "A number cut from its unit, a number cut in two, or a word cut in two by a line break"
    flags = """
        A line break (blanks around it allowed) between
        - a number and its unit: `营业收入12.5⏎亿元`, `年产 700⏎吨`,
          `2019 年 02 月 27⏎日`, where the unit (`年` `月` `日` `元` `万元`
          `吨` `个` `%` …) does not start a word with the character after it
          (`台州`, `所有`, `公司`, `年初` do);
        - the halves of a grouped number: cut after a comma or in a thousands
          group (`165,628,⏎666.75`, `1,816,86⏎9.49`: the digits on each side
          make three), or after its decimal point or first decimal
          (`688,369,268.⏎94`, `46,034.5⏎8`: they make two decimals);
        - the halves of a word: the last character of the line and the first
          of the next make a word (jieba's dictionary) while neither makes one
          with its other neighbour, across line breaks (`金融机⏎构贷款`,
          `医药综合研发中⏎心`, a narrow cell's `承⏎诺⏎期⏎限`).
        A break L001 already reads as a hard wrap, or next to page furniture,
        is not flagged here.
    """
    why = """
        PDF extractions that keep a table's rows (annual reports, filings)
        wrap each cell at its column's width: a number loses its unit, an
        amount is cut in two, a word in a narrow column is split
        (`金融机⏎构贷款`). A reader, a search index or a model sees a
        number with no unit and two fragments of a word.
    """
    leaves_alone = """
        A number at the end of a table row followed by a row that starts with
        a word (`合计 100⏎年初余额`, `80,121,501.45⏎台州前进公司`); a break
        after a complete word or before one (`核心竞争力分析⏎公司…`);
        numbers before a list item (`0⏎十、内部控制`); page furniture (a page
        number line, a running header); Markdown (a line break there is not
        shown) and code.
    """
    fix_safety = """
        The fix joins the two lines (dropping the blanks at the break). It is
        safe for a number and its unit and for a number's halves, unsafe for
        a word: a cell may end where a word happens to begin.
    """
    fix = FixAvailability.SOMETIMES
    bad = (
        Example("报告期内实现营业收入12.5\n亿元，同比增长8%。", fixed="报告期内实现营业收入12.5亿元，同比增长8%。"),
        Example("台州振港公司 年产 700\n吨 M-562 关键中间体项目", fixed="台州振港公司 年产 700吨 M-562 关键中间体项目"),
        Example("房屋建设工程 1,816,86\n9.49 4,597,400.47", fixed="房屋建设工程 1,816,869.49 4,597,400.47"),
        Example("其他 688,369,268.\n94\n2.本期增加", fixed="其他 688,369,268.94\n2.本期增加"),
        Example("资金来源 金融机\n构贷款", fixed="资金来源 金融机构贷款"),
    )
    good = (
        Example("合计 535,836,082.97\n台州前进公司 15,253,236.88"),
        Example("负债合计 1,644,823,412.34\n所有者权益：\n"),
        Example("非财务报告重要缺陷数量（个） 0\n十、内部控制审计报告"),
        Example("三、核心竞争力分析\n公司是国内最早开展特色中间体出口业务的企业之一。"),
        Example("报告期内实现营业收入12.5\n亿元，同比增长8%。", path="report.md"),
        Example("披露日期 2020-03-07\n件数 3"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        if doc.is_markdown or "\n" not in doc.text:
            return []
        text = doc.text
        found = [*self._numbers(doc), *self._words(text)]
        if not found:
            return []
        furniture = doc.view(page_furniture)
        layout = doc.view(WrapLayout)
        kept = []
        for diagnostic in found:
            newline = text.index("\n", diagnostic.start)
            line_start = text.rfind("\n", 0, newline) + 1
            if furniture.holds(line_start) or furniture.holds(newline + 1) or layout.is_wrapped(newline):
                continue
            kept.append(diagnostic)
        return kept

    def _numbers(self, doc: Document) -> list[Diagnostic]:
        text, found = doc.text, []
        for match in matches_from(_NUMBER_BREAK, text, _numbers_ending_lines(doc)):
            number, after, next_start = match[1], match[2], match.end()
            if _completes(number, text, next_start):
                message = f"number `{number}…` cut in two by a line break"
            elif is_han(after) and _unit_at(text, next_start):
                message = f"number `{number}` cut from its unit `{after}` by a line break"
            elif after in "%％‰℃°":
                message = f"number `{number}` cut from `{after}` by a line break"
            else:
                continue
            found.append(
                self.diagnostic(match.start(1), next_start + 1, message, Fix.replace(match.end(1), next_start, ""))
            )
        return found

    def _words(self, text: str) -> list[Diagnostic]:
        words = word_tags()
        found = []
        for match in _WORD_BREAK.finditer(text):
            newline, last, first = match.start(), match[1], match[2]
            if last + first not in words:
                continue
            before_last, second = _neighbour(text, newline - 2, -1), _neighbour(text, newline + 2, 1)
            if before_last + last in words or first + second in words:
                continue
            found.append(
                self.diagnostic(
                    newline - 1,
                    newline + 2,
                    f"word `{last}{first}` cut in two by a line break",
                    Fix.replace(newline, newline + 1, "", safe=False),
                )
            )
        return found


def _numbers_ending_lines(doc: Document) -> list[int]:
    """Where a match of _NUMBER_BREAK can start: in the run of digits,
    commas and points that ends a line (before its blanks), its first
    character and each after a comma (after a digit or a point the pattern's
    look-behind fails); the pattern itself would be tried at every character."""
    text = doc.text
    starts = []
    for end in doc.view(line_ends):
        last = text[end]
        if not (last.isdecimal() or last in ",.") or (run := _NUMBER_RUN_BEFORE.match(text, 0, end + 1)) is None:
            continue
        start = _decimal_run_start(run)
        starts.append(start)
        comma = text.find(",", start, end)
        while comma != -1:
            starts.append(comma + 1)
            comma = text.find(",", comma + 1, end)
    return starts


def _decimal_run_start(run: regex.Match) -> int:
    """Where ``run``, a match of _NUMBER_RUN_BEFORE, starts as a run of the
    digits ``str.isdecimal`` takes (and commas and points): regex's ``\\d``
    may know digits of a later Unicode than Python's (`𐵀`, U+10D40), which
    then end the run."""
    other = max((i for i, char in enumerate(run[0]) if not (char.isdecimal() or char in ",.")), default=-1)
    return run.start() + other + 1


def _neighbour(text: str, at: int, step: int) -> str:
    """The character at ``at``, or past the line breaks there in the direction
    of ``step`` (a narrow cell's characters stand a line each); "" at an end."""
    while 0 <= at < len(text) and text[at] == "\n":
        at += step
    return text[at] if 0 <= at < len(text) else ""


def _unit_at(text: str, start: int) -> bool:
    """Whether a unit starts at ``start`` and does not start a longer word."""
    if _UNIT_WORDS.match(text, start):
        return True
    return text[start] in _UNITS and text[start : start + 2] not in word_tags()


def _completes(number: str, text: str, start: int) -> bool:
    """Whether ``number`` is cut (see _CUT_NUMBER) and the digits at ``start``
    complete it: a thousands group to three digits, the decimals to two."""
    cut = _CUT_NUMBER.search(number)
    digits = _LEADING_DIGITS.match(text, start)
    if cut is None or digits is None:
        return False
    if cut["group"] is not None:
        return len(cut["group"]) + len(digits[0]) == 3
    return len(cut["decimals"]) + len(digits[0]) == 2
