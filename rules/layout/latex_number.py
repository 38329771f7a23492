"""L009: a plain number an OCR pipeline turned into spaced-out LaTeX (`$6 5 . 4 2 \\%$`)."""

from __future__ import annotations

import re

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import is_chinese

#: Inline math on one line (not `$$`), its body captured: in ``re``, which skips to each `$` in C, and
#: looks behind it from there.
_INLINE_MATH = re.compile(r"\$(?<![$\\]\$)(?!\$)([^$\n]{1,80}?)(?<!\\)\$(?!\$)")
#: A body that is only a number, its digits maybe spaced apart, then a percent
#: sign (`\%`) or a unit in `\mathrm` (`\mathrm { c m }`, `\mathrm { ~ d ~ }`).
_NUMBER_BODY = regex.compile(
    r"\s*(?P<number>\d(?:\s*\d)*(?:\s*\.\s*\d(?:\s*\d)*)?)\s*"
    r"(?:(?P<percent>\\%)|\\mathrm\s*\{(?P<unit>[\sA-Za-z~]*[A-Za-z][\sA-Za-z~]*)\})?\s*"
)
#: OCR's signature: digits spaced apart inside math (`1 0`, `5 . 1`).
_BLANKS = regex.compile(r"\s+")
_UNIT_BLANKS = regex.compile(r"[\s~]+")
_SPACED_DIGITS = regex.compile(r"\$[^$\n]*?\d\s+\.?\s*\d[^$\n]*?\$")


class LatexNumber(Rule):
    code = "L009"
    name = "latex-number"
    summary = "A plain number turned into spaced-out LaTeX by OCR (`$6 5 . 4 2 \\%$` for 65.42%)"
    flags = """
        Inline math (`$…$`) that holds nothing but a number, maybe with a
        percent sign (`\\%`) or a unit in `\\mathrm` (`$1 0 \\mathrm { d }$`,
        `$5 . 1 \\mathrm { c m }$`, `$78 \\%$`), in a document where some
        math has its digits spaced apart (`1 0`, `5 . 1`): the mark of a
        PDF-to-Markdown OCR pipeline (MinerU and the like), which typesets
        every number it reads as math.
    """
    why = """
        A reader sees the number, but search, copy and every tool that reads
        the text sees `$6 5 . 4 2 \\%$`: digits apart, a backslash, dollar
        signs. Counting, extracting or training on such text gets the
        numbers wrong.
    """
    leaves_alone = """
        Real math: anything with a letter outside `\\mathrm`, an operator,
        a sign, a sub- or superscript, a range or `\\pm` (`$( 4 5 { \\pm } 2 )$`,
        `$3 . 9 3 \\times 1 0 ^ { 8 }$`); display math (`$$`); and every
        number-only math in a document whose math never spaces its digits
        (`$2$`, `$10\\%$` typed by an author).
    """
    fix_safety = """
        The fix writes the plain number (`65.42%`, `10 d`, `5.1 cm`) and
        drops a space between it and a Chinese character. In Markdown it
        edits what the parser reads as math, so the engine leaves it for
        review there: never applied by `--fix`.
    """
    fix = FixAvailability.SAFE
    skip_verbatim = False
    bad = (
        Example(
            "其中约 $78 \\%$ 的草地分布于北部，预试期 $1 0 \\mathrm { d }$ ，株高 $5 . 1 \\mathrm { c m }$ 。",
            path="paper.md",
        ),
        Example("膨润土添加量 $6 5 . 4 2 \\%$ 。", fixed="膨润土添加量65.42%。"),
    )
    good = (
        Example("膨润土添加量为 $10\\%$，维度为 $2$。", path="paper.md"),
        Example("面积达 $2 . 6 6 \\times 1 0 ^ { 7 } \\mathrm { h m } ^ { 2 }$ ，体重 $( 4 5 { \\pm } 2 )$ kg。"),
        Example("$$\n6 5 . 4 2\n$$\n", path="paper.md"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if "$" not in text or not _SPACED_DIGITS.search(text):
            return []
        found = []
        for match in _INLINE_MATH.finditer(text):
            body = _NUMBER_BODY.fullmatch(match[1])
            if body is None:
                continue
            plain = _BLANKS.sub("", body["number"])
            if body["percent"]:
                plain += "%"
            elif body["unit"]:
                plain += " " + _UNIT_BLANKS.sub("", body["unit"])
            start, end = match.span()
            if text[start - 1 : start] == " " and is_chinese(text[start - 2 : start - 1]):
                start -= 1
            if text[end : end + 1] == " " and is_chinese(text[end + 1 : end + 2]):
                end += 1
            found.append(
                self.diagnostic(
                    match.start(),
                    match.end(),
                    f"number `{plain}` typeset as spaced-out LaTeX `{match[0]}`",
                    Fix.replace(start, end, plain),
                )
            )
        return found
