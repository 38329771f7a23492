"""P003: `○○` and `□□` standing for hidden or lost text."""

from __future__ import annotations

from wenlint import Example
from wenlint.kinds import PatternRule

#: `二○○八年`: a year written with a circle for 〇 is a look-alike, not a mask.
_NUMERALS = frozenset("〇零一二三四五六七八九十")
#: Beside filled shapes, hollow ones are a rating or a diagram (`●●●○○`).
_FILLED = frozenset("●■▲★☆◆◇")


class MaskedSymbols(PatternRule):
    code = "P003"
    name = "masked-symbols"
    summary = "`○○`, `□□` or `△△` stands in for hidden or lost text"
    flags = """
        Runs of two or more of the same symbol: `○○县`, `○○同志`, `□□`.
    """
    why = """
        Redacted documents write `○○县`, `○○同志` or `□□` for a name; PDF and
        font conversions leave `□` where a character could not be shown.
        Either way the text is missing.
    """
    leaves_alone = """
        Circles between Chinese numerals, which are a year or number written
        with `○` for `〇` (`二○○八年`), and runs beside filled shapes, which
        are ratings (`●●●○○`).
    """
    pattern = r"([○◯□△])\1+"
    requires_match = "[○◯□△]"
    message = "`{0}` stands in for hidden or lost text"
    bad = (
        Example("○○县人民政府办公室。"),
        Example("会议由□□同志主持。"),
    )
    good = (
        Example("二○○八年八月八日。"),
        Example("□ 选项一"),
        Example("二〇〇八年北京奥运会。"),
        Example("服务评分:●●●○○"),
    )

    def keep(self, doc, match):
        start, end = match.span()
        around = (doc.text[start - 1 : start], doc.text[end : end + 1])
        if match[1] in "○◯" and any(ch in _NUMERALS for ch in around):
            return False
        return not any(ch in _FILLED for ch in around)
