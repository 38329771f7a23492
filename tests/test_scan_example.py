"""The README's worked example of corpus mode runs as written, in a real shell, on the real web text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

WEB = ROOT.parent / "shared" / "data" / "real" / "web.jsonl"
MARKER = "<!-- tests/test_scan_example.py runs the commands of this block as written -->"


def example_commands() -> list[str]:
    """The command lines of the README block under MARKER (comments left out)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(MARKER) + r"\n```sh\n(.*?)\n```", readme, re.S)
    assert block, "the README lost its worked example"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


@pytest.mark.slow
@pytest.mark.skipif(not WEB.exists(), reason="needs ../shared/data/real/web.jsonl")
def test_the_readme_example_filters_a_shard_as_it_says(tmp_path):
    shutil.copy(WEB, tmp_path / "shard.jsonl")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    outputs = []
    for command in example_commands():
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        outputs.append(done.stdout)
    scan, _, reasons = outputs
    # the numbers the README shows
    assert "176 documents in 1 shard" in scan and "kept 118, rejected 58, bad records 0" in scan
    assert "score distribution" in scan and "summary: kept.jsonl.summary.json" in scan
    clean = [json.loads(line) for line in (tmp_path / "clean.jsonl").read_text(encoding="utf-8").splitlines()]
    kept = [json.loads(line) for line in (tmp_path / "kept.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in clean] == [row["id"] for row in kept] and len(clean) == 118
    assert all(row["text"] == source["wenlint"]["fixed_text"] for row, source in zip(clean, kept))
    # one line per dropped document: its id and its reasons, mostly lines that end no sentence
    lines = reasons.splitlines()
    assert len(lines) == 58 and sum("line_punct_ratio" in line for line in lines) == 55
