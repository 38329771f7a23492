"""The typo rules' shared lexicon: built once, cached, loaded fast."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import seed

from wenlint import Document
from wenlint.script import simplified
from wenlint_rules.typo.lexicon import SAME_SOUND, Gap, lexicon, typo_view
from wenlint_rules.typo.lexicon.cache import cache_path, load


def test_words_costs_and_idioms():
    lex = lexicon()
    assert "福祉" in lex and "福社" not in lex
    assert lex.cost("社会") < lex.cost("晴雨表")
    assert lex.is_idiom("各司其职") and not lex.is_idiom("社会")
    assert lex.joins("福", "祉") and not lex.joins("祉", "福")


def test_two_character_words_by_either_character_match_the_trie():
    lex = lexicon()
    for char in "福社祉力相":
        ending = {other: lex.cost(other + char) for other in lex.leader_sets[char]}
        starting = {other: lex.cost(char + other) for other in lex.follower_sets[char]}
        assert dict(lex.two_char_words(char, ending=True)) == {o: c for o, c in ending.items() if c is not None}
        assert dict(lex.two_char_words(char, ending=False)) == {o: c for o, c in starting.items() if c is not None}
    assert ("福", lex.cost("福祉")) in lex.two_char_words("祉", ending=True)
    assert lex.two_char_words("a", ending=False) == []


def test_word_beginnings_of_three_characters_match_the_trie():
    lex = lexicon()
    words = ["推进器", "和睦相处", "晴雨表"]
    pieces = {word[:3] for word in words} | {
        a + b + c for a in "推社和晴力" for b in "进会睦雨量" for c in "器力相表处"
    }
    for piece in pieces:
        expected = lex.starts_word(piece)
        for place in range(3):
            others = piece[:place] + piece[place + 1 :]
            assert (others in lex.beginning_sets[place][piece[place]]) == expected, (piece, place)
    assert all(lex.starts_word(word[:3]) for word in words) and not lex.starts_word("推睦表")
    assert not lex.beginning_sets[1]["a"]


def test_pair_words_are_the_tries_words_through_a_character_unless_a_longer_word_may_hold_it():
    """Lexicon.may_hold_longer and pair_words answer from the tables of
    character pairs and triples, without the trie: where no longer word may
    hold the character, the pair words must be all the trie finds through
    it, and where the trie finds a word of three characters or more, a
    longer word must be said to hold it."""
    lex = lexicon()
    text = typo_view(Document(seed("003").read_text(encoding="utf-8")[:600])).text
    longer = 0
    for at in range(2, len(text) - 2):
        for char in (text[at], "力", "相", *lex.similar(text[at])[SAME_SOUND][:3]):
            window = text[at - 2 : at] + char + text[at + 1 : at + 3]
            found = [
                (start - 2, start + length - 2, cost)
                for start in range(3)
                for length, cost in lex.longer_words_at(window[start:])
                if start + length > 2
            ]
            before, after = text[at - 2 : at], text[at + 1 : at + 3]
            if lex.may_hold_longer(before, char, after):
                longer += any(end - start > 2 for start, end, _ in found)
            else:
                pairs = lex.pair_words(before, char, after)
                assert [(start, start + 2, cost) for start, cost in pairs] == found, window
    assert longer > 10  # the text has words of three characters and more through its characters


def test_the_tables_few_rules_read_stay_in_the_cache_file_until_one_asks():
    lexicon()  # written to the cache
    lex = load(cache_path())
    assert "_later" not in vars(lex)  # a default run reads neither the triples nor the beginnings
    assert "进器" in lex.beginning_sets[0]["推"] and lex.may_hold_longer("推", "进", "器")
    assert "_later" in vars(lex)


@pytest.fixture(scope="module")
def built_cache() -> Path:
    """The cache file of this process's lexicon (built once, wherever the
    user's cache is), for tests that need a cache but do not check building it."""
    lexicon()
    assert cache_path().is_file()
    return cache_path()


@pytest.mark.slow
def test_a_cache_gone_before_a_preview_rule_asks_is_built_once_by_processes_asking_together(tmp_path, built_cache):
    """The tables only T003 and T005 read are left in the cache file at the
    first load; when the file is gone by the time those rules ask, processes
    asking together build it again once, under the first load's lock, and
    store it for the next."""
    code = (
        "import wenlint_rules.typo.lexicon as L; B = L.build; build = B.build;"
        "B.build = lambda: print('built') or build();"
        "import sys; from wenlint import Document; from wenlint.registry import all_rules;"
        "rules = [all_rules()[code]() for code in ('T003', 'T005')]; L.lexicon(); print('loaded', flush=True);"
        "doc = Document(sys.stdin.read()); print(len([d for rule in rules for d in rule.check(doc)]))"
    )
    path = _cache_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)  # (importing wenlint keeps its tables there)
    shutil.copyfile(built_cache, path)
    text = seed("001").read_text(encoding="utf-8")  # stripped of 力 and 相
    processes = [_run(code, tmp_path, stdin=subprocess.PIPE) for _ in range(2)]
    assert [process.stdout.readline() for process in processes] == ["loaded\n"] * 2
    path.unlink()
    for process in processes:  # both ask at once
        process.stdin.write(text)
        process.stdin.close()
    outputs = [process.stdout.read().split() for process in processes]
    found = [output.pop() for output in outputs]
    assert sorted(outputs) == [[], ["built"]]
    assert found[0] == found[1] != "0"  # both found the same, the stripped 力 and 相 among it
    assert _run(_LOAD, tmp_path).communicate()[0].split() == ["loaded"]  # stored again


