"""D004: a document that is mostly short chrome lines, few of them sentences (FineWeb's line-punctuation filter)."""

from __future__ import annotations

from wenlint import Example
from wenlint_rules.document.signal_rule import Check, SignalRule, check_options, defaults

CHECKS = (
    Check("line_punct_ratio", "min", 0.106, "FineWeb-2 cmn_Hani"),
    Check("short_line_ratio", "max", 0, "FineWeb-2, which turns it off; FineWeb: 0.67"),
)


class BoilerplateDocument(SignalRule):
    code = "D004"
    name = "boilerplate-document"
    summary = "The document is mostly menus, labels and other page chrome: hardly a line ends a sentence"
    why = """
        A page whose text extraction kept the navigation, buttons and link
        lists but little or no prose gives a document of short lines that
        never end a sentence. FineWeb and FineWeb-2 drop a document when too
        few of its lines end in terminal punctuation.
    """
    flags = """
        A document in which fewer than 10.6 % of the lines with text end in
        a sentence terminal (`。！？.!?` and the rest of datatrove's terminal
        punctuation: `line_punct_ratio`, FineWeb-2's threshold for Mandarin).
        Option `max_short_line_ratio` (off by default; FineWeb uses 0.67)
        also flags documents whose lines are mostly 30 characters or fewer.
    """
    leaves_alone = """
        Prose, whose paragraphs end in `。`; documents where at least one
        line in ten ends a sentence, such as a list of items under a few
        paragraphs of text.
    """
    fix_safety = "No fix: what is missing is the text itself."
    preview = True  # see bench/judged/README.md: not judged on real text yet
    checks = CHECKS
    presets = {"fineweb2-cmn": defaults(CHECKS)}
    options = check_options(CHECKS)
    verdict = "mostly page chrome"
    bad = (Example("首页\n新闻中心\n产品展示\n联系我们\n关于我们\n在线留言\n网站地图\n友情链接\n版权所有 © 2023\n"),)
    good = (
        Example("首页 > 新闻中心\n会议于昨日召开。与会代表就社区治理问题深入交流。\n下一篇\n"),
        Example("一、总则\n二、组织机构\n三、工作职责\n本办法自发布之日起施行。\n"),
    )
