"""L005 fake-bold: text extracted twice from fake-bold PDF text."""

from __future__ import annotations

import pytest
from conftest import findings, seed, wenlint

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules

HEADING = (
    "第一个方面,健全完善社区第一个方面,健全完善社区组织组织体系,打造社区体系,打造社区坚强组织坚强组织堡堡垒垒。 。"
)


def _fixed(text: str) -> str:
    return fix(Document.from_source(text, "doc.txt"), [all_rules()["L005"]()], unsafe=True).doc.text


def test_seed_004_doubled_title_and_heading():
    text = seed("004").read_text(encoding="utf-8")
    assert HEADING in text
    assert findings(text, "L005") == [
        "如何在文明和谐社区建设中如何在文明和谐社区建设中",
        "发挥党组织领导核心作用发挥党组织领导核心作用",
        "第一个方面,健全完善社区第一个方面,健全完善社区",
        "组织组织",
        "体系,打造社区体系,打造社区",
        "坚强组织坚强组织",
        "堡堡垒垒",
    ]


def test_seed_004_fixed_reads_single():
    fixed = _fixed(seed("004").read_text(encoding="utf-8"))
    assert "\n1、1 如何在文明和谐社区建设中 发挥党组织领导核心作用 全市街道社区党组织书记培训班辅导讲义 杨国宁" in fixed
    assert "第一个方面,健全完善社区组织体系,打造社区坚强组织堡垒。 。 健全完善社区组织体系,首先" in fixed
    # reduplication elsewhere in the seed stays
    assert "面临着许许多多的新情况" in fixed and "大家纷纷感到" in fixed and "默默无闻" in fixed
    assert findings(fixed, "L005") == []


def test_other_seeds_have_no_fake_bold():
    # seed 000 has `**社区、**社区` and `一件一件`; seed 003 `××区××街道、××区××街道`
    for prefix in ("000", "001", "002", "003"):
        assert findings(seed(prefix).read_text(encoding="utf-8"), "L005") == [], prefix


def test_long_repeats_stand_on_their_own():
    heading = "一、充分认识社区建设的重要意义"
    assert findings(f"{heading}{heading}\n", "L005") == [heading * 2]
    assert _fixed(f"同志们:\n{heading}{heading}\n") == f"同志们:\n{heading}\n"
    # spanning punctuation in mid-sentence: a list, not a heading
    assert findings(f"我们要{heading}{heading}", "L005") == []
    assert findings("充分认识社区建设的重要意义充分认识社区建设的重要意义", "L005") == [
        "充分认识社区建设的重要意义充分认识社区建设的重要意义"
    ]
    long_run = "全市街道社区党组织书记培训班辅导讲义如何发挥党组织领导核心"  # 30 characters
    assert findings(long_run * 2, "L005") == [long_run * 2]
    assert _fixed(f"标题:{long_run * 2}。") == f"标题:{long_run}。"
    assert findings("坚强组织坚强组织", "L005") == ["坚强组织坚强组织"]


def test_short_repeats_need_a_doubled_neighbour():
    assert findings("健全完善社区组织组织体系。", "L005") == []
    assert findings("打造社区坚强组织堡堡垒垒。", "L005") == []
    assert findings("打造社区坚强组织坚强组织堡堡垒垒。", "L005") == ["坚强组织坚强组织", "堡堡垒垒"]
    assert _fixed("打造社区坚强组织坚强组织堡堡垒垒。") == "打造社区坚强组织堡垒。"
    assert _fixed("健全完善社区组织组织体系体系,打造坚强组织坚强组织") == "健全完善社区组织体系,打造坚强组织"


def test_every_character_doubled():
    assert findings("打造社区坚坚强强组组织织。", "L005") == ["坚坚强强组组织织"]
    assert _fixed("打造社区坚坚强强组组织织。") == "打造社区坚强组织。"
    # kinship words and lexicon reduplication stay, even in a run
    assert findings("爸爸妈妈哥哥姐姐都来了。", "L005") == []
    assert findings("干干净净漂漂亮亮的房间。", "L005") == []


def test_legitimate_reduplication_is_left_alone():
    for text in (
        "大家天天见面，常常讨论，人人参与，谢谢大家。",
        "这件事我们要研究研究，再讨论讨论，看看再说。",
        "大家高高兴兴、来来往往，方方面面都照顾到了。",
        "面临着许许多多的新情况，要一步一步解决，一件一件落到实处。",
        "我们商量商量这件事，爸爸妈妈和弟弟妹妹都来了。",
        "看着看着就睡着了，哈哈哈哈，对不起对不起。",
        "法分为形式不合理的法、实质不合理的法、实质合理的法。",
        "刚才，**台街道、**社区、**社区等单位作了经验介绍。",
        "尿常规、血常规、血生化都正常。",
    ):
        assert findings(text, "L005") == [], text


