"""The n-gram signals worked out with NumPy (wenlint.signals_vector) are the
reference's (wenlint.signals), exactly: on texts where repeats, ties and
joined n-grams that different segmentations make alike are common, on texts
whose hashes collide, on the real texts, and through the command with and
without numpy."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from wenlint import signals, signals_vector
from wenlint.document import Document

TOP, DUPLICATED = signals.TOP_GRAMS, signals.DUPLICATED_GRAMS
REAL = ROOT.parent / "shared" / "data" / "real"

#: A few short words, some of which join into others (`ab` = `a` + `b`): repeats, ties and equal joined n-grams abound.
words = st.lists(st.sampled_from(["a", "b", "ab", "ba", "c", "的", "中国", "。"]), max_size=300)
texts = st.text(alphabet="ab的。\n", max_size=400)


def vector_word_grams(units: list[str], top: tuple[int, ...] = TOP) -> tuple[dict, dict]:
    """The top and duplicated word n-grams of ``units`` with NumPy."""
    ready = signals_vector.word_units(units)
    return signals_vector.top_grams(ready, top), signals_vector.duplicated_grams(ready, DUPLICATED)


def word_grams_both_ways(units: list[str], top: tuple[int, ...] = TOP) -> tuple[tuple, tuple]:
    """The word n-gram signals of ``units`` with NumPy, and the reference's: the top and
    duplicated n-grams, then the top n-grams again, NumPy's as their ceilings capped at the
    reference's values (equal to them when no ceiling is under its value)."""
    tops = signals.top_grams(units, top)
    ceilings = signals_vector.top_ceilings(signals_vector.word_units(units), top)
    capped = {n: min(ceiling, tops.get(n, ceiling)) for n, ceiling in ceilings.items()}
    return (*vector_word_grams(units, top), capped), (tops, signals.duplicated_grams(units, DUPLICATED), tops)


@given(words)
def test_word_n_grams_are_the_references(units):
    ours, reference = word_grams_both_ways(units)
    assert ours == reference


def test_a_top_n_grams_ceiling_is_the_largest_of_its_characters_times_its_least_frequent_words_count():
    # a is met 3 times, b twice, c once: "a b" and "b a" (3 characters) twice at most, "a b a" (5) and
    # "a b a b" (7) too; each 3- and 4-gram is met once, so their top n-grams are the first
    units = ["a", "b", "a", "b", "c", "a"]
    assert signals_vector.top_ceilings(signals_vector.word_units(units), TOP) == {2: 6, 3: 10, 4: 14}
    assert signals.top_grams(units, TOP) == {2: 6, 3: 5, 4: 7}


@given(words, st.lists(st.integers(1, 6), max_size=3))
def test_top_n_grams_of_any_sizes_are_the_references(units, sizes):
    # the single words' too, and none asked for
    ours, reference = word_grams_both_ways(units, tuple(sizes))
    assert ours == reference


@given(texts, st.integers(1, 12), st.integers(1, 14))
def test_character_n_grams_are_the_references(text, repetition_n, duplicated_n):
    ours = signals_vector.character_grams(text, repetition_n, duplicated_n)
    assert ours == signals.character_grams(text, repetition_n, duplicated_n)


def test_n_grams_are_compared_joined():
    # the 6-grams ba+b+a+b+a+b and b+a+b+a+b+ab are both "bababab"; no shorter one repeats
    units = ["ba", "b", "a", "b", "a", "b", "ab"]
    _, duplicated = vector_word_grams(units)
    assert duplicated == {5: 0, 6: 7, 7: 0, 8: 0, 9: 0, 10: 0}
    ours, reference = word_grams_both_ways(units)
    assert ours == reference


def tops(spaced: str) -> dict[int, int]:
    """The top n-gram characters of the words of ``spaced``, with NumPy."""
    return vector_word_grams(spaced.split())[0]


