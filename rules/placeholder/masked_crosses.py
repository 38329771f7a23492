"""P002: `××`, `×` and `XX` used as placeholders for names and numbers."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.context import char_after, char_before, touches_chinese
from wenlint.kinds import PatternRule
from wenlint.textclass import HAN, UNITS, is_chinese

#: A real date: what makes a document a record rather than a template.
_REAL_DATE = regex.compile(
    r"[0-9０-９]{4}\s*年|[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*[日号]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
)
#: What follows a number: a masked one reads `XX%`, `××万元`, `XX个`.
_NUMBER_AFTER = frozenset("%％万萬亿億元个個名人次位户戶家项項届屆期岁歲")
#: What follows a masked part of a date or a time: `××年××月`.
_DATE_AFTER = frozenset("年月日号號时時点點分秒")
#: Titles after a name: a masked one reads `王XX同志`.
_TITLE = regex.compile(
    "同志|先生|女士|书记|書記|主任|局长|局長|市长|市長|县长|縣長|区长|老师|经理|經理|主席|教授|医生|醫生"
)
_CROSSES = frozenset("×✕╳")
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}


def is_record(doc: Document) -> bool:
    """Whether the document states real dates (a record, not a template or an example)."""
    return _REAL_DATE.search(doc.text) is not None


class MaskedCrosses(PatternRule):
    code = "P002"
    name = "masked-crosses"
    summary = "`××`, `×` or `XX` stands in for a stripped name or number"
    flags = """
        A mask with evidence that something was removed. Anywhere: a run of
        `×` (or `✕`, `╳`) or of `X`/`x` hiding digits of a number
        (`138XXXX1234`) or standing in a number's or a name's place — before
        `%` or a measure word (`××%`, `XX万元`), after `第`, after a lone
        surname or before a title (`张XX`, `XX同志`); a single `×` after a
        Chinese character and before a unit (`×个`, `×平米`), or after `第`.
        In a record (a document that states a real date such as `2022年`)
        also: a masked date (`XX年XX月`), a quotation that is all mask
        (`建设“XX”`), and any run of two or more `×` (`××县××社区`).
    """
    why = """
        Templates and redacted pages write `××县`, `××%`, `建设“XX”` or
        `×个社区` where a name or a number was. The sentence is no longer a
        statement about anything, and should be filled in or dropped.
    """
    leaves_alone = """
        `XX` and `xxx` as a variable in prose, instructions and templates
        (`XX公司的XX部门`, `需要写明XX公司`, `你是xxx学校毕业的`,
        `spring xxx`); templates and forms without a real date
        (`××县人民政府关于××的通知`, `20XX年度`, `××年××月××日`);
        multiplication (`3×4`, `长×宽`), sizes such as `XXL` and `XS`, Roman
        numerals (`XX世纪`), the chromosomes `XX染色体`, formulas (`人×天`,
        `单价×件数`) and any `X` inside a Latin word or an identifier (`abc_xx`).
    """
    pattern = (
        r"(?P<crosses>[×✕╳]+)"
        r"|(?<![A-Za-zＡ-Ｚａ-ｚ_.@+-])(?:X{2,}|x{2,}|Ｘ{2,}|ｘ{2,})(?![A-Za-zＡ-Ｚａ-ｚ_.@-])"
    )
    requires = ("×", "✕", "╳", "XX", "xx", "ＸＸ", "ｘｘ")
    message = "`{0}` stands in for a stripped name or number"
    bad = (
        Example("2022年5月,与会同志现场观摩了××县××社区等×个社区。"),
        Example("2022年,为建设“XX”提供有力支撑。"),
        Example("覆盖率原则上不低于××%。"),
        Example("服务场所不足×平米。"),
        Example("联系电话：138XXXX1234。"),
        Example("2021年3月5日,王XX同志到XX个社区调研。"),
    )
    good = (
        Example("房间的面积是3×4平方米。"),
        Example("长×宽×高的乘积就是体积。"),
        Example("这件衣服有XXL和XS两个尺码。"),
        Example("XX世纪的历史。"),
        Example("矩阵的大小为 2 × 2。"),
        Example("工作量按人×天计算,总价等于单价×件数。"),
        Example("女性的性染色体是XX染色体,微信号abc_xx。"),
        Example("简历里要写清XX公司的XX部门,以及实习的起止时间。"),
        Example("2019年我问他：你们xxx课程里讲过xx理论吗？"),
        Example("××县人民政府关于××的通知（范本）"),
    )

    def keep(self, doc, match):
        text, (start, end) = doc.text, match.span()
        crosses = match["crosses"] is not None
        if crosses and end - start == 1:
            return _single_placeholder(text, start, end)
        before, after = char_before(text, start), char_after(text, end)
        if before.isdigit() and after.isdigit():
            return True  # digits of a phone or an ID number masked: 138XXXX1234
        if before.isdigit() or after.isdigit() or not (crosses or touches_chinese(text, start, end)):
            return False  # `5xx` status codes, `20XX年` templates, `3××4`
        if _number_or_name_place(text, start, end, before, after):
            return True
        if not doc.view(is_record):
            return False  # a template or an example: `××县人民政府关于××的通知`
        return crosses or after in _DATE_AFTER or (before in _QUOTES and _QUOTES[before] == after)


def _number_or_name_place(text: str, start: int, end: int, before: str, after: str) -> bool:
    """Whether a mask stands where a number or a name was: `XX%`, `第XX届`, `张XX`, `XX同志`
    (``before`` and ``after``: the characters beside it)."""
    if after in _NUMBER_AFTER or before == "第" or _TITLE.match(text, end):
        return True
    prior = char_before(text, start - 1)
    # a lone surname: ，张XX (not the end of a word, nor of another mask: `XX市XX区`)
    return HAN.match(before or " ") is not None and not (prior.isalnum() or prior in _CROSSES)


def _single_placeholder(text: str, start: int, end: int) -> bool:
    before, after = char_before(text, start), char_after(text, end)
    if before == "第":
        return True
    if "=" in text[max(0, start - 12) : end + 12] or char_after(text, end + 1) == "数" or before in UNITS:
        return False  # a formula: `单价×件数`, `人×天`, `长×宽=面积`
    return is_chinese(before or " ") and after in UNITS and after != ""
