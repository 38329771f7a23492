"""P003: `○○` and `□□` standing for hidden or lost text."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Rule

_RUN = regex.compile(r"([○◯□△])\1+")
#: `二○○八年`: a year written with a circle for 〇 is a look-alike, not a mask.
_NUMERALS = frozenset("〇零一二三四五六七八九十")
#: Beside filled shapes, hollow ones are a rating or a diagram (`●●●○○`).
_FILLED = frozenset("●■▲★☆◆◇")


class MaskedSymbols(Rule):
    code = "P003"
    name = "masked-symbols"
    summary = "`○○`, `□□` or `△△` stands in for hidden or lost text"
    flags = """
        Redacted documents write `○○县`, `○○同志` or `□□` for a name; PDF and
        font conversions leave `□` where a character could not be shown.
        Either way the text is missing. Runs of two or more of the same
        symbol are flagged, except circles between Chinese numerals, which
        are a year or number written with `○` for `〇` (`二○○八年`), and runs
        beside filled shapes, which are ratings (`●●●○○`). No fix.
    """
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

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found = []
        for match in _RUN.finditer(text):
            start, end = match.span()
            if doc.is_verbatim(start):
                continue
            around = (text[start - 1 : start], text[end : end + 1])
            if match[1] in "○◯" and any(ch in _NUMERALS for ch in around):
                continue
            if any(ch in _FILLED for ch in around):
                continue
            found.append(self.diagnostic(start, end, f"`{match[0]}` stands in for hidden or lost text"))
        return found
