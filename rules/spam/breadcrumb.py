"""S002: a breadcrumb navigation line, as in `首頁 > 文章中心 > 正文`."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.kinds.line import Candidate
from wenlint.textclass import has_clause_punctuation
from wenlint_rules.spam.patterns import SpamLineRule

#: What separates the steps of a breadcrumb (a slash only with spaces around it,
#: since `商业/管理/HR` is one step).
_STEP_SEPARATOR = regex.compile(r"\s*(?:>>|[>＞»›→]|\s[/／]\s)\s*")
_LABEL = regex.compile(r"(?P<label>[^:：\s]{2,8})\s*[:：]\s*")
MAX_LENGTH = 100
MAX_STEP_LENGTH = 30


class Breadcrumb(SpamLineRule):
    code = "S002"
    name = "breadcrumb"
    summary = "A breadcrumb navigation line left from a web page"
    flags = """
        A line of two or more steps joined by `>`, `>>`, `＞`, `»`, `›`, `→`
        (or ` / ` with spaces), each step 30 characters or fewer, with no
        clause punctuation, that starts with a location label (`当前位置:`,
        `您的位置:`) or, in the head or tail of the document, with the home
        page (`首页`, `主页`, `home`). Words of both scripts match (`首頁`).
    """
    why = """
        Web pages show where a page sits in the site: `首頁 > 文章中心 > 正文`,
        `当前位置:首页 > 商业/管理/HR > 管理学资料`. Scraped with the page,
        the line is navigation, not text.
    """
    leaves_alone = """
        A step list in the body without a location label (`首页 > 设置 > 账号`
        in a manual) and any prose.
    """
    fix_safety = """
        The fix deletes the line: safe in the head or tail, unsafe in the body.
    """
    pack = "breadcrumb"
    anchors = ("label",)
    requires = (">", "＞", "»", "›", "→", "/", "／")
    bad = (
        Example(
            "社区发展工作大会讲话\n首頁 > 文章中心 > 正文\n\n今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
            fixed="社区发展工作大会讲话\n今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n\n当前位置:首页 > 商业/管理/HR > 管理学资料",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
        ),
        Example(
            "您的位置：首页 » 范文大全 » 讲话稿\n今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
        ),
    )
    good = (
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n首页 > 设置 > 账号安全\n"
            "点击后即可修改密码,整个过程不超过一分钟。"
        ),
        Example("打开首页 > 设置,就能看到这个选项,然后按提示操作即可完成。"),
        Example("收入增长率 > 支出增长率 > 物价涨幅"),
        Example("当前位置:北纬三十度,东经一百二十度。"),
        Example(
            "```\n首页 > 设置 > 账号安全\n```\n\n在设置页面里可以修改密码,整个过程不超过一分钟。", path="example.md"
        ),
    )

    def judge(self, doc: Document, line: Candidate) -> str | None:
        text = line.text
        if len(text) > MAX_LENGTH or has_clause_punctuation(text):
            return None
        label = _LABEL.match(text)
        has_label = label is not None and label["label"] in self.section("label")
        steps = _STEP_SEPARATOR.split(text[label.end() :] if has_label else text)
        if len(steps) < 2 or not all(0 < len(step) <= MAX_STEP_LENGTH for step in steps):
            return None
        if has_label or (line.edge and steps[0].lower() in self.section("home")):
            return "breadcrumb navigation line"
        return None
