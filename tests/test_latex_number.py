"""L009 latex-number: plain numbers an OCR pipeline typeset as spaced-out LaTeX."""

from __future__ import annotations

from conftest import findings

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

OCR = "预试期 $1 0 \\mathrm { d }$ ，"  # spaced digits: the pipeline's mark


def _fixed(text: str, path: str = "doc.txt") -> str:
    return fix(Document.from_source(text, path), [all_rules()["L009"]()], unsafe=True).doc.text


def test_numbers_percentages_and_units():
    text = OCR + "其中约 $78 \\%$ 的草地，株高 $5 . 1 \\mathrm { c m }$ 。"
    assert findings(text, "L009") == ["$1 0 \\mathrm { d }$", "$78 \\%$", "$5 . 1 \\mathrm { c m }$"]
    assert _fixed(text) == "预试期10 d，其中约78%的草地，株高5.1 cm。"


def test_real_math_is_left_alone():
    for body in ("$( 4 5 { \\pm } 2 )$", "$3 . 9 3 \\times 1 0 ^ { 8 }$", "$P < 0 . 0 5$", "$x = 2$", "$- 3$"):
        assert findings(f"结果为 {body} 。{OCR}", "L009") == ["$1 0 \\mathrm { d }$"], body


def test_no_ocr_spacing_no_finding():
    # an author's own math: number-only, but no digits spaced apart anywhere
    assert findings("增长了 $10\\%$，维度为 $2$。", "L009", path="paper.md") == []
    assert findings("增长了 $10\\%$，维度为 $2$。" + OCR, "L009", path="paper.md") == [
        "$10\\%$",
        "$2$",
        "$1 0 \\mathrm { d }$",
    ]


def test_in_markdown_the_fix_is_left_for_review():
    text = "其中约 $78 \\%$ 的草地，" + OCR
    doc = Document.from_source(text, "paper.md")
    found = lint(doc, [all_rules()["L009"]()])
    assert [d.fix.edits[0].content for d in found] == ["78%", "10 d"]  # offered for review …
    assert _fixed(text, "paper.md") == text  # … never applied
