"""The typo rules' shared lexicon: built once, cached, loaded fast."""

from __future__ import annotations

import subprocess
import sys

from wenlint_rules._lexicon import SAME_SOUND, lexicon


def test_words_costs_and_idioms():
    lex = lexicon()
    assert "福祉" in lex and "福社" not in lex
    assert lex.cost("社会") < lex.cost("晴雨表")
    assert lex.is_idiom("各司其职") and not lex.is_idiom("社会")
    assert lex.joins("福", "祉") and not lex.joins("祉", "福")


def test_similar_characters():
    lex = lexicon()
    assert "漠" in lex.similar("莫")[SAME_SOUND]
    assert any("拨" in group for group in lex.similar("拔"))
    assert any("祉" in group for group in lex.similar("社"))


def test_a_new_process_loads_it_quickly_and_compactly():
    lexicon()  # make sure the cache exists
    code = (
        "import resource, time; t = time.perf_counter();"
        "from wenlint_rules._lexicon import lexicon; lexicon();"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    seconds, rss = map(float, subprocess.check_output([sys.executable, "-c", code], text=True).split())
    assert seconds < 0.5
    assert rss < 200