def test_similar_characters():
    lex = lexicon()
    assert "漠" in lex.similar("莫")[SAME_SOUND]
    assert any("拨" in group for group in lex.similar("拔"))
    assert any("祉" in group for group in lex.similar("社"))


@pytest.mark.slow
def test_a_new_process_loads_the_cache_instead_of_building(tmp_path):
    # Load time and memory are measured by bench/typos.py, not asserted here.
    assert _run(_LOAD, tmp_path).communicate()[0].split() == ["built", "loaded"]
    assert _run(_LOAD, tmp_path).communicate()[0].split() == ["loaded"]


def test_the_view_is_simplified_offset_for_offset_and_shared():
    doc = Document("不要莫視群眾。社區(qū)發展")
    view = typo_view(doc)
    assert view.text == "不要莫视群众。社区(qū)发展" and typo_view(doc) is view
    assert view.text is doc.view(simplified)  # the one Simplified view of the document
    lex = lexicon()
    assert list(view.joins) == [lex.joins(a, b) for a, b in zip(view.text, view.text[1:])] + [False]
    assert len(view.joins) == len(view.text) and isinstance(view.joins, bytes)  # a byte per character
    assert not hasattr(view, "pair_counts")  # issue 20: no count of every pair kept for the document


def test_a_gap_costs_what_segmenting_its_whole_window_costs():
    """Gap works out the cost of a window from its two sides and the words
    through the middle character; it must equal the plain segmentation,
    for a character put in and for one replaced, and most_saved must bound
    what the words through it save."""
    lex = lexicon()
    view = typo_view(Document(seed("003").read_text(encoding="utf-8")[:400]))
    text = view.text
    for position in range(3, len(text) - 3):
        for char in ("力", "相", text[position]):
            inserted = Gap(view, position - 3, position, position, position + 3)
            replaced = Gap(view, position - 3, position, position + 1, position + 4)
            for gap in (inserted, replaced):
                words = gap.words_through(char)
                cost = gap.cost(char, words)
                assert cost == lex.segment_cost(gap.before + char + gap.after)
                alone = lex.segment_cost(gap.before) + lex.char_cost(char) + lex.segment_cost(gap.after)
                assert alone - cost <= gap.most_saved(char, words)
            if not view.joins[position - 1]:
                assert inserted.cost_without() == lex.segment_cost(inserted.before + inserted.after)


def _run(code: str, cache: Path, **streams) -> subprocess.Popen:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True, **streams)


def _cache_file(cache: Path) -> Path:
    code = "from wenlint_rules.typo.lexicon.cache import cache_path; print(cache_path())"
    return Path(_run(code, cache).communicate()[0].strip())


_LOAD = (
    "import wenlint_rules.typo.lexicon as L; B = L.build; build = B.build;"
    "B.build = lambda: print('built') or build();"
    "assert '福祉' in L.lexicon(); print('loaded')"
)


@pytest.mark.slow
def test_processes_starting_together_build_a_damaged_cache_once(tmp_path):
    path = _cache_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)  # (importing wenlint keeps its tables there)
    path.write_bytes(b"not a pickle")
    for name, age in (("typo-lexicon-0-old.pickle", 60), ("typo-lexicon-0-other.pickle", 1)):
        (path.parent / name).write_bytes(b"")
        os.utime(path.parent / name, (time.time() - age * 86400,) * 2)
    outputs = [process.communicate()[0].split() for process in [_run(_LOAD, tmp_path) for _ in range(3)]]
    assert sorted(outputs) == [["built", "loaded"], ["loaded"], ["loaded"]]
    # another installation's recent cache stays; one unused for long goes
    assert sorted(p.name for p in path.parent.glob("typo-lexicon*")) == sorted(
        [path.name, "typo-lexicon-0-other.pickle", "typo-lexicon.lock"]
    )
    assert _run(_LOAD, tmp_path).communicate()[0].split() == ["loaded"]


@pytest.mark.slow
def test_a_cache_that_cannot_be_written_is_built_in_memory(tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    assert _run(_LOAD, blocked).communicate()[0].split() == ["built", "loaded"]
    assert blocked.read_text() == ""


def test_names_are_flagged_from_jiebas_tags():
    lex = lexicon()
    assert lex.is_name("杨继盛") and lex.is_name("云顶")
    assert not lex.is_name("晴雨表") and not lex.is_name("没有这个词")
    assert lex.in_web("迫不及待") and not lex.in_web("天赋异柄")
