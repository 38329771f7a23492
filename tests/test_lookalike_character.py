"""M005: look-alike characters (a dash for 一, O for 〇, Cyrillic for Latin)."""

from __future__ import annotations

import pytest
import regex
from conftest import findings, seed, wenlint
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint import Applicability, Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint_rules.script.lookalike_character import (
    _ANY_HOMOGLYPH,
    _ANY_ZERO_OR_HOMOGLYPH,
    _DASHES,
    _DIGIT_ZERO,
    _HAN_ZERO,
    _LETTER_ZERO_AFTER_DIGIT,
    _SINGLE,
    _ZERO_BESIDE_NUMERAL,
    _han_zeros,
)

RULE = all_rules()["M005"]


def fixed(text: str, unsafe: bool = False) -> str:
    return fix(Document.from_source(text, "a.txt"), [RULE()], unsafe=unsafe).doc.text


def test_list_marker_dash_in_seed_000():
    text = seed("000").read_text(encoding="utf-8")
    assert text.count("—、") == 1
    doc = Document.from_source(text, "000.txt")
    diagnostics = lint(doc, [RULE()])
    assert [doc.text[d.start : d.end] for d in diagnostics] == ["—"]
    assert doc.position(diagnostics[0].start) == (11, 1)
    assert diagnostics[0].fix.applicability is Applicability.SAFE
    result = fixed(text)
    assert "\n一、充分认识建设平安和谐社区的重大意义\n" in result
    assert "—、" not in result
    assert result.replace("一、充分认识", "—、充分认识", 1) == text


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_other_seeds_have_no_lookalikes(prefix):
    # 001: `——建設和諧社區` (a Chinese dash), 002: `5—7名` (a range), 003: `二〇三五年`.
    assert findings(seed(prefix).read_text(encoding="utf-8"), "M005") == []


@pytest.mark.parametrize(
    ("text", "expected", "result"),
    [
        ("—、充分认识\n二、扎实推进", ["—"], "一、充分认识\n二、扎实推进"),
        ("　　―、总体要求", ["―"], "　　一、总体要求"),
        ("  ー．总则", ["ー"], "  一．总则"),
        ("（—）加强领导\n（二）落实责任", ["—"], "（一）加强领导\n（二）落实责任"),
        ("第—章 总则", ["—"], "第一章 总则"),
        ("第－，要加强领导。", ["－"], "第一，要加强领导。"),
        ("工作中，—是加强领导，二是落实责任。", ["—"], "工作中，一是加强领导，二是落实责任。"),
        ("—要统一思想；二要狠抓落实。", ["—"], "一要统一思想；二要狠抓落实。"),
        ("—九九八年", ["—"], "一九九八年"),
        ("二〇〇—年", ["—"], "二〇〇一年"),
        ("十—月一日", ["—"], "十一月一日"),
        ("二十—世纪", ["—"], "二十一世纪"),
        ("“十—五”规划", ["—"], "“十一五”规划"),
        ("二O一八年", ["二O一八"], "二〇一八年"),
        ("二○○八年", ["二○○八"], "二〇〇八年"),
        ("二Ｏ一八年", ["二Ｏ一八"], "二〇一八年"),
        ("二о一八年", ["二о一八"], "二〇一八年"),  # Cyrillic о
        ("二0一八年", ["二0一八"], "二〇一八年"),
        ("2O18年", ["2O18"], "2018年"),
        ("２Ｏ１８年", ["２Ｏ１８"], "２０１８年"),
        ("富含维生素С的蔬菜", ["С"], "富含维生素C的蔬菜"),  # Cyrillic С
        ("iРhone手机", ["Р"], "iPhone手机"),  # Cyrillic Р
    ],
)
def test_safe_fixes(text, expected, result):
    assert findings(text, "M005") == expected
    diagnostics = lint(Document(text, "a.txt"), [RULE()])
    assert all(d.fix.applicability is Applicability.SAFE for d in diagnostics)
    assert fixed(text) == result
    assert findings(result, "M005") == []


def test_choonpu_outside_japanese_is_unsafe():
    text = "要坚持统ー领导，ー个中心。"
    assert findings(text, "M005") == ["ー", "ー"]
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == "要坚持统一领导，一个中心。"


