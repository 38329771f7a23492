"""L006: the same punctuation mark twice in a row (`。 。`, `，，`, `、、`)."""

from __future__ import annotations

import regex

from wenlint import Document, Example, FixAvailability
from wenlint.context import char_after, char_before
from wenlint.kinds import PatternRule
from wenlint.textclass import is_chinese

_ASCII = frozenset(",;")
_FULLWIDTH_MARK = regex.compile(r"[，。、；：！？]")
#: The clause and sentence marks looked at, and the blanks that may stand between two of one.
_MARKS, _BLANKS = "，。、；：,;", " \u00a0\u3000"


class RepeatedPunctuation(PatternRule):
    code = "L006"
    name = "repeated-punctuation"
    summary = "A punctuation mark doubled by extraction: `。 。`, `，，`, `、、`"
    flags = """
        Exactly two of the same mark among `，` `。` `、` `；` `：` (or ASCII
        `,` `;` between Chinese characters, on a line of Chinese prose),
        with at most blanks between them.
    """
    why = """
        Text extracted from a PDF (fake-bold text is drawn twice) or pasted
        together from pieces often has a clause or sentence mark twice:
        `堡垒。 。`, `社区，，居民`, `省、、市`. One of them is noise.
    """
    leaves_alone = """
        Three or more (`。。。` is an informal ellipsis), the ellipsis `……`
        and the dash `——` (each is two characters by rule), `！！`, `？？` and
        `？！` (emphasis, a matter of style), `...`, `::` and `;;` in code,
        marks of different kinds (`，。`), URLs, e-mail addresses and
        Markdown code.
    """
    fix_safety = "The fix keeps the first mark and drops the rest; it is safe."
    fix = FixAvailability.SAFE
    #: A run of one clause or sentence mark, repeated with nothing but blanks between.
    pattern = f"(?P<mark>[{_MARKS}])(?P<rest>(?:[{_BLANKS}]*(?P=mark))+)"
    #: What every finding holds, looked for first with ``re`` (a third of the
    #: time ``regex`` takes over the whole text; most texts hold none).
    requires_match = f"([{_MARKS}])[{_BLANKS}]*\\1"
    message = "`{mark}` repeated"
    replacement = ""
    fix_group = "rest"
    fix_message = "keep one `{mark}`"
    bad = (
        Example(
            "打造社区坚强组织堡垒。 。健全完善社区组织体系。", fixed="打造社区坚强组织堡垒。健全完善社区组织体系。"
        ),
        Example(
            "社区的各类组织，，在社区建设上都有着不可替代的作用。",
            fixed="社区的各类组织，在社区建设上都有着不可替代的作用。",
        ),
        Example("贯彻省、、市创建平安和谐社区经验交流会精神。", fixed="贯彻省、市创建平安和谐社区经验交流会精神。"),
        Example("今天,,我们召开全区社区建设工作会议。", fixed="今天,我们召开全区社区建设工作会议。"),
    )
    good = (
        Example("他沉默了很久……然后说：“好吧——就这样。”"),
        Example("太好了！！我们赢了？？真的吗？！"),
        Example("嗯。。。我再想想。"),
        Example("等等...然后呢"),
        Example("运行 `case $x in a) echo 1;; esac` 即可。", path="notes.md"),
        Example("std::vector 和 a,,b 都不是中文。"),
        Example("姓名,,年龄\n张三,,30"),
        Example("时间：2022年，地点：北京；人员：张三、李四。"),
    )

    def keep(self, doc, match):
        mark = match["mark"]
        if match[0].count(mark) != 2:
            return False
        return mark not in _ASCII or _between_chinese(doc, *match.span())


def _between_chinese(doc: Document, start: int, end: int) -> bool:
    """Whether an ASCII run has Chinese on both sides, on a line with
    Chinese punctuation (not, say, an empty field of a CSV row)."""
    text = doc.text
    if not (is_chinese(char_before(text, start) or " ") and is_chinese(char_after(text, end) or " ")):
        return False
    line = doc.line(doc.position(start)[0])
    return _FULLWIDTH_MARK.search(text, line.start, line.end) is not None
