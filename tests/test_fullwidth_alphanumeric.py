"""M004: full-width Latin letters and digits in Chinese text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_FILES, findings, wenlint

from wenlint import Applicability, Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

RULE = all_rules()["M004"]
CSC = Path("/work/shared/data/csc/sighan14.simplified-revised.jsonl")


def fixed(text: str, path: str = "a.txt", unsafe: bool = False) -> str:
    return fix(Document.from_source(text, path), [RULE()], unsafe=unsafe).doc.text


@pytest.mark.parametrize(
    ("text", "expected", "result"),
    [
        ("从１９５０－１９６０年虽然产龄妇女率低", ["１９５０", "１９６０"], "从1950－1960年虽然产龄妇女率低"),
        ("我想买一件Ｔ恤。", ["Ｔ"], "我想买一件T恤。"),
        ("到ＳＯＧＯ百货公司来逛街。", ["ＳＯＧＯ"], "到SOGO百货公司来逛街。"),
        ("电话是０９６６５５８８８８。", ["０９６６５５８８８８"], "电话是0966558888。"),
        ("从５．０降到２．１。", ["５", "０", "２", "１"], "从5．0降到2．1。"),
        ("型号ａｂｃＸＹＺ９", ["ａｂｃＸＹＺ９"], "型号abcXYZ9"),
        ("２０２２年", ["２０２２"], "2022年"),
        ("ＯＫ，二〇二二年见。", ["ＯＫ"], "OK，二〇二二年见。"),
    ],
)
def test_runs_are_flagged_once_and_fixed_safely(text, expected, result):
    assert findings(text, "M004") == expected
    diagnostics = lint(Document(text, "a.txt"), [RULE()])
    assert all(d.fix.applicability is Applicability.SAFE for d in diagnostics)
    assert fixed(text) == result
    assert fixed(result) == result
    assert findings(result, "M004") == []


@pytest.mark.parametrize(
    "text",
    [
        "同志们：今天，我们召开会议（一）！－？",  # full-width punctuation is Chinese punctuation
        "我想买一件T恤，花了350元，2022年。",
        "コーヒーを２杯ください。",  # Japanese sets digits full-width
        "서울에서 ２０２２년에 만났다.",  # Korean too
        "＿＿／￣￣＼＿＿＿＿／￣￣＼＿１２",  # ASCII art drawn with full-width symbols
        "项目　　　　　数量\n苹果　　　　　１２\n香蕉　　　　　３０",  # columns aligned on a grid
        "竖\n排\n２\n０\n年",  # vertical text, one character a line
        "二Ｏ一八年的工作报告。",  # a full-width O for 〇 is M005's
        "ＡＢＣ without any Chinese at all",
    ],
)
def test_left_alone(text):
    assert findings(text, "M004") == []


def test_markdown_code_is_left_alone():
    assert findings("运行 `ｌｓ －ｌ` 命令，然后输入ＯＫ。", "M004", path="a.md") == ["ＯＫ"]


def test_grid_line_does_not_hide_prose_lines():
    text = "项目　　　　　数量\n苹果　　　　　１２\n今年是２０２２年。"
    assert findings(text, "M004") == ["２０２２"]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seeds_have_no_fullwidth_alphanumerics(path):
    assert findings(path.read_text(encoding="utf-8"), "M004") == []


@pytest.mark.skipif(not CSC.exists(), reason="csc data not present")
def test_sighan14_fullwidth_digits_are_flagged(snapshot_json):
    """The snapshot (the flagged sentences of SIGHAN-14) was written at commit
    5be906e, where the test counted 55, and read through: each has
    full-width digits or Latin letters."""
    sentences = [json.loads(line)["tgt"] for line in CSC.read_text(encoding="utf-8").splitlines()]
    flagged = [s for s in sentences if findings(s, "M004")]
    assert flagged == snapshot_json
    assert all(findings(fixed(s), "M004") == [] for s in flagged)


def test_cli_fix(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    target = tmp_path / "a.txt"
    target.write_text("从１９５０年到２０００年，Ｔ恤。\n", encoding="utf-8")
    result = wenlint("check", str(target), "--select", "M004", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    assert target.read_text(encoding="utf-8") == "从1950年到2000年，T恤。\n"
