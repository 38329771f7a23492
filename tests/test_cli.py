"""The command line end to end, as a user runs it (real subprocesses)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES, wenlint

from wenlint.process import GC_THRESHOLD

BAD = "今天,我们开会。刘**同志主持。\n"


def files_of(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_check_seeds_reports_placeholders_and_punctuation():
    result = wenlint("check", "seeds/", cwd=ROOT)
    assert result.returncode == 1
    out = result.stdout.decode()
    for path in SEED_FILES:
        assert f"seeds/{path.name}:" in out and "M001" in out
    flagged = {line.split(":")[0] for line in out.splitlines() if " P00" in line and line.startswith("seeds/")}
    assert {Path(p).name[:3] for p in flagged} == {"000", "003", "004"}
    assert "^" in out and "= fix:" in out and "fixable with `--fix`" in out


def test_json_output_shape_and_stable_order(seeds_copy):
    result = wenlint("check", str(seeds_copy), "--output-format", "json")
    assert result.returncode == 1
    found = json.loads(result.stdout)
    assert found
    keys = {
        "code",
        "name",
        "message",
        "severity",
        "filename",
        "location",
        "end_location",
        "offset",
        "end_offset",
        "fix",
    }
    assert all(keys <= set(item) for item in found)
    order = [(item["filename"], item["offset"]) for item in found]
    assert order == sorted(order)
    texts = {
        path: path_text
        for path, path_text in ((str(p), p.read_text(encoding="utf-8")) for p in seeds_copy.glob("*.txt"))
    }
    for item in found:
        text = texts[item["filename"]]
        line_start = sum(len(line) + 1 for line in text.split("\n")[: item["location"]["line"] - 1])
        assert line_start + item["location"]["column"] - 1 == item["offset"]
        if item["fix"]:
            assert item["fix"]["applicability"] in ("safe", "unsafe")
            for edit in item["fix"]["edits"]:
                assert {"offset", "end_offset", "content"} <= set(edit)
        if item["code"] == "M001":
            assert text[item["offset"]] in ",.:;!?("


@pytest.mark.slow
def test_json_lines_and_github_give_one_line_per_finding(seeds_copy):
    as_json = json.loads(wenlint("check", str(seeds_copy), "--output-format", "json").stdout)
    lines = wenlint("check", str(seeds_copy), "--output-format", "json-lines").stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == as_json
    github = wenlint("check", str(seeds_copy), "--output-format", "github")
    assert github.returncode == 1
    annotations = github.stdout.decode().splitlines()
    assert len(annotations) == len(as_json)
    first = as_json[0]
    level = {"error": "error", "warning": "warning", "info": "notice"}[first["severity"]]
    assert annotations[0].startswith(
        f"::{level} title=wenlint ({first['code']}),file={first['filename']},"
        f"line={first['location']['line']},col={first['location']['column']},"
    )


def test_diff_prints_and_changes_nothing(seeds_copy):
    before = files_of(seeds_copy)
    result = wenlint("check", str(seeds_copy), "--diff")
    assert result.returncode == 1
    diff = result.stdout.decode()
    assert diff.count("--- a/") == len(SEED_FILES)
    assert "-同志们:" in diff and "+同志们：" in diff
    assert files_of(seeds_copy) == before


@pytest.mark.slow
def test_fix_removes_punctuation_keeps_placeholders_and_is_idempotent(seeds_copy):
    result = wenlint("check", str(seeds_copy), "--fix", "--output-format", "json")
    assert result.returncode == 1
    left = json.loads(result.stdout)
    codes = {item["code"] for item in left}
    assert "M001" not in codes and {"P001", "P002"} <= codes
    once = files_of(seeds_copy)
    again = wenlint("check", str(seeds_copy), "--fix", "--diff")
    assert again.stdout == b""
    wenlint("check", str(seeds_copy), "--fix")
    assert files_of(seeds_copy) == once


def test_show_fixes_lists_what_was_fixed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    result = wenlint("check", str(path), "--fix", "--show-fixes", "--output-format", "concise")
    assert f"fixed {path}: 1 × M001" in result.stderr.decode()
    assert "Fixed 1 finding." in result.stdout.decode() and "P001" in result.stdout.decode()


def test_fix_keeps_bom_crlf_and_permissions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff第一行,\r\n今天,我们\r\n".encode())
    path.chmod(0o640)
    assert wenlint("check", "--fix", str(path)).returncode == 0
    assert path.read_bytes() == "\ufeff第一行，\r\n今天，我们\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_fix_does_not_rewrite_unchanged_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("刘**同志。\n", encoding="utf-8")
    inode = path.stat().st_ino
    os.utime(path, (1, 1))
    assert wenlint("check", "--fix", str(path)).returncode == 1
    assert path.stat().st_ino == inode and path.stat().st_mtime == 1


def test_bad_inputs_are_reported_and_the_rest_still_checked(tmp_path):
    (tmp_path / "good.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    (tmp_path / "undecodable.txt").write_bytes(b"caf\xe9 \x80\x80")  # neither UTF-8, GB18030 nor Big5
    (tmp_path / "unreadable.txt").symlink_to(tmp_path / "missing")
    result = wenlint("check", str(tmp_path), "--output-format", "concise")
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 3
    assert any("binary.txt" in line and "binary" in line for line in errors)
    assert any("undecodable.txt" in line and "UTF-8" in line for line in errors)
    assert any("unreadable.txt" in line and "cannot read" in line for line in errors)
    assert all(line.startswith("error: ") for line in errors)
    assert "good.txt:1:3: M001" in result.stdout.decode()


def test_unreadable_permission(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "locked.txt"
    path.write_text(BAD, encoding="utf-8")
    path.chmod(0)
    result = wenlint("check", str(path))
    assert result.returncode == 2 and "cannot read" in result.stderr.decode()


def test_directory_loop_is_an_error_not_a_hang(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs")
    result = wenlint("check", str(tmp_path / "docs"), "--output-format", "concise")
    assert result.returncode == 2
    assert "directory loop" in result.stderr.decode()
    assert result.stdout.decode().count("a.txt:1:3: M001") == 1


def test_stdin(tmp_path):
    result = wenlint("check", "-", "--output-format", "concise", stdin=BAD.encode())
    assert result.returncode == 1 and "-:1:3: M001" in result.stdout.decode()
    fixed = wenlint("check", "-", "--fix", "--stdin-filename", "x.md", stdin=BAD.encode())
    assert fixed.stdout.decode() == "今天，我们开会。刘**同志主持。\n"
    assert "x.md:1:" in fixed.stderr.decode() and fixed.returncode == 1


def test_select_ignore_and_exit_zero(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    only_p = wenlint("check", str(path), "--select", "P", "--output-format", "concise").stdout.decode()
    assert "P001" in only_p and "M001" not in only_p
    assert wenlint("check", str(path), "--ignore", "P,M001").returncode == 0
    assert wenlint("check", str(path), "--exit-zero").returncode == 0
    unknown = wenlint("check", str(path), "--select", "Q9")
    assert unknown.returncode == 2 and "Q9" in unknown.stderr.decode()


def test_config_file_and_its_errors(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text(BAD, encoding="utf-8")
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.wenlint]\nignore = ["P"]\nper-file-ignores = { "docs/b.txt" = ["M001"] }\n', encoding="utf-8"
    )
    result = wenlint("check", str(tmp_path / "docs"), "--output-format", "concise")
    found = [line for line in result.stdout.decode().splitlines() if ": " in line and ".txt:" in line]
    assert [line.split(": ")[1].split()[0] for line in found] == ["M001"]
    assert "a.txt:1:3: M001" in found[0]
    config.write_text('[tool.wenlint]\nselcet = ["P"]\n', encoding="utf-8")
    result = wenlint("check", str(tmp_path / "docs"))
    assert result.returncode == 2 and "'selcet'" in result.stderr.decode()
    config.write_text('[tool.wenlint.rules.M001]\nstyle = "wide"\n', encoding="utf-8")
    result = wenlint("check", str(tmp_path / "docs"))
    assert result.returncode == 2 and "style" in result.stderr.decode()
    (tmp_path / "wenlint.toml").write_text('[rules.halfwidth-punctuation]\nstyle = "half"\n', encoding="utf-8")
    result = wenlint("check", str(tmp_path / "docs"), "--select", "M001")
    assert result.returncode == 1 and "full-width `。`" in result.stdout.decode()


def test_gitignore_and_file_types(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("ignored/\n*.skip.txt\n", encoding="utf-8")
    files = ("a.txt", "b.md", "c.skip.txt", "ignored/d.txt", "e.html", "sub/f.txt", "sub/deep/g.skip.txt")
    for name in (*files, "local.txt", "sub/local.txt", "sub/deep/local.txt", "sub/deep/h.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("local.txt\n", encoding="utf-8")  # applies under sub/ only
    out = wenlint("check", str(tmp_path), "--output-format", "concise").stdout.decode()
    checked = {str(Path(line.split(":")[0]).relative_to(tmp_path)) for line in out.splitlines() if ":1:3:" in line}
    assert checked == {"a.txt", "b.md", "local.txt", "sub/f.txt", "sub/deep/h.txt"}
    explicit = wenlint("check", str(tmp_path / "e.html"), "--output-format", "concise").stdout.decode()
    assert "e.html:1:3" in explicit


def test_baseline_matches_by_text_not_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert wenlint("check", str(path), "--write-baseline", str(baseline)).returncode == 0
    assert wenlint("check", str(path), "--baseline", str(baseline)).returncode == 0
    path.write_text("新的第一行。\n\n" + BAD, encoding="utf-8")
    assert wenlint("check", str(path), "--baseline", str(baseline)).returncode == 0
    path.write_text("新的第一行。\n\n" + BAD + "明天,再说。\n", encoding="utf-8")
    result = wenlint("check", str(path), "--baseline", str(baseline), "--output-format", "json")
    assert result.returncode == 1
    assert [(f["code"], f["location"]["line"]) for f in json.loads(result.stdout)] == [("M001", 4)]


def test_a_baseline_that_is_a_fifo_is_one_error_not_a_hang(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "baseline.json")
    result = subprocess.run(
        [sys.executable, "-m", "wenlint", "check", "a.txt", "--baseline", "baseline.json"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == "error: cannot read baseline baseline.json: not a regular file\n"


def test_statistics(seeds_copy):
    result = wenlint("check", str(seeds_copy), "--statistics")
    rows = [line.split("\t") for line in result.stdout.decode().splitlines() if "\t" in line]
    by_code = {row[1]: (int(row[0]), row[2]) for row in rows}
    counted = json.loads(wenlint("check", str(seeds_copy), "--output-format", "json").stdout)
    assert by_code["M001"][0] == sum(1 for f in counted if f["code"] == "M001")
    assert by_code["M001"][1].startswith("[*]") and by_code["P001"][1].startswith(" ")


def test_rules_and_help():
    listing = wenlint("rules").stdout.decode()
    for code in ("M001", "P001", "P002", "P003", "P004", "P005"):
        assert code in listing
    help_text = wenlint("check", "--help").stdout.decode()
    for flag in (
        "--fix",
        "--unsafe-fixes",
        "--diff",
        "--show-fixes",
        "--select",
        "--ignore",
        "--extend-select",
        "--preview",
        "--no-preview",
        "--output-format",
        "--output-file",
        "--statistics",
        "--exit-zero",
        "--config",
        "--stdin-filename",
        "--baseline",
        "--write-baseline",
    ):
        assert flag in help_text
    assert wenlint("rule", "Q999").returncode == 2


def test_output_file_and_paths_absolute_or_relative(tmp_path):
    shutil.copy(SEED_FILES[0], tmp_path / "doc.txt")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    report = tmp_path / "report.json"
    wenlint(
        "check",
        "doc.txt",
        str(tmp_path / "doc.txt"),
        "--output-format",
        "json",
        "--output-file",
        str(report),
        cwd=tmp_path,
    )
    names = {item["filename"] for item in json.loads(report.read_text(encoding="utf-8"))}
    assert names == {"doc.txt", str(tmp_path / "doc.txt")}


def test_summary_gives_the_quality_score(seeds_copy):
    from wenlint import Document, pipeline
    from wenlint.engine import lint
    from wenlint.registry import all_rules, on_by_default

    path = seeds_copy / "004_d9972e5a2f04e8af.txt"
    out = wenlint("check", str(path), "--output-format", "concise").stdout.decode()
    text = path.read_text(encoding="utf-8")
    rules = [rule() for rule in all_rules().values() if on_by_default(rule)]
    doc = Document(text, str(path))
    expected = pipeline.score_of(doc, lint(doc, rules), rules)
    assert f"Quality score: {expected}/100." in out
    assert expected < 50  # seed 004 is badly damaged
    several = wenlint("check", str(seeds_copy), "--output-format", "concise").stdout.decode()
    assert "Quality score: mean " in several and f"{path} {expected}" in several


def test_per_file_ignores_outrank_selectors():
    # The project ignores ALL on seeds/DEFECTS.md; `--select S` must not bring rules back.
    result = wenlint("check", "seeds/DEFECTS.md", "--select", "S", "--output-format", "concise", cwd=ROOT)
    assert result.returncode == 0, result.stdout.decode()
    assert wenlint("check", "seeds/000_716d610ea24c9253.txt", "--select", "S", cwd=ROOT).returncode == 1


def test_the_command_runs_the_garbage_collector_less_often(tmp_path):
    """Findings are allocated by the ten thousand; at Python's default
    thresholds the collector takes a quarter of the M family's time."""
    probe = "import gc, sys; from wenlint.cli import main; main(sys.argv[1:]); print(gc.get_threshold()[0])"
    (tmp_path / "a.txt").write_text("今天天气很好。\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", probe, "check", "a.txt", "--output-format", "concise"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.splitlines()[-1] == str(GC_THRESHOLD) != "700"


@pytest.mark.parametrize(
    ("args", "expected", "stderr"),
    [
        (["rule", "--all"], 0, ""),
        (["check", ".", "--exit-zero"], 0, ""),
        (["check", "."], 1, ""),
        (["check", ".", "--diff"], 1, "Would fix"),
        (["check", ".", "../binary.txt", "--exit-zero"], 2, "error: ../binary.txt: "),
    ],
)
def test_a_reader_that_leaves_early_ends_the_run_quietly_with_its_exit_code(seeds_copy, args, expected, stderr):
    """``wenlint … | head -1``: each report is far larger than a pipe holds,
    so the reader closes it while the run is still writing."""
    if "../binary.txt" in args:
        (seeds_copy.parent / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    process = subprocess.Popen(
        [sys.executable, "-m", "wenlint", *args], cwd=seeds_copy, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait() == expected
    assert errors.startswith(stderr) and errors.count("\n") <= 1, errors