def test_the_first_seen_of_the_most_frequent_is_the_top_n_gram():
    # (a, bb), (bb, ddd) and (ddd, c) twice each: the first seen, "a bb", 4 characters, twice
    assert tops("a bb ddd c a bb ddd c") == {2: 8, 3: 16, 4: 20}
    # the same words from ddd on: "ddd c", 5 characters, twice; "ddd c a", 7, twice
    assert tops("ddd c a bb ddd c a bb") == {2: 10, 3: 14, 4: 20}
    # all differ: the first, not the longest
    assert tops("a bb c ddd") == {2: 4, 3: 6, 4: 10}


def thue_morse(size: int) -> str:
    text = "a"
    while len(text) < size:
        text += text.translate(str.maketrans("ab", "ba"))
    return text


def test_texts_whose_hashes_collide_get_the_references_values():
    # a Thue–Morse string of 2048 characters and its complement hash alike for any odd base
    # modulo 2**64: the words' ids, the duplicated n-grams' walk and the character counts
    # must each notice and count the strings themselves
    one = thue_morse(2048)
    other = one.translate(str.maketrans("ab", "ba"))
    units = signals_vector._Units(one + other)
    assert len(set(units.hashes(np.array([0, 2048]), np.array([2048, 4096])))) == 1
    ours, reference = word_grams_both_ways([one, "x", other, "x"] * 3)
    assert ours == reference
    ours, reference = word_grams_both_ways([one, "x", one, "x", other, "x", one])
    assert ours == reference
    text = one + "x" + other + "x" + one
    for n in (2048, 2049, 10):
        assert signals_vector.character_grams(text, n, n) == signals.character_grams(text, n, n)


def test_copies_count_only_where_each_is_the_text_of_its_original(monkeypatch):
    # ab c ab c ba c: the characters of a walk's copies, or None where one is not its original's text
    units = signals_vector._Units(["ab", "c", "ab", "c", "ba", "c"])
    assert [units.copied(1, [2], [0]), units.copied(2, [2], [0]), units.copied(1, [], [])] == [2, 3, 0]
    assert units.copied(1, [2, 5], [0, 1]) == 3
    assert units.copied(1, [4], [0]) is None  # ba and ab: as long, other characters
    assert units.copied(1, [3], [0]) is None  # c and ab: shorter
    assert units.copied(2, [4], [2]) is None  # ba c and ab c
    monkeypatch.setattr(signals_vector, "COMPARED_AT_ONCE", 1)  # a copy at a time: the same answers
    assert units.copied(1, [2, 5], [0, 1]) == 3
    assert units.copied(1, [2, 4], [0, 0]) is None  # the second is not its original's text


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(REAL.glob("*.jsonl")), ids=lambda path: path.stem)
def test_every_real_document_gets_the_references_values(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            ours, reference = word_grams_both_ways(signals.words_of(text))
            assert ours == reference
            ours = signals_vector.character_grams(text, signals.CHAR_REP_N, signals.LONG_CHAR_GRAM)
            assert ours == signals.character_grams(text, signals.CHAR_REP_N, signals.LONG_CHAR_GRAM)


def test_long_documents_take_numpy_and_short_ones_the_reference():
    assert "numpy" in sys.modules  # imported here: no import to pay for
    assert signals._grams(signals.VECTOR_FROM) is signals_vector
    assert signals._grams(signals.VECTOR_FROM - 1) is signals._REFERENCE


#: A document long enough for NumPy's path, with repeated lines, so every n-gram signal is above 0.
LONG = "社区是城市社会的基本构成单元，我们共走访了120户。\n" * 10 + "今年的工作重点是养老服务。\n" * 20


def run_python(code: str, *args: str, cwd: Path) -> bytes:
    run = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr.decode()
    return run.stdout


def test_check_prints_the_same_signals_without_numpy(tmp_path):
    assert len(signals.words_of(LONG)) >= signals.VECTOR_FROM and len(LONG) >= signals.VECTOR_FROM
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "long.txt").write_text(LONG, encoding="utf-8")
    arguments = ["check", "long.txt", "--statistics", "--signals", "--exit-zero", "--no-cache"]
    # with numpy imported, as in `wenlint scan`, and where the hook has none
    with_numpy = "import sys, numpy; from wenlint.cli import main; sys.exit(main(sys.argv[1:]))"
    without_numpy = (
        "import sys; sys.modules['numpy'] = None; from wenlint.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    assert run_python(with_numpy, *arguments, cwd=tmp_path) == run_python(without_numpy, *arguments, cwd=tmp_path)
    values = Document(LONG)
    assert all(signals.signal(values, name) > 0 for name in signals.WORD_GRAM_SIGNALS + signals.CHARACTER_GRAM_SIGNALS)


def test_numpy_is_imported_once_long_documents_pay_for_it(tmp_path):
    # a check of one long document never imports numpy; in a process that has worked out
    # IMPORT_AFTER words or characters of long documents, the next one imports it
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "long.txt").write_text(LONG, encoding="utf-8")
    check = "import sys; from wenlint.cli import main; main(sys.argv[1:]); print('numpy' in sys.modules)"
    assert (
        run_python(check, "check", "long.txt", "--preview", "--select", "D003", "--no-cache", cwd=tmp_path)[-6:]
        == b"False\n"
    )
    documents = (
        "import sys; from wenlint import signals; from wenlint.document import Document; signals.IMPORT_AFTER = 900\n"
        "for text in sys.argv[1:]:\n"
        "    signals.signal(Document(text), 'top_2_gram'); print('numpy' in sys.modules)"
    )
    # each holds 320 words: the reference for the first three (960 words), then NumPy
    assert len(signals.words_of(LONG)) == 320
    assert run_python(documents, *[LONG] * 4, cwd=tmp_path).split() == [b"False", b"False", b"False", b"True"]


