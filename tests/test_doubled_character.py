"""T004 doubled-character: slips, not reduplication."""

from __future__ import annotations

from conftest import findings, seed

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules


def test_seed_000_doubled_de_is_flagged_and_fixed_safely():
    text = seed("000").read_text(encoding="utf-8")
    assert findings(text, "T004") == ["的的"]
    fixed = fix(Document(text), [all_rules()["T004"]()]).doc.text
    assert "比较突出的社区" in fixed and "的的" not in fixed


def test_other_seeds_have_no_doubled_characters():
    for prefix in ("001", "002", "003", "004"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "T004") == []


def test_function_words_typed_twice():
    assert findings("我们完成了了任务，这是是关键，他在在学校。", "T004") == ["了了", "是是", "在在"]


def test_reduplication_is_left_alone():
    text = "你看看，我常常来，人人说谢谢，天天向上，高高兴兴，一首首歌，跟你说说，星星点点。"
    assert findings(text, "T004") == []


def test_pairs_split_between_words_are_left_alone():
    text = "达到目的的手段，为了了解情况，他的的士，说的的确是实话，现在在台北，高兴得不得了了，不了了之。"
    assert findings(text, "T004") == []


def test_a_content_character_after_a_word_ending_in_it():
    assert findings("大家要积极极参与，推进建设设施。", "T004") == ["极极"]
    rule = all_rules()["T004"]()
    assert fix(Document("积极极参与"), [rule]).doc.text == "积极极参与"
    assert fix(Document("积极极参与"), [rule], unsafe=True).doc.text == "积极参与"


def test_runs_and_quotes_are_left_alone():
    assert findings("哈哈哈，“尊尊”和“亲亲”。", "T004") == []


def test_traditional_text():
    assert findings("我們在在社區工作，這是是關鍵。", "T004") == ["在在", "是是"]
