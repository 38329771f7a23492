"""What the review screen draws for a finding: context, span, fix diff, rows."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console

from wenlint import Document
from wenlint.diagnostic import Diagnostic, Edit, Fix
from wenlint.engine import resolve
from wenlint.review import views


def _render(renderable, width: int = 60) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text()


def _finding(doc: Document, start: int, end: int, fix: Fix | None = None) -> Diagnostic:
    diagnostic = Diagnostic("M001", start, end, "half-width `,`", fix=fix)
    resolve(doc, diagnostic)
    return diagnostic


def _styled(text, style: str) -> list[str]:
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


def test_context_numbers_the_lines_and_reverses_exactly_the_span():
    doc = Document("第一行\n第二行\n今天,我们开会\n第四行\n第五行\n第六行\n")
    start = doc.text.index(",")
    table = views.context(doc, _finding(doc, start, start + 1))
    shown = _render(table)
    assert [line.split()[0] for line in shown.splitlines()] == ["1", "2", "3", "4", "5"]
    span_line = table.columns[1]._cells[2]
    assert _styled(span_line, views.SPAN) == [","]


def test_a_long_line_is_a_window_around_the_span():
    line = "甲" * 1000 + "," + "乙" * 1000
    doc = Document(line)
    table = views.context(doc, _finding(doc, 1000, 1001))
    cell = table.columns[1]._cells[0]
    assert cell.plain.startswith("…") and cell.plain.endswith("…")
    assert cell.plain.count("甲") == views.SPAN_CONTEXT == cell.plain.count("乙")


def test_an_empty_span_is_marked_where_something_is_missing():
    doc = Document("到年底完成")
    table = views.context(doc, _finding(doc, 1, 1))
    assert _styled(table.columns[1]._cells[0], views.SPAN) == ["‸"]


def test_fix_diff_strikes_the_deleted_and_underlines_the_inserted_text():
    doc = Document("今天,我们召开会议\n下一行")
    start = doc.text.index(",")
    diff = views.fix_diff(doc, _finding(doc, start, start + 1, Fix.replace(start, start + 1, "，")))
    assert diff.plain == "今天,，我们召开会议⏎下…"  # FIX_CONTEXT (8) characters after the edit
    assert _styled(diff, views.DELETED) == [","] and _styled(diff, views.INSERTED) == ["，"]
    edited = views.fix_diff(doc, _finding(doc, start, start + 1, Fix.replace(start, start + 1, "，")), "；")
    assert _styled(edited, views.INSERTED) == ["；"]


def test_fix_diff_of_several_edits_and_of_a_long_deletion():
    text = "甲" * 20 + "AB" + "乙" * 600 + "CD"
    doc = Document(text)
    a, c = text.index("A"), text.index("C")
    fix = Fix((Edit(a, a + 1, "Ａ"), Edit(c, c + 1, "Ｃ")), Fix.replace(0, 0, "").applicability)
    diff = views.fix_diff(doc, _finding(doc, a, c + 1, fix))
    assert _styled(diff, views.DELETED) == ["A", "C"] and _styled(diff, views.INSERTED) == ["Ａ", "Ｃ"]
    assert len(diff.plain) < 60  # the 600 characters between the edits are elided
    whole = Fix.replace(0, len(text), "")
    deleted = _styled(views.fix_diff(doc, _finding(doc, 0, len(text), whole)), views.DELETED)[0]
    assert "more)" in deleted and len(deleted) < views.FIX_SHOWN + 20


def test_a_rewrite_fix_shows_its_message():
    doc = Document("今天")
    fix = Fix.rewrite(0, encoding="utf-8", message="write the file as UTF-8")
    assert views.fix_diff(doc, _finding(doc, 0, 0, fix)).plain == "write the file as UTF-8"


def test_rows_are_measured_in_cells():
    doc = Document("今天,我们")
    row = views.finding_row(_finding(doc, 2, 3, Fix.replace(2, 3, "，")), skipped=False)
    row.truncate(20, overflow="ellipsis")
    assert cell_len(row.plain) <= 20 and row.plain.endswith("…")
    skipped = views.finding_row(_finding(doc, 2, 3), skipped=True)
    assert "skipped" in skipped.plain
