"""M002 script-mixing: Simplified characters in Traditional text and the reverse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import findings, opencc_keys, seed

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint.script import converter

CSC = Path("/work/shared/data/csc")
TRAD = "社區發展工作大會講話,今天的大會是市政府就加快社區建設專門召開的一次重要會議。"


def text_of(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def diagnostics(text: str, path: str = "doc.txt", **options):
    doc = Document.from_source(text, path)
    return doc, lint(doc, [all_rules()["M002"](**options)])


def fixed(text: str, **options) -> str:
    doc = Document.from_source(text, "doc.txt")
    return fix(doc, [all_rules()["M002"](**options)], unsafe=True).doc.text


# -- the seeds ------------------------------------------------------------------


def test_seed_002_simplified_forms_in_traditional_text():
    assert findings(text_of("002"), "M002") == [
        "于",
        "咨",
        "系",
        "斗",
        "征",
        "后",
        "余",
        "后",
        "愿",
        "干",
        "并",
        "干",
        "干",
        "后",
        "后",
        "于",
        "于",
        "么",
        "涌",
        "并",
        "范",
        "斗",
        "于",
        "于",
        "于",
        "于",
        "干",
        "斗",
        "于",
    ]


@pytest.mark.parametrize(
    "excerpt, run",
    [
        ("探討并亟待解決", "并"),
        ("不利于面向", "于"),
        ("財政先后投入", "后"),
        ("社區干部在做好", "干"),
    ],
)
def test_seed_002_defects_listed_in_defects_md(excerpt, run):
    text = text_of("002")
    at = text.index(excerpt) + excerpt.index(run)
    doc, found = diagnostics(text)
    assert any(d.start == at and d.end == at + len(run) for d in found)


def test_seed_002_message_and_fix():
    text = text_of("002")
    at = text.index("不利于") + 2
    doc, found = diagnostics(text)
    (finding,) = [d for d in found if d.start == at]
    assert finding.message == "Simplified `于` in Traditional text; Traditional is `於`"
    assert finding.fix.edits[0].content == "於" and not finding.fix.allowed(unsafe=False)


def test_seed_002_fix_touches_only_the_runs_and_is_idempotent():
    text = text_of("002")
    doc, found = diagnostics(text)
    flagged = {i for d in found for i in range(d.start, d.end)}
    once = fixed(text)
    assert len(once) == len(text)
    assert {i for i, (a, b) in enumerate(zip(text, once)) if a != b} == flagged
    assert "探討並亟待解決" in once and "不利於面向" in once and "先後投入" in once and "社區幹部" in once
    assert "人民群眾的關係上" in once  # phrase-aware: not 關繫
    assert fixed(once) == once
    assert diagnostics(once)[1] == []


def test_seed_001_simplified_spam_line_is_not_mixing(snapshot_json):
    """The snapshot (every flagged span of seed 001, in order) was written from
    the rule's findings at commit 5be906e, where the test counted 82 of them,
    and read through: each is a Simplified character (范, 并, 于, 干, …) left
    in seed 001's Traditional text, none on its Simplified spam first line."""
    text = text_of("001")
    doc, found = diagnostics(text)
    assert [text[d.start : d.end] for d in found] == snapshot_json
    first_line_end = text.index("\n")
    assert all(d.start > first_line_end for d in found)
    # mojibake after a lossy GBK step is encoding damage, not script mixing
    damage = text.index("?shù)谋砻嫖恼隆")
    assert not any(damage <= d.start < damage + 16 for d in found)
    assert "范" in [text[d.start : d.end] for d in found]


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_simplified_seeds_are_clean(prefix):
    assert findings(text_of(prefix), "M002") == []


def test_simplified_seed_004_keeps_xianzhu():
    # tw2s reads 著 as Traditional; in 显著 it is ordinary Simplified
    text = text_of("004")
    assert "显著" in text
    assert findings(text, "M002") == []


# -- clean single-script text ------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_converted_traditional_seeds_are_clean(prefix, config):
    assert findings(converter(config).convert(text_of(prefix)), "M002") == []


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_converted_simplified_seeds_are_clean(prefix):
    assert findings(converter("t2s").convert(text_of(prefix)), "M002") == []


def _csc_sentences():
    return [json.loads(line)["tgt"] for path in sorted(CSC.glob("*.jsonl")) for line in path.open(encoding="utf-8")]


@pytest.mark.skipif(not CSC.is_dir(), reason="csc data not available")
def test_csc_sentences():
    sentences = _csc_sentences()
    flagged = [(s, findings(s, "M002")) for s in sentences]
    flagged = [(s, f) for s, f in flagged if f]
    # the one finding is a true positive: GB writes 了如指掌, not 瞭如指掌
    assert len(sentences) == 3062
    assert [f for _, f in flagged] == [["瞭"]]
    assert "瞭如指掌" in flagged[0][0]


