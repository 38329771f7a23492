"""S011: navigation, sharing and print chrome of a web page, as in `上一篇：… 下一篇：…`."""

from __future__ import annotations

from functools import cache, cached_property

import regex

from wenlint import Document, Example
from wenlint.kinds.line import Candidate
from wenlint.textclass import SENTENCE_END, has_clause_punctuation
from wenlint_rules.spam.patterns import SpamLineRule, extra_patterns_option, pack, plain

#: What separates the buttons of a row: blanks, brackets, bars, dots.
_TOKEN_SEPARATOR = regex.compile(r"[\s\[\]【】()（）<>《》〈〉«»‹›|｜·•/／、,，:：]+")
#: A page number or counter of a pager: `2`, `…`, `共5页`, `第2页`, `2/5`.
_PAGE_TOKEN = regex.compile(r"\d{1,4}|\.{2,}|…+|共\d+页|第\d+页|\d+/\d+")
#: `上一篇：…`: a previous/next label, perhaps bracketed, then a colon.
_PREV_NEXT = regex.compile(r"[\[【(（<«‹\s]*(?P<label>\p{Han}{2,5})\s*[\]】)）>»›]*\s*[:：]")
#: `分享到：…`: a share label, then perhaps a colon.
_SHARE = regex.compile(r"(?P<label>分享到|分享至|一键分享|分享给朋友|分享(?=\s*[:：]))\s*[:：]?\s*(?P<rest>.*)")
#: `【字体：大 中 小】`: the font-size switch of a news page.
_FONT_SIZE = regex.compile(r"[\[【(（]?\s*(?:字号|字体)\s*[:：]?\s*(?:[\[【]?\s*[大中小]\s*[\]】]?\s*){3}[\]】)）]?")
#: Brackets or arrows that mark a word as a link or button (`【打印】`, `下一页>>`).
_DECORATION = regex.compile(r"[\[\]【】<>«»‹›]")
#: What a QR-code invitation asks the reader to do.
_SCAN_PURPOSE = regex.compile(r"关注|分享|手机|公众号|朋友圈|小程序|客户端|app", regex.I)
#: `微信公众号：某某发布`: a label, a colon and a short name.
_FOLLOW = regex.compile(r"(?P<label>\p{Han}{2,5})\s*[:：]\s*\S.{0,19}")
MAX_MENU_ITEM = 8
MAX_PREV_NEXT_LENGTH = 150
MAX_SCAN_LENGTH = 30
MAX_LENGTH = 100


