"""L002: spaces inside Chinese text and between a number and its unit, and
how the rule gets along with M007 (cjk-latin-spacing) in both house styles."""

from __future__ import annotations

import random

import pytest
import regex
from conftest import SEED_FILES, findings, seed

from wenlint import Applicability, Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules
from wenlint.textclass import SPACED_UNITS, SPACED_UNITS_2, UNITS, UNITS_2

RULE = all_rules()["L002"]
M007 = all_rules()["M007"]
HAN_SPACE_HAN = regex.compile(r"\p{Han}[ \u00a0]+\p{Han}")
HAN_CHAR = regex.compile(r"[\p{Han}〇]")


def flagged_spaces(text: str) -> set[int]:
    return {d.start for d in lint(Document(text), [RULE()])}


def body_of_004(text: str) -> str:
    """The preview text of seed 004, without the viewer chrome around it."""
    return text[text.index("\n1、1") : text.index("展开阅读全文")]


@pytest.mark.parametrize(
    "excerpt",
    [
        "问题给 予了高度",
        "加强社区建 设指明",
        ",2005 年市委",
        "(2013 年 4 月)",
        "的 10 个城关镇",
        "超过 1 万平方米",
        "到 256.6 平方米",
    ],
)
def test_seed_004_layout_spaces_are_flagged(excerpt):
    text = seed("004").read_text(encoding="utf-8")
    at = text.index(excerpt)
    spaces = flagged_spaces(text)
    inside = [at + i for i, char in enumerate(excerpt) if char == " "]
    # the space after a Chinese character before a number (`的 10`) is M007's
    expected = [i for i in inside if not (text[i + 1].isdigit() and not text[i - 1].isdigit())]
    assert expected and all(i in spaces for i in expected)
    assert not any(i in spaces for i in set(inside) - set(expected))


def test_seed_counts():
    counts = {p.name[:3]: len(findings(p.read_text(encoding="utf-8"), "L002")) for p in SEED_FILES}
    # 000–003 have no layout spaces: their only spaces are in spam lines,
    # tag lists and a time stamp, none of them prose.
    # 004: 172, of which 58 are spaces between two words, flagged because the
    # document's spaces split words again and again (unsafe fixes); the
    # spaces after `。` between sentences are clause gaps, left alone.
    assert counts == {"000": 0, "001": 0, "002": 0, "003": 0, "004": 172}


def test_safe_fix_joins_split_words_in_004_and_unsafe_fix_the_rest():
    text = seed("004").read_text(encoding="utf-8")
    safe = fix(Document(text), [RULE()]).doc.text
    unsafe = fix(Document(text), [RULE()], unsafe=True).doc.text
    assert HAN_SPACE_HAN.findall(body_of_004(text))
    assert "我们还 面临着" in safe and "我们还面临着" in unsafe  # two words: unsafe
    assert HAN_SPACE_HAN.findall(body_of_004(unsafe)) == []
    for result in (safe, unsafe):
        assert result.replace(" ", "") == text.replace(" ", "")  # only spaces went
    for before, after in [
        ("给 予了", "给予了"),
        ("社区建 设", "社区建设"),
        (",2005 年市委", ",2005年市委"),
        ("(2013 年 4 月)", "(2013年 4月)"),
        ("堡堡垒垒。 。 健全", "堡堡垒垒。 。 健全"),  # a clause gap stays
    ]:
        assert before in text and after in safe
    # the chrome is not prose and keeps its spaces
    assert "返回 下载 相关 举报" in unsafe
    assert "文档编号:54424334 上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB" in unsafe


def test_units_are_units_to_m007_too():
    assert SPACED_UNITS <= UNITS
    assert all(unit in UNITS_2 or unit[0] in UNITS for unit in SPACED_UNITS_2)


@pytest.mark.parametrize("style", ["require", "forbid"])
def test_l002_and_m007_converge_in_either_style(style):
    rules = [RULE(), M007(style=style)]
    text = seed("004").read_text(encoding="utf-8")
    once = fix(Document(text), rules, unsafe=True)
    assert once.converged
    assert fix(once.doc, rules, unsafe=True).doc.text == once.doc.text
    left = lint(once.doc, rules)
    assert [d for d in left if d.fix is not None] == []
    assert HAN_SPACE_HAN.findall(body_of_004(once.doc.text)) == []
    expected = {"require": "(2013年 4月)", "forbid": "(2013年4月)"}[style]
    assert expected in once.doc.text


