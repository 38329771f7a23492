"""S003: a document-sharing site's promo or disclaimer, as in `下面是小编为大家整理的…`."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Fix
from wenlint.kinds.line import Candidate
from wenlint.textclass import is_prose
from wenlint_rules.spam.patterns import Hit, SpamLineRule, extra_patterns_option, scan

#: `请在金锄头文库上搜索`: a search invitation naming a site.
_SEARCH_SITE = regex.compile(r"请在\S{1,12}(?:文库|网)上搜索")
_SENTENCE_END = "。！？!?"
#: Quotation marks: a phrase after an open one is quoted, not said.
_QUOTE_OPENERS = '“「『"‘'


class SitePromo(SpamLineRule):
    code = "S003"
    name = "site-promo"
    summary = "A site's promo or disclaimer about the document"
    flags = """
        A line holding a strong promo phrase (pack `data/spam_promo.txt`, both
        scripts; or a search invitation naming a site, `请在…文库上搜索`). In
        the head or tail of the document one strong phrase is enough; in the
        body the line needs a strong phrase and one more promo phrase, or one
        disclaimer (`本站部分内容来自网络，如有侵权请联系删除`, a blog's
        `版权声明：本文为博主原创文章…`, a reprint notice `转载声明：`, a security
        article's `由于传播、利用此文所提供的信息而造成的…`). In a body line
        that has prose besides, only the sentences holding the phrases are
        flagged. Option `extra-patterns`: more strong phrases.
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
        `下面我讲几点意见,供大家参考。`, `请在网上搜索`), and a phrase quoted in
        the body (`网站常写着“如有侵权请联系删除”`).
    """
    fix_safety = """
        The fix deletes the line (in a body line with other prose, the
        sentences): safe in the head or tail of the document, unsafe in the
        body.
    """
    pack = "promo"
    anchors = ("strong", "search", "disclaimer")
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
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n"
            "版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。本站部分内容来自网络，如有侵权请联系删除。"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
        ),
    )
    good = (
        Example("很多网站的页脚写着“如有侵权请联系删除”,但这句话并不能让网站免责。"),
        Example("版权声明是出版物的重要组成部分，不能随意删改。"),
        Example("我读过一篇网友投稿的文章,写的是社区志愿者的故事,很感人。"),
        Example("下面我讲几点意见,供大家参考。"),
        Example("不懂的词语,请在网上搜索一下,再来回答这个问题。"),
        Example("会议材料仅供参考,欢迎大家提出意见。"),
        Example("这些照片来源于网友上传,记者核实后确认属实。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | Diagnostic | None:
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
        shown = "`, `".join(sorted(phrases)[:2])
        if line.edge:
            return f"site promo (`{shown}`)"
        disclaimer = any(hit.tag == self.tag("disclaimer") for hit in strong)
        if len(phrases) + len(extra) < 2 and not disclaimer:
            return None
        first = min(hit.start for hit in strong) - line.start
        start, end = _sentences(line.text, first, max(hit.end for hit in strong) - line.start)
        if any(quote in line.text[start:first] for quote in _QUOTE_OPENERS):
            return None
        if not is_prose(line.text[:start] + line.text[end:]):
            return f"site promo (`{shown}`)"
        fix = Fix.replace(line.start + start, line.start + end, "", safe=False, message="delete the sentence")
        return self.diagnostic(line.start + start, line.start + end, f"site promo (`{shown}`) in the text", fix)


def _sentences(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentences of ``text`` that hold ``start:end``."""
    before = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END)
    after = [found for mark in _SENTENCE_END if (found := text.find(mark, end)) != -1]
    return before + 1, min(after) + 1 if after else len(text)
