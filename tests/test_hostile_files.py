"""Hostile files and names: FIFOs, sockets and devices are skipped without
blocking; a NUL anywhere means binary; a bad config is one error line;
``--fix`` keeps a file's owner and group, leaves read-only files alone and
leaves no temporary file behind, even when killed; file names are printed
with their control characters escaped."""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from wenlint.cli import Terminated, _ending_signals_raise, main
from wenlint.storage import write_atomic

BAD = "今天,我们开会。\n"
FIXED = "今天，我们开会。\n"
#: A name that would retitle the terminal, break the line and reverse what follows.
HOSTILE = "a\x1b]0;owned\x07\nb\u202eevil.txt"
HOSTILE_SHOWN = "a\\x1b]0;owned\\x07\\nb\\u202eevil.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``wenlint check`` that must end on its own (a blocked run fails the test)."""
    return subprocess.run(
        [sys.executable, "-m", "wenlint", "check", *args], cwd=cwd, capture_output=True, timeout=60, check=False
    )


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    return lines


def test_fifos_and_sockets_are_skipped_without_blocking(project):
    os.mkfifo(project / "given.txt")
    (project / "sub").mkdir()
    os.mkfifo(project / "sub" / "walked.txt")
    os.mkfifo(project / "sub" / ".gitignore")  # read by the walk: must not block either
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(project / "sub" / "socket.txt"))
    try:
        result = check("given.txt", "sub", "good.txt", "/dev/zero", "--output-format", "concise", cwd=project)
    finally:
        listener.close()
    assert result.returncode == 2
    assert sorted(error_lines(result)) == [
        "error: /dev/zero: not a regular file",
        "error: given.txt: not a regular file",
        "error: sub/socket.txt: not a regular file",
        "error: sub/walked.txt: not a regular file",
    ]
    assert "good.txt:1:3: M001" in result.stdout.decode()


