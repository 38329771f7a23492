"""L003 page-number: page numbers, running headers and footers in the body."""

from __future__ import annotations

import pytest
import regex
from conftest import NEWER_DIGITS, findings, seed
from hypothesis import example, given
from hypothesis import strategies as st

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint.textclass import CJK_PUNCTUATION, UNITS, UNITS_2, is_han
from wenlint_rules.layout.furniture import COUNT_WORDS
from wenlint_rules.layout.page_number import _COUNTED, _NUMBER, _candidate

FILLER = "社区建设取得了显著成效。" * 20  # 240 characters: a page's worth between page numbers


def _fixed(text: str, *codes: str) -> str:
    rules = [all_rules()[code]() for code in codes or ("L003",)]
    return fix(Document.from_source(text, "doc.txt"), rules, unsafe=True).doc.text


def test_seed_004_page_numbers_one_to_seven():
    text = seed("004").read_text(encoding="utf-8")
    doc = Document.from_source(text, "004.txt")
    found = [d for d in lint(doc, [all_rules()["L003"]()])]
    contexts = [text[d.start - 3 : d.end + 3] for d in found]
    assert contexts == [
        "\n1、1 如何",
        "包括 2 社区",
        ",特 3 别是",
        "连续 4 举办",
        "织领 5 导核",
        "13、6 7 ",
        "的功 7 能性",
    ]
    assert all("sequence of page numbers" in d.message for d in found)


def test_seed_004_fixed_sentences_read_whole():
    fixed = _fixed(seed("004").read_text(encoding="utf-8"))
    assert "绝大多数的社区干部,包括社区书记、主任基本都是聘任" in fixed
    assert "(绥组发20094 号)文件,特别是市委于 2011 年" in fixed
    assert "已经连续举办了 6 届" in fixed
    assert "发挥党组织领导核心作用的意见 ,讲一讲" in fixed
    assert "自我管理的功能性自治组织" in fixed
    assert "\n13、7 个苑区" in fixed
    assert "\n1、如何在文明和谐社区建设中" in fixed
    # the viewer's page counters belong to the spam rules; untouched here
    assert "全市街道社区党组织书记培训班辅导讲义_第3页\n第3页 / 共27页\n" in fixed
    assert findings(fixed, "L003") == []


def test_seed_004_with_the_other_layout_rules():
    fixed = _fixed(seed("004").read_text(encoding="utf-8"), "L003", "L004", "L005")
    assert "请在金锄头文库上搜索。\n\n如何在文明和谐社区建设中 发挥党组织领导核心作用 全市街道" in fixed
    assert "他们将整个社区 820 栋楼划分为7 个苑区" in fixed
    assert "包括社区书记、主任基本都是聘任制,工资" in fixed


def test_other_seeds_have_no_page_numbers():
    for prefix in ("000", "001", "002", "003"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "L003") == [], prefix


def test_a_word_cut_by_a_lone_page_number():
    assert findings("进一步加大力度,特 3 别是市委高度重视。", "L003") == ["3"]
    assert findings("发挥党组织领 5 导核心作用。", "L003") == ["5"]
    assert _fixed("发挥党组织领 5 导核心作用。") == "发挥党组织领导核心作用。"
    # unspaced, or the two characters make no word: no evidence without a sequence
    assert findings("进一步加大力度,特3别是市委高度重视。", "L003") == []
    assert findings("绝大多数的社区干部,包括 2 社区书记。", "L003") == []


def test_a_sequence_of_page_numbers():
    text = f"包括 2 社区书记。{FILLER}已经连续 3 举办了六届。{FILLER}这是 4 我们的任务。"
    assert findings(text, "L003") == ["2", "3", "4"]
    assert _fixed(text) == f"包括社区书记。{FILLER}已经连续举办了六届。{FILLER}这是我们的任务。"
    # two are not a sequence; too close together are not pages; not counting up by one
    assert findings(f"包括 2 社区书记。{FILLER}已经连续 3 举办了六届。", "L003") == []
    assert findings("包括 2 社区书记。已经连续 3 举办了。这是 4 我们的。", "L003") == []
    assert findings(f"包括 2 社区书记。{FILLER}已经连续 4 举办了六届。{FILLER}这是 6 我们的任务。", "L003") == []


