"""The distribution installs `wenlint` and `wenlint_rules`, never `lint` or `rules`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
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


PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_check_needs_no_extra_and_dev_has_every_extra():
    """The hook environment (wenlint without extras) holds what `check`
    needs and no more; [dev] holds every extra, for the tests."""
    core = _names(PYPROJECT["dependencies"])
    extras = {name: _names(requirements) for name, requirements in PYPROJECT["optional-dependencies"].items()}
    assert core & {"numpy", "textual", "pyarrow", "ray", "pygls", "lsprotocol", "zstandard"} == set()
    assert extras["review"] == {"textual"}
    assert extras["scan"] == {"numpy"}
    everything = set().union(*(names for name, names in extras.items() if name not in ("dev", "bench")))
    assert everything <= extras["dev"], sorted(everything - extras["dev"])


def test_the_ray_extra_holds_what_scan_needs():
    """The README's `pip install 'wenlint[ray]'` is enough for `wenlint scan
    --engine ray` on JSON Lines: Ray core brings no NumPy (Ray Data did)."""
    extras = {name: _names(requirements) for name, requirements in PYPROJECT["optional-dependencies"].items()}
    assert extras["scan"] <= extras["ray"], sorted(extras["scan"] - extras["ray"])


def test_the_version_is_the_same_in_both_places():
    from wenlint import __version__

    assert PYPROJECT["version"] == __version__


NO_TEXTUAL = "import sys; sys.modules['textual'] = None; from wenlint.cli import main; sys.exit(main(sys.argv[1:]))"


def test_review_without_its_extra_says_which_to_install(tmp_path):
    """As in an environment without Textual (the import of it fails, as it would)."""
    (tmp_path / "a.txt").write_text("好的。\n", encoding="utf-8")
    command = [sys.executable, "-c", NO_TEXTUAL, "review", "a.txt"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stderr == "error: wenlint review needs the review extra: pip install 'wenlint[review]'\n"


@pytest.mark.slow
def test_the_readmes_pip_install_from_git_works_against_a_clone(tmp_path):
    """The README's `pip install "wenlint @ git+URL@COMMIT"`, with a clone of
    this repository for URL: the commit exists and builds."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (line,) = {
        match for match in re.findall(r'pip install "wenlint @ git\+https://YOUR-HOST/wenlint\.git@\w+"', readme)
    }
    commit = line.rsplit("@", 1)[1].rstrip('"')
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=300)
    requirement = f"wenlint @ git+file://localhost{clone}@{commit}"  # pip 23 takes no empty host
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), requirement],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    assert list(tmp_path.glob("wenlint-*.whl"))


NO_NUMPY = "import sys; sys.modules['numpy'] = None; from wenlint.cli import main; sys.exit(main(sys.argv[1:]))"


def test_check_runs_every_rule_without_numpy():
    """As in the hook environment, where numpy is not installed: every rule,
    preview ones too, on the seeds, with the same findings as with numpy."""
    arguments = ["check", "--preview", "--select", "ALL", "--output-format", "json", "--no-cache", "--workers", "1"]
    without = subprocess.run(
        [sys.executable, "-c", NO_NUMPY, *arguments, "seeds"], cwd=ROOT, capture_output=True, timeout=300, check=False
    )
    assert without.returncode == 1, without.stderr.decode()
    assert without.stdout == wenlint(*arguments, "seeds", cwd=ROOT).stdout


def test_scan_without_its_extra_says_which_to_install(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "好的。"}\n', encoding="utf-8")
    command = [sys.executable, "-c", NO_NUMPY, "scan", "a.jsonl", "--output", "out"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stderr == "error: wenlint scan needs the scan extra: pip install 'wenlint[scan]'\n"
