"""S003: a document-sharing site's promo or disclaimer, as in `下面是小编为大家整理的…`."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, FixAvailability
from wenlint_rules.spam.patterns import Hit, SpamRule, extra_patterns_option, pack, scan

#: `请在金锄头文库上搜索`: a search invitation naming a site.
_SEARCH_SITE = regex.compile(r"请在\S{1,12}(?:文库|网)上搜索")


class SitePromo(SpamRule):
    code = "S003"
    name = "site-promo"
    summary = "A site's promo or disclaimer about the document"
    flags = """
        Essay and document-sharing sites wrap each document in sentences
        about it: `本站为你精心整理了…范文,希望能为你的创作提供参考价值`,
        `下面是小编为大家整理的…,供大家参考。`, `…来源于网友上传,不代表本站
        观点,若需要原创文章可咨询客服老师`, `《…》由会员分享,可在线阅读,
        更多相关《…》请在金锄头文库上搜索。` They are the site talking, not
        the author.

        Flagged: a line holding a strong promo phrase (pack
        `data/spam_promo.txt`, both scripts; or a search invitation naming a
        site, `请在…文库上搜索`). In the head or tail of the document one
        strong phrase is enough and the fix, deleting the line, is safe. In
        the body the line needs a strong phrase and one more promo phrase,
        and the fix is unsafe. Left alone: prose that merely mentions such
        words (`网友投稿的文章`, `下面我讲几点意见,供大家参考。`, `请在网上搜索`).
        Option `extra-patterns`: more strong phrases.
    """
    fix = FixAvailability.SOMETIMES
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

    def check(self, doc: Document) -> list[Diagnostic]:
        if not doc.has_han:
            return []
        found = scan(doc)
        strong = found.lines_with("promo:strong")
        for index in found.lines_with("promo:search"):
            line_start, _ = found.line_span(index)
            for match in _SEARCH_SITE.finditer(found.line(index)):
                strong.setdefault(index, []).append(Hit(line_start + match.start(), line_start + match.end(), match[0]))
        for hit in found.extra_hits(self.extra):
            strong.setdefault(found.line_index(hit.start), []).append(hit)
        if not strong:
            return []
        weak = pack("promo")["weak"]
        zones = doc.zones
        results = []
        for index in sorted(strong):
            if self.is_verbatim_line(doc, index):
                continue
            phrases = {hit.phrase for hit in strong[index]}
            extra = {hit.phrase for hit in found.find_in_line(index, weak) if not hit.inside(strong[index])}
            if zones.is_edge(index) or len(phrases) + len(extra) >= 2:
                shown = "`, `".join(sorted(phrases)[:2])
                results.append(self.line_finding(doc, index, f"site promo (`{shown}`); delete the line"))
        return results
