"""L011: a figure or table number glued to the year after it (`图52008—2018年`)."""

from __future__ import annotations

import re

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import DIGIT

#: A caption at a line's start: 图/表/Fig./Table, a number of one or two digits
#: glued to a year (1900–2099) that a year range or 年 follows.
_GLUED = regex.compile(
    r"^[ \t]*(?:#+[ \t]*)?(?P<label>图|表|附图|附表|Fig\.?|Figure|Table)[ \t]*"
    r"(?P<number>[1-9]\d?)(?P<year>(?:19|20)\d\d)(?=[ \t]*(?:[—–~～\-至到][ \t]*(?:19|20)\d\d|年))",
    regex.M,
)
#: What every glued caption holds, looked for first: most texts hold none, and
#: this pattern, not tied to a line's start, is tried faster than _GLUED is
#: (in ``re``, which skips in C to where one of its labels can start).
_LABEL_YEAR = re.compile(rf"(?:图|表|Fig\.?|Figure|Table)[ \t]*[1-9]{DIGIT}?(?:19|20){DIGIT}{DIGIT}")


class GluedFigureNumber(Rule):
    code = "L011"
    name = "glued-figure-number"
    summary = "A figure or table number glued to the year after it (`图52008—2018年` for 图5 + 2008—2018年)"
    flags = """
        A caption line opening with `图`, `表`, `附图`, `附表`, `Fig.`,
        `Figure` or `Table` (a Markdown heading marker allowed), whose number
        runs into a year: one or two digits, then a year from 1900 to 2099
        that a year range (`—2018`, `-2018`, `至2018`) or `年` follows.
    """
    why = """
        PDF extraction drops the space between a caption's number and its
        text: `图5 2008—2018年降水变化` becomes `图52008—2018年降水变化`,
        and the figure is cited as number 52008.
    """
    leaves_alone = """
        A number that is not followed by a year range or `年` (`图12 气温`,
        `表2019 数据`), a number in running text (`如图52008年…` is left:
        only captions at a line's start), and numbers of three digits or
        more before the year.
    """
    fix_safety = "The fix puts a space between the number and the year: safe."
    fix = FixAvailability.SAFE
    bad = (
        Example("图52008—2018年降水变化\n", fixed="图5 2008—2018年降水变化\n"),
        Example("表122019年主要经济指标\n", fixed="表12 2019年主要经济指标\n"),
    )
    good = (
        Example("图5 2008—2018年降水变化\n"),
        Example("如图52008年数据所示。\n"),
        Example("表2 各组样本量\n图12 气温变化\n"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if _LABEL_YEAR.search(text) is None:
            return []
        return [
            self.diagnostic(
                m.start("label"),
                m.end("year"),
                f"figure or table number `{m['number']}` glued to the year `{m['year']}`",
                Fix.replace(m.end("number"), m.end("number"), " "),
            )
            for m in _GLUED.finditer(text)
        ]
