"""The distribution installs `wenlint` and `wenlint_rules`, never `lint` or `rules`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, wenlint


@pytest.mark.slow
def test_wheel_holds_only_the_mapped_packages(tmp_path):
    source = tmp_path / "source"  # a clean copy: setuptools would reuse a stale build/ folder
    for folder in ("lint", "rules"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(source)],
        capture_output=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr.decode()
    (wheel,) = tmp_path.glob("wenlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"wenlint", "wenlint_rules"}
    for folder, package in (("lint", "wenlint"), ("rules", "wenlint_rules")):  # no module or subpackage left out
        modules = {f"{package}/{path.relative_to(ROOT / folder).as_posix()}" for path in (ROOT / folder).rglob("*.py")}
        assert modules <= set(names), sorted(modules - set(names))
    entry_points = next(zipfile.Path(wheel, name) for name in names if name.endswith("entry_points.txt")).read_text()
    assert "[wenlint.rules]" in entry_points and "builtin = wenlint_rules" in entry_points
    assert "wenlint = wenlint.cli:entry" in entry_points


def test_python_dash_m_and_version():
    result = wenlint("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("wenlint ")
