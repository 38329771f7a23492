"""T003's suspects weighed with NumPy (rules/typo/confusable_vector.py) drop
none that the pure-Python weighing keeps: on the seeds and the real texts
they are exactly those it keeps, at every sensitivity. (That ``check``
finds the same with and without numpy: test_typo_vector.py.)"""

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


def weighed_both_ways(raw: str, thresholds=THRESHOLDS) -> list[tuple[list[bool], list[bool]]]:
    """For each threshold (each sensitivity's), whether each lone character
    of ``raw`` is weighable with NumPy, and whether the reference's
    weighing keeps it."""
    view = TypoView(Document(raw))
    view.vector = vector
    lone = confusable_character._lone_characters(view)
    found = []
    for threshold in thresholds:
        beside = set(lone)
        floors = [threshold / 2 if p - 1 in beside or p + 1 in beside else threshold for p in lone]
        reference = [confusable_character._weigh(view, p, floor, None) is not None for p, floor in zip(lone, floors)]
        found.append((confusable_vector.weighable(view, lone, floors) if lone else [], reference))
    return found


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_the_seeds_suspects_are_weighed_as_the_reference_weighs_them(path: Path):
    for ours, reference in weighed_both_ways(path.read_text(encoding="utf-8")):
        assert ours == reference
        assert any(reference) and not all(reference)


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
def test_no_suspect_the_reference_keeps_is_dropped(text, threshold):
    # any floor (a gain just reaching it), rivals meeting either neighbour, both or neither,
    # triples on either side, non-Chinese neighbours, suspects side by side and at either end
    for ours, reference in weighed_both_ways(text, [threshold]):
        assert all(kept for kept, weighed in zip(ours, reference) if weighed)


def test_the_tables_kept_between_runs_are_those_built():
    kept, built = confusable_vector._tables(), confusable_vector._built()
    assert kept.keys() == built.keys()
    assert all((kept[name] == built[name]).all() for name in built)
