"""The shape of the code: rules stand alone, the engine names no rule."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

from wenlint.registry import all_rules

#: Front-ends and the pipeline: rules are called by them, never the reverse.
FRONT_ENDS = ("wenlint.cli", "wenlint.corpus", "wenlint.review", "wenlint.runner", "wenlint.pipeline", "wenlint.server")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT / "rules").with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["wenlint_rules", *parts])


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (``from a import b`` counts ``a`` and ``a.b``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_rule_module_imports_another_rule_module_or_a_front_end():
    rule_modules = {rule.__module__ for rule in all_rules().values() if rule.__module__.startswith("wenlint_rules.")}
    assert len(rule_modules) >= 40, "the built-in rules were not found"
    wrong = []
    for path in sorted((ROOT / "rules").rglob("*.py")):
        name = _module_name(path)
        for imported in _imports(path):
            if imported in rule_modules and imported != name:
                wrong.append(f"{name} imports the rule module {imported}")
            if imported.startswith(FRONT_ENDS):
                wrong.append(f"{name} imports the front-end {imported}")
    assert not wrong, "\n".join(wrong)


def test_the_engine_names_no_rule():
    """A string that is a rule code (``"D001"``) in the engine means it knows
    a rule it should only know by what the rule declares. Codes mentioned in
    help texts, messages and docstrings are documentation, not knowledge."""
    codes = set(all_rules())
    wrong = [
        f"{path.relative_to(ROOT)}:{node.lineno} names {node.value}"
        for path in sorted((ROOT / "lint").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in codes
    ]
    assert not wrong, "\n".join(wrong)


def test_no_module_is_longer_than_450_lines():
    long = [
        f"{path.relative_to(ROOT)}: {n} lines"
        for folder in ("lint", "rules")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450
    ]
    assert not long, "\n".join(long)
