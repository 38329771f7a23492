"""E004 replacement-character: one finding per run of damage."""

from __future__ import annotations

from conftest import SEED_FILES, findings

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules


def _lint(text: str, path: str = "doc.txt"):
    return lint(Document.from_source(text, path), [all_rules()["E004"]()])


def test_one_finding_per_run():
    text = "社区建设工作取得了\ufffd\ufffd成效,\ufffd年我市确定了目标\ufffd\ufffd\ufffd"
    assert findings(text, "E004") == ["\ufffd\ufffd", "\ufffd", "\ufffd\ufffd\ufffd"]
    messages = [d.message for d in _lint(text)]
    assert messages[0].startswith("2 replacement characters")
    assert messages[1].startswith("a replacement character")


def test_no_fix():
    text = "会议由主任\ufffd持。"
    assert all(d.fix is None for d in _lint(text))
    assert fix(Document.from_source(text), [all_rules()["E004"]()], unsafe=True).doc.text == text


def test_lossy_utf8_read_as_gbk_leaves_replacement_characters():
    damaged = "今天我们召开会议".encode().decode("gbk", "replace")
    assert damaged == "浠婂ぉ鎴戜滑鍙\ufffd寮\ufffd浼氳\ufffd\ufffd"
    # one stray Chinese character of the wrong decoding inside the damage joins it; two do not
    assert findings(damaged, "E004") == ["\ufffd寮\ufffd", "\ufffd\ufffd"]


PAGE = "今天，我们召开全区社区建设工作会议，主要是贯彻省、市创建平安和谐社区经验交流会精神。\n2019年共有35个社区参加。"


def test_a_page_read_in_the_wrong_encoding_is_one_finding_per_run_of_damage():
    damaged = PAGE.encode("gbk").decode("utf-8", "replace")
    assert damaged.count("\ufffd") == 59
    found = _lint(damaged + "\n\n" + damaged)
    assert [(d.start, d.end) for d in found] == [(0, len(damaged)), (len(damaged) + 2, 2 * len(damaged) + 2)]
    assert found[0].message == f"59 replacement characters (U+FFFD) in a stretch of {len(damaged)} characters: " + (
        "text lost in decoding"
    )


def test_two_losses_apart_in_readable_text_stay_two_findings():
    assert findings("会议由主任\ufffd持。社区\ufffd设工作", "E004") == ["\ufffd", "\ufffd"]
    assert findings("主任\ufffd持\ufffd议,其余\ufffd\ufffd\n\n\ufffd", "E004") == [
        "\ufffd持\ufffd",
        "\ufffd\ufffd",
        "\ufffd",
    ]


def test_left_alone():
    assert findings("解码失败时会出现替换字符 U+FFFD。", "E004") == []
    assert findings("乱码示例：`\ufffd\ufffd` 和\n\n```\n\ufffd\n```\n", "E004", path="a.md") == []
    for path in SEED_FILES:
        assert findings(path.read_text(encoding="utf-8"), "E004") == [], path.name


def test_flagged_where_no_chinese_character_is_left():
    assert findings("\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd", "E004") == ["\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd"]