def test_ordinary_numbers_are_not_page_numbers():
    for text in (
        "全市共有 3 个社区,第 3 条规定,2013 年 4 月。",
        "经过 10 多年的努力,每 3 人一组,住在 3 楼。",
        "用了 2 小时,进 2 球,取得 3 胜 2 负,过 5 关。",
        "1、加大投入。\n2、完善制度。\n3、强化考核。",
        "会议于 9:30 开始,增长 3.5%,编号 A3 型。",
        f"共 3 个社区。{FILLER}有 4 个社区。{FILLER}达到 5 个社区。",
    ):
        assert findings(text, "L003") == [], text


def test_running_header_keeps_its_first_line():
    page = "社区建设取得了显著成效。" * 30
    text = f"社区工作手册\n{page}\n社区工作手册\n{page}\n社区工作手册\n{page}\n"
    assert findings(text, "L003") == ["社区工作手册", "社区工作手册"]
    assert _fixed(text) == f"社区工作手册\n{page}\n{page}\n{page}\n"


def test_page_numbered_footer_lines():
    page = "社区建设取得了显著成效。" * 30
    text = f"{page}\n— 3 —\n{page}\n— 4 —\n{page}\n— 5 —"
    assert findings(text, "L003") == ["— 3 —", "— 4 —", "— 5 —"]
    assert _fixed(text) == f"{page}\n{page}\n{page}"
    # numbers that do not count up are no page numbers
    assert findings(f"{page}\n— 3 —\n{page}\n— 3 —\n{page}\n— 7 —", "L003") == []


def test_repeated_lines_that_are_not_headers():
    page = "请大家发言。" * 60
    # a speaker's label ends with a colon; a title repeated at the top is too close together
    assert findings(f"主持人：\n{page}\n主持人：\n{page}\n主持人：\n", "L003") == []
    assert findings(f"社区工作手册\n社区工作手册\n{page}\n社区工作手册\n{page}\n社区工作手册", "L003") == []
    # a separator line holds no word
    assert findings(f"* * *\n{page}\n* * *\n{page}\n* * *\n", "L003") == []
    # the site viewer's page counters are the spam rules' business
    assert findings(f"第1页 / 共27页\n{page}\n第2页 / 共27页\n{page}\n第3页 / 共27页\n", "L003") == []


def test_figure_and_table_numbers_are_not_page_numbers():
    text = f"如表2所示，{FILLER}\n图3 2008—2018年降水变化\n{FILLER}\n图4 气温变化。{FILLER}表 5 列出了结果。"
    assert findings(text, "L003") == []
    assert _fixed(text) == text
    # the same places without 图/表 are a sequence of page numbers (`2所` counts schools)
    assert findings(text.replace("表", "列").replace("图", "列"), "L003") == ["3", "4", "5"]


def test_numbers_listed_with_a_comma():
    text = f"包括 2 社区书记。{FILLER}结果只有0，3两种情况。{FILLER}这是 4 我们的任务。"
    assert findings(text, "L003") == []


def test_furniture_recurs_through_the_whole_text():
    page = "社区建设取得了显著成效。" * 30
    header = "社区工作手册"
    assert findings(f"{header}\n{page}\n{header}\n{page}\n{header}\n{page}\n", "L003") == [header, header]
    # a note under three tables in one part of a long text is content
    note = "注：上述人员之间均不存在近亲属关系"
    part = f"{note}\n{page}\n{note}\n{page}\n{note}\n"
    assert findings(part + page * 10, "L003") == []
    assert findings(page * 10 + part, "L003") == []


def test_content_lines_that_recur():
    page = "社区建设取得了显著成效。" * 30
    assert findings(f"□ 是 √ 否\n{page}\n□ 是 √ 否\n{page}\n□ 是 √ 否\n{page}", "L003") == []
    markdown = f"- **示例**\n\n{page}\n\n- **示例**\n\n{page}\n\n- **示例**\n\n{page}"
    assert findings(markdown, "L003", path="api.md") == []
    assert findings(markdown, "L003") == ["- **示例**", "- **示例**"]  # plain text: a running header
    # numbered table rows with a date: more than the row number changes
    rows = f"{page}\n127 2020-11-23\n{page}\n128 2020-11-25\n{page}\n129 2020-12-16\n{page}"
    assert findings(rows, "L003") == []
    footers = f"{page}\n2019年年度报告 3\n{page}\n2019年年度报告 4\n{page}\n2019年年度报告 5\n{page}"
    assert findings(footers, "L003") == ["2019年年度报告 3", "2019年年度报告 4", "2019年年度报告 5"]


