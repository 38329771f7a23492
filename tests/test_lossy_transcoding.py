"""E003 lossy-transcoding: the `?` damage of seed 001 is flagged stretch by
stretch; real question marks are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_FILES, findings, seed

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules

CSC = Path(__file__).resolve().parents[2] / "shared" / "data" / "csc"
NARROW = str.maketrans("？，！：；", "?,!:;")

#: Every damaged stretch in seed 001, in order.
SEED_001_DAMAGE = [
    "??倳\ue266?",
    "?;仡欉@",
    "?;\ue2a6A",
    "?;鶎用裰髦贫冉ㄔO",
    "?!鞍藰s",
    "??傊?",
    "?shù)谋砻嫖恼隆?",
    "?,F",
    "?!翱床‰y",
    "?cè)丝诘牧\ue2a8种\ue1a9唬\ue0fa@",
    "?!拔锤幌壤稀笔俏覀儽仨毭鎸Φ囊粋€",
    "?,F",
    "?,F",
    "?!笆\ue1a9晃濉逼陂g",
]


def _damage(text: str, index: int) -> str:
    """``text`` put through the lossy step: the first byte of the character at
    ``index`` becomes `?`, and the bytes after it are read one byte out of step."""
    raw = text.encode("gbk")
    at = len(text[:index].encode("gbk"))
    return text[:index] + "?" + raw[at + 1 :].decode("gbk", "replace").replace("\ufffd", "?")


def test_seed_001_every_damaged_stretch_flagged():
    text = seed("001").read_text(encoding="utf-8")
    assert findings(text, "E003") == SEED_001_DAMAGE
    # every `?` of the seed is inside a flagged stretch
    doc = Document.from_source(text)
    spans = [(d.start, d.end) for d in lint(doc, [all_rules()["E003"]()])]
    marks = [i for i, char in enumerate(text) if char == "?"]
    assert len(marks) == 19
    assert all(any(start <= i < end for start, end in spans) for i in marks)


def test_defects_md_excerpts_flagged():
    for excerpt, damage in (
        ("取得了顯著成效??倳\ue266?、總理", "??倳\ue266?"),
        ("給人以深刻啟迪?;仡欉@幾年的社區(qū)工作", "?;仡欉@"),
        ("提升水平?,F(xiàn)在城市", "?,F"),
        ("堅決不做勞民傷財?shù)谋砻嫖恼隆?/p>", "?shù)谋砻嫖恼隆?"),
        ("約占全市總?cè)丝诘牧\ue2a8种\ue1a9唬\ue0fa@表明", "?cè)丝诘牧\ue2a8种\ue1a9唬\ue0fa@"),
    ):
        assert findings(excerpt, "E003") == [damage], excerpt


def test_message_gives_the_bytes_read_in_step():
    doc = Document.from_source("給人以深刻啟迪?;仡欉@幾年的工作")
    (found,) = lint(doc, [all_rules()["E003"]()])
    assert "`回顧這`" in found.message
    assert found.fix is None


def test_damage_survives_the_pinyin_fix_and_a_widened_mark():
    assert findings("提升水平?,F在城市", "E003") == ["?,F"]
    assert findings("堅決不做勞民傷財?shù)谋砻嫖恼隆？", "E003") == ["?shù)谋砻嫖恼隆？"]


def test_seed_002_damage_flagged_and_clean_seeds_yield_nothing():
    assert findings(seed("002").read_text(encoding="utf-8"), "E003") == ["?!吧鐣\ue499\ue019椭C"]
    for path in SEED_FILES:
        if path.name[:3] not in ("001", "002"):
            assert findings(path.read_text(encoding="utf-8"), "E003") == [], path.name


def test_simulated_damage_flagged():
    sentence = "社區是城市社會的基本構成單元。回顧這幾年的社區工作,我們的主要體會是:"
    damaged = _damage(sentence, sentence.index("。"))
    assert damaged == "社區是城市社會的基本構成單元?；仡欉@幾年的社區工作,我們的主要體會是:"
    assert findings(damaged, "E003") == ["?；仡欉@"]
    # the converter of seed 001 also narrowed full-width marks
    assert findings(damaged.translate(NARROW), "E003") == ["?;仡欉@"]
    simplified = "今天我们召开全区社区建设工作会议。会议由区长主持,大家积极发言。"
    damaged = _damage(simplified, simplified.index("会议由"))
    assert damaged == "今天我们召开全区社区建设工作会议。?嵋橛汕?长主持,大家积极发言。"
    assert findings(damaged, "E003") == ["?嵋橛汕?"]


def test_real_question_marks_left_alone():
    for text in (
        "这是什么?我不知道。",
        "为什么?我不知道为什么。",
        "你吃饭了吗?还没有呢。",
        "是吗?真的吗?",
        "真的吗??太好了!",
        "他问:“你去哪儿?”我说去北京。",
        "这是什么?B超显示一切正常。",
        "问题是什么?,大家都在想。",
        "What? 他说这是 A股?",
        "访问 https://example.com/search?q=社区 了解详情。",
    ):
        assert findings(text, "E003") == [], text


def test_question_marks_in_clean_seeds_left_alone():
    # every full stop and enumeration comma of the clean seeds turned into `?`
    for prefix in ("000", "003", "004"):
        text = seed(prefix).read_text(encoding="utf-8")
        assert findings(text.replace("。", "?").replace("、", "?"), "E003") == [], prefix


def test_markdown_code_left_alone():
    assert findings("示例：`啟迪?;仡欉@幾年` 是损坏的文本。", "E003", path="a.md") == []


@pytest.mark.skipif(not CSC.is_dir(), reason="shared csc data not present")
def test_csc_questions_left_alone():
    sentences = [json.loads(line)["tgt"] for path in sorted(CSC.glob("*.jsonl")) for line in path.open()]
    questions = [s.translate(NARROW) for s in sentences if "？" in s or "?" in s]
    assert len(questions) > 300
    assert findings("\n".join(questions), "E003") == []
    assert findings("\n".join(sentences), "E003") == []
