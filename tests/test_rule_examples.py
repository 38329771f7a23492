"""Every rule's documented examples are tests: bad ones are flagged (and
fixed as documented), good ones are not."""

from __future__ import annotations

import pytest

from wenlint import Document, FixAvailability
from wenlint.docs import rule_text
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

RULES = list(all_rules().values())


def _cases(kind: str) -> list:
    return [
        pytest.param(rule, example, id=f"{rule.code}-{kind}-{index}")
        for rule in RULES
        for index, example in enumerate(getattr(rule, kind))
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_is_fully_documented(rule):
    assert rule.name and rule.summary and rule.flags.strip()
    assert rule.bad, "a rule needs at least one flagged example"
    assert rule.good, "a rule needs at least one example it leaves alone"
    if rule.fix is not FixAvailability.NONE:
        assert any(example.fixed is not None for example in rule.bad)


@pytest.mark.parametrize(("rule", "example"), _cases("bad"))
def test_bad_example_is_flagged_and_fixed(rule, example):
    instance = rule(**example.options)
    doc = Document.from_source(example.text, example.path)
    assert [d for d in lint(doc, [instance]) if d.code == rule.code]
    if example.fixed is not None:
        outcome = fix(doc, [instance], unsafe=True)
        assert outcome.doc.text == example.fixed
        assert fix(outcome.doc, [instance], unsafe=True).doc.text == example.fixed


@pytest.mark.parametrize(("rule", "example"), _cases("good"))
def test_good_example_is_not_flagged(rule, example):
    doc = Document.from_source(example.text, example.path)
    assert lint(doc, [rule(**example.options)]) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_command_prints_examples(rule):
    from conftest import wenlint

    shown = wenlint("rule", rule.code.lower())
    assert shown.returncode == 0
    out = shown.stdout.decode()
    assert out == rule_text(rule)
    for example in (*rule.bad, *rule.good):
        assert example.text in out
