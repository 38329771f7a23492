"""S007: a line of tags or search links, as in `推荐访问:会上 观摩 党建 …`."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.kinds.line import Candidate
from wenlint.textclass import SENTENCE_END
from wenlint_rules.spam.patterns import SpamLineRule, extra_patterns_option, plain, scan

_LABEL = regex.compile(r"(?P<label>[^:：\s]{1,8})\s*[:：]\s*(?P<tags>.*)")
#: What an abstract is headed with: a document with one is a paper, whose keywords are its own.
_ABSTRACT = regex.compile(r"摘\s*要|提\s*要|abstract", regex.I)
MAX_LENGTH = 300


class TagFooter(SpamLineRule):
    code = "S007"
    name = "tag-footer"
    summary = "A line of tags or search links under a post"
    flags = """
        A line that starts with a tag label and a colon, followed by a list of
        short items and no sentence end but a final `。` (a list or quote mark
        before the label is read through: `- 本文关键词：…`). Labels are in the pack
        `data/spam_tags.txt` (both scripts): strong ones (`推荐访问`,
        `相关搜索`, `热门搜索`, `猜你喜欢`, `本文关键词`) in any zone, the others
        (`标签`, `相关文章`, `延伸阅读` …) only in the head or tail of the
        document, and `关键词` only there and in a document without an
        abstract (`摘要`, `提要`, `Abstract`).
        Option `extra-patterns`: more labels, flagged in the head or tail.
    """
    why = """
        Sites put a line of tags or search links under a post for search
        engines and readers: `推荐访问:会上 观摩 党建 …`, `相关搜索:…`,
        `标签:…`. It lists the site's pages, not the document's content.
    """
    leaves_alone = """
        A paper's `关键词:` line (the document has an abstract, `摘要`), and
        one in the body.
    """
    fix_safety = """
        The fix deletes the line: safe in the head or tail, unsafe in the body.
    """
    pack = "tags"
    anchors = ("strong",)
    requires = (":", "：")
    options = {"extra-patterns": extra_patterns_option("tag labels")}
    bad = (
        Example(
            "同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。\n\n"
            "推荐访问:会上 观摩 党建 在党建引领社区治理体系建设观摩推进会上讲话 党建引领基层社会治理讲话",
            fixed="同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。",
        ),
        Example(
            "同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。\n\n標籤:社區治理,黨建,講話稿\n",
            fixed="同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。\n",
        ),
        Example(
            "同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。\n\n更多阅读:党建 讲话",
            fixed="同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。",
            options={"extra-patterns": ["更多阅读"]},
        ),
        Example(
            "同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。\n\n本文关键词：党建，社区治理，讲话",
            fixed="同志们,党建引领社区治理体系建设是一项创新性、开拓性工程。",
        ),
    )
    good = (
        Example(
            "摘要:本文研究社区治理。\n关键词:社区治理;党建引领;基层治理\n\n社区是城市社会的基本单元,也是基层治理的重要基础。"
        ),
        Example("社区是城市社会的基本单元。\n标签:这是给每件物品贴上的小卡片\n社区要加强治理,提升服务水平。"),
        Example("他在报告里写道:相关搜索结果显示,居民最关心的是物业问题。"),
    )

    def judge(self, doc: Document, line: Candidate) -> str | None:
        text = plain(line.text)
        match = _LABEL.fullmatch(text)
        if not match or len(text) > MAX_LENGTH or not match["tags"] or SENTENCE_END.search(text.rstrip("。")):
            return None
        label = match["label"]
        if label in self.section("strong") or (line.edge and self._edge_label(doc, label)):
            return f"tag line `{label}:`"
        return None

    def _edge_label(self, doc: Document, label: str) -> bool:
        """Whether ``label`` is a tag label in the head or tail (the abstract searched only for `关键词`)."""
        if label in self.section("weak") or label in self.extra:
            return True
        return label in self.section("no-abstract") and not _ABSTRACT.search(scan(doc).text)
