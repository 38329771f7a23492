"""``wenlint scan``: corpus mode end to end (real subprocesses, real files)."""

from __future__ import annotations

import gzip
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEED_FILES, seed, wenlint
from rule_packages import install_rules

from wenlint import Document, pipeline
from wenlint.registry import all_rules, on_by_default

pa = pytest.importorskip("pyarrow", reason="the Parquet tests need wenlint[parquet]")
import pyarrow.parquet as pq  # noqa: E402

SEED_TEXTS = [path.read_text(encoding="utf-8") for path in SEED_FILES]


def write_jsonl(path: Path, records: list, *, raw: list[bytes] | None = None) -> Path:
    lines = [json.dumps(record, ensure_ascii=False).encode() + b"\n" for record in records]
    path.write_bytes(b"".join(lines + (raw or [])))
    return path


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        return [json.loads(line) for line in handle]


def seed_records() -> list[dict]:
    return [{"id": path.stem, "text": text, "meta": {"source": "seeds"}} for path, text in zip(SEED_FILES, SEED_TEXTS)]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A directory with an empty wenlint.toml, so the project's config stays out."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    return tmp_path


def check_findings(directory: Path) -> dict[str, list[dict]]:
    """``wenlint check --output-format json`` per file name, without ``filename``."""
    result = wenlint("check", str(directory), "--output-format", "json")
    assert result.returncode == 1, result.stderr
    found: dict[str, list[dict]] = {}
    for item in json.loads(result.stdout):
        found.setdefault(Path(item.pop("filename")).stem, []).append(item)
    return found


def expected_score(text: str) -> int:
    doc = Document.from_source(text, "x.txt")
    rules = [rule() for rule in all_rules().values() if on_by_default(rule)]
    return pipeline.run(doc, rules).score


# -- acceptance 1: the same findings as check, plus the score --------------------------------


def compact(finding: dict) -> dict:
    """A finding of check's JSON output as scan writes it by default."""
    fix = finding["fix"] and {
        "applicability": finding["fix"]["applicability"],
        "edits": [
            {"start": e["offset"], "end": e["end_offset"], "content": e["content"]} for e in finding["fix"]["edits"]
        ],
    }
    return {"code": finding["code"], "start": finding["offset"], "end": finding["end_offset"], "fix": fix}


@pytest.mark.parametrize("findings", ["compact", "full"])
@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_scan_gives_every_document_the_findings_of_check(workdir, seeds_copy, kind, findings):
    records = seed_records()
    source = workdir / f"corpus.{kind}"
    if kind == "jsonl":
        write_jsonl(source, records)
    else:
        pq.write_table(pa.Table.from_pylist(records), source)
    output = str(workdir / f"out.{kind}")
    result = wenlint("scan", str(source), "-o", output, "--workers", "2", "--findings", findings, cwd=workdir)
    assert result.returncode == 0, result.stderr
    if kind == "jsonl":
        rows = read_jsonl(workdir / "out.jsonl")
    else:
        rows = pq.read_table(workdir / "out.parquet").to_pylist(maps_as_pydicts="strict")
    expected = check_findings(seeds_copy)
    if findings == "compact":
        expected = {key: [compact(f) for f in found] for key, found in expected.items()}
    assert [row["id"] for row in rows] == [record["id"] for record in records]
    for row, record in zip(rows, records):
        assert {key: value for key, value in row.items() if key != "wenlint"} == record
        assert row["wenlint"]["findings"] == expected[record["id"]]
        assert row["wenlint"]["score"] == expected_score(record["text"])
        counts = row["wenlint"]["counts"]
        assert sum(counts.values()) == len(expected[record["id"]]) and set("EMPSTLDX") <= set(counts)
        assert "fixed_text" not in row["wenlint"]
        if findings == "compact":
            assert row["wenlint"]["rules"] == dict(sorted(Counter(f["code"] for f in expected[record["id"]]).items()))
        else:
            assert "rules" not in row["wenlint"]


