"""T004 doubled-character: slips, not reduplication."""

from __future__ import annotations

import pytest
from conftest import findings, seed

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules


def test_seed_000_doubled_de_is_flagged_and_fixed_safely():
    text = seed("000").read_text(encoding="utf-8")
    assert findings(text, "T004") == ["的的"]
    fixed = fix(Document(text), [all_rules()["T004"]()]).doc.text
    assert "比较突出的社区" in fixed and "的的" not in fixed


def test_other_seeds_have_no_doubled_characters():
    for prefix in ("001", "002", "003", "004"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "T004") == []


def test_function_words_typed_twice():
    assert findings("我们完成了了任务，这是是关键，他在在学校。", "T004") == ["了了", "是是", "在在"]


def test_reduplication_is_left_alone():
    text = "你看看，我常常来，人人说谢谢，天天向上，高高兴兴，一首首歌，跟你说说，星星点点。"
    assert findings(text, "T004") == []


def test_pairs_split_between_words_are_left_alone():
    text = "达到目的的手段，为了了解情况，他的的士，说的的确是实话，现在在台北，高兴得不得了了，不了了之。"
    assert findings(text, "T004") == []


def test_a_content_character_after_a_word_ending_in_it():
    assert findings("大家要积极极参与，推进建设设施。", "T004") == ["极极"]
    rule = all_rules()["T004"]()
    assert fix(Document("积极极参与。"), [rule]).doc.text == "积极极参与。"
    assert fix(Document("积极极参与。"), [rule], unsafe=True).doc.text == "积极参与。"


def test_a_content_character_outside_prose_is_left_alone():
    # a flattened table header: cells run together, no typing slip
    assert findings("占基金资产净值比例 公允价值值比例(%)\n1601995 中国平安", "T004") == []


def test_runs_and_quotes_are_left_alone():
    assert findings("哈哈哈，“尊尊”和“亲亲”。", "T004") == []


def test_traditional_text():
    assert findings("我們在在社區工作，這是是關鍵。", "T004") == ["在在", "是是"]


#: Ordinary Chinese with a character written twice on purpose: reduplicated
#: words, a pair inside a longer word, 了了 "clear" (issue 15).
REDUPLICATIONS = [
    "小时了了，大未必佳。",
    "他对此事不甚了了。",
    "了了分明，无需多言。",
    "心中了了，不必再问。",
    "这件事不了了之。",
    "他往往很晚才回家。",
    "我常常想起她。",
    "天色渐渐暗了下来。",
    "我们天天见面。",
    "这的的确确是真的。",
    "他刚刚走。",
    "仅仅一天就完成了。",
    "谢谢你的帮助。",
    "人人都有责任。",
    "大家来玩对对碰。",
    "他们对对联很有研究。",
    "他慢慢地走了过来。",
    "明明是他做的。",
    "我们要好好学习。",
    "以以色列为例。",
    "他们三三两两地走了。",
    "妈妈做了饭，姐姐和弟弟都来了。",
    "近40年来新疆风灾灾损呈上升趋势。",
    "排放相应应税污染物。",
    "股票名称 流通受限情况说明 价值值比例(%)",
    "公司的发展必须建立在风险控制制\n度完善的基础上。",
]


@pytest.mark.parametrize("text", REDUPLICATIONS)
def test_reduplications_and_words_are_left_alone(text):
    assert findings(text, "T004") == []


def fixes(text: str) -> list[tuple[str, str | None]]:
    doc = Document(text)
    return [(text[d.start : d.end], d.fix and d.fix.applicability.value) for d in lint(doc, [all_rules()["T004"]()])]


def test_function_words_across_a_word_boundary_get_a_safe_fix():
    text = "看到世界最成功的的基金，我们还在在右侧，这是是关键。"
    assert fixes(text) == [("的的", "safe"), ("在在", "safe"), ("是是", "safe")]


def test_a_pair_that_is_also_a_word_is_never_safely_fixed():
    # 了了 after a verb is likely 了 typed twice, but 了了 is a word too
    assert fixes("我们完成了了任务，高度重视了了上下功夫。") == [("了了", "unsafe"), ("了了", "unsafe")]


def test_a_pair_that_may_be_the_word_it_spells_gets_no_fix():
    assert fixes("他了了一桩心事。你为什么要走了了？") == [("了了", None), ("了了", None)]
    text = "他了了一桩心事。"
    assert fix(Document(text), [all_rules()["T004"]()], unsafe=True).doc.text == text


def test_cli_fix_keeps_reduplications(tmp_path):
    from conftest import wenlint

    target = tmp_path / "a.txt"
    text = "\n".join(REDUPLICATIONS) + "\n这是是关键，我们完成了了任务。\n"
    target.write_text(text, encoding="utf-8")
    run = wenlint("check", "--fix", "--select", "T004", "--exit-zero", str(target))
    assert run.returncode == 0, run.stderr
    assert target.read_text(encoding="utf-8") == text.replace("是是", "是")
    run = wenlint("check", "--fix", "--unsafe-fixes", "--select", "T004", "--exit-zero", str(target))
    assert run.returncode == 0, run.stderr
    assert target.read_text(encoding="utf-8") == text.replace("是是", "是").replace("完成了了", "完成了")


def test_every_chinese_character_typed_twice_is_found_and_no_other():
    # the pattern's class (re, textclass.HAN_CLASS) against regex's \p{Han} over every code point, doubled
    import regex

    from wenlint_rules.typo.doubled_character import _DOUBLED

    text = "".join(chr(point) * 2 + "。" for point in range(0x110000) if not 0xD800 <= point < 0xE000)
    expected = [match.span() for match in regex.finditer(r"(\p{Han})\1", text)]
    assert len(expected) > 90_000
    assert [match.span() for match in _DOUBLED.finditer(text)] == expected
