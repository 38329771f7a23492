"""Hypothesis strategies for generated Chinese documents, shared by the fix
properties, the command fuzz and their benches.

Words come from the seeds and the real texts beside the project
(``../shared``) when they are there, with a small built-in fallback; nothing
long is copied into the repository.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import regex
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_FALLBACK = "社区建设工作会议我们今天主要贯彻精神总结阶段开展经验交流平安和谐群众服务发展经济政策安装完成重启快速开始指南入门文档"
#: Two-character words that are always there (the only ones without ../shared).
FALLBACK_WORDS = tuple(_FALLBACK[i : i + 2] for i in range(0, len(_FALLBACK), 2))
_HAN_RUN = regex.compile(r"\p{Han}{2,}")


def _han_chunks(text: str) -> list[str]:
    """Runs of Han characters from ``text`` (clauses between marks), longer ones cut into eights."""
    chunks = []
    for run in _HAN_RUN.findall(text):
        chunks.extend(run[i : i + 8] for i in range(0, len(run), 8))
    return [chunk for chunk in chunks if len(chunk) >= 2]


@cache
def vocabulary() -> tuple[str, ...]:
    """Chinese words to build sentences from: the built-in few, up to 1,500
    chunks from each of the seeds and three real corpora, a sample of the known typos."""
    sources = [[path.read_text(encoding="utf-8") for path in sorted((SHARED / "seeds").glob("*.txt"))]]
    for name in ("web.jsonl", "clean-simplified.jsonl", "markdown.jsonl"):
        path = SHARED / "data" / "real" / name
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                sources.append([json.loads(line)["text"][:3000] for line, _ in zip(lines, range(40), strict=False)])
    words = dict.fromkeys(FALLBACK_WORDS)
    for texts in sources:
        words.update(dict.fromkeys(list(dict.fromkeys(c for text in texts for c in _han_chunks(text)))[:1500]))
    typos = ROOT / "rules" / "data" / "typo_known.tsv"
    if typos.exists():
        rows = typos.read_text(encoding="utf-8").splitlines()[1:400:4]
        words.update(dict.fromkeys(row.split("\t")[0] for row in rows))
    return tuple(words)


LATIN = ("Python", "API", "Vue", "wenlint", "CPU", "iPhone", "GitHub", "v2.1", "PDF", "HTTP")
UNITS = ("公斤", "年", "%", "km", "元", "个", "GB", "月", "日", "万元")
HALF_PUNCT = (",", ".", ";", ":", "!", "?", "(", ")", ", ", ". ", '"', "'")
FULL_PUNCT = ("，", "。", "；", "：", "！", "？", "、", "（", "）", "“", "”")
URLS = (
    "https://example.org/资料/报告,2023.pdf",
    "https://zh.wikipedia.org/wiki/长城_(消歧义)",
    "http://www.example.cn/路径/文件?名称=中文,内容&页=2",
    "https://github.com/vuejs/docs-zh-cn/blob/main/指南.md",
    "www.example.com/新闻;2024/第1期",
)
EMAILS = ("zhang.san@example.com", "service@news.example.cn", "li_si+docs@mail.example.org")
TEMPLATES = ('{{ t("首页,关于") }}', "{{ site.title }}", '{% include "页脚,底部.html" %}', "{{ 用户.名字 }}")
MASKS = ("××××", "**", "XX", "某某", "□□", "ＸＸ")
DOUBLED = ("的的", "了了", "往往", "是是", "在在", "常常", "天天")
FULLWIDTH = ("２０２２年", "ＡＢＣ", "１２３", "Ｗｉｎｄｏｗｓ")
LOOKALIKES = ("Ｏ", "〇", "—", "–", "ー", "а", "о")  # Cyrillic а, о among them

words = st.deferred(lambda: st.sampled_from(vocabulary()))


def _mojibake(word: str, wrong: str) -> str:
    """``word`` as UTF-8 bytes read in the ``wrong`` code page."""
    return word.encode("utf-8").decode(wrong, errors="replace")


numbers = st.builds(
    lambda n, frac, space, unit: f"{n}{frac}{space}{unit}",
    st.integers(0, 100_000),
    st.sampled_from(("", ".5", ".25")),
    st.sampled_from(("", " ")),
    st.sampled_from(UNITS),
)
mojibake = st.builds(_mojibake, words, st.sampled_from(("gbk", "latin-1", "cp1252")))
spaced_han = words.map(" ".join)


def _pieces(markdown: bool) -> st.SearchStrategy[str]:
    """One inline piece of a sentence."""
    common = [
        words,
        words,
        words,
        st.sampled_from(HALF_PUNCT),
        st.sampled_from(FULL_PUNCT),
        st.sampled_from(LATIN),
        numbers,
        st.sampled_from(MASKS),
        st.sampled_from(DOUBLED),
        st.sampled_from(FULLWIDTH),
        st.sampled_from(LOOKALIKES),
        spaced_han,
        mojibake,
        st.sampled_from(URLS).map(lambda url: f" {url} "),
        st.sampled_from(EMAILS).map(lambda address: f" {address} "),
        st.sampled_from(("&nbsp;", "&amp;", "&#20013;", "\u3000", "  ", "\u200b", "，，", "。 。", "、、")),
        st.builds(lambda w: f'"{w}”', words),
        st.sampled_from(("中(zhōng)", "国(guó)", "长(cháng)城")),
    ]
    if markdown:
        common += [
            st.builds(lambda w, c: f"`{w}{c}`", words, st.sampled_from(("", ",", "(1)", "..."))),
            st.builds(lambda w, url: f"[{w}]({url})", words, st.sampled_from(URLS)),
            st.builds(lambda w, url: f'[{w}]({url} "标题,说明")', words, st.sampled_from(URLS)),
            st.builds(lambda w, url: f"<{url}>", words, st.sampled_from(URLS[:3])),
            st.builds(lambda w: f"![{w},图](img/图,1.png)", words),
            st.builds(lambda w: f'<span class="注释,内容">{w},{w}</span>', words),
            st.sampled_from(TEMPLATES),
            st.builds(lambda w: f"<!-- {w},{w} -->", words),
            st.builds(lambda w: f"**{w}**", words),
            st.builds(lambda w: f"[{w}][参考]", words),
            st.builds(lambda w: f"${w},x^2$", words),
        ]
    return st.one_of(common)


def sentences(markdown: bool) -> st.SearchStrategy[str]:
    """A run of inline pieces, ending in a mark or not."""
    return st.builds(
        lambda parts, end: "".join(parts) + end,
        st.lists(_pieces(markdown), min_size=1, max_size=12),
        st.sampled_from(("。", ".", "", "！", "，", "：")),
    )


def _lines(markdown: bool, prefix: str) -> st.SearchStrategy[str]:
    return st.lists(sentences(markdown), min_size=1, max_size=4).map(lambda xs: "\n".join(prefix + x for x in xs))


def _code_lines(words_: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    line = st.builds(
        lambda cmd, w, mark, w2: f"{cmd}{w}{mark}{w2}",
        st.sampled_from(('echo "', "print('", "# ", "x = ", "")),
        words_,
        st.sampled_from((",", ".", "  ", "(", ")", ";", "，")),
        words_,
    )
    return st.lists(line, min_size=1, max_size=4).map("\n".join)


FURNITURE = ("------", "———", "××××××", "- 12 -", "第 3 页", "12", "＊＊＊", "·  ·  ·")


def _txt_blocks() -> st.SearchStrategy[str]:
    table_row = st.lists(words, min_size=3, max_size=4).map("    ".join)
    return st.one_of(
        _lines(False, ""),
        _lines(False, ""),
        st.sampled_from(FURNITURE),
        st.lists(table_row, min_size=2, max_size=4).map("\n".join),
        st.builds(lambda a, b, c: f"作者：{a} {b} {c}", words, words, words),
        st.builds(lambda s: s[:30], sentences(False)),
    )


def _md_blocks() -> st.SearchStrategy[str]:
    code = _code_lines(words)
    cell = st.one_of(words, sentences(True).map(lambda s: s.replace("|", "").replace("\n", " ")[:20]))
    table = st.builds(
        lambda head, rows: "\n".join(
            [f"| {' | '.join(head)} |", "|" + " --- |" * len(head)]
            + [f"| {' | '.join(r[: len(head)])} |" for r in rows]
        ),
        st.lists(words, min_size=2, max_size=3),
        st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=3),
    )
    return st.one_of(
        _lines(True, ""),
        _lines(True, ""),
        st.builds(lambda level, s: "#" * level + " " + s, st.integers(1, 6), sentences(True)),
        _lines(True, "- "),
        _lines(True, "1. "),
        _lines(True, "> "),
        table,
        st.builds(lambda lang, body: f"```{lang}\n{body}\n```", st.sampled_from(("", "sh", "python", "text")), code),
        code.map(lambda body: "\n".join("    " + line for line in body.split("\n"))),
        st.builds(lambda s: f'<div class="说明">\n{s}\n</div>', sentences(False)),
        st.builds(lambda s: f"<!-- {s}\n{s} -->", sentences(False)),
        st.sampled_from(TEMPLATES),
        st.sampled_from(FURNITURE),
        st.sampled_from(URLS).map(lambda url: f'[参考]: {url} "标题,说明"'),
        st.builds(lambda w, s: f'!!! note "{w},{w}"\n    {s}', words, sentences(True)),
        st.builds(lambda w, s: f"{w}\n: {s}", words, sentences(True)),
        st.builds(lambda s: f"{s}\n---", sentences(True)),
        st.builds(lambda w: f"\u200b<!-- {w},{w} -->{w}", words),
    )


def _front_matter() -> st.SearchStrategy[str]:
    return st.builds(
        lambda title, a, b: f"---\ntitle: {title},{a}\ncategories: [{a},{b}]\nurl: {URLS[0]}\n---\n\n",
        words,
        words,
        words,
    )


def documents(markdown: bool) -> st.SearchStrategy[str]:
    """A whole document: blocks separated by one or two line breaks (Markdown:
    front matter or not first)."""
    blocks = _md_blocks() if markdown else _txt_blocks()
    body = st.builds(
        lambda parts, seps: "".join(part + sep for part, sep in zip(parts, seps, strict=False)),
        st.lists(blocks, min_size=1, max_size=8),
        st.lists(st.sampled_from(("\n\n", "\n\n", "\n")), min_size=8, max_size=8),
    )
    if not markdown:
        return body
    return st.builds(lambda front, text: front + text, st.one_of(st.just(""), _front_matter()), body)


#: A generated document and its file name: ``doc.md`` or ``doc.txt``.
named_documents = st.one_of(
    documents(True).map(lambda text: ("doc.md", text)),
    documents(False).map(lambda text: ("doc.txt", text)),
)
