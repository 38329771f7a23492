"""S006: a site footer's licence numbers and copyright, as in `蜀ICP备13022795号`."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Fix
from wenlint.kinds.line import Candidate
from wenlint.textclass import SENTENCE_END, is_prose
from wenlint_rules.spam.patterns import SpamLineRule

#: ICP filing and licence numbers (`蜀ICP备13022795号`, `京ICP证030173号`),
#: police filing numbers (`川公网安备 51140202000112号`), value-added telecom
#: licences (`川B2-20120012`): numbers no prose sentence carries.
_NUMBER = regex.compile(
    r"ICP\s*(?:备案|备|证)\s*(?:号\s*)?[:：]?\s*\d{5,}"
    r"|公网安备\s*(?:号\s*)?[:：]?\s*\d{8,}"
    r"|\p{Han}B[12]-\d{8}",
    regex.I,
)
#: A licence number with its label and the separator before it, as a phrase
#: to cut out of a line that says more (`…谢谢。 备案号：京ICP备12345678号-1`).
_NUMBER_PHRASE = regex.compile(
    r"[\s|｜]*(?P<phrase>(?:(?:网站|ICP)?备案(?:编?号)?|(?:增值电信业务)?经营许可证(?:编号)?)?\s*[:：]?\s*"
    r"(?:\p{Han}?ICP\s*(?:备案|备|证)\s*(?:号\s*)?[:：]?\s*\d{5,}号?(?:-\d+)?"
    r"|\p{Han}?公网安备\s*(?:号\s*)?[:：]?\s*\d{8,}号?))",
    regex.I,
)
#: A copyright notice: `©2022`, `Copyright © 2008-2022`, `All Rights Reserved`.
_COPYRIGHT = regex.compile(r"©\s*\d{4}|(?<![:\w])copyright(?![:\w])|all\s+rights\s+reserved", regex.I)
_RIGHTS = "版权所有"
MAX_LENGTH = 120


class LicenceFooter(SpamLineRule):
    code = "S006"
    name = "licence-footer"
    summary = "A site footer: ICP and police filing numbers, copyright notice"
    flags = """
        A short line (120 characters or fewer, at most one sentence end)
        holding an ICP number (`蜀ICP备13022795号`, `京ICP证030173号`), a
        police filing number (`公网安备 51140202000112号`) or a telecom licence
        (`川B2-20120012`), in any zone; and, in the head or tail of the
        document, a short line holding `版权所有` (not the word
        `版权所有人`/`版权所有者`) or a copyright notice (`©2022`, `Copyright`,
        `All Rights Reserved`). A line that says more than a footer (a
        sentence, or more than 120 characters) with an ICP or police filing
        number in it: the number and its label (`备案号：京ICP备12345678号`).
    """
    why = """
        Chinese websites must show their ICP filing number and often their
        public-security filing number in the footer, next to the copyright:
        `电脑版 |金锄头文库版权所有`, `经营许可证:蜀ICP备13022795号 | 川公网安备
        51140202000112号`. Scraped with the page, the footer is the site's,
        not the document's.
    """
    leaves_alone = """
        A sentence that mentions copyright (`我们的版权所有人`, `本书版权所有,
        侵权必究` inside a paragraph).
    """
    fix_safety = """
        The fix deletes the line (a number inside a longer line: the number
        and its label): safe in the head or tail, unsafe in the body.
    """
    pack = "licence"
    anchors = ("anchors",)
    browse = frozenset()
    bad = (
        Example(
            "很高兴,再次能够和大家共同学习探讨社区党建工作。\n\n电脑版\xa0|金锄头文库版权所有\n"
            "经营许可证:蜀ICP备13022795号\xa0|\xa0川公网安备\xa051140202000112号",
            fixed="很高兴,再次能够和大家共同学习探讨社区党建工作。",
        ),
        Example(
            "很高兴,再次能够和大家共同学习探讨社区党建工作。\n\nCopyright © 2008-2022 范文网 All Rights Reserved\n",
            fixed="很高兴,再次能够和大家共同学习探讨社区党建工作。\n",
        ),
        Example(
            "很高兴,再次能够和大家共同学习探讨社区党建工作。\n京ICP备12345678号-1\n我们要把社区党建工作抓紧抓好,抓出成效。",
            fixed="很高兴,再次能够和大家共同学习探讨社区党建工作。\n我们要把社区党建工作抓紧抓好,抓出成效。",
        ),
        Example(
            "很高兴,再次能够和大家共同学习探讨社区党建工作。我们要把社区党建工作抓紧抓好。备案号：京ICP备12345678号",
            fixed="很高兴,再次能够和大家共同学习探讨社区党建工作。我们要把社区党建工作抓紧抓好。",
        ),
    )
    good = (
        Example("我们的版权所有人已经同意授权,这部作品可以在社区图书馆免费借阅。"),
        Example("出版说明\n\n本书版权所有,侵权必究。本书的出版得到了社区各界的大力支持,在此一并致谢。"),
        Example("版权所有者\n\n作品的版权归作者所有,任何单位和个人未经许可不得转载或者摘编。"),
        Example("网站备案是指向主管部门申请ICP备案,备案成功后会得到一个备案号,要放在网站底部。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | Diagnostic | None:
        text = line.text
        if len(text) > MAX_LENGTH or len(SENTENCE_END.findall(text)) > 1 or is_prose(_NUMBER_PHRASE.sub("", text)):
            return self._number_in_prose(line)
        if _NUMBER.search(text) or (
            line.edge and (_COPYRIGHT.search(text) or _rights(text, self.section("owner-suffix")))
        ):
            return "site licence footer"
        return None

    def _number_in_prose(self, line: Candidate) -> Diagnostic | None:
        """The first licence number of a line that says more than a footer."""
        match = _NUMBER_PHRASE.search(line.text)
        if match is None:
            return None
        start, end = line.start + match.start("phrase"), line.start + match.end()
        fix = Fix.replace(line.start + match.start(), end, "", safe=line.edge, message="remove the licence number")
        return self.diagnostic(start, end, "site licence number in the text; remove it", fix)


def _rights(line: str, owner: frozenset[str]) -> bool:
    """Whether `版权所有` stands as a notice, not as `版权所有人`."""
    start = line.find(_RIGHTS)
    while start != -1:
        after = line[start + len(_RIGHTS) :]
        if not any(after.startswith(word) for word in owner):
            return True
        start = line.find(_RIGHTS, start + 1)
    return False
