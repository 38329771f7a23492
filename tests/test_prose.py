"""The prose map: what of a Markdown or plain-text document is prose."""

from __future__ import annotations

import random
import re
import time

import pytest
import regex

from wenlint.codepoints import matches_from
from wenlint.document import Document
from wenlint.links import _EMAIL, _URL_START, _url_starts, emails
from wenlint.prose import _CELL_GAP, _NOT_SPACE, Spans, complement, merge, subtract


def marked(text: str, path: str = "a.md") -> str:
    """``text`` with every span that is not prose between ⟦ and ⟧."""
    doc = Document.from_source(text, path)
    pieces, cursor = [], 0
    for start, end in doc.prose.nonprose.spans:
        pieces += [doc.text[cursor:start], "⟦", doc.text[start:end], "⟧"]
        cursor = end
    return "".join([*pieces, doc.text[cursor:]])


def verbatim(text: str, path: str = "a.md") -> list[str]:
    doc = Document.from_source(text, path)
    return [doc.text[start:end] for start, end in doc.verbatim]


MARKDOWN = {
    "heading marker and its space": ("## 快速开始\n", "⟦## ⟧快速开始⟦\n⟧"),
    "closed heading": ("# 标题 #\n", "⟦# ⟧标题⟦ #\n⟧"),
    "setext heading": ("标题\n===\n", "标题⟦\n===\n⟧"),
    "indented code": ('    echo "安装完成,请重启"\n\n正文,好。\n', '⟦    echo "安装完成,请重启"\n\n⟧正文,好。⟦\n⟧'),
    "fenced code": ("```sh\necho 好,的\n```\n正文\n", "⟦```sh\necho 好,的\n```\n⟧正文⟦\n⟧"),
    "YAML front matter": (
        "---\ncategories: [指南,入门]\n---\n正文,好。\n",
        "⟦---\ncategories: [指南,入门]\n---\n⟧正文,好。⟦\n⟧",
    ),
    "TOML front matter": ('+++\ntitle = "指南,入门"\n+++\n正文。\n', '⟦+++\ntitle = "指南,入门"\n+++⟧\n正文。⟦\n⟧'),
    "URL with Chinese and a comma": (
        "见 https://example.org/资料/报告,2023.pdf 。\n",
        "见 ⟦https://example.org/资料/报告,2023.pdf⟧ 。⟦\n⟧",
    ),
    "link destination with parentheses": (
        "[词条](https://zh.wikipedia.org/wiki/长城_(消歧义))，好。\n",
        "⟦[⟧词条⟦](https://zh.wikipedia.org/wiki/长城_(消歧义))⟧，好。⟦\n⟧",
    ),
    "image with a title": ('![图,片](a.png "标题,") 文字\n', '⟦![⟧图,片⟦](a.png "标题,")⟧ 文字⟦\n⟧'),
    "autolink and inline HTML": (
        "<https://a.b/c> 和 <span>好,</span>\n",
        "⟦<https://a.b/c>⟧ 和 ⟦<span>⟧好,⟦</span>\n⟧",
    ),
    "reference link and definition": (
        '[文档][ref]\n\n[ref]: https://example.com/文档 "标题"\n',
        '⟦[⟧文档⟦][ref]\n\n[ref]: https://example.com/文档 "标题"\n⟧',
    ),
    "template tags": ('调用 {{ t("首页,关于") }} 与 {% raw %}。\n', '调用 ⟦{{ t("首页,关于") }}⟧ 与 ⟦{% raw %}⟧。⟦\n⟧'),
    "definition list": ("术语\n: 定义,内容\n", "术语⟦\n: ⟧定义,内容⟦\n⟧"),
    "container": ("::: tip 提示\n内容,好\n:::\n", "⟦::: tip 提示⟧\n内容,好\n⟦:::\n⟧"),
    "admonition": ('!!! note "注意,"\n    内容,这里\n', '⟦!!! note "注意,"\n    ⟧内容,这里⟦\n⟧'),
    "HTML block": ("<div>\n你好,世界\n</div>\n\n正文\n", "⟦<div>\n你好,世界\n</div>\n\n⟧正文⟦\n⟧"),
    "HTML comment": ("<!-- wenlint-disable -->\n正文\n", "⟦<!-- wenlint-disable -->\n⟧正文⟦\n⟧"),
    "nested lists": ("- 一\n  - 二,三\n    1. 四\n", "⟦- ⟧一⟦\n  - ⟧二,三⟦\n    1. ⟧四⟦\n⟧"),
    "other list markers": ("* 甲\n+ 乙\n1) 丙\n", "⟦* ⟧甲⟦\n+ ⟧乙⟦\n1) ⟧丙⟦\n⟧"),
    "blockquote": ("> 引用,文本\n> 第二行\n", "⟦> ⟧引用,文本\n⟦> ⟧第二行⟦\n⟧"),
    "table": ("| 甲 | 乙 |\n|---|---|\n| 1,2 | 三 |\n", "⟦| ⟧甲⟦ | ⟧乙⟦ |\n|---|---|\n| ⟧1,2⟦ | ⟧三⟦ |\n⟧"),
    "math": ("公式 $a,b$ 和\n\n$$\nx,y\n$$\n", "公式 ⟦$a,b$⟧ 和⟦\n\n$$\nx,y\n$$\n⟧"),
    "dollars that are money": ("花了 $5 和 $6。\n", "花了 $5 和 $6。⟦\n⟧"),
    "e-mail address": ("邮件 someone@example.com 好\n", "邮件 ⟦someone@example.com⟧ 好⟦\n⟧"),
    "astral characters and inline code": ("𠀀𠀁 `代码,` 𠀂,好\n", "𠀀𠀁 ⟦`代码,`⟧ 𠀂,好⟦\n⟧"),
    "CRLF read as LF": ("第一行\r\n## 标题\r\n正文,\r\n", "第一行⟦\n## ⟧标题⟦\n⟧正文,⟦\n⟧"),
    "a lone CR is a line break, as in CommonMark": (
        "---\rtitle: 甲,乙\r---\r正文,\r## 标题\n",
        "⟦---\rtitle: 甲,乙\r---\r⟧正文,⟦\r## ⟧标题⟦\n⟧",
    ),
    "www. URL with Chinese in its path": (
        "见 www.example.com/新闻;2024/第1期，好\n",
        "见 ⟦www.example.com/新闻;2024/第1期⟧，好⟦\n⟧",
    ),
    "footnotes": ("脚注[^1]。\n\n[^1]: 注释,文本\n", "脚注⟦[^1]⟧。⟦\n\n[^1]: ⟧注释,文本⟦\n⟧"),
    "escapes and entities": ("一\\,二 &amp; 三\n", "一⟦\\,⟧二 ⟦&amp;⟧ 三⟦\n⟧"),
    "emphasis and strikethrough delimiters": (
        "**此处,规则**和 *强调* 与 ~~删除~~\n",
        "⟦**⟧此处,规则⟦**⟧和 ⟦*⟧强调⟦*⟧ 与 ⟦~~⟧删除⟦~~\n⟧",
    ),
    "asterisks that pair with nothing are text": ("刘**同志 与 2*3\n", "刘**同志 与 2*3⟦\n⟧"),
    "an unmatched backtick is text": ("单个 ` 符号,好\n", "单个 ` 符号,好⟦\n⟧"),
    "escaped pipe: the cell is left out": ("| 名 \\| 称 | 值 |\n|---|---|\n", "⟦| 名 \\| 称 | ⟧值⟦ |\n|---|---|\n⟧"),
}


