"""Suppression comments: rule names in any case, plain-text comments, the
comment writer editors use, and X100 for comments that do nothing."""

from __future__ import annotations

import json

import pytest
from conftest import wenlint

from wenlint.document import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint.suppress import disable_comment, resolve, suppressions

RULES = [all_rules()[code]() for code in ("M001", "P001", "X100")]


def codes_and_lines(text: str, path: str = "a.md") -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in lint(Document(text, path), RULES)]


@pytest.mark.parametrize("token", ["M001", "m001", "M", "m", "halfwidth-punctuation", "HalfWidth-Punctuation"])
def test_a_rule_is_named_by_code_prefix_or_name_in_any_case(token):
    assert resolve(token) in {"M001", "M"}
    text = f"<!-- wenlint-disable-next-line {token} -->\n甲,乙\n丙,丁\n"
    assert codes_and_lines(text) == [("M001", 3)]


def test_codes_may_be_separated_by_commas_and_the_keyword_may_be_upper_case():
    text = "<!-- WENLINT-DISABLE-NEXT-LINE p001,halfwidth-punctuation -->\n甲,乙 刘**同志\n"
    assert codes_and_lines(text) == []


def test_an_unknown_name_suppresses_nothing_and_is_reported():
    text = "<!-- wenlint-disable-next-line halfwidth-punctuaton -->\n甲,乙\n"
    found = lint(Document(text, "a.md"), RULES)
    assert [(d.code, d.line) for d in found] == [("X100", 1), ("M001", 2)]
    assert "no such rule: halfwidth-punctuaton" in found[0].message


def test_a_comment_that_covers_no_finding_is_reported():
    text = "<!-- wenlint-disable-next-line P001 M001 -->\n刘**同志\n"
    found = lint(Document(text, "a.md"), RULES)
    assert [(d.code, d.line) for d in found] == [("X100", 1)]
    assert found[0].message == "suppression comment suppresses nothing here: M001"
    assert found[0].fix.edits[0].content == "<!-- wenlint-disable-next-line P001 -->"


def test_a_comment_for_every_rule_that_covers_nothing_is_reported():
    assert codes_and_lines("<!-- wenlint-disable-next-line -->\n今天开会。\n") == [("X100", 1)]
    assert codes_and_lines("<!-- wenlint-disable-next-line -->\n今天,开会。\n") == []


def test_codes_of_rules_that_did_not_run_are_not_reported():
    # T003 is not selected here (and is in preview): another configuration may need the comment.
    assert codes_and_lines("<!-- wenlint-disable-next-line T003 -->\n今天开会。\n") == []


def test_x100_can_itself_be_switched_off():
    text = "<!-- wenlint-disable unused-suppression -->\n<!-- wenlint-disable-next-line P001 -->\n今天开会。\n"
    assert codes_and_lines(text) == []


def test_plain_text_comments_count_only_on_a_line_of_their_own():
    text = "<!-- wenlint-disable-next-line M001 -->\n甲,乙\n引用 <!-- wenlint-disable-next-line M001 --> 原文\n丙,丁\n"
    assert codes_and_lines(text, "a.txt") == [("M001", 4)]
    assert [s.codes for s in suppressions(Document(text, "a.txt"))] == [("M001",)]


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        ("甲,乙\n丙,丁\n", "a.md", 2),
        ("甲,乙\n丙,丁\n", "a.txt", 2),
        ("甲,乙\n丙,丁", "a.txt", 2),
        ("---\ntitle: x\n---\n甲,乙\n", "a.md", None),
        ("甲,乙\n丙,丁\n", "a.txt", None),
    ],
)
def test_an_inserted_disable_comment_suppresses_what_it_names(text, path, line):
    doc = Document(text, path)
    before = lint(doc, RULES)
    target = [d for d in before if line is None or d.line == line]
    offset, insert = disable_comment(doc, ["M001"], line)
    edited = text[:offset] + insert + text[offset:]
    after = lint(Document(edited, path), RULES)
    assert target and not [d for d in after if d.code == "M001" and (line is None or d.line == line + 1)]
    assert not [d for d in after if d.code == "X100"]
    if path.endswith(".md") and text.startswith("---"):
        assert edited.startswith("---\ntitle: x\n---\n<!-- wenlint-disable M001 -->")


