"""The script profile view, decided with OpenCC's tables."""

from __future__ import annotations

from conftest import opencc_keys, seed
from hypothesis import given, settings
from hypothesis import strategies as st

from wenlint import Document
from wenlint.script import converter, regional_forms, shared_characters


def profile_of(text: str):
    return Document(text).script


def test_seed_scripts():
    assert Document(seed("002").read_text(encoding="utf-8")).script.dominant == "traditional"
    assert Document(seed("003").read_text(encoding="utf-8")).script.dominant == "simplified"


def test_simplified_forms_in_traditional_seed_002():
    doc = Document(seed("002").read_text(encoding="utf-8"))
    minority = {doc.text[i] for i in doc.script.minority()}
    assert {"并", "于", "后", "干"} <= minority


def test_regional_variants_and_shared_characters_are_not_minority():
    taiwan = "人民群眾的生活水準提高了,我們瞭解這個情況。"
    assert profile_of(taiwan).dominant == "traditional"
    assert profile_of(taiwan).minority().tolist() == []
    assert profile_of("皇后與王子在公園裡散步,這是一個好天氣。").minority().tolist() == []
    assert profile_of("天天向上,好好学习。").dominant in ("simplified", "neutral")


def test_converted_seed_bodies_are_single_script():
    body = seed("003").read_text(encoding="utf-8")
    traditional = converter("s2t").convert(body)
    assert Document(traditional).script.dominant == "traditional"
    assert Document(body).script.minority().tolist() == []


def test_profile_is_computed_once_per_document(monkeypatch):
    import wenlint.document
    from wenlint.engine import lint
    from wenlint.registry import all_rules

    calls = []
    real = wenlint.document.script_profile
    monkeypatch.setattr(wenlint.document, "script_profile", lambda text: calls.append(1) or real(text))
    m_rules = [rule() for code, rule in all_rules().items() if code.startswith("M")]
    found = lint(Document(seed("002").read_text(encoding="utf-8")), m_rules)
    assert any(d.code == "M002" for d in found)
    assert len(calls) == 1


def test_differences_compare_code_points():
    from itertools import compress, count
    from operator import ne

    from wenlint.script import _differences

    pairs = [("", ""), ("abc", "abc"), ("社区发展", "社區發展"), ("a\U00020000b\x00", "a\U00020001b\x01"), ("國", "国")]
    for a, b in pairs:
        assert list(_differences(a, b)) == list(compress(count(), map(ne, a, b)))


def test_windows_converted_together_as_one_by_one(monkeypatch):
    import wenlint.script as script

    doc = Document(seed("002").read_text(encoding="utf-8"))
    candidates = sorted(doc.script.simplified_candidates)
    calls = []
    real = script.changed_positions
    monkeypatch.setattr(script, "changed_positions", lambda text, config: calls.append(1) or real(text, config))
    near = script._changed_near(doc.text, candidates, "s2tw")
    assert len(calls) == 1  # one OpenCC call for every window
    one_by_one = []
    for offset in candidates:
        start = max(0, offset - script.CONTEXT)
        if offset - start in real(doc.text[start : offset + script.CONTEXT + 1], "s2tw"):
            one_by_one.append(offset)
    assert near.tolist() == one_by_one and 0 < len(near) < len(candidates)


class _Lengthening:
    """A stand-in converter that writes `发` as `發` and `后` as two characters."""

    calls = 0

    def convert(self, text: str) -> str:
        self.calls += 1
        return text.replace("发", "發").replace("后", "後來")


def test_a_line_whose_length_changes_is_compared_character_by_character(monkeypatch):
    import wenlint.script as script

    stand_in = _Lengthening()
    monkeypatch.setattr(script, "converter", lambda config: stand_in)
    monkeypatch.setattr(script, "t2s_may_change", lambda text: True)  # the stand-in may change any text
    text = "发展\n先后发展后\n后"
    assert script.changed_positions(text, "s2t").tolist() == [0, 4, 5, 7, 9]
    # the text, each line, and the characters of each changed line in one call: never one per character
    assert stand_in.calls == 1 + 3 + 2
    profile = script.ScriptProfile(text)
    assert profile.in_simplified is None  # offsets into it would not match the text's
    assert script.ScriptProfile("发展\n发").in_simplified == "發展\n發"