class PageNavigation(SpamLineRule):
    code = "S011"
    name = "page-navigation"
    summary = "Navigation, sharing and print chrome of a web page"
    flags = """
        A line that is a web page's navigation, in any zone: a link to the
        previous or next post (`上一篇：…`, `下一篇：…`, `相关推荐：…`, a label
        then a colon, also after a list or quote mark and as a Markdown link:
        `- 下一篇：[10 空间索引](./10-spatial-index.md)`);
        a pager (`[上一页] [1] [2] [下一页]`: pager words and page numbers
        only); a share bar (`分享到：微信 微博 QQ空间`); a QR-code invitation
        (`扫一扫，在手机上阅读`, 30 characters at most); print and comment
        buttons (`打印本页 关闭窗口`, `【字体：大 中 小】`). In the head or tail
        only: a heading of a list of other posts standing alone (`相关阅读`,
        `热门文章`, `友情链接`); a site menu (`作文投稿 | 作文大全 | 网站地图`:
        short items, one a menu word; in the body two); a follow-us line
        (`微信公众号：某某发布`, `知识星球：某某安全`). Words from the pack `data/spam_navigation.txt`,
        both scripts. Option `extra-patterns`: more buttons, flagged as the
        print buttons are, alone or in a row.
    """
    why = """
        A news or blog page surrounds its article with links and buttons that
        a scraper keeps as lines: `上一篇：…　下一篇：…`, `[上一页] [1] [2]
        [下一页]`, `分享到：`, `扫一扫`, `相关阅读`. They belong to the site, not
        to the article.
    """
    leaves_alone = """
        The same words in a sentence (`上一篇论文中作者指出…`, `分享到了很多经验`,
        `扫一扫二维码就能付款，非常方便。`), a `相关阅读` section heading in the
        body of a document, and the lines the viewer-chrome rule S005 already
        flags (`分享到`, `返回顶部`, `上一页 下一页`).
    """
    fix_safety = """
        The fix deletes the line: safe in the head or tail, unsafe in the body.
    """
    pack = "navigation"
    anchors = ("prev-next", "pager", "share", "scan", "strong", "menu")
    extra_anchors = True
    options = {"extra-patterns": extra_patterns_option("buttons")}
    bad = (
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n\n"
            "上一篇：社区工作总结 下一篇：没有了\n分享到：微信 微博 QQ空间\n相关阅读\n",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n[上一页] [1] [2] [下一页]\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
        ),
        Example(
            "【字體：大 中 小】\n掃一掃，在手機上閱讀\n\n今天的大會,是市政府就加快社區建設專門召開的一次重要會議。",
            fixed="今天的大會,是市政府就加快社區建設專門召開的一次重要會議。",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n\n- 下一篇：[社区服务的资金来源](./next.md)\n",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n\n[我要投稿] [打印本页]\n",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n",
            options={"extra-patterns": ["我要投稿"]},
        ),
    )
    good = (
        Example("上一篇论文中作者指出,社区治理需要多方参与,这一观点得到了广泛认可。"),
        Example("这次培训让我收获很大,也分享到了很多经验,希望以后多组织这样的活动。"),
        Example("社区推行移动支付\n扫一扫二维码就能付款，非常方便。\n居民们纷纷表示,这项服务省时省力。"),
        Example(
            "第三课 春天\n\n春天来了,小草从地下探出头来,柳树抽出了新的枝条。\n\n相关阅读\n\n"
            "朱自清在《春》里写道,盼望着,盼望着,东风来了,春天的脚步近了。"
        ),
        Example("下一篇:我们将讨论社区服务的资金来源。这是本系列的第三篇文章,欢迎继续关注。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | None:
        text = plain(line.text)
        words = pack(self.pack)
        if _is_prev_next(text, words["prev-next"], line.edge):
            return "link to the previous or next post"
        if len(text) > MAX_LENGTH or (line.edge and _viewer_line(text)):
            return None
        unswitched = _FONT_SIZE.sub(" ", text) if "字" in text else text  # (every font-size switch holds `字`)
        tokens = [token.lower() for token in _TOKEN_SEPARATOR.split(unswitched) if token]
        marked = _DECORATION.search(text) is not None or (line.edge and len(tokens) >= 2)
        if _is_pager(tokens, self._pager_words, marked):
            return "pager"
        if (share := _SHARE.fullmatch(text)) and _is_share(share, words["platforms"]):
            return "share buttons"
        if _is_scan(text, words["scan"]):
            return "QR-code invitation"
        if line.edge and "".join(tokens) in words["edge"]:
            return f"heading `{text}` of a link list"
        if _is_button_row(text, tokens, self._strong_buttons, words["buttons"], marked):
            return "page buttons"
        if _is_menu(text, tokens, words["menu"], 1 if line.edge else 2):
            return "site menu"
        if line.edge and (follow := _FOLLOW.fullmatch(text)) and follow["label"] in words["follow"]:
            return "follow-us line"
        return None

    @cached_property
    def _pager_words(self) -> frozenset[str]:
        """A pager's words: the pack's, and its previous/next labels (`下一页`)."""
        return self.section("pager") | self.section("prev-next")

    @cached_property
    def _strong_buttons(self) -> frozenset[str]:
        """The strong buttons: the pack's, and the ``extra-patterns`` phrases."""
        return self.section("strong") | self.extra


def _viewer_line(text: str) -> bool:
    """Whether S005 flags the line in the head or tail already (a label or a button row)."""
    chrome = pack("chrome")
    tokens = text.split()
    key = "".join(tokens).rstrip(">»›")
    return key in chrome["lines"] or (len(tokens) >= 2 and all(token in chrome["buttons"] for token in tokens))


def _is_prev_next(text: str, labels: frozenset[str], edge: bool) -> bool:
    """`上一篇：…`: a label and a colon, and a title rather than a sentence after
    it (in the body, no full stop: `下一节：我们将学习组件。` is prose)."""
    if len(text) > MAX_PREV_NEXT_LENGTH or (not edge and "。" in text):
        return False
    match = _PREV_NEXT.match(text)
    return match is not None and match["label"] in labels and len(SENTENCE_END.findall(text)) <= 1


def _is_pager(tokens: list[str], words: frozenset[str], marked: bool) -> bool:
    """Pager words and page numbers only: at least one of each, or pager
    words alone when they are marked as links (see ``judge``)."""
    pager = [token in words for token in tokens]
    if not any(pager):  # most lines: the tokens are not read as page numbers
        return False
    numbers = [_PAGE_TOKEN.fullmatch(token) is not None for token in tokens]
    if not all(p or n for p, n in zip(pager, numbers)):
        return False
    return any(numbers) or marked


def _is_button_row(text: str, tokens: list[str], strong: frozenset[str], buttons: frozenset[str], marked: bool) -> bool:
    """Print, close and comment buttons (and the font-size switch) only: with
    a strong one, or two or more marked as links (see ``judge``)."""
    if _FONT_SIZE.fullmatch(text) or "".join(tokens) in strong:
        return True
    if not tokens or not all(token in strong or token in buttons for token in tokens):
        return False
    return any(token in strong for token in tokens) or (marked and len(tokens) >= 2)


def _is_menu(text: str, tokens: list[str], menu: frozenset[str], needed: int) -> bool:
    """Short items, two or more, ``needed`` of them menu words, and no clause punctuation."""
    if len(tokens) < 2 or has_clause_punctuation(text) or any(len(token) > MAX_MENU_ITEM for token in tokens):
        return False
    return sum(token in menu for token in tokens) >= needed


def _is_share(match: regex.Match, platforms: frozenset[str]) -> bool:
    rest = [token.lower() for token in _TOKEN_SEPARATOR.split(match["rest"]) if token]
    return all(token in platforms for token in rest)


def _is_scan(text: str, starts: frozenset[str]) -> bool:
    """`扫一扫，在手机上阅读`: short, starting with a scan phrase, saying what for."""
    if len(text) > MAX_SCAN_LENGTH or not text.startswith(_as_tuple(starts)):
        return False
    return SENTENCE_END.search(text.rstrip("。！!")) is None and _SCAN_PURPOSE.search(text) is not None


@cache
def _as_tuple(phrases: frozenset[str]) -> tuple[str, ...]:
    """``phrases`` as a tuple, which ``str.startswith`` tries in C (made once per set)."""
    return tuple(phrases)
