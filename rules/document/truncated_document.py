"""D001: a document that stops mid-sentence, or at a "read the full text" marker."""

from __future__ import annotations

import re

import regex

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.document import Line
from wenlint.textclass import CJK_CLOSING, HAN

#: A button the page showed instead of the rest of the text.
_READ_MORE = regex.compile(
    r"(?:点击|请)?(?:展开(?:阅读)?全文|(?:阅读|查看|显示)(?:全文|更多|剩余(?:内容|全文)?)"
    r"|继续阅读|余下全文|全文阅读|还?剩余?\d+页未读[，,]?(?:继续阅读)?)[>»›↓∨.…。\s]*"
)
#: A paywall notice closing the last line: the rest is behind it (`该付费内容的完整版仅支持在 App 中查看`).
_PAYWALL = regex.compile(
    r"(?:该?付费内容的)?(?:完整版|全文|剩余内容)仅(?:支持)?在\s*(?:App|APP|app|客户端)\s*[中内]?(?:查看|阅读)$"
)
#: A labelled field, not prose: keywords, contact details, source and author lines.
_FIELD = regex.compile(
    r"[ \t\u3000]*(?:关键词|关键字|标签|Tags?|Keywords?|联系电话|咨询电话|客服电话|电话|手机|传真|邮箱|地址|网址"
    r"|联系人|联系方式|来源|作者|编辑)\s*[：:]",
    regex.I,
)
#: The author's own "to be continued": the part is complete as it stands.
_TO_BE_CONTINUED = regex.compile(r"[(（【\[]?\s*(?:未完)?待续[.…。]*\s*[)）】\]]?")
#: Site furniture after the text: footers, breadcrumbs, tag lists, disclaimers.
#: The words without case in ``re``, which finds them in a long line four
#: times as fast as one case-blind ``regex`` alternation; the Latin ones
#: apart, case-blind as before.
_CHROME = re.compile(
    r"版权所有|版權所有|公网安备|公網安備|免责声明|侵权|推荐访问|推薦訪問|当前位置|當前位置"
    r"|相关(?:资源|搜索|推荐|文章|阅读|文档)|上一篇|下一篇|责任编辑|本文链接|转载请注明|©"
)
_CHROME_LATIN = (regex.compile(r"ICP[备證]", regex.I), regex.compile(r"Copyright", regex.I))
#: Marks inside a sentence: a line holding one is prose, not a heading or a signature.
_CLAUSE_MARK = regex.compile(r"[，、；,;]")
#: The end of a sentence. (Only looked for in lines that end with a word,
#: so each one is followed by more text.)
_SENTENCE_END = regex.compile(r"[。！？]|(?<=\p{Han})[!?]")
#: Marks that end a clause or a sentence: the unfinished clause starts after the last one.
_CLAUSE_ENDS = "，、；：。！？,;:!?"
#: A line ending with one of these stops inside a sentence.
_CONTINUATION = frozenset("，、,")
#: A numbered heading or list item: `二、`, `（三）`, `第四章`, `5.`, `- `.
_NUMBERED = regex.compile(
    r"[ \t\u3000]*(?:[-*+•●◆■]\s|[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]"
    r"|第[一二三四五六七八九十百\d]+[章节条部分篇]|\d+(?:\.\d+)*[、.．)）\s])"
)
#: Particles that end a spoken sentence: a line ending with one is complete, punctuated or not.
_FINAL_PARTICLES = frozenset("吧呢啊呀吗嘛啦哦呗哈了的")
_SENTENCE_FINAL = frozenset("。！？!?…；;")
#: Prose lines of at least this many Chinese characters count as paragraphs, not list items.
PARAGRAPH_CHARS = 20
#: A line this long, with this many finished sentences before its end, is a
#: paragraph that should end with one too, whatever the rest of the document does.
LONG_PARAGRAPH_CHARS = 150
LONG_PARAGRAPH_SENTENCES = 4
_SPACES = " \t\u3000\xa0"