PROSE = "公司坚持以市场为导向，不断完善质量体系建设和环境健康安全体系建设。" * 8  # about 270 characters
HEADER = "浙江海翔药业股份有限公司2019年年度报告全文"


def test_a_running_header_with_a_fixed_year_is_a_plain_repeated_line():
    text = f"{HEADER}\n{PROSE}\n{HEADER}\n{PROSE}\n{HEADER}\n{PROSE}\n"
    assert findings(text, "L003") == [HEADER, HEADER]
    # twice is enough for a report's running title; a plain short line needs three
    assert findings(f"{PROSE}\n{HEADER}\n{PROSE}\n{HEADER}\n{PROSE}", "L003") == [HEADER, HEADER]
    assert findings(f"{PROSE}\n社区工作手册\n{PROSE}\n社区工作手册\n{PROSE}", "L003") == []


def test_a_header_inside_a_sentence_is_removed_and_the_sentence_rejoined():
    page = f"{PROSE}公司董事会、\n{HEADER}\n监事会成员均已出席。\n"
    text = page * 3
    assert findings(text, "L003") == [HEADER] * 3
    assert _fixed(text) == f"{PROSE}公司董事会、监事会成员均已出席。\n" * 3


def test_page_numbers_between_the_halves_of_a_sentence():
    text = f"{PROSE}公司董事会、\n23\n\n监事会成员均已出席。{PROSE}\n"
    assert findings(text, "L003") == ["23"]
    assert _fixed(text) == f"{PROSE}公司董事会、监事会成员均已出席。{PROSE}\n"
    # a number before its unit, after 第, 图, 表, or after a sentence or heading is content
    for cut in ("公司共有\n3\n个子公司。", "详见第\n3\n章。", "如表\n2\n所示。", "二、主要业务\n3\n公司主营原料药。"):
        assert findings(PROSE + cut, "L003") == [], cut


def test_page_number_lines_count_up_with_gaps():
    text = f"{PROSE}\n21\n{PROSE}\n22\n{PROSE}\n24\n{PROSE}\n25\n{PROSE}"
    assert findings(text, "L003") == ["21", "22", "24", "25"]
    assert _fixed(text) == "\n".join([PROSE] * 5)
    # a number column of a table (too close together) and numbers that do not count up
    assert findings(f"{PROSE}\n3\n4\n5\n{PROSE}", "L003") == []
    assert findings(f"{PROSE}\n21\n{PROSE}\n29\n{PROSE}\n40\n{PROSE}", "L003") == []


def test_a_footer_and_the_next_header_are_one_page_break():
    text = f"{HEADER}\n{PROSE}公司董事会、\n- 21 -\n{HEADER}\n监事会{PROSE}\n- 22 -\n{HEADER}\n{PROSE}\n- 23 -\n"
    assert findings(text, "L003") == [f"- 21 -\n{HEADER}", f"- 22 -\n{HEADER}", "- 23 -"]
    assert _fixed(text) == f"{HEADER}\n{PROSE}公司董事会、监事会{PROSE}\n{PROSE}\n"


def test_the_furniture_view():
    from wenlint_rules.layout.furniture import page_furniture

    doc = Document.from_source(f"{PROSE}公司董事会、\n23\n\n监事会成员。{PROSE}\n", "doc.txt")
    furniture = doc.view(page_furniture)
    assert [(line.kind, line.value) for line in furniture.lines] == [("page number", 23)]
    assert furniture.holds(len(PROSE) + 7) and not furniture.holds(0)
    assert [(b.joined, b.safe) for b in furniture.breaks] == [("", True)]


def test_a_page_number_before_a_running_title_even_once():
    text = f"{PROSE}\n23\n{HEADER}\n{PROSE}"
    assert findings(text, "L003") == [f"23\n{HEADER}"]
    assert _fixed(text) == f"{PROSE}\n{PROSE}"
    # a number after the title is the next page's first content (the end of a cut amount)
    assert findings(f"{PROSE}\n{HEADER}\n90\n{PROSE}", "L003") == []
    # a short line that is no running title is not furniture on one showing
    assert findings(f"{PROSE}\n23\n社区工作手册\n{PROSE}", "L003") == []


