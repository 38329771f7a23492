"""S011 page-navigation."""

from __future__ import annotations

import pytest
from conftest import findings
from test_spam_family import fixed

BODY = "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。"
MORE = "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。"

CHROME = [
    "上一篇：社区工作总结",
    "下一篇：没有了",
    "上一篇: 社区工作总结　下一篇: 党建工作要点",
    "【上一篇】：社区工作总结",
    "上一篇文章：工作总结？",
    "[上一页] [1] [2] [3] [下一页]",
    "首页 上一页 1 2 3 ... 10 下一页 尾页",
    "上一页 1/5 下一页",
    "分享到：",
    "分享到：微信 朋友圈 微博 QQ空间",
    "分享至 | 微信 | 新浪微博 | 复制链接",
    "扫一扫，在手机上阅读",
    "微信扫一扫关注公众号",
    "扫描二维码 分享到朋友圈",
    "【打印】【关闭】",
    "[收藏本文] [打印本页] [关闭窗口]",
    "【字体：大 中 小】",
    "字号：大 中 小",
    "我要评论",
    "« 上一篇 下一篇 »",
    "下一页>>",
    "分享：",
    "【字体：大 中 小】 【打印】 【关闭】",
    "【我要纠错】 【打印本页】 【关闭窗口】",
    "[打印] [关闭]",
    "作文投稿 | 作文大全 | 网站地图",
    "关于我们 联系我们 广告服务 网站地图",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_line_in_the_body_is_flagged_unsafe(line):
    text = f"{BODY}\n{line}\n{MORE}"
    assert findings(text, "S011") == [line]
    assert fixed(text, "S011") == text
    assert fixed(text, "S011", unsafe=True) == f"{BODY}\n{MORE}"


@pytest.mark.parametrize(
    "line", [*CHROME, "相关阅读", "热门文章：", "友情链接", "首页 | 作文大全 | 网站地图", "微信公众号：某某发布"]
)
def test_chrome_line_in_the_tail_is_deleted_safely(line):
    assert fixed(f"{BODY}\n\n{line}\n", "S011") == f"{BODY}\n"


def test_traditional_script():
    text = f"{BODY}\n上一篇：社區工作總結 下一篇：黨建工作要點\n分享到：微信 微博\n"
    assert fixed(text, "S011") == f"{BODY}\n"


MENTIONS = [
    "上一篇论文中作者指出,社区治理需要多方参与。",
    "这次培训让我分享到了很多经验,收获很大。",
    "扫一扫二维码就能付款，非常方便。",
    "扫一扫",
    "扫码支付后即可打开柜门",
    "下一篇:我们将讨论资金来源。这是本系列的第三篇文章,欢迎继续关注。",
    "下一节：我们将学习如何使用组件。",
    "上一页的表格列出了1到3月的数据",
    "第1页",
    "相关阅读",
    "分享到：微信群里的消息很多",
    "打印",
    "首页 | 作文大全 | 网站地图",
    "微信公众号：某某发布",
    "关于我们，大家都有很多话要说",
    "公众号：关注社区动态，了解最新政策。",
]


@pytest.mark.parametrize("sentence", MENTIONS)
def test_mentions_in_the_body_are_left_alone(sentence):
    assert findings(f"{BODY}\n{sentence}\n{MORE}", "S011") == []


def test_a_lone_section_word_in_the_head_is_left_alone():
    assert findings(f"上篇\n\n{BODY}\n\n下篇\n\n{MORE}", "S011") == []
    assert findings(f"{BODY}\n\n打印\n", "S011") == []


def test_viewer_lines_are_left_to_s005():
    text = f"{BODY}\n\n分享到\n返回顶部\n上一页 下一页\n"
    assert findings(text, "S011") == []
    assert findings(text, "S005") == ["分享到", "返回顶部", "上一页 下一页"]


def test_extra_buttons_from_the_configuration():
    text = f"{BODY}\n我要投稿\n{MORE}"
    assert findings(text, "S011") == []
    assert findings(text, "S011", **{"extra-patterns": ["我要投稿"]}) == ["我要投稿"]
