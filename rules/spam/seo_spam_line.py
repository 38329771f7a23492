"""S001: a line of SEO keywords, as in `日韩有码亚洲专区|国产探花在线播放|…`."""

from __future__ import annotations

from wenlint import Document, Example
from wenlint.kinds.line import Candidate
from wenlint_rules.spam.keyword_lines import seo_line_phrases
from wenlint_rules.spam.patterns import SpamLineRule, extra_patterns_option


class SeoSpamLine(SpamLineRule):
    code = "S001"
    name = "seo-spam-line"
    summary = "A line of SEO keywords for adult, gambling or pirate-streaming sites"
    flags = """
        A line of at least three short keywords (16 characters or fewer each)
        with no clause punctuation, in any zone, where at least 60% of the
        keywords hold spam vocabulary and at least two distinct strong phrases
        occur (pack `data/spam_seo.txt`: adult, gambling and pirate-streaming
        phrases, matched in Simplified and Traditional). Option
        `extra-patterns`: more strong phrases.
    """
    why = """
        Hacked and spam-farmed pages carry a line of short keywords joined by
        `|`, `丨`, `/` or spaces, written for search engines:
        `日韩有码亚洲专区|国产探花在线播放|…|人人人人人超碰在线`. It is never
        part of the document.
    """
    leaves_alone = """
        The vocabulary is phrase-level: a bare `成人`, `澳门`, `开云` or `视频`
        never counts as strong, so `成人教育`, `澳门回归` and the name `毛开云`
        are left alone, and so is any prose sentence, a list of ordinary
        keywords, and a site menu with one such phrase.
    """
    fix_safety = """
        The fix deletes the line. It is safe in the head or tail of the
        document (see the zone view) and unsafe in the body.
    """
    pack = "seo"
    anchors = ("strong",)
    browse = frozenset()
    extra_anchors = True
    options = {"extra-patterns": extra_patterns_option("strong spam phrases")}
    bad = (
        Example(
            "日韩有码亚洲专区|国产探花在线播放|不卡 二区 视频|东京热av网一区|人人人人人超碰在线\n\n"
            "社区发展工作大会讲话\n\n今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
            fixed="社区发展工作大会讲话\n\n今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
        ),
        Example(
            "社区建设工作总结\n\n今年以来,我们扎实推进社区建设工作,取得了明显成效。\n\n"
            "澳门新葡京|百家乐真人娱乐|时时彩 六合彩|网上赌场",
            fixed="社区建设工作总结\n\n今年以来,我们扎实推进社区建设工作,取得了明显成效。",
        ),
        Example(
            "亞洲無碼專區|國產精品在線播放|日韓有碼 免費觀看\n\n今天的大會,是市政府就加快社區建設專門召開的一次重要會議。",
            fixed="今天的大會,是市政府就加快社區建設專門召開的一次重要會議。",
        ),
        Example(
            "快乐体育|快乐体育注册|快乐体育官网\n\n今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。",
            options={"extra-patterns": ["快乐体育注册", "快乐体育官网"]},
        ),
    )
    good = (
        Example("成人教育|继续教育|高等教育|职业教育"),
        Example("他在澳门工作了三年,回到内地后和毛开云一起开办了一家视频公司。"),
        Example("首页|新闻|在线观看|排行榜|专题|联系我们"),
        Example("作者:张三|毛开云|李四"),
        Example("加勒比海|地中海|波罗的海"),
        Example("我们要严厉打击网上赌场、百家乐等非法赌博活动,净化网络环境,保护青少年。"),
        Example("状元 榜眼 探花"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | None:
        strong = seo_line_phrases(doc, line, line.hits)
        if not strong:
            return None
        shown = "`, `".join(sorted(strong)[:3])
        return f"SEO spam line (`{shown}`, …)"
