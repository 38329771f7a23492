"""T003's suspects weighed with NumPy (rules/typo/confusable_vector.py) are
those the pure-Python weighing keeps, each with its candidates bounded as
the reference bounds them: on the seeds, the real texts and made-up ones,
at every sensitivity. (That ``check`` finds the same with and without
numpy: test_typo_vector.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES
from hypothesis import given
from hypothesis import strategies as st

from wenlint import Document
from wenlint_rules.typo import confusable_character, confusable_vector
from wenlint_rules.typo.lexicon import LOOSE_SHAPE, TypoView, lexicon, vector

REAL = ROOT.parent / "shared" / "data" / "real"
THRESHOLDS = tuple(confusable_character.THRESHOLD.values())


def weighed_both_ways(raw: str, thresholds=THRESHOLDS) -> list[tuple[dict, dict]]:
    """For each threshold (each sensitivity's), the lone characters of
    ``raw`` weighed with NumPy, and those the reference's weighing keeps,
    each with its candidates' bounds (sorted, as the scoring sorts them)."""
    view = TypoView(Document(raw))
    view.vector = vector
    lone = confusable_character._lone_characters(view)
    found = []
    for threshold in thresholds:
        floors = confusable_character._floors(lone, threshold)
        ours, reference = {}, {}
        for position, _, rows in confusable_vector.weighed(view, lone, floors) if lone else []:
            gap = confusable_character._gap(view, position)
            ours[position] = sorted(confusable_character._row_bounds(gap, view.text[position], rows))
            assert gap.words_through(view.text[position]) == []  # a lone character is in no word (see _scored)
        for position, floor in zip(lone, floors):
            if (weighed := confusable_character._weigh(view, position, floor, None)) is not None:
                gap = confusable_character._gap(view, position)
                reference[position] = sorted(confusable_character._bounds(gap, view.text[position], *weighed))
        found.append((ours, reference))
    return found


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_the_seeds_suspects_are_weighed_as_the_reference_weighs_them(path: Path):
    text = path.read_text(encoding="utf-8")
    for ours, reference in weighed_both_ways(text):
        assert ours == reference
        assert 0 < len(reference) < len(confusable_character._lone_characters(TypoView(Document(text))))


@pytest.mark.parametrize("path", sorted(REAL.glob("*.jsonl")), ids=lambda path: path.stem)
def test_every_real_documents_suspects_are_weighed_as_the_reference_weighs_them(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for ours, reference in weighed_both_ways(json.loads(line)["text"]):
                assert ours == reference


SEEDS_TEXT = "".join(path.read_text(encoding="utf-8") for path in SEED_FILES)


@st.composite
def changed_pieces(draw) -> str:
    """A piece of the seeds with up to six characters changed into similar ones."""
    start = draw(st.integers(0, len(SEEDS_TEXT) - 1))
    chars = [*SEEDS_TEXT[start : start + draw(st.integers(1, 120))]]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(chars) - 1))
        similar = "".join(lexicon().similar(chars[at])[:LOOSE_SHAPE])
        chars[at] = draw(st.sampled_from(similar)) if similar else chars[at]
    return "".join(chars)


@given(
    changed_pieces() | st.text(alphabet="增进福社祉区的律帅师根锯据修休息炎整症性T恤衫。，a1 \n", max_size=60),
    st.integers(100, 600),
)
def test_made_up_texts_suspects_are_weighed_as_the_reference_weighs_them(text, threshold):
    # any floor (a gain just reaching it), rivals meeting either neighbour, both or neither,
    # triples on either side, non-Chinese neighbours, suspects side by side and at either end
    for ours, reference in weighed_both_ways(text, [threshold]):
        assert ours == reference


def test_the_tables_kept_between_runs_are_those_built():
    kept, built = confusable_vector.weighing_tables(), confusable_vector._built()
    assert kept.keys() == built.keys()
    assert all((kept[name] == built[name]).all() for name in built)
