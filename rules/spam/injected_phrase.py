"""S012: a gambling or lottery brand injected into a line, as in `金沙娱乐城官网：昨日上午…`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import regex

from wenlint import Diagnostic, Document, Example, Fix
from wenlint.kinds.line import Candidate
from wenlint.zones import Zone
from wenlint_rules.spam.gambling_ads import is_gambling_advert
from wenlint_rules.spam.keyword_lines import seo_line_phrases
from wenlint_rules.spam.patterns import Hit, SpamLineRule, extra_patterns_option, pack, scan

#: What may stand between injected phrases of a keyword line.
_SEPARATORS = regex.compile(r"[\s|｜丨/／,，、_·•-]*")
_OPEN, _CLOSE = "【[（(「『", "】]）)」』"
_COLONS = ":："
#: The tag of S001's strong phrases, whose keyword lines S001 flags.
_SEO_TAG = "seo:strong"


def _alternation(phrases: frozenset[str]) -> str:
    return "|".join(map(regex.escape, sorted(phrases, key=len, reverse=True)))


@cache
def _phrase() -> regex.Pattern:
    """A brand and its suffixes, or a lottery game and its suffixes (normalised, any case)."""
    words = pack("brands")
    suffixes = _alternation(words["strong-suffixes"] | words["weak-suffixes"])
    lottery = rf"(?:{_alternation(words['lottery'])})+(?:{_alternation(words['lottery-suffixes'])})+"
    brand = rf"(?:{_alternation(words['brands'])})+(?:{suffixes})+"
    return regex.compile(rf"(?P<lottery>{lottery})|(?P<brand>{brand})", regex.I)


@cache
def _extra_phrase(phrases: frozenset[str]) -> regex.Pattern | None:
    """The configured phrases (normalised, any case), longest first."""
    return regex.compile(_alternation(phrases), regex.I) if phrases else None


def _stands_apart(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has no letter or Chinese character on either side."""
    return not (start > 0 and text[start - 1].isalnum()) and not (end < len(text) and text[end].isalnum())


