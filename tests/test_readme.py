"""The README stays true: every installed rule is in its rules table."""

from __future__ import annotations

from conftest import ROOT

from wenlint.registry import all_rules

#: How the README's rules table writes a rule's fix availability.
FIX_COLUMN = {"none": "—", "safe": "safe", "unsafe": "unsafe", "sometimes": "safe/unsafe"}


def test_every_rule_is_listed_in_the_readme_with_its_fix_and_group():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, rule in all_rules().items():
        group = "preview" if rule.preview else "on" if rule.default_enabled else "off"
        assert f"| {code} | {rule.name} | {FIX_COLUMN[rule.fix.value]} | {group} |" in readme, code


def test_the_two_setup_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[dev]'" in readme and "pip install -e '.[dev]'" in ci
    assert "python3 -m pytest" in readme and "python3 -m pytest" in ci
