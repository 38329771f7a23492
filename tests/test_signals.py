"""Document signals (wenlint.signals) on small documents whose values are worked out by hand here."""

from __future__ import annotations

import json

import pytest
from conftest import wenlint
from hypothesis import given
from hypothesis import strategies as st

from wenlint.document import Document
from wenlint.signals import (
    NAMES,
    char_repetition,
    character_floors,
    character_signals,
    duplicated_grams,
    line_signals,
    paragraph_signals,
    signal,
    signals,
    top_gram,
    words_of,
)

#: 12 characters: `好的。` twice on lines of their own, a blank line, `你好`, a final line break.
SMALL = "好的。\n好的。\n\n你好\n"


def test_line_and_character_signals_of_a_small_document():
    values = signals(Document(SMALL))
    # paragraphs of the stripped text: "好的。\n好的。" and "你好", no copy
    assert values["dup_para_frac"] == 0 and values["dup_para_char_frac"] == 0
    # lines split on runs of breaks: 好的。 / 好的。 / 你好 / "" — one copy of 3 characters in 12
    assert values["dup_line_frac"] == 1 / 4
    assert values["dup_line_char_frac"] == 3 / 12
    # the three lines with text: two end a sentence, all are short, 3 copied characters of 12 − 4 breaks
    assert values["line_punct_ratio"] == 2 / 3
    assert values["short_line_ratio"] == 1
    assert values["char_dup_ratio"] == 3 / 8
    # 12 characters on 4 lines (the blank one counts)
    assert values["avg_line_length"] == 3
    # 6 Chinese characters of the 8 that are not blanks
    assert values["han_chars"] == 6 and values["han_ratio"] == 6 / 8
    # 4 line breaks and 2 `。` of 12 characters
    assert values["special_char_ratio"] == 6 / 12
    # three distinct 10-grams, none repeated; no 13-gram at all
    assert values["char_rep_ratio"] == 0 and values["duplicated_13_char_grams"] == 0


def test_lines_end_a_sentence_by_datatroves_list_of_terminal_punctuation():
    # `。` and `!` end a sentence; the vertical `︒`, a Unicode sentence terminal, is not in datatrove's list
    assert line_signals(Document("好的。\nOK!\n好的︒\n你好\n"))["line_punct_ratio"] == 2 / 4


@given(st.text(alphabet="好。!a \n", max_size=30))
def test_line_signals_split_lines_and_find_terminals_as_datatrove_does(text):
    # datatrove's definitions: lines split at runs of line breaks, a terminal searched for at a line's end
    import re

    from wenlint.signals import _TERMINAL

    values = line_signals(Document(text))
    if not text:
        return
    lines = re.split(r"\n+", text)
    copies = [line for index, line in enumerate(lines) if line in lines[:index]]
    assert values["dup_line_frac"] == len(copies) / len(lines)
    assert values["dup_line_char_frac"] == sum(map(len, copies)) / len(text)
    filled = [line for line in text.split("\n") if line.strip()]
    ending = sum(_TERMINAL.search(line) is not None for line in filled)
    assert values["line_punct_ratio"] == ending / (len(filled) or 1)


def test_the_share_of_chinese_counts_the_regex_modules_blanks_out():
    # every code point once but the surrogates (a Document holds none): the blanks are `\s`'s
    # (U+001C–U+001F are not, though str.isspace says so)
    import sys

    import regex

    text = "".join(map(chr, [*range(0xD800), *range(0xE000, sys.maxunicode + 1)]))
    blanks = len(regex.findall(r"\s", text))
    han = len(regex.findall(r"[\p{Han}〇]", text))
    values = character_signals(Document(text))
    assert values["han_chars"] == han and values["han_ratio"] == han / (len(text) - blanks)


def test_the_floor_of_the_chinese_characters_counts_only_chinese_characters():
    # every character of U+4000–U+9FFF the floor counts (all it does not send to 0) is `\p{Han}` or `〇`
    from wenlint.textclass import HAN

    for code in range(0x4000, 0xA000):
        text = chr(code)
        floor = character_floors(Document(text))["han_chars"]
        assert floor == (HAN.fullmatch(text) is not None and not 0x4DB6 <= code <= 0x4DFF and code < 0x9FA6), hex(code)


