"""M004: full-width ASCII letters and digits (`ＡＢＣ１２３`) in Chinese text."""

from __future__ import annotations

import regex

from wenlint import Document, Example, FixAvailability
from wenlint.kinds import PatternRule

#: Their half-width forms: exactly what NFKC does to these characters, and nothing else.
_HALF = {
    code: code - 0xFEE0
    for block in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(block[0], block[1] + 1)
}
#: Japanese and Korean set Latin letters and digits full-width by convention.
_KANA_HANGUL = regex.compile(r"[\p{Hiragana}\p{Katakana}\p{Hangul}]")
#: Drawing characters: full-width symbols (not the letters and digits), box drawing, blocks.
_ART = regex.compile(r"[\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF5E\uFFE0-\uFFEE\u2500-\u259F]")
_HAN = regex.compile(r"\p{Han}")
_HALF_ALNUM = regex.compile(r"[A-Za-z0-9]")
#: Two ideographic spaces between words: columns aligned on a fixed-width grid.
_ALIGNED = regex.compile(r"\S\u3000{2,}(?=\S)")
#: `二Ｏ一八年`: a full-width O among Chinese numerals is M005's (it stands for 〇, not O).
_NUMERALS = frozenset("〇零一二三四五六七八九十○")


class FullwidthAlphanumeric(PatternRule):
    code = "M004"
    name = "fullwidth-alphanumeric"
    summary = "Full-width Latin letters or digits (`ＡＢＣ`, `２０２２年`) in Chinese text"
    flags = """
        Each run of full-width letters and digits (U+FF10–FF19, U+FF21–FF3A,
        U+FF41–FF5A) is one finding.
    """
    why = """
        Chinese text writes Latin letters and Arabic digits half-width
        (`2022年`, `T恤`, `A股`). Scraped text, old GBK input methods and
        Taiwanese essays often have the full-width forms (`２０２２年`,
        `Ｔ恤`), which split a corpus's vocabulary (`２０２２` and `2022`
        are different tokens), break search and look wrong.
    """
    leaves_alone = """
        Full-width punctuation (`，` `：` `－` `（` are Chinese punctuation, and
        M001 decides about them); lines with kana or Hangul (Japanese and
        Korean set these characters full-width by convention); lines laid
        out on a fixed-width grid, where a half-width character would break
        the layout: a line of full-width drawing characters without Chinese
        text (ASCII art), columns aligned with ideographic spaces, a line
        holding a single character (vertical text); URLs and Markdown code;
        and a full-width `Ｏ` among Chinese numerals (`二Ｏ一八年`), which
        stands for `〇` and is reported by M005.
    """
    fix_safety = """
        The fix turns exactly those characters into their half-width forms
        (Unicode NFKC) and is safe.
    """
    fix = FixAvailability.SAFE
    #: A run of full-width digits and Latin letters.
    pattern = r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+"
    requires_match = "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
    message = "full-width `{0}` in Chinese text; use `{half}`"
    replacement = "{half}"
    bad = (
        Example(
            "问题就在于，从１９５０－１９６０年虽然产龄妇女率低。", fixed="问题就在于，从1950－1960年虽然产龄妇女率低。"
        ),
        Example("我想买一件Ｔ恤。", fixed="我想买一件T恤。"),
        Example("他的ＩＱ有１２０。", fixed="他的IQ有120。"),
        Example("其是维生素Ａ和维生素Ｃ。", fixed="其是维生素A和维生素C。"),
    )
    good = (
        Example("问题就在于，从1950－1960年虽然产龄妇女率低。"),
        Example("同志们：今天，我们召开全区社区建设工作会议！"),
        Example("我想买一件T恤，花了350元。"),
        Example("コーヒーを２杯ください。"),
        Example("＿＿／￣￣＼＿＿＿＿／￣￣＼＿１２"),
        Example("项目　　　　　数量\n苹果　　　　　１２\n香蕉　　　　　３０"),
        Example("二Ｏ一八年的工作报告。"),
    )

    def keep(self, doc, match):
        text, (start, end) = doc.text, match.span()
        if match[0].strip("Ｏｏ") == "" and (text[start - 1 : start] in _NUMERALS or text[end : end + 1] in _NUMERALS):
            return False
        return not doc.view(_GridLines)[doc.position(start)[0]]

    def fields(self, doc, match):
        return {"half": match[0].translate(_HALF)}


class _GridLines(dict):
    """Whether each line (by number) is laid out on a grid, worked out when first asked."""

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def __missing__(self, number: int) -> bool:
        grid = self[number] = _fixed_width_line(self.doc.line_text(number))
        return grid


def _fixed_width_line(line: str) -> bool:
    """Whether a line is not prose but laid out on a grid of full-width cells,
    or is Japanese or Korean."""
    if _KANA_HANGUL.search(line):
        return True
    content = line.strip()
    if len(content) <= 1:
        return True  # one character a line: vertical text
    if _HALF_ALNUM.search(content):
        return False  # a line that already mixes in half-width text is not on a grid
    if _ALIGNED.search(content):
        return True
    return _HAN.search(content) is None and _ART.search(content) is not None
