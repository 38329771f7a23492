"""The code-point view and the candidate-driven matching rules use to stay fast."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import regex

from wenlint.codepoints import codepoints, matches_from, repeated_runs

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def test_codepoints_are_the_characters_even_astral_and_lone_surrogates():
    assert codepoints("中a𠀀\ud800").tolist() == [ord("中"), ord("a"), 0x20000, 0xD800]


def test_repeated_runs_marks_where_a_run_recurs():
    codes = codepoints("组织组织体系")
    assert np.flatnonzero(repeated_runs(codes, 2, 2)).tolist() == [0]
    assert repeated_runs(codes, 2, 2).tolist() == [True, False, False]
    assert len(repeated_runs(codes, 4, 4)) == 0  # too short to hold a run of 4 twice


def test_matches_from_finds_what_finditer_finds_given_every_possible_start():
    pattern = regex.compile(r"(?:(\p{Han})\1){2,}")
    for path in SEEDS:
        text = path.read_text(encoding="utf-8") + "堡堡垒垒，坚坚强强组组织织。"
        codes = codepoints(text)
        doubled = codes[:-1] == codes[1:]
        starts = np.flatnonzero(doubled[:-2] & doubled[2:]).tolist()
        expected = [m.span() for m in pattern.finditer(text)]
        assert expected
        assert [m.span() for m in matches_from(pattern, text, starts)] == expected


def test_matches_from_skips_starts_inside_a_match():
    pattern = regex.compile(r"(ab)+")
    assert [m.span() for m in matches_from(pattern, "ababab ab", [0, 2, 4, 7])] == [(0, 6), (7, 9)]


def test_the_class_tables_agree_with_the_rules_classes_on_every_code_point():
    from wenlint.codepoints import _classes
    from wenlint.textclass import HAN

    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    han, digit = _classes()
    assert set(np.flatnonzero(han).tolist()) == {ord(m[0]) for m in HAN.finditer(every)}
    assert set(np.flatnonzero(digit).tolist()) == {ord(m[0]) for m in regex.finditer(r"\d", every)}


def test_han_and_digit_masks_mark_each_character():
    from wenlint.codepoints import digit_mask, han_mask

    codes = codepoints("中a1〇𠀀١ ")
    assert han_mask(codes).tolist() == [True, False, False, True, True, False, False]
    assert digit_mask(codes).tolist() == [False, False, True, False, False, True, False]
