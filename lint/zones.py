"""Head, body and tail: where the document proper starts and ends.

A scraped page wraps its document in lines that are not part of it: site
names, breadcrumbs, upload metadata and promos above, tag lists and licence
footers below. The zone view tells, for each line, whether it lies in the
*head* (before the body starts), the *body*, or the *tail* (after the body
ends). Rules use it as evidence: boilerplate words in the head or tail are
boilerplate, the same words in the body are usually prose.

The body is bounded by prose lines. A line is prose when it has at least
``textclass.MIN_PROSE_HAN`` Chinese characters and clause or sentence punctuation,
unless it is a labelled list with no sentence end (`标签:社区治理,党建,讲话稿`);
the body starts at the first prose line and ends with the last one. A prose line
that quotes a title line from above it and adds little else
(`本站为你精心整理了{title}范文……`, `《{title}》由会员分享……`) talks about
the document rather than being part of it, and does not start or end the
body. Everything between the first and last body lines is body, whatever it
looks like; short lines around the body (titles, `同志们：`, `谢谢大家！`)
are in the head or tail, which marks where to look, not what to flag.
A document without a prose line is all body: there is no evidence of where
it starts.
"""

from __future__ import annotations

import bisect
import enum
from typing import TYPE_CHECKING

import regex

from wenlint.textclass import HAN, is_prose

if TYPE_CHECKING:
    from wenlint.document import Document

#: Characters besides a quoted title that a line about the document may have.
META_EXTRA = 80
#: Title lines: this many Chinese characters at least, this many characters at most.
TITLE_MIN_HAN = 4
TITLE_MAX_LENGTH = 60
#: Title lines remembered while looking for the body.
MAX_TITLES = 20
#: Site chrome that can read as a sentence: a link to the previous or next
#: post, a credit or source label (`上一篇文章：社区工作总结？`), a site's
#: disclaimer (`本站文章均来自网络，如有侵权请告知…`). It never bounds the body.
_CHROME = regex.compile(
    r"^\s*[【\[]?(?:上一篇|下一篇|上一页|下一页|上一条|下一条|相关阅读|相关文章|推荐阅读|责任编辑|文章来源|本文来源|来源|免责声明)"
    r"[^：:]{0,4}[：:]"
    r"|^\s*(?:本站|本网站?|本文章?)[^。]{0,30}(?:如有侵权|侵删|版权归原作者|转载请注明|来自网络|来源于网络|来自互联网)"
)


class Zone(str, enum.Enum):
    HEAD = "head"
    BODY = "body"
    TAIL = "tail"


class Zones:
    """The zones of a document's lines (0-based line indexes, as in
    ``doc.line_starts``). The body is ``lines[body_start:body_end]``.
    (It keeps the text and line starts, not the document, which caches it.)"""

    def __init__(self, doc: Document) -> None:
        self._text = doc.text
        self._starts = doc.line_starts
        self._count = len(self._starts)
        self._titles: list[str] = []
        self.body_start, self.body_end = self._find_body()

    def _end(self, index: int) -> int:
        """Where line ``index`` ends, before its line break."""
        return self._starts[index + 1] - 1 if index + 1 < self._count else len(self._text)

    def text(self, index: int) -> str:
        """Line ``index`` without its line break."""
        return self._text[self._starts[index] : self._end(index)]

    def _find_body(self) -> tuple[int, int]:
        start = next((i for i in range(self._count) if self._opens_body(i)), None)
        if start is None:
            return 0, self._count
        end = next(i for i in range(self._count - 1, start - 1, -1) if self._closes_body(i))
        return start, end + 1

    def _opens_body(self, index: int) -> bool:
        """Whether line ``index`` is the first body line; remembers title lines on the way."""
        line = self.text(index).strip()
        if not line:
            return False
        if is_prose(line):
            return not self._describes_page(line)
        if len(line) <= TITLE_MAX_LENGTH and len(self._titles) < MAX_TITLES and len(HAN.findall(line)) >= TITLE_MIN_HAN:
            self._titles.append(line)
        return False

    def _closes_body(self, index: int) -> bool:
        line = self.text(index).strip()
        return bool(line) and is_prose(line) and not self._describes_page(line)

    def _describes_page(self, line: str) -> bool:
        """A prose line that never bounds the body: about the document, or site chrome."""
        return self._about_document(line) or _CHROME.search(line) is not None

    def _about_document(self, line: str) -> bool:
        """A prose line that quotes a title line and adds little else."""
        return any(title in line and len(line) - line.count(title) * len(title) <= META_EXTRA for title in self._titles)

    # -- queries -----------------------------------------------------------

    @property
    def has_body_bounds(self) -> bool:
        """Whether the body was found; without it every line is body."""
        return self.body_start > 0 or self.body_end < self._count

    @property
    def head(self) -> range:
        return range(self.body_start)

    @property
    def body(self) -> range:
        return range(self.body_start, self.body_end)

    @property
    def tail(self) -> range:
        return range(self.body_end, self._count)

    def zone(self, index: int) -> Zone:
        """The zone of line ``index``."""
        if index < self.body_start:
            return Zone.HEAD
        if index >= self.body_end:
            return Zone.TAIL
        return Zone.BODY

    def zone_at(self, offset: int) -> Zone:
        """The zone of the line holding ``offset``."""
        return self.zone(bisect.bisect_right(self._starts, offset) - 1)

    def is_edge(self, index: int) -> bool:
        """Whether line ``index`` is in the head or the tail."""
        return index < self.body_start or index >= self.body_end

    def removal_span(self, index: int) -> tuple[int, int]:
        """The span that deletes line ``index`` with the blank lines beside it,
        so that no blank line is left at the edge of the text: the line, its
        line break and the blank lines after it; or, for a line with nothing
        but blank lines after it (and in the tail), the line breaks and blank
        lines before it and the line."""
        after = next((i for i in range(index + 1, self._count) if self.text(i).strip()), None)
        before = next((i for i in range(index - 1, -1, -1) if self.text(i).strip()), None)
        if after is not None and (index < self.body_end or before is None):
            return self._starts[index], self._starts[after]
        if before is None:  # the only line with text
            return 0, self._end(index)
        return self._end(before), self._end(index)
