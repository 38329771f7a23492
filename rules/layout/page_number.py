"""L003: page numbers, running headers and footers left in the body text."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import CJK_PUNCTUATION, UNITS, UNITS_2, digits_value, is_han
from wenlint_rules.layout.counting import counting_run, word_tags
from wenlint_rules.layout.furniture import COUNT_WORDS, MIN_PAGE, MIN_SEQUENCE, page_furniture, page_spaced

#: Counted things a number stands before (beside UNITS): `3 楼`, `进 2 球`, `3 胜 2 负`.
_COUNTED = frozenset("楼路班室队关球局胜负眼拳脚口顿下圈番线星季强连岗篮")
#: A number that could be a page number: 1–3 digits, not part of a decimal,
#: a date, a time, a percentage or a Latin token; after a line start, a
#: Chinese character or Chinese punctuation that is no count word (`第`,
#: `共`: COUNT_WORDS), and before a Chinese character that is no unit or
#: counted thing, or a digit, a space apart at most (asked in C, before
#: what :func:`_candidate` asks).
_NUMBER = regex.compile(
    r"(?<![\d.,:/%A-Za-z_-])(?<=(?:^|[\n\p{Han}〇"
    + regex.escape("".join(sorted(CJK_PUNCTUATION)))
    + r"]) ?)(?<!["
    + regex.escape("".join(sorted(COUNT_WORDS)))
    + r"] ?)[1-9]\d{0,2}(?![\d.,:/%A-Za-z_])(?= ?[0-9\p{Han}〇])(?! ?(?:["
    + regex.escape("".join(sorted(UNITS | _COUNTED)))
    + "]|"
    + "|".join(UNITS_2)
    + "))"
)


@dataclass(frozen=True, slots=True)
class _Number:
    """A number in running text that might be a page number."""

    start: int
    end: int
    value: int
    inside: bool  # between two Chinese characters: a word or sentence cut in two
    removal: tuple[int, int]  # what to delete: the number and a space beside it


class PageNumber(Rule):
    code = "L003"
    name = "page-number"
    summary = "A page number, running header or footer left in the body text"
    flags = """
        A number in the text is a page number when either
        - it is one of a sequence (`2`, `3`, `4` … at least three, each one
          more than the last) standing apart at page intervals (200 or more
          characters, the longest page at most four times the shortest),
          most of them between two Chinese characters; or
        - it stands alone between two Chinese characters, spaced on both
          sides, and the two characters make a word when joined (`特别`,
          `领导`; jieba's dictionary).

        Page furniture (see `furniture.py`, one view per document):
        - a running header or footer: a short line (4–40 characters, not
          ending a sentence, two Chinese characters or more) that recurs three or more times (a report's
          running title, `…年度报告全文`, twice) at page intervals through the
          whole text (from within two page gaps of its start to within two
          of its end), the same each time (a fixed year in it included) or
          with one number counting up (`— 3 —`, `2019年年度报告 3`; a
          page may be skipped); a first one with no text before it is the
          title and kept;
        - a page-number line (`23`, `- 23 -`, `第 3 页`, `Page 3`): one of a
          run of three or more counting up (pages may be skipped) at page
          intervals, or a bare number between the halves of a sentence
          (`…董事会、⏎23⏎⏎监事会…`).
        Furniture lines standing together (a footer, the page number, the
        next page's header) are one finding: one page break.
    """
    why = """
        Text pulled out of a PDF keeps the page furniture: page numbers drop
        into the middle of sentences and words (`特 3 别是`, `领 5 导核心`,
        `包括 2 社区书记`), and running headers and footers recur between
        the pages.
    """
    leaves_alone = """
        Never a page number: a number before its unit or measure word
        (`共有 3 个社区`, `2013 年`, `3 楼`, `10 多年`), after `第` `每`
        `约` and the like, decimals, times, dates, percentages, and list
        numbers (`1、`, `2.`), figure and table numbers (`图3`, `表 2`,
        `Fig. 3`, `Table 2`) and numbers listed with a comma (`0，1两种`).
        Never furniture: a bare number after `第` `共` `图` `表` and the
        like or before a unit (`共有⏎3⏎个`), lines that recur in one part of the text only (a
        note under each table, a table heading), check-box rows
        (`□ 是 √ 否`), numbered table rows whose other numbers change, and
        in Markdown list items, headings, quotes, table rows and bold labels
        (`- **示例**`). The site viewer's page counters (`第1页 / 共27页`,
        `…_第1页`) are left to the spam rules.
    """
    fix_safety = """
        A number in the text: the fix removes it (and a space beside it); it
        is unsafe, a number may be content after all. Furniture: the fix
        removes the lines and the blanks around them and rejoins the
        sentence they cut; safe when the halves join into prose (the text
        before stops mid-sentence in a line holding `，` `。` or the like,
        and the text after goes on with a Chinese character), else unsafe,
        keeping a line break (a blank line if there was one).
    """
    fix = FixAvailability.SOMETIMES
    sibling_evidence = True
    bad = (
        Example(
            "进一步加大社区建设力度,特 3 别是市委于 2011 年专门抽调了干部。",
            fixed="进一步加大社区建设力度,特别是市委于 2011 年专门抽调了干部。",
        ),
        Example(
            "包括 2 社区书记、主任基本都是聘任制。"
            + "社区工作" * 60
            + "特 3 别是市委高度重视。"
            + "社区工作" * 60
            + "已经连续 4 举办了 6 届。",
            fixed="包括社区书记、主任基本都是聘任制。"
            + "社区工作" * 60
            + "特别是市委高度重视。"
            + "社区工作" * 60
            + "已经连续举办了 6 届。",
        ),
        Example(
            ("社区工作手册\n" + "社区建设取得了显著成效。" * 30 + "\n") * 3,
            fixed="社区工作手册\n" + ("社区建设取得了显著成效。" * 30 + "\n") * 3,
        ),
        Example(
            (
                "公司坚持以市场为导向，不断完善质量体系。" * 12
                + "公司董事会、\n21\n某某股份有限公司2019年年度报告全文\n监事会成员均已出席。\n"
            )
            * 2,
            fixed=("公司坚持以市场为导向，不断完善质量体系。" * 12 + "公司董事会、监事会成员均已出席。\n") * 2,
        ),
    )
    good = (
        Example("全市共有 3 个社区,2013 年 4 月召开了第 3 次会议。"),
        Example("经过 10 多年的不懈努力,每 3 人一组,进 2 球,取得 3 胜 2 负。"),
        Example("1、加大投入。\n2、完善制度。\n3、强化考核。"),
        Example("会议于 9:30 开始,增长 3.5%,共 12 页。"),
        Example("我们 3 人约好了,他 5 岁,住在 3 楼。"),
        Example("第1页 / 共27页\n正文。\n第2页 / 共27页\n正文。\n第3页 / 共27页"),
        Example("主持人：\n" + "请大家发言。" * 60 + "\n主持人：\n" + "请大家发言。" * 60 + "\n主持人：\n"),
        Example(
            "如表2所示，"
            + "样本的分布较为均匀。" * 25
            + "\n图3 2008—2018年降水变化\n"
            + "降水逐年增加。" * 35
            + "\n图4 气温变化"
        ),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        return self._inline_numbers(doc) + self._furniture(doc)

    # -- numbers inside the running text ----------------------------------

    def _inline_numbers(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        numbers = [n for m in _NUMBER.finditer(text) if (n := _candidate(text, m.start(), m.end())) is not None]
        if not numbers:
            return []
        paged = {id(n) for n in _page_sequence(numbers)}
        found = []
        for number in numbers:
            if id(number) in paged:
                reason = "one of a sequence of page numbers"
            elif _splits_word(text, number):
                reason = f"it splits the word `{text[number.start - 2]}{text[number.end + 1]}`"
            else:
                continue
            found.append(
                self.diagnostic(
                    number.start,
                    number.end,
                    f"page number `{text[number.start : number.end]}` in the text ({reason})",
                    Fix.replace(*number.removal, "", safe=False),
                )
            )
        return found

    # -- page furniture ------------------------------------------------------

    def _furniture(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found = []
        for page_break in doc.view(page_furniture).breaks:
            lines = page_break.lines
            what = "; ".join(f"{line.kind} `{text[line.start : line.end]}`" for line in lines)
            found.append(
                self.diagnostic(
                    lines[0].start,
                    lines[-1].end,
                    f"page furniture in the text: {what}",
                    Fix.replace(page_break.start, page_break.end, page_break.joined, safe=page_break.safe),
                )
            )
        return found


def _candidate(text: str, start: int, end: int) -> _Number | None:
    """The number at ``start:end``, a match of _NUMBER, unless it is one of
    numbers listed (`0，1 两种`), with what removing it removes."""
    space_before = text[start - 1 : start] == " "
    space_after = text[end : end + 1] == " "
    before_at = start - 1 - space_before
    before = text[before_at] if before_at >= 0 else "\n"
    after = text[end + space_after]
    if before in "，," and text[before_at - 1 : before_at].isdigit():
        return None
    inside = is_han(before) and is_han(after)
    if inside:  # `特 3 别` → `特别`
        removal = (start - space_before, end + space_after)
    elif space_before and space_after and is_han(before):  # `为 6 7 个` → `为 7 个`
        removal = (start - 1, end)
    else:  # `、1 如何` → `、如何`
        removal = (start, end + space_after)
    value = digits_value(text[start:end])
    return None if value is None else _Number(start, end, value, inside, removal)


def _page_sequence(numbers: list[_Number]) -> list[_Number]:
    """The longest run of numbers counting up by one at page intervals, if
    it is long and even enough and mostly cuts sentences."""
    run = counting_run(numbers, MIN_PAGE)
    if len(run) < MIN_SEQUENCE or not page_spaced([n.start for n in run]):
        return []
    if 2 * sum(n.inside for n in run) < len(run):
        return []
    return run


def _splits_word(text: str, number: _Number) -> bool:
    """Whether a lone number, spaced on both sides between two Chinese
    characters, cuts a word in two (`特 3 别` → `特别`)."""
    if not number.inside or text[number.start - 1] != " " or text[number.end : number.end + 1] != " ":
        return False
    return text[number.start - 2] + text[number.end + 1] in word_tags()