@pytest.mark.parametrize("style", ["require", "forbid"])
def test_neither_rule_undoes_the_other(style):
    l002, m007 = [RULE()], [M007(style=style)]
    text = seed("004").read_text(encoding="utf-8")
    after_l002 = fix(Document(text), l002).doc
    after_both = fix(after_l002, m007).doc
    assert [d for d in lint(after_both, l002)] == []
    after_m007 = fix(Document(text), m007).doc
    after_both = fix(after_m007, l002).doc
    assert [d for d in lint(after_both, m007) if d.fix is not None] == []


def test_require_style_never_asks_for_a_space_l002_removes():
    text = "在2012年的集中培训班上，全市10个城关镇管辖724个居委会，面积达到80平方米，增长15%，用了3小时。"
    assert findings(text, "M007", style="require") == []
    assert findings(text, "L002") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("社区建\u00a0设取得了成效。", "社区建设取得了成效。"),
        ("覆盖率达到80 %，共3,000 元。", "覆盖率达到80%，共3,000元。"),
        ("一共用了3 小时，走了5 公里。", "一共用了3小时，走了5公里。"),
        ("社区建 设取得了成效。", "社区建设取得了成效。"),
        ("未經中華民國政府特許者 ，沒收之。", "未經中華民國政府特許者，沒收之。"),
        ("他说：“ 我们一定完成任务。”", "他说：“我们一定完成任务。”"),
    ],
)
def test_fixes(text, expected):
    assert fix(Document(text), [RULE()]).doc.text == expected


@pytest.mark.parametrize(
    "text",
    [
        "　　社区建设工作得到高度重视，各项工作取得了明显成效。",  # indentation
        "  社区建设工作得到高度重视，各项工作取得了明显成效。",
        "社区建设工作得到高度重视，各项工作取得了明显成效。 \n",  # trailing blank
        "项目  社区  居委会，合计\n收入  一百  二百，合计",  # two or more spaces: alignment
        "项目\t社区\t居委会，合计",
        "床前明月光　疑是地上霜，举头望明月　低头思故乡。",  # U+3000 between clauses of verse
        "床前明月光 疑是地上霜，举头望明月 低头思故乡。",
        "社区建设　工作取得了成效，居民满意。",  # U+3000 is layout, not a stray space
        "返回 下载 相关 举报",  # menus and tag lists: no prose
        "美章网 资料文库 建设局社区建设会议上讲话范文",
        "第一条 为了规范社区建设工作，制定本办法。",  # a label opening a line
        "摘要 本文研究了社区治理体系的建设，提出了对策。",
        "1 个人信息的收集，应当遵循合法、正当的原则。",  # a section number
        "3.1 年度计划的制定，应当充分征求意见。",
        "时间:2022-07-04 11:15:02 来源:网友投稿",  # times, dates, codes
        "上传时间:2018-09-12 格式:DOC 页数:27 大小:71KB",
        "社区的办公场所自有率比较低，包括 2 社区书记、主任。",  # a page number: L003's
        "详见 `社区 建设` 一节，按 `Ctrl 键` 切换。",
        # spaces that carry meaning (issue 15)
        "货币资金 贷款和应收款项 1,956,089 本期发生额 上期发生额，合计",  # a table row flattened
        "程施工合同纠纷一案 204.01 否 败诉，已结案 已支付全部款项 已执行",
        "作者：王森 姚永强 李国平 彭青玉，单位：云南天文台。",  # names after a byline
        "编辑：陈新民 翟璟，审核：刘静波。",
        "本报记者：郜杰 宋谦，通讯员：唐正宏。",
        "主编：张宏福 章世元 吴树峰。",
        "自学美工 我这个水平能不能找到工作 怎么提升？",  # a headline of two clauses
        "小时了了 大未必佳，说的就是他。",
        "600519 贵州茅台，2019年营业收入增长16%。",  # a stock code before a company name
        "000002 万科A，2019年营业收入增长。",
        "确实是凭着一股精神。 我们的各级党委政府，对社区组织给予了关注。",  # a clause gap
        "他说 “我们一定完成任务。” 大家都很高兴。",
        "社区 建设取得了成效，居民满意。",  # two words side by side, no sign of damage
        "第 四 章 輔導、監督及獎懲",  # a spaced ordinal
        "欢迎关注 @无心而光 ，并推荐好书给我。",  # an @mention ends with a space
        "生态系统国家野外科学观测研究站,山西 吉县 042200）",  # an address
        "2.中国科学院武汉文献情报中心，湖北 武汉 430071；",
        "陈文莉，罗鸣，陈小苹，黄 晶，李 明，广东省人民医院。",  # padded names
        "客服电话：免 长 话 费，公 司 网 站。",  # letter-spacing
    ],
)
def test_left_alone(text):
    path = "notes.md" if "`" in text else "doc.txt"
    assert findings(text, "L002", path=path) == []


