"""L001: line breaks inside a sentence, left by a fixed-width or PDF layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_FILES, findings, seed

from wenlint import Applicability, Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint.textclass import is_han
from wenlint_rules.layout.hard_line_break import _FEWEST
from wenlint_rules.layout.wrapping import MIN_WIDTH, display_width, is_verse

RULE = all_rules()["L001"]
CSC = Path(__file__).resolve().parents[2] / "shared" / "data" / "csc"
#: Punctuation a typesetter never puts at the start of a line.
NEVER_FIRST = frozenset("，。、；：？！）”’》,.;:?!)")

WRAPPED = (
    "我们的各级党委政府，对社区组织存在的实际困难和问题给\n"
    "予了高度的关注，市委在北林区专门召开了全市社区建设现\n"
    "场会，明确提出了要求。\n"
    "\n"
    "这个文件的出台，可以说掀起了我市社区活动场所建设的高\n"
    "潮。经过三年的建设，到2008年，当时全市161个社区当中\n"
    "，社区办公用房面积达到要求的已经有109个。\n"
)


def rewrap(text: str, columns: int) -> str:
    """Break every line at ``columns`` display columns, as a page would,
    never starting a line with closing punctuation."""
    out = []
    for line in text.split("\n"):
        current = ""
        for char in line:
            if display_width(current + char) > columns and char not in NEVER_FIRST:
                out.append(current)
                current = ""
            current += char
        out.append(current)
    return "\n".join(out)


def breaks(text: str) -> dict[int, int]:
    """Each line break, keyed by how many characters other than blanks come
    before it (a key that survives joining lines), with its offset."""
    found, count = {}, 0
    for offset, char in enumerate(text):
        if char == "\n":
            found[count] = offset
        elif char not in " \t":
            count += 1
    return found


def fixed(text: str, path: str = "doc.txt", unsafe: bool = False) -> str:
    return fix(Document.from_source(text, path), [RULE()], unsafe=unsafe).doc.text


def test_breaks_between_chinese_characters_are_joined_safely():
    doc = Document(WRAPPED)
    found = lint(doc, [RULE()])
    assert [(WRAPPED[d.start - 1], WRAPPED[d.end]) for d in found] == [("给", "予"), ("现", "场"), ("高", "潮")]
    assert all(d.fix.applicability is Applicability.SAFE for d in found)
    assert fixed(WRAPPED) == (
        "我们的各级党委政府，对社区组织存在的实际困难和问题给予了高度的关注，市委在北林区专门召开了全市社区建设现场会，明确提出了要求。\n"
        "\n"
        "这个文件的出台，可以说掀起了我市社区活动场所建设的高潮。经过三年的建设，到2008年，当时全市161个社区当中\n"
        "，社区办公用房面积达到要求的已经有109个。\n"
    )


def test_break_next_to_a_digit_or_letter_is_an_unsafe_fix():
    text = (
        "根据社区新的发展阶段的实际工作需要，在社区建设上，市委\n"
        "2009年出台了关于加快推进社区建设工作的意见，同年，为了\n"
        "有力推动社区建设，实现同步推进。\n"
    )
    found = lint(Document(text), [RULE()])
    assert [d.fix.applicability for d in found] == [Applicability.UNSAFE, Applicability.SAFE]
    assert fixed(text) == text.replace("为了\n", "为了")
    assert fixed(text, unsafe=True) == text.replace("市委\n", "市委").replace("为了\n", "为了")


def test_trailing_blanks_go_with_the_break():
    text = WRAPPED.replace("给\n", "给  \n")
    assert fixed(text).startswith("我们的各级党委政府，对社区组织存在的实际困难和问题给予了")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_no_finding_on_the_seeds(path):
    # 000–003: one paragraph per line; 004: the wraps became spaces (L002),
    # and its viewer chrome (`…_第1页␤第1页 / 共27页`) is not prose.
    assert findings(path.read_text(encoding="utf-8"), "L001") == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
@pytest.mark.parametrize("columns", [50, 70, 84])
def test_rewrapped_seeds_are_joined_and_paragraphs_kept(prefix, columns):
    original = seed(prefix).read_text(encoding="utf-8")
    for layout in (original, original.replace("\n\n", "\n")):  # with and without blank lines
        wrapped = rewrap(layout, columns)
        result = fixed(wrapped)
        kept, left = breaks(layout), breaks(result)
        assert kept.keys() <= left.keys(), "a paragraph break was joined"
        in_words = [
            key
            for key, offset in breaks(wrapped).items()
            if key not in kept and is_han(wrapped[offset - 1]) and is_han(wrapped[offset + 1])
        ]
        joined = [key for key in in_words if key not in left]
        assert len(joined) >= 0.93 * len(in_words)
        assert fixed(result) == result


@pytest.mark.parametrize(
    "text",
    [
        # a title over a paragraph, a signature
        "关于加强社区建设工作的实施意见的起草说明材料\n市民政局办公室\n",
        # verse, in short lines or in couplets of equal clauses
        "床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n",
        "朝辞白帝彩云间，千里江陵一日还\n两岸猿声啼不住，轻舟已过万重山\n",
        # headings and list items
        "一、充分认识建设平安和谐社区的重大意义和紧迫性要求\n近年来社区建设工作得到高度重视，各项工作取得了明显成效\n"
        "二、扎实有效推进创建平安和谐社区工作的总体要求部署\n近年来社区建设工作得到高度重视，各项工作取得了明显成效\n",
        "各街道要积极主动发挥作用，建立健全由街道党工委领导的\n（一）社区建设工作领导和协调机制，动员辖区所有机关单位\n"
        "（二）社区建设工作领导和协调机制，动员辖区所有机关单位\n",
        # an indented next line starts a paragraph
        "　　各街道要积极主动发挥作用，建立健全由街道党工委领导\n　　社区建设工作领导和协调机制，动员辖区所有机关和单位\n"
        "　　社区建设工作领导和协调机制，动员辖区所有机关和单位\n",
    ],
)
def test_layouts_that_are_not_wraps(text):
    assert findings(text, "L001") == []


def test_one_sentence_per_line_with_similar_lengths_is_not_wrapped():
    lines = [
        "行政机关实施行政管理都应当公开，这是程序正当原则的要求",
        "法律解释不是可有可无的，而是必然存在于法律适用之中的",
        "在直接选举中，候选人须获得本选区全体选民过半数的选票才可当选",
        "被吊销营业执照的企业即丧失主体资格，不能再以其名义开展经营",
        "上级检察院可建议而不可直接变更、撤销下级检察院的决定",
        "公民基本权利的范围从社会、经济和文化权利向政治权利深入发展",
    ]
    assert findings("\n".join(lines) + "\n", "L001") == []


def test_markdown_and_code_are_left_alone():
    assert findings(WRAPPED, "L001", path="notes.md") == []


def test_verse_helper():
    assert is_verse("朝辞白帝彩云间，千里江陵一日还")
    assert not is_verse("我们的各级党委政府，对社区组织存在的实际困难")


@pytest.mark.skipif(not CSC.is_dir(), reason="development data not present")
def test_clean_sentences_one_per_line_get_nothing():
    for path in sorted(CSC.glob("*.jsonl")):
        sentences = [json.loads(line)["tgt"] for line in path.read_text(encoding="utf-8").splitlines()]
        assert findings("\n".join(sentences) + "\n", "L001") == [], path.name


#: A report hard-wrapped at 54 columns, its page broken inside a sentence by a
#: footer and a header (issue 15): page furniture that a join would glue into it.
REPORT = (
    "报告期内，公司坚持以市场为导向，不断完善质量体系建设和环境\n"
    "健康安全体系建设，原料药生产场地多次通过美国、欧盟和日本的\n"
    "{furniture}\n"
    "官方认证，为公司开拓国际市场奠定了良好的基础，同时公司持续\n"
    "加大研发投入，推进产品结构调整，巩固了在行业中的竞争优势。\n"
)


@pytest.mark.parametrize(
    "furniture",
    [
        "浙江海翔药业股份有限公司2019年年度报告全文",
        "2019年度财务报表附注",
        "12",
        "- 12 -",
        "第 12 页",
        "第12页/共27页",
    ],
)
def test_page_furniture_is_never_joined_into_the_sentence_it_interrupts(furniture):
    text = REPORT.format(furniture=furniture)
    found = lint(Document(text), [RULE()])
    joined = {(text[d.start - 1], text[d.end]) for d in found}
    assert joined == {("境", "健"), ("续", "加")}  # the wraps away from the furniture
    result = fixed(text, unsafe=True)
    assert f"\n{furniture}\n" in result


def test_a_line_the_document_repeats_is_furniture():
    header = "海翔药业关于募集资金存放与实际使用情况的专项报告"
    text = REPORT.format(furniture=header) + header + "\n" + REPORT.format(furniture="")
    found = lint(Document(text), [RULE()])
    assert all(header not in "".join(lines_around_finding(text, d.start)) for d in found)
    assert f"的\n{header}\n官" in fixed(text, unsafe=True)


def lines_around_finding(text: str, newline: int) -> tuple[str, str]:
    from wenlint_rules.layout.wrapping import lines_around

    return lines_around(text, newline)


def test_a_line_too_short_to_be_tried_is_too_narrow_for_a_wrap():
    widest = "\U00020000"  # four bytes of UTF-8: the most columns a character takes
    assert display_width(widest * (_FEWEST - 1)) < MIN_WIDTH <= display_width(widest * _FEWEST)


def test_the_candidates_are_those_regex_finds():
    import random

    import regex

    from wenlint import Document
    from wenlint.codepoints import matches_from
    from wenlint_rules.layout.hard_line_break import _CANDIDATE, _FEWEST
    from wenlint_rules.layout.wrapping import line_ends

    plain = regex.compile(
        rf"[\p{{Han}}〇](?<=[^\n]{{{_FEWEST}}})[ \t]*\n(?=[\p{{Han}}〇A-Za-z0-9“‘《（「『])"
        rf"|[A-Za-z0-9](?<=[^\n]{{{_FEWEST}}})[ \t]*\n(?=[\p{{Han}}〇“‘《（「『])"
    )
    rng = random.Random(5)
    for _ in range(2_000):
        pieces = ["社区建设工作", "〇", "\n", " \n", "“", "a1", "，", "𠀀", "\t"]
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60)))
        found = matches_from(_CANDIDATE, text, line_ends(Document(text, path="doc.txt")))
        assert [m.span() for m in found] == [m.span() for m in plain.finditer(text)], repr(text)