@given(st.text(alphabet="好中〇\u4db5\u4db6\u4dc0\u9fa5\u9fa6\U00020000a1 \u3000\n\r\x1c。", max_size=40))
def test_the_floor_of_the_chinese_characters_is_under_their_signals(text):
    doc = Document(text)
    floors, values = character_floors(doc), character_signals(doc)
    assert floors["han_chars"] <= values["han_chars"] and floors["han_ratio"] <= values["han_ratio"]
    if not set(text) & set("〇\u4db6\u4dc0\u9fa6\U00020000"):
        # the text's Chinese characters all counted: as many as the signal's
        assert floors["han_chars"] == values["han_chars"]


def test_the_terminal_punctuation_is_datatroves_own():
    import sys

    import regex

    text = pytest.importorskip("datatrove.utils.text", reason="needs datatrove (the dev extra)")
    theirs = set(text.TERMINAL_PUNCTUATION)
    unicodes = {chr(code) for code in range(sys.maxunicode + 1) if regex.match(r"\p{Sentence_Terminal}", chr(code))}
    ours = {char for char in theirs | unicodes if line_signals(Document("句" + char))["line_punct_ratio"] == 1}
    assert ours == theirs


def test_paragraph_copies():
    text = "第一段。\n\n第二段。\n\n第一段。"  # three paragraphs of 4 characters and two breaks of 2: 16
    values = paragraph_signals(Document(text))
    assert values["dup_para_frac"] == 1 / 3
    assert values["dup_para_char_frac"] == 4 / 16


def test_top_gram_counts_the_spaces_between_words_and_keeps_the_first_of_equals():
    # bigrams (x, yy) ×2 and (yy, x) ×1: "x yy" is 4 characters, twice
    assert top_gram(["x", "yy", "x", "yy"], 2) == 8
    # (a, b) and (b, a) both twice: the first seen wins: "a b", 3 characters, twice
    assert top_gram(["a", "b", "a", "b", "a"], 2) == 6
    assert top_gram(["a"], 2) == 0


def test_duplicated_grams_step_over_a_copy():
    # 2-grams joined without spaces: "abc" (new), "cab" (new), "abc" (seen: 3 characters, jump 2), then too few left
    assert duplicated_grams(["ab", "c", "ab", "c", "d"], [2]) == {2: 3}
    # characters: "ab" "bc" "ca" new, "ab" seen (+2, jump to 5), "ca" seen (+2, jump to 7): 4
    assert duplicated_grams("abcabcab", [2]) == {2: 4}
    assert duplicated_grams(["a"], [5, 6]) == {5: 0, 6: 0}
    # 3-grams: abc bca cab new, abc seen (+3, jump to 6), then "ab" is too short; 4-grams: abca seen at 3 (+4)
    assert duplicated_grams("abcabcab", [3, 4]) == {3: 3, 4: 4}


#: Word lists with many repeats: a few short words, some of which join into others (`ab` = `a` + `b`).
word_lists = st.lists(st.sampled_from(["a", "b", "ab", "ba", "c", "的", "中国", "。"]), max_size=60)


@given(word_lists)
def test_duplicated_and_top_grams_are_datatroves(words):
    gopher = pytest.importorskip("datatrove.pipeline.filters.gopher_repetition_filter")
    sizes = range(2, 11)
    assert duplicated_grams(words, sizes) == {n: gopher.find_all_duplicate(words, n) for n in sizes}
    assert duplicated_grams("".join(words), sizes) == {
        n: gopher.find_all_duplicate(list("".join(words)), n) for n in sizes
    }
    for n in (2, 3, 4):
        expected = gopher.find_top_duplicate(gopher.get_n_grams(words, n)) if len(words) >= n else 0
        assert top_gram(words, n) == expected


def test_char_repetition_takes_the_most_frequent_of_the_repeated_grams():
    # 2-grams of "abababab": ab ×4, ba ×3; ⌊√2⌋ = 1 of them counted: 4 of 7
    assert char_repetition("abababab", 2) == 4 / 7
    assert char_repetition("abc", 10) == 0


def test_words_are_split_as_datatrove_splits_chinese():
    assert words_of("ab cd\n ab cd") == ["ab", "cd", "ab", "cd"]


