"""S002 breadcrumb."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。"


def test_seed_breadcrumbs():
    assert findings(seed("001").read_text(encoding="utf-8"), "S002") == ["首頁 > 文章中心 > 正文"]
    assert findings(seed("004").read_text(encoding="utf-8"), "S002") == ["当前位置:首页 > 商业/管理/HR > 管理学资料"]


def test_fix_deletes_the_line_and_its_blank_lines():
    text = f"社区发展工作大会讲话\n\n首頁 > 文章中心 > 正文\n\n{BODY}"
    assert fixed(text, "S002") == f"社区发展工作大会讲话\n\n{BODY}"


def test_other_separators_and_labels():
    for line in (
        "您的位置：首页 » 范文大全 » 讲话稿",
        "主页 > 讲话稿",
        "Home › 范文 › 讲话",
        "当前位置:范文大全 > 讲话稿",
    ):
        assert findings(f"{line}\n{BODY}", "S002") == [line], line


def test_in_the_body_only_with_a_location_label_and_unsafe():
    labelled = "当前位置:首页 > 讲话稿 > 正文"
    text = f"{BODY}\n{labelled}\n{BODY}"
    assert findings(text, "S002") == [labelled]
    assert fixed(text, "S002") == text
    assert fixed(text, "S002", unsafe=True) == f"{BODY}\n{BODY}"
    assert findings(f"{BODY}\n首页 > 设置 > 账号安全\n{BODY}", "S002") == []


def test_prose_and_comparisons_are_left_alone():
    for text in (
        "打开首页 > 设置,就能看到这个选项,然后按提示操作即可完成。",
        f"收入增长率 > 支出增长率 > 物价涨幅\n\n{BODY}",
        "当前位置:北纬三十度,东经一百二十度。",
        f"首页 > {'很长的一段文字' * 6}\n\n{BODY}",
    ):
        assert findings(text, "S002") == [], text
