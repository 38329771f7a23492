"""T003 confusable-character: the general detector."""

from __future__ import annotations

import regex
from conftest import findings, seed

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules
from wenlint_rules.typo import confusable_character, confusable_reportable, names
from wenlint_rules.typo.lexicon import LOOSE_SHAPE, PENALTY, Gap, lexicon, typo_view


def _messages(text: str, **options) -> list[str]:
    return [d.message for d in lint(Document(text), [all_rules()["T003"](**options)])]


def test_typos_with_suggestions():
    assert findings("犯罪嫌疑人、被告人聘请的律帅。", "T003") == ["帅"]
    assert _messages("法院应当根锯和解协议制作调解书。")[0].startswith("`锯` may be a typo for `据`")


def test_misspellings_t001_lists_are_left_to_it(monkeypatch):
    text = "建议需多注意保暧，注意清洁卫生。"
    assert findings(text, "T001") == ["保暧"]
    assert findings(text, "T003") == []
    seed_002 = seed("002").read_text(encoding="utf-8")
    assert findings(seed_002, "T003", sensitivity="loose") == []  # 莫視 and 茶語飯后: T001's
    monkeypatch.setattr(confusable_reportable, "listed_at", lambda view, positions: set())
    assert findings(text, "T003") == ["暧"]
    assert any(m.startswith("`語` may be a typo for `餘`") for m in _messages(seed_002, sensitivity="loose"))


def test_a_suspect_yields_to_a_neighbour_that_explains_it_as_well():
    # `整` is the typo (炎症性); `炎` → `严` (严整) would explain the broken words too
    assert findings("发低热属于一种炎整性的反应。", "T003") == []
    assert _messages("发低热属于一种炎症性的反应，要注意修息。") == ["`修` may be a typo for `休`, `岫`"]


def test_a_suspect_yields_to_a_neighbour_whose_correction_makes_a_longer_word_through_both_sides():
    # `其` → `歧` makes the idiom 误入歧途 with the characters on both its sides;
    # `途` → `余` (其余) alone would be a lesser reading
    assert findings("千万不要误入其途。", "T003", sensitivity="loose") == []
    assert findings("他一开始就误入其途，后来改正了。", "T003", sensitivity="loose") == []


def test_of_two_suspects_side_by_side_the_much_stronger_is_reported():
    # `修` → `休` (休息) gains far more than anything `息` could become
    assert findings("多喝水，注意修息。", "T003") == ["修"]


def test_two_suspects_side_by_side_that_gain_alike_are_both_left_alone():
    # `逖` → `是` gains 414, `币` → `比` 329: the weaker is scored below the
    # threshold to weigh the two, and is within 100 of the other
    assert findings("原因逖币为", "T003") == []


def test_each_suspect_of_a_document_of_two_is_scored_in_its_own_place():
    # the two share every character of their context, but not their place in it
    assert findings("修息", "T003") == ["修"]
    assert findings("律帅", "T003") == ["帅"]


def test_traditional_seeds_are_not_flagged_for_being_traditional():
    for prefix in ("001", "002"):
        flagged = findings(seed(prefix).read_text(encoding="utf-8"), "T003")
        assert len(flagged) <= 2, flagged


def test_sensitivity_trades_recall_for_precision():
    text = "這是程序正檔原則的要求。"
    assert findings(text, "T003") == []
    assert findings(text, "T003", sensitivity="loose") == ["檔"]


def test_clean_text_gets_nothing():
    text = (
        "社区是社会的细胞，社区服务是群众生活的晴雨表。各部门要各司其职，配套下拨资金，"
        "增进人民福祉，不要漠视群众。法律解释不是可有可无的，而是必然存在于法律适用之中。"
    )
    assert findings(text, "T003") == []


def test_names_quotes_and_variants_are_left_alone():
    assert findings("他读了《律帅集》，说“律帅”二字写错了。", "T003") == []
    assert findings("王律帅来了。", "T003") == []
    assert findings("妳看牠在那裡。", "T003") == []