def test_units_option():
    text = "今天出去买菜花了5000 元，在超 市买的。"
    assert findings(text, "L002") == [" ", " "]
    assert fix(Document(text), [RULE(units=False)]).doc.text == "今天出去买菜花了5000 元，在超市买的。"


def test_units_option_from_the_config(tmp_path):
    from conftest import wenlint

    (tmp_path / "wenlint.toml").write_text("[rules.space-in-chinese]\nunits = false\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("今天出去买菜花了5000 元，在超 市买的。\n", encoding="utf-8")
    run = wenlint("check", "--select", "L002", "--output-format", "concise", "a.txt", cwd=tmp_path)
    findings_shown = [line for line in run.stdout.decode().splitlines() if line.startswith("a.txt:")]
    assert [line.split(" [")[0] for line in findings_shown] == ["a.txt:1:18: L002"]


def test_cli_fix_on_seed_004(seeds_copy):
    from conftest import wenlint

    target = seeds_copy / seed("004").name
    before = target.read_text(encoding="utf-8")
    run = wenlint("check", "--fix", "--unsafe-fixes", "--select", "L002", "--exit-zero", str(target))
    assert run.returncode == 0, run.stderr
    after = target.read_text(encoding="utf-8")
    assert HAN_SPACE_HAN.findall(body_of_004(after)) == []
    assert after.replace(" ", "") == before.replace(" ", "")


def test_clause_gaps_option():
    text = "确实是凭着一股精神。 我们的各级党委政府，他说 “好”。"
    assert findings(text, "L002") == []
    assert (
        fix(Document(text), [RULE(clause_gaps=True)]).doc.text == "确实是凭着一股精神。我们的各级党委政府，他说“好”。"
    )


def test_a_space_splitting_a_word_has_a_safe_fix_and_one_between_words_none():
    text = "对社区组织存在的实际困难和问题给 予了高度的关注，社区 建设取得了成效。"
    found = lint(Document(text), [RULE()])
    assert [(text[d.start - 1 : d.end + 1], d.fix.applicability) for d in found] == [("给 予", Applicability.SAFE)]


def test_in_a_document_whose_line_ends_became_spaces_every_gap_is_flagged_unsafely():
    text = (
        "我们的各级党委政府，对社区组织存在的实际困难和问题给 予了高度的关注，市委在北林区专门召开了全市社区建 设现场会，"
        "明确提出了要求。这个文件的出台，可以说掀起了我市社区活动场所建 设的高潮，各街道 社区办公用房面积达到要求，"
        "我们还 面临着许多问题，社区的办公场所 自有率比较低，社区工作者的待 遇也都比较低，要加强社区党组织的领 导，"
        "加强社区居民委员会的建 设。"
    )
    found = {text[d.start - 2 : d.end + 2]: d.fix.applicability for d in lint(Document(text), [RULE()])}
    assert found["题给 予了"] == found["的待 遇也"] == Applicability.SAFE
    assert found["场所 自有"] == found["们还 面临"] == Applicability.UNSAFE
    assert "办公场所 自有率" in fix(Document(text), [RULE()]).doc.text
    assert " " not in fix(Document(text), [RULE()], unsafe=True).doc.text


@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
def test_numbers_spaced_as_house_style_are_left_alone(path):
    text = "从 2.7 的发布日期开始的 18 个月内，npm 上的月下载量超过 1000 万次，覆盖 30 个国家。"
    assert findings(text, "L002", path=path) == []


def test_spaced_numbers_in_a_document_that_mostly_glues_them_are_flagged():
    text = "2009年参加浙江省区试，2010年续试，比对照增产12%，2012年通过国家审定，在 2014 年以前未见报道。"
    assert findings(text, "L002") == [" "]


def test_half_spaced_numbers_are_house_style_in_markdown_only():
    text = "每秒1000 个请求使用 0.48 个 vCPU，默认为 5 分钟，重试间隔是 1 秒，共3 次。"
    assert findings(text, "L002", path="doc.md") == []
    assert len(findings(text, "L002", path="doc.txt")) == 5


@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
def test_the_house_style_is_the_share_of_every_boundary_between_chinese_and_a_digit_spaced(path):
    from wenlint_rules.layout.spacing import HOUSE_STYLE, HOUSE_STYLE_MARKDOWN, spaces_numbers

    def counted(text: str) -> bool:  # every boundary, a character at a time
        glued = spaced = 0
        for at, char in enumerate(text):
            if not char.isdecimal():
                continue
            for step in (-1, 1):
                beside = text[at + step] if 0 <= at + step < len(text) else ""
                if beside and HAN_CHAR.match(beside):
                    glued += 1
                elif (
                    beside in (" ", "\u00a0") and 0 <= at + 2 * step < len(text) and HAN_CHAR.match(text[at + 2 * step])
                ):
                    spaced += 1
        share = HOUSE_STYLE_MARKDOWN if path == "doc.md" else HOUSE_STYLE
        return spaced > 0 and spaced >= share * (spaced + glued)

    rng = random.Random(3)
    for _ in range(3_000):
        text = "".join(
            rng.choice(["年", "共", "1", "２", " ", "\u00a0", "x", "个"]) for _ in range(rng.randrange(1, 40))
        )
        assert spaces_numbers(Document(text, path=path)) == counted(text), repr(text)


def test_a_version_after_a_name_is_no_number_with_a_unit():
    text = "想从Vue 2 升级？从2009年开始，共3个版本。"
    assert findings(text, "L002") == []


def test_in_markdown_a_number_spaced_on_both_sides_is_spaced_on_purpose():
    text = "默认为 5 分钟，共3 次，从2009年开始，有10个。"
    assert findings(text, "L002", path="doc.md") == [" "]
    assert len(findings(text, "L002", path="doc.txt")) == 2


def test_a_no_break_space_before_a_unit_is_flagged_even_in_house_style():
    # E006 leaves a no-break space before a unit to L002
    text = "面积达到 256.6\u00a0平方米，共计 10 个社区。"
    assert findings(text, "L002") == ["\u00a0"]


@pytest.mark.parametrize(
    ("text", "spaces"),
    [
        ("共计１２，３４５.６ 元，全年２０１３ 年。", [10, 19]),  # full-width digits, separators of either width
        ("共1,234，567.5 元和3 个社区。", [12, 16]),
        ("社区\u00a0建设，𠀀 ，共5\u00a0个。", [7, 11]),  # a no-break space elsewhere; a character past U+FFFF
        ("a1 年，v2 个，12:30 分。", []),
    ],
)
def test_spaces_are_found_wherever_a_number_or_chinese_text_is(text, spaces):
    """The spaces are looked for only beside characters past U+2000 and
    before units, and the numbers in the run of digits before such a space."""
    assert sorted(flagged_spaces(text)) == spaces


def test_a_number_is_read_back_over_full_width_commas_to_the_space_before_it():
    # in Markdown a number with a space on either side is spaced on purpose: `1，5` whole, not `5` after a comma
    assert findings("共5个人和3个组，默认为 1，5 分钟。", "L002", path="a.md") == []
    assert findings("共5个人和3个组，默认为，5 分钟。", "L002", path="a.md") == [" "]


def test_numbers_before_units_are_found_where_the_pattern_matches_anywhere():
    """A number before a unit is looked for only at the longest number right
    before each space before a unit, and at its first part after a comma:
    the matches are those of the pattern tried at every character."""
    from wenlint.codepoints import matches_from
    from wenlint_rules.layout.space_in_chinese import _NUMBER_UNIT, _number_starts

    pieces = ["1", "23", "١", "１", ".", ",", "，", " ", "\u00a0", "个", "年", "a", "V", ":", "-", "_", "共"]
    rng = random.Random(6)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        found = [match.span() for match in matches_from(_NUMBER_UNIT, text, _number_starts(text))]
        assert found == [match.span() for match in _NUMBER_UNIT.finditer(text)], text


def test_the_wide_class_is_every_character_past_u2000():
    """`_WIDE` is written as a negated class, quicker to compile: the same characters."""
    import re

    from wenlint_rules.layout.space_in_chinese import _WIDE

    wide = re.compile(_WIDE)
    assert all(bool(wide.fullmatch(chr(code))) == (code >= 0x2000) for code in range(0x110000))


def test_the_space_patterns_find_what_regex_finds():
    from wenlint_rules.layout import space_in_chinese, spacing

    han = "\\p{Han}〇"
    closes, opens = space_in_chinese._CLOSES, space_in_chinese._OPENS
    plain = {
        space_in_chinese._SPACE: rf"[ \u00a0](?:(?<=[{han}].)(?=[{han}{closes}])|(?<=[{opens}].)(?=[{han}]))",
        space_in_chinese._GAP: rf"[ \u00a0](?:(?<=[{closes}].)(?=[{han}{opens}])|(?<=[{han}].)(?=[{opens}]))",
        spacing._ADDRESS: r"[ \u00a0](?<=\p{Han}.)\d{6}(?!\d)",
        spacing._HAN_RUN_START: r"[\p{Han}〇]{1,4}",
    }
    rng = random.Random(5)
    for _ in range(3_000):
        text = "".join(rng.choice(["社", "〇", " ", "\u00a0", "，", "“", "1", "a", "𠀀", "\n"]) for _ in range(20))
        for pattern, reference in plain.items():
            expected = [m.span() for m in regex.finditer(reference, text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (reference, text)
