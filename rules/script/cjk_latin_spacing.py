"""M007: spacing between Chinese characters and Latin letters or digits, by house style."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint.textclass import UNITS, UNITS_2

_HAN = r"[\p{Han}〇]"
#: A Latin word or number: `Python`, `C++`, `Node.js`, `1.5`, `3,000`, `iPhone15`.
_TOKEN = r"[A-Za-z0-9](?:[A-Za-z0-9]|[.,_\-'’&/](?=[A-Za-z0-9]))*[+#]*"
#: forbid: one ASCII space between a Chinese character and a Latin word or number.
_SPACED = regex.compile(rf"(?<={_HAN}) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9+#]) (?={_HAN})")
#: require: a Latin word or number touching a Chinese character on either side.
_GLUED = regex.compile(rf"(?:(?<={_HAN}){_TOKEN}|(?<![A-Za-z0-9]){_TOKEN}(?={_HAN}))")
_NUMBER = regex.compile(r"[0-9]+(?:[.,\-][0-9]+)*")
#: A section number opening a line: `1 总则`, `3.1 术语`.
#: A field label after a value, in metadata lines: `编号:54424334 上传时间:…`.
_LABEL = regex.compile(r"\p{Han}{1,6}[:：]")
_SECTION = regex.compile(r"[ \t\u3000]*[0-9]+(?:\.[0-9]+)*")
#: The characters _SECTION matches.
_SECTION_CHARS = frozenset(" \t\u3000.0123456789")

#: A range: `5—7名`, `3~5天`.
_RANGE = frozenset("-—–~～")
#: A single letter glued to Chinese is usually a word of its own: `A股` `T恤` `X光` `维生素C`.
_SINGLE_LETTER = regex.compile(r"[A-Za-z]")


class CjkLatinSpacing(Rule):
    code = "M007"
    name = "cjk-latin-spacing"
    summary = "Space (or no space) between Chinese and Latin letters or digits, by house style"
    flags = """
        A space, or its absence, between Chinese characters and a Latin word
        or a number, against the house style. The option `style` chooses:

        - `forbid` (default): no space, as in GB/T 15834 and most official and
          published Chinese, `使用Python编程`, `2013年`. A single ASCII space
          between a Chinese character and a Latin letter or digit is flagged.
          This agrees with the layout rules, which remove spaces inside
          Chinese words and between a number and its unit.
        - `require`: a space, as in the copywriting guide 中文文案排版指北 and
          AutoCorrect, `使用 Python 编程`. A Latin word or number glued to a
          Chinese character is flagged — except a number written against its
          unit or measure word (`2013年`, `5个`, `3万`, `15%的`, `第3章`),
          which stays glued on both sides so that this style never asks for
          the spaces the layout rules remove, and a single letter that forms a
          word with the Chinese (`A股`, `T恤`, `维生素C`).

        Off by default: enable it with `extend-select = ["M007"]` and pick a style.
    """
    why = """
        House styles differ on whether Chinese text takes a space before and
        after a Latin word or a number; this rule holds a document to the
        one chosen.
    """
    leaves_alone = """
        Both styles leave alone: Chinese punctuation (only a Chinese character
        directly beside a letter or digit counts), URLs, e-mail addresses and
        Markdown code and the spaces beside them, line starts and ends, runs of
        two or more spaces, tabs and other blanks (table alignment; layout
        rules), and a section number opening a line (`1 总则`, `3.1 术语`).
    """
    fix_safety = """
        Both fixes are safe: `forbid` removes the space, `require` inserts one.
    """
    fix = FixAvailability.SAFE
    default_enabled = False
    options = {
        "style": Option(
            "forbid", "`forbid` a space between Chinese and Latin/digits, or `require` one", ("forbid", "require")
        ),
    }
    bad = (
        Example("我们使用 Python 编程。", fixed="我们使用Python编程。"),
        Example("2005 年市委召开了会议。", fixed="2005年市委召开了会议。"),
        Example("我们使用Python编程。", fixed="我们使用 Python 编程。", options={"style": "require"}),
        Example("新款iPhone发布了。", fixed="新款 iPhone 发布了。", options={"style": "require"}),
    )
    good = (
        Example("我们使用Python编程，2013年建成。"),
        Example("访问 https://example.com 了解详情，或写信到 a@example.com 联系。"),
        Example("1 总则\n3.1 术语和定义"),
        Example("项目    2019    2020\n收入    100     200"),
        Example("全市共有5个社区，覆盖率达到80%以上。"),
        Example("全市共有5个社区，覆盖率达到80%以上，2022年7月4日。", options={"style": "require"}),
        Example("我们使用 Python 编程。", options={"style": "require"}),
        Example("A股和B股都涨了，买了件T恤，补充维生素C。", options={"style": "require"}),
        Example("运行 `pip install x` 安装。", path="example.md", options={"style": "require"}),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        if self.settings["style"] == "forbid":
            return self._forbid(doc)
        return self._require(doc)

    def _forbid(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if " " not in text:
            return []
        found = []
        for match in _SPACED.finditer(text):
            space = match.start()
            if doc.is_verbatim(space - 1) or doc.is_verbatim(space + 1):  # the spaces beside a URL or code
                continue
            if _LABEL.match(text, space + 1):
                continue
            if text[space + 1] not in UNITS and _section_number_before(text, space):
                continue
            found.append(
                self.diagnostic(
                    space,
                    space + 1,
                    "space between Chinese and Latin text; the house style has none",
                    Fix.replace(space, space + 1, ""),
                )
            )
        return found

    def _require(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found = []
        for match in _GLUED.finditer(text):
            start, end = match.span()
            token = match[0]
            if _SINGLE_LETTER.fullmatch(token):
                continue
            after = text[end : end + 1]
            if _NUMBER.fullmatch(token) and _quantity(text, start, end):
                continue
            before = text[start - 1 : start]
            if start > 0 and regex.match(_HAN, before):
                found.append(self._missing(start, before, token))
            if after and regex.match(_HAN, after):
                found.append(self._missing(end, token, after))
        return found

    def _missing(self, at: int, left: str, right: str) -> Diagnostic:
        return self.diagnostic(
            at - 1,
            at + 1,
            f"no space between `{left}` and `{right}`; the house style has one",
            Fix.replace(at, at, " "),
        )


def _quantity(text: str, start: int, end: int) -> bool:
    """Whether the number ``text[start:end]`` is glued to its unit (`5个`, `15%`),
    or is one end of a range (`5—7名`)."""
    after = text[end : end + 1]
    return after in UNITS or after in _RANGE or text.startswith(UNITS_2, end) or text[start - 1 : start] in _RANGE


def _section_number_before(text: str, space: int) -> bool:
    """Whether the line holds only a section number (`3.2`, indented or not)
    before ``space``. Only the characters such a number takes are read back,
    so that a long line's many spaces cost little each."""
    start = space
    while start > 0 and text[start - 1] in _SECTION_CHARS:
        start -= 1
    return (start == 0 or text[start - 1] == "\n") and _SECTION.fullmatch(text, start, space) is not None
