"""D003: a document made of repeated lines or phrases (Gopher's repetition filter, FineWeb-2's thresholds)."""

from __future__ import annotations

from wenlint import Example
from wenlint_rules.document.signal_rule import MIN_CHARS, Check, SignalRule, check_options, defaults

FINEWEB2 = "FineWeb-2 cmn_Hani"
CHECKS = (
    Check("dup_para_frac", "max", 0, "FineWeb-2, which turns it off; Gopher: 0.3"),
    Check("dup_para_char_frac", "max", 0, "FineWeb-2, which turns it off; Gopher: 0.2"),
    Check("dup_line_frac", "max", 0.287, FINEWEB2),
    Check("dup_line_char_frac", "max", 0, "FineWeb-2, which turns it off; Gopher: 0.2"),
    Check("top_2_gram", "max", 0.256, FINEWEB2),
    Check("top_3_gram", "max", 0.201, FINEWEB2),
    Check("top_4_gram", "max", 0.171, FINEWEB2),
    Check("duplicated_5_n_grams", "max", 0.198, FINEWEB2),
    Check("duplicated_6_n_grams", "max", 0.182, FINEWEB2),
    Check("duplicated_7_n_grams", "max", 0.167, FINEWEB2),
    Check("duplicated_8_n_grams", "max", 0.154, FINEWEB2),
    Check("duplicated_9_n_grams", "max", 0.14, FINEWEB2),
    Check("duplicated_10_n_grams", "max", 0.127, FINEWEB2),
    Check("char_dup_ratio", "max", 0.1, "FineWeb-2's FineWeb quality filter"),
    Check("char_rep_ratio", "max", 0, "off; data-juicer's Chinese recipe: 0.6"),
    Check("duplicated_13_char_grams", "max", 0, "off; ChineseWebText: 0.5"),
)

_ARTICLE = (
    "社区是城市社会的基本构成单元，也是构建和谐社会的重要基石。\n"
    "近年来，我们坚持把社区建设摆在突出位置，不断完善社区服务体系。\n"
    "居民的获得感和幸福感明显增强，社区面貌发生了深刻变化。\n"
)


class RepetitiveDocument(SignalRule):
    code = "D003"
    name = "repetitive-document"
    summary = "The document is mostly repetition: the same lines or phrases again and again"
    why = """
        Spam pages, tag clouds and broken crawls repeat a line or a phrase
        until it fills the page. A model trained on them learns to repeat;
        every published web-corpus recipe drops such documents (Gopher's
        repetition filter, used by FineWeb and FineWeb-2).
    """
    flags = """
        A document whose repetition signals (see `wenlint scan`'s signals)
        pass FineWeb-2's thresholds for Mandarin: more than 28.7 % of its
        lines repeat an earlier line (`dup_line_frac`), its most frequent word
        2-, 3- or 4-gram covers more than 25.6 %, 20.1 % or 17.1 % of the text
        (`top_2_gram`…`top_4_gram`), repeated word 5- to 10-grams cover more
        than 19.8 % … 12.7 % of it (`duplicated_5_n_grams`…), or repeated
        lines hold more than 10 % of its characters (`char_dup_ratio`).
        Words are split as datatrove splits Chinese (jieba). Each threshold
        is an option; data-juicer's and ChineseWebText's character
        repetition checks are options that are off by default. Documents
        under 200 characters (option `min_chars`) are not judged.
    """
    leaves_alone = """
        Ordinary prose, which repeats words but not whole lines or long
        phrases; a short refrain in a long text; documents whose repetition
        stays under every threshold; documents too short to judge (`好的。好的。`).
    """
    fix_safety = "No fix: the document as a whole is the problem; a corpus filter drops it."
    preview = True  # see bench/judged/README.md: not judged on real text yet
    checks = CHECKS
    presets = {
        "fineweb2-cmn": defaults(CHECKS),
        "chinesewebtext": {"max_duplicated_13_char_grams": 0.5},
        "datajuicer-zh": {"max_char_rep_ratio": 0.6},
    }
    options = {**check_options(CHECKS), "min_chars": MIN_CHARS}
    verdict = "repetitive document"
    bad = (
        Example("点击下载最新版本\n" * 30 + "欢迎访问本站。\n"),
        Example("好消息好消息好消息，今天全场五折。\n" * 12),
    )
    good = (
        Example("好的。好的。\n"),
        Example(_ARTICLE),
        Example(
            _ARTICLE + "谢谢大家！\n"
            "下面请街道办事处主任介绍今年的工作安排，并回答代表们提出的问题。\n"
            "明年将新建三个养老服务中心，改造老旧小区十二个，增加停车位两千个。\n谢谢大家！\n"
        ),
    )
