"""The hand-judged findings of bench/judged/ (issue 16): every file is well
formed, and no rule stays on by default with a judged precision under 0.9.
Reads the labelled files only; the rules never run on the real text here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from wenlint.registry import all_rules, on_by_default

BENCH = Path(__file__).resolve().parents[1] / "bench"
_spec = importlib.util.spec_from_file_location("precision", BENCH / "precision.py")
precision = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(precision)

FILES = precision.judged_files()


def test_there_are_judged_files() -> None:
    assert {"L002", "M001", "T005"} <= FILES.keys()


@pytest.mark.parametrize("code", FILES)
def test_judged_file_is_well_formed(code: str) -> None:
    assert code in all_rules(), f"{code}.jsonl names no rule"
    rows = precision.load(FILES[code])
    assert rows, f"{code}.jsonl is empty"
    for number, row in enumerate(rows, 1):
        where = f"{code}.jsonl line {number}"
        assert all(isinstance(row.get(field), str) and row[field] for field in precision.FIELDS), where
        assert row["verdict"] in precision.VERDICTS, where
        assert len(row["context"]) <= precision.CONTEXT_LIMIT, f"{where}: context over {precision.CONTEXT_LIMIT}"


@pytest.mark.parametrize("code", [code for code in FILES if on_by_default(all_rules()[code])])
def test_default_rule_is_precise_on_its_judged_findings(code: str) -> None:
    rows = precision.load(FILES[code])
    correct, judged = precision.right(rows), len(rows)
    assert correct / judged >= precision.BAR, (
        f"{code} is on by default at {correct}/{judged} right; "
        f"fix it or set `preview = True` (see bench/judged/{code}.jsonl)"
    )
