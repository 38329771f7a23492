"""Inputs that must not break a run: each is one clear error line (or is
checked), never a traceback, and every other file is still checked."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import wenlint

BAD = "今天,我们开会。\n"


def _errors(result) -> list[str]:
    lines = result.stderr.decode().splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    return lines


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_every_bad_input_in_one_run(project):
    (project / "nul.txt").write_bytes("第一行\n".encode() + b"\0\x01\x02" * 100)
    (project / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (project / "latin1.txt").write_bytes("café crème".encode("latin-1"))
    (project / "loop.txt").symlink_to(project / "loop.txt")
    (project / "sub").mkdir()
    (project / "sub" / "again").symlink_to(project / "sub")
    with open(project / "huge.txt", "wb") as handle:  # sparse: 200 MB that take no disk
        handle.truncate(200 * 2**20)
    result = wenlint("check", str(project), "--output-format", "concise")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    errors = _errors(result)
    expected = {
        "nul.txt": "binary file (NUL bytes), not text",
        "image.txt": "binary file (PNG image), not text",
        "latin1.txt": "unknown text encoding: not UTF-8 (byte 0xe9 at offset 3), UTF-16, GB18030 or Big5",
        "loop.txt": "cannot read: Too many levels of symbolic links",
        "huge.txt": "file too large (200.0 MiB > 64 MiB); raise max-file-size-mb to check it",
    }
    for name, reason in expected.items():
        assert f"error: {project / name}: {reason}" in errors, (name, errors)
    assert any("again" in line and "directory loop" in line for line in errors)
    assert len(errors) == len(expected) + 1
    assert result.stdout.decode().count("good.txt:1:3: M001") == 1


def test_the_size_limit_is_configurable(project):
    with open(project / "big.txt", "wb") as handle:
        handle.write(BAD.encode() * (3 * 2**20 // len(BAD.encode()) + 1))
    (project / "wenlint.toml").write_text("max-file-size-mb = 2\n", encoding="utf-8")
    small_limit = wenlint("check", str(project / "big.txt"), "--select", "M001", "--statistics")
    assert small_limit.returncode == 2
    assert _errors(small_limit) == [
        f"error: {project / 'big.txt'}: file too large (3.0 MiB > 2 MiB); raise max-file-size-mb to check it"
    ]
    (project / "wenlint.toml").write_text("max-file-size-mb = 4\n", encoding="utf-8")
    raised = wenlint("check", str(project / "big.txt"), "--select", "M001", "--statistics")
    assert raised.returncode == 1 and raised.stderr == b""


def test_standard_input_over_the_limit_is_an_error_without_reading_it_all(project):
    (project / "wenlint.toml").write_text("max-file-size-mb = 1\n", encoding="utf-8")
    result = wenlint("check", "-", "--config", str(project / "wenlint.toml"), stdin=b"x" * (2 * 2**20))
    assert result.returncode == 2
    assert _errors(result) == ["error: -: file too large (over 1 MiB); raise max-file-size-mb to check it"]


@pytest.mark.slow
def test_a_50_mb_line_is_checked(project):
    """One line of 50 MB (seed text with an odd space, a zero-width space and
    an entity every 9,000 characters), checked by the E rules in a few
    seconds. (The E rules only, to keep the suite fast: every rule takes
    tens of seconds on a line this long.)"""
    unit = "社区建设工作会议在区政府召开，" * 600 + "电脑版\u00a0|金锄头\u200b文库&nbsp;。"
    repeats = 50 * 2**20 // len(unit.encode())
    (project / "long.txt").write_text(unit * repeats + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = wenlint("check", str(project / "long.txt"), "--select", "E", "--output-format", "json")
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr.decode()
    found = json.loads(result.stdout)
    assert [item["code"] for item in found].count("E006") == repeats
    assert {(item["code"], item["location"]["line"]) for item in found} == {("E005", 1), ("E006", 1), ("E007", 1)}
    assert elapsed < 20, elapsed


def test_a_file_name_that_is_not_utf8(project):
    name = os.fsdecode(b"bad\xff\xfe.txt")
    (project / name).write_text(BAD, encoding="utf-8")
    (project / os.fsdecode(b"image\xff.txt")).write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    result = wenlint("check", str(project), "--output-format", "concise")
    assert result.returncode == 2
    assert _errors(result) == [f"error: {project}/image\\xff.txt: binary file (PNG image), not text"]
    assert f"{project}/bad\\xff\\xfe.txt:1:3: M001" in result.stdout.decode()
    as_json = wenlint("check", str(project / name), "--output-format", "json")
    assert json.loads(as_json.stdout)[0]["filename"].endswith("bad\\xff\\xfe.txt")
    fixed = wenlint("check", str(project / name), "--fix")
    assert fixed.returncode == 0 and (project / name).read_text(encoding="utf-8") == "今天，我们开会。\n"


def test_an_unreadable_file(project):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    (project / "locked.txt").write_text(BAD, encoding="utf-8")
    (project / "locked.txt").chmod(0)
    result = wenlint("check", str(project), "--output-format", "concise")
    assert result.returncode == 2
    assert _errors(result) == [f"error: {project / 'locked.txt'}: cannot read: Permission denied"]
    assert "good.txt:1:3: M001" in result.stdout.decode()


def test_a_directory_or_device_given_as_a_file(project):
    config_dir = wenlint("check", str(project / "good.txt"), "--config", str(project))
    assert config_dir.returncode == 2
    assert _errors(config_dir) == [f"error: {project}: no such config file"]
    device = wenlint("check", "/dev/null", str(project / "good.txt"), "--output-format", "concise")
    assert device.returncode == 2
    assert _errors(device) == ["error: /dev/null: not a regular file"]
    assert "good.txt:1:3: M001" in device.stdout.decode()


def test_a_fix_the_file_encoding_cannot_hold_is_an_error_not_a_crash(project):
    path = project / "big5.txt"
    data = "會議通知：明天開會&#x1F600;。\n".encode("big5")
    path.write_bytes(data)
    result = wenlint("check", "--fix", "--select", "E007", str(path), str(project / "good.txt"))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert _errors(result) == [
        f"error: {path}: cannot write the fixed file: Big5 has no `😀` (rewrite it as UTF-8 with E001 first)"
    ]
    assert path.read_bytes() == data
    converted = wenlint("check", "--fix", "--select", "E001,E007", str(path))
    assert converted.returncode == 0 and path.read_text(encoding="utf-8") == "會議通知：明天開會😀。\n"
