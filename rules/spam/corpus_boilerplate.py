"""S010: lines that repeat across many documents of a shard (site chrome)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option
from wenlint.linekeys import (
    MIN_LETTERS,
    LineCounter,
    RepeatedLines,
    document_keys,
    line_key,
    line_keys,
    normalized_lines,
)
from wenlint.shardrule import CorpusRule

#: A document whose repeated lines hold more than this share of its
#: characters is a duplicate of other documents, not a page with chrome.
MAX_REPEATED_SHARE = 0.5

#: Enumerated headings (`一、指导思想`, `（二）`, `3.`, `第二章`) are document
#: structure that many documents share, and salutations end with a colon.
_STRUCTURE = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分篇])|[：:]\s*$"
)


class CorpusBoilerplate(CorpusRule):
    code = "S010"
    name = "corpus-boilerplate"
    summary = "A line that repeats across many documents of the same shard (site chrome)"
    why = """
        Pages scraped from one site share lines that are no part of any
        document: navigation, viewer buttons, upload metadata, footers.
        No pattern pack knows every site, but the corpus does: such a line
        recurs in many documents of the same shard.
    """
    flags = """
        `wenlint scan` reads each shard twice. The first pass counts, for
        every line, in how many documents it occurs, after normalising it
        as CCNet does (digits become `0`; punctuation, symbols and spaces
        are dropped; case is folded), so `时间:2022-09-21 来源:网友投稿` and
        `时间：2023-01-05 来源：网友投稿` are one line. A normalised line needs 4
        characters that are not digits to be counted. The second pass flags
        a line found in at least `min-documents` documents of the shard
        (default 5) when it lies in the document's head or tail (before
        the first or after the last prose line: see the zones).

        `wenlint check` has no corpus, so there the rule flags only the
        lines listed in its `lines` option (normalised the same way): the
        chrome of a site you already know.
    """
    leaves_alone = """
        Body lines, enumerated headings (`一、指导思想`, `（二）`, `第二章`),
        lines ending in a colon (`各位领导、同志们：`), and every line of a
        document whose repeated lines hold more than half its characters —
        that document is a duplicate of others, a matter for deduplication.
    """
    fix_safety = "The fix (unsafe) deletes the line."
    fix = FixAvailability.UNSAFE
    bad = (
        Example(
            "社区建设工作会议讲话\n点击查看更多>>\n今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。\n",
            fixed="社区建设工作会议讲话\n今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。\n",
            options={"lines": ["点击查看更多>>"]},
        ),
        Example(
            "今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。\n時間:2022-09-21 03:23:00 來源:網友投稿",
            fixed="今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。",
            options={"lines": ["時間：2020-01-01 00:00:00 來源：網友投稿"]},
        ),
    )
    good = (
        Example(
            "社区建设工作会议讲话\n点击查看更多>>\n今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。\n"
        ),
        Example(
            "今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。\n点击查看更多\n"
            "会议强调，要进一步加强社区党组织建设，提高服务群众的水平。\n",
            options={"lines": ["点击查看更多"]},
        ),
        Example(
            "关于开展社区建设的实施方案\n一、指导思想\n以党的二十大精神为指导，全面加强社区建设，提高群众满意度。\n",
            options={"lines": ["一、指导思想"]},
        ),
        Example(
            "各位领导、同志们：\n今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。\n",
            options={"lines": ["各位领导、同志们："]},
        ),
        Example(
            "点击查看更多\n今天，我们召开会议，总结经验。\n",
            options={"lines": ["点击查看更多", "今天，我们召开会议，总结经验。"]},
        ),
    )
    options = {
        "min-documents": Option(5, "in `wenlint scan`: the fewest documents of a shard a line must occur in"),
        "lines": Option([], "lines known to be site chrome, flagged in `wenlint check` too (normalised as above)"),
    }

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        if self.settings["min-documents"] < 2:
            raise ValueError("option 'min-documents' must be at least 2")
        self.known = frozenset(_known_keys(self.settings["lines"]))

    # The corpus protocol: count each document's distinct line keys.
    def count(self, texts: Sequence[str]) -> tuple[list[int], int]:
        keys: list[int] = []
        for text in texts:
            keys.extend(document_keys(text))
        return keys, len(texts)

    def new_tally(self) -> LineCounter:
        return LineCounter()

    def merge(self, tally: LineCounter, counts: tuple[list[int], int]) -> LineCounter:
        tally.add(*counts)
        return tally

    def shard_view(self, tally: LineCounter) -> RepeatedLines:
        return tally.repeated_lines(self.settings["min-documents"])

    def view_to_plain(self, view: RepeatedLines) -> dict[str, Any]:
        return {"repeated": sorted(view.repeated), "documents": view.documents, "min_documents": view.min_documents}

    def view_from_plain(self, plain: dict[str, Any]) -> RepeatedLines:
        return RepeatedLines(frozenset(plain["repeated"]), plain["documents"], plain["min_documents"])

    def check(self, doc: Document) -> list[Diagnostic]:
        context = self.view_of(doc)
        repeated = context.repeated if context is not None else frozenset()
        if not (repeated or self.known):
            return []
        hits = [index for index, key in line_keys(doc.text) if key in repeated or key in self.known]
        if not hits or _mostly_repeated(doc, hits):
            return []
        why = (
            f"found in {context.min_documents} or more documents of this shard"
            if context is not None
            else "listed as site chrome"
        )
        zones = doc.zones
        found = []
        for index in hits:
            line = doc.line(index + 1)
            text = doc.text[line.start : line.end]
            if not zones.is_edge(index) or _STRUCTURE.search(text):
                continue
            start, end = zones.removal_span(index)
            fix = Fix.replace(start, end, "", safe=False, message="delete the line")
            found.append(self.diagnostic(line.start, line.end, f"line {why}: site chrome, not the document", fix))
        return found


def _known_keys(lines: list[Any]) -> list[int]:
    keys = []
    for line in lines:
        if not isinstance(line, str):
            raise ValueError(f"option 'lines' must be a list of strings, not {line!r}")
        normalized = "".join(normalized_lines(line))
        key = line_key(normalized)
        if key is None:
            raise ValueError(
                f"option 'lines': {line!r} is too short to compare "
                f"(it needs {MIN_LETTERS} characters besides digits and punctuation)"
            )
        keys.append(key)
    return keys


def _mostly_repeated(doc: Document, hits: list[int]) -> bool:
    """Whether the repeated lines hold more than MAX_REPEATED_SHARE of the text."""
    lines = doc.lines
    repeated = sum(lines[index].end - lines[index].start for index in hits)
    return repeated > MAX_REPEATED_SHARE * len(doc.text.strip())