class TruncatedDocument(Rule):
    code = "D001"
    name = "truncated-document"
    summary = "The document stops mid-sentence, or where the page cut it off"
    why = """
        Document-sharing sites show a preview and a button such as
        `展开阅读全文`; a scrape of the page keeps the preview and loses the
        rest. Such a document ends in the middle of a sentence
        (`…规模较大的小区业主委员`) and is incomplete, whatever else is fixed.
    """
    flags = """
        The rule finds the last line of the body, skipping blank lines, site
        furniture after it (footers, copyright and licence lines, `推荐访问:`
        tag lists, breadcrumbs) and lines that are neither prose (a line with
        `，` or `、`) nor end a sentence: a signature, a date, a heading, a
        list of links. It reports one finding, at the unfinished clause, when
        that line ends with `，` or `、`, or its last clause holds a Chinese
        character and ends with one (or a letter or digit), and the line
        either is a long paragraph (150 or more Chinese characters) with
        four finished sentences before its end and other lines before it, or is a
        paragraph (20 or more) in a document whose other paragraphs (at least
        three, and nine in ten) end with sentence-final punctuation. A
        numbered line without a full stop (`二、坚持重点突破，…`) is a
        heading, not a paragraph. A
        read-more marker (`展开阅读全文`, `阅读全文`, `查看全文`,
        `点击查看更多`, `还剩5页未读`) after the body is reported too, even
        when the preview happens to end at a full stop, and so is a paywall
        notice ending the last line (`该付费内容的完整版仅支持在 App 中查看`). The viewer-chrome
        rule removes the marker; the finding stays as long as the text ends
        mid-sentence.
    """
    leaves_alone = """
        Endings with `。！？…；`, a closing bracket or quote, or a
        sentence-final particle (`吧`, `呢`, `了`, `的` …); a signature block
        (`谢谢大家！`, an organisation, `2022年7月4日`), a final heading,
        list item or table row; labelled fields (`关键词：…`, `咨询电话：…`,
        `来源：…`); a last clause that is a number, code or Latin name
        (`咨询电话：400-820-0860`); a text that is one long line (a forum
        answer often ends without a full stop); a colon (`下列说法正确的是:` in an exam
        stem, `附件：`); text that does not end its paragraphs with `。`
        (single sentences, chat); an ending in code or a URL; and a document
        that ends with the author's `（未完待续）`, which marks a complete
        instalment, not lost text.
    """
    fix_safety = "No fix: the missing text cannot be made up."
    #: A truncated document is incomplete however long it is: the score counts the finding once.
    document_level = True
    bad = (
        Example("街道社区已经建立党组织。物业公司的经理，规模较大的小区业主委员\n\n展开阅读全文\n相关搜索\n"),
        Example(
            "同志们：\n\n今天，我们召开全区社区建设工作会议，总结前一阶段的工作。\n\n"
            "近年来，社区建设工作得到高度重视，取得了明显成效。\n\n"
            "我们也要看到问题和短板，社区服务功能还不健全。\n\n"
            "同志们，建设宜居城市，守护美好家园，是全市人民的热切期盼，各级领导要切实加强组"
        ),
        Example("会议指出，要着力推动社区治理规范化。\n\n构建和谐社区的最终目标是：管理有序、服务完善、"),
        Example("会议要求各单位抓好落实。\n\n阅读全文>>\n"),
        Example("他推开门，看见屋里坐着一个人。目前，该付费内容的完整版仅支持在 App 中查看"),
    )
    good = (
        Example("同志们，创建工作意义重大，任务艰巨。\n\n谢谢大家！\n"),
        Example("特此通知。\n\n××市人民政府办公室\n2022年7月4日\n"),
        Example("法律解释不是可有可无的，而是必然存在于法律适用之中"),
        Example("有如此亮丽的成绩。对画画感兴趣的我，也将画出我人生中美丽的色彩。我相信会有一番成就的"),
        Example("关于情事变更原则，下列说法正确的是:"),
        Example("会议明确了任务。\n\n二、坚持重点突破、注重常态长效，以有力有效的工作举措推进社区治理现代化\n"),
        Example("请做好以下工作：\n1. 加强组织领导，落实工作责任\n2. 加强宣传引导，营造良好氛围\n"),
        Example(
            "今天，我们召开全区社区建设工作会议，总结前一阶段的工作。\n\n"
            "近年来，社区建设工作得到高度重视，取得了明显成效。\n\n"
            "我们也要看到问题和短板，社区服务功能还不健全。\n\n下一步要做到：\n\n"
            "- 坚持以人民为中心，推动社区治理重心下移，让群众办事更方便",
            path="example.md",
        ),
        Example("他推开门，看见屋里坐着一个人。\n\n（未完待续）"),
        Example("全文完。\n\n电脑版 |金锄头文库版权所有\n经营许可证:蜀ICP备13022795号\n"),
        Example("项目进展顺利，详见：https://example.com/report"),
        Example(
            "社区是城市的基本单元，社区治理关系到千家万户的切身利益。\n\n"
            "物业管理是社区治理的重要内容，关系到居民的日常生活。\n\n"
            "党建引领是社区治理的关键环节，要把党组织建在小区里。\n\n"
            "关键词：社区治理；党建引领；物业管理；城市基层治理"
        ),
        Example(
            "本基金的申购和赎回，按照基金合同和招募说明书的规定办理。\n\n"
            "基金份额净值每个工作日公告一次，投资人可以在网站上查询。\n\n"
            "本报告的内容由基金管理人负责解释，投资人应认真阅读全文。\n\n"
            "投资人如有疑问，可以咨询本基金管理人，咨询电话：021-38568888"
        ),
        Example(
            "| 项目 | 金额，万元 | 说明，备注 |\n|---|---|---|\n| 社区用房 | 900 | 已完成，下一步维护 |",
            path="example.md",
        ),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        if not doc.has_han:
            return []
        marker: Line | None = None
        for line in reversed(doc.lines):
            content = doc.text[line.start : line.end].strip(_SPACES)
            if not content:
                continue
            if _READ_MORE.fullmatch(content):
                marker = line
            elif _TO_BE_CONTINUED.fullmatch(content) or doc.is_verbatim(line.start):
                return []
            elif paywall := _PAYWALL.search(content):
                start = line.start + doc.text[line.start : line.end].index(content) + paywall.start()
                return self._preview(start, paywall[0])
            elif _is_chrome(content) or _FIELD.match(content) or not _is_body(content):
                continue
            else:
                return self._judge(doc, line, content, marker)
        return []

    def _judge(self, doc: Document, line: Line, content: str, marker: Line | None) -> list[Diagnostic]:
        """The finding for the body's last line, if it ends mid-sentence (or a marker follows)."""
        end = line.start + len(doc.text[line.start : line.end].rstrip(_SPACES))
        shown = doc.text[marker.start : marker.end].strip(_SPACES) if marker else ""
        if _ends_mid_sentence(doc, line, content, end):
            start = end - len(_last_clause(content))
            after = f", before `{shown}`" if marker else ""
            message = (
                f"the document ends mid-sentence (`…{doc.text[start:end]}`){after}; the rest of the text is missing"
            )
            return [self.diagnostic(start, end, message)]
        if marker:
            return self._preview(marker.start + doc.text[marker.start : marker.end].index(shown[0]), shown)
        return []

    def _preview(self, start: int, shown: str) -> list[Diagnostic]:
        """The finding for a read-more marker or paywall notice ``shown`` at ``start``."""
        message = f"the text stops at `{shown}`: only a preview was kept; the rest of the document is missing"
        return [self.diagnostic(start, start + len(shown), message)]


def _last_clause(content: str) -> str:
    """What follows the line's last clause or sentence mark (a final `，` included)."""
    body = content.rstrip("".join(_CONTINUATION))
    return content[max(body.rfind(mark) for mark in _CLAUSE_ENDS) + 1 :].lstrip(_SPACES)


def _is_chrome(content: str) -> bool:
    """Whether a line is site furniture (see _CHROME)."""
    return _CHROME.search(content) is not None or any(latin.search(content) for latin in _CHROME_LATIN)


def _is_body(content: str) -> bool:
    """A line of running text or a closing sentence, as opposed to a heading,
    signature, date or link."""
    return HAN.search(content) is not None and (content[-1] in _SENTENCE_FINAL or _is_prose(content))


def _is_prose(content: str) -> bool:
    return _CLAUSE_MARK.search(content) is not None


def _ends_mid_sentence(doc: Document, line: Line, content: str, end: int) -> bool:
    if doc.is_verbatim(end - 1) or _is_table_row(content) or not _open_ending(content):
        return False
    if content[-1] in _CONTINUATION:
        return True
    if not HAN.search(_last_clause(content)):
        return False  # a number, a code or a name in Latin letters: `咨询电话：400-820-0860`
    chars = len(HAN.findall(content))
    if (
        _text_before(doc, line)
        and chars >= LONG_PARAGRAPH_CHARS
        and len(_SENTENCE_END.findall(content)) >= LONG_PARAGRAPH_SENTENCES
    ):
        return True
    return chars >= PARAGRAPH_CHARS and _paragraphs_end_properly(doc, line)


def _text_before(doc: Document, line: Line) -> bool:
    """Whether anything but blanks precedes ``line``: a text that is one long
    line (a forum answer) may end without a full stop."""
    return line.start > 0 and not doc.text[: line.start].isspace()


def _open_ending(content: str) -> bool:
    """Whether a line stops without closing its sentence: after `，`/`、`, or
    after a character that is not a final particle, in a line that is not a heading."""
    last = content[-1]
    if last in _CONTINUATION:
        return True
    if not (HAN.match(last) or (last.isascii() and last.isalnum())) or last in _FINAL_PARTICLES:
        return False
    return not (_NUMBERED.match(content) and not _SENTENCE_END.search(content))


def _is_table_row(content: str) -> bool:
    return content.count("|") >= 2 or "\t" in content


def _paragraphs_end_properly(doc: Document, last: Line) -> bool:
    """Whether the paragraphs before ``last`` (prose lines of 20 or more
    Chinese characters) end their sentences: three at least, and nine in
    ten of those that end either way (headings and colons do not count)."""
    proper = open_ = 0
    for line in doc.lines[: last.number - 1]:
        content = doc.text[line.start : line.end].rstrip(_SPACES)
        if not (_is_prose(content) and len(HAN.findall(content)) >= PARAGRAPH_CHARS):
            continue
        if content[-1] in _SENTENCE_FINAL or content[-1] in CJK_CLOSING:
            proper += 1
        elif _open_ending(content):
            open_ += 1
    return proper >= 3 and proper >= 9 * open_
