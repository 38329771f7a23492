"""S003 site-promo."""

from __future__ import annotations

import pytest
from conftest import findings, seed
from test_spam_family import fixed

BODY = "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。"


@pytest.mark.parametrize(
    ("prefix", "start"),
    [
        ("001", "前言:本站為你精心整理了社區(qū)發(fā)展工作大會講話范文"),
        ("002", "導語:社區構建問題報告一文來源于網友上傳,不代表本站觀點"),
        ("003", "下面是小编为大家整理的在党建引领社区治理体系建设观摩推进会上讲话(2022年),供大家参考。"),
        ("004", "《全市街道社区党组织书记培训班辅导讲义》由会员分享,可在线阅读"),
    ],
)
def test_seed_promos(prefix, start):
    text = seed(prefix).read_text(encoding="utf-8")
    line = next(line for line in text.split("\n") if line.startswith(start))
    assert findings(text, "S003") == [line]
    assert line not in fixed(text, "S003")


def test_fix_keeps_the_title_and_body():
    text = f"社区工作讲话稿\n\n下面是小编为大家整理的社区工作讲话稿,供大家参考。\n\n{BODY}"
    assert fixed(text, "S003") == f"社区工作讲话稿\n\n{BODY}"


def test_in_the_body_two_phrases_and_an_unsafe_fix():
    promo = "本文来源于网友上传,不代表本站观点。"
    text = f"{BODY}\n\n{promo}\n\n{BODY}"
    assert findings(text, "S003") == [promo]
    assert fixed(text, "S003") == text
    assert fixed(text, "S003", unsafe=True) == f"{BODY}\n\n{BODY}"


def test_one_phrase_in_the_body_is_not_enough():
    for sentence in (
        "这些照片来源于网友上传,记者核实后确认属实。",
        "本报讯:转载请注明出处,这是编辑部的一贯要求和做法。",
    ):
        assert findings(f"{BODY}\n\n{sentence}\n\n{BODY}", "S003") == [], sentence


def test_mentions_are_left_alone():
    for text in (
        "我读过一篇网友投稿的文章,写的是社区志愿者的故事,很感人。",
        "下面我讲几点意见,供大家参考。",
        "不懂的词语,请在网上搜索一下,再来回答这个问题。",
        "会议材料仅供参考,欢迎大家提出意见。",
    ):
        assert findings(text, "S003") == [], text
        assert findings(f"{BODY}\n\n{text}", "S003") == [], text


def test_search_invitation_needs_a_site_name():
    assert findings(f"{BODY}\n\n更多相关内容请在人人文库网上搜索", "S003") == ["更多相关内容请在人人文库网上搜索"]
    assert findings(f"{BODY}\n\n更多相关内容请在网上搜索", "S003") == []


def test_extra_patterns():
    text = f"{BODY}\n\n本文由某某网编辑整理"
    assert findings(text, "S003") == []
    assert findings(text, "S003", **{"extra-patterns": ["由某某网编辑整理"]}) == ["本文由某某网编辑整理"]


def test_one_disclaimer_in_the_body_is_enough():
    for line in (
        "本站部分内容来自网络，如有侵权请联系删除",
        "本站仅提供信息存储空间服务。",
        "文章内容不代表本站立场",
        "（本文来源于网络，如有侵权，请联系删除）",
        "本站文章均来自网络，如有侵权请告知，我们将及时删除。",
    ):
        text = f"{BODY}\n{line}\n{BODY}"
        assert findings(text, "S003") == [line], line
        assert fixed(text, "S003") == text
        assert fixed(text, "S003", unsafe=True) == f"{BODY}\n{BODY}"


def test_a_disclaimer_glued_to_prose_is_cut_out_as_a_sentence():
    disclaimer = "本站部分内容來自網絡，如有侵權請聯繫刪除。"
    text = f"{BODY}{disclaimer}{BODY}"
    assert findings(text, "S003") == [disclaimer]
    assert fixed(text, "S003") == text
    assert fixed(text, "S003", unsafe=True) == f"{BODY}{BODY}"
    assert findings(f"{BODY}以上内容来源于网友上传,不代表本站观点", "S003") == ["以上内容来源于网友上传,不代表本站观点"]


def test_a_quoted_disclaimer_is_a_mention():
    for sentence in (
        "很多网站的页脚写着“如有侵权请联系删除”,但这并不能免责。",
        "所谓「不代表本站观点」的声明,法律上作用有限。",
    ):
        assert findings(f"{BODY}{sentence}{BODY}", "S003") == [], sentence
