"""S006 licence-footer."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "很高兴,再次能够和大家共同学习探讨社区党建工作。"


def test_seed_004_footer():
    assert findings(seed("004").read_text(encoding="utf-8"), "S006") == [
        "电脑版\xa0|金锄头文库版权所有",
        "经营许可证:蜀ICP备13022795号\xa0|\xa0川公网安备\xa051140202000112号",
    ]


def test_fix_deletes_the_footer():
    text = (
        f"{BODY}\n\n电脑版\xa0|金锄头文库版权所有\n经营许可证:蜀ICP备13022795号\xa0|\xa0川公网安备\xa051140202000112号"
    )
    assert fixed(text, "S006") == BODY


def test_footer_forms():
    for line in (
        "Copyright © 2008-2022 范文网 All Rights Reserved",
        "京ICP证030173号",
        "©2022 某某文库",
        "增值电信业务经营许可证:川B2-20120012",
        "版權所有,翻印必究",
    ):
        assert findings(f"{BODY}\n\n{line}", "S006") == [line], line


def test_numbers_in_the_body_have_an_unsafe_fix():
    text = f"{BODY}\n京ICP备12345678号-1\n{BODY}"
    assert findings(text, "S006") == ["京ICP备12345678号-1"]
    assert fixed(text, "S006") == text
    assert fixed(text, "S006", unsafe=True) == f"{BODY}\n{BODY}"
    assert findings(f"{BODY}\n金锄头文库版权所有\n{BODY}", "S006") == []


def test_mentions_are_left_alone():
    for text in (
        "我们的版权所有人已经同意授权,这部作品可以在社区图书馆免费借阅。",
        f"{BODY}\n\n我们的版权所有人",
        f"版权所有者\n\n{BODY}",
        "网站备案是指向主管部门申请ICP备案,备案成功后会得到一个备案号,要放在网站底部。",
        "出版说明\n\n本书版权所有,侵权必究。本书的出版得到了社区各界的大力支持,在此一并致谢。",
        f"{BODY}\n\n| :copyright: | `:copyright:` |",
    ):
        assert findings(text, "S006") == [], text


def test_number_after_prose_on_the_same_line_is_cut_out():
    for tail in (" 京ICP备12345678号-1", "备案号：沪ICP备2021000123号", " | 京公网安备 11010502000001号"):
        text = f"{BODY}{BODY}{tail}"
        assert findings(text, "S006") == [tail.lstrip(" |")], tail
        assert fixed(text, "S006") == text
        assert fixed(text, "S006", unsafe=True) == f"{BODY}{BODY}"
    long_footer = "关于我们 | 联系我们 | 广告服务 | " * 6 + "粤ICP备12345678号"
    assert findings(f"{BODY}\n{long_footer}", "S006") == ["粤ICP备12345678号"]
    assert fixed(f"{BODY}\n{long_footer}", "S006").endswith("广告服务")
