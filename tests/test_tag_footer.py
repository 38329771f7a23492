"""S007 tag-footer."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。"


def test_seed_003_tag_line():
    text = seed("003").read_text(encoding="utf-8")
    last = text.split("\n")[-1]
    assert last.startswith("推荐访问:会上 观摩 党建")
    assert findings(text, "S007") == [last]
    assert fixed(text, "S007").endswith("向党中央、省委和全市人民交上一份满意答卷。")


def test_labels_at_the_edges():
    for line in (
        "標籤:社區治理,黨建,講話稿",
        "相关搜索：党建 讲话",
        "Tags: 党建, 讲话",
        "延伸阅读:党建讲话稿 社区工作总结",
    ):
        text = f"{BODY}\n\n{line}\n"
        assert findings(text, "S007") == [line], line
        assert fixed(text, "S007") == f"{BODY}\n"


def test_in_the_body_only_strong_labels_with_an_unsafe_fix():
    text = f"{BODY}\n推荐访问:党建 讲话\n{BODY}"
    assert findings(text, "S007") == ["推荐访问:党建 讲话"]
    assert fixed(text, "S007") == text
    assert fixed(text, "S007", unsafe=True) == f"{BODY}\n{BODY}"
    assert findings(f"{BODY}\n标签:党建 讲话\n{BODY}", "S007") == []


def test_keywords_and_sentences_are_left_alone():
    for text in (
        f"摘要:本文研究社区治理。\n关键词:社区治理;党建引领;基层治理\n\n{BODY}",
        "他在报告里写道:相关搜索结果显示,居民最关心的是物业问题。",
        f"{BODY}\n\n标签:这是给每件物品贴上的小卡片。",
    ):
        assert findings(text, "S007") == [], text


def test_extra_patterns():
    text = f"{BODY}\n\n更多阅读:党建 讲话"
    assert findings(text, "S007") == []
    assert findings(text, "S007", **{"extra-patterns": ["更多阅读"]}) == ["更多阅读:党建 讲话"]


def test_keyword_footers():
    body = "同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。"
    for line in ("本文关键词：党建，社区治理，讲话", "文章關鍵詞:黨建 社區"):
        assert findings(f"{body}\n{line}\n{body}", "S007") == [line], line
    assert fixed(f"{body}\n\n关键词：党建,社区治理,讲话稿", "S007") == body
    paper = "社区治理研究\n摘要:本文研究社区治理,提出了三点建议。\n"
    assert findings(f"{paper}关键词:社区治理;党建", "S007") == []
    assert findings(f"内容提要:本文研究社区治理。\n{body}\n关键词:社区治理", "S007") == []
    assert findings(f"Abstract: community governance.\n{body}\n关键词:社区治理", "S007") == []
    assert findings(f"{body}\n关键词：党建,社区治理\n{body}", "S007") == []
    assert findings(f"關鍵詞：黨建,社區治理\n{body}", "S007") == ["關鍵詞：黨建,社區治理"]
    assert findings(f"关键词：党建,社区治理\n摘要:本文研究社区治理,提出了三点建议。\n{body}", "S007") == []
