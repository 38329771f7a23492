"""``wenlint scan --engine ray``: on a real local Ray instance, the output
equals the local engine's, row for row, bad records included."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real local Ray instance takes seconds to start
ray = pytest.importorskip("ray", reason="ray is not installed: pip install 'wenlint[ray]' to run the Ray engine tests")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402
from conftest import SEED_FILES  # noqa: E402

from wenlint.cli import main  # noqa: E402
from wenlint.corpus import ray_engine, shards  # noqa: E402
from wenlint.workers import TRIES, WorkerDied  # noqa: E402

CHROME = "星河资料站 精品范文 第{}期"
TITLES = [
    "社区建设工作会议讲话",
    "党组织建设工作报告",
    "社区工作任务分解方案",
    "和谐社区创建工作总结",
    "社区服务体系建设意见",
    "部门协作工作通知",
]
BODIES = [
    "今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。",
    "会议强调，要进一步加强社区党组织建设，提高服务群众的水平。",
    "各街道要按照区委的统一部署，认真落实社区建设的各项任务。",
    "全区上下要统一思想，提高认识，扎实推进和谐社区创建工作。",
    "要健全社区服务体系，不断满足居民群众日益增长的服务需求。",
    "各部门要密切配合，形成合力，确保各项工作落到实处、取得实效。",
]


@pytest.fixture(scope="module")
def local_ray():
    """One small local Ray instance for the module (starting Ray is slow)."""
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


def records() -> list[dict]:
    """The seeds, and short documents sharing a chrome line (so S010 has work)."""
    found = [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in SEED_FILES]
    for i, body in enumerate(BODIES * 2):
        text = f"{TITLES[i % 6]}（{i}）\n{CHROME.format(i % 9 + 1)}\n{body}\n{BODIES[(i + 1) % 6]}\n"
        found.append({"id": f"short-{i}", "text": text})
    return found


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_ray_output_equals_the_local_engines(local_ray, tmp_path: Path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(shards, "BATCH_RECORDS", 4)  # several batches (Ray tasks) per shard
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    rows = records()
    if kind == "jsonl":
        (corpus / "a.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        (corpus / "b.jsonl").write_text(
            json.dumps({"id": "missing"}) + "\n{not json\n" + json.dumps(rows[-1], ensure_ascii=False) + "\n"
        )
    else:
        pq.write_table(pa.Table.from_pylist(rows), corpus / "a.parquet")
        pq.write_table(
            pa.table({"id": ["missing", rows[-1]["id"]], "text": [None, rows[-1]["text"]]}), corpus / "b.parquet"
        )
    options = ["--unsafe-fixes", "--min-score", "60"]
    # one local worker: forking a process that runs Ray can deadlock
    assert main(["scan", "in", "-o", "local", "--rejected", "local-rejected", "--workers", "1", *options]) == 2
    assert main(["scan", "in", "-o", "ray", "--rejected", "ray-rejected", "--engine", "ray", *options]) == 2

    for name in ("a", "b"):
        for out in ("{}", "{}-rejected"):
            local = _rows(tmp_path / out.format("local") / f"{name}.{kind}")
            assert local or (name, out) == ("b", "{}-rejected")
            assert _rows(tmp_path / out.format("ray") / f"{name}.{kind}") == local
    kept = _rows(tmp_path / "local" / f"a.{kind}")
    flagged = [f for row in kept if row["id"].startswith("short-") for f in row["wenlint"]["findings"]]
    assert [f["code"] for f in flagged] == ["S010"] * 12
    local_summary = json.loads((tmp_path / "local" / "_wenlint_summary.json").read_text())
    ray_summary = json.loads((tmp_path / "ray" / "_wenlint_summary.json").read_text())
    assert ray_summary["engine"] == "ray" and ray_summary["bad_records"] == (2 if kind == "jsonl" else 1)
    for key in (
        "documents",
        "kept",
        "rejected",
        "findings_by_rule",
        "scores",
        "worst_documents",
        "bad_record_examples",
    ):
        assert ray_summary[key] == local_summary[key], key
    assert not [p for p in (tmp_path / "ray").iterdir() if "wenlint-ray" in p.name]


def _rows(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ray_scan_runs_from_a_directory_holding_a_folder_named_wenlint(tmp_path: Path):
    # Ray puts the driver's working directory on its workers' import path.
    (tmp_path / "wenlint").mkdir()
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": 1, "text": "今天,我们开会。"}, ensure_ascii=False) + "\n")
    result = subprocess.run(
        ["wenlint", "scan", "in.jsonl", "-o", "out.jsonl", "--engine", "ray", "--workers", "1", "--no-progress"],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    [row] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [f["code"] for f in row["wenlint"]["findings"]] == ["M001"]


def test_ray_tasks_give_results_in_order_and_worker_died_for_a_task_that_kills_its_worker(local_ray):
    tasks = ray_engine.Tasks(local_ray, window=2)
    kill_one = lambda n: os._exit(1) if n == 2 else n * 10  # a lambda: Ray pickles it by value
    results = list(tasks.ordered(kill_one, [(f"k{n}", n) for n in range(5)]))
    assert results == [("k0", 0), ("k1", 10), ("k2", WorkerDied(None)), ("k3", 30), ("k4", 40)]
    assert str(results[2][1]) == "worker process died"  # Ray does not say how, and no "exit code None"


def test_a_ray_task_whose_worker_dies_is_tried_as_often_as_in_the_local_pool(local_ray, tmp_path):
    tries = tmp_path / "tries"

    def die(_):
        with open(tries, "a") as log:
            log.write("tried\n")
        os._exit(1)

    assert list(ray_engine.Tasks(local_ray, window=1).ordered(die, [("k", 0)])) == [("k", WorkerDied(None))]
    assert tries.read_text().splitlines() == ["tried"] * TRIES


def test_ray_tasks_raise_the_functions_own_exception(local_ray):
    with pytest.raises(ValueError, match="^invalid literal for int"):
        list(ray_engine.Tasks(local_ray, window=2).ordered(int, [(0, "1"), (1, "bad batch")]))
