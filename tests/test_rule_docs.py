"""Every built-in rule fills the structured documentation that ``wenlint
rule``, SARIF and the review render (wenlint.docs.sections): why it
matters, what it leaves alone, and how safe its fix is when it has one."""

from __future__ import annotations

import pytest

from wenlint import FixAvailability
from wenlint.docs import sections
from wenlint.registry import all_rules

BUILTIN = [rule for rule in all_rules().values() if rule.__module__.startswith("wenlint_rules.")]


def test_there_are_builtin_rules():
    assert BUILTIN


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda rule: rule.code)
def test_rule_documentation_fields_are_filled(rule):
    assert rule.why.strip(), "why it matters"
    assert rule.leaves_alone.strip(), "what it leaves alone"
    if rule.fix is not FixAvailability.NONE:
        assert rule.fix_safety.strip(), "why its fix is safe, or when it is not"
    headings = [heading for heading, _ in sections(rule)]
    assert headings[:3] == ["What it flags", "Why it matters", "What it leaves alone"]
