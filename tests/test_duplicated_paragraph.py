"""D002 duplicated-paragraph: copies of a paragraph, exact or normalised."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from conftest import findings, seed

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint_rules.document.duplicated_paragraph import _COMPOSES, _MAKES_MAIN_HAN, _NOISE, _han_key, _normalise


def _text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def _line(prefix: str, number: int) -> str:
    return _text(prefix).split("\n")[number - 1]


def _fixed(text: str, unsafe: bool = True, **options) -> str:
    return fix(Document.from_source(text), [all_rules()["D002"](**options)], unsafe=unsafe).doc.text


#: Seed 002, line 13: a paragraph of Traditional prose with half-width commas.
PARAGRAPH = _line("002", 13)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_titles_repeated_at_the_top_of_the_seeds_are_left_to_the_spam_rules(prefix):
    assert findings(_text(prefix), "D002") == []


def test_seed_003_title_is_long_but_not_a_sentence():
    title = _line("003", 1)
    assert title == _line("003", 7) == "在党建引领社区治理体系建设观摩推进会上讲话(2022年)"
    assert findings(_text("003"), "D002", min_chars=5) == []


def test_exact_copy_at_the_end_of_a_seed():
    text = _text("002") + "\n\n" + PARAGRAPH
    [finding] = lint(Document.from_source(text), [all_rules()["D002"]()])
    assert text[finding.start : finding.end] == PARAGRAPH
    assert finding.start == len(text) - len(PARAGRAPH)
    assert finding.message == "this paragraph repeats line 13; remove the copy"
    assert _fixed(text) == _text("002")


def test_copy_differing_in_punctuation_and_spaces():
    copy = PARAGRAPH.replace(",", "，").replace("。", "。 ")
    text = _text("002").replace("\n\n二、當前", "\n\n" + copy + "\n\n二、當前", 1)
    assert findings(text, "D002") == [copy.strip()]
    [finding] = lint(Document.from_source(text), [all_rules()["D002"]()])
    assert finding.message == "this paragraph repeats line 13 (ignoring spaces and punctuation); remove the copy"
    assert _fixed(text) == _text("002")


def test_the_fix_is_unsafe():
    text = _text("002") + "\n" + PARAGRAPH
    assert _fixed(text, unsafe=False) == text
    assert _fixed(text) == _text("002")


def test_every_later_copy_is_removed_and_fixing_twice_changes_nothing():
    first = _line("000", 47)
    text = f"{first}\n{first}\n\n{first}\n谢谢大家!\n"
    assert findings(text, "D002", min_chars=20) == [first, first]
    fixed = _fixed(text, min_chars=20)
    assert fixed == f"{first}\n谢谢大家!\n"
    assert _fixed(fixed, min_chars=20) == fixed


def test_indented_copy_is_removed_with_its_indentation():
    text = f"\u3000\u3000{PARAGRAPH}\n正文。\n\u3000\u3000{PARAGRAPH}\n"
    assert findings(text, "D002") == [PARAGRAPH]
    assert _fixed(text) == f"\u3000\u3000{PARAGRAPH}\n正文。\n"


@pytest.mark.parametrize(
    "text",
    [
        "同志们:\n\n会议开始。\n\n同志们:\n\n谢谢大家!\n\n谢谢大家!",
        "是。\n不是。\n是。",
        "第一条 本办法适用于全市所有街道社区的党组织建设工作。\n第二条 本办法适用于全市所有街道社区的党组织建设工作。",
        "三、坚持党的领导、压实工作责任，以奋发有为的精神状态推动社区治理工作落地落实\n"
        "正文。\n三、坚持党的领导、压实工作责任，以奋发有为的精神状态推动社区治理工作落地落实",
    ],
)
def test_short_lines_headings_and_numbered_clauses_are_not_duplicates(text):
    assert findings(text, "D002") == []


def test_min_chars_option():
    line = "会议要求各单位抓好落实。"  # 11 Chinese characters
    text = f"{line}\n正文。\n{line}"
    assert findings(text, "D002") == []
    assert findings(text, "D002", min_chars=10) == [line]


def test_markdown_code_is_not_compared():
    line = "这一行代码里的文字重复出现了两次，但是代码块不归它管。"
    text = f"```\n{line}\n{line}\n```\n"
    assert findings(text, "D002", path="doc.md", min_chars=20) == []
    assert findings(text, "D002", path="doc.txt", min_chars=20) == [line]


@pytest.mark.parametrize(
    "item",
    [
        "（2）基金管理人因解散、破产、撤销等事由，不能继续担任基金管理人的职务，而在六个月内无其他适当的基金管理公司承接其原有权利义务；",
        "2）在法律法规和本基金合同规定的范围内调低基金的申购费率、赎回费率或变更收费方式，并依照有关规定在指定媒介上公告；",
        "三、醫療機構、醫事檢驗所名冊及共同關係等相關資料。但以股份有限公司方式設立者，並應檢具投資名冊及其各該投資比例等證明文件。",
        "第五条 本办法适用于全市所有街道社区的党组织建设工作，各区县人民政府应当结合本地实际制定具体的实施细则并报市人民政府备案。",
        "- 如果有多个父组件提供了相同键的数据，注入将解析为组件链上最近的父组件所注入的值，这一点在设计组件库时尤其需要注意。",
    ],
)
def test_numbered_provisions_and_list_items_repeat_on_purpose(item):
    text = f"{item}\n正文。\n{item}\n"
    assert findings(text, "D002", min_chars=20) == []
    # the same words without the number are a copied paragraph
    words = item.split("）", 1)[-1].split("、", 1)[-1].removeprefix("第五条 ").removeprefix("- ")
    assert findings(f"{words}\n正文。\n{words}\n", "D002", min_chars=20) == [words]


def test_shorter_paragraphs_that_recur_are_left_alone():
    note = "这个钩子仅在开发模式下可用，且在服务器端渲染期间不会被调用。请避免在生产环境的代码里依赖它的行为。"
    text = f"## onRenderTracked\n\n{note}\n\n## onRenderTriggered\n\n{note}\n"
    assert findings(text, "D002") == []
    assert findings(text, "D002", min_chars=20) == [note]


def test_normalise_drops_noise_before_nfkc_only_where_nothing_could_compose_with_it():
    def by_nfkc(text: str) -> str:
        return _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())

    for text in (
        "社区，建设：（一）",
        "ＡＢＣ！ａｂｃ",
        "a，\u0301b",
        "\u1100，\u1161",
        "™，①",
        "＜\u0338",
        "カ［ﾞ",  # half-width voiced mark: NFKC makes it U+3099, which composes
        "㉡〶ￛ",  # circled and half-width Hangul: NFKC makes them a leading consonant and a vowel
        "가，ㄳ",  # compatibility jamo: NFKC makes it a final
    ):
        assert _normalise(text) == by_nfkc(text)


def test_what_might_compose_holds_every_character_nfkc_turns_into_a_mark_a_vowel_or_a_final():
    composing = regex.compile(r"[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]")
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        if composing.match(unicodedata.normalize("NFKC", chr(code))):
            assert _COMPOSES.match(chr(code)), hex(code)


def test_a_copy_written_with_radicals_or_compatibility_ideographs_is_a_copy():
    copy = PARAGRAPH.replace("人", "\u2f08", 1).replace("來", "\uf92d", 1)  # ⼈ (a radical), 來 (compatibility)
    assert unicodedata.normalize("NFKC", copy) == PARAGRAPH
    assert _han_key(copy) == _han_key(PARAGRAPH)
    text = f"{PARAGRAPH}\n正文。\n{copy}\n"
    assert findings(text, "D002") == [copy]


def test_what_makes_main_block_han_holds_every_character_nfkc_turns_into_one():
    main_han = regex.compile("[\u4e00-\u9fff]")
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000 or 0x4E00 <= code <= 0x9FFF:
            continue
        if main_han.search(unicodedata.normalize("NFKC", chr(code)).casefold()):
            assert _MAKES_MAIN_HAN.match(chr(code)), hex(code)
