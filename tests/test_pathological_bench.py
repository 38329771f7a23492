"""The pathological, memory and rule-share benches run, and judge what they measure (issues 19, 20)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"


def _bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.slow
def test_pathological_bench_runs_one_rule_on_one_kind():
    result = _bench(
        str(BENCH / "pathological.py"), "--rules", "P005", "--kinds", "blank-parens", "--sizes-mb", "0.01", "0.02"
    )
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("blank-parens"))
    assert row.split()[1] == "P005" and int(row.split()[6]) > 1000  # every blank found at the larger size
    assert "flagged: 0" in result.stdout


def test_pathological_bench_refuses_an_unknown_kind():
    result = _bench(str(BENCH / "pathological.py"), "--kinds", "no-such-kind")
    assert result.returncode == 1 and "error: unknown kind no-such-kind" in result.stderr


def test_rule_shares_charge_every_cpu_second_once():
    result = _bench(
        str(BENCH / "rule_shares.py"), "--sources", "seeds", "--size-mb", "0.05", "--select", "M", "--repeat", "1"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    total = float(next(line for line in lines if line.startswith("total ")).split()[1])
    charged = {line[:46].strip(): float(line.split()[-2]) for line in lines if line.startswith("  ")}
    assert charged["M001"] > 0 and "view prose" in charged  # a rule, and a view one of them asked for
    assert not any(label[0] in "DELPST" for label in charged)  # only the M family's rules ran
    assert sum(charged.values()) == pytest.approx(total, abs=0.002 * len(charged))


def test_pathological_verdicts():
    sys.path.insert(0, str(BENCH))
    try:
        from pathological import verdict
    finally:
        sys.path.remove(str(BENCH))
    run = {"seconds": 1.0, "peak_mb": 100.0, "found": 0, "killed": None}
    assert verdict(run, {**run, "seconds": 2.2}, 0.2) == ""
    assert verdict(run, {**run, "seconds": 2.6}, 0.2) == "x2.6"
    assert verdict({**run, "seconds": 0.01}, {**run, "seconds": 0.1}, 0.2) == ""  # too short to judge
    assert verdict(run, {**run, "peak_mb": 2048.0}, 0.2) == "peak 2048 MiB"
    assert verdict({**run, "killed": "timeout"}, None, 0.2) == "timeout"


@pytest.mark.slow
@pytest.mark.skipif(not REAL.is_dir(), reason="shared real data not present")
def test_memory_bench_measures_check_on_real_text():
    result = _bench(str(BENCH / "memory.py"), "--size-mb", "0.2")
    assert result.returncode == 0, result.stderr
    assert "check big file:  peak" in result.stdout and "MiB per MB of input" in result.stdout


def test_the_benches_run_the_wenlint_installed_for_their_own_python():
    """Not PATH's first `wenlint`, which may be a version manager's shell shim
    (pyenv's costs ~50 ms a run, counted as wenlint's) or another install."""
    import sysconfig

    found = subprocess.run(
        [sys.executable, "-c", "import measuring; print(measuring.executable())"],
        cwd=BENCH,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},  # no wenlint on it
    ).stdout.strip()
    assert Path(found) == Path(sysconfig.get_path("scripts")) / "wenlint"
    assert (
        Path(found).read_text(encoding="utf-8").startswith("#!") and "python" in Path(found).read_text().split("\n")[0]
    )