def test_word_signals_of_a_repeated_phrase():
    text = "ab cd\nab cd"  # 11 characters, words ab cd ab cd
    values = signals(Document(text))
    assert values["top_2_gram"] == 10 / 11  # "ab cd" (5 characters) twice
    assert values["top_3_gram"] == 8 / 11  # "ab cd ab" first of two 3-grams seen once each
    assert values["duplicated_5_n_grams"] == 0  # fewer than 5 words
    assert values["list_ratio"] == 1 / 4  # one line break, four words
    assert values["avg_word_length"] == 2
    assert values["alpha_words_ratio"] == 1
    assert values["stop_words"] == 0


def test_a_longer_n_gram_repeats_where_no_shorter_one_does():
    # words ba b a b a b ab (15 characters); datatrove compares n-grams joined without spaces:
    # the 5-grams "bababa", "babab", "ababab" are all new, but the 6-grams ba+b+a+b+a+b and
    # b+a+b+a+b+ab are both "bababab": 7 repeated characters
    values = signals(Document("ba b a b a b ab"))
    assert values["duplicated_5_n_grams"] == 0
    assert values["duplicated_6_n_grams"] == 7 / 15


def test_stop_words_are_counted_once_each():
    values = signals(Document("我的书在桌子上，你的书在书包里。"))
    assert values["stop_words"] == 2  # 的 and 在, each twice


def test_the_line_signals_are_listed_together_though_two_groups():
    # the lines' lengths are a group of their own; the output lists the line signals in their old order
    place = NAMES.index
    assert [place("dup_line_frac"), place("short_line_ratio"), place("avg_line_length")] == [2, 5, 7]
    assert sorted(NAMES) == sorted(signals(Document(SMALL)))


def test_one_signal_is_the_same_as_among_all():
    text = "社区是城市社会的基本构成单元。\n社区是城市社会的基本构成单元。\n2023年，我们共走访了120户。"
    every = signals(Document(text))
    assert {name: signal(Document(text), name) for name in NAMES} == every


def test_an_empty_document_gives_zeros():
    values = signals(Document(""))
    assert list(values) == list(NAMES)
    assert set(values.values()) == {0}


@pytest.mark.parametrize("text", ["。", "\n\n\n", "  \n", "a"])
def test_every_signal_is_a_finite_number(text):
    values = signals(Document(text))
    assert list(values) == list(NAMES)
    assert all(isinstance(v, float) and 0 <= v < float("inf") for v in values.values())


# -- where the signals show --------------------------------------------------------------


def test_check_statistics_prints_each_files_signals(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "small.txt").write_text(SMALL, encoding="utf-8")
    result = wenlint("check", str(tmp_path), "--statistics", "--signals", "--exit-zero")
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.decode().splitlines()[-2:]
    values = dict(zip(header.split("\t"), row.split("\t")))
    assert values["path"].endswith("small.txt")
    assert values["dup_line_frac"] == "0.25" and values["han_ratio"] == "0.75" and values["avg_line_length"] == "3"


def test_check_statistics_prints_large_counts_whole(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    # 12,345 Chinese characters on one line: 12345 of them, 12345 characters a line
    (tmp_path / "long.txt").write_text("中" * 12345, encoding="utf-8")
    result = wenlint("check", str(tmp_path), "--statistics", "--signals", "--exit-zero")
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.decode().splitlines()[-2:]
    values = dict(zip(header.split("\t"), row.split("\t")))
    assert values["han_chars"] == "12345" and values["avg_line_length"] == "12345" and values["han_ratio"] == "1"


def test_signals_without_statistics_is_a_usage_error(tmp_path):
    result = wenlint("check", str(tmp_path), "--signals")
    assert result.returncode == 2 and b"--signals goes with --statistics" in result.stderr


def test_scan_stores_the_signals_of_each_record(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    shard = tmp_path / "in.jsonl"
    shard.write_text(json.dumps({"id": "a", "text": SMALL}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = wenlint("scan", str(shard), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr
    (row,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    stored = row["wenlint"]["signals"]
    assert list(stored) == list(NAMES)
    assert stored["dup_line_frac"] == 0.25 and stored["line_punct_ratio"] == round(2 / 3, 4)
