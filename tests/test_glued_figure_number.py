"""L011 glued-figure-number: a caption's number run into the year after it."""

from __future__ import annotations

from conftest import findings


def test_a_caption_number_glued_to_a_year_range_or_year():
    assert findings("![](images/a.jpg)  \n图22000—2018 年古尔班通古特沙漠降水变化\n", "L011", path="p.md") == [
        "图22000"
    ]
    assert findings("Table 32010-2015 rainfall\n# 图4 2010年\n", "L011") == ["Table 32010"]


def test_numbers_that_are_not_glued():
    for text in (
        "图5 2008—2018年降水变化\n",
        "如图52008年数据所示。\n",
        "表2019 数据\n",
        "图123 2019年\n",
        "图1232019年\n",
    ):
        assert findings(text, "L011") == [], text


def test_every_label_spelling_is_looked_for():
    # the labels the quick test before the caption pattern must let through
    for caption in ("Fig. 52008—2018", "Fig 52008年", "Figure 52008—2018", "附表122019年", "Table\t32010-2015"):
        assert findings(f"{caption} 降水变化\n", "L011") != [], caption


def test_the_quick_test_finds_what_regex_finds():
    import random

    import regex

    from wenlint_rules.layout.glued_figure_number import _LABEL_YEAR

    plain = regex.compile(r"(?:图|表|Fig\.?|Figure|Table)[ \t]*[1-9]\d?(?:19|20)\d\d")
    rng = random.Random(5)
    for _ in range(3_000):
        text = "".join(
            rng.choice(["图", "表", "Fig.", "Table", " ", "1", "2", "0", "9", "５", "年"]) for _ in range(12)
        )
        assert (_LABEL_YEAR.search(text) is None) == (plain.search(text) is None), repr(text)