def test_lone_surrogates_and_astral_characters_are_characters_like_any_other():
    # a str may hold an unpaired surrogate (the API's text, a server's): the reference counts it as a character
    text = "好\ud800的𠀀\udfff" * 80
    assert signals_vector.character_grams(text, 10, 13) == signals.character_grams(text, 10, 13)
    ours, reference = word_grams_both_ways(["好\ud800", "的", "𠀀", "\udfff"] * 80)
    assert ours == reference


def test_keys_are_compared_modulo_what_their_places_leave_unless_told_apart_exactly():
    # five keys: each sorted with its place in its 3 low bits, so compared modulo 2**61 (as a hash may
    # be), where 2**62 + 1 and 1 are alike; told apart exactly, such large keys are argsorted
    keys = np.array([2**62 + 1, 2**62, 2**62 + 1, 1, 2**62], np.int64)
    assert signals_vector._groups(keys).tolist() == [1, 0, 1, 1, 0]
    assert signals_vector._groups(keys, exact=True).tolist() == [2, 1, 2, 0, 1]


def test_units_are_alike_when_every_group_holds_one_text():
    units = signals_vector._Units(["ab", "abc", "ab", "ba"])
    assert units.alike(np.array([0, 1, 0, 2]))
    assert not units.alike(np.array([0, 1, 0, 0]))  # ab and ba: as long, other characters
    # ab and abc: abc begins with ab, and is longer
    assert not signals_vector._Units(["ab", "abc"]).alike(np.array([0, 0]))


def test_a_repetitive_text_is_walked_in_little_memory():
    """A text repeating one sentence recurs at nearly every start, for each
    n: its n-grams are walked one n at a time and its copies compared a
    batch at a time (every n's copies at once took ~930 bytes a character;
    2.2 GB on 8 MB of text)."""
    text = "我们今天召开全区社区建设工作会议，总结经验，部署任务。" * 12000
    units = signals_vector._Units(text)
    tracemalloc.start()
    try:
        found = signals_vector.duplicated_grams(units, range(5, 11))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == signals.duplicated_grams(text, range(5, 11))
    assert peak < 300 * len(text)
