"""The README stays true: every installed rule is in its rules table."""

from __future__ import annotations

from conftest import ROOT

from wenlint.registry import all_rules


def test_every_rule_is_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, rule in all_rules().items():
        assert f"| {code} | {rule.name} |" in readme, code


def test_the_two_setup_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[dev]'" in readme and "pip install -e '.[dev]'" in ci
    assert "python3 -m pytest" in readme and "python3 -m pytest" in ci