@pytest.mark.parametrize("text, expected", MARKDOWN.values(), ids=MARKDOWN.keys())
def test_markdown_prose_map(text, expected):
    assert marked(text) == expected


def test_verbatim_is_the_text_that_is_not_language_and_syntax_is_not_in_it():
    text = "## 标题\n\n见 `代码` 和 [链接](https://a.b/c)。\n\n```\n代码\n```\n"
    assert verbatim(text) == ["`代码`", "](https://a.b/c)", "```\n代码\n```"]
    doc = Document(text, "a.md")
    assert not doc.is_verbatim(0) and doc.touches_nonprose(0, 1) and doc.within_nonprose(0, 3)
    assert doc.is_verbatim(text.index("`")) and doc.touches_verbatim(text.index("代码") - 1, text.index("代码") + 1)


PLAIN = {
    "URL with Chinese and a comma, and an address": (
        "见 https://example.org/资料/报告,2023.pdf 。邮件 a.b@c.com\n",
        "见 ⟦https://example.org/资料/报告,2023.pdf⟧ 。邮件 ⟦a.b@c.com⟧\n",
    ),
    "URL right after Chinese": ("详见https://a.org/x。然后\n", "详见⟦https://a.org/x⟧。然后\n"),
    "a table: the gaps between cells": (
        "名称    数量\t单位\n苹果    3\t个\n独行  字\n\n正文  两格\n",
        "名称⟦    ⟧数量⟦\t⟧单位\n苹果⟦    ⟧3⟦\t⟧个\n独行  字\n\n正文  两格\n",
    ),
    "Markdown syntax is text in a .txt file": ("## 标题 `代码,`\n", "## 标题 `代码,`\n"),
    "www. URL: from www. on, to Chinese punctuation": (
        "访问www.example.com/新闻;2024/第1期，或www.a.cn。\n",
        "访问⟦www.example.com/新闻;2024/第1期⟧，或⟦www.a.cn⟧。\n",
    ),
    "www. in a longer word, or followed by Chinese letters, is no URL": (
        "abcwww.a.com 与 www.example.com获取资料\n",
        "abcwww.a.com 与 www.example.com获取资料\n",
    ),
}


@pytest.mark.parametrize("text, expected", PLAIN.values(), ids=PLAIN.keys())
def test_plain_text_prose_map(text, expected):
    assert marked(text, "a.txt") == expected


