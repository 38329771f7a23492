"""S004: a line of crawl or upload metadata, as in `时间:2022-07-04 11:15:02 来源:网友投稿`."""

from __future__ import annotations

import re
from functools import cache

import regex

from wenlint import Diagnostic, Document, Example, Fix
from wenlint.kinds.line import Candidate
from wenlint.textclass import has_clause_punctuation
from wenlint_rules.spam.patterns import SpamLineRule, pack, plain

#: A field label: a short word before a colon, at the start of the line or after a space or bar.
_LABEL = regex.compile(r"(?:^|(?<=[\s|｜]))(?P<label>[\p{Han}A-Za-z]{1,6})\s*[:：]")
#: A timestamp written by a machine: `2022-09-21 03:23:00`, `2018/09/12`.
_TIMESTAMP = regex.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
#: `阅读(123)`: a counter with its count in brackets, read as `阅读:123 `.
_BRACKETED_COUNT = regex.compile(r"(?<=\p{Han})[(（](\d+)[)）]")
#: A count: `123`, `1.2万`, `45次`.
_COUNT = regex.compile(r"\d+(?:\.\d+)?[万wWkK]?\s*(?:次|人次|人)?")
#: A counter by itself, without a colon: `阅读 1234`, `1234人已阅读`, `浏览3.2万次`.
_BARE_COUNTER = regex.compile(
    r"(?:阅读|浏览|点击|人气|热度)\s*\d+(?:\.\d+)?[万wWkK]?\s*(?:次|人次)?"
    r"|\d+(?:\.\d+)?[万wWkK]?\s*(?:人|次)?\s*已?(?:阅读|浏览|看过|围观|点击)"
)
#: A byline in the head or tail: a name or two and a machine timestamp
#: (`冷漠安全  冷漠安全   2024-10-24 22:33`).
_BYLINE = regex.compile(r"(?:[^\s:：，,。]{1,12}\s+){1,3}" + _TIMESTAMP.pattern)
#: A credit naming a web address or a list of outlets (`原文链接：https://…`,
#: `资讯来源：新华网、人民网、…`).
_URL = regex.compile(r"https?://\S+")
_CREDIT_VALUE = regex.compile(rf"{_URL.pattern}|[^、\s]{{2,8}}(?:、[^、\s]{{2,8}}){{2,}}")
#: An empty source field at the end of a line (`…增长。 ｜来源：`).
#: (Its bar, which `re` reads as `regex` does, unlike the `\s` after it, is looked for in C first.)
_BAR = re.compile(r"[|｜]")
_EMPTY_FIELD = regex.compile(rf"{_BAR.pattern}\s*(?:来源|出处)\s*[:：]\s*$")
#: Brackets around a whole line (`【责任编辑：张三】`).
_BRACKETED_LINE = regex.compile(r"[(（\[【](.*)[)）\]】]")
MAX_VALUE_LENGTH = 40
#: The longest editor's name or source a lone field may hold.
MAX_SINGLE_VALUE = 20
#: Strong labels a metadata line in the body needs.
MIN_STRONG_IN_BODY = 2


