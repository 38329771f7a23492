"""T005 stripped-character: one character gone from a whole document."""

from __future__ import annotations

from collections import Counter

from conftest import seed

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules


def _findings(text: str, **options):
    doc = Document(text)
    return doc, lint(doc, [all_rules()["T005"](**options)])


def test_seed_001_lost_every_li_and_xiang():
    doc, found = _findings(seed("001").read_text(encoding="utf-8"))
    headline = [d.message for d in found if "whole document" in d.message]
    assert len(headline) == 2
    assert headline[0].startswith("`力` appears stripped from the whole document")
    assert headline[1].startswith("`相` appears stripped from the whole document")
    places = {doc.text[d.start - 2 : d.end + 2] for d in found}
    for context in ("建設,努推進", "會、社會量支持", "形成整體合。我們", "鄰里和睦處的風", "一品、互融合、得"):
        assert any(context in place or place in context for place in places), context


def test_every_place_gets_a_finding_with_an_insertion():
    doc, found = _findings(seed("001").read_text(encoding="utf-8"))
    at_nu = [d for d in found if doc.text[d.start : d.end + 2] == "努推進"]
    assert at_nu and all(d.fix.edits[0].content == "力" for d in at_nu)
    fixed = fix(doc, [all_rules()["T005"]()], unsafe=True).doc.text
    assert "努力推進" in fixed and "和睦相處" in fixed and "社會力量支持" in fixed


def test_a_place_beside_two_words_it_would_restore_is_reported_once():
    # 財量: 力 would make 財力 with the left neighbour and 力量 with the right one
    text = "我們要努推進社區建設,動員社會量參與,形成整體合。我們要努推動工作,花精、用人才,集中財量辦大事。"
    doc, found = _findings(text, expected=0.01)
    assert [doc.text[d.start : d.end] for d in found] == ["努", "量", "合", "努", "精", "財"]
    assert found[0].message.startswith("`力` appears stripped from the whole document (6 places)")


def test_seeds_that_lost_nothing_get_nothing():
    for prefix in ("000", "002", "003", "004"):
        assert _findings(seed(prefix).read_text(encoding="utf-8"))[1] == []
    joined = "\n".join(seed(p).read_text(encoding="utf-8") for p in ("000", "003", "004"))
    assert _findings(joined)[1] == []


def test_a_character_the_document_uses_is_never_reported():
    text = seed("001").read_text(encoding="utf-8") + "\n我們要努力工作。"
    messages = [d.message for d in _findings(text)[1] if "whole document" in d.message]
    assert len(messages) == 1 and messages[0].startswith("`相`")


def test_a_short_document_is_not_expected_to_use_the_character():
    assert _findings("我們要努推進社區建設,動員社會量參與,形成整體合。")[1] == []


def test_a_text_of_few_distinct_characters_is_no_evidence_and_its_candidates_are_bounded():
    """`中**` repeated: hundreds of candidate places per Chinese character
    (memory grew ~4.7 GB per MB); collecting stops at the budget."""
    from wenlint_rules.typo import stripped_candidates, stripped_character
    from wenlint_rules.typo.lexicon import typo_view

    doc = Document(("中**" * 200 + "\n") * 100)
    view = typo_view(doc)
    missing = stripped_character._expected_but_missing(view, 8.0)
    assert len(missing) > 500
    assert stripped_candidates._candidates(doc, view, missing) is None
    assert lint(doc, [all_rules()["T005"]()]) == []


def test_candidates_of_ordinary_text_stay_within_the_budget():
    from wenlint_rules.typo import stripped_candidates, stripped_character, stripped_gaps
    from wenlint_rules.typo.lexicon import typo_view

    doc = Document(seed("001").read_text(encoding="utf-8"))
    view = typo_view(doc)
    gaps, _ = stripped_candidates._candidates(doc, view, stripped_character._expected_but_missing(view, 8.0))
    assert 0 < sum(map(len, gaps.values())) <= stripped_gaps.CANDIDATES_PER_HAN * view.han_count


def test_a_character_whose_every_place_a_likelier_one_restores_gets_no_finding():
    # 事 and 商 would both restore words at `業` and `務` (事業/商業, 事務/商務); 事 is the
    # likelier at each, so 商 has no place left to report, and the rule must not fail on it
    doc, found = _findings("經營運送業之公司，未曾發生運務糾紛，且承攬業得申請。", expected=0.01, min_words=2)
    assert found and {d.code for d in found} == {"T005"}
    assert not any("`商`" in d.message for d in found)
    # a likelier character took all but one of the places of 事: one place, said so
    assert "`事` appears stripped from the whole document (1 place): `務`" in {d.message for d in found}