def test_nested_fields_and_a_directory_of_compressed_shards(workdir):
    shards = workdir / "in"
    (shards / "part").mkdir(parents=True)
    records = [{"meta": {"id": f"doc-{i}"}, "body": {"text": text}} for i, text in enumerate(SEED_TEXTS[:2])]
    with gzip.open(shards / "a.jsonl.gz", "wb") as handle:
        handle.write(b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records))
    write_jsonl(shards / "part" / "b.jsonl", [{"meta": {"id": "doc-9"}, "body": {"text": "今天,我们开会。"}}])
    result = wenlint(
        "scan",
        str(shards),
        "-o",
        str(workdir / "out"),
        "--text-field",
        "body.text",
        "--id-field",
        "meta.id",
        "--workers",
        "1",
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (workdir / "out").iterdir() if not p.name.startswith(".")) == [
        "_wenlint_summary.json",
        "a.jsonl.gz",
        "part",
    ]
    first = read_jsonl(workdir / "out" / "a.jsonl.gz")
    assert [row["meta"]["id"] for row in first] == ["doc-0", "doc-1"]
    (only,) = read_jsonl(workdir / "out" / "part" / "b.jsonl")
    assert [(f["code"], f["start"]) for f in only["wenlint"]["findings"]] == [("M001", 2)]
    summary = json.loads((workdir / "out" / "_wenlint_summary.json").read_text())
    assert summary["documents"] == 3 and summary["shards"] == 2 and summary["bad_records"] == 0
    assert sum(summary["scores"]) == 3 and summary["findings_by_rule"]["M001"] >= 1
    worst = summary["worst_documents"]
    assert [w["score"] for w in worst] == sorted(w["score"] for w in worst)
    assert {w["id"] for w in worst} == {"doc-0", "doc-1", "doc-9"}


def test_fixed_text_equals_check_fix(workdir, seeds_copy):
    source = write_jsonl(workdir / "corpus.jsonl", seed_records())
    result = wenlint("scan", str(source), "-o", str(workdir / "out.jsonl"), "--unsafe-fixes", cwd=workdir)
    assert result.returncode == 0, result.stderr
    fixed = wenlint("check", str(seeds_copy), "--fix", "--unsafe-fixes")
    assert fixed.returncode in (0, 1)
    for row in read_jsonl(workdir / "out.jsonl"):
        assert row["wenlint"]["fixed_text"] == (seeds_copy / f"{row['id']}.txt").read_text(encoding="utf-8")
        assert row["text"] == (seed(row["id"][:3])).read_text(encoding="utf-8")


def test_min_score_splits_kept_and_rejected(workdir):
    records = [{"id": "clean", "text": "今天，我们召开全区社区建设工作会议。"}, *seed_records()]
    source = write_jsonl(workdir / "corpus.jsonl", records)
    result = wenlint(
        "scan",
        str(source),
        "-o",
        str(workdir / "kept.parquet"),
        "--min-score",
        "50",
        "--rejected",
        str(workdir / "rejected.jsonl"),
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr
    kept = pq.read_table(workdir / "kept.parquet").to_pylist()
    rejected = read_jsonl(workdir / "rejected.jsonl")
    assert kept[0]["id"] == "clean" and kept[0]["wenlint"]["score"] == 100 and kept[0]["wenlint"]["findings"] == []
    assert all(row["wenlint"]["score"] >= 50 for row in kept)
    assert rejected and all(row["wenlint"]["score"] < 50 for row in rejected)
    order = [r["id"] for r in records]
    assert sorted([r["id"] for r in kept] + [r["id"] for r in rejected], key=order.index) == order
    summary = json.loads((workdir / "kept.parquet.summary.json").read_text())
    assert (summary["kept"], summary["rejected"]) == (len(kept), len(rejected))


def test_inputs_may_come_after_options(workdir):
    first = write_jsonl(workdir / "first.jsonl", seed_records()[:1])
    second = write_jsonl(workdir / "second.jsonl", seed_records()[1:2])
    result = wenlint("scan", str(first), "-o", str(workdir / "out"), str(second), cwd=workdir)
    assert result.returncode == 0, result.stderr
    ids = [row["id"] for name in ("first", "second") for row in read_jsonl(workdir / "out" / f"{name}.jsonl")]
    assert ids == [record["id"] for record in seed_records()[:2]]


# -- acceptance 3: bad records ------------------------------------------------------------------


def test_bad_records_are_reported_with_shard_and_line(workdir):
    good = seed_records()[:2]
    source = write_jsonl(
        workdir / "bad.jsonl",
        [good[0]],
        raw=[
            b"{not json\n",
            b'{"id": "x", "body": "no text field"}\n',
            b'{"id": "y", "text": ["a", "list"]}\n',
            b'{"id": "z", "text": "\xff\xfe broken"}\n',
            b"\n",
            b'{"id": "big", "text": "' + "大".encode() * (20 * 2**20) + b'"}\n',
            b"[1, 2]\n",
            json.dumps(good[1], ensure_ascii=False).encode() + b"\n",
        ],
    )
    result = wenlint("scan", str(source), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"error: {source}:2: not JSON: Expecting property name enclosed in double quotes (column 2)",
        f"error: {source}:3: no field 'text'",
        f"error: {source}:4: field 'text' is a list, not a string",
        f"error: {source}:5: not UTF-8 (byte 0xff at offset 21)",
        f"error: {source}:7: record too large (60 MiB > 16 MiB); raise --max-record-mb to scan it",
        f"error: {source}:8: not a JSON object but a list",
    ]
    assert [row["id"] for row in read_jsonl(workdir / "out.jsonl")] == [good[0]["id"], good[1]["id"]]
    summary = json.loads((workdir / "out.jsonl.summary.json").read_text())
    assert summary["bad_records"] == 6 and summary["documents"] == 2
    assert summary["bad_records_by_kind"] == {
        "no text field": 1,
        "not JSON": 1,
        "not UTF-8": 1,
        "not an object": 1,
        "text not a string": 1,
        "too large": 1,
    }


def test_bad_parquet_rows_and_a_configurable_limit(workdir):
    table = pa.table({"id": [1, 2, 3], "text": ["今天,我们开会。", None, "长" * 5000]})
    pq.write_table(table, workdir / "in.parquet")
    result = wenlint(
        "scan", str(workdir / "in.parquet"), "-o", str(workdir / "out.parquet"), "--max-record-mb", "0.01", cwd=workdir
    )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"error: {workdir / 'in.parquet'}:2: field 'text' is null, not a string",
        f"error: {workdir / 'in.parquet'}:3: record too large (0.0143 MiB > 0.01 MiB); raise --max-record-mb to scan it",
    ]
    assert pq.read_table(workdir / "out.parquet").column("id").to_pylist() == [1]


