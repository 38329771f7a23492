"""S013: a site keyword repeated through an article, as in `…很爱我。 作文大全 她每天…`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import regex

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.textclass import is_prose
from wenlint_rules.spam.patterns import Scan, scan

#: A phrase inserted between sentences: a run of Chinese characters after a
#: sentence end (and blanks), and before the line's end or a blank and more
#: Chinese (`…爱我。作文大全 她每天…`). A clause of the text
#: ends in its own punctuation (`情节严重的，`), a keyword does not.
_PHRASE = regex.compile(r"(?<=[。！？][^\S\n]*)\p{Han}{4,12}(?=$|[^\S\n]+\p{Han})", regex.M)
#: Times a phrase must be inserted into prose lines, and lines it must be spread over.
MIN_COUNT = 4
MIN_LINES = 3
#: Share of all its occurrences that must be inserted (a document's subject
#: also appears inside its sentences: `依照本条例规定`).
MIN_APART_SHARE = 0.75


class KeywordStuffing(Rule):
    code = "S013"
    name = "keyword-stuffing"
    summary = "A site keyword repeated through an otherwise normal article"
    preview = True
    flags = """
        A phrase of 4 to 12 Chinese characters inserted between sentences
        of prose lines — after a sentence end (`。`, `！`, `？`, perhaps a
        blank), and before the line's end or a blank and more text, with no
        punctuation of its own — at least 4 times, over at least 3 lines,
        and nearly always so (at least 75% of its occurrences): a keyword
        dropped into the text rather than written into its sentences. Each
        occurrence is a finding, its message naming the count.
    """
    why = """
        SEO spam pages repeat a site keyword through an otherwise normal
        article (a school essay with `作文大全` between its sentences), so that
        search engines rank the page for it. The keyword is not part of the
        text, and a model trained on it learns to scatter it.
    """
    leaves_alone = """
        Legitimate repetition: a law repeating `本条例`, a recipe its
        ingredient, a tutorial its product name, a Q&A its subject — they
        sit inside sentences (`依照本条例规定`, `将鸡蛋打散`), end a clause
        with its punctuation (`情节严重的，`), fill a column of a table of
        people (`胡柏枝 独立董事 男`), are headings and list items (whole
        lines), or are Latin words.
    """
    fix_safety = """
        No fix: whether the sentence needs the phrase is for a reader to
        decide. Preview: the judged sample on real text is small.
    """
    bad = (
        Example(
            "我的妈妈\n\n我的妈妈很爱我。作文大全 她每天早上给我做饭，送我上学。\n"
            "妈妈工作很辛苦。作文大全 晚上还要辅导我写作业，从来不说累。\n"
            "有一次我生病了，妈妈一夜没睡。 作文大全 她守在我身边，给我讲故事。\n"
            "我长大了也要好好孝顺她，让她过上好日子。作文大全"
        ),
    )
    good = (
        Example(
            "第一条 为了加强管理，制定本条例。\n第二条 本条例适用于全市。\n"
            "第三条 依照本条例规定，各部门负责实施。\n第四条 违反本条例的，依法处理。"
        ),
        Example(
            "番茄炒鸡蛋\n\n材料：西红柿两个，鸡蛋三个。\n将鸡蛋打散，加少许盐。\n"
            "锅里放油，先炒鸡蛋，盛出备用。\n再炒西红柿，最后把鸡蛋倒回去翻炒。"
        ),
        Example(
            "使用 GitHub Actions 可以自动部署。\nGitHub Actions 的工作流写在 YAML 文件里。\n"
            "GitHub Actions 免费额度足够个人项目使用。\n你在使用 GitHub Actions 时遇到过什么问题？"
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        found = scan(doc)
        apart: dict[str, list[regex.Match]] = defaultdict(list)
        for match in _PHRASE.finditer(found.text):
            if _inside_prose(found, match):
                apart[match[0]].append(match)
        for phrase, matches in apart.items():
            lines = {found.line_index(match.start()) for match in matches}
            if (
                len(matches) >= MIN_COUNT
                and len(lines) >= MIN_LINES
                and len(matches) >= MIN_APART_SHARE * found.text.count(phrase)
            ):
                message = f"keyword `{phrase}` stands alone {len(matches)} times through the text: stuffed for search engines?"
                yield from (self.diagnostic(*match.span(), message) for match in matches)


def _inside_prose(found: Scan, match: regex.Match) -> bool:
    """Whether ``match`` is part of a prose line, not the whole line."""
    line = found.line(found.line_index(match.start())).strip()
    return line != match[0] and is_prose(line)