def test_the_profile_keeps_one_converted_copy_and_none_of_unchanged_text():
    """Issue 20: the Simplified conversion is the one whole copy kept (the
    typo and spam rules read it); the conversion to Traditional is compared a
    piece at a time and dropped; a text the conversion leaves alone is kept
    as itself, not as an equal copy."""
    from wenlint import script

    text = ("社区里的居民说，这里发展得很好。\n" * 3 + "臺灣的發展\n") * 4000  # several pieces
    profile = script.ScriptProfile(text)
    assert profile.simplified_candidates.tolist() == script._differences(text, converter("s2t").convert(text)).tolist()
    assert profile.in_simplified == converter("t2s").convert(text)
    assert [value for value in vars(profile).values() if isinstance(value, str) and value is not text] == []
    kept = [value for value in vars(profile).values() if isinstance(value, tuple)]
    assert [new for new, _ in kept] == [profile.in_simplified]  # t2s only, never s2t
    simplified = "社区里的居民说，这里发展得很好。\n" * 9000
    assert script.ScriptProfile(simplified).in_simplified is simplified


def test_dominant_needs_no_whole_conversion_of_simplified_text(monkeypatch):
    text = seed("003").read_text(encoding="utf-8")
    profile = Document(text).script
    assert profile.dominant == "simplified"
    assert "simplified_candidates" not in profile.__dict__  # only lines up to the first candidate were converted
    assert profile.simplified_candidates and not Document(text).script.minority()
    assert Document("just English, no Chinese at all").script.dominant == "neutral"
    assert Document("天天向上").script.dominant == "neutral"


def test_the_windows_hold_every_phrase_through_a_candidate():
    import wenlint.script as script

    longest = max(len(key) for config in ("s2tw", "s2hk") for key in opencc_keys(config))
    assert 10 < longest <= script.CONTEXT


def test_opencc_dictionary_is_read_as_opencc_reads_it():
    """The first value of each key is what OpenCC's converter writes for it."""
    from wenlint.script import opencc_dictionary

    table = opencc_dictionary("STCharacters")
    keys = list(table)
    assert len(keys) > 4000 and table["干"] == ["幹", "乾", "干", "榦"]
    assert [table[key][0] for key in keys] == converter("s2t").convert("\n".join(keys)).split("\n")


def test_shared_characters_are_read_from_opencc():
    """A Simplified character OpenCC lists among its own Traditional forms."""
    shared = shared_characters()
    assert set("干里雇准制后于") <= shared
    assert not set("们这问并为") & shared  # 并 → 並 併 幷
    assert len(shared) > 150
    assert set("乾昇於瞭") <= shared_characters("TSCharacters")
    assert not set("給語體廣") & shared_characters("TSCharacters")


def test_regional_forms_tell_taiwan_from_hong_kong():
    forms = regional_forms()
    assert [forms[c] for c in "說稅戶溫"] == ["taiwan"] * 4
    assert [forms[c] for c in "裏羣啓着"] == ["hongkong"] * 4
    assert not set("税户温为裡群") & forms.keys()  # Simplified forms, and forms both keep, are no evidence


def test_region_of_a_document():
    assert profile_of("本條例所稱稅捐，由戶籍所在地之稅捐稽徵機關徵收。").region == "taiwan"
    assert profile_of("裏面寫着納税人須於報税表內説明住户的入息，税務局會啓動覆核。").region == "hongkong"
    assert profile_of("他說裏面很好。").region is None  # too little evidence
    assert profile_of("他說話，說了又說，裏面裏外裏。").region is None  # neither dominates


def test_hong_kong_forms_that_are_simplified_count_only_in_taiwan_text():
    tail = "，加徵滯納税。"
    taiwan = profile_of("本條例所稱稅捐，由戶籍所在地之稅捐稽徵機關徵收" + tail)
    assert [taiwan._text[i] for i in taiwan.simplified] == ["税"]
    open_region = profile_of("本條例所稱捐款，由所在地之機關徵收" + tail)
    assert not open_region.simplified


def test_large_texts_are_converted_and_compared_a_piece_at_a_time():
    """Issue 19: a large text is converted, compared and checked for regional
    forms in pieces of bounded size, with the results of the whole at once."""
    from wenlint import script

    text = ("社区里的居民说，这里发展得很好。\n" * 3 + "臺灣的發展\n") * 4000  # several pieces
    assert len(text) > 3 * script._PIECE
    for config in ("t2s", "s2t"):
        whole = script.converter(config).convert(text)
        assert script.convert_in_pieces(text, config) == whole
        assert script._differences(text, whole).tolist() == [i for i, (a, b) in enumerate(zip(text, whole)) if a != b]
    offsets = script.changed_positions(text, "s2t")
    windows = [[max(0, o - script.CONTEXT), o + script.CONTEXT + 1, [o]] for o in offsets]
    assert all(
        sum(end - start + 1 for start, end, _ in batch) <= 2 * script._PIECE for batch in script._batches(windows)
    )
    candidates = set(offsets)
    assert script._changed_near(text, offsets, "s2tw").tolist() == [
        o for o in script.changed_positions(text, "s2tw") if o in candidates
    ]