def _numbers_asked_in_python(text: str) -> list[tuple[int, int]]:
    """The numbers that may be page numbers, the surroundings asked of each
    digit run in Python: after a line start, a Chinese character or Chinese
    punctuation that is no count word, before a Chinese character that is no
    unit or counted thing (or, spaced, before another number), and not one
    of numbers listed (`0，1 两种`)."""
    found = []
    for match in regex.finditer(r"(?<![\d.,:/%A-Za-z_-])[1-9]\d{0,2}(?![\d.,:/%A-Za-z_])", text):
        start, end = match.span()
        space_before, space_after = text[start - 1 : start] == " ", text[end : end + 1] == " "
        before_at = start - 1 - space_before
        before = text[before_at] if before_at >= 0 else "\n"
        after = text[end + space_after : end + space_after + 1]
        if before in COUNT_WORDS or not (before == "\n" or is_han(before) or before in CJK_PUNCTUATION):
            continue
        if before in "，," and text[before_at - 1 : before_at].isdigit():
            continue
        if after.isdigit() and after.isascii():
            if not space_after:
                continue
        elif not is_han(after) or after in UNITS or after in _COUNTED or text.startswith(UNITS_2, end + space_after):
            continue
        found.append((start, end))
    return found


@given(st.text(alphabet="1 23,.\n中第共个小时年楼a：，〇３", max_size=30))
@example("第 3 楼，共 12 个，中 5 小时，中 7 中 8\n9 页")
@example("中 1 2 中，0，1 两种")
def test_the_numbers_the_pattern_leaves_are_those_asked_in_python(text):
    numbers = [(m.start(), m.end()) for m in _NUMBER.finditer(text) if _candidate(text, m.start(), m.end()) is not None]
    assert numbers == _numbers_asked_in_python(text)


def test_the_furniture_patterns_match_as_regex_would():
    import random
    import re

    import regex

    from wenlint_rules.layout import furniture

    two_han = regex.compile(r"\p{Han}.*\p{Han}")
    page_number = regex.compile(
        r"[-—–·]?[ \t]*\d{1,4}[ \t]*[-—–·]?"
        r"|第[ \t]*\d+[ \t]*页(?:[ \t]*[/，,][ \t]*共[ \t]*\d+[ \t]*页)?"
        r"|\d+[ \t]*/[ \t]*\d+"
        r"|(?:[Pp]age|P\.)[ \t]*\d+(?:[ \t]*of[ \t]*\d+)?"
    )
    # digits regex reads and re may not (Kawi, Nag Mundari: past Python's Unicode on older versions)
    beyond = [digit for digit in "\U00011f50\U0001e4f0" if regex.match(r"\d", digit) and not re.match(r"\d", digit)]
    pieces = ["第", "页", "共", "/", "-", " ", "1", "２", "〇", "社", "\n", "Page", "a", *beyond]
    rng = random.Random(5)
    for _ in range(3_000):
        line = "".join(rng.choice(pieces) for _ in range(8))
        assert (furniture._TWO_HAN.search(line) is None) == (two_han.search(line) is None), repr(line)
        assert (furniture._PAGE_NUMBER.fullmatch(line) is None) == (page_number.fullmatch(line) is None), repr(line)
        assert furniture._DIGITS.findall(line) == regex.findall(r"\d+", line), repr(line)


def test_digits_python_cannot_read_are_no_page_numbers():
    """A number of such digits, on a line of its own, inside a sentence or
    counting up in a header, is no page number; and L003 does not fail on it."""
    if NEWER_DIGITS.isdecimal():
        pytest.skip("this Python's Unicode knows these digits")
    pages = "".join(f"{FILLER}\n{digit}\n" for digit in NEWER_DIGITS)
    inline = f"这是特 {NEWER_DIGITS[0]} 别的内容，还有很多文字。\n" * 3
    headers = "".join(f"年度报告 2023 {digit}\n{FILLER}\n" for digit in NEWER_DIGITS)
    for text in (pages, inline, headers):
        assert [d.code for d in lint(Document(text), [all_rules()["L003"]()])] == []
