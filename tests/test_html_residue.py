"""E007 html-residue: tags (unsafe removal) and entities (safe decoding)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_FILES, findings, seed

from wenlint import Applicability, Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

CSC = Path(__file__).resolve().parents[2] / "shared" / "data" / "csc"


def _found(text: str, path: str = "doc.txt"):
    doc = Document.from_source(text, path)
    return [(doc.text[d.start : d.end], d.message, d.fix.applicability) for d in lint(doc, [all_rules()["E007"]()])]


def _fixed(text: str, unsafe: bool = False, codes: tuple[str, ...] = ("E007",)) -> str:
    return fix(Document.from_source(text), [all_rules()[code]() for code in codes], unsafe=unsafe).doc.text


def test_seed_001_closing_tag_whose_bracket_was_lost():
    line = seed("001").read_text(encoding="utf-8").split("\n")[40]
    assert line.endswith("堅決不做勞民傷財?shù)谋砻嫖恼隆?/p>")
    assert _found(line) == [("/p>", "broken HTML tag `/p>` left in the text", Applicability.UNSAFE)]
    assert _fixed(line) == line
    assert _fixed(line, unsafe=True) == line[: -len("/p>")]


def test_tags_are_removed_only_by_unsafe_fixes():
    text = '<p>社区建设<span style="color:red">工作</span>会议<br/>召开。</p>\n第二段<BR>\n<st1:chsdate year="2013">2013年</st1:chsdate>'
    assert [found[0] for found in _found(text)] == [
        "<p>",
        '<span style="color:red">',
        "</span>",
        "<br/>",
        "</p>",
        "<BR>",
        '<st1:chsdate year="2013">',
        "</st1:chsdate>",
    ]
    assert {found[2] for found in _found(text)} == {Applicability.UNSAFE}
    assert _fixed(text) == text
    assert _fixed(text, unsafe=True) == "社区建设工作会议\n召开。\n第二段\n2013年"


def test_entities_are_decoded_safely_even_when_escaped_twice():
    text = "电脑版&nbsp;|&nbsp;版权所有&copy;2018，他说&#8220;好&#x201D;，A&amp;B，&amp;nbsp;"
    assert [(f[0], f[1]) for f in _found(text)][:3] == [
        ("&nbsp;", "HTML entity `&nbsp;` for U+00A0"),
        ("&nbsp;", "HTML entity `&nbsp;` for U+00A0"),
        ("&copy;", "HTML entity `&copy;` for `©`"),
    ]
    assert all(f[2] is Applicability.SAFE for f in _found(text))
    assert _fixed(text) == "电脑版\u00a0|\u00a0版权所有©2018，他说“好”，A&B，\u00a0"
    assert (
        _fixed(text, codes=("E007", "E006")) == "电脑版 | 版权所有©2018，他说“好”，A&B，"
    )  # the last space ended the line


def test_look_alikes_of_tags_and_entities_are_left_alone():
    for text in (
        "《红楼梦》又名<石头记>。",
        "当 a<b 且 b>c 时成立。",
        "模板 List<T> 与 Map<K, V>。",
        "张三&李四合办，AT&T 公司。",
        "未知实体 &foo; 与 &#0; 保留。",
        "箭头 -> 与 <- 表示方向。",
        "<tr 这不是标签>",
        "<section-header>",
    ):
        assert findings(text, "E007") == [], text


def test_markdown_keeps_its_inline_html_and_entities():
    text = (
        "第一段<br>第二段&nbsp;&copy;，<span>强调</span>\n"
        "代码 `<p>&amp;</p>` 与 <!-- 注释 <b> --> 保留。\n"
        "Word 残留<o:p></o:p>，乱码 隆?/p>\n"
    )
    assert findings(text, "E007", path="a.md") == ["<o:p>", "</o:p>", "/p>"]


def test_urls_keep_their_escaped_ampersands():
    assert findings("详见 http://example.com/list?a=1&amp;b=2 。", "E007") == []


def test_a_tag_holding_a_url_is_still_markup():
    """The URL in an attribute is verbatim text; the tag around it is flagged all the same."""
    tag = '<a href="https://example.com/x">'
    assert findings(f"请点击{tag}这里</a>下载。", "E007") == [tag, "</a>"]


def test_text_without_chinese_is_checked_too():
    assert findings("Fish &amp; chips</p>", "E007") == ["&amp;", "</p>"]


def test_clean_seeds_yield_only_the_catalogued_tag():
    flagged = {path.name[:3]: findings(path.read_text(encoding="utf-8"), "E007") for path in SEED_FILES}
    assert flagged == {"000": [], "001": ["/p>"], "002": [], "003": [], "004": []}


@pytest.mark.skipif(not CSC.is_dir(), reason="shared csc data not present")
def test_clean_csc_sentences_yield_nothing():
    sentences = [
        json.loads(line)["tgt"] for path in sorted(CSC.glob("*.jsonl")) for line in path.open(encoding="utf-8")
    ]
    assert len(sentences) > 3000
    assert findings("\n".join(sentences), "E007") == []