class InjectedSpamPhrase(SpamLineRule):
    code = "S012"
    name = "injected-spam-phrase"
    summary = "A gambling or lottery brand injected into a line"
    flags = """
        A gambling brand glued to a tell-tale suffix (`金沙娱乐城`, `某某现金网`,
        `开云体育app`; pack `data/spam_brands.txt`, both scripts), or an
        illegal lottery game glued to a lottery word (`幸运飞艇计划`,
        `北京赛车pk10开奖`), in any zone. Weaker suffixes (`体育`, `官网`,
        `平台`) count only when the phrase stands apart: in brackets, at the
        start of a line before a colon, or between punctuation. The span is
        the phrase (with its brackets, or with its colon at the start of a
        line); a line of nothing but such phrases is flagged whole, unless the
        SEO-line rule S001 flags it. A content farm's gambling advert is
        flagged whole: a line holding its promo phrases (`首存即送`,
        `全网最高赔率`, `亏损包赔`, `导师带赚钱`, `点击进入注册` …, pack
        `[promo-strong]`, `[promo-weak]`), bracketed contacts
        (`【Q-——333307——】`) or bracketed site addresses (`【网: AM68.CC 】`,
        `《888yx●vip》`, full-width and styled letters read as plain), enough of
        them together (see `gambling_ads.py`).
    """
    why = """
        Hacked news and school sites get gambling and lottery brands injected
        into their text for search engines: a brand prefixed to a news lead
        (`金沙娱乐城官网：昨日上午，区政府召开…`), a tag glued to a headline
        (`【某某体育app】区政府召开…`), a brand put in place of a sentence's
        subject, lottery SEO titles (`幸运飞艇计划 幸运飞艇走势`).
    """
    leaves_alone = """
        A bare brand word, which is often a place or a company (`澳门的葡式建筑`,
        `银河娱乐集团公布业绩`, `金沙江`, `山东半岛体育产业`), a weak
        suffix inside a word (`开云体育馆`), and promo words in quotes or in
        a news sentence that names one (`所谓“导师带赚钱”都是骗局。`).
    """
    fix_safety = """
        The fix removes the phrase. It is safe for a bracketed tag and for a
        prefix before a colon in the head of the document, where nothing of
        the sentence goes with it; elsewhere unsafe, since the sentence may
        need a word in its place. A whole line is deleted, safely in the head
        or tail.
    """
    pack = "brands"
    anchors = ("brands", "lottery", "promo-strong", "promo-weak", "ad-marks")
    browse = frozenset()
    extra_anchors = True
    options = {"extra-patterns": extra_patterns_option("injected phrases")}
    bad = (
        Example(
            "金沙娱乐城官网：昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
            fixed="昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
        ),
        Example(
            "【開雲體育APP】区政府召开社区建设推进会\n\n昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
            fixed="区政府召开社区建设推进会\n\n昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
        ),
        Example(
            "幸运飞艇计划 幸运飞艇走势\n\n昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
            fixed="昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
        ),
        Example(
            "昨日上午，金沙娱乐城召开社区建设工作推进会，研究今后的工作。",
            fixed="昨日上午，召开社区建设工作推进会，研究今后的工作。",
        ),
        Example(
            "💵首存即送！全网最高赔率！💵\n【快3计划】【快3导师】【亏损包赔】\n\n"
            "昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
            fixed="昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
        ),
        Example(
            "【快乐体育】区政府召开社区建设推进会\n\n昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
            fixed="区政府召开社区建设推进会\n\n昨日上午，区政府召开社区建设工作推进会，研究今后的工作。",
            options={"extra-patterns": ["快乐体育"]},
        ),
    )
    good = (
        Example("澳门的葡式建筑很有特色,每年都吸引大量游客前来参观。"),
        Example("银河娱乐集团昨日公布业绩,收入比上年增长两成。"),
        Example("金沙江发源于青海,流经四川、云南,是长江的上游。"),
        Example("山东半岛体育产业发展迅速,开云体育馆将于明年建成。"),
        Example("警方捣毁一个利用六合彩进行赌博的团伙,抓获嫌疑人十二名。"),
        Example("警方提醒：所谓“导师带赚钱”“亏损包赔”都是网络赌博的骗局。"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        seo_lines = scan(doc).lines_with(_SEO_TAG)
        for line in self.candidates(doc):
            if line.text and not self.starts_verbatim(doc, line.index):
                yield from self._line(doc, line, seo_lines.get(line.index, ()))

    def _line(self, doc: Document, line: Candidate, seo_hits: Iterable[Hit]) -> Iterator[Diagnostic]:
        """A finding per injected phrase of a line, or one for the whole line when it
        holds nothing else or is a gambling advert."""
        if is_gambling_advert(line.text):
            yield self.line_finding(doc, line.index, "gambling advert line; delete it")
            return
        phrases = [match for match in _phrase().finditer(line.text) if self._counts(line.text, match)]
        if extra := _extra_phrase(self.extra):
            phrases = _disjoint([*phrases, *extra.finditer(line.text)])
        if not phrases or seo_line_phrases(doc, line, seo_hits):
            return
        if _SEPARATORS.sub("", "".join(_between(line.text, phrases))):
            yield from (self._phrase_finding(doc, line, match) for match in phrases)
        else:
            yield self.line_finding(doc, line.index, f"line of injected spam phrases (`{phrases[0][0]}`); delete it")

    def _counts(self, text: str, match: regex.Match) -> bool:
        """Whether a match is a spam phrase: a lottery phrase, a strong suffix, or one standing apart."""
        if match["lottery"] or _stands_apart(text, *match.span()):
            return True
        phrase = match[0].lower()
        return any(suffix in phrase for suffix in pack(self.pack)["strong-suffixes"])

    def _phrase_finding(self, doc: Document, line: Candidate, match: regex.Match) -> Diagnostic:
        text = line.text
        start, end = match.span()
        safe = False
        if _bracketed(text, start, end):
            start, end, safe = start - 1, end + 1, True
        elif start == 0 and end < len(text) and text[end] in _COLONS:
            end, safe = end + 1, line.zone is Zone.HEAD
        span = (line.start + start, line.start + end)
        fix = Fix.replace(*span, "", safe=safe, message="remove the injected phrase")
        return self.diagnostic(*span, f"injected spam phrase `{doc.text[span[0] : span[1]]}`; remove it", fix)


def _bracketed(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is enclosed in a pair of brackets (`【…】`)."""
    opening = text[start - 1] if start > 0 else ""
    return bool(opening) and opening in _OPEN and text[end : end + 1] == _CLOSE[_OPEN.index(opening)]


def _disjoint(matches: list[regex.Match]) -> list[regex.Match]:
    """``matches`` in order, leaving out any that overlaps an earlier one."""
    kept: list[regex.Match] = []
    for match in sorted(matches, key=lambda match: (match.start(), -match.end())):
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def _between(text: str, matches: list[regex.Match]) -> list[str]:
    """The stretches of ``text`` outside ``matches``."""
    pieces, last = [], 0
    for match in matches:
        pieces.append(text[last : match.start()])
        last = match.end()
    return [*pieces, text[last:]]