def test_a_surname_that_ends_a_word_starts_no_name():
    # 于 and 戴 are surnames, but here they end the words 关于 and 配戴
    assert findings("关于行征复议有关问题的规定。", "T003") == ["征"]
    assert findings("远视散光需要配戴眼竞。", "T003") == ["竞"]
    assert findings("记者于行征报道。", "T003") == []
    assert findings("组长白甜说了。", "T003", sensitivity="loose") == []  # 长 is 组长's, so 白 starts a name


def test_a_surname_a_suggestion_draws_into_a_longer_word_starts_no_name():
    assert findings("可能是白殿风，具体要看。", "T003") == ["殿"]  # 白癜风
    assert findings("常用液体石腊。", "T003") == ["腊"]  # 液体石蜡
    assert findings("可能是白殿，具体要看。", "T003") == []
    assert findings("石腊来了。", "T003") == []


def test_a_suspect_that_repeats_is_a_term():
    assert findings("聘请的律帅很好。聘请的律帅也来了。", "T003") == []


def test_pieces_are_counted_as_str_count_counts_them_however_many():
    text = "聘请的律帅很好。律帅来了。帅帅帅，帅帅。" + "".join(map(chr, range(0x4E00, 0x4E00 + 200)))
    few = {"律帅", "帅帅", "帅", "好。", "。"}
    many = few | {text[start : start + size] for start in range(0, len(text) - 1, 3) for size in (1, 2)}
    assert len(few) <= confusable_reportable.COUNTED_APART < len(many)
    for pieces in (few, many):
        assert confusable_reportable._counts(text, pieces) == {piece: text.count(piece) for piece in pieces}


def test_a_drug_name_is_left_alone():
    # a dosage form (丸, 颗粒, 合剂 …) a few characters on tells a drug's name
    assert findings("比如服用补脾益肠丸治疗。", "T003") == []
    assert findings("小儿安酚黄那敏颗粒都可以。", "T003", sensitivity="loose") == []
    assert findings("比如服用补脾益肠治疗。", "T003") == ["脾"]
    assert findings("小儿安酚黄那敏都可以。", "T003", sensitivity="loose") == ["酚"]
    assert findings("比如服用补脾益肠片治疗。", "T003") == ["脾"]  # 片 names photos and slices too


def test_names_in_bylines_and_lists_of_authors_are_left_alone():
    assert findings("作者：蔡富艳，魏诗雅，纪伟", "T003") == []
    assert findings("缪建明等借助专利层次结构特点。", "T003") == []
    assert findings("对于大风灾害，缪霄龙等从致灾因子入手。", "T003") == []
    # the same characters inside a sentence are still suspects
    assert findings("比如服用补脾益肠治疗。", "T003") == ["脾"]


def test_taiwan_standard_forms_are_left_alone():
    text = "每日由專人至少查核乙次，得以實彈砲擊其檣桅。"
    assert findings(text, "T003") == []


def test_a_suggested_name_does_not_count_as_a_longer_word():
    # 丁国宝 is a person in jieba: it is no reason to read 丁国堡 as a typo
    assert lexicon().is_name("丁国宝")
    assert findings("昨天丁国堡来了。", "T003") == []
    assert findings("可能是白殿风，具体要看。", "T003") == ["殿"]


def test_characters_between_transliterated_name_characters_are_left_alone():
    assert names.transliterated("来自克里斯蒂娜的信", 4)
    assert not names.transliterated("注意修息", 2)


def test_a_character_of_the_documents_topic_is_left_alone():
    sentence = "试验开始及结束之日晨饲前连续空腹称重。"
    assert findings(sentence, "T003") == ["饲"]
    assert findings("饲料按时饲喂，饲养条件相同。" + sentence, "T003") == []