class PostMetadata(SpamLineRule):
    code = "S004"
    name = "post-metadata"
    summary = "A line of crawl or upload metadata (time, source, uploader, size)"
    flags = """
        A line made only of `label:value` fields whose labels are all metadata
        labels (pack `data/spam_metadata.txt`, both scripts), with short values
        and no clause punctuation. In the head or tail of the document: two
        fields or more, or a single time field holding a machine timestamp
        (`时间:2022-09-21 03:23:00`), or a single source field naming a web
        source (`来源:网友投稿`). In the body only upload metadata counts (two
        labels such as `上传人`, `文档编号`, `页数`, `大小`). In any zone, a
        line of such fields holding a counter with a count (`阅读(123)`,
        `浏览次数：123`, `发布时间：2022-09-21 点击：45次`), a lone editor credit
        (`责任编辑：张三`, brackets around the line ignored) or a lone article
        source (`文章来源：新华网`, `原文链接：https://…`, a list of outlets
        `资讯来源：新华网、人民网、央视新闻`). In the head or tail, a counter by
        itself (`阅读 1234`, `1234人已阅读`) or a byline of names and a machine
        timestamp (`冷漠安全  冷漠安全   2024-10-24 22:33`). In any zone, an
        empty source field after a bar at the end of a line (`…增长。 ｜来源：`,
        the span is the field). Quote and list marks before a line are read
        through.
    """
    why = """
        Sites print a post's metadata above or below it: `時間:2022-09-21
        03:23:00`, `时间:2022-07-04 11:15:02 来源:网友投稿`, `上传人:小**
        文档编号:54424334 上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB`.
        News pages add counters and credits: `阅读(1234)`, `【责任编辑：张三】`,
        `文章来源：某某网`. They describe the web page, not the document.
    """
    leaves_alone = """
        A notice's own fields (`时间:下午三点`, `时间:2022年3月1日
        地点:三楼会议室`, where `地点` is no metadata label), an author line by
        itself, a source line with a bare `来源` in the body (`来源：国家统计局`
        under a table), and any field inside a sentence.
    """
    fix_safety = """
        The fix deletes the line: safe in the head or tail, unsafe in the body.
    """
    pack = "metadata"
    anchors = ("strong", "counter", "editor", "article-source", "empty-field")
    anchor_suffixes = (":", "：", "(", "（")
    bad = (
        Example(
            "社區構建問題報告\n\n時間:2022-09-21 03:23:00\n\n社區是城市社會的基本構成單元,也是構建社會主義和諧社會的重要基石。",
            fixed="社區構建問題報告\n\n社區是城市社會的基本構成單元,也是構建社會主義和諧社會的重要基石。",
        ),
        Example(
            "讲话稿\n\n时间:2022-07-04 11:15:02 来源:网友投稿\n\n在全市上下深入学习贯彻全会精神的重要时刻,市委决定召开这次会议。",
            fixed="讲话稿\n\n在全市上下深入学习贯彻全会精神的重要时刻,市委决定召开这次会议。",
        ),
        Example(
            "辅导讲义\n\n上传人:小** 文档编号:54424334 上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB\n"
            "很高兴,再次能够和大家共同学习探讨社区党建工作。",
            fixed="辅导讲义\n\n很高兴,再次能够和大家共同学习探讨社区党建工作。",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n阅读(1234) 评论(5)\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。\n【責任編輯：張三】",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
        ),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n资讯来源：新华网、人民网、央视新闻\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
        ),
        # a fix touching a web address is only shown
        Example("今天的大会,是市政府就加快社区建设专门召开的一次重要会议。\n原文链接：https://blog.example.com/p/1"),
        Example(
            "今天的大会,是市政府就加快社区建设专门召开的一次重要会议。 ｜来源：\n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
            fixed="今天的大会,是市政府就加快社区建设专门召开的一次重要会议。 \n"
            "会议的主要任务是,深入贯彻市委全会精神,全面加强社区建设。",
        ),
    )
    good = (
        Example("会议通知\n\n时间:下午三点\n\n请各单位负责同志准时参加,不得缺席,有事须提前请假。"),
        Example("会议通知\n\n时间:2022年3月1日 地点:三楼会议室\n\n请各单位负责同志准时参加,不得缺席,有事须提前请假。"),
        Example("春天的故事\n\n作者:张三\n\n那是一个春天,有一位老人在中国的南海边画了一个圈。"),
        Example("会议安排如下。时间:下午三点,地点:三楼会议室,请准时参加。"),
        Example("文件格式:DOC和PDF都可以,页数:不限,我们都会认真审阅每一份材料。"),
        Example("表1 全市社区数量\n来源:国家统计局\n全市共有社区一百二十个,比上年增加八个。"),
        Example("数据表的最后一列是来源，填写时不能为空，格式为“来源：机构名”。"),
        Example("他的阅读(每天两小时)习惯保持了很多年,这对他的写作帮助很大。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | Diagnostic | None:
        if _BAR.search(line.text) and (empty := _EMPTY_FIELD.search(line.text)):
            return self._empty_field(line, empty)
        text = plain(line.text)
        if line.edge and (_BARE_COUNTER.fullmatch(text) or _BYLINE.fullmatch(text)):
            return "post counter or byline"
        labels = pack(self.pack)
        text = bracketed[1] if (bracketed := _BRACKETED_LINE.fullmatch(text)) else text
        if "(" in text or "（" in text:  # (most lines have no bracket: no substitution to set up)
            text = _BRACKETED_COUNT.sub(r":\1 ", text)
        fields = _fields(text, _known_labels(self.pack))
        if not fields or not _is_metadata(fields, labels, line.edge):
            return None
        shown = "`, `".join(label for label, _ in fields[:3])
        return f"post metadata (`{shown}`)"

    def _empty_field(self, line: Candidate, field: regex.Match) -> Diagnostic:
        """A finding on an empty source field, removing it."""
        start = line.start + field.start()
        end = line.start + field.end()
        fix = Fix.replace(start, end, "", safe=False, message="remove the empty field")
        return self.diagnostic(start, end, "empty source field left by a template; remove it", fix)


@cache
def _known_labels(name: str) -> frozenset[str]:
    """Every field label of pack ``name``."""
    labels = pack(name)
    return labels["strong"] | labels["weak"] | labels["counter"] | labels["editor"] | labels["article-source"]


def _fields(line: str, known: frozenset[str]) -> list[tuple[str, str]]:
    """The (label, value) fields of a line made only of known fields, else []."""
    if not line or has_clause_punctuation(line):
        return []
    labels = list(_LABEL.finditer(line))
    if not labels or labels[0].start() != 0:
        return []
    fields = []
    for label, following in zip(labels, [*labels[1:], None]):
        value = line[label.end() : following.start() if following else len(line)].strip(" \t\u3000\xa0|｜")
        if label["label"] not in known or (len(value) > MAX_VALUE_LENGTH and not _URL.fullmatch(value)):
            return []
        fields.append((label["label"], value))
    return fields


def _is_metadata(fields: list[tuple[str, str]], labels: dict[str, frozenset[str]], edge: bool) -> bool:
    if any(label in labels["counter"] and _COUNT.fullmatch(value) for label, value in fields):
        return True
    credit = labels["editor"] | labels["article-source"]
    if len(fields) == 1 and fields[0][0] in credit:
        value = fields[0][1]
        if 0 < len(value) <= MAX_SINGLE_VALUE or _CREDIT_VALUE.fullmatch(value):
            return True
    if not edge:
        return sum(label in labels["strong"] for label, _ in fields) >= MIN_STRONG_IN_BODY
    if len(fields) >= 2:
        return True
    label, value = fields[0]
    if label in labels["time"]:
        return _TIMESTAMP.fullmatch(value) is not None
    return label in labels["source"] and value in labels["web-source"]
