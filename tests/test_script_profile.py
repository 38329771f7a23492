"""The script profile view, decided with OpenCC's tables."""

from __future__ import annotations

from wenlint import Document
from wenlint.script import converter

from conftest import seed


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
    assert profile_of(taiwan).minority() == ()
    assert profile_of("皇后與王子在公園裡散步,這是一個好天氣。").minority() == ()
    assert profile_of("天天向上,好好学习。").dominant in ("simplified", "neutral")


def test_converted_seed_bodies_are_single_script():
    body = seed("003").read_text(encoding="utf-8")
    traditional = converter("s2t").convert(body)
    assert Document(traditional).script.dominant == "traditional"
    assert Document(body).script.minority() == ()


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
