"""D001 truncated-document: the seeds' endings, and text cut mid-sentence."""

from __future__ import annotations

import pytest
import regex
from conftest import findings, seed
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules
from wenlint_rules.document.truncated_document import _is_chrome


def _text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def _diagnostics(text: str):
    return lint(Document.from_source(text), [all_rules()["D001"]()])


def test_seed_004_ends_mid_sentence_before_the_read_more_marker():
    [finding] = _diagnostics(_text("004"))
    text = _text("004")
    assert text[finding.start : finding.end] == "规模较大的小区业主委员"
    assert text[finding.end :].startswith("\n\n展开阅读全文\n")
    assert "展开阅读全文" in finding.message
    assert finding.fix is None


def test_seed_004_still_truncated_once_the_marker_line_is_removed():
    # What remains after the viewer-chrome rule removes `展开阅读全文`.
    text = _text("004").replace("\n展开阅读全文\n", "\n")
    [finding] = _diagnostics(text)
    assert text[finding.start : finding.end] == "规模较大的小区业主委员"
    assert "展开阅读全文" not in finding.message


def test_seed_004_still_truncated_without_any_footer():
    text = _text("004")
    body = text[: text.rindex("业主委员") + len("业主委员")]
    assert findings(body, "D001") == ["规模较大的小区业主委员"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_complete_seeds_are_not_flagged(prefix):
    # 000 ends with `谢谢大家!`, 001 with `…更大貢獻!`, 002 with `…“穩壓器”。`,
    # 003 with `…满意答卷。` followed by a `推荐访问:` tag line.
    assert findings(_text(prefix), "D001") == []


@pytest.mark.parametrize(
    ("prefix", "cut_after", "clause"),
    [
        ("000", "希望大家能振奋精神,加温鼓劲", "加温鼓劲"),
        ("001", "是全市人民的熱切期盼,是政府工作的重中之重", "是政府工作的重中之重"),
        ("002", "應當是既充滿活力又安定有序的社區", "應當是既充滿活力又安定有序的社區"),
        ("002", "管理有序、服務完善、", "服務完善、"),
    ],
)
def test_seeds_cut_mid_sentence_are_flagged_at_the_last_clause(prefix, cut_after, clause):
    text = _text(prefix)
    cut = text[: text.index(cut_after) + len(cut_after)]
    assert findings(cut, "D001") == [clause]


def test_seed_003_cut_before_its_tag_footer_is_flagged():
    text = _text("003")
    last = "以日常尺寸之功,成就城市崛起百年大计"
    footer = text[text.index("\n\n推荐访问:") :]
    cut = text[: text.index(last) + len(last)] + footer
    assert findings(cut, "D001") == ["成就城市崛起百年大计"]


def test_read_more_marker_after_a_full_stop():
    text = "会议要求各单位抓好落实。\n\n查看全文 >>\n相关搜索\n"
    assert findings(text, "D001") == ["查看全文 >>"]


@pytest.mark.parametrize(
    "ending",
    [
        "\n\n谢谢大家!\n",
        "\n\n××区人民政府\n2022年7月4日\n",
        "\n\n三、下一步工作打算\n",
        "\n\n（未完待续）\n",
        "\n\n电脑版 |金锄头文库版权所有\n经营许可证:蜀ICP备13022795号\n",
    ],
)
def test_signatures_headings_and_footers_after_a_complete_body(ending):
    assert findings(_text("000").rstrip("\n谢谢大家!") + "。" + ending, "D001") == []  # noqa: B005 - strips the closing words, character by character


def test_to_be_continued_marks_a_complete_part_even_mid_sentence():
    text = _text("004")
    body = text[: text.rindex("业主委员") + len("业主委员")]
    assert findings(body + "\n\n（未完待续）\n", "D001") == []


@pytest.mark.parametrize(
    "text",
    [
        "法律解释不是可有可无的，而是必然存在于法律适用之中",
        "我相信只要努力练习，就会有一番成就的",
        "关于情事变更原则，下列说法正确的是:",
        "你好，这个情况建议你检查个腰椎片看看腰椎是否有问题。如果没有的话，考虑是腰肌劳损吧",
        "一、总体要求\n二、主要任务\n三、保障措施",
        "请做好以下工作：\n1. 加强组织领导，落实工作责任\n2. 加强宣传引导，营造良好氛围",
        "详见附件，网址：https://example.com/report",
    ],
)
def test_ordinary_endings_are_not_flagged(text):
    assert findings(text, "D001") == []


def test_one_finding_however_many_markers():
    text = "会议指出，要抓好落实。规模较大的小区业主委员\n\n展开阅读全文\n阅读全文\n"
    assert len(_diagnostics(text)) == 1


PARAGRAPHS = (
    "社区是城市的基本单元，社区治理关系到千家万户的切身利益。\n\n"
    "物业管理是社区治理的重要内容，关系到居民的日常生活。\n\n"
    "党建引领是社区治理的关键环节，要把党组织建在小区里。\n\n"
)


def test_a_keyword_line_is_a_field_not_a_cut_sentence():
    assert findings(PARAGRAPHS + "关键词：社区治理；党建引领；物业管理；城市基层治理", "D001") == []
    assert findings(PARAGRAPHS + "来源：市委组织部，责任编辑张三，2022年7月4日发布", "D001") == []
    # the same words as a sentence in the body are cut
    assert findings(PARAGRAPHS + "我们要抓好社区治理、党建引领、物业管理和城市基层治理", "D001") == [
        "物业管理和城市基层治理"
    ]


def test_a_phone_number_at_the_end():
    assert findings(PARAGRAPHS + "投资人如有疑问，可以咨询本基金管理人，咨询电话：021-38568888", "D001") == []


def test_a_forum_answer_on_one_line_may_end_without_a_full_stop():
    answer = "这部片子我看了三遍。" * 4 + "剧情很紧凑，演员也很用心。" * 12 + "我更认同番茄那边的评分"
    assert findings(answer, "D001") == []
    assert findings("\n\n" + answer, "D001") == []
    # the same paragraph after a title line is a long paragraph cut off
    assert findings("影评\n" + answer, "D001") == ["我更认同番茄那边的评分"]


def test_a_paywall_notice_ends_the_preview():
    text = "他推开门，看见屋里坐着一个人。目前，该付费内容的完整版仅支持在 App 中查看"
    [finding] = _diagnostics(text)
    assert text[finding.start : finding.end] == "该付费内容的完整版仅支持在 App 中查看"
    assert "only a preview was kept" in finding.message


#: Site furniture as one case-blind pattern, as D001 first looked for it.
_ONE_CHROME_PATTERN = regex.compile(
    r"版权所有|版權所有|ICP备|ICP證|公网安备|公網安備|免责声明|侵权|推荐访问|推薦訪問|当前位置|當前位置"
    r"|相关(?:资源|搜索|推荐|文章|阅读|文档)|上一篇|下一篇|责任编辑|本文链接|转载请注明|Copyright|©",
    regex.I,
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ICP", "icp", "İCP", "備", "备", "證", "Copy", "COPY", "right", "RİGHT", "©", "版权", "所有"])
        | st.text(alphabet="IiCcPpyrghtİı相关文章上一篇 ", max_size=3),
        max_size=8,
    ).map("".join)
)
def test_chrome_is_what_one_case_blind_pattern_finds(line):
    assert _is_chrome(line) == (_ONE_CHROME_PATTERN.search(line) is not None)
