"""S005: buttons and labels of a document viewer, as in `返回 下载 相关 举报`."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.kinds.line import Candidate
from wenlint_rules.spam.patterns import SpamLineRule, extra_patterns_option, pack

_SPACES = regex.compile(r"\s+")
_BUTTON_SEPARATOR = regex.compile(r"[\s|｜·•]+")
#: `第1页 / 共27页`, `共27页`: the viewer's page counter.
_PAGE_COUNTER = regex.compile(r"(?:第\s*\d+\s*页\s*[/／]\s*)?共\s*\d+\s*页")
#: `全市…辅导讲义_第1页`: a preview page's caption.
_PAGE_CAPTION = regex.compile(r".{1,80}_第\s*\d+\s*页")
#: `还剩25页未读,继续阅读`: the end of a preview, which no document says.
_PREVIEW_END = regex.compile(r"(?:还剩|剩余)\d+页未读.{0,10}")
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
        ending in `_第3页`. In the body only what no document says as a line
        of its own: `展开阅读全文`, `点击查看更多>>`, `还剩25页未读`. Option
        `extra-patterns`: more label lines.
    """
    why = """
        Document-sharing sites show a document in a viewer, and a scrape keeps
        its buttons and labels as lines: `返回 下载 相关 举报`, `第1页 / 共27页`,
        `…讲义_第3页`, `点击查看更多>>`, `资源描述`, `展开阅读全文`,
        `相关资源`, `相关搜索`, `电脑版`.
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
    anchors = ("strong", "preview")
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
    )

    def judge(self, doc: Document, line: Candidate) -> str | None:
        chrome = pack(self.pack)
        if len(line.text) > MAX_LENGTH or not _is_chrome(line.text, chrome, chrome["lines"] | self.extra, line.edge):
            return None
        return f"viewer chrome `{doc.text[line.start : line.end]}`"


def _is_chrome(line: str, chrome: dict[str, frozenset[str]], labels: frozenset[str], edge: bool) -> bool:
    """Whether a (normalised, stripped) line is viewer chrome in its zone."""
    key = _SPACES.sub("", line).rstrip(">»›")
    if _PREVIEW_END.fullmatch(key):
        return True
    if not edge:
        return key in chrome["strong"]
    if key in labels or _PAGE_COUNTER.fullmatch(line) or _PAGE_CAPTION.fullmatch(line):
        return True
    buttons = _BUTTON_SEPARATOR.split(line)
    return len(buttons) >= MIN_BUTTONS and all(token in chrome["buttons"] for token in buttons)
