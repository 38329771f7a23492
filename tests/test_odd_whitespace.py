"""E006 odd-whitespace: odd spaces, trailing blanks, stray and mixed line breaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from conftest import SEED_FILES, findings, seed, wenlint
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint import Document
from wenlint.decode import decode
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint_rules.encoding.odd_whitespace import _MAY_BE_ODD_OR_BREAK, _ODD_OR_BREAK, _spots

CSC = Path(__file__).resolve().parents[2] / "shared" / "data" / "csc"


def _lines(prefix: str, first: int, last: int) -> str:
    return "\n".join(seed(prefix).read_text(encoding="utf-8").split("\n")[first - 1 : last])


def _fixed(text: str, *codes: str, path: str = "doc.txt") -> str:
    rules = [all_rules()[code]() for code in codes or ("E006",)]
    return fix(Document.from_source(text, path), rules).doc.text


def test_seed_004_footer_no_break_spaces():
    footer = _lines("004", 58, 59)
    assert footer == (
        "电脑版\u00a0|金锄头文库版权所有\n经营许可证:蜀ICP备13022795号\u00a0|\u00a0川公网安备\u00a051140202000112号"
    )
    doc = Document.from_source(footer)
    found = lint(doc, [all_rules()["E006"]()])
    assert [(d.start, d.message) for d in found] == [
        (3, "no-break space instead of an ordinary space"),
        (35, "no-break space instead of an ordinary space"),
        (37, "no-break space instead of an ordinary space"),
        (43, "no-break space instead of an ordinary space"),
    ]
    assert _fixed(footer) == footer.replace("\u00a0", " ")


def test_seed_003_line_holding_only_a_no_break_space():
    head = _lines("003", 9, 13)
    assert head.split("\n")[2] == "\u00a0"
    assert findings(head, "E006") == ["\u00a0"]
    doc = Document.from_source(head)
    assert lint(doc, [all_rules()["E006"]()])[0].message == "line holds only whitespace"
    assert _fixed(head) == head.replace("\u00a0", "")


def test_trailing_blanks_and_blank_lines():
    text = "第一段。 \t\n\u3000\u3000\n第二段。\u3000\n第三段。\u2003 "
    assert findings(text, "E006") == [" \t", "\u3000\u3000", "\u3000", "\u2003 "]
    assert _fixed(text) == "第一段。\n\n第二段。\n第三段。"


def test_paragraph_indentation_and_full_width_spaces_inside_a_line_are_left_alone():
    text = "\u3000\u3000第一条\u3000为了规范社区建设，制定本办法。\n\u2003\u2003段落首行缩进。\n通\u3000知"
    assert findings(text, "E006") == []


def test_typographic_spaces_inside_a_line_become_ordinary_spaces():
    text = "版本\u00a0v2.0，大小\u2009为 3\u202fMB，作者 Tom\u2002Lee。"
    assert findings(text, "E006") == ["\u00a0", "\u2009", "\u202f", "\u2002"]
    assert _fixed(text) == "版本 v2.0，大小 为 3 MB，作者 Tom Lee。"


def test_carriage_returns_and_unicode_line_separators():
    text = "第一行\r第二行\r\n第三行\u2028第四行\u2029第五行"
    doc = Document.from_source(text)
    assert doc.text == "第一行\r第二行\n第三行\u2028第四行\u2029第五行"
    assert [d.message for d in lint(doc, [all_rules()["E006"]()])] == [
        "carriage return used as a line break",
        "Unicode line separator U+2028",
        "Unicode paragraph separator U+2029",
    ]
    assert _fixed(text) == "第一行\n第二行\n第三行\n第四行\n第五行"
    doubled = Document.from_source("第一行\r\r\n第二行\r\r\n")  # CR CR LF: a stray CR before each break
    # Reading drops the stray CRs; one finding says so, and its fix writes the file without them.
    assert [d.message for d in lint(doubled, [all_rules()["E006"]()])] == ["carriage return before a line feed"]
    fixed = fix(doubled, [all_rules()["E006"]()]).doc
    assert fixed.text == "第一行\n第二行\n" and fixed.to_source() == "第一行\r\n第二行\r\n"


def test_markdown_hard_breaks_and_code_are_left_alone():
    text = "第一行  \n第二行\n\n```\ncode\u00a0 \n```\n`a\u00a0b`\n"
    assert findings(text, "E006", path="a.md") == []
    assert findings(text, "E006", path="a.txt") == ["  ", "\u00a0 ", "\u00a0"]


def test_whitespace_lines_inside_markdown_html_are_left_alone():
    # CommonMark ends an HTML block at the blank line: the line after is an indented code block (docs-zh-018)
    html = (
        '<div class="ui-kit-color">\n  <figure>\n    <div style="background: var(--theme-color-1);"></div>\n'
        "    \n    <figcaption>主题色<figcaption>\n  </figure>\n</div>\n"
    )
    assert findings(html, "E006", path="a.md") == []
    assert findings(html, "E006", path="a.txt") == ["    "]


@pytest.mark.parametrize(
    "text",
    [
        "段落。\n  \n<div>说明</div>\n",
        "<div>说明</div>\n  \n段落。\n",
        "- 正确：`中文 English 中文`\n  \n`code` 开头的段落。\n",
        "- 示例：\n\n  ```js\n  x = 1\n  ```\n  \n- **参考**\n",
        "```sh\nnpm create vue@latest\n```\n  \n```sh\nyarn create vue@latest\n```\n",
    ],
)
def test_whitespace_lines_beside_markdown_prose_or_between_code_blocks_are_still_flagged(text):
    assert findings(text, "E006", path="a.md") == ["  "]


def test_tabs_ending_a_tab_separated_row_are_its_empty_cells():
    # a fund filing's sub-header row (flagdata-raw-04)
    table = "    姓名\t职务\t任本基金的基金经理期限\t说明\n    任职日期\t离任日期\t\t\n"
    assert findings(table, "E006") == []
    assert findings("报告期末基金资产组合情况\t\n\t前十名股票\t \n", "E006") == ["\t", "\t "]


def test_text_without_chinese_is_checked_too():
    assert findings("end of line  \nnext\u00a0line", "E006") == ["  ", "\u00a0"]


def test_mixed_line_endings_are_flagged_even_when_the_first_odd_one_is_in_code():
    text = "说明：\r\n\r\n```\r\nx = 1\ny = 2\r\n```\r\n"
    doc = decode(text.encode(), "a.md")
    found = lint(doc, [all_rules()["E006"]()])
    assert [d.message for d in found] == ["line ends with LF while most lines end with CRLF"]


def test_mixed_line_endings_are_flagged_once_and_fixed_by_rewriting():
    doc = decode("第一行\r\n第二行\n第三行\r\n第四行\r\n".encode())
    found = lint(doc, [all_rules()["E006"]()])
    assert [(d.start, d.end, d.line, d.message) for d in found] == [
        (7, 7, 2, "line ends with LF while most lines end with CRLF")
    ]
    outcome = fix(doc, [all_rules()["E006"]()])
    assert outcome.fixed == {"E006": 1} and outcome.diagnostics == []
    assert outcome.doc.to_source().encode() == "第一行\r\n第二行\r\n第三行\r\n第四行\r\n".encode()


def test_cli_fix_writes_uniform_line_endings_and_diff_says_so(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes("第一行。\n第二行。\r\n第三行。\n".encode())
    diff = wenlint("check", "--diff", "--select", "E006", str(path))
    assert diff.stdout.decode() == f"--- a/{path}\t(UTF-8, LF, mixed line breaks)\n+++ b/{path}\t(UTF-8, LF)\n"
    assert wenlint("check", "--fix", "--select", "E006", str(path)).returncode == 0
    assert path.read_bytes() == "第一行。\n第二行。\n第三行。\n".encode()


def test_spaces_owned_by_l002_are_not_reported_twice_and_fixes_settle():
    """L002 removes a (no-break) space between Chinese characters and between
    a number and its unit; E006 makes the other no-break spaces ordinary."""
    text = (
        "各项工作给\u00a0予了高度关注，面积达到 256.6\u00a0平方米，共计 10\u00a0个社区。\n"
        "电脑版\u00a0|\u00a0金锄头文库\u00a0\n"
    )
    e006 = findings(text, "E006")
    l002 = findings(text, "L002")
    doc = Document.from_source(text)
    spans = {code: {(d.start, d.end) for d in lint(doc, [all_rules()[code]()])} for code in ("E006", "L002")}
    assert spans["E006"] and spans["L002"] and not spans["E006"] & spans["L002"]
    assert e006 == ["\u00a0", "\u00a0", "\u00a0"] and l002 == ["\u00a0", "\u00a0", "\u00a0"]
    once = _fixed(text, "E006", "L002")
    assert once == "各项工作给予了高度关注，面积达到 256.6平方米，共计 10个社区。\n电脑版 | 金锄头文库\n"
    assert _fixed(once, "E006", "L002") == once
    assert _fixed(_fixed(text, "E006"), "L002") == _fixed(_fixed(text, "L002"), "E006") == once


def test_clean_seeds_yield_only_the_catalogued_spaces():
    counts = {path.name[:3]: len(findings(path.read_text(encoding="utf-8"), "E006")) for path in SEED_FILES}
    assert counts == {"000": 0, "001": 0, "002": 0, "003": 1, "004": 4}


@pytest.mark.skipif(not CSC.is_dir(), reason="shared csc data not present")
def test_clean_csc_sentences_yield_nothing():
    sentences = [
        json.loads(line)["tgt"] for path in sorted(CSC.glob("*.jsonl")) for line in path.open(encoding="utf-8")
    ]
    assert len(sentences) > 3000
    assert findings("\n".join(sentences), "E006") == []


def _applicability(text: str, path: str) -> list[str]:
    doc = Document.from_source(text, path)  # the rule's own verdict (the engine may make it display-only)
    return [d.fix.applicability.value for d in all_rules()["E006"]().check(doc)]


def test_a_line_separator_made_a_line_feed_is_unsafe_in_markdown_only():
    assert _applicability("- 甲\u2028- 乙\n", "doc.md") == ["unsafe"]
    assert _fixed("- 甲\u2028- 乙\n", path="doc.md") == "- 甲\u2028- 乙\n"
    assert _applicability("- 甲\u2029- 乙\n", "doc.md") == ["unsafe"]
    assert _fixed("- 甲\u2028- 乙\n") == "- 甲\n- 乙\n"
    # CommonMark reads a carriage return as a line ending already: still safe.
    assert _fixed("第一行\r第二行\n", path="doc.md") == "第一行\n第二行\n"


def test_an_odd_space_made_ordinary_where_it_opens_a_markdown_block_is_left_for_review():
    doc = Document.from_source("> \u00a0# 标题\n", "doc.md")
    assert [d.fix.applicability.value for d in lint(doc, [all_rules()["E006"]()])] == ["display-only"]
    assert _applicability("> \u00a0# 标题\n", "doc.txt") == ["safe"]
    assert _applicability("> \u00a0标题\n", "doc.md") == ["safe"]


#: What E006 looks at, as one pattern tried at every character: blanks ending
#: a line, an odd space, a carriage return or line separator.
_BLANKS = " \t\u3000\u00a0\u1680\u2000-\u200a\u202f\u205f"
_EVERYWHERE = regex.compile(
    rf"(?P<trailing>(?<![{_BLANKS}])[{_BLANKS}]++(?=\n|\Z))"
    r"|(?P<odd>[\u00a0\u1680\u2000-\u200a\u202f\u205f])"
    r"|(?P<linebreak>\r\n?|[\u2028\u2029])"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\u3000\u00a0\u2003\u205f\r\n\u2028\u2029中a", max_size=40))
def test_the_spots_read_back_from_line_feeds_are_the_pattern_tried_everywhere(text):
    expected = [(m.start(), m.end(), m.lastgroup) for m in _EVERYWHERE.finditer(text)]
    assert _spots(text) == expected


def test_every_odd_space_and_line_break_starts_with_a_character_the_quick_test_finds():
    for code in range(0x110000):
        if not 0xD800 <= code < 0xE000 and _ODD_OR_BREAK.match(chr(code)):
            assert _MAY_BE_ODD_OR_BREAK.match(chr(code)), hex(code)
    assert _MAY_BE_ODD_OR_BREAK.search("正文。\r\n下一行") and not _MAY_BE_ODD_OR_BREAK.search("正文 \t。\n")