def test_layout_family_fixes_seed_004_on_the_command_line(seeds_copy):
    result = wenlint("check", "--select", "L003,L004,L005", "--fix", "--unsafe-fixes", "--exit-zero", str(seeds_copy))
    assert result.returncode == 0, result.stderr.decode()
    fixed = next(seeds_copy.glob("004_*.txt")).read_text(encoding="utf-8")
    assert "请在金锄头文库上搜索。\n\n如何在文明和谐社区建设中 发挥党组织领导核心作用 全市" in fixed
    assert "在 2001 年至 2003 年 间" in fixed
    assert "打造社区坚强组织堡垒。 。" in fixed
    assert "特别是市委于 2011 年" in fixed
    for prefix in ("000", "001", "002", "003"):
        original = seed(prefix).read_text(encoding="utf-8")
        assert next(seeds_copy.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8") == original


def test_headings_run_into_their_paragraph_and_table_cells_are_not_fake_bold():
    for text in (
        "3、清算费用清算费用是指基金财产清算组在进行基金财产清算过程中发生的所有合理费用。",
        "（二）基金资产净值基金资产净值是指基金资产总值减去基金负债后的价值。",
        "本期：2019年1月1日至2019年12月31日月31日\n",
        "项目2020年12月31日成本公允价值公允价值变动\n",
        # a table header flattened row by row: fragments of two columns
        "    占基金占基金项目资产净资产净公允价值公允价值值比例值比例\n",
        "关联方名称占当期股占当期股成交金额票成交总成交金额票成交总额的比例额的比例\n",
        # two header cells cut mid-word, doubled on a line of their own
        "业绩比较基准收益率的比较\n    份额净值增业绩比较基份额净值增业绩比较基\n    阶段长率标准差准收益率\n",
    ):
        assert findings(text, "L005") == [], text


def test_a_doubled_heading_on_its_own_line():
    assert findings(
        "    （三）内部组织结构及员工情况内部组织结构及员工情况\n    股东会是公司的最高权力机构。", "L005"
    ) == ["内部组织结构及员工情况内部组织结构及员工情况"]
    # glued to the words after it, the same repeat is a heading run into its text
    assert findings("（三）内部组织结构及员工情况内部组织结构及员工情况由股东会决定。", "L005") == []


@pytest.mark.parametrize("size", range(8, 33))
def test_long_repeats_of_every_size_are_found_wherever_they_start(size):
    run = "全市街道社区党组织书记培训班辅导讲义如何发挥领导作用的意义"[: size - 2] + "核心"
    assert findings(f"{run}{run}\n正文。", "L005") == [run * 2]
    for before in ("\n", "。\n", "正文。\n", "有正文。\n"):  # the run at each offset from a multiple of four
        assert findings(f"{before}{run}{run}\n正文。", "L005") == [run * 2]
        assert findings(f"{before}{run}{run}", "L005") == [run * 2]  # at the very end of the text


@pytest.mark.parametrize("size", range(4, 8))
def test_short_repeats_of_words_are_found_wherever_they_start(size):
    run = "全市街道"[: size - 2] + "核心"
    for before in ("\n", "。\n", "正文。\n", "有正文。\n"):  # the run at each offset from a multiple of four
        assert findings(f"{before}{run}{run} 正文。", "L005") == [run * 2]
        assert findings(f"{before}{run}{run}", "L005") == [run * 2]  # at the very end of the text


def test_short_repeats_are_those_finditer_finds_but_runs_of_one_character():
    import random

    from wenlint_rules.layout import repeats

    rng = random.Random(7)
    for _ in range(3_000):
        alphabet = rng.choice([" .组织", " 组织建设\n", "..ab", "基金 份额", "哈哈组", "  \n.-基"])
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80)))
        matches = repeats._SHORT_REPEAT.finditer(text)
        expected = [(m.start(), len(m[1])) for m in matches if m[1] != m[1][0] * len(m[1])]
        assert list(repeats.short_repeats(text, 0, len(text))) == expected, repr(text)


