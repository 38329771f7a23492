"""S001 seo-spam-line."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。"


def test_seed_001_spam_line():
    text = seed("001").read_text(encoding="utf-8")
    line = text.split("\n")[0]
    assert findings(text, "S001") == [line]
    assert fixed(text, "S001").startswith("首頁 > 文章中心 > 正文\n")


def test_spam_line_in_the_body_has_an_unsafe_fix():
    spam = "澳门新葡京|百家乐真人娱乐|时时彩 六合彩|网上赌场"
    text = f"{BODY}\n\n{spam}\n\n{BODY}"
    assert findings(text, "S001") == [spam]
    assert fixed(text, "S001") == text
    assert fixed(text, "S001", unsafe=True) == f"{BODY}\n\n{BODY}"


def test_traditional_and_slash_separated():
    assert findings(f"亞洲無碼專區/國產精品在線播放/日韓有碼 免費觀看\n{BODY}", "S001") == [
        "亞洲無碼專區/國產精品在線播放/日韓有碼 免費觀看"
    ]


def test_keyword_lists_without_spam_vocabulary_are_left_alone():
    for line in (
        "成人教育|继续教育|高等教育|职业教育",
        "首页|新闻|在线观看|排行榜|专题|联系我们",  # two strong phrases would be needed
        "作者:张三|毛开云|李四",
        "加勒比海|地中海|波罗的海",
        "状元 榜眼 探花",
        "国产电影|欧美电影|日韩电影|华语电影",  # vocabulary, but no strong phrase
    ):
        assert findings(f"{line}\n\n{BODY}", "S001") == [], line


def test_spam_words_in_prose_are_left_alone():
    text = "我们要严厉打击网上赌场、百家乐、六合彩等非法赌博活动,坚决清理超碰之类的色情网站,净化网络环境。"
    assert findings(text, "S001") == []
    assert findings(f"标题\n\n{text}", "S001") == []


def test_extra_patterns():
    text = f"快乐体育|快乐体育注册|快乐体育官网\n\n{BODY}"
    assert findings(text, "S001") == []
    assert findings(text, "S001", **{"extra-patterns": ["快樂體育註冊", "快乐体育官网"]}) == [
        "快乐体育|快乐体育注册|快乐体育官网"
    ]
