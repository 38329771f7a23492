"""S005: buttons and labels of a document viewer, as in `返回 下载 相关 举报`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

import regex

from wenlint import Diagnostic, Document, Example
from wenlint.kinds.line import Candidate
from wenlint_rules.spam.patterns import SpamLineRule, extra_patterns_option, pack, plain, scan

_SPACES = regex.compile(r"\s+")
_BUTTON_SEPARATOR = regex.compile(r"[\s|｜·•，。：]+")
#: A button drawn as a link to a script: `[知道了](javascript:;)`.
_SCRIPT_LINK = regex.compile(r"\[[^\]]*\]\(javascript:(?:\\.|[^)\\])*\)", regex.I)
#: A WeChat byline: `原创`, and the author's names after it.
_BYLINE = regex.compile(r"原创(?:\s+[^\s，。：]{1,16}){0,3}")
#: `第1页 / 共27页`, `共27页`: the viewer's page counter.
_PAGE_COUNTER = regex.compile(r"(?:第\s*\d+\s*页\s*[/／]\s*)?共\s*\d+\s*页")
#: `全市…辅导讲义_第1页`: a preview page's caption.
_PAGE_CAPTION = regex.compile(r".{1,80}_第\s*\d+\s*页")
#: `还剩25页未读,继续阅读`: the end of a preview, which no document says.
_PREVIEW_END = regex.compile(r"(?:还剩|剩余)\d+页未读.{0,10}")
#: What a label may carry around it: punctuation and underscores (`，轻点两下取消赞`, `___发表于_`).
_AROUND_LABEL = "，。：、_"
#: Lines of one punctuation mark each: the residue of a page's hidden form (`：`, `，`, `。`).
_RESIDUE_RUN = regex.compile(r"(?m)^[，。：；、](?:\n[，。：；、])+$")
#: What a text with such a run holds: two of its lines (a quick test before the regex;
#: opening with the line break, which re finds far faster than the common marks).
_RESIDUE_PAIR = re.compile(r"\n(?<=[，。：；、]\n)[，。：；、]")
#: Lines a run needs in the body; in the head or tail two will do.
MIN_RESIDUE_IN_BODY = 3
MIN_BUTTONS = 2
MAX_LENGTH = 100


class ViewerChrome(SpamLineRule):
    code = "S005"
    name = "viewer-chrome"
    summary = "Buttons, page counters and labels of a document viewer"
    flags = """
        In the head or tail of the document: a line that is one of the
        viewer's labels (pack `data/spam_chrome.txt`, both scripts, spaces and
        a trailing `>>` ignored); a row of two or more buttons (`返回`, `下载`,
        `举报`, `上一页` …); a page counter (`第1页 / 共27页`); a page caption
        ending in `_第3页`. In any zone what no document says as a line of
        its own: `展开阅读全文`, `点击查看更多>>`, `还剩25页未读`, the viewer
        and dialogs of a saved WeChat article (`预览时标签不可点`,
        `继续滑动看下一个`, `，轻点两下取消赞`, `使用完整服务`), its byline
        (`原创`, then the author's names), a blog's `复制代码` button, buttons
        drawn as script links (`[知道了](javascript:;)`), a row of buttons
        holding one of those labels, and a run of three or more lines that
        are each one punctuation mark (`：`, `，`, `。`: a hidden form's
        residue; two in the head or tail). Markdown around a line (quote and
        list marks, emphasis, links) is read through. Option
        `extra-patterns`: more label lines.
    """
    why = """
        Document-sharing sites show a document in a viewer, and a scrape keeps
        its buttons and labels as lines: `返回 下载 相关 举报`, `第1页 / 共27页`,
        `…讲义_第3页`, `点击查看更多>>`, `资源描述`, `展开阅读全文`,
        `相关资源`, `相关搜索`, `电脑版`. A WeChat article saved as text ends
        in its viewer's dialogs and buttons: `预览时标签不可点`, `微信扫一扫`,
        `关注该公众号`, `知道了`, `取消`, `允许`, a column of `，`, `视频`,
        `赞`, `在看`.
    """
    leaves_alone = """
        Button rows in the body, a heading such as `相关资源` or `资源描述` in
        the body, page numbers in the body (the layout rules' business) and
        words inside sentences.
    """
    fix_safety = """
        The fix deletes the line: safe in the head or tail of the document,
        unsafe in the body.
    """
    pack = "chrome"
    anchors = ("strong", "preview", "marks")
    options = {"extra-patterns": extra_patterns_option("viewer label lines")}
    bad = (
        Example(
            "辅导讲义\n\n返回 下载 相关 举报\n辅导讲义_第1页\n第1页 / 共27页\n点击查看更多>>\n资源描述\n\n"
            "很高兴,再次能够和大家共同学习探讨社区党建工作。",
            fixed="辅导讲义\n\n很高兴,再次能够和大家共同学习探讨社区党建工作。",
        ),
        Example(
            "很高兴,再次能够和大家共同学习探讨社区党建工作。规模较大的小区业主委员\n\n展开阅读全文\n相关资源\n相关搜索",
            fixed="很高兴,再次能够和大家共同学习探讨社区党建工作。规模较大的小区业主委员",
        ),
        Example(
            "原创\n张三\n\n很高兴,再次能够和大家共同学习探讨社区党建工作。\n\n预览时标签不可点\n"
            "[知道了](javascript:;)\n：\n，\n。\n视频 小程序 赞 ，轻点两下取消赞\n",
            fixed="张三\n\n很高兴,再次能够和大家共同学习探讨社区党建工作。\n",
        ),
        Example(
            "很高兴,再次能够和大家共同学习探讨社区党建工作。\n\n下载APP阅读\n",
            fixed="很高兴,再次能够和大家共同学习探讨社区党建工作。\n",
            options={"extra-patterns": ["下载APP阅读"]},
        ),
    )
    good = (
        Example(
            "社区是居民生活的共同体,各方都要积极参与社区建设。\n\n相关资源\n\n社区要整合辖区内的各类相关资源,"
            "为居民提供便利的服务。\n\n第3页\n\n各类组织都要积极参与社区建设,形成工作合力。"
        ),
        Example("请点击下载按钮,然后返回首页查看相关内容,如有问题可以举报。"),
        Example(
            "数据集由三部分组成,下面分别说明。\n资源描述\n本数据集的资源描述包括名称、作者、格式和大小,便于读者检索。"
        ),
        Example("他说:“返回。”"),
        Example("他原创了一首歌。\n我知道了，明天一定按时到。\n复制代码之前，请先读一读许可证的要求。"),
        Example("他停顿了一下。\n，\n然后继续说下去，声音很低。"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        yield from super().check(doc)
        for index in _residue_lines(doc):
            if not self.starts_verbatim(doc, index):
                yield self.line_finding(doc, index, f"residue of the page's form; {self.action}")

    def judge(self, doc: Document, line: Candidate) -> str | None:
        if len(line.text) > MAX_LENGTH or not _is_chrome(line.text, pack(self.pack), self._labels, line.edge):
            return None
        return f"viewer chrome `{doc.text[line.start : line.end]}`"

    @cached_property
    def _labels(self) -> frozenset[str]:
        """The labels of a chrome line: the pack's, and the ``extra-patterns`` phrases."""
        return self.section("lines") | self.extra


def _is_chrome(line: str, chrome: dict[str, frozenset[str]], labels: frozenset[str], edge: bool) -> bool:
    """Whether a (normalised, stripped) line is viewer chrome in its zone: in
    any zone a strong label, script buttons, a byline or a row of buttons
    with a strong label among them; in the head or tail any label or row."""
    if not _SCRIPT_LINK.sub("", line).strip():
        return True
    line = plain(line)
    key = _SPACES.sub("", line).strip(_AROUND_LABEL).rstrip(">»›")
    if _PREVIEW_END.fullmatch(key) or key in chrome["strong"] or _BYLINE.fullmatch(line):
        return True
    buttons = [token for token in _BUTTON_SEPARATOR.split(line) if token]
    row = len(buttons) >= MIN_BUTTONS and all(
        token in chrome["buttons"] or token in chrome["strong"] for token in buttons
    )
    if not edge:
        return row and any(token in chrome["strong"] for token in buttons)
    return (
        row or key in labels or _PAGE_COUNTER.fullmatch(line) is not None or _PAGE_CAPTION.fullmatch(line) is not None
    )


def _residue_lines(doc: Document) -> Iterator[int]:
    """The lines of runs of lone punctuation marks: two or more lines in the
    head or tail, three or more in the body."""
    found = scan(doc)
    if not _RESIDUE_PAIR.search(found.text):
        return
    for run in _RESIDUE_RUN.finditer(found.text):
        lines = range(found.line_index(run.start()), found.line_index(run.end()) + 1)
        if len(lines) >= MIN_RESIDUE_IN_BODY or all(doc.zones.is_edge(index) for index in lines):
            yield from lines
