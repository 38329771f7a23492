"""T001 known-typo: the curated list, on the seeds and on crafted text."""

from __future__ import annotations

import json

from conftest import findings, seed, wenlint

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules


def test_seed_typos_are_flagged_with_their_correction():
    assert findings(seed("000").read_text(encoding="utf-8"), "T001") == ["下拔", "各司共职"]
    assert findings(seed("002").read_text(encoding="utf-8"), "T001") == ["茶語飯后", "莫視"]
    assert findings(seed("003").read_text(encoding="utf-8"), "T001") == ["福社", "睛雨表"]


def test_seeds_without_listed_typos_get_nothing():
    for prefix in ("001", "004"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "T001") == []


def test_traditional_text_is_corrected_in_its_own_script():
    rule = all_rules()["T001"]()
    doc = Document("不要莫視群眾，這是茶語飯后的話題。")
    messages = [d.message for d in rule.check(doc)]
    assert messages == ["`莫視` is a known misspelling of `漠視`", "`茶語飯后` is a known misspelling of `茶餘飯後`"]
    assert fix(doc, [rule], unsafe=True).doc.text == "不要漠視群眾，這是茶餘飯後的話題。"


def test_long_typos_fix_safely_and_short_ones_only_unsafely():
    rule = all_rules()["T001"]()
    doc = Document("各部门各司共职，增进群众福社。")
    assert fix(doc, [rule]).doc.text == "各部门各司其职，增进群众福社。"
    assert fix(doc, [rule], unsafe=True).doc.text == "各部门各司其职，增进群众福祉。"


def test_a_match_made_of_two_real_words_is_left_alone():
    assert findings("建设幸福社区，人民群众福社。", "T001") == ["福社"]
    assert findings("操场上下拔河比赛，莫视为儿戏。", "T001") == []


def test_user_pairs_extend_the_list():
    assert findings("请先登陆账号。", "T001") == []
    assert findings("请先登陆账号。", "T001", extend={"登陆账号": "登录账号"}) == ["登陆账号"]


def test_a_user_pair_replaces_a_shipped_one_and_may_be_one_character():
    rule = all_rules()["T001"](extend={"福社": "福利"})
    assert fix(Document("增进人民群众福社。"), [rule], unsafe=True).doc.text == "增进人民群众福利。"
    assert findings("他把这个帐记下了。", "T001", extend={"帐": "账"}) == ["帐"]


def test_clean_sentences_get_nothing():
    text = "社区是社会的细胞，社区服务是群众生活的晴雨表。各部门要各司其职，配套下拨资金，增进人民福祉，不要漠视群众。"
    assert findings(text, "T001") == []


def test_cli_reports_and_fixes(seeds_copy):
    target = seeds_copy / seed("003").name
    shown = wenlint("check", str(target), "--select", "T001", "--output-format", "json")
    found = json.loads(shown.stdout)
    assert [(f["code"], f["fix"]["edits"][0]["content"]) for f in found] == [("T001", "福祉"), ("T001", "晴雨表")]
    wenlint("check", str(target), "--select", "T001", "--fix")
    text = target.read_text(encoding="utf-8")
    assert "“晴雨表”" in text and "福社" in text  # the safe fix only


def test_a_listing_inside_a_longer_word_is_left_alone():
    # 乎乎 → 呼呼 and 扭去 → 扭曲 are listed, but 晕晕乎乎 and 扭来扭去 are words
    assert findings("喝得晕晕乎乎，扭来扭去。", "T001") == []
    assert findings("他的身上栓上了枷锁。", "T001") == ["栓上"]


def test_standard_forms_are_not_listed():
    text = "民星路离复旦很近，我们可以呆在家里，啦啦队来了，大家坐谈一会儿。"
    assert findings(text, "T001") == []
    assert findings("社区服务的“睛雨表”", "T001") == ["睛雨表"]
