"""The rule reference ``docs/rules/`` is generated from the registry and kept
fresh; ``wenlint rule --all`` and the JSON and Markdown forms of ``rule`` and
``rules`` give tools the same documentation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, wenlint

from wenlint.docs import RULE_PAGES_URL, rule_pages, rule_text
from wenlint.registry import RegistryError, _validate, all_rules
from wenlint.rule import Rule

PAGES = ROOT / "docs" / "rules"
REGENERATE = "stale rule reference: run `python -m wenlint.docs docs/rules` and commit docs/rules/"


def test_every_rule_page_is_fresh_and_none_is_left_over():
    expected = rule_pages()
    found = {path.name: path.read_bytes().decode("utf-8") for path in PAGES.glob("*.md")}  # CRs kept
    assert sorted(found) == sorted(expected), REGENERATE
    stale = [name for name in expected if found[name] != expected[name]]
    assert not stale, f"{REGENERATE} ({', '.join(stale)})"
    assert {f"{code}.md" for code in all_rules()} <= set(found)


def test_the_generator_writes_every_page_and_removes_stale_ones(tmp_path: Path):
    (tmp_path / "Z999.md").write_text("a rule that is gone\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a rule page: kept\n", encoding="utf-8")  # the folder may be the wrong one
    result = subprocess.run([sys.executable, "-m", "wenlint.docs", str(tmp_path)], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "not a rule page: kept\n"
    (tmp_path / "notes.md").unlink()
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(path.name for path in PAGES.iterdir())
    assert (tmp_path / "M001.md").read_bytes() == (PAGES / "M001.md").read_bytes()


def test_a_page_holds_the_structured_documentation_and_the_examples():
    page = (PAGES / "M001.md").read_text(encoding="utf-8")
    assert page.startswith("# M001 halfwidth-punctuation\n")
    for heading in ("## What it flags", "## Why it matters", "## What it leaves alone", "## Fix safety"):
        assert heading in page
    assert '- `style` (default `"full"`)' in page
    assert "- ✗ `同志们:今天,我们在这里召开会议.` → `同志们：今天，我们在这里召开会议。`" in page
    assert "| [M001](M001.md) | halfwidth-punctuation |" in (PAGES / "README.md").read_text(encoding="utf-8")


def test_markdown_output_is_the_page():
    result = wenlint("rule", "m001", "--output-format", "markdown")
    assert result.returncode == 0
    assert result.stdout == (PAGES / "M001.md").read_bytes()


def test_rule_all_prints_every_rule():
    result = wenlint("rule", "--all")
    assert result.returncode == 0
    assert result.stdout.decode() == "\n".join(rule_text(rule) for rule in all_rules().values())


def test_rule_json_carries_the_documentation_and_the_page():
    rule = json.loads(wenlint("rule", "M001", "--output-format", "json").stdout)
    assert rule["code"] == "M001" and rule["name"] == "halfwidth-punctuation"
    assert rule["url"] == f"{RULE_PAGES_URL}/M001.md"
    assert rule["default"] == "on" and rule["fix"] == "sometimes" and rule["severity"] == "warning"
    assert set(rule["explanation"]) == {"flags", "why", "leaves_alone", "fix_safety"}
    assert not rule["explanation"]["why"].startswith(" ")  # dedented
    assert rule["options"]["style"] == {
        "default": "full",
        "choices": ["full", "half", "consistent"],
        "help": "which punctuation is correct",
    }
    assert {"text": "同志们:今天,我们在这里召开会议.", "fixed": "同志们：今天，我们在这里召开会议。"}.items() <= rule[
        "examples"
    ]["flagged"][0].items()
    every = json.loads(wenlint("rule", "--all", "--output-format", "json").stdout)
    assert [item["code"] for item in every] == list(all_rules())
    assert every[[item["code"] for item in every].index("M001")] == rule


def test_rules_json_lists_the_table():
    rows = json.loads(wenlint("rules", "--output-format", "json").stdout)
    assert [row["code"] for row in rows] == list(all_rules())
    t002 = next(row for row in rows if row["code"] == "T002")
    assert t002 == {
        "code": "T002",
        "name": "idiom-near-miss",
        "family": "typo",
        "fix": "unsafe",
        "default": "preview",
        "summary": all_rules()["T002"].summary,
    }


@pytest.mark.parametrize("args", [("rule",), ("rule", "M001", "--all"), ("rule", "Z999")])
def test_rule_needs_one_known_code_or_all(args):
    result = wenlint(*args)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") >= 1 and b"Traceback" not in result.stderr


def test_json_rule_output_is_utf8_on_any_stdout():
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    result = wenlint("rule", "M001", "--output-format", "json", env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert "同志们" in json.loads(result.stdout.decode("utf-8"))["examples"]["flagged"][0]["text"]


def test_the_codes_of_wenlints_own_reports_are_reserved():
    class Clash(Rule):
        code = "X002"
        name = "clash"
        summary = "takes the code of a file error"
        flags = "nothing"

    with pytest.raises(RegistryError, match="'X002', reserved for file-error"):
        _validate(Clash, "a test")
