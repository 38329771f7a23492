"""Every finding on the seeds, per family, against a reviewed snapshot.

Provenance: the snapshots were first written from `wenlint check seeds/
--output-format json` at commit 77154e6 (before the rules moved into family
packages) and compared byte for byte with the output after the move. A
change to a snapshot is a change in what users see: update it with
`pytest tests/test_seeds_snapshot.py --snapshot-update` only after reading
its diff, and say why in the commit.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, wenlint
from syrupy.extensions.json import JSONSnapshotExtension

from wenlint.rule import FAMILIES


@pytest.fixture(scope="module")
def seed_findings() -> list[dict]:
    result = wenlint("check", "seeds/", "--output-format", "json", "--exit-zero", cwd=ROOT)
    assert result.returncode == 0, result.stderr.decode()
    found = json.loads(result.stdout)
    assert found, "the seeds are full of defects: an empty report is a broken run"
    return found


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("letter", sorted(FAMILIES))
def test_seed_findings_of_each_family(seed_findings, snapshot_json, letter):
    assert [f for f in seed_findings if f["code"].startswith(letter)] == snapshot_json


def test_no_rule_crashes_on_the_seeds(seed_findings):
    assert [f for f in seed_findings if f["code"].startswith("X")] == []
