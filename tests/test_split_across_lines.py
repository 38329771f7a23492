"""L008 split-across-lines: numbers, units and words cut by a row wrap."""

from __future__ import annotations

from conftest import findings
from hypothesis import example, given
from hypothesis import strategies as st

from wenlint import Document
from wenlint.codepoints import matches_from
from wenlint.engine import fix
from wenlint.registry import all_rules
from wenlint_rules.layout.split_across_lines import _NUMBER_BREAK, _numbers_ending_lines
from wenlint_rules.layout.wrapping import line_ends


def _fixed(text: str, unsafe: bool = False) -> str:
    return fix(Document.from_source(text, "doc.txt"), [all_rules()["L008"]()], unsafe=unsafe).doc.text


def test_a_number_cut_from_its_unit():
    assert findings("实现营业收入12.5\n亿元，同比增长。", "L008") == ["12.5\n亿"]
    assert _fixed("实现营业收入12.5\n亿元，同比增长。") == "实现营业收入12.5亿元，同比增长。"
    assert findings("有限公司 2017 年 04\n月 21 日 连带责任保证", "L008") == ["04\n月"]
    assert findings("利润总额 4000\n万元  2、资产总额", "L008") == ["4000\n万"]
    assert findings("增长 12\n% 以上", "L008") == ["12\n%"]


def test_a_unit_that_starts_a_word_is_the_next_row():
    for text in (
        "合计 535,836,082.97\n台州前进公司 15,253,236.88",
        "负债合计 1,644,823,412.34\n所有者权益：",
        "担保余额合计（C4） 935.52\n公司担保总额",
        "合计 100\n年初余额 200",
        "缺陷数量（个） 0\n十、内部控制审计报告",
        "披露日期 2020-03-07\n件数 3",
    ):
        assert findings(text, "L008") == [], text


def test_a_number_cut_in_two():
    text = "房屋建设工程 1,816,86\n9.49 4,597,40\n0.47"
    assert findings(text, "L008") == ["1,816,86\n9", "4,597,40\n0"]
    assert _fixed(text) == "房屋建设工程 1,816,869.49 4,597,400.47"
    assert _fixed("其他 688,369,268.\n94\n2.本期增加") == "其他 688,369,268.94\n2.本期增加"
    assert _fixed("项目 46,034.5\n8 165,628,\n666.75") == "项目 46,034.58 165,628,666.75"
    assert _fixed("小计 -954,610.\n69 12,893,482.00") == "小计 -954,610.69 12,893,482.00"
    # a full group, or decimals of another length, may be the next cell
    assert findings("合计 1,816,869\n9.49", "L008") == []
    assert findings("合计 688,369,268.\n9\n", "L008") == []
    assert findings("余额 60,329,317.96\n4.期末余额", "L008") == []
    assert findings("增长 12.5\n3 个", "L008") == []


def test_a_word_cut_in_two_is_an_unsafe_join():
    text = "资金来源 金融机\n构贷款"
    assert findings(text, "L008") == ["机\n构"]
    assert _fixed(text) == text
    assert _fixed(text, unsafe=True) == "资金来源 金融机构贷款"
    # a narrow cell wraps a character a line; 履⏎行⏎情⏎况 reads 行情 too: left alone
    assert findings("承诺时间 承\n诺\n期\n限 履\n行\n情\n况", "L008") == ["承\n诺", "期\n限"]
    # a break after a word or before one is a row's end
    assert findings("三、核心竞争力分析\n公司是国内最早开展出口业务的企业之一。", "L008") == []
    assert findings("项目 期末余额 期初余额\n账面余额 减值准备", "L008") == []


def test_markdown_and_furniture_are_left_alone():
    assert findings("实现营业收入12.5\n亿元。", "L008", path="report.md") == []
    prose = "公司坚持以市场为导向，不断完善质量体系建设。" * 12
    assert findings(f"{prose}\n22\n日，公司召开董事会。", "L008") == ["22\n日"]
    # the same line as one of a run of page numbers is furniture
    pages = f"{prose}\n21\n{prose}\n22\n日，公司召开董事会。{prose}\n23\n{prose}"
    assert findings(pages, "L008") == []


def _numbers_tried_everywhere(text: str) -> list[tuple[int, int]]:
    """The matches of _NUMBER_BREAK at every digit of the run of digits,
    commas and points (``str.isdecimal``'s digits) that ends a line."""
    doc = Document.from_source(text, "doc.txt")
    starts = []
    for end in doc.view(line_ends):
        start = end
        while start >= 0 and (text[start].isdecimal() or text[start] in ",."):
            start -= 1
        starts.extend(at for at in range(start + 1, end + 1) if text[at].isdecimal())
    return [match.span() for match in matches_from(_NUMBER_BREAK, text, starts)]


@given(st.text(alphabet="12,.\n 中元a３١\U00010d40", max_size=40))
@example("中文数字\U00010d405,\n000元")  # a digit regex knows and Python 3.11 does not
@example("共 1,816,86\n9.49 4,597,40\n0.47")
def test_numbers_are_tried_where_every_digit_would_find_them(text):
    doc = Document.from_source(text, "doc.txt")
    tried = [match.span() for match in matches_from(_NUMBER_BREAK, text, _numbers_ending_lines(doc))]
    assert tried == _numbers_tried_everywhere(text)


def test_the_line_breaks_between_chinese_characters_are_those_regex_finds():
    import random

    import regex

    from wenlint_rules.layout.split_across_lines import _WORD_BREAK

    plain = regex.compile(r"(?<=(\p{Han}))\n(?=(\p{Han}))")
    rng = random.Random(5)
    for _ in range(3_000):
        text = "".join(rng.choice(["社", "区", "〇", "\n", "\n\n", "，", "a", "1", " ", "𠀀"]) for _ in range(30))
        expected = [(m.start(), m[1], m[2]) for m in plain.finditer(text)]
        assert [(m.start(), m[1], m[2]) for m in _WORD_BREAK.finditer(text)] == expected, repr(text)