def test_the_cheap_test_of_gaps_keeps_those_where_the_trie_finds_a_word_the_character_may_make():
    """_costing_little answers from the lexicon's tables (two-character words,
    word beginnings, pairs) and asks the trie last: it must keep exactly the
    gaps where the character put in makes a two-character word with a cheap
    neighbour, is one of the first three characters of a word of three or
    more, or the fourth of one starting three characters back."""
    from wenlint_rules.typo import stripped_candidates, stripped_tables
    from wenlint_rules.typo.lexicon import lexicon, typo_view

    lex = lexicon()
    view = typo_view(Document(seed("001").read_text(encoding="utf-8")))
    text, gaps = view.text, range(1, len(view.text))
    kinds = Counter()
    for char in "力相性发作用进量度":
        cheap_before, cheap_after = stripped_tables.cheap_neighbours(char)

        def kind(gap, char=char, cheap_before=cheap_before, cheap_after=cheap_after):
            if text[gap - 1] in cheap_before or text[gap] in cheap_after:
                return "a cheap neighbour"
            made = text[:gap] + char + text[gap:]  # char at ``gap``
            for start in range(max(0, gap - 2), min(gap, len(made) - 3) + 1):
                if lex.starts_word(made[start : start + 3]):
                    return f"a word's beginning, at {gap - start}"
            return "a word's fourth" if gap >= 3 and lex.starts_word(made[gap - 3 : gap + 1]) else None

        expected = {gap: kind(gap) for gap in gaps}
        kinds.update(filter(None, expected.values()))
        assert stripped_candidates._costing_little(view, char, gaps) == [gap for gap in gaps if expected[gap]], char
    assert len(kinds) == 5, kinds  # every way of keeping a gap is met


def _li_reported(text: str, **options) -> bool:
    return any(d.message.startswith("`力` appears stripped") for d in _findings(text, **options)[1])


def test_a_character_is_reported_from_exactly_its_thresholds_of_words_places_and_expected_uses():
    """The rule drops a character as soon as it cannot reach one of the
    thresholds (see _convincing): the bounds must be those, not near them."""
    from wenlint_rules.typo.lexicon import lexicon, typo_view

    # 力 would restore 努力 (twice), 力量, 合力, 精力 and 財力 (財量, beside two words: counted twice):
    # 5 different words at places counted 7 times
    text = "我們要努推進社區建設,動員社會量參與,形成整體合。我們要努推動工作,花精、用人才,集中財量辦大事。"
    assert _li_reported(text, expected=0.01, min_words=5) and not _li_reported(text, expected=0.01, min_words=6)
    # text that neither uses 力 nor has a place for it: the places needed grow with the text,
    # half the times 力 was expected (0.18% of Chinese characters)
    filler = "\n今天天氣很好，我們一起去公園散步，看見許多孩子在草地上玩耍。"  # 27 Chinese characters
    needing_7 = text + filler * 280  # 7,602 Chinese characters: 力 expected 13.5 times, 6.74 places needed
    assert _li_reported(needing_7) and not _li_reported(text + filler * 300)  # 7.22 needed
    uses = lexicon().char_frequency("力") * typo_view(Document(needing_7)).han_count
    assert _li_reported(needing_7, expected=uses * 0.999) and not _li_reported(needing_7, expected=uses * 1.001)


def test_no_place_gains_more_than_its_most_and_the_most_is_reached():
    """A character is dropped before its places are weighed when fewer than
    LIKELIER of its words may make their surroundings likelier (a place's
    ``most`` > 0): no place may gain more than its most, and the bound must
    be tight, so that a stricter cut would drop places that do gain."""
    from conftest import SEED_FILES, restorings

    from wenlint_rules.typo import stripped_character
    from wenlint_rules.typo.lexicon import lexicon, typo_view

    gains = []
    for path in SEED_FILES:
        doc = Document(path.read_text(encoding="utf-8"))
        view = typo_view(doc)
        missing = stripped_character._expected_but_missing(view, 0.5)
        expected = {char: lexicon().char_frequency(char) * view.han_count for char in missing}
        for char, found in restorings(view, stripped_character._worth_restoring(doc, view, expected, 0)).items():
            for around, place in found:
                weighed = place and stripped_character._weighed(around, char, place)
                if weighed:
                    assert weighed.gain <= place.most, (char, place.word)
                    gains.append((weighed.gain, place.most))
    assert len(gains) > 500
    assert any(0 < gain == most <= 5 for gain, most in gains)
