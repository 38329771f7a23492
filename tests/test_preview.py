"""The preview group (issue 16): a rule not yet proven on real text is off by
default and runs with ``--preview`` or ``preview = true``, or when selected
by its full code; ``wenlint rules`` and ``wenlint rule`` say so. Through the
real command, with a test-only rule package in preview beside an opt-in rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import wenlint
from rule_packages import install_rules

PREVIEW_RULES = """\
from wenlint import Example, Rule


class Laughter(Rule):
    code = "Z201"
    name = "preview-laughter"
    summary = "Laughter in a formal document (a rule in preview)"
    flags = "`哈哈`, until a judged sample shows it is right."
    preview = True
    bad = (Example("哈哈，好的。"),)
    good = (Example("好的。"),)

    def check(self, doc):
        start = doc.text.find("哈哈")
        if start != -1:
            yield self.diagnostic(start, start + 2, "laughter")


class Sighing(Rule):
    code = "Z202"
    name = "opt-in-sighing"
    summary = "Sighing, by house style (an opt-in rule, not in preview)"
    flags = "`唉`, where the house style forbids it."
    default_enabled = False
    bad = (Example("唉，好的。"),)
    good = (Example("好的。"),)

    def check(self, doc):
        start = doc.text.find("唉")
        if start != -1:
            yield self.diagnostic(start, start + 1, "sighing")
"""

TEXT = "唉，哈哈，好的。\n"


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder holding ``a.txt`` and an empty ``wenlint.toml``, and the
    environment of a command that has the test rules installed."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "wenlint.toml").write_text("", encoding="utf-8")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder, install_rules(tmp_path / "site", "wenlint_test_preview", PREVIEW_RULES)


def codes_found(folder: Path, env: dict[str, str], *args: str) -> list[str]:
    """The codes ``wenlint check a.txt ARGS`` reports, in ``folder``."""
    result = wenlint("check", "a.txt", "--output-format", "json", *args, cwd=folder, env=env)
    assert result.returncode in (0, 1), result.stderr.decode()
    return sorted({finding["code"] for finding in json.loads(result.stdout)})


@pytest.mark.slow
def test_a_preview_rule_is_off_by_default_and_on_with_preview(project):
    folder, env = project
    assert codes_found(folder, env, "--select", "Z,M") == ["Z202"]  # a prefix selects an opt-in rule, not a preview one
    assert codes_found(folder, env) == []  # the built-in default rules find nothing; Z201 does not run
    assert codes_found(folder, env, "--preview") == ["Z201"]  # the opt-in Z202 stays off
    assert codes_found(folder, env, "--select", "Z", "--preview") == ["Z201", "Z202"]


@pytest.mark.slow
def test_a_preview_rule_selected_by_its_full_code_runs_without_preview(project):
    folder, env = project
    assert codes_found(folder, env, "--select", "Z201") == ["Z201"]
    assert codes_found(folder, env, "--extend-select", "Z201") == ["Z201"]
    assert codes_found(folder, env, "--select", "ALL,Z20") == ["Z202"]  # a prefix or ALL is not enough


@pytest.mark.slow
@pytest.mark.parametrize(
    ("config", "table"), [("wenlint.toml", "preview = true\n"), ("pyproject.toml", "[tool.wenlint]\npreview = true\n")]
)
def test_preview_true_in_the_config_runs_preview_rules_and_no_preview_overrides_it(project, config, table):
    folder, env = project
    (folder / "wenlint.toml").unlink()
    (folder / config).write_text(table, encoding="utf-8")
    assert codes_found(folder, env) == ["Z201"]
    assert codes_found(folder, env, "--no-preview") == []


def test_a_preview_setting_that_is_not_true_or_false_is_one_error(tmp_path):
    (tmp_path / "wenlint.toml").write_text('preview = "yes"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = wenlint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == f"error: {tmp_path / 'wenlint.toml'}: 'preview' must be true or false\n"


@pytest.mark.slow
def test_rules_and_rule_show_the_preview_group(project):
    _, env = project
    rows = {line.split()[0]: line.split() for line in wenlint("rules", env=env).stdout.decode().splitlines() if line}
    assert rows["Z201"][4] == "preview" and rows["Z202"][4] == "off" and rows["M001"][4] == "on"
    shown = wenlint("rule", "Z201", env=env).stdout.decode()
    assert "default: preview" in shown and "runs only with --preview" in shown
    assert "In preview" not in wenlint("rule", "Z202", env=env).stdout.decode()


def test_sarif_marks_a_preview_rule_as_not_enabled_by_default(project):
    folder, env = project
    result = wenlint("check", "a.txt", "--select", "Z201", "--output-format", "sarif", cwd=folder, env=env)
    rules = {rule["id"]: rule for rule in json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["Z201"]
    assert rule["defaultConfiguration"]["enabled"] is False and rule["properties"]["preview"] is True