@pytest.mark.skipif(not CSC.is_dir(), reason="csc data not available")
@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_csc_sentences_converted_to_traditional(config):
    text = converter(config).convert("\n".join(_csc_sentences()))
    assert findings(text, "M002") == []


# -- regional standards -------------------------------------------------------------

REAL = Path("/work/shared/data/real")


@pytest.mark.parametrize(
    "sentence",
    [
        "八、駕駛管理、雇用、解雇、待遇、勞工保險之處理及員工薪資之發放。",
        "協調外國人轉換雇主業務之辦理，並督導國內招募之雇員。",
        "本條例稱戰時禁制品者，依戰時禁制品條例之規定，載運者沒收之。",
        "艦長經搜索後，認為不應拿捕時，應即報准艦長後放行，不准留置。",
        "九、員工薪津、獎金表冊之登記、發放管理，辦理個人所得稅之扣繳。",
        "九、修護廢棄家具或以廚餘製作培養土等之相關費用。",
        "十、補助機關、學校、團體、村（里）或社區購置廢棄物回收設施。",
    ],
)
def test_taiwan_law_sentences_are_clean(sentence):
    """Shared characters Taiwan's standard writes, which OpenCC's tables turn
    into 僱, 製, 準, 錶, 傢俱 and 裏, are not Simplified."""
    assert findings(sentence, "M002") == []


def test_hong_kong_sentence_is_clean():
    text = "裏面寫着納税人須於報税表內説明住户的入息，税務局會啓動覆核。"
    assert Document(text).script.region == "hongkong"
    assert findings(text, "M002") == []


def test_genuine_mixing_in_taiwan_text_is_still_flagged():
    law = "本條例所稱稅捐，由戶籍所在地之稅捐稽徵機關徵收。"
    assert findings(law + "這個问題應由雇主說明。", "M002") == ["问"]
    assert findings(law + "逾期未繳者，加徵滯納税。", "M002") == ["税"]
    assert findings(law + "於是在這里報准。", "M002") == ["里"]
    assert findings(law + "經費遠遠低于工作所需。", "M002") == ["于"]
    assert fixed(law + "逾期未繳者，加徵滯納税。").endswith("滯納稅。")


def test_taiwan_writes_tai_beside_the_standard_form():
    assert findings("本條例所稱稅捐，由戶籍所在地之稅捐稽徵機關徵收，台北市政府辦理。", "M002") == []


@pytest.mark.skipif(not (REAL / "clean-traditional.jsonl").is_file(), reason="real data not available")
def test_edited_taiwan_laws_are_clean():
    laws = [json.loads(line)["text"] for line in (REAL / "clean-traditional.jsonl").open(encoding="utf-8")]
    assert len(laws) == 18
    assert [(law[:12], findings(law, "M002")) for law in laws if findings(law, "M002")] == []


SIMPLIFIED = "我们认为这个问题应该尽快解决，社区建设关系到千家万户。"


@pytest.mark.parametrize(
    "sentence",
    [
        "迷迷糊糊听见他在问我：在下李承乾，敢问姑娘高姓大名？",
        "4.康雍乾三部曲，二月河写的，这三个就不多说了。",
        "2.《流血的仕途》，曹昇著，李斯与秦帝国的故事。",
        "- [日本語 / 日语](https://ja.vuejs.org)\n- [繁體中文 / 繁体中文](https://zh-hk.vuejs.org)",
    ],
)
def test_simplified_names_and_language_menus_are_clean(sentence):
    """Characters Simplified shares with Traditional (乾, 昇) where no phrase
    asks for another form, and languages' own names."""
    assert findings(SIMPLIFIED + "\n" + sentence, "M002", path="doc.md") == []


def test_traditional_characters_in_simplified_text_are_still_flagged():
    assert findings(SIMPLIFIED + "还有給报社投稿，我们要乾淨。", "M002") == ["給", "乾淨"]
    assert findings(SIMPLIFIED + "他对这里的情况瞭如指掌。", "M002") == ["瞭"]  # a phrase decides


# -- crafted text --------------------------------------------------------------------


def test_adjacent_characters_are_one_finding():
    text = TRAD + "這個关系很重要,我們要记住。"
    assert findings(text, "M002") == ["关系", "记"]
    assert fixed(text) == TRAD + "這個關係很重要,我們要記住。"


def test_common_characters_split_runs():
    assert findings(TRAD + "我們的社区建设", "M002") == ["区", "设"]


def test_traditional_in_simplified_text():
    text = "我们认为这个問題应该尽快解决,社区建设关系到千家万户。"
    doc, found = diagnostics(text)
    assert [text[d.start : d.end] for d in found] == ["問題"]
    assert found[0].message == "Traditional `問題` in Simplified text; Simplified is `问题`"
    assert fixed(text) == "我们认为这个问题应该尽快解决,社区建设关系到千家万户。"


