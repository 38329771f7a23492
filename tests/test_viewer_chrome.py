"""S005 viewer-chrome."""

from __future__ import annotations

from conftest import findings, seed
from test_spam_family import fixed

BODY = "很高兴,再次能够和大家共同学习探讨社区党建工作。"


def test_seed_004_chrome():
    title = "全市街道社区党组织书记培训班辅导讲义"
    pages = [line for n in range(1, 6) for line in (f"{title}_第{n}页", f"第{n}页 / 共27页")]
    assert findings(seed("004").read_text(encoding="utf-8"), "S005") == [
        "返回 下载 相关 举报",
        *pages,
        "点击查看更多>>",
        "资源描述",
        "展开阅读全文",
        "相关资源",
        "相关搜索",
    ]


def test_fix_at_head_and_tail():
    text = f"讲义\n\n返回 下载 相关 举报\n讲义_第1页\n第1页 / 共27页\n\n{BODY}\n\n展开阅读全文\n相关资源\n电脑版\n"
    assert fixed(text, "S005") == f"讲义\n\n{BODY}\n"


def test_in_the_body_only_what_no_document_says():
    for line in ("展开阅读全文", "点击查看更多>>", "还剩25页未读,继续阅读"):
        text = f"{BODY}\n{line}\n{BODY}"
        assert findings(text, "S005") == [line], line
        assert fixed(text, "S005") == text
        assert fixed(text, "S005", unsafe=True) == f"{BODY}\n{BODY}"
    for line in ("相关资源", "资源描述", "第3页", "第3页 / 共27页", "返回 下载 收藏 举报", "电脑版"):
        assert findings(f"{BODY}\n{line}\n{BODY}", "S005") == [], line


def test_traditional_and_spacing():
    assert findings(f"{BODY}\n\n展開閱讀全文\n點擊 查看 更多 »", "S005") == ["展開閱讀全文", "點擊 查看 更多 »"]


def test_words_in_sentences_are_left_alone():
    assert findings("请点击下载按钮,然后返回首页查看相关内容,如有问题可以举报。", "S005") == []
    assert findings(f"他说:“返回。”\n\n{BODY}", "S005") == []


def test_extra_patterns():
    text = f"{BODY}\n\n下载APP阅读"
    assert findings(text, "S005") == []
    assert findings(text, "S005", **{"extra-patterns": ["下载app阅读"]}) == ["下载APP阅读"]


WECHAT_TAIL = "预览时标签不可点\n微信扫一扫\n关注该公众号\n继续滑动看下一个\n[知道了](javascript:;)\n：\n，\n，\n。\n视频\n小程序\n赞\n，轻点两下取消赞"


def test_a_saved_wechat_article_in_any_zone():
    """The viewer's dialogs, buttons and residue, with or without a body around them."""
    expected = [
        "预览时标签不可点",
        "关注该公众号",
        "继续滑动看下一个",
        "[知道了](javascript:;)",
        "：",
        "，",
        "，",
        "。",
    ]
    expected += ["，轻点两下取消赞"]
    assert findings(f"原创\n张三\n\n{BODY}\n\n{WECHAT_TAIL}", "S005") == ["原创", *expected]
    assert findings(WECHAT_TAIL, "S005") == expected


def test_punctuation_lines_need_a_run():
    assert findings(f"{BODY}\n，\n{BODY}\n。\n{BODY}", "S005") == []
    assert findings(f"{BODY}\n，\n。\n{BODY}", "S005") == []
    assert findings(f"{BODY}\n：\n，\n。\n{BODY}", "S005") == ["：", "，", "。"]


def test_a_run_of_any_of_the_marks_is_residue():
    """Semicolons and enumeration commas too; in the head two lines will do."""
    assert findings(f"{BODY}\n；\n、\n；\n{BODY}", "S005") == ["；", "、", "；"]
    assert findings(f"标题\n；\n、\n{BODY}", "S005") == ["；", "、"]


def test_wechat_words_in_sentences_are_left_alone():
    for text in (
        "他原创了一首歌。",
        "我知道了，明天一定按时到。",
        "复制代码之前，请先读一读许可证的要求。",
        "原创作品受法律保护。",
    ):
        assert findings(f"{BODY}\n{text}\n{BODY}", "S005") == [], text