@pytest.mark.parametrize("cut", [-40, -17, -9, -5, -4, -3, -2, -1, 0, 3])
def test_repeats_across_the_border_of_two_pieces_are_found(cut):
    # the candidates are marked in C a piece of 65,536 characters at a time; the quick test for a repeat
    # fake bold on its own reads a mark 4 characters on (2 for doubled characters) in the next piece
    long_run = "全市街道社区党组织书记培训班辅导讲义如何发挥核心"
    cases = ((long_run, long_run * 2), ("全市街道社区核心", "全市街道社区核心" * 2), ("街道核心", "街道核心" * 2))
    for run, doubled in (*cases, ("坚强组", "坚坚强强组组")):
        text = "。" * (65536 + cut) + doubled + "。正文。"
        assert findings(text, "L005") == [doubled], run


def test_every_chinese_character_is_one_the_quick_test_may_read_as_chinese():
    from conftest import low_bytes

    from wenlint.codepoints import MARK
    from wenlint.textclass import HAN
    from wenlint_rules.layout.han_bytes import low_and_han

    every = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    low, han = low_and_han(every)
    assert low == low_bytes(every)
    assert all(han[match.start()] == MARK for match in HAN.finditer(every))
    # and not the characters that fill the space between them (it is a quick test)
    assert low_and_han("Abc 12\r\n　，。、：；！？（）《》“”…—～％Ｏ")[1].count(MARK) == 0


@pytest.mark.parametrize("filler", ["哈" * 300, "中**" * 100])
def test_repeats_beside_text_repeating_a_short_run_are_found(filler):
    # text repeating a run shorter than a repeat's is passed over by the quick test, not what stands beside it
    for run in ("全市街道社区党组织书记培训班辅导讲义如何发挥核心", "全市街道社区核心", "街道核心"):
        for text in (f"{filler}\n{run}{run}。{filler}", f"{run}{run} {filler}", f"{filler}，{run}{run}"):
            assert findings(text, "L005") == [run * 2], text[:12]


@pytest.fixture
def tested(monkeypatch):
    """The offsets the quick test tests, as L005 runs."""
    from wenlint_rules.layout import fake_bold

    offsets = []
    doubled_around = fake_bold._doubled_around
    monkeypatch.setattr(
        fake_bold,
        "_doubled_around",
        lambda text, index, *rest: offsets.append(index) or doubled_around(text, index, *rest),
    )
    return offsets


def test_text_repeating_a_short_run_has_none_of_its_marks_tested(tested):
    for text in ("哈" * 20_000, "中**" * 7_000, "中文全" * 7_000 + "\n" + "街道" * 10_000):
        assert findings(text, "L005") == []
    assert len(tested) < 1_000  # only near the line break and the ends (unskipped: 2 marks a character)


