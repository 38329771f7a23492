"""The candidates found in C, and the candidate-driven matching rules use to stay fast."""

from __future__ import annotations

import random
import re
from pathlib import Path

import regex
from conftest import low_bytes
from hypothesis import example, given
from hypothesis import strategies as st

from wenlint import codepoints
from wenlint.codepoints import MARK, _recurs, class_body, marks, matches_from

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def recurring(text: str, distances, at=(0,)) -> list[int]:
    """The offsets :func:`marks` marks, ascending."""
    found = []
    for start, marked in marks(text, low_bytes(text), distances, at):
        offset = marked.find(MARK)
        while offset != -1:
            found.append(start + offset)
            offset = marked.find(MARK, offset + 1)
    return found


def _exact(text: str, distances, at) -> list[int]:
    """Where the characters at ``i + k`` (each ``k`` of ``at``) recur, character by character."""
    return [
        i
        for i in range(len(text))
        if any(
            i + distance + max(at) < len(text) and all(text[i + k] == text[i + k + distance] for k in at)
            for distance in distances
        )
    ]


def test_low_bytes_hold_each_characters_low_byte_even_astral_and_lone_surrogates():
    from wenlint_rules.layout.han_bytes import low_and_han

    expected = bytes([ord("中") & 0xFF, ord("a"), 0x00, 0x00])
    assert low_and_han("中a𠀀\ud800")[0] == low_bytes("中a𠀀\ud800") == expected


def test_recurring_marks_where_characters_recur():
    assert list(recurring("组织组织体系", [2], (0, 1))) == [0]
    assert list(recurring("组织组织", [4], (0, 1))) == []  # too short to hold a run of 4 twice
    assert list(recurring("堡堡垒垒，坚坚强强组组织织。", [1], (0, 2))) == [0, 5, 7, 9]


def test_recurring_finds_every_true_recurrence_and_few_others():
    random.seed(7)
    alphabet = "一丁丂七中亍aA \n" + chr(0x4E00 + 0x100) + chr(0x20000)  # some share a low byte
    for _ in range(300):
        text = "".join(random.choice(alphabet) for _ in range(random.randint(0, 40)))
        for distances, at in (([1], (0, 2)), (range(2, 8), (0, 1)), (range(8, 33), range(4))):
            exact = _exact(text, distances, at)
            found = list(recurring(text, distances, at))
            assert set(exact) <= set(found) and found == sorted(set(found))
    for path in SEEDS:  # real text: the low bytes add few candidates
        text = path.read_text(encoding="utf-8")
        exact, found = _exact(text, range(2, 8), (0, 1)), list(recurring(text, range(2, 8), (0, 1)))
        assert set(exact) <= set(found) and len(found) <= 2 * len(exact) + 10


def test_recurring_compares_a_large_text_a_piece_at_a_time_with_the_same_offsets():
    """Issue 20: the text is compared a piece at a time, and recurrences across
    the pieces' borders and at the text's end are found as in a small text."""
    random.seed(20)
    alphabet = "组织体系堡垒坚强"  # no two share a low byte: the candidates are exact
    assert len({ord(char) & 0xFF for char in alphabet}) == len(alphabet)
    size = 2 * codepoints._PIECE + 50
    text = "".join(random.choice(alphabet) for _ in range(size))
    near = [*range(codepoints._PIECE - 40, codepoints._PIECE + 40), *range(2 * codepoints._PIECE - 40, size)]
    for distances, at in (([1], (0, 2)), (range(2, 8), (0, 1)), (range(8, 33), range(4))):
        found = set(recurring(text, distances, at))
        assert [i for i in near if i in found] == [i for i in near if _recurs(text, i, distances, at)]
        assert len(found) > 500  # recurrences throughout, not just near the borders


def _marked_by_width(text: str, width: int) -> list[int]:
    """The offsets codepoints.marks marks for the long repeats' 4-grams, comparing ``width`` bits."""
    low = low_bytes(text)
    marked = b"".join(piece for _, piece in codepoints.marks(text, low, range(8, 33), range(4), width=width))
    assert len(marked) == len(text) and set(marked) <= {0, codepoints.MARK}
    return [i for i, mark in enumerate(marked) if mark]


def test_marks_comparing_4_bits_mark_every_offset_8_bits_do_and_few_more():
    random.seed(4)
    alphabet = "一丁丂七中亍aA \n" + chr(0x4E00 + 0x10) + chr(0x20001)  # some share their low 4 bits
    for _ in range(300):
        text = "".join(random.choice(alphabet) for _ in range(random.randint(0, 80)))
        assert set(_exact(text, range(8, 33), range(4))) <= set(_marked_by_width(text, 4))
    alphabet = "组织体系堡垒坚强"
    text = "".join(random.choice(alphabet) for _ in range(2 * codepoints._PIECE + 50))  # across the pieces' borders
    assert set(_marked_by_width(text, 8)) <= set(_marked_by_width(text, 4))
    for path in SEEDS:  # real text: the low 4 bits add few candidates
        text = path.read_text(encoding="utf-8")
        eight, four = _marked_by_width(text, 8), _marked_by_width(text, 4)
        assert set(eight) <= set(four) and len(four) <= 1.1 * len(eight) + 50


def test_matches_from_finds_what_finditer_finds_given_every_possible_start():
    pattern = regex.compile(r"(?:(\p{Han})\1){2,}")
    for path in SEEDS:
        text = path.read_text(encoding="utf-8") + "堡堡垒垒，坚坚强强组组织织。"
        expected = [m.span() for m in pattern.finditer(text)]
        assert expected
        assert [m.span() for m in matches_from(pattern, text, recurring(text, [1], (0, 2)))] == expected


def test_matches_from_skips_starts_inside_a_match():
    pattern = regex.compile(r"(ab)+")
    assert [m.span() for m in matches_from(pattern, "ababab ab", [0, 2, 4, 7])] == [(0, 6), (7, 9)]


@given(st.frozensets(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
@example(frozenset("^_"))  # the characters a class reads specially
@example(frozenset("\\"))
@example(frozenset("]^-\\[a-b"))
@example(frozenset("abcx"))  # a range, and a character on its own
def test_a_class_body_matches_exactly_its_characters(chars: frozenset[str]):
    pattern = re.compile(f"[{class_body(chars)}]")
    probes = chars | {chr(ord(char) + step) for char in chars for step in (-1, 1) if 0 <= ord(char) + step < 0x110000}
    for char in probes:
        assert (pattern.fullmatch(char) is not None) == (char in chars), repr(char)