def _score_in_full(view, position: int, joining: int | None = None):
    """T003's score of a suspect with every candidate's words asked of the
    trie and every candidate scored, as before any bound: what the bounds of
    _weigh and _score must leave as it is, whatever the floor."""
    text, lex = view.text, lexicon()
    low = position - len(regex.search(r"\p{Han}{0,3}$", text[:position])[0])
    high = position + 1 + len(regex.compile(r"\p{Han}{0,3}").match(text, position + 1)[0])
    meeting = [
        lex.follower_sets[text[position - 1]] if low < position and joining in (None, position - 1) else set(),
        lex.leader_sets[text[position + 1]] if position + 1 < high and joining in (None, position + 1) else set(),
    ]
    gap, char = Gap(view, low, position, position + 1, high), text[position]
    base = gap.cost(char, gap.trie_words(char))
    gains = sorted(
        (
            (base - gap.cost(other, gap.trie_words(other)) - PENALTY[index], other)
            for index, group in enumerate(lex.similar(char)[:LOOSE_SHAPE])
            for other in group
            if other in meeting[0] or other in meeting[1]
        ),
        reverse=True,
    )
    return (gains[0][0], [other for _, other in gains[:3]]) if gains else None


def _swapped_seeds():
    """The view of seeds with every fifth Chinese character made a similar one."""
    lex = lexicon()
    chars = [*"".join(seed(prefix).read_text(encoding="utf-8")[:2000] for prefix in ("000", "002", "003", "004"))]
    han = [index for index, char in enumerate(chars) if regex.match(r"\p{Han}", char)]
    for index in han[::5]:
        similar = "".join(lex.similar(chars[index])[:LOOSE_SHAPE])
        chars[index] = similar[index % len(similar)] if similar else chars[index]
    return typo_view(Document("".join(chars) + "\n困意来了，型血来潮。加大力度、快借奏推进。"))


def test_the_lone_characters_are_those_that_may_be_suspects_and_meet_neither_neighbour_in_a_word():
    # astral characters, `?` and other characters that are not ASCII before the Chinese ones
    view = typo_view(Document("𠀀𠀁?社ａ会?福社，晴雨表 a?b\n" + _swapped_seeds().text))
    text, joins = view.text, view.joins
    meets = [joins[at] or at and joins[at - 1] for at in range(len(text))]
    expected = [at for at, char in enumerate(text) if not meets[at] and confusable_character._MAY_SUSPECT[char]]
    assert confusable_character._lone_characters(view) == expected
    assert len(expected) > 100 and expected[0] < 10


def test_whether_a_suspect_has_one_beside_it_follows_from_its_window():
    """_suspects remembers a score by the suspect's window of text alone,
    though a suspect beside another is scored at a lower floor: which
    neighbours are suspects too must be the same in the window alone."""
    view, window = _swapped_seeds(), confusable_character.WINDOW
    lone = confusable_character._lone_characters(view)
    suspects = set(lone)
    beside = [position - 1 in suspects or position + 1 in suspects for position in lone]
    alone = []
    for position in lone:
        start = max(0, position - window)
        in_window = typo_view(Document("。" + view.text[start : position + window + 1] + "。"))
        near = confusable_character._lone_characters(in_window)
        alone.append(position - start in near or position - start + 2 in near)
    assert alone == beside and True in beside and False in beside


def test_the_bounds_leave_every_score_as_scoring_every_candidate_in_full_gives():
    """_weigh drops a suspect, and _score a candidate, only when no word
    through it can gain the floor (or be shown): on seeds with every fifth
    Chinese character made a similar one, every suspect and every neighbour
    it may yield to scores as scoring all its candidates in full does, at
    the floors of every sensitivity (a suspect alone, or beside another)
    and below them. Only longer words make `型` (心血来潮) and `借`
    (快节奏, through both neighbours) gain."""
    view = _swapped_seeds()
    floors = (0, 100, 150, 200, 250, 300, 400, 500)
    scored = 0
    for position in confusable_character._lone_characters(view):
        full = _score_in_full(view, position)
        for floor in floors:
            expected = full if full and full[0] >= floor else None
            assert confusable_character._score(view, position, floor) == expected, (position, floor)
            scored += expected is not None
        for neighbour in (position - 1, position + 1):
            if 0 <= neighbour < len(view.text) and regex.match(r"\p{Han}", view.text[neighbour]):
                full = _score_in_full(view, neighbour, joining=position)
                for floor in floors:
                    expected = full if full and full[0] >= floor else None
                    assert confusable_character._score(view, neighbour, floor, joining=position) == expected
    assert scored > 100
