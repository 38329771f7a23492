"""S008: the title repeated at the top, as in `讲话(2022年)␤␤讲话(2022年)␤␤讲话`."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.kinds.line import HEAD, Candidate
from wenlint.textclass import HAN
from wenlint.zones import is_prose
from wenlint_rules.spam.patterns import SpamLineRule, pack, scan

_SPACES = regex.compile(r"\s+")
_BRACKETED_END = regex.compile(r"[(（【\[](?P<inner>[^()（）【】\[\]]{1,15})[)）】\]]$")
#: A title line: this long at most, this many Chinese characters at least.
MAX_TITLE_LENGTH = 80
MIN_TITLE_HAN = 6
#: Extra characters a near repeat may have (`…上讲话` and `…上的讲话`).
MAX_EXTRA = 2
#: The repeats are among the document's first lines with text: a site stacks
#: its titles at the very top, while a table header or a numbered heading met
#: again further down is the document's own.
TOP_LINES = 6
#: A numbered heading or list item (`1、`, `（二）`, `3.`): the document's own, never a site's title.
_ENUMERATED = regex.compile(
    r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、.．]|[(（](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]"
)


class RepeatedTitle(SpamLineRule):
    code = "S008"
    name = "repeated-title"
    summary = "The title repeated two or three times at the top"
    flags = """
        In the head of the document, a title line (80 characters or fewer, at
        least six Chinese characters, not prose) that another title line below
        it repeats, once site additions are set aside (a trailing `范文`,
        `模板`, `精选`, `(2022年)`, `(精选3篇)` … from the pack
        `data/spam_title_variants.txt`) and allowing two extra characters
        (`上讲话` / `上的讲话`).
    """
    why = """
        A scraped page shows the title as the page title, as the heading of
        the site's summary and again as the document's own first line, so the
        text starts with the same line two or three times, often with a
        site's addition: `建设局社区建设会议上讲话范文`, `建设局社区建设会议上讲话`;
        `…推进会上讲话(2022年)`, `…推进会上的讲话`.
    """
    leaves_alone = """
        Headings in the body; repeats below the first six lines with text (a
        table header or a heading an extraction meets again); numbered
        headings (`1、…`, `（二）…`); short lines such as `相关搜索` (the
        viewer-chrome rule's).
    """
    fix_safety = """
        The last of the repeats, the one right above the body, is kept; the
        safe fix deletes the others.
    """
    pack = "title_variants"
    zone_policy = HEAD
    action = "delete this one"
    bad = (
        Example(
            "社区建设会议上讲话范文\n\n社区建设会议上讲话\n\n同志们:今天,我们召开全区社区建设工作会议,研究今后的工作思路。",
            fixed="社区建设会议上讲话\n\n同志们:今天,我们召开全区社区建设工作会议,研究今后的工作思路。",
        ),
        Example(
            "观摩推进会上讲话(2022年)\n\n观摩推进会上讲话(2022年)\n\n观摩推进会上的讲话\n\n"
            "在全市上下深入学习贯彻全会精神的重要时刻,市委决定召开这次会议。",
            fixed="观摩推进会上的讲话\n\n在全市上下深入学习贯彻全会精神的重要时刻,市委决定召开这次会议。",
        ),
        Example(
            "社區構建問題報告\n\n社區構建問題報告\n\n社區是城市社會的基本構成單元,也是構建社會主義和諧社會的重要基石。",
            fixed="社區構建問題報告\n\n社區是城市社會的基本構成單元,也是構建社會主義和諧社會的重要基石。",
        ),
    )
    good = (
        Example("第一章 社区建设总则\n\n第二章 社区建设总则\n\n社区是城市社会的基本单元,也是基层治理的重要基础。"),
        Example(
            "报告期内独立董事履行职责的情况\n1、独立董事出席董事会及股东大会的情况\n"
            "1、独立董事出席董事会及股东大会的情况\n本报告期内，独立董事均亲自出席会议。"
        ),
        Example(
            "应收账款\n单位：元\n项目 期末余额 期初余额 账面价值\n应收票据 1,000.00 2,000.00\n其他说明：无\n"
            "预付款项\n单位：元\n坏账准备 期末余额 期初余额 账面价值\n项目 期末余额 期初余额 账面价值\n"
            "按组合计提坏账准备的应收账款，公司按账龄分析法计提。"
        ),
        Example("2021年社区工作总结\n2022年社区工作总结\n\n社区是城市社会的基本单元,也是基层治理的重要基础。"),
        Example(
            "社区工作总结\n\n社区是城市社会的基本单元,也是基层治理的重要基础。\n\n社区工作总结\n\n我们要继续努力。"
        ),
        Example("社区工作总结\n社区工作总结报告书\n\n社区是城市社会的基本单元,也是基层治理的重要基础。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | None:
        kept = doc.view(_repeated_titles).get(line.index)
        return None if kept is None else f"title repeated (kept on line {kept + 1})"


def _repeated_titles(doc: Document) -> dict[int, int]:
    """The title lines of the head that a later one repeats: index → index of the
    later one (the first repeat below it)."""
    if len(doc.zones.head) < 2:
        return {}
    found = scan(doc)
    top = [index for index in doc.zones.head if found.line(index).strip()][:TOP_LINES]
    titles = [
        (index, _key(line))
        for index in top
        if _is_title(line := found.line(index).strip()) and not SpamLineRule.starts_verbatim(doc, index)
    ]
    repeated = {}
    for position, (index, key) in enumerate(titles):
        kept = next((later for later, other in titles[position + 1 :] if _same_title(key, other)), None)
        if kept is not None:
            repeated[index] = kept
    return repeated


def _is_title(line: str) -> bool:
    return (
        0 < len(line) <= MAX_TITLE_LENGTH
        and len(HAN.findall(line)) >= MIN_TITLE_HAN
        and not is_prose(line)
        and not _ENUMERATED.match(line)
    )


def _key(line: str) -> str:
    """A title without spaces and without the additions sites make."""
    variants = pack("title_variants")
    key = _SPACES.sub("", line)
    changed = True
    while changed:
        changed = False
        bracketed = _BRACKETED_END.search(key)
        if bracketed and any(word in bracketed["inner"].lower() for word in variants["bracketed"]):
            key, changed = key[: bracketed.start()], True
        for suffix in variants["suffixes"]:
            if key.endswith(suffix) and len(key) - len(suffix) >= MIN_TITLE_HAN:
                key, changed = key[: -len(suffix)], True
    return key


def _same_title(a: str, b: str) -> bool:
    """Equal, or one is the other with up to two characters added."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) > MAX_EXTRA or len(HAN.findall(short)) < MIN_TITLE_HAN:
        return False
    rest = iter(long)
    return all(char in rest for char in short)
