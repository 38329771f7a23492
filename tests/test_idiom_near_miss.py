"""T002 idiom-near-miss."""

from __future__ import annotations

from conftest import findings, seed

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules


def test_near_misses_are_flagged_and_corrected():
    text = "毕业时的悲观离合，想自己过去的所做所为。"
    assert findings(text, "T002") == ["悲观离合", "所做所为"]
    fixed = fix(Document(text), [all_rules()["T002"]()], unsafe=True).doc.text
    assert fixed == "毕业时的悲欢离合，想自己过去的所作所为。"


def test_seeds_get_nothing_that_t001_does_not_report_already():
    assert findings(seed("000").read_text(encoding="utf-8"), "T001").count("各司共职") == 1
    for prefix in ("000", "001", "002", "003", "004"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "T002") == []


def test_listed_misspellings_far_rarer_than_the_idiom_are_flagged():
    assert findings("大家迫不急待，再接再励。", "T002") == ["迫不急待", "再接再励"]


def test_idioms_and_near_misses_that_are_words_are_left_alone():
    assert findings("他一心一意，一心一用也不行，这是不可一日缺少的。各司其职，迫不及待。", "T002") == []


def test_the_change_must_sound_or_look_alike():
    assert findings("各部门各司甲职。", "T002") == []


def test_a_change_of_tone_must_gain_more_than_the_same_syllable():
    # 打开眼界 (open one's eyes) is ordinary Chinese; 打 → 大 changes the tone
    text = "夜市使我打开眼界。"
    assert findings(text, "T002") == []
    assert findings(text, "T002", sensitivity="loose") == ["打开眼界"]


def test_traditional_text_is_corrected_in_its_own_script():
    rule = all_rules()["T002"]()
    assert fix(Document("大家迫不急待地打開了禮物。"), [rule], unsafe=True).doc.text == "大家迫不及待地打開了禮物。"


def test_no_correction_toward_an_idiom_jieba_alone_lists():
    # jieba lists the misspelling 天赋异柄 as an idiom; the web list does not
    assert findings("是因为他们天赋异禀，我比较蠢。", "T002") == []
    assert findings("客户却很多时候一尘不变。", "T002") == ["一尘不变"]


def test_the_web_idioms_kept_between_runs_are_those_the_lexicon_lists():
    from wenlint_rules.typo import idiom_near_miss
    from wenlint_rules.typo.lexicon import lexicon

    lex, halves = lexicon(), idiom_near_miss._halves()
    kept = [idiom for group in halves._begun.values() for idiom in group]
    listed = [lex.idioms[index : index + 4] for index in range(0, len(lex.idioms), 4)]
    assert sorted(kept) == sorted(filter(lex.in_web, listed)) and 5_000 < len(kept) < len(listed)
    assert "天赋异柄" in listed and "天赋异柄" not in kept  # jieba lists the misspelling, the web does not