def test_a_path_deeper_than_the_system_allows_is_that_path_error(project):
    descriptor = os.open(project, os.O_RDONLY)
    for _ in range(25):  # 25 × 200 bytes: a path over 4,096 bytes, made one folder at a time
        os.mkdir("d" * 200, dir_fd=descriptor)
        inner = os.open("d" * 200, os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    os.close(descriptor)
    result = check("d" * 200, "good.txt", "--output-format", "concise", cwd=project)
    assert result.returncode == 2
    [line] = error_lines(result)
    assert line.endswith(": cannot read directory: File name too long")
    assert "good.txt:1:3: M001" in result.stdout.decode()


@pytest.mark.parametrize("head", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "utf8-bom"])
def test_a_nul_after_the_first_8_kib_means_binary(project, head):
    (project / "nul.txt").write_bytes(head + BAD.encode() * 1000 + b"\0" + BAD.encode())
    result = check("nul.txt", "good.txt", "--output-format", "concise", cwd=project)
    assert result.returncode == 2
    assert error_lines(result) == ["error: nul.txt: binary file (NUL bytes), not text"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_fix_keeps_the_owner_and_group(project):
    path = project / "theirs.txt"
    path.write_text(BAD, encoding="utf-8")
    os.chown(path, 1234, 2345)
    path.chmod(0o640)
    result = check("--fix", "theirs.txt", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (1234, 2345, 0o640)
    assert path.read_text(encoding="utf-8") == FIXED


def test_fix_leaves_a_read_only_file_alone(project):
    """Read-only by its mode bits, whoever runs it (root may write any file,
    and anyone may replace it by a rename in a writable folder)."""
    path = project / "locked.txt"
    path.write_text(BAD, encoding="utf-8")
    path.chmod(0o444)
    result = check("--fix", "locked.txt", "good.txt", cwd=project)
    assert result.returncode == 2
    assert error_lines(result) == ["error: locked.txt: read-only file, not fixed"]
    assert path.read_text(encoding="utf-8") == BAD and path.stat().st_mode & 0o777 == 0o444
    assert (project / "good.txt").read_text(encoding="utf-8") == FIXED
    assert "Fixed 1 finding." in result.stdout.decode()  # good.txt's, not the one left alone


def test_a_file_that_cannot_be_written_reports_the_findings_it_still_has(project):
    path = project / "locked.txt"
    path.write_text(BAD, encoding="utf-8")
    path.chmod(0o444)
    result = check("--fix", "--output-format", "json", "locked.txt", cwd=project)
    assert result.returncode == 2
    assert error_lines(result) == ["error: locked.txt: read-only file, not fixed"]
    found = json.loads(result.stdout)
    assert [(f["filename"], f["code"], f["location"]["column"]) for f in found] == [
        ("locked.txt", "X002", 1),  # the write error, a finding in a machine format as on stderr
        ("locked.txt", "M001", 3),
    ]


def test_a_later_fix_removes_stale_temporary_files(project, tmp_path_factory):
    hour_ago = time.time() - 3600
    stale = project / ".good.txt.k3x_9a0q.wenlint-tmp"
    fresh = project / ".good.txt.abcdefgh.wenlint-tmp"  # a run under way may be writing it
    other = project / ".good.txt.wenlint-tmp"  # not wenlint's naming pattern
    outside = tmp_path_factory.mktemp("outside") / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    link = project / ".good.txt.zzzzzzzz.wenlint-tmp"
    link.symlink_to(outside)
    for path in (stale, fresh, other):
        path.write_bytes(b"partial")
    for path in (stale, other, link):
        os.utime(path, (hour_ago, hour_ago), follow_symlinks=False)
    os.utime(outside, (hour_ago, hour_ago))
    result = check("--fix", "good.txt", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    assert not stale.exists()
    assert fresh.exists() and other.exists() and link.is_symlink()
    assert outside.read_text(encoding="utf-8") == "keep"


def _temporaries(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".wenlint-tmp")]


def _stop_while_writing(process: subprocess.Popen, folder: Path) -> bool:
    """Stop ``process`` while its temporary file exists; False if it finished first."""
    while process.poll() is None:
        if _temporaries(folder):
            os.kill(process.pid, signal.SIGSTOP)
            if _temporaries(folder):
                return True
            os.kill(process.pid, signal.SIGCONT)
    return False


@functools.cache
def big() -> str:
    """About 24 MB with one fix: its write lasts long enough to be caught."""
    return BAD + "今天我们开会。\n" * (24 * 2**20 // 22)


def _signal_while_writing(folder: Path, signum: int, ignore: bool = False) -> subprocess.Popen:
    """A real ``--fix`` of ``folder/big.txt`` sent ``signum`` while its
    temporary file exists (with the signal ignored from the start if ``ignore``,
    as under nohup); the finished process."""
    command = [sys.executable, "-m", "wenlint", "check", "--fix", "--select", "M001", "big.txt"]
    for _ in range(5):
        (folder / "big.txt").write_text(big(), encoding="utf-8")
        process = subprocess.Popen(
            command,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=(lambda: signal.signal(signum, signal.SIG_IGN)) if ignore else None,
        )
        caught = _stop_while_writing(process, folder)
        if caught:
            os.kill(process.pid, signum)
            os.kill(process.pid, signal.SIGCONT)
        process.communicate(timeout=60)
        if caught:
            return process
    pytest.fail("the run finished every time before its temporary file was seen")


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_kill_while_a_fix_is_written_removes_the_temporary_file(project, signum):
    """SIGTERM (or SIGHUP, a closed terminal) while the fixed file is being
    written: exit 128 + the signal, and neither a temporary file nor a
    half-written file remains."""
    process = _signal_while_writing(project, signum)
    assert process.returncode == 128 + signum
    assert _temporaries(project) == []
    assert (project / "big.txt").read_text(encoding="utf-8") in (big(), FIXED + big()[len(BAD) :])


@pytest.mark.parametrize(
    ("signum", "raised"), [(signal.SIGTERM, Terminated), (signal.SIGINT, KeyboardInterrupt)], ids=["SIGTERM", "SIGINT"]
)
def test_a_kill_as_the_temporary_file_is_made_removes_it(project, monkeypatch, signum, raised):
    """The signal (a kill, or Ctrl-C) comes as the temporary file is created, before the code
    that removes it on a signal has its name (the race the test above can hit)."""
    real_open = os.open

    def open_then_kill(path, *args, **kwargs):
        descriptor = real_open(path, *args, **kwargs)
        if os.fspath(path).endswith(".wenlint-tmp"):
            signal.raise_signal(signum)  # its handler runs as soon as it may
        return descriptor

    monkeypatch.setattr(os, "open", open_then_kill)
    with _ending_signals_raise(), pytest.raises(raised):
        write_atomic(project / "good.txt", FIXED.encode())
    assert _temporaries(project) == []
    assert (project / "good.txt").read_text(encoding="utf-8") == BAD


@pytest.mark.slow
def test_an_ignored_sighup_stays_ignored(project):
    """Under nohup a closed terminal does not stop the fix."""
    process = _signal_while_writing(project, signal.SIGHUP, ignore=True)
    assert process.returncode == 0
    assert (project / "big.txt").read_text(encoding="utf-8") == FIXED + big()[len(BAD) :]


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """``wenlint check ARGS`` in this process: (exit code, stdout, stderr)."""
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_control_characters_in_names_are_escaped_in_human_output(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    (project / HOSTILE).write_text(BAD, encoding="utf-8")
    (project / "image\x1b[2J\n.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    code, out, err = run_main(capsys, HOSTILE, "image\x1b[2J\n.txt", "--output-format", "concise")
    assert code == 2 and err == "error: image\\x1b[2J\\n.txt: binary file (PNG image), not text\n"
    assert "\x1b" not in out and "\u202e" not in out
    assert out.splitlines()[0].startswith(f"{HOSTILE_SHOWN}:1:3: M001 [*] ")
    _, full, _ = run_main(capsys, HOSTILE, "--output-format", "full")
    assert f"{HOSTILE_SHOWN}:1:3: M001" in full and "\x1b" not in full
    _, github, _ = run_main(capsys, HOSTILE, "--output-format", "github")
    assert len(github.splitlines()) == 1 and "\x1b" not in github and "\u202e" not in github
    _, diff, _ = run_main(capsys, "--diff", HOSTILE)
    assert diff.splitlines()[:2] == [f"--- a/{HOSTILE_SHOWN}", f"+++ b/{HOSTILE_SHOWN}"]
    _, _, shown_fixes = run_main(capsys, "--fix", "--show-fixes", HOSTILE)
    assert shown_fixes == f"fixed {HOSTILE_SHOWN}: 1 × M001\n"


def test_machine_formats_keep_the_real_name(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    (project / HOSTILE).write_text(BAD, encoding="utf-8")
    _, as_json, _ = run_main(capsys, HOSTILE, "--output-format", "json")
    assert json.loads(as_json)[0]["filename"] == HOSTILE
    _, lines, _ = run_main(capsys, HOSTILE, "--output-format", "json-lines")
    assert [json.loads(line)["filename"] for line in lines.splitlines()] == [HOSTILE]
    _, sarif, _ = run_main(capsys, HOSTILE, "--output-format", "sarif")
    [found] = json.loads(sarif)["runs"][0]["results"]
    assert unquote(found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == HOSTILE


@pytest.mark.slow
def test_scan_prints_its_summary_path_escaped(project):
    (project / "shard.jsonl").write_text(json.dumps({"id": 1, "text": BAD}) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "wenlint", "scan", "shard.jsonl", "-o", "out\nput", "--workers", "1"],
        cwd=project,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines()[-1] == "summary: out\\nput/_wenlint_summary.json"
    assert (project / "out\nput" / "_wenlint_summary.json").is_file()


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root, to run wenlint without the right to chown"
)
def test_fix_without_the_right_to_chown_rewrites_in_place_keeping_the_owner(project):
    """Run as root without CAP_CHOWN: the replacement could not be given the
    file's owner, so the file is rewritten in place (same inode) instead."""
    path = project / "theirs.txt"
    path.write_text(BAD, encoding="utf-8")
    os.chown(path, 1234, 2345)
    path.chmod(0o666)
    inode = path.stat().st_ino
    command = ["setpriv", "--bounding-set", "-chown", "--inh-caps", "-chown", sys.executable, "-m", "wenlint"]
    result = subprocess.run([*command, "check", "--fix", "theirs.txt"], cwd=project, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_ino, info.st_mode & 0o777) == (1234, 2345, inode, 0o666)
    assert path.read_text(encoding="utf-8") == FIXED
    assert [name for name in os.listdir(project) if name.endswith(".wenlint-tmp")] == []


def test_a_config_file_that_is_not_utf8_is_one_error(project):
    (project / "wenlint.toml").write_bytes(b'select = ["\xff"]\n')
    result = check("good.txt", cwd=project)
    assert result.returncode == 2
    assert error_lines(result) == [f"error: {project / 'wenlint.toml'}: not UTF-8 (byte 0xff at offset 11)"]


def test_a_size_limit_too_large_to_use_is_one_error(project):
    (project / "wenlint.toml").write_text("max-file-size-mb = 99999999999999999999\n", encoding="utf-8")
    result = check("good.txt", cwd=project)
    assert result.returncode == 2
    [line] = error_lines(result)
    assert line.endswith("'max-file-size-mb' must be a positive integer up to 1048576")


def test_a_file_that_grows_while_read_is_read_to_the_limit(project):
    """A /proc file says it is empty and is not: it is read to its end (or the limit)."""
    result = check("/proc/self/status", "--select", "E006", "--output-format", "json", cwd=project)
    assert result.returncode == 1, result.stderr.decode()
    lines = [finding["location"]["line"] for finding in json.loads(result.stdout)]
    assert lines and min(lines) > 1  # a tab ending a line further down: the file was read past its stated size
