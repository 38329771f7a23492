"""S004 post-metadata."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。"


def test_seed_metadata_lines():
    assert findings(seed("002").read_text(encoding="utf-8"), "S004") == ["時間:2022-09-21 03:23:00"]
    assert findings(seed("003").read_text(encoding="utf-8"), "S004") == ["时间:2022-07-04 11:15:02 来源:网友投稿"]
    assert findings(seed("004").read_text(encoding="utf-8"), "S004") == [
        "上传人:小** 文档编号:54424334 上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB"
    ]


def test_fix_deletes_the_line():
    text = f"讲话稿\n\n时间:2022-07-04 11:15:02 来源:网友投稿\n\n{BODY}"
    assert fixed(text, "S004") == f"讲话稿\n\n{BODY}"


def test_single_fields_at_the_edges():
    for line in ("发布时间：2022/09/21", "来源:网友投稿", "日期:2022-09-21 03:23", "作者:admin | 来源:网络"):
        assert findings(f"{line}\n\n{BODY}", "S004") == [line], line
    for line in ("时间:下午三点", "作者:张三", "来源:新华社", "时间:2022年3月1日 地点:三楼会议室"):
        assert findings(f"{line}\n\n{BODY}", "S004") == [], line


def test_in_the_body_only_upload_metadata_with_an_unsafe_fix():
    upload = "上传人:小王 文档编号:54424334 页数:27"
    text = f"{BODY}\n{upload}\n{BODY}"
    assert findings(text, "S004") == [upload]
    assert fixed(text, "S004") == text
    assert fixed(text, "S004", unsafe=True) == f"{BODY}\n{BODY}"
    assert findings(f"{BODY}\n时间:2022-09-21 03:23:00 来源:网友投稿\n{BODY}", "S004") == []


def test_fields_in_sentences_are_left_alone():
    for text in (
        "会议安排如下。时间:下午三点,地点:三楼会议室,请准时参加。",
        "文件格式:DOC和PDF都可以,页数:不限,我们都会认真审阅每一份材料。",
        f"{BODY}\n\n时间:下午三点",
    ):
        assert findings(text, "S004") == [], text


COUNTERS = [
    "阅读(1234)",
    "阅读（1234） 评论（5） 点赞（12）",
    "浏览次数：3562",
    "发布时间：2022-09-21 点击：45次",
    "作者：admin 阅读：1.2万",
    "责任编辑：张三",
    "【責任編輯：張三】",
    "(责编:李四)",
    "文章来源：某某新闻网",
    "信息来源：区政府办公室",
    "编辑：李华 | 审核：张强 | 浏览量：321",
]


def test_counters_credits_and_sources_in_any_zone():
    for line in COUNTERS:
        text = f"{BODY}\n{line}\n{BODY}"
        assert findings(text, "S004") == [line], line
        assert fixed(text, "S004") == text
        assert fixed(text, "S004", unsafe=True) == f"{BODY}\n{BODY}"
        assert fixed(f"{BODY}\n\n{line}", "S004") == BODY


def test_entry_and_editor_credits_at_the_edges():
    line = "文章录入：admin　责任编辑：admin"
    assert fixed(f"{BODY}\n\n{line}", "S004") == BODY


def test_counter_words_in_sentences_are_left_alone():
    for line in (
        "阅读：（20分）",
        "阅读(每天两小时)是他的习惯",
        "来源：国家统计局",
        "编辑：张三",
        "点击：确定按钮后返回",
        "他的文章阅读(1234)次,评论很多。",
        "责任编辑：负责审核稿件的编辑，要对稿件的政治性和准确性把关",
    ):
        assert findings(f"{BODY}\n{line}\n{BODY}", "S004") == [], line


def test_bare_counters_at_the_edges_only():
    for line in ("阅读 1234", "1234人已阅读", "浏览3.2万次"):
        assert fixed(f"{BODY}\n\n{line}", "S004") == BODY, line
        assert findings(f"{BODY}\n{line}\n{BODY}", "S004") == [], line
    assert findings(f"{BODY}\n\n阅读1234本书", "S004") == []


def test_credits_naming_an_address_or_outlets():
    for line in (
        "原文链接：https://blog.csdn.net/eson_15/article/details/51668523",
        "资讯来源：新华网、人民网、央视新闻、中新网",
    ):
        assert findings(f"{BODY}\n{line}\n{BODY}", "S004") == [line], line
    assert findings(f"{BODY}\n来源：新华网、人民网\n{BODY}", "S004") == []


def test_empty_source_field_is_the_span():
    text = f"{BODY} ｜来源：\n| 来源：\n{BODY}"
    assert findings(text, "S004") == ["｜来源：", "| 来源："]
    assert fixed(text, "S004", unsafe=True) == f"{BODY} \n\n{BODY}"
    assert findings(f"{BODY}\n来源：\n新华社\n{BODY}", "S004") == []


def test_byline_with_a_timestamp_at_the_edges():
    line = "冷漠安全  冷漠安全   2024-10-24 22:33"
    assert findings(f"标题\n{line}\n\n{BODY}", "S004") == [line]
    assert findings(f"{BODY}\n{line}\n{BODY}", "S004") == []
