"""S009: a site name glued to the title, as in `美章网 资料文库 建设局社区建设会议上讲话范文`."""

from __future__ import annotations

from functools import lru_cache

import regex

from wenlint import Diagnostic, Document, Example, Fix
from wenlint.kinds.line import HEAD, Candidate
from wenlint.textclass import HAN
from wenlint_rules.spam.patterns import SpamLineRule, extra_patterns_option, pack

#: What sites put between their name, their sections and the title.
_SEPARATOR_CHARS = " \t\u3000\xa0|｜_·•>»:：-—–"
_SEPARATOR = r"[\s|｜_·•>»:：\-—–]"
_MIN_TITLE_HAN = 2


@lru_cache(maxsize=16)
def _affixes(extra: frozenset[str]) -> tuple[regex.Pattern, regex.Pattern]:
    """Regexes of a site name (with its sections) before and after a title."""
    sites = "|".join(map(regex.escape, sorted(pack("sites")["sites"] | extra, key=len, reverse=True)))
    sections = "|".join(map(regex.escape, sorted(pack("sites")["sections"], key=len, reverse=True)))
    named = rf"(?:{sites})(?:{_SEPARATOR}+(?:{sections}))*"
    prefix = regex.compile(rf"{named}(?:{_SEPARATOR}+|$)")
    suffix = regex.compile(rf"{_SEPARATOR}+{named}$")
    return prefix, suffix


class SiteNameTitle(SpamLineRule):
    code = "S009"
    name = "site-name-title"
    summary = "A site name glued to the document's title"
    flags = """
        In the head of the document, a line that starts or ends with the name
        of a document-sharing or essay site (pack `data/spam_sites.txt`, both
        scripts), possibly followed by its section names (`资料文库`,
        `范文大全`), separated from the title by spaces, `|`, `_`, `-` or `>`.
        Option `extra-patterns`: more site names.
    """
    why = """
        A page's title often carries the site's name and section, and the
        scrape keeps them in the document's first line: `美章网 资料文库
        建设局社区建设会议上讲话范文`, `社区工作总结_百度文库`.
    """
    leaves_alone = """
        The same words in the body (`我在百度文库上找到了这篇讲话`).
    """
    fix_safety = """
        The safe fix removes the site name and sections and keeps the title;
        a line that is nothing but the site name is deleted.
    """
    pack = "sites"
    zone_policy = HEAD
    options = {"extra-patterns": extra_patterns_option("site names")}
    bad = (
        Example(
            "美章网 资料文库 建设局社区建设会议上讲话范文\n\n同志们:今天,我们召开全区社区建设工作会议,研究今后的工作思路。",
            fixed="建设局社区建设会议上讲话范文\n\n同志们:今天,我们召开全区社区建设工作会议,研究今后的工作思路。",
        ),
        Example(
            "社区工作总结_百度文库\n今年以来,我们扎实推进社区建设工作,取得了明显成效。",
            fixed="社区工作总结\n今年以来,我们扎实推进社区建设工作,取得了明显成效。",
        ),
        Example(
            "範文網 | 社区工作总结\n今年以来,我们扎实推进社区建设工作,取得了明显成效。",
            fixed="社区工作总结\n今年以来,我们扎实推进社区建设工作,取得了明显成效。",
            options={"extra-patterns": ["范文网"]},
        ),
        Example(
            "美章网\n社区工作总结\n今年以来,我们扎实推进社区建设工作,取得了明显成效。",
            fixed="社区工作总结\n今年以来,我们扎实推进社区建设工作,取得了明显成效。",
        ),
    )
    good = (
        Example("社区工作总结\n\n我在百度文库上找到了这篇讲话,觉得写得很好,值得大家学习借鉴。"),
        Example("学科网络建设的几点思考\n\n学科网络建设是高校信息化的重要内容,需要统筹规划。"),
        Example("豆丁的故事\n\n豆丁是一只小狗,它每天都在社区的花园里快乐地玩耍。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | Diagnostic | None:
        prefix, suffix = _affixes(self.extra)
        match = prefix.match(line.text) or suffix.search(line.text)
        if match is None:
            return None
        rest = line.text[: match.start()] + line.text[match.end() :]
        name_start, name_end = line.start + match.start(), line.start + match.end()
        name = doc.text[name_start:name_end].strip(_SEPARATOR_CHARS)
        if not rest.strip():
            return f"site name `{name}` alone"
        if len(HAN.findall(rest)) < _MIN_TITLE_HAN:
            return None
        fix = Fix.replace(name_start, name_end, "", message="remove the site name")
        return self.diagnostic(name_start, name_end, f"site name `{name}` glued to the title; remove it", fix)