def test_a_simplified_only_character_is_converted_wherever_it_stands():
    import wenlint.script as script

    only = script.simplified_only()
    assert {"们", "说", "发", "这"} <= only and not {"干", "里", "后", "天"} & only
    joined = "\n".join(only)
    assert all(new != old for old, new in zip(only, converter("s2t").convert(joined).split("\n")))
    # in phrases too: the values of s2t's dictionaries hold none of them
    for key in ("头发", "发展", "理发", "说服", "干净"):
        converted = converter("s2t").convert(key)
        assert not (set(key) & only) or converted != key


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="们说发干里后天向上皇后乾净头理服面公", max_size=12))
def test_simplified_is_dominant_where_s2t_changes_the_text(text):
    """A Simplified-only character found in C says what converting the text says."""
    import wenlint.script as script

    profile = script.ScriptProfile(text)
    assert profile.dominant == ("simplified" if profile.simplified_candidates else "neutral") or profile.traditional


def test_t2s_changes_only_texts_holding_a_witness():
    """``t2s_may_change`` is False only where t2s gives the text back: every
    key of t2s's dictionaries that it converts (phrases as `沈浸`, `批覆`,
    whose characters alone stay) holds a witness, and the CJK characters
    that are none, read in a row, convert to themselves."""
    import wenlint.t2s_witnesses as t2s

    convert = converter("t2s").convert
    keys = sorted(opencc_keys("t2s"))
    changed = [key for key, new in zip(keys, convert("\n".join(keys)).split("\n")) if new != key]
    assert len(changed) > 5000 and {"沈浸", "批覆", "打坏"} <= set(changed)
    assert all(t2s.t2s_may_change(key) for key in changed)
    changes = t2s.t2s_changes()
    assert changes == t2s._t2s_changes()  # the table kept between runs is the one the code builds
    witnesses = changes.witnesses
    plain = "".join(chr(code) for code in range(0x3400, 0xA000) if chr(code) not in witnesses)
    assert len(plain) > 20000 and not t2s.t2s_may_change(plain)
    for text in (plain, plain[::-1], plain[1::2] + plain[::2]):
        assert convert(text) == text
    assert t2s.t2s_may_change("天天向上𠀀") and t2s.t2s_may_change("學習") and not t2s.t2s_may_change("天天向上")


def test_t2s_phrase_witnesses_alone_change_nothing():
    """A witness of a phrase only (`沈` of `沈浸`, `覆` of `批覆`, `坏` of
    `打坏`), common in Simplified text, says the text may change only where
    a phrase it converts is there: without one, t2s gives the text back."""
    import wenlint.t2s_witnesses as t2s

    convert = converter("t2s").convert
    changes = t2s.t2s_changes()
    alone = "".join(sorted(changes.witnesses - changes.characters))
    assert {"沈", "覆", "坏"} <= set(alone) and not changes.characters.intersection(alone)
    plain = "".join(chr(code) for code in range(0x4E00, 0x9FA6) if chr(code) not in changes.witnesses)
    for text in (alone, alone[::-1], "覆盖坏了，沈先生说。"):
        assert not t2s.t2s_may_change(text) and convert(text) == text
    for step in range(89, 100):  # (`一坏` is a phrase t2s converts)
        text = "".join(a + b + c for a, b, c in zip(alone * 50, plain[::step], plain[1::step]))
        assert t2s.t2s_may_change(text) or convert(text) == text
    for phrase in changes.phrases:
        assert t2s.t2s_may_change(f"{alone}{phrase}{plain[:50]}") and convert(phrase) != phrase
    assert t2s.t2s_may_change("他沈浸在工作中") and not t2s.t2s_may_change("他姓沈，在工作中")


def test_t2s_skipped_gives_the_profile_of_the_conversion():
    """A text the quick test passes over has the profile converting it gives."""
    import wenlint.script as script

    for text in ("沈浸在工作中，批覆了文件。", "天天向上，好好学习。", "我们什么都没说。", ""):
        profile = script.ScriptProfile(text)
        assert profile.in_simplified == converter("t2s").convert(text)
        assert profile.traditional.tolist() == script.changed_positions(text, "t2s").tolist()
