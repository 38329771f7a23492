"""The first half of the L family together (L001 hard-line-break, L002
space-in-chinese, L006 repeated-punctuation, L007 broken-paragraph) on the
seeds with PDF damage, 004 and 003, through the real command line."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import regex
from conftest import SEED_FILES, seed, wenlint

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules

CODES = ("L001", "L002", "L006", "L007")
SELECT = ",".join(CODES)
HAN_SPACE_HAN = regex.compile(r"\p{Han}[ \u00a0]+\p{Han}")


def body_of_004(text: str) -> str:
    """The preview text of seed 004, between the viewer chrome (which other
    rules may have removed)."""
    return text[text.index("如何在文明和谐社区建设中") : text.index("规模较大的小区业主委员")]


def test_findings_per_seed(seeds_copy):
    run = wenlint("check", "--select", SELECT, "--output-format", "json", str(seeds_copy))
    assert run.returncode == 1, run.stderr
    counts = Counter(
        (finding["filename"].rsplit("/", 1)[-1][:3], finding["code"]) for finding in json.loads(run.stdout)
    )
    assert counts == {("003", "L007"): 9, ("004", "L002"): 172, ("004", "L006"): 1}


def test_safe_fix_repairs_004_and_leaves_003_to_a_human(seeds_copy):
    before = {path.name: path.read_text(encoding="utf-8") for path in seeds_copy.glob("*.txt")}
    run = wenlint("check", "--fix", "--select", SELECT, "--exit-zero", str(seeds_copy))
    assert run.returncode == 0, run.stderr
    after = {path.name: path.read_text(encoding="utf-8") for path in seeds_copy.glob("*.txt")}
    name_003, name_004 = seed("003").name, seed("004").name
    # The spaces L002 is sure of go; the 59 between two words it cannot tell apart are unsafe fixes.
    assert len(HAN_SPACE_HAN.findall(body_of_004(after[name_004]))) == 59
    assert len(HAN_SPACE_HAN.findall(body_of_004(before[name_004]))) == 117
    assert "堡堡垒垒。 健全完善社区组织体系" in after[name_004]  # the doubled 。 goes; a space after 。 is not L002's
    assert after[name_003] == before[name_003]  # joining its paragraphs is an unsafe fix
    assert {name: text for name, text in after.items() if name not in (name_003, name_004)} == {
        name: text for name, text in before.items() if name not in (name_003, name_004)
    }


def test_unsafe_fix_joins_003(seeds_copy):
    target = seeds_copy / seed("003").name
    run = wenlint("check", "--fix", "--unsafe-fixes", "--select", SELECT, str(target))
    assert run.returncode == 0, run.stderr
    text = target.read_text(encoding="utf-8")
    assert "有序推进老旧小区物业化管理;××市推进基层党组织" in text


def test_unsafe_fix_leaves_no_space_between_chinese_characters_in_004(seeds_copy):
    target = seeds_copy / seed("004").name
    run = wenlint("check", "--fix", "--unsafe-fixes", "--exit-zero", str(target))
    assert run.returncode == 0, run.stderr
    assert HAN_SPACE_HAN.findall(body_of_004(target.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("prefix", ["003", "004"])
@pytest.mark.parametrize("style", ["forbid", "require"])
@pytest.mark.parametrize("unsafe", [False, True])
def test_the_family_with_punctuation_and_spacing_rules_converges(prefix, style, unsafe):
    rules = [all_rules()[code]() for code in CODES] + [all_rules()["M001"](), all_rules()["M007"](style=style)]
    once = fix(Document(seed(prefix).read_text(encoding="utf-8")), rules, unsafe=unsafe)
    assert once.converged
    assert fix(once.doc, rules, unsafe=unsafe).doc.text == once.doc.text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_fixes_only_remove_blanks_and_marks(path):
    """Layout repairs never add or change a character: they take out spaces,
    line breaks and a doubled mark."""
    rules = [all_rules()[code]() for code in CODES]
    text = path.read_text(encoding="utf-8")
    result = fix(Document(text), rules, unsafe=True).doc.text

    def squeeze(text: str) -> str:
        return regex.sub(r"[\s\u00a0]+", "", text).replace("。。", "。")

    assert squeeze(result) == squeeze(text)


def test_seed_004_reads_whole_after_every_fix(seeds_copy):
    """Issue acceptance: all rules, `--fix --unsafe-fixes`, on seed 004."""
    import regex
    from conftest import wenlint

    path = seeds_copy / "004_d9972e5a2f04e8af.txt"
    wenlint("check", str(path), "--fix", "--unsafe-fixes")
    text = path.read_text(encoding="utf-8")
    assert regex.search(r"\p{Han}[ \u00a0]+\p{Han}", text) is None
    assert "在 2001年至 2003年间，也就是撤地设市之后" in text
    assert "组织组织" not in text and "堡堡垒垒" not in text
    assert text.count("如何在文明和谐社区建设中发挥党组织领导核心作用") == 1
    assert "特别是" in text and "领导核心" in text and "展开阅读全文" not in text
    assert wenlint("check", str(path), "--fix", "--unsafe-fixes", "--diff").stdout == b""