def test_accepted_traditional_spellings():
    assert findings(TRAD + "我們要主動了解居民的需要,布置好周末的活動,占有資源。", "M002") == []


def test_common_characters_and_phrases_are_never_flagged():
    assert findings("皇后與王子在公園裡散步,這是一個好天氣。", "M002") == []
    assert findings("人民群眾的生活水準提高了,我們瞭解這個情況。", "M002") == []
    assert findings("天天向上,好好学习。", "M002") == []
    assert findings("他在服務體系上創新,建立了新的制度。", "M002") == []


def test_line_in_the_other_script_is_not_mixing():
    spam = "日韩有码亚洲专区|国产探花在线播放|东京热av网一区"
    assert findings(spam + "\n" + TRAD * 3, "M002") == []
    # but stray characters of a short line follow the document
    assert findings(TRAD * 3 + "\n关于\n" + TRAD, "M002") == ["关于"]


def test_mixed_document_without_dominant_script():
    assert findings("這個问题,那個問題。", "M002") == []


def test_forced_target_flags_every_run():
    text = "社区建设关系到千家万家。"
    assert findings(text, "M002", script="traditional") == ["区", "设关系", "万"]
    assert findings(text, "M002", script="simplified") == []
    assert fixed(text, script="taiwan") == converter("s2tw").convert(text)
    assert fixed("社区里的居民说。", script="hongkong") == "社區裏的居民説。"
    assert fixed("社区里的居民说。", script="taiwan") == "社區裡的居民說。"
    doc, found = diagnostics(text, script="taiwan")
    assert found[0].message == "Simplified `区` in Taiwan Traditional text; Taiwan Traditional is `區`"


def test_forced_simplified_on_traditional_seed():
    text = text_of("002")
    doc, found = diagnostics(text, script="simplified")
    assert len(found) > 500
    assert fixed(text, script="simplified") == converter("t2s").convert(text)


def test_auto_fix_follows_the_documents_regional_forms():
    taiwan = "我們為社區建設努力,裡面的人說話。" * 3 + "这里"
    standard = "我們爲社區建設努力,裏面的人説話。" * 3 + "这里"
    assert fixed(taiwan).endswith("這裡")
    assert fixed(standard).endswith("這裏")


def test_skips_encoding_damage_and_code():
    assert findings(TRAD + "吧鐣\ue499\ue019椭C,首先要發展", "M002") == []
    assert findings(TRAD + "請參閱 `并发` 一節。", "M002", path="doc.md") == []
    assert findings(TRAD + "請參閱 `并发` 一節。", "M002", path="doc.txt") == ["并发"]


# -- conversion in context ----------------------------------------------------------


@pytest.mark.parametrize("config", ["t2s", "s2t", "s2tw", "s2hk"])
def test_no_opencc_phrase_spans_a_clause_break(config):
    # M002 converts a run with the rest of its clause, trusting that this
    # converts it as its whole line would: true while no key holds a break.
    from wenlint_rules.script.script_mixing import _CLAUSE_BREAK

    keys = list(opencc_keys(config))
    assert len(keys) > 4000
    assert any(len(key) > 1 for key in keys)
    assert [key for key in keys if _CLAUSE_BREAK.search(key)] == []


def test_run_converted_with_its_clause_as_with_its_line():
    # OpenCC leaves `系` alone as it is, but writes `关系` as `關係`: the run
    # gets the phrase from its clause, and the same as from the whole line.
    line = "我們已經建立了完善的社區服務體系,並且在關系到群眾利益的問題上认真負責。"
    doc, found = diagnostics(line)
    whole = converter("s2t").convert(converter("t2s").convert(line))
    assert [(d.start, d.fix.edits[0].content) for d in found] == [(21, "係"), (31, "認")]
    assert [d.fix.edits[0].content for d in found] == [whole[d.start : d.end] for d in found]
    assert converter("s2t").convert("系") == "系"


def test_a_clause_of_many_runs_is_searched_for_once(monkeypatch):
    """Thousands of Traditional runs in one clause with no break (GBK read
    as UTF-8 gives such text): the clause is found once, not once per run."""
    import wenlint_rules.script.script_mixing as script_mixing

    searches = []

    class Counted:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, *args):
            searches.append(args[1:])
            return self.pattern.search(*args)

    monkeypatch.setattr(script_mixing, "_CLAUSE_BREAK_BEFORE", Counted(script_mixing._CLAUSE_BREAK_BEFORE))
    text = "我们的工作。" + "这是我们的一个会议" * 300 + "這是" * 1000 + "。"
    assert findings(text, "M002", script="simplified") == ["這"] * 1000
    assert len(searches) == 1
