"""E001 non-utf8-source: flagged once per file that is not UTF-8; the safe
fix rewrites the file as UTF-8 (only when the detection is sure)."""

from __future__ import annotations

import json

from conftest import seed, wenlint

from wenlint import Applicability, Document
from wenlint.decode import decode
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

TEXT = "会议通知：明天上午九点在区政府召开全区社区建设工作会议，请各社区主任准时参加。\n"


def _e001(doc: Document, **options):
    return [d for d in lint(doc, [all_rules()["E001"](**options)])]


def test_each_encoding_is_named_with_its_confidence():
    cases = {
        TEXT.encode("gb18030"): "the file is GB18030 (confidence 1.00), not UTF-8",
        "社區建設工作會議，請各社區主任準時參加。\n".encode("big5"): "the file is Big5 (confidence 1.00), not UTF-8",
        TEXT.encode("utf-16"): "the file is UTF-16LE (confidence 1.00), not UTF-8",
        b"\xfe\xff" + TEXT.encode("utf-16-be"): "the file is UTF-16BE (confidence 1.00), not UTF-8",
    }
    for data, message in cases.items():
        found = _e001(decode(data, "a.txt"))
        assert [(d.start, d.end, d.message) for d in found] == [(0, 0, message)]
        assert found[0].fix.applicability is Applicability.SAFE
        assert found[0].fix.encoding == "utf-8"


def test_utf8_with_or_without_bom_is_not_flagged():
    assert _e001(decode(TEXT.encode())) == []
    assert _e001(decode(b"\xef\xbb\xbf" + TEXT.encode())) == []


def test_a_file_without_chinese_is_flagged_too():
    found = _e001(decode("Plain text, no Chinese.\n".encode("utf-16"), "a.txt"))
    assert [d.message for d in found] == ["the file is UTF-16LE (confidence 1.00), not UTF-8"]


def test_fixing_changes_the_encoding_not_the_text_and_drops_the_bom():
    doc = decode(b"\xff\xfe" + TEXT.encode("utf-16-le"))
    assert doc.bom
    outcome = fix(doc, [all_rules()["E001"]()])
    assert outcome.fixed == {"E001": 1} and outcome.diagnostics == []
    fixed = outcome.doc
    assert (fixed.text, fixed.encoding, fixed.bom, fixed.confidence) == (TEXT, "utf-8", False, 1.0)
    assert fixed.to_source().encode(fixed.encoding) == TEXT.encode()


def test_an_unsure_detection_gets_an_unsafe_fix():
    doc = decode("你好，世界。".encode("gb18030"))
    (found,) = _e001(doc)
    assert found.message == "the file is GB18030 (confidence 0.67), not UTF-8"
    assert found.fix.applicability is Applicability.UNSAFE
    assert fix(doc, [all_rules()["E001"]()]).doc.encoding == "gb18030"
    assert fix(doc, [all_rules()["E001"]()], unsafe=True).doc.encoding == "utf-8"


def test_a_gb18030_target_flags_utf8():
    doc = decode(b"\xef\xbb\xbf" + TEXT.encode())
    (found,) = _e001(doc, target="gb18030")
    assert found.message == "the file is UTF-8 (confidence 1.00), not GB18030"
    fixed = fix(doc, [all_rules()["E001"](target="gb18030")]).doc
    assert fixed.to_source().encode(fixed.encoding) == TEXT.encode("gb18030")
    assert _e001(decode(TEXT.encode("gb18030")), target="gb18030") == []


def test_cli_fix_rewrites_a_gb18030_seed_as_utf8_with_its_other_fixes(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    original = seed("000").read_text(encoding="utf-8")
    (tmp_path / "gb.txt").write_bytes(original.encode("gb18030"))
    (tmp_path / "utf8.txt").write_text(original, encoding="utf-8")
    report = json.loads(wenlint("check", str(tmp_path / "gb.txt"), "--output-format", "json").stdout)
    assert [(f["code"], f["offset"], f["fix"]["applicability"]) for f in report if f["code"] == "E001"] == [
        ("E001", 0, "safe")
    ]
    result = wenlint("check", "--fix", "--select", "E001,M001", "--show-fixes", str(tmp_path))
    assert f"fixed {tmp_path / 'gb.txt'}: 1 × E001," in result.stderr.decode()
    assert (tmp_path / "gb.txt").read_bytes() == (tmp_path / "utf8.txt").read_bytes()
    assert "同志们：" in (tmp_path / "gb.txt").read_text(encoding="utf-8")
