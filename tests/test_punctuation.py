"""M001: half-width punctuation in Chinese prose, and the house-style option."""

from __future__ import annotations

import pytest
from conftest import SEED_FILES, findings, seed

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules

RULE = all_rules()["M001"]


def fixed(text: str, path: str = "a.txt", **options) -> str:
    return fix(Document.from_source(text, path), [RULE(**options)]).doc.text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_seed_has_halfwidth_punctuation(path):
    assert findings(path.read_text(encoding="utf-8"), "M001")


def test_seed_excerpts_are_fixed():
    text = seed("000").read_text(encoding="utf-8")
    result = fixed(text)
    assert "同志们：\n" in result and "同志们:" not in result
    assert "今天，我们召开" in result
    seed_003 = fixed(seed("003").read_text(encoding="utf-8"))
    assert "（一）" in seed_003 and "(一)" not in seed_003


def test_fix_changes_only_punctuation_on_every_seed():
    for path in SEED_FILES:
        before = path.read_text(encoding="utf-8")
        after = fixed(before)
        strip = lambda s: "".join(ch for ch in s if ch.isalnum())
        assert strip(before) == strip(after), path.name
        assert findings(after, "M001") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("同志们:", "同志们："),
        ("今天,我们", "今天，我们"),
        ("今天, 我们", "今天，我们"),
        ("(一)总体要求", "（一）总体要求"),
        ("(2013 年 4 月)", "（2013 年 4 月）"),
        ("第(1)条", "第（1）条"),
        ("他来了吗?", "他来了吗？"),
        ("“真的吗?”他问。", "“真的吗？”他问。"),
        ("太好了!", "太好了！"),
        ("一是加强领导;二是落实责任.", "一是加强领导；二是落实责任。"),
        ("时间:2022-09-21 03:23:00", "时间：2022-09-21 03:23:00"),
    ],
)
def test_flags_and_fixes(text, expected):
    assert fixed(text) == expected


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("共3,000人", "a.txt"),
        ("会议在12:30开始。", "a.txt"),
        ("文件名是a.b。", "a.txt"),
        ("圆周率约为3.14。", "a.txt"),
        ("访问https://example.com/path?a=1,b=2获取。", "a.txt"),
        ("访问 www.example.com/a,b 获取。", "a.txt"),
        ("写信给 zhang.san@example.com 吧。", "a.txt"),
        ("运行 `f(a, b)` 即可。", "a.md"),
        ("```\n打印(1, 2)\n```", "a.md"),
        ("<!-- 注释:不算 -->\n正文。", "a.md"),
        ("参见[说明](#说明,附录)。", "a.md"),
        ("这是问题吗？是的！", "a.txt"),
        ("Hello, world! How are you?", "a.txt"),
        ("社區(qū)發(fā)展", "a.txt"),
        ("取得了顯著成效??倳", "a.txt"),
        ("勞民傷財?shù)谋砻", "a.txt"),
        ("深受啟迪?;仡欉@幾年", "a.txt"),
        ("等等...", "a.txt"),
        ("使用 Python (a language) 编写。", "a.txt"),
        ("比分是3:2。", "a.txt"),
        ("第1.2节", "a.txt"),
        ("1. 发展经济", "a.md"),
        ("flags `××县` (not `3×4` or `XX世纪`)", "a.md"),
        ("今天真开心:) 明天见:D", "a.txt"),
        ("真开心;)", "a.txt"),
        ("配比是男:女=3:2。", "a.txt"),
        ("[1]张三.中国古代史[M].北京:中华书局,2008.", "a.txt"),
        ("My name is 李明, nice to meet you.", "a.txt"),
        ("联系电话(010)12345678。", "a.txt"),
    ],
)
def test_leaves_alone(text, path):
    assert findings(text, "M001", path=path) == []


def test_mark_before_its_fullwidth_twin_is_dropped():
    assert fixed("注意休息,治疗.。") == "注意休息，治疗。"


def test_stop_between_chinese_characters_is_an_unsafe_fix():
    doc = Document.from_source("他来了.我走了", "a.txt")
    assert fix(doc, [RULE()]).doc.text == "他来了.我走了"
    assert fix(doc, [RULE()], unsafe=True).doc.text == "他来了。我走了"


def test_half_style_flags_fullwidth_marks():
    assert fixed("今天，我们开会。", style="half") == "今天,我们开会."
    assert findings("今天,我们开会.", "M001", style="half") == []


def test_consistent_style_flags_the_minority():
    mostly_half = "一,二,三,四。"
    assert findings(mostly_half, "M001", style="consistent") == ["。"]
    mostly_full = "一，二，三,四。"
    assert findings(mostly_full, "M001", style="consistent") == [","]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("他说(a language)很好。", False),
        ("社区(qū)建设", False),
        ("社区(ⅱ)建设", False),  # a number, but not digits
        ("第(²)条", True),
        ("第(2)条", True),
        ("第(０１)条", True),
        ("规定(一)如下", True),
        ("他说(abc\n)很好。", False),
    ],
)
def test_parentheses(text, flagged):
    assert bool(findings(text, "M001")) == flagged


def test_parentheses_around_inline_code_or_a_url_are_converted_and_the_url_kept():
    assert fixed("过滤条目 (如 `a === b`) 即可。", "a.md") == "过滤条目 （如 `a === b`） 即可。"
    # The URL ends at its last `/` (linkify-it): the `)` closes the Chinese aside around it.
    assert (
        fixed("见补充材料(表 S1:https://osf.io/yg67b/),所有选项")
        == "见补充材料（表 S1:https://osf.io/yg67b/），所有选项"
    )
    assert fixed("见[资料](https://zh.wikipedia.org/wiki/长城_(消歧义)),所有选项", "a.md") == (
        "见[资料](https://zh.wikipedia.org/wiki/长城_(消歧义))，所有选项"
    )