def test_a_parquet_map_field_goes_to_json_lines_as_arrow_gives_it(workdir):
    # a map may hold a key twice; it is the input's field, written unchanged as its pairs
    tags = pa.array([[("k", 1), ("k", 2)], [("x", 3)]], type=pa.map_(pa.string(), pa.int64()))
    pq.write_table(
        pa.table({"id": ["a", "b"], "text": ["今天,我们开会。", "明天放假。"], "tags": tags}), workdir / "in.parquet"
    )
    result = wenlint("scan", str(workdir / "in.parquet"), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert result.returncode == 0, result.stderr
    rows = read_jsonl(workdir / "out.jsonl")
    assert [row["tags"] for row in rows] == [[["k", 1], ["k", 2]], [["x", 3]]]
    assert [row["wenlint"]["rules"] for row in rows] == [{"M001": 1}, {}]


def test_an_unreadable_shard_is_reported_and_the_others_are_scanned(workdir):
    corpus = workdir / "in"
    corpus.mkdir()
    whole = gzip.compress(b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in seed_records()))
    (corpus / "a.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    write_jsonl(corpus / "b.jsonl", seed_records()[:1])
    result = wenlint("scan", str(corpus), "-o", str(workdir / "out"), "--workers", "1", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"error: {corpus / 'a.jsonl.gz'}: cannot read: "
        "Compressed file ended before the end-of-stream marker was reached\n"
    )
    assert sorted(p.name for p in (workdir / "out").iterdir()) == [
        ".b.jsonl.wenlint-stats.json",
        "_wenlint_summary.json",
        "b.jsonl",
    ]


# -- acceptance 2: resume --------------------------------------------------------------------


def three_shards(workdir: Path) -> Path:
    """A folder of shards a (one seed), b and c (the seeds three times each)."""
    corpus = workdir / "in"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", seed_records()[:1])
    for name in ("b", "c"):
        write_jsonl(
            corpus / f"{name}.jsonl", [{**r, "id": f"{name}{i}-{r['id']}"} for i, r in enumerate(seed_records() * 3)]
        )
    return corpus


def signal_once_a_is_written(command: list[str], workdir: Path, signum: int) -> tuple[int, bytes]:
    """Start ``command`` (writing to workdir/out), send it ``signum`` once its output shard
    a.jsonl is there; its exit code and standard error."""
    process = subprocess.Popen(command, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not (workdir / "out" / "a.jsonl").exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


@pytest.mark.slow
def test_ctrl_c_says_how_many_shards_were_scanned(workdir):
    out = workdir / "out"
    # one process: a SIGINT that lands while a worker is being forked is lost in Python's at-fork hooks
    command = [sys.executable, "-m", "wenlint", "scan", str(three_shards(workdir)), "-o", str(out), "--workers", "1"]
    code, stderr = signal_once_a_is_written(command, workdir, signal.SIGINT)
    assert code == 130, stderr
    assert not (out / "c.jsonl").exists(), "the run was not interrupted mid-way"
    done = 1 + (out / "b.jsonl").exists()
    assert stderr.decode().splitlines()[-1] == (
        f"interrupted: {done} of 3 shards scanned, the rest not (the same command resumes after the finished ones)"
    )


LOST_CTRL_C_RULE = """\
import os
import signal

from wenlint import Example, Rule


class _Finalizer:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):  # the handler runs here: its KeyboardInterrupt is printed and lost
            pass


class CtrlCInAFinalizer(Rule):
    code = "Z905"
    name = "ctrl-c-in-a-finalizer"
    summary = "Sends SIGINT to its own process from inside a finalizer, once"
    flags = "A probe for tests."
    good = (Example("好的。"),)

    def check(self, doc):
        if "中断" in doc.text and not os.path.exists(os.environ["CTRL_C_SENT"]):
            open(os.environ["CTRL_C_SENT"], "w").close()
            _Finalizer()
        return []
"""


@pytest.mark.slow
@pytest.mark.parametrize("command", ["scan", "check"])
def test_a_ctrl_c_lost_in_a_finalizer_still_stops_the_run(workdir, command):
    """Python prints a KeyboardInterrupt raised inside ``__del__`` (a library
    object collected at the wrong moment) as "Exception ignored" and goes on:
    the run notices the Ctrl-C at its next batch or file all the same (scan:
    before the next shard)."""
    env = {
        **install_rules(workdir / "site", "wenlint_test_lost_ctrl_c", LOST_CTRL_C_RULE),
        "CTRL_C_SENT": str(workdir / "sent"),
    }
    records = [{"id": n, "text": f"第{n}条。" + ("中断" if n == 1 else "")} for n in range(5)]
    if command == "scan":
        (workdir / "in").mkdir()
        write_jsonl(workdir / "in" / "a.jsonl", records)
        write_jsonl(workdir / "in" / "b.jsonl", records[2:])
        args = ["scan", "in", "-o", "out", "--workers", "1"]
    else:
        for record in records:
            (workdir / f"doc{record['id']}.txt").write_text(record["text"], encoding="utf-8")
        args = ["check", *(f"doc{n}.txt" for n in range(5)), "--workers", "1", "--no-cache"]
    run = subprocess.run(
        [sys.executable, "-m", "wenlint", *args, "--select", "Z905"], cwd=workdir, env=env, capture_output=True
    )
    assert (workdir / "sent").exists()
    assert run.returncode == 130, run.stderr.decode()
    assert "interrupted: " in run.stderr.decode().splitlines()[-1]
    if command == "scan":
        assert run.stderr.decode().splitlines()[-1].startswith("interrupted: 0 of 2 shards scanned")
        assert not (workdir / "out" / "b.jsonl").exists()


@pytest.mark.slow
def test_an_interrupted_scan_resumes_with_the_unfinished_shards(workdir):
    corpus = three_shards(workdir)
    args = [sys.executable, "-m", "wenlint", "scan", str(corpus), "--workers", "1", "--ignore", "S010"]
    reference = subprocess.run([*args, "-o", str(workdir / "whole")], cwd=workdir, capture_output=True)
    assert reference.returncode == 0, reference.stderr

    out = workdir / "out"
    signal_once_a_is_written([*args, "-o", str(out)], workdir, signal.SIGKILL)
    assert (out / "a.jsonl").exists() and not (out / "c.jsonl").exists(), "the run was not interrupted mid-way"
    first = (out / "a.jsonl").stat().st_mtime_ns
    done_before = sum(len((out / n).read_text().splitlines()) for n in ("a.jsonl", "b.jsonl") if (out / n).exists())

    resumed = subprocess.run([*args, "-o", str(out)], cwd=workdir, capture_output=True)
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "a.jsonl").stat().st_mtime_ns == first
    assert b"(1 finished before, skipped)" in resumed.stdout
    for name in ("a.jsonl", "b.jsonl", "c.jsonl"):
        assert (out / name).read_bytes() == (workdir / "whole" / name).read_bytes()
    assert not [p.name for p in out.iterdir() if "wenlint-tmp" in p.name]
    whole = json.loads((workdir / "whole" / "_wenlint_summary.json").read_text())
    again = json.loads((out / "_wenlint_summary.json").read_text())
    for key in ("documents", "findings_by_rule", "scores", "worst_documents", "shards"):
        assert again[key] == whole[key]
    # The rates count only what this run scanned, from the text's own bytes.
    assert whole["run_documents"] == whole["documents"] and whole["run_text_bytes"] == whole["text_bytes"]
    assert again["run_documents"] == whole["documents"] - done_before
    # (both rounded to 3 decimals from the same time: the one to seconds lies within 0.0005 of it)
    mb, seconds = again["run_text_bytes"] / 1e6, again["seconds"]
    assert round(mb / (seconds + 0.0005), 3) <= again["mb_per_second"] <= round(mb / (seconds - 0.0005), 3)


# -- corpus-level boilerplate (S010) -----------------------------------------------------------


CHROME = "文档下载 - 资料文库 - 第1页"
BODIES = [
    "今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。",
    "会议强调，要进一步加强社区党组织建设，提高服务群众的水平。",
    "各街道要按照区委的统一部署，认真落实社区建设的各项任务。",
    "全区上下要统一思想，提高认识，扎实推进和谐社区创建工作。",
    "要健全社区服务体系，不断满足居民群众日益增长的服务需求。",
    "各部门要密切配合，形成合力，确保各项工作落到实处、取得实效。",
]


TITLES = [
    "社区建设工作会议讲话",
    "党组织建设工作报告",
    "社区工作任务分解方案",
    "和谐社区创建工作总结",
    "社区服务体系建设意见",
    "部门协作工作通知",
]


def s010_records() -> list[dict]:
    records = []
    for i, body in enumerate(BODIES):
        chrome = CHROME.replace("1", str(i + 1))  # digits differ: one normalised line
        records.append(
            {"id": i, "text": f"{TITLES[i]}\n{chrome}\n{body}\n{BODIES[(i + 1) % 6]}\n{body[:12]}谢谢大家！\n"}
        )
    return records


def test_s010_flags_lines_repeated_across_a_shard_and_check_does_not(workdir):
    source = write_jsonl(workdir / "shard.jsonl", s010_records())
    result = wenlint(
        "scan", str(source), "-o", str(workdir / "out.jsonl"), "--select", "S010", "--unsafe-fixes", cwd=workdir
    )
    assert result.returncode == 0, result.stderr
    rows = read_jsonl(workdir / "out.jsonl")
    for i, row in enumerate(rows):
        findings = row["wenlint"]["findings"]
        chrome = CHROME.replace("1", str(i + 1))
        assert [(f["code"], row["text"][f["start"] : f["end"]]) for f in findings] == [("S010", chrome)]
        assert findings[0]["fix"]["applicability"] == "unsafe"
        assert row["wenlint"]["fixed_text"] == row["text"].replace(chrome + "\n", "")
    # the body lines also repeat (each in two documents), but under min-documents
    (workdir / "f.txt").write_text(rows[0]["text"], encoding="utf-8")
    assert wenlint("check", str(workdir / "f.txt"), "--select", "S010", cwd=workdir).returncode == 0


def test_s010_threshold_is_a_rule_option(workdir):
    (workdir / "wenlint.toml").write_text("[rules.corpus-boilerplate]\nmin-documents = 7\n", encoding="utf-8")
    source = write_jsonl(workdir / "shard.jsonl", s010_records())
    result = wenlint("scan", str(source), "-o", str(workdir / "out.jsonl"), "--select", "S010", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert all(row["wenlint"]["findings"] == [] for row in read_jsonl(workdir / "out.jsonl"))


def test_s010_stays_quiet_on_duplicated_documents(workdir):
    source = write_jsonl(workdir / "shard.jsonl", [{"id": i, "text": s010_records()[0]["text"]} for i in range(6)])
    result = wenlint("scan", str(source), "-o", str(workdir / "out.jsonl"), "--select", "S010", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert all(row["wenlint"]["findings"] == [] for row in read_jsonl(workdir / "out.jsonl"))


def test_line_counter_counts_documents_exactly():
    from wenlint.linekeys import LineCounter, document_keys, line_key, normalized_lines

    assert normalized_lines("时间:2022-09-21 来源:网友投稿\n同志们：") == ["时间00000000来源网友投稿", "同志们"]
    assert line_key("同志们") is None and line_key("0000年0月0日") is None
    counter = LineCounter()
    texts = ["点击查看更多>>\n正文甲乙丙丁", "点击 查看 更多\n正文戊己庚辛", "点击查看更多。\n点击查看更多"]
    keys = [key for text in texts for key in document_keys(text)]
    counter.add(keys[:3], 2)
    counter.add(keys[3:], 1)
    repeated = counter.repeated(3)
    assert repeated == document_keys("点击查看更多")
    assert counter.repeated(2) == repeated and len(counter.repeated(1)) == 3 and counter.documents == 3


# -- usage --------------------------------------------------------------------------------------


def test_usage_errors(workdir):
    source = write_jsonl(workdir / "a.jsonl", seed_records()[:1])
    assert wenlint("scan", str(workdir / "missing.jsonl"), "-o", "x.jsonl", cwd=workdir).stderr.decode() == (
        f"error: {workdir / 'missing.jsonl'}: no such file or directory\n"
    )
    rejected = wenlint("scan", str(source), "-o", "x.jsonl", "--rejected", "r.jsonl", cwd=workdir)
    assert (rejected.returncode, rejected.stderr.decode()) == (2, "error: --rejected needs --min-score or --preset\n")
    unknown = wenlint("scan", str(source), "-o", "x.jsonl", "--select", "Q9", cwd=workdir)
    assert unknown.returncode == 2 and "unknown rule code or prefix 'Q9'" in unknown.stderr.decode()


def test_a_missing_optional_library_names_its_extra(workdir):
    source = write_jsonl(workdir / "a.jsonl", seed_records()[:1])
    code = (
        "import sys; sys.modules['pyarrow'] = None; from wenlint.cli import main; "
        f"sys.exit(main(['scan', {str(source)!r}, '-o', 'out.parquet']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True)
    assert result.returncode == 2
    assert result.stderr.decode() == "error: Parquet needs pyarrow: pip install 'wenlint[parquet]'\n"


def test_the_progress_bar_on_a_terminal_counts_from_the_first_batch(workdir):
    records = [{"id": i, "text": "今天,我们开会。刘**同志主持会议。" * 50} for i in range(300)]
    source = write_jsonl(workdir / "a.jsonl", records)
    main_end, terminal = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"} | {"COLUMNS": "160", "TERM": "xterm"}
    process = subprocess.Popen(
        ["wenlint", "scan", str(source), "-o", "out.jsonl", "--workers", "1"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(main_end, 65536)
        except OSError:  # the command closed its end
            break
        if not chunk:
            break
        screen += chunk
    assert process.wait(timeout=120) == 0
    frames = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", screen.decode("utf-8", "replace")).split("\r")
    shown = [m for m in (re.search(r"(\d:\d\d:\d\d) ([\d,]+) docs ([\d.]+) MB", f) for f in frames) if m]
    assert shown, screen[-500:]
    counts = [int(m[2].replace(",", "")) for m in shown]
    assert 0 < min(c for c in counts if c) < 300 and max(counts) == 300  # documents show before the end


def test_no_progress_bar_when_not_a_terminal(workdir):
    source = write_jsonl(workdir / "a.jsonl", seed_records()[:1])
    result = wenlint("scan", str(source), "-o", "out.jsonl", cwd=workdir, env={**os.environ, "CI": ""})
    assert result.returncode == 0 and result.stderr == b""
    assert b"score distribution" in result.stdout and b"worst documents" in result.stdout


REAL_WEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "web.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not REAL_WEB.exists(), reason="needs ../shared/data/real/web.jsonl")
def test_default_output_of_real_web_text_is_at_most_four_times_its_input(workdir):
    result = wenlint("scan", str(REAL_WEB), "-o", "out.jsonl", "--no-progress", cwd=workdir)
    assert result.returncode == 0, result.stderr
    rows = read_jsonl(workdir / "out.jsonl")
    assert len(rows) == len(REAL_WEB.read_text(encoding="utf-8").splitlines())
    assert any(row["wenlint"]["findings"] for row in rows)
    assert (workdir / "out.jsonl").stat().st_size <= 4 * REAL_WEB.stat().st_size
