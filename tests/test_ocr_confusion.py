"""L010 ocr-confusion: characters and digits OCR misread."""

from __future__ import annotations

from conftest import findings


def test_a_character_a_stroke_apart():
    assert findings("我们对此进行了深人研究。", "L010") == ["人"]
    assert findings("勉强植人效果不理想，导致失败。", "L010") == ["人"]
    assert findings("而为自已或家人进行医疗决策。", "L010") == ["已"]
    assert findings("这件事己经过去了。", "L010") == ["己"]


def test_both_readings_words_or_inside_a_longer_word():
    for text in (
        "经专家委员会审核，人选为核心期刊。",
        "全市人口增长，入口处设有标识。",
        "是想领导人所想、想领导人所未想。",
        "《汉书·天文志》曰：经星常宿中外官。",
        "Actor 可重入性，是盲入也不会出错的品牌。",
        "他说自己已经知道了，未来可期，周末见。",
    ):
        assert findings(text, "L010") == [], text


def test_a_letter_inside_a_number():
    assert findings("基金项目 (2O1402001)；Guangzhou 51O080,China；Dalian 1l6026", "L010") == [
        "2O1402001",
        "51O080",
        "1l6026",
    ]
    assert findings("Zhengzhou450o1; delineatedin2Ol3.; Eye-Link 100O 眼动仪", "L010") == ["450o1", "2Ol3", "100O"]
    for text in (
        "水的化学式是 H2O，测得 CO2 上升。",
        "型号 A1O2 已停产。",
        "二〇一九年",
        "版本 2O",
        "加热到 20oC",
        "编号 AB1O2",
    ):
        assert findings(text, "L010") == [], text


def test_each_letter_read_for_a_digit_is_found_in_a_number():
    # the quick test before the number pattern must let each of them through
    for letter in "Oo〇l":
        assert findings(f"截至2{letter}14年底，共有", "L010") == [f"2{letter}14"], letter
