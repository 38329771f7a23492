"""What the typo view works out with NumPy (rules/typo/lexicon/vector.py) is
the pure-Python reference's, exactly: on the seeds, the real texts, odd
characters, and through the command with and without numpy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES, restorings
from hypothesis import given
from hypothesis import strategies as st

from wenlint import Document
from wenlint.script import simplified
from wenlint_rules.typo import confusable_character, stripped_character, stripped_gaps
from wenlint_rules.typo.idiom_near_miss import _near_misses
from wenlint_rules.typo.lexicon import TypoView, lexicon, vector, view
from wenlint_rules.typo.stripped_character import LIKELIER

REAL = ROOT.parent / "shared" / "data" / "real"


def reference_joins(text: str) -> bytes:
    lex = lexicon()
    return bytes(lex.joins(left, right) for left, right in zip(text, text[1:])) + b"\0"


def in_order(worth: dict[str, dict[int, int]] | None) -> list | None:
    """T005's gaps worth restoring as lists: their order counts too."""
    return None if worth is None else [(char, [*sides.items()]) for char, sides in worth.items()]


def both_ways(raw: str, path: str = "doc.txt") -> tuple[tuple, tuple]:
    """The view's joins and count of Chinese characters, T002's near misses,
    T003's lone characters and T005's gaps worth restoring
    (from its candidates, their counts and cheap tests) of ``raw`` with
    NumPy, and the reference's."""
    doc = Document.from_source(raw, path)
    text = doc.view(simplified)
    with_numpy, without = TypoView(doc), TypoView(doc)
    with_numpy.vector, without.vector = vector, None
    ours = [vector.joins(vector.numbers(text)), _near_misses(with_numpy), with_numpy.han_count]
    reference = [reference_joins(text), _near_misses(without), without.han_count]
    ours.append(confusable_character._lone_characters(with_numpy))
    reference.append(confusable_character._lone_characters(without))
    lex = lexicon()
    for times in (8.0, 0.5):
        missing = stripped_character._expected_but_missing(without, times)
        ours.append(stripped_character._expected_but_missing(with_numpy, times))
        reference.append(missing)
        expected = {char: lex.char_frequency(char) * without.han_count for char in missing}
        for min_words in (0, 3):
            # the same characters in the same order, each with the same gaps and sides in the same order
            ours.append(in_order(stripped_gaps.worth_restoring(doc, with_numpy, expected, min_words)))
            reference.append(in_order(stripped_character._worth_restoring(doc, without, expected, min_words)))
        worth = stripped_character._worth_restoring(doc, without, expected, 0) or {}
        restorations = stripped_gaps.Restorations(with_numpy, worth)
        ours.append({char: restorations.places(char) for char in worth})
        reference.append(reference_places(without, worth))
        for min_words in (0, 3):
            # no character whose places pass the counts is dropped by the bound
            passing = counts_passed(without, worth, expected, min_words)
            ours.append([char for char in passing if not restorations.may_convince(*passing[char], LIKELIER)])
            reference.append([])
    return tuple(ours), tuple(reference)


def counts_passed(view: TypoView, worth: dict[str, dict[int, int]], expected, min_words: int) -> dict:
    """The characters whose places restore the words needed and LIKELIER
    words that may make their surroundings likelier (the tests of
    stripped_character._convincing_places before weighing), each with (itself, what it needs)."""
    passing = {}
    for char, found in restorings(view, worth).items():
        needed = stripped_gaps.Needed(min_words, stripped_gaps.PLACES_SHARE * expected[char])
        restored = [place for _, place in found if place]
        words, likelier = {place.word for place in restored}, {place.word for place in restored if place.most > 0}
        if needed.met(len(words), sum(place.sides for place in restored)) and len(likelier) >= LIKELIER:
            passing[char] = (char, needed)
    return passing


def reference_places(view: TypoView, worth: dict[str, dict[int, int]]) -> dict[str, list]:
    """What stripped_gaps.Restorations.places gives: for each character
    and each of its gaps, what stripped_character._restoring finds there,
    None where a longer word may hold the character."""
    held_longer = lexicon().may_hold_longer
    return {
        char: [
            None
            if held_longer(around.before, char, around.after)
            else bool(place) and (place.start, place.end, place.most, place.words)
            for around, place in found
        ]
        for char, found in restorings(view, worth).items()
    }


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_the_seeds_get_the_references_values(path: Path):
    ours, reference = both_ways(path.read_text(encoding="utf-8"))
    assert ours == reference


