"""D005: a document with too little Chinese in it (ChineseWebText's Chinese-character ratio)."""

from __future__ import annotations

from wenlint import Example
from wenlint_rules.document.signal_rule import Check, SignalRule, check_options

CHECKS = (
    Check("han_ratio", "min", 0.3, "ChineseWebText"),
    Check("han_chars", "min", 0, "off; ChineseWebText: 200"),
    Check("stop_words", "min", 0, "off; FineWeb-2 cmn_Hani: 2"),
    Check("special_char_ratio", "max", 0, "off; data-juicer: 0.25"),
)


class NotChineseDocument(SignalRule):
    code = "D005"
    name = "not-chinese-document"
    summary = "Too little of the document is Chinese"
    why = """
        A Chinese corpus collects pages a language detector called Chinese;
        many are mostly something else: code, tables of numbers, English with
        a Chinese menu. ChineseWebText keeps a document only when at least
        30 % of its characters are Chinese.
    """
    flags = """
        A document in which fewer than 30 % of the characters that are not
        blanks are Chinese characters (`han_ratio`). Options: `min_han_chars`
        (off; ChineseWebText wants 200) flags documents with fewer Chinese
        characters, and `min_stop_words` (off; FineWeb-2 wants 2) documents
        holding fewer of FineWeb-2's 22 Mandarin stop words (`的`, `在`, `是`…),
        and `max_special_char_ratio` (off; data-juicer's default is 0.25)
        documents in which more of the characters are blanks, punctuation,
        symbols or digits.
    """
    leaves_alone = """
        Chinese prose with English terms, numbers, code or links in it, as
        long as Chinese characters are at least 30 % of the text.
    """
    fix_safety = "No fix: the document is not the language the corpus collects."
    preview = True  # see bench/judged/README.md: not judged on real text yet
    checks = CHECKS
    presets = {
        "chinesewebtext": {"min_han_ratio": 0.3, "min_han_chars": 200.0},
        "datajuicer-zh": {"max_special_char_ratio": 0.25},
    }
    options = check_options(CHECKS)
    needs_han = False  # a document with no Chinese at all is the clearest case
    verdict = "not Chinese enough"
    bad = (
        Example("Download the latest version of the app here.\n中文\n"),
        Example("2023-01-05 12:00:01 404 GET /index.html\n2023-01-05 12:00:02 200 GET /a.html\n"),
    )
    good = (
        Example("我们使用 Python 3.11 和 numpy 处理数据，结果保存在 results.csv 中。\n"),
        Example("会议于2023年1月5日召开，共有120名代表参加。\n"),
    )
