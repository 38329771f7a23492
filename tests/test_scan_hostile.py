"""``wenlint scan`` against hostile records, shards and output directories
(the real command in a subprocess, real files)."""

from __future__ import annotations

import ast
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import wenlint

from wenlint import pipeline
from wenlint.config import load_settings
from wenlint.corpus.batch import RecordError, ScanJob, Setup, annotator, dump_row, write_context
from wenlint.corpus.shards import ShardError
from wenlint.shardrule import ShardTally, corpus_rules, unpack_views

pa = pytest.importorskip("pyarrow", reason="the Parquet tests need wenlint[parquet]")
import pyarrow.parquet as pq  # noqa: E402

zstandard = pytest.importorskip("zstandard", reason="the .zst tests need wenlint[zstd]")

GOOD = [{"id": f"g{i}", "text": f"第{i}篇：今天，我们开会。会议讨论了工作安排。"} for i in range(3)]
ROOT = Path(__file__).resolve().parent.parent


def line(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode() + b"\n"


def scan(*args: str, cwd: Path):
    """``wenlint scan ARGS`` with one cheap rule unless ARGS select others (the rules are not what is tested)."""
    return wenlint("scan", *args, *([] if "--select" in args else ["--select", "M001"]), cwd=cwd)


def strict(text: str) -> list[dict]:
    """Every line of ``text`` parsed as strict JSON (NaN, Infinity refused)."""

    def refuse(name: str):
        raise ValueError(f"not strict JSON: {name}")

    return [json.loads(row, parse_constant=refuse) for row in text.splitlines()]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A directory with an empty wenlint.toml, so the project's config stays out."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    return tmp_path


# -- records ------------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "2"])
def test_records_too_deep_too_long_or_not_strict_json_are_bad_records(workdir, workers):
    source = workdir / "hostile.jsonl"
    source.write_bytes(
        line(GOOD[0])
        + b'{"id": "deep", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
        + b'{"id": "digits", "text": "x", "n": ' + b"7" * 5000 + b"}\n"
        + line(GOOD[1])
        + b'{"id": "nan", "text": "x", "n": NaN}\n'
        + b'{"id": "inf", "text": "x", "n": [1, -Infinity]}\n'
        + b'{"id": "huge", "text": "x", "n": 1e999}\n'
        + line(GOOD[2])
    )  # fmt: skip
    result = scan(str(source), "-o", str(workdir / "out.jsonl"), "--workers", workers, cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"error: {source}:2: nested too deeply to read",
        f"error: {source}:3: holds an integer of more than 4300 digits",
        f"error: {source}:5: not JSON: NaN is not a JSON value",
        f"error: {source}:6: not JSON: -Infinity is not a JSON value",
        f"error: {source}:7: holds a number out of a float's range (1e999)",
    ]
    rows = strict((workdir / "out.jsonl").read_text("utf-8"))
    assert [row["id"] for row in rows] == ["g0", "g1", "g2"]
    summary = json.loads((workdir / "out.jsonl.summary.json").read_text("utf-8"))
    assert (summary["documents"], summary["bad_records"]) == (3, 5)
    assert summary["bad_records_by_kind"] == {"not JSON": 2, "number out of range": 2, "too deep": 1}


def test_odd_ids_and_a_byte_order_mark_leave_the_summary_readable(workdir):
    source = workdir / "odd.jsonl"
    source.write_bytes(
        b"\xef\xbb\xbf"
        + json.dumps({"id": "\ud800", "text": GOOD[0]["text"]}).encode()
        + b"\n"
        + line({"id": "长" * 5000, "text": GOOD[1]["text"]})
    )
    result = scan(str(source), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert result.returncode == 0, result.stderr
    summary = json.loads((workdir / "out.jsonl.summary.json").read_text("utf-8"))
    assert sorted(entry["id"] for entry in summary["worst_documents"]) == ["\\ud800", "长" * 199 + "…"]
    assert [row["id"] for row in strict((workdir / "out.jsonl").read_text("utf-8"))] == ["\ud800", "长" * 5000]


def test_a_row_that_cannot_be_strict_json_is_a_record_error():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    for row, message in [({"n": deep}, "nested too deeply to write"), ({"n": [1.0, float("nan")]}, "holds NaN")]:
        with pytest.raises(RecordError, match=message):
            dump_row(row)
    assert dump_row({"t": "\ud800"}) == b'{"t": "\\ud800"}\n'  # unpaired surrogates escaped, not an error


def test_parquet_nan_and_infinity_are_written_to_json_lines_as_null(workdir):
    table = pa.table({"id": [1, 2], "text": [GOOD[0]["text"], GOOD[1]["text"]], "x": [float("nan"), float("-inf")]})
    pq.write_table(table, workdir / "in.parquet")
    result = scan(str(workdir / "in.parquet"), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert result.returncode == 0, result.stderr
    rows = strict((workdir / "out.jsonl").read_text("utf-8"))
    assert [(row["id"], row["x"]) for row in rows] == [(1, None), (2, None)]


def test_parquet_strings_that_are_not_utf8_are_bad_records(workdir):
    def strings(*values: bytes):
        return pa.array(values, type=pa.binary()).view(pa.string())  # Arrow writes them unchecked

    texts = strings(GOOD[0]["text"].encode(), b"\xff\xfe broken", GOOD[1]["text"].encode(), GOOD[2]["text"].encode())
    titles = strings(b"a", b"b", b"\xc3(", b"d")
    pq.write_table(pa.table({"id": [1, 2, 3, 4], "title": titles, "text": texts}), workdir / "in.parquet")
    result = wenlint(
        "scan", str(workdir / "in.parquet"), "-o", str(workdir / "out.jsonl"), "--workers", "2", cwd=workdir
    )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"error: {workdir / 'in.parquet'}:2: field 'text' holds bytes that are not UTF-8",
        f"error: {workdir / 'in.parquet'}:3: field 'title' holds bytes that are not UTF-8",
    ]
    assert [row["id"] for row in strict((workdir / "out.jsonl").read_text("utf-8"))] == [1, 4]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (
            ["id", "text", "_wenlint"],
            "the field name '_wenlint' is wenlint's own; rename that column to scan the shard",
        ),
        (
            ["id", "text", "text"],
            "the field name 'text' appears more than once; the records' fields need distinct names",
        ),
    ],
)
def test_parquet_columns_wenlint_cannot_tell_apart_are_a_shard_error(workdir, names, message):
    columns = [pa.array([1]), pa.array([GOOD[0]["text"]]), pa.array(["x"])]
    pq.write_table(pa.Table.from_arrays(columns, names=names), workdir / "in.parquet")
    result = scan(str(workdir / "in.parquet"), "-o", str(workdir / "out.parquet"), "--workers", "2", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode() == f"error: {workdir / 'in.parquet'}: {message}\n"


def test_a_record_parquet_cannot_hold_is_a_bad_record(workdir):
    source = workdir / "in.jsonl"
    source.write_bytes(line(GOOD[0]) + line({"id": "big", "text": "x", "n": 2**70}) + line(GOOD[1]))
    result = scan(str(source), "-o", str(workdir / "out.parquet"), cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"error: {source}:2: cannot be a Parquet row: Python int too large to convert to C long\n"
    )
    assert pq.read_table(workdir / "out.parquet").column("id").to_pylist() == ["g0", "g1"]
    summary = json.loads((workdir / "out.parquet.summary.json").read_text("utf-8"))
    assert (summary["documents"], summary["bad_records_by_kind"]) == (2, {"not a Parquet row": 1})


def test_parquet_output_keeps_fields_the_first_record_of_a_batch_lacks(workdir):
    source = workdir / "in.jsonl"
    source.write_bytes(line(GOOD[0]) + line({**GOOD[1], "extra": {"tags": ["a"]}}))
    result = scan(str(source), "-o", str(workdir / "out.parquet"), cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert pq.read_table(workdir / "out.parquet").column("extra").to_pylist() == [None, {"tags": ["a"]}]


def test_records_of_one_batch_that_fit_no_one_parquet_schema_are_a_shard_error(workdir):
    source = workdir / "in.jsonl"
    source.write_bytes(line({**GOOD[0], "n": 1}) + line({**GOOD[1], "n": "one"}))
    result = scan(str(source), "-o", str(workdir / "out.parquet"), "--workers", "2", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"error: {source}: records do not fit one Parquet schema: "
        "Could not convert 'one' with type str: tried to convert to int64\n"
    )
    assert not (workdir / "out.parquet").exists()


# -- shards -------------------------------------------------------------------------------------


def zstd(data: bytes) -> bytes:
    return zstandard.ZstdCompressor().compress(data)


@pytest.mark.parametrize(
    ("name", "cut", "message"),
    [
        ("cut.jsonl.zst", lambda whole: whole[: len(whole) // 2], "compressed file ended before the end of its last zstd frame"),
        ("cut.jsonl.zst", lambda whole: whole[:-1], "compressed file ended before the end of its last zstd frame"),
        ("junk.jsonl.zst", lambda whole: b"not zstd at all\n" * 4, "not a zstd stream (zstd decompressor error: Unknown frame descriptor)"),
    ],
)  # fmt: skip
def test_a_truncated_or_corrupt_zstd_shard_is_a_shard_error(workdir, name, cut, message):
    corpus = workdir / "in"
    corpus.mkdir()
    (corpus / name).write_bytes(cut(zstd(b"".join(line(record) for record in GOOD * 200))))
    (corpus / "ok.jsonl").write_bytes(line(GOOD[0]))
    result = scan(str(corpus), "-o", str(workdir / "out"), "--workers", "1", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode() == f"error: {corpus / name}: cannot read: {message}\n"
    assert not (workdir / "out" / name).exists()
    assert strict((workdir / "out" / "ok.jsonl").read_text("utf-8"))[0]["id"] == "g0"


def test_a_truncated_parquet_shard_is_named_once(workdir):
    pq.write_table(pa.table({"id": ["g0"], "text": [GOOD[0]["text"]]}), workdir / "in.parquet")
    whole = (workdir / "in.parquet").read_bytes()
    (workdir / "in.parquet").write_bytes(whole[: len(whole) // 2])
    result = scan(str(workdir / "in.parquet"), "-o", str(workdir / "out.parquet"), cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"error: {workdir / 'in.parquet'}: not a readable Parquet file: ")
    assert result.stderr.decode().count("\n") == 1


def test_a_damaged_gzip_shard_is_a_shard_error(workdir):
    source = workdir / "in.jsonl.gz"
    source.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"\xff" * 20)  # a gzip header, then no deflate
    result = scan(str(source), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == f"error: {source}: cannot read: Error -3 while decompressing data: invalid block type\n"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_utf16_or_utf32_shard_is_a_shard_error(workdir, encoding):
    source = workdir / "in.jsonl"
    source.write_bytes((json.dumps(GOOD[0], ensure_ascii=False) + "\n").encode(encoding))  # with a byte-order mark
    result = scan(str(source), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert result.returncode == 2
    name = encoding.upper()
    assert result.stderr.decode() == (
        f"error: {source}: cannot read: {name} text; JSON Lines are UTF-8 (convert it, e.g. iconv -f {name} -t UTF-8)\n"
    )


def test_a_named_pipe_given_as_a_shard_is_refused_without_blocking(workdir):
    os.mkfifo(workdir / "pipe.jsonl")
    result = scan(str(workdir / "pipe.jsonl"), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        f"error: {workdir / 'pipe.jsonl'}: not a regular file or directory (a pipe, socket or device is not a shard)\n",
    )


def test_a_zstd_shard_of_several_frames_is_read_whole(workdir):
    source = workdir / "frames.jsonl.zst"
    source.write_bytes(b"".join(zstd(line(record)) for record in GOOD))
    result = scan(str(source), "-o", str(workdir / "out.jsonl"), cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert [row["id"] for row in strict((workdir / "out.jsonl").read_text("utf-8"))] == ["g0", "g1", "g2"]


# -- the output directory -------------------------------------------------------------------------


def s010_records() -> list[dict]:
    """Six documents under a title of their own, sharing a line of site chrome."""
    body = "今天，我们召开全区社区建设工作会议，主要是总结经验、部署工作。会议强调，要进一步加强社区党组织建设。"
    return [
        {"id": i, "text": f"{'甲乙丙丁戊己'[i]}号通知\n文档下载 - 资料文库\n{body[i:]}\n{body[: 20 + i]}。\n"}
        for i in range(6)
    ]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_planted_symlinks_at_the_old_temporary_names_are_not_followed(workdir, workers):
    source = workdir / "a.jsonl"
    source.write_bytes(b"".join(line(record) for record in s010_records()))
    out = workdir / "out"
    out.mkdir()
    victim = workdir / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    for name in (".a.jsonl.wenlint-tmp", ".a.jsonl.wenlint-context"):
        (out / name).symlink_to(victim)
    result = scan(str(source), "-o", str(out), "--select", "S010", "--workers", workers, cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "precious"
    rows = strict((out / "a.jsonl").read_text("utf-8"))
    assert [finding["code"] for row in rows for finding in row["wenlint"]["findings"]] == ["S010"] * 6
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".a.jsonl.wenlint")) == [
        ".a.jsonl.wenlint-context",
        ".a.jsonl.wenlint-stats.json",
        ".a.jsonl.wenlint-tmp",
    ]  # the planted links, left alone; nothing of the run's own left behind


@pytest.mark.parametrize("name", ["a.jsonl", ".a.jsonl.wenlint-stats.json"])
def test_a_symlink_planted_where_the_output_goes_is_refused(workdir, name):
    source = workdir / "a.jsonl"
    source.write_bytes(line(GOOD[0]))
    (workdir / "out").mkdir()
    victim = workdir / "victim.txt"
    if name.endswith(".json"):
        victim.write_text("precious", encoding="utf-8")
    (workdir / "out" / name).symlink_to(victim)  # dangling for the shard: "not finished", so it would be written
    result = scan(str(source), "-o", str(workdir / "out"), "--workers", "1", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"error: {source}: {workdir / 'out' / name}: a symbolic link where the output goes; remove it (it is not followed)\n"
    )
    assert victim.read_text(encoding="utf-8") == "precious" if name.endswith(".json") else not victim.exists()


def test_a_symlinked_folder_inside_the_output_directory_is_refused(workdir):
    (workdir / "in" / "sub").mkdir(parents=True)
    (workdir / "in" / "sub" / "b.jsonl").write_bytes(line(GOOD[0]))
    (workdir / "out").mkdir()
    (workdir / "elsewhere").mkdir()
    (workdir / "out" / "sub").symlink_to(workdir / "elsewhere")
    result = scan(str(workdir / "in"), "-o", str(workdir / "out"), cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"error: {workdir / 'out' / 'sub'}: a symbolic link inside the output directory; remove it (it is not followed)\n"
    )
    assert list((workdir / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("stats", ["[]", "null", '{"documents": 1, "scores": 5}', '{"documents": "1"}'])
def test_damaged_statistics_of_a_finished_shard_do_not_stop_the_run(workdir, stats):
    source = workdir / "a.jsonl"
    source.write_bytes(line(GOOD[0]))
    assert scan(str(source), "-o", str(workdir / "out"), cwd=workdir).returncode == 0
    full = json.loads((workdir / "out" / ".a.jsonl.wenlint-stats.json").read_text("utf-8"))
    damaged = json.loads(stats)
    (workdir / "out" / ".a.jsonl.wenlint-stats.json").write_text(
        json.dumps({**full, **damaged} if isinstance(damaged, dict) else damaged), encoding="utf-8"
    )
    result = scan(str(source), "-o", str(workdir / "out"), cwd=workdir)
    assert (result.returncode, result.stderr) == (0, b"")
    assert b"(1 finished before, skipped)" in result.stdout


def test_temporary_files_a_killed_run_left_are_removed(workdir):
    source = workdir / "a.jsonl"
    source.write_bytes(b"".join(line(record) for record in s010_records()))
    out = workdir / "out"
    out.mkdir()
    left = [out / ".a.jsonl.k1ll3d_0.wenlint-tmp", out / ".a.jsonl.k1ll3d_0.wenlint-context"]
    kept = [out / ".a.jsonl.gz.k1ll3d_0.wenlint-tmp", out / "a.jsonl.k1ll3d_0.wenlint-tmp"]  # not ours
    for path in left + kept:
        path.write_bytes(b"partial")
    result = scan(str(source), "-o", str(out), "--select", "S010", "--workers", "2", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert [path.exists() for path in left + kept] == [False, False, True, True]


def test_the_shard_context_is_plain_data_in_a_private_file(workdir):
    settings = load_settings(None).with_overrides(["S010"])
    (rule,) = corpus_rules(pipeline.make_rules(settings, "a.jsonl"))
    tally = ShardTally([rule])
    tally.add({rule.code: rule.count([record["text"] for record in s010_records()])})
    views = tally.views()
    first = write_context([rule], views, workdir / "out" / "a.jsonl")
    assert first.path.name.startswith(".a.jsonl.") and first.path.name.endswith(".wenlint-context")
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert unpack_views([rule], first.path.read_bytes()) == views
    assert first.path.read_bytes()[:1] != b"\x80"  # not a pickle (protocol 2 and later start with 0x80)
    assert annotator(Setup(settings, ScanJob(), "a.jsonl", "read", first)).context == views
    first.path.write_bytes(first.path.read_bytes()[:-1] + b"\x00")  # changed behind the scan's back
    with pytest.raises(ShardError, match="changed by someone else while the shard was scanned"):
        annotator(Setup(settings, ScanJob(), "a.jsonl", "changed", first))
    second = write_context([rule], views, workdir / "out" / "a.jsonl")
    assert second.path != first.path and not first.path.exists()  # another name; the earlier file, left over, removed


def test_corpus_mode_imports_no_pickle():
    sources = [*(ROOT / "lint" / "corpus").glob("*.py"), ROOT / "lint" / "shardrule.py"]
    imported = [
        f"{path.name}:{node.lineno}"
        for path in sources
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and any("pickle" in name for name in [getattr(node, "module", None) or ""] + [a.name for a in node.names])
    ]
    assert imported == []


@pytest.mark.parametrize(
    ("inputs", "output", "message"),
    [
        ("in", "in", "{w}/in: is the input {w}/in or lies inside it; write the output elsewhere"),
        ("in", "in/out", "{w}/in/out: is the input {w}/in or lies inside it; write the output elsewhere"),
        ("in/sub", "in", "{w}/in: holds the input {w}/in/sub; write the output elsewhere"),
        ("in/a.jsonl", "in", "{w}/in: holds the input {w}/in/a.jsonl; write the output elsewhere"),
        ("in/a.jsonl", "in/a.jsonl", "{w}/in/a.jsonl: is the input {w}/in/a.jsonl or lies inside it; write the output elsewhere"),
    ],
)  # fmt: skip
def test_an_output_overlapping_the_input_is_refused(workdir, inputs, output, message):
    (workdir / "in" / "sub").mkdir(parents=True)
    for name in ("a.jsonl", "sub/b.jsonl"):
        (workdir / "in" / name).write_bytes(line(GOOD[0]))
    before = sorted(os.walk(workdir))
    result = scan(str(workdir / inputs), "-o", str(workdir / output), cwd=workdir)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == "error: " + message.format(w=workdir) + "\n"
    assert sorted(os.walk(workdir)) == before


def test_rejected_rows_cannot_go_where_the_kept_ones_do(workdir):
    (workdir / "a.jsonl").write_bytes(line(GOOD[0]))
    result = scan("a.jsonl", "-o", "x.jsonl", "--min-score", "50", "--rejected", "x.jsonl", cwd=workdir)
    assert (result.returncode, result.stderr.decode()) == (2, "error: x.jsonl: --rejected and -o name the same place\n")
