"""D006: a document that is a list or a ragged column of fragments (FineWeb's list ratio)."""

from __future__ import annotations

from wenlint import Example
from wenlint_rules.document.signal_rule import MIN_CHARS, Check, SignalRule, check_options, defaults

CHECKS = (
    Check("list_ratio", "max", 0.178, "FineWeb-2 cmn_Hani"),
    Check("avg_line_length", "min", 0, "off; ChineseWebText: 10"),
)


class ListLikeDocument(SignalRule):
    code = "D006"
    name = "list-like-document"
    summary = "The document is a list of fragments, a line break every few words"
    why = """
        Menus, keyword lists, tables flattened into one cell a line and
        text broken after every few words make documents with a line break
        every few words: little for a model to learn from. FineWeb and
        FineWeb-2 drop a document with too many line breaks per word.
    """
    flags = """
        A document with more than 0.178 line breaks per word (`list_ratio`,
        FineWeb-2's threshold for Mandarin; words split as datatrove splits
        Chinese, with jieba): on average a line break every five or six
        words. Option `min_avg_line_length` (off; ChineseWebText wants 10)
        also flags documents whose lines average fewer characters. Documents
        under 200 characters (option `min_chars`) are not judged.
    """
    leaves_alone = """
        Prose, with paragraphs of several sentences; a list inside a document
        whose paragraphs carry most of the words; a short list on its own
        (`苹果、香蕉` one a line), under 200 characters.
    """
    fix_safety = "No fix: joining the lines would not make them prose."
    preview = True  # see bench/judged/README.md: not judged on real text yet
    checks = CHECKS
    presets = {"fineweb2-cmn": defaults(CHECKS), "chinesewebtext": {"min_avg_line_length": 10.0}}
    options = {**check_options(CHECKS), "min_chars": MIN_CHARS}
    verdict = "list-like document"
    bad = (Example("".join(f"商品{number}\n" for number in range(1, 60))),)
    good = (
        Example("苹果\n香蕉\n橙子\n葡萄\n"),
        Example(
            "社区是城市社会的基本构成单元，也是构建和谐社会的重要基石。近年来，我们坚持把社区建设摆在突出位置。\n"
            "居民的获得感和幸福感明显增强，社区面貌发生了深刻变化。\n"
        ),
    )