@pytest.mark.parametrize(
    "text",
    [
        "主要體會是：\n\n——建設和諧社區，是踐行重要思想的具體體現。",
        "他说——是的，我来了。",
        "北京—上海的高铁，1990—2000年间修建。",
        "——摘自《人民日报》",
        "A—B两点之间的距离。",
        "我想喝一杯コーヒー。ラーメンも。",
        "X光、A股、B超、T恤、K线、Q版、U盘、e时代、iPhone手机、pH值。",
        "α粒子、β受体和γ射线都是物理概念。",
        "O2O模式和H2O分子，还有CO2排放。",
        "一九九〇—二〇〇〇年，三—五年，第一—第三章。",
        "第十—第二十条，十—二十人，十—两百元。",
        "社区有5—7名工作人员。",
        "二〇三五年远景目标，〇〇七号。",
        "“奇迹多是在厄运中出现的”－培根。",
        "普京（Путин）访问了北京。",
        "「所以沉体所受的浮力等于排开的体积乘──嘿！后面的！」",
        "—是这样吗？",  # no second item: not an enumeration
        "— 、",
        "○ 选项一\n○ 选项二",
        "请访问 http://example.com/2O18 了解。",
    ],
)
def test_left_alone(text):
    assert findings(text, "M005") == []


def test_enumeration_needs_second_item_in_same_paragraph():
    assert findings("—是加强领导。\n\n二是落实责任。", "M005") == []
    assert findings("—是加强领导。\n二是落实责任。", "M005") == ["—"]


def test_cli_fix(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    target = tmp_path / "a.txt"
    target.write_text("—、充分认识\n二O一八年，统ー领导。\n", encoding="utf-8")
    result = wenlint("check", str(target), "--select", "M005", "--fix", cwd=tmp_path)
    assert result.returncode == 1  # the unsafe `ー` is left
    assert target.read_text(encoding="utf-8") == "一、充分认识\n二〇一八年，统ー领导。\n"
    result = wenlint("check", str(target), "--select", "M005", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert result.returncode == 0
    assert target.read_text(encoding="utf-8") == "一、充分认识\n二〇一八年，统一领导。\n"


#: Every run of digits and letter Os, as M005 once matched it to keep those holding a letter.
_EVERY_NUMBER = regex.compile(
    r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}0-9０-９.])[0-9０-９][0-9０-９OoОоΟοＯｏ]*(?![\p{Latin}\p{Cyrillic}\p{Greek}0-9０-９.])"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="20０Oo\u041e\u03bfＯ.年a ", max_size=20))
def test_the_numbers_matched_are_those_holding_a_letter_o(text):
    expected = [m.span() for m in _EVERY_NUMBER.finditer(text) if not m[0].isdigit()]
    assert [m.span() for m in _DIGIT_ZERO.finditer(text)] == expected
    assert bool(_LETTER_ZERO_AFTER_DIGIT.search(text)) >= bool(expected)  # looked for first


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二〇○0Oo年 ", max_size=12))
def test_a_zero_beside_a_numeral_is_found_looking_from_the_zero(text):
    numeral, zero = "[〇零一二三四五六七八九]", "[○◯OoＯｏОоΟο0０]"
    assert bool(_ZERO_BESIDE_NUMERAL.search(text)) == bool(regex.search(f"{numeral}{zero}|{zero}{numeral}", text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="一二〇○02０Oo\u041e\u03bfＯ\u0410\u0391ѕ年a ", max_size=12))
def test_one_pass_finds_a_text_with_a_zero_or_a_homoglyph_whenever_one_of_their_patterns_would(text):
    each = (_ZERO_BESIDE_NUMERAL, _LETTER_ZERO_AFTER_DIGIT, _ANY_HOMOGLYPH)
    assert bool(_ANY_ZERO_OR_HOMOGLYPH.search(text)) == any(pattern.search(text) for pattern in each)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_DASHES + "一、\n ", max_size=12))
def test_a_single_dash_is_found_where_looking_behind_first_finds_it(text):
    one = regex.compile(f"(?<![{_DASHES}])[{_DASHES}](?![{_DASHES}])")
    assert [m.span() for m in _SINGLE.finditer(text)] == [m.span() for m in one.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="一二〇○0Oo\u041e年a ", max_size=16))
def test_the_runs_of_numerals_read_are_those_holding_a_zero_beside_a_numeral(text):
    def flagged(matches):
        return [m.span() for m in matches if sum(ch in "〇一二" for ch in m[0]) >= 2 and set(m[0]) - set("〇一二")]

    assert flagged(_han_zeros(text)) == flagged(_HAN_ZERO.finditer(text))
