"""L004 preview-chunk-marker: numbered preview chunks cutting sentences in two."""

from __future__ import annotations

from conftest import findings, seed

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

FILLER = "社区党建工作取得了显著成效。" * 8  # 112 characters: a chunk's worth


def _fixed(text: str) -> str:
    return fix(Document.from_source(text, "doc.txt"), [all_rules()["L004"]()], unsafe=True).doc.text


def test_seed_004_sixteen_chunk_markers():
    text = seed("004").read_text(encoding="utf-8")
    found = lint(Document.from_source(text, "004.txt"), [all_rules()["L004"]()])
    assert [text[d.start : d.end] for d in found] == [f"{n}、" for n in range(1, 17)]
    assert text[found[1].start - 5 : found[1].end + 3] == "200\n\n2、3 年"
    assert "cuts a sentence" in found[1].message
    assert "cuts a sentence" not in found[0].message  # the first chunk starts the text


def test_seed_004_fixed_sentences_read_whole():
    fixed = _fixed(seed("004").read_text(encoding="utf-8"))
    assert "在 2001 年至 2003 年 间,也就是撤地设市之后" in fixed
    assert "联合下发了 关于新建开发住宅小区解决社区办公用房的实施意见" in fixed
    assert "基本都是聘任 2 社区书记" not in fixed
    assert "主任基本都是聘任制,工资、级别" in fixed
    assert "从总体上看,我市街道社区党建" in fixed
    assert "社区群众 组织是指共青团、妇女、工会等群众性组织;社区社会组织是指辖 区内" in fixed
    # the first marker follows a finished sentence: its blank line stays
    assert "请在金锄头文库上搜索。\n\n1 如何在文明和谐社区建设中" in fixed
    assert "\n\n2、" not in fixed and "规模较大的小区业主委员\n\n展开阅读全文" in fixed
    assert findings(fixed, "L004") == []


def test_other_seeds_have_no_chunk_markers():
    for prefix in ("000", "001", "002", "003"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "L004") == [], prefix


def test_markers_cutting_words_and_numbers():
    text = f"1、{FILLER}在 2001 年至 200\n\n2、3 年间完成了改革,{FILLER}解\n\n3、决社区办公用房问题,{FILLER}我们\n\n4、的任务"
    assert findings(text, "L004") == ["1、", "2、", "3、", "4、"]
    assert _fixed(text) == (f"{FILLER}在 2001 年至 2003 年间完成了改革,{FILLER}解决社区办公用房问题,{FILLER}我们的任务")
    # chunks are long: markers closer together are a list
    assert findings(f"1、{FILLER}在 2001 年至 200\n\n2、3 年间完成了改革,解\n\n3、决问题,{FILLER}", "L004") == []


def test_ordinary_numbered_lists_are_left_alone():
    for text in (
        "主要措施如下：\n1、加大投入。\n2、完善制度。\n3、强化考核。",
        "主要措施\n\n1、加大投入\n\n2、完善制度\n\n3、强化考核",
        f"主要措施如下：\n\n1、加大投入,{FILLER}\n\n2、完善制度,{FILLER}\n\n3、强化考核,{FILLER}",
        # two chunks are not a sequence
        f"1、{FILLER}解\n\n2、决问题,{FILLER}",
        # numbers that do not count up by one
        f"1、{FILLER}解\n\n3、决问题,{FILLER}我们\n\n5、的任务",
    ):
        assert findings(text, "L004") == [], text


def test_numbered_sections_of_a_report_are_left_alone():
    """An annual report's numbered sections: the text before each number runs
    over several lines (headings, `不适用`, tables), never one cut paragraph."""
    text = (
        f"1、独立董事出席董事会的情况\n{FILLER}\n不适用\n"
        f"2、独立董事对公司有关事项提出异议的情况\n{FILLER}\n其他说明\n"
        f"3、营业收入和营业成本\n单位：元\n{FILLER}\n本期 上期\n4、投资收益"
    )
    assert findings(text, "L004") == []
    # the same numbers, each chunk one paragraph cut mid-sentence: preview chunks
    chunks = f"1、独立董事出席{FILLER}不适\n\n2、用独立董事{FILLER}其他\n\n3、说明营业收入{FILLER}本期\n\n4、投资收益"
    assert findings(chunks, "L004") == ["1、", "2、", "3、", "4、"]
