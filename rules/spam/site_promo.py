"""S003: a document-sharing site's promo or disclaimer, as in `下面是小编为大家整理的…`."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.kinds.line import Candidate
from wenlint_rules.spam.patterns import Hit, SpamLineRule, extra_patterns_option, scan

#: `请在金锄头文库上搜索`: a search invitation naming a site.
_SEARCH_SITE = regex.compile(r"请在\S{1,12}(?:文库|网)上搜索")


class SitePromo(SpamLineRule):
    code = "S003"
    name = "site-promo"
    summary = "A site's promo or disclaimer about the document"
    flags = """
        A line holding a strong promo phrase (pack `data/spam_promo.txt`, both
        scripts; or a search invitation naming a site, `请在…文库上搜索`). In
        the head or tail of the document one strong phrase is enough; in the
        body the line needs a strong phrase and one more promo phrase. Option
        `extra-patterns`: more strong phrases.
    """
    why = """
        Essay and document-sharing sites wrap each document in sentences
        about it: `本站为你精心整理了…范文,希望能为你的创作提供参考价值`,
        `下面是小编为大家整理的…,供大家参考。`, `…来源于网友上传,不代表本站
        观点,若需要原创文章可咨询客服老师`, `《…》由会员分享,可在线阅读,
        更多相关《…》请在金锄头文库上搜索。` They are the site talking, not
        the author.
    """
    leaves_alone = """
        Prose that merely mentions such words (`网友投稿的文章`,
        `下面我讲几点意见,供大家参考。`, `请在网上搜索`).
    """
    fix_safety = """
        The fix deletes the line: safe in the head or tail of the document,
        unsafe in the body.
    """
    pack = "promo"
    anchors = ("strong", "search")
    browse = frozenset()
    extra_anchors = True
    options = {"extra-patterns": extra_patterns_option("strong promo phrases")}
    bad = (
        Example(
            "在党建引领社区治理体系建设观摩推进会上讲话\n\n"
            "下面是小编为大家整理的在党建引领社区治理体系建设观摩推进会上讲话,供大家参考。\n\n"
            "在全市上下深入学习贯彻党的十九届五中全会精神的重要时刻,市委决定召开这次会议。",
            fixed="在党建引领社区治理体系建设观摩推进会上讲话\n\n"
            "在全市上下深入学习贯彻党的十九届五中全会精神的重要时刻,市委决定召开这次会议。",
        ),
        Example(
            "社區構建問題報告\n\n導語:社區構建問題報告一文來源于網友上傳,不代表本站觀點,若需要原創文章可咨詢客服老師,歡迎參考。\n\n"
            "社區是城市社會的基本構成單元,也是構建社會主義和諧社會的重要基石。",
            fixed="社區構建問題報告\n\n社區是城市社會的基本構成單元,也是構建社會主義和諧社會的重要基石。",
        ),
        Example(
            "辅导讲义\n\n《辅导讲义》由会员分享,可在线阅读,更多相关《辅导讲义(27页珍藏版)》请在金锄头文库上搜索。\n\n"
            "1、很高兴,再次能够和大家共同学习探讨社区党建工作。",
            fixed="辅导讲义\n\n1、很高兴,再次能够和大家共同学习探讨社区党建工作。",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n\n"
            "本文来源于网友上传,不代表本站观点。\n\n会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
        ),
    )
    good = (
        Example("我读过一篇网友投稿的文章,写的是社区志愿者的故事,很感人。"),
        Example("下面我讲几点意见,供大家参考。"),
        Example("不懂的词语,请在网上搜索一下,再来回答这个问题。"),
        Example("会议材料仅供参考,欢迎大家提出意见。"),
        Example("这些照片来源于网友上传,记者核实后确认属实。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | None:
        strong = [hit for hit in line.hits if hit.tag != self.tag("search")]
        if len(strong) < len(line.hits):
            strong += (
                Hit(line.start + m.start(), line.start + m.end(), m[0]) for m in _SEARCH_SITE.finditer(line.text)
            )
        if not strong:
            return None
        phrases = {hit.phrase for hit in strong}
        weak = scan(doc).find_in_line(line.index, self.section("weak"))
        extra = {hit.phrase for hit in weak if not hit.inside(strong)}
        if not line.edge and len(phrases) + len(extra) < 2:
            return None
        shown = "`, `".join(sorted(phrases)[:2])
        return f"site promo (`{shown}`)"