def test_urls_and_addresses_are_found_where_their_patterns_match_anywhere():
    """URL and address starts are looked for only before each `://`, at each
    `www.` and before each `@`: the matches are those of the patterns tried
    at every character."""
    pieces = ["://", "www.", "WwW.", "@", "a", "Z", "9", ".", "-", "+", "%", "_", "/", ":", " ", "中", "。", "x" * 31]
    rng = random.Random(20)
    texts = ["https://a.org ftp://b.cn", "x" * 32 + "://a.org", "x" * 33 + "://a.org", "9a://b", "a@b.c@d.e f@g.h"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 16))) for _ in range(20_000)]
    for text in texts:
        urls = [match.span() for match in matches_from(_URL_START, text, _url_starts(text))]
        assert urls == [match.span() for match in _URL_START.finditer(text)], text
        assert emails(text) == [match.span() for match in _EMAIL.finditer(text)], text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("甲\n\r\r\n乙\n", "甲\n\n乙\n"),  # a stray CR before a CRLF: dropped, as E006 drops it
        ("甲\r\r\r\n乙\r\n", "甲\n乙\n"),
        ("甲\r乙\r\n丙\r\n", "甲\r乙\n丙\n"),  # a lone CR elsewhere is kept (E006's to fix)
    ],
)
def test_from_source_leaves_no_crlf_and_is_idempotent(source, text):
    doc = Document.from_source(source, "a.md")
    assert doc.text == text
    again = Document.from_source(doc.to_source(), "a.md")
    assert again.text == text and again.to_source() == doc.to_source()


def test_the_map_is_built_once_per_document_and_only_when_asked():
    doc = Document("正文 `代码`\n", "a.md")
    assert "prose" not in doc.__dict__
    first = doc.prose
    assert doc.prose is first and doc.verbatim == [(3, 7)]


@pytest.mark.parametrize(
    "text",
    [
        "<!--" * 20_000 + "\n正文\n",  # unclosed comments
        "a <!-- " * 20_000 + "\n",
        "{{" * 40_000 + "\n",  # unclosed template tags
        "x" * 200_000 + "://" + "y" * 200_000 + "\n",  # a long run of letters beside a scheme
        "a." * 100_000 + "\n",  # no @ for an address
        "<www.a" * 30_000 + "\n",  # www. that starts no URL
        ("甲  乙\n" * 20_000),  # a long table
    ],
    ids=["comment blocks", "inline comments", "templates", "letters by a scheme", "address-like", "www.", "table"],
)
@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_hostile_text_is_mapped_in_linear_time(text, path):
    started = time.process_time()
    Document(text, path).prose  # noqa: B018 - building the map is the test
    assert time.process_time() - started < 5


def test_span_arithmetic():
    assert merge([(5, 7), (0, 2), (2, 3), (6, 9), (4, 4)]) == [(0, 3), (5, 9)]
    assert subtract([(0, 10), (12, 20)], [(2, 3), (9, 13), (15, 30)]) == [(0, 2), (3, 9), (13, 15)]
    assert complement([(2, 3), (5, 9)], 10) == [(0, 2), (3, 5), (9, 10)]
    spans = Spans([(2, 5)])
    assert spans.covers(2) and not spans.covers(5)
    assert spans.touches(4, 6) and not spans.touches(5, 6) and spans.touches(3, 3) and not spans.touches(2, 2)
    assert spans.contains(2, 5) and not spans.contains(1, 3)


def test_the_parts_outside_the_spans_are_the_offsets_no_span_covers():
    rng = random.Random(5)
    for _ in range(5_000):
        spans = Spans((start, start + rng.randrange(0, 4)) for start in rng.sample(range(20), rng.randrange(0, 6)))
        start = rng.randrange(0, 22)
        end = rng.randrange(start, 24)
        parts = spans.outside(start, end)
        assert [offset for low, high in parts for offset in range(low, high)] == [
            offset for offset in range(start, end) if not spans.covers(offset)
        ]
        assert all(high < low_next for (_, high), (low_next, _) in zip(parts, parts[1:]))  # whole gaps, not pieces


def test_a_gap_between_cells_is_found_where_a_look_behind_finds_it():
    # _CELL_GAP starts at a blank (re skips to it in C); it finds what the pattern looking behind first finds
    reference = regex.compile(r"(?<=\S)(?:[ \t]{2,}|\t)(?=\S)")
    characters = [*map(chr, range(0x21)), " ", "\t", "\t", "a", "中", "\u3000", "\xa0", "\x85", "\u2028", "\ufeff"]
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice(characters) for _ in range(rng.randrange(1, 12)))
        assert [m.span() for m in _CELL_GAP.finditer(text)] == [m.span() for m in reference.finditer(text)], repr(text)


def test_no_white_space_is_what_regex_reads_as_none():
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert re.findall(_NOT_SPACE, every) == regex.findall(r"\S", every)
