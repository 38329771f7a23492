"""Every rule's documented examples are tests: bad ones are flagged (and
fixed as documented), good ones are not."""

from __future__ import annotations

import io

import pytest

from wenlint import Document, FixAvailability
from wenlint.docs import EXIT_OK, print_rule, rule_text
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
def test_rule_documentation_shows_every_example(rule):
    out = io.StringIO()
    assert print_rule(rule.code.lower(), out) == EXIT_OK
    assert out.getvalue() == rule_text(rule)
    for example in (*rule.bad, *rule.good):
        assert example.text in out.getvalue()


def test_an_example_shows_the_options_and_the_file_type_it_needs():
    """An example that needs options or another file type says so beside it."""
    with_options = [(rule, e) for rule in RULES for e in (*rule.bad, *rule.good) if e.options]
    in_markdown = [(rule, e) for rule in RULES for e in (*rule.bad, *rule.good) if e.path.endswith(".md")]
    assert with_options and in_markdown
    for rule, example in with_options:
        needs = [f"{key} = {value!r}" for key, value in example.options.items()]
        assert any(all(need in line for need in needs) for line in _example_lines(rule, example)), example
    for rule, example in in_markdown:
        assert any("in a md file" in line for line in _example_lines(rule, example)), example


def _example_lines(rule, example) -> list[str]:
    """What ``wenlint rule`` shows after each showing of ``example``'s text
    (flagged ✗ or not ✓), to the end of that line."""
    text = rule_text(rule)
    return [
        text[start + len(marker) :].split("\n", 1)[0]
        for marker in (f"  ✗ {example.text}", f"  ✓ {example.text}")
        for start in _occurrences(text, marker)
    ]


def _occurrences(text: str, part: str) -> list[int]:
    starts, at = [], text.find(part)
    while at >= 0:
        starts.append(at)
        at = text.find(part, at + 1)
    return starts


def test_rule_command_through_the_real_command_line():
    """One run of ``wenlint rule`` as a user types it (the rest run in-process)."""
    from conftest import wenlint

    rule = all_rules()["P001"]
    shown = wenlint("rule", "p001")
    assert shown.returncode == 0
    assert shown.stdout.decode() == rule_text(rule)
    unknown = wenlint("rule", "Z999")
    assert unknown.returncode == 2
    assert unknown.stderr.decode() == "error: no rule 'Z999'; `wenlint rules` lists them\n"