@pytest.mark.parametrize("path", sorted(REAL.glob("*.jsonl")), ids=lambda path: path.stem)
def test_every_real_document_gets_the_references_values(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            ours, reference = both_ways(json.loads(line)["text"])
            assert ours == reference


@given(st.text(alphabet="福祉社区的是了a 。\n\ud800𠀀\U0010ffff\u9fff\x00", max_size=60))
def test_odd_characters_get_the_references_joins(text):
    # past the lexicon's characters (astral ones, the last code point), lone surrogates, NUL, empty text
    assert vector.joins(vector.numbers(text)) == reference_joins(text)
    # characters the lexicon numbers and others (numbered 0), held or not
    chars = "福祉社区的是了力相a。\n𠀀\U0010ffff\u9fff\x00"
    assert vector.absent(text, vector.numbers(text), chars) == [char for char in chars if char not in text]


@given(st.text(alphabet="律帅福社的〇是了a 。\n𠀀\U0010ffff\u9fff\x00", max_size=60))
def test_odd_characters_get_the_references_lone_characters_and_chinese_count(text):
    # T003's suspects among characters past the lexicon's and the last Chinese one, and in an empty text
    with_numpy, without = TypoView(Document(text)), TypoView(Document(text))
    with_numpy.vector, without.vector = vector, None
    assert with_numpy.han_count == without.han_count
    assert confusable_character._lone_characters(with_numpy) == confusable_character._lone_characters(without)


@given(st.text(alphabet="努力推进社会量和睦相处 （）(`\n", max_size=120))
def test_texts_missing_a_character_get_the_references_gaps(text):
    # gaps beside spaces, parentheses and Markdown code, at either end of the text
    for path in ("doc.md", "doc.txt"):
        ours, reference = both_ways(text, path)
        assert ours == reference


@given(st.text(alphabet="各司其职共一心意迫不及急待，", max_size=80))
def test_idioms_and_their_near_misses_get_the_references_values(text):
    # halves of idioms everywhere, at either end of the text, with one character changed or not
    ours, reference = both_ways(text)
    assert ours == reference
    assert _near_misses(TypoView(Document("各司共职" + text + "一心一用")))  # near misses are found


@pytest.mark.parametrize("text", ["共司其职", "各共其职", "各司共职", "各司其共"])
def test_a_near_miss_that_is_the_whole_text_is_found_with_numpy(text):
    # each character changed in turn: the half kept is at the text's start or its end
    ours, reference = both_ways(text)
    assert ours == reference
    assert reference[1] == {0: ["各司其职"]}


def test_long_texts_take_numpy_and_short_ones_the_reference():
    assert "numpy" in sys.modules  # imported by now: no import to pay for
    assert view.vector(view.VECTOR_FROM) is vector
    assert view.vector(view.VECTOR_FROM - 1) is None


def run_python(code: str, *args: str, cwd: Path) -> bytes:
    run = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, timeout=300, check=False)
    assert run.returncode in (0, 1), run.stderr.decode()
    return run.stdout


def test_check_finds_the_same_typos_without_numpy(tmp_path):
    # with numpy imported (every long text takes it) and where the hook has none
    assert all(len(path.read_text(encoding="utf-8")) >= view.VECTOR_FROM for path in SEED_FILES)
    arguments = ["check", *map(str, SEED_FILES), "--preview", "--select", "T", "--output-format", "json"]
    arguments += ["--no-cache", "--workers", "1"]
    with_numpy = "import sys, numpy; from wenlint.cli import main; sys.exit(main(sys.argv[1:]))"
    without_numpy = (
        "import sys; sys.modules['numpy'] = None; from wenlint.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    found = run_python(with_numpy, *arguments, cwd=tmp_path)
    assert len(json.loads(found)) > 20
    assert found == run_python(without_numpy, *arguments, cwd=tmp_path)


def test_numpy_is_imported_once_long_texts_pay_for_it(tmp_path):
    # one long text never imports numpy; after IMPORT_AFTER characters of long texts, the next one does
    documents = (
        "import sys; from wenlint_rules.typo.lexicon import view, typo_view; from wenlint import Document\n"
        "view.IMPORT_AFTER = 2 * view.VECTOR_FROM\n"
        "for text in sys.argv[1:]:\n"
        "    typo_view(Document(text)).joins; print('numpy' in sys.modules)"
    )
    texts = ["福祉" * (view.VECTOR_FROM // 2)] * 4
    assert run_python(documents, *texts, cwd=tmp_path).split() == [b"False", b"False", b"True", b"True"]


def test_the_word_beginnings_kept_between_runs_are_those_built():
    # T005's table of every word's first four characters, which stands in for the trie
    kept, built = stripped_gaps._four_char_beginnings(), stripped_gaps._built_beginnings()
    assert len(kept) > 50_000 and (kept == built).all()


def test_the_pairs_kept_between_runs_are_those_built():
    # every character's number, the character of each number and the bits of the pairs, which all T rules read
    kept, built = vector._pairs(), vector._Pairs(*vector._built_pairs())
    assert kept.size == built.size > 5_000 and kept._chars == built._chars
    assert (kept._numbers == built._numbers).all() and (kept._bits == built._bits).all()


def test_the_indexed_pieces_kept_between_runs_are_those_built():
    # T005's common pairs, and T002's idiom halves with the keys of the idioms without a character
    from wenlint_rules.typo import idiom_near_miss

    halves = idiom_near_miss._halves()
    (known, without), (built_known, built_without) = halves.pieces, halves._built_pieces()
    assert (without.keys == built_without).all() and len(without.keys) > 20_000
    for kept, built in ((stripped_gaps._common_pairs(), stripped_gaps._built_common_pairs()), (known, built_known)):
        assert kept._width == built._width
        assert all((getattr(kept, name) == getattr(built, name)).all() for name in ("_rows", "_columns", "_bits"))


@given(st.lists(st.integers(0, 10**12), max_size=40), st.lists(st.integers(0, 10**12), max_size=40))
def test_a_key_set_finds_what_a_sorted_search_finds(keys, wanted):
    # a table of 16 hashes: most keys share one with another
    import numpy as np

    keys, wanted = np.unique(np.array(keys, dtype=np.int64)), np.array(wanted + keys[:5], dtype=np.int64)
    key_set = vector.KeySet(keys, bits=4)
    at, found = key_set.find(wanted)
    expected_at, expected = vector.find_sorted(keys, wanted)
    assert (found == expected).all() and (at[found] == expected_at[found]).all()
    assert key_set.may_hold(wanted)[expected].all()  # the hashes alone: every key there, maybe others
