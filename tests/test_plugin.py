"""A rule package outside the project, installed with pip, is picked up
through the ``wenlint.rules`` entry point like the built-in rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import wenlint

PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "wenlint-tiny-plugin"
version = "0.0.1"

[project.entry-points."wenlint.rules"]
tiny = "wenlint_tiny"

[tool.setuptools]
py-modules = ["wenlint_tiny"]
"""

MODULE = """\
from wenlint import Example, Fix, FixAvailability, Rule


class NoHaha(Rule):
    code = "Z101"
    name = "no-haha"
    summary = "Laughter in a formal document"
    flags = "`哈哈` does not belong in a report."
    fix = FixAvailability.UNSAFE
    bad = (Example("哈哈,好的。", fixed=",好的。"),)
    good = (Example("好的。"),)

    def check(self, doc):
        start = doc.text.find("哈哈")
        if start != -1:
            yield self.diagnostic(start, start + 2, "laughter", Fix.replace(start, start + 2, "", safe=False))


class Fragile(Rule):
    code = "Z102"
    name = "fragile"
    summary = "Crashes on the word 崩溃"
    flags = "A broken rule, to show that the run survives it."
    bad = ()
    good = (Example("好的。"),)

    def check(self, doc):
        if "崩溃" in doc.text:
            raise KeyError("崩溃")
        return []
"""


@pytest.mark.slow
def test_installed_plugin_rules_are_listed_and_run(tmp_path):
    source = tmp_path / "plugin"
    source.mkdir()
    (source / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (source / "wenlint_tiny.py").write_text(MODULE, encoding="utf-8")
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(source)],
        capture_output=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr.decode()
    env = {**os.environ, "PYTHONPATH": str(site)}

    listing = wenlint("rules", env=env).stdout.decode()
    assert "Z101" in listing and "no-haha" in listing and "M001" in listing

    document = tmp_path / "a.txt"
    document.write_text("哈哈,好的。\n", encoding="utf-8")
    found = json.loads(wenlint("check", str(document), "--output-format", "json", env=env).stdout)
    assert [item["code"] for item in found] == ["Z101", "M001"]

    assert wenlint("check", str(document), "--select", "Z", "--fix", "--unsafe-fixes", env=env).returncode == 0
    assert Path(document).read_text(encoding="utf-8") == ",好的。\n"
    assert "Z101" not in wenlint("rules").stdout.decode()

    broken = tmp_path / "b.txt"
    broken.write_text("系统崩溃了,怎么办\n", encoding="utf-8")
    result = wenlint("check", str(document), str(broken), "--output-format", "concise", env=env)
    assert result.returncode == 2
    out = result.stdout.decode()
    assert "b.txt:1:1: X001" in out and "Z102" in out and "KeyError" in out
    assert "b.txt:1:6: M001" in out  # the other rules still ran on that document
