"""P002: `××`, `×` and `XX` used as placeholders for names and numbers."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.context import char_after, char_before, touches_chinese
from wenlint.kinds import PatternRule
from wenlint.textclass import UNITS, is_chinese

#: `XX世纪` is a century and `XX染色体` a chromosome pair, not placeholders.
_NOT_MASK_BEFORE = ("世纪", "染色体", "型染色体")
#: A Roman numeral other than a run of X, standing alone (`XIV`, `IV`).
_OTHER_ROMAN = regex.compile(
    r"(?<![A-Za-z])(?=[IVXLCDM]*[IVLCDM])(?=[IVXLCDM]{2})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![A-Za-z])"
)


class MaskedCrosses(PatternRule):
    code = "P002"
    name = "masked-crosses"
    summary = "`××`, `×` or `XX` stands in for a stripped name or number"
    flags = """
        Two or more `×` (or `✕`, `╳`); a single `×` after a Chinese character
        and before a measure word or unit (`×个`, `×平米`), or after `第`; two
        or more `X`/`x` standing alone beside Chinese text.
    """
    why = """
        Templates and redacted pages write `××县`, `××%`, `建设“XX”` or
        `×个社区` where a name or a number was. The sentence is no longer a
        statement about anything, and should be filled in or dropped.
    """
    leaves_alone = """
        Multiplication (`3×4`, `长×宽`), sizes such as `XXL` and `XS`, Roman
        numerals (`XX世纪`, `罗马数字XX`, or `XX` on a line with `XIV`), the
        chromosomes `XX染色体`, formulas (`人×天`, `单价×件数`) and any `X`
        inside a Latin word or an identifier (`abc_xx`).
    """
    pattern = (
        r"(?P<crosses>[×✕╳]+)"
        r"|(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_.@+-])(?:X{2,}|x{2,}|Ｘ{2,}|ｘ{2,})(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_.@-])"
    )
    requires = ("×", "✕", "╳", "XX", "xx", "ＸＸ", "ｘｘ")
    message = "`{0}` stands in for a stripped name or number"
    bad = (
        Example("会前,与会同志现场观摩了××县××社区等×个社区。"),
        Example("为建设“XX”提供有力支撑。"),
        Example("覆盖率原则上不低于××%。"),
        Example("服务场所不足×平米。"),
        Example("xx市人民政府。"),
    )
    good = (
        Example("房间的面积是3×4平方米。"),
        Example("长×宽×高的乘积就是体积。"),
        Example("这件衣服有XXL和XS两个尺码。"),
        Example("XX世纪的历史。"),
        Example("矩阵的大小为 2 × 2。"),
        Example("工作量按人×天计算,总价等于单价×件数。"),
        Example("女性的性染色体是XX染色体,微信号abc_xx。"),
    )

    def keep(self, doc, match):
        text, (start, end) = doc.text, match.span()
        if match["crosses"]:
            return end - start >= 2 or _single_placeholder(text, start, end)
        if not touches_chinese(text, start, end):
            return False
        return match[0] not in ("XX", "XXX", "ＸＸ") or not _roman(doc, start, end)


def _roman(doc: Document, start: int, end: int) -> bool:
    """Whether an ``XX`` reads as a Roman numeral: a century, or beside others."""
    if doc.text.startswith(_NOT_MASK_BEFORE, end) or doc.text.endswith("罗马数字", 0, start):
        return True
    line = doc.line(doc.position(start)[0])
    return any(m.group() for m in _OTHER_ROMAN.finditer(doc.text, line.start, line.end))


def _single_placeholder(text: str, start: int, end: int) -> bool:
    before, after = char_before(text, start), char_after(text, end)
    if before == "第":
        return True
    if "=" in text[max(0, start - 12) : end + 12] or char_after(text, end + 1) == "数" or before in UNITS:
        return False  # a formula: `单价×件数`, `人×天`, `长×宽=面积`
    return is_chinese(before or " ") and after in UNITS and after != ""