@pytest.mark.parametrize(
    "run", ["哈哈哈，", "哈哈哈哈，", "一二三四五六七，", "全市街道社区党组织书记培训班辅导讲义如何发挥核心，"]
)
def test_text_repeating_a_run_as_long_as_a_repeat_has_a_period_of_its_marks_tested(tested, run):
    # each offset answers as the one a period before: a period of them is tested, not every mark
    assert findings("前" + run * (20_000 // len(run)), "L005") == []
    assert len(tested) < 200  # (unskipped: every mark, 20,000)


def _periodic_texts(rng, count):
    """Texts repeating a run (some with a character changed), with text around, some with a repeat put in."""
    letters = "发挥党组织领导核心作用社区建设哈，。 \n*a1"
    for _ in range(count):
        around = ["".join(rng.choice(letters) for _ in range(rng.randrange(40))) for _ in range(2)]
        run = "".join(rng.choice(letters) for _ in range(rng.randrange(1, 35)))
        if (
            rng.random() < 0.3
        ):  # a run whose period holds a repeat shorter than it: `中文字中` twice in `中文字中中文字`
            shorter = rng.randrange(1, 7)
            head = "".join(rng.choice("发挥党组织领导") for _ in range(shorter)) * 8
            run = head[: rng.randrange(shorter + 1, 33)] + head[:shorter]
        text = list(around[0] + run * rng.randrange(1, 40) + around[1])
        for _ in range(rng.randrange(3)):
            text[rng.randrange(len(text))] = rng.choice(letters)
        if rng.random() < 0.5:
            doubled = "".join(rng.choice("发挥党组织领导核心作用社区建设") for _ in range(rng.randrange(4, 33))) * 2
            at = rng.randrange(len(text) + 1)
            text[at:at] = rng.choice(["", "，", "\n", "x"]) + doubled + rng.choice(["", "，", "\n", "x"])
        yield "".join(text)


def test_the_quick_test_answers_as_it_does_testing_every_mark(monkeypatch):
    import random

    from wenlint.codepoints import marks
    from wenlint_rules.layout import fake_bold
    from wenlint_rules.layout.han_bytes import low_and_han

    def anchors_at(text):
        low, han = low_and_han(text)
        longs = list(marks(text, low, range(fake_bold.LONG_MIN, fake_bold.LONG_MAX + 1), range(4), width=4))
        return fake_bold._anchors_at(text, han, marks(text, low, range(4, 8), range(4), width=4), longs)

    doubled_around = fake_bold._doubled_around
    for text in _periodic_texts(random.Random(11), 3_000):
        quick = anchors_at(text)
        with monkeypatch.context() as patched:  # no period read: every mark tested
            patched.setattr(fake_bold, "_doubled_around", lambda *args: (doubled_around(*args)[0], 0))
            assert anchors_at(text) == quick, repr(text)


def _texts_of_repeats(rng, count):
    """Lines of doubled words, runs and characters, close together, some across line breaks."""
    words = ["组织", "社区建设", "发挥党组织", "领导核心作用", "全市街道社区党组织书记", "一、充分认识社区建设的意义"]
    for _ in range(count):
        pieces = []
        for _ in range(rng.randrange(1, 30)):
            word = rng.choice(words)[: rng.randrange(1, 14)]
            kind = rng.random()
            if kind < 0.4:
                pieces.append(word * 2)
            elif kind < 0.55:
                pieces.append("".join(char * 2 for char in word))
            else:
                pieces.append(word)
            pieces.append(rng.choice(["", "", "\n", "，", " ", "。\n", "\n\n", "x"]))
        yield "".join(pieces)


def _chain(lines: int) -> str:
    """A doubled heading, then ``lines`` lines of a doubled word each: a chain of repeats a line apart."""
    words = ["组织", "社区", "建设", "发挥", "领导", "核心", "作用", "全市"]
    return "第一章总则第一章总则\n" + "".join(f"、{words[line % 8] * 2}\n" for line in range(lines))


def _texts_of_nested_repeats(count):
    """A run holding a repeat, written twice (`）ab ab）ab ab`), after runs ending
    anywhere: which one of the two is found depends on the runs before; and
    chains of repeats a line apart, reaching from a doubled heading."""
    outer = "）全市街道社区党组织书记全市街道社区党组织书记"
    for pad in range(count):
        yield "x" * pad + "一、充分认识社区建设的意义" * 2 + "\n" + "，" * (pad // 4) + outer * 2 + "\n" + outer[1:] * 2
    for lines in range(1, count):
        yield _chain(lines)


def test_groups_read_line_by_line_are_those_of_the_whole_text():
    import random

    from wenlint.codepoints import MARK, marks
    from wenlint_rules.layout import fake_bold, repeats
    from wenlint_rules.layout.han_bytes import low_and_han

    texts = [
        *_texts_of_repeats(random.Random(5), 3_000),
        *_periodic_texts(random.Random(5), 1_000),
        *_texts_of_nested_repeats(16),
    ]
    for text in texts:
        low, han = low_and_han(text)
        longs = list(marks(text, low, range(repeats.LONG_MIN, repeats.LONG_MAX + 1), range(4), width=4))
        chars = fake_bold._char_repeats(text, low, han)
        # the plain way: the whole text read, each GRAM-th of its 4-grams looked up (every offset marked)
        every_gram = [(0, bytes([MARK]) * len(text))]
        spans = [*repeats.short_repeats(text, 0, len(text)), *repeats.long_repeats(text, every_gram)]
        kept = fake_bold._without_overlaps([*fake_bold._whole_repeats(text, spans), *chars])
        expected = [group for group in fake_bold._groups(kept) if any(repeat.anchor for repeat in group)]
        fours = marks(text, low, range(4, 8), range(4), width=4)
        anchors = [*fake_bold._anchors_at(text, han, fours, longs), *(r.start for r in chars if r.anchor)]
        starts = Document.from_source(text, "doc.txt").line_starts
        assert fake_bold._anchored_groups(text, starts, anchors, longs, chars) == expected, repr(text)


def test_a_chain_of_repeats_a_line_apart_is_read_in_a_few_rounds(monkeypatch):
    """Reading the lines near the groups holding an anchor goes round
    _ROUNDS times at most, then reads every line: a round for each line of
    a chain of repeats (each round groups every line read) would be quadratic."""
    from wenlint_rules.layout import fake_bold

    grouped = []
    groups = fake_bold._groups
    monkeypatch.setattr(fake_bold, "_groups", lambda repeats: grouped.append(len(repeats)) or groups(repeats))
    text = _chain(2_000)
    assert len(findings(text, "L005")) == 2_001
    assert len(grouped) == fake_bold._ROUNDS + 1 and grouped[-1] == 2_001