def test_a_line_comment_adds_the_code_to_the_comment_above_and_keeps_the_indent():
    text = "- 条目\n  <!-- wenlint-disable-next-line P001 -->\n  召开“**”平安会议,乙\n- 下一条,丙\n"
    doc = Document(text, "a.md")
    offset, insert = disable_comment(doc, ["M001"], 3)
    edited = text[:offset] + insert + text[offset:]
    assert edited.startswith("- 条目\n  <!-- wenlint-disable-next-line P001 M001 -->\n  召开“**”平安会议,乙\n")
    assert [(d.code, d.line) for d in lint(Document(edited, "a.md"), RULES) if d.code in ("M001", "P001", "X100")] == [
        ("M001", 4)
    ]
    offset, insert = disable_comment(doc, ["M001"], 4)
    assert text[:offset] + insert + text[offset:] == text.replace(
        "- 下一条", "<!-- wenlint-disable-next-line M001 -->\n- 下一条"
    )
    fresh = disable_comment(Document("标题\n  甲,乙\n", "a.md"), ["M001"], 2)
    assert fresh == (3, "  <!-- wenlint-disable-next-line M001 -->\n")


def test_a_file_comment_goes_after_front_matter_that_ends_the_file():
    offset, insert = disable_comment(Document("---\ntitle: x\n---", "a.md"), ["M001"])
    assert (offset, insert) == (16, "\n<!-- wenlint-disable M001 -->")


def test_fix_removes_an_unused_plain_text_comment_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("<!-- wenlint-disable-next-line P001 -->\n今天开会。\n", encoding="utf-8")
    first = wenlint("check", str(path), "--fix")
    assert first.returncode == 0, first.stdout.decode()
    assert path.read_text(encoding="utf-8") == "今天开会。\n"
    again = wenlint("check", str(path), "--fix")
    assert again.returncode == 0 and path.read_text(encoding="utf-8") == "今天开会。\n"


def test_in_markdown_the_fix_is_left_for_review(tmp_path):
    path = tmp_path / "a.md"
    source = "<!-- wenlint-disable-next-line P001 -->\n今天开会。\n"
    path.write_text(source, encoding="utf-8")
    result = wenlint("check", str(path), "--fix", "--output-format", "json")
    assert result.returncode == 1 and path.read_text(encoding="utf-8") == source
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "X100" and finding["fix"]["applicability"] == "display-only"


def test_a_comment_that_suppresses_x100_on_the_next_line_is_used():
    text = "<!-- wenlint-disable-next-line X100 -->\n<!-- wenlint-disable-next-line P001 -->\n今天开会。\n"
    assert codes_and_lines(text) == []
    text = "<!-- wenlint-disable -->\n<!-- wenlint-disable-next-line P001 -->\n今天开会。\n"
    assert codes_and_lines(text) == []


def test_a_name_that_is_no_rule_neither_takes_the_place_of_nor_ends_a_comment_for_every_rule():
    text = "<!-- wenlint-disable no-such -->\n<!-- wenlint-disable -->\n刘**同志\n"
    assert codes_and_lines(text) == [("X100", 1)]
    text = "<!-- wenlint-disable P001 -->\n刘**同志\n<!-- wenlint-enable no-such -->\n刘**同志\n"
    assert codes_and_lines(text) == []
    text = "<!-- wenlint-disable no-such -->\n<!-- wenlint-disable no-such-either -->\n今天开会。\n"
    assert codes_and_lines(text) == [("X100", 1), ("X100", 2)]
    text = "<!-- wenlint-disable P001 -->\n刘**同志\n<!-- wenlint-enable P001 -->\n刘**同志\n"
    assert codes_and_lines(text) == [("P001", 4)]


def test_an_enable_comment_still_ends_a_disable_comment_x100_fixed():
    text = "<!-- wenlint-disable P001 M001 -->\n刘**同志\n<!-- wenlint-enable P001 M001 -->\n刘**同志\n"
    assert codes_and_lines(text, "a.txt") == [("X100", 1), ("P001", 4)]
    fixed = fix(Document(text, "a.txt"), RULES)
    assert fixed.doc.text.startswith("<!-- wenlint-disable P001 -->\n")
    assert [(d.code, d.line) for d in fixed.diagnostics] == [("P001", 4)]
    assert codes_and_lines("<!-- wenlint-disable P001 -->\n刘**同志\n<!-- wenlint-enable P -->\n刘**同志\n") == [
        ("P001", 4)
    ]
    assert codes_and_lines("<!-- wenlint-disable -->\n刘**同志\n<!-- wenlint-enable P001 -->\n刘**同志\n") == []
