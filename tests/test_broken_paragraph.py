"""L007: a paragraph broken onto a new line after a clause."""

from __future__ import annotations

import pytest
from conftest import SEED_FILES, findings, seed

from wenlint import Applicability, Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

RULE = all_rules()["L007"]


def found(text: str, path: str = "doc.txt"):
    doc = Document.from_source(text, path)
    return doc, lint(doc, [RULE()])


def test_seed_003_breaks_after_semicolons():
    doc, diagnostics = found(seed("003").read_text(encoding="utf-8"))
    assert [d.line for d in diagnostics] == [21, 22, 25, 44, 45, 46, 47, 48, 59]
    assert {doc.text[d.start : d.end] for d in diagnostics} == {";"}
    # these lines are as long as paragraphs, not a page's width: the join is unsafe
    assert all(d.fix.applicability is Applicability.UNSAFE for d in diagnostics)


def test_seed_003_unsafe_fix_joins_the_paragraphs():
    text = seed("003").read_text(encoding="utf-8")
    assert fix(Document(text), [RULE()]).doc.text == text
    result = fix(Document(text), [RULE()], unsafe=True).doc.text
    assert "有序推进老旧小区物业化管理;××市推进基层党组织" in result
    assert "细化为社区治理“微单元”;××区依托平台建设" in result
    assert "投诉居高不下;示范社区综合服务功能不健全" in result
    assert "都要建立党组织;职工数量50人以上的物业服务企业" in result
    assert "提供坚强组织保证;社区居委会是“操盘手”" in result
    assert result.count("\n") == text.count("\n") - 9
    assert result.replace("\n", "") == text.replace("\n", "")
    assert findings(result, "L007") == []


@pytest.mark.parametrize("path", [p for p in SEED_FILES if not p.name.startswith("003")], ids=lambda p: p.name[:3])
def test_nothing_on_the_other_seeds(path):
    # 004's `N、` preview chunks come after a blank line: L004's, not this rule's
    assert findings(path.read_text(encoding="utf-8"), "L007") == []


def test_a_hard_wrapped_line_is_joined_safely():
    text = (
        "我们的各级党委政府，对社区组织存在的实际困难和问题给\n"
        "予了高度的关注，市委在北林区专门召开了全市社区建设，\n"
        "切实摆上重要日程，明确提出了要求。\n"
    )
    doc, diagnostics = found(text)
    assert [(d.line, d.fix.applicability) for d in diagnostics] == [(2, Applicability.SAFE)]
    assert fix(doc, [RULE()]).doc.text == text.replace("建设，\n", "建设，")


@pytest.mark.parametrize(
    "text",
    [
        # numbered list items, each on its own line
        "有下列情形之一的，不予登记：\n（一）申请人不具备法律规定的条件，或者提交的材料不齐全的；\n"
        "（二）申请登记的事项超出登记机关管辖范围的；\n（三）法律、行政法规规定的其他情形。\n",
        "主要做法有：\n1. 加强组织领导，建立健全工作机制，明确各方责任；\n2. 加大资金投入，确保各项工作落到实处；\n"
        "3、强化督查考核，及时发现问题、纠正偏差；\n4）完善制度建设。\n",
        "一是责任压得实，市级层面专门成立了领导小组；\n二是措施抓得紧，各县区都制定了实施方案；\n三是亮点树得好。\n",
        "首先要提高认识，把社区建设摆上重要议事日程，\n其次，要加大投入，\n最后，要强化考核。\n",
        "市委、市政府高度重视，多次召开专题会议研究部署；\n①成立领导小组；\n②制定实施方案。\n",
        "要做好以下几项工作，确保各项任务落到实处见到成效：\n- 加强组织领导，建立健全工作机制；\n- 加大资金投入。\n",
        # a salutation, verse, a date or a name under a line
        "尊敬的各位领导、各位来宾、女士们、先生们，\n大家上午好！\n",
        "轻轻的我走了，\n正如我轻轻的来；\n我轻轻的招手，\n作别西天的云彩。\n",
        "那河畔的金柳，是夕阳中的新娘；\n波光里的艳影，在我的心头荡漾。\n",
        "床前明月光，疑是地上霜，\n举头望明月，低头思故乡。\n",
        "市民政局、市财政局、市人社局、市住建局、市城管局、市税务局，\n2022年7月4日\n",
        # a blank line between: a paragraph break, or a preview chunk (L004)
        "社区治理推进工作不平衡不系统，居民群众对物业管理投诉居高不下；\n\n示范社区综合服务功能不健全。\n",
        "社区治理推进工作不平衡不系统，居民群众对物业管理投诉居高不下；\n　　示范社区综合服务功能不健全。\n",
        # English
        "We met the committee, the residents, and the staff,\nand we agreed on a plan.\n",
    ],
)
def test_layouts_that_are_not_breaks(text):
    assert findings(text, "L007") == []


def test_markdown_is_left_alone():
    text = "社区治理推进工作不平衡不系统，居民群众对物业管理投诉居高不下；\n示范社区综合服务功能不健全。\n"
    assert findings(text, "L007") == ["；"]
    assert findings(text, "L007", path="notes.md") == []


def test_list_items_ending_with_semicolons_are_layout():
    """Real shapes: Taiwan provisions numbered `一、`, a law's `（一）` items,
    and short unnumbered items; each item ending `；` starts a line on purpose."""
    for text in (
        "申請許可時，應檢具下列文件：\n一、申請書；\n二、合作社登記執照、法人登記證書、公司登記證明文件或公會立案證明文件及章程；\n"
        "三、醫療機構、醫事檢驗所名冊及共同關係等相關資料；\n四、其他經主管機關指定之文件。\n",
        "有下列行为之一的，处以罚款：\n（一）离、抵口岸时，未经边防检查站同意，擅自出境、入境的；\n（二）未按照规定向边防检查站申报的。\n",
        "主要任务包括：\n加强社区党组织建设；\n完善社区服务体系；\n提升居民自治水平。\n",
    ):
        assert findings(text, "L007") == [], text
    # seed 003's shape: a long clause broken off, the paragraph going on unnumbered
    seed_like = (
        "比如，××市结合老旧小区改造，统筹推进社区党建和物业管理，有序推进老旧小区物业化管理;\n"
        "××市推进基层党组织与管理服务深度融合，在社区网格的基础上建立党小组。\n"
    )
    assert findings(seed_like, "L007") == [";"]
