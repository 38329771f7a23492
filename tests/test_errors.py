"""The error contract (wenlint.errors): every user error is one ``error: …``
line on stderr and exit 2, never a traceback, from ``check``, ``scan`` and
``review`` alike; a bug inside wenlint still shows its traceback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import wenlint

BAD = "今天,我们开会。\n"
#: 90 × 3 bytes of UTF-8: one path component over the usual 255-byte limit.
LONG_COMPONENT = "名" * 90
#: 25 components of 200 bytes: a path over the usual 4096-byte limit.
LONG_PATH = "/".join(["a" * 200] * 25)
COMMANDS = ("check", "scan", "review")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a config of its own, one document and one JSONL shard."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "doc.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "shard.jsonl").write_text(json.dumps({"id": 1, "text": BAD}) + "\n", encoding="utf-8")
    return tmp_path


def run(command: str, project: Path, *extra: str, target: str | None = None):
    """``wenlint COMMAND`` on the project's document (or shard, for scan), or on ``target``."""
    if command == "scan":
        return wenlint("scan", target or "shard.jsonl", "-o", "out.jsonl", *extra, cwd=project)
    return wenlint(command, target or "doc.txt", *extra, cwd=project)


def assert_one_error(result, *words: str) -> str:
    """The one ``error:`` line of ``result``, after checking the contract."""
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert all(word in lines[0] for word in words), lines[0]
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("config", "words"),
    [
        ('selcet = ["P"]\n', ["unknown key 'selcet'"]),
        ('select = ["Q9"]\n', ["unknown rule code or prefix 'Q9'"]),
        ('respect-gitignore = "yes"\n', ["'respect-gitignore' must be true or false"]),
        ('[rules.M001]\nstyle = "wide"\n', ["style"]),
        ("select = [\n", ["wenlint.toml"]),  # not TOML
        ('include = ["[z-a].txt"]\n', ["'include'", "bad glob '[z-a].txt'"]),
        ('exclude = ["!"]\n', ["'exclude'", "bad glob '!'"]),
        ('per-file-ignores = { "[z-a]" = ["P"] }\n', ["'per-file-ignores'", "bad glob '[z-a]'"]),
    ],
    ids=["unknown-key", "unknown-code", "bad-value", "bad-option", "not-toml", "include", "exclude", "per-file"],
)
def test_a_bad_configuration(project, command, config, words):
    (project / "wenlint.toml").write_text(config, encoding="utf-8")
    assert_one_error(run(command, project), *words)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_selector_or_config_option(project, command):
    assert_one_error(run(command, project, "--select", "Q9"), "--select", "'Q9'")
    assert_one_error(run(command, project, "--config", "missing.toml"), "missing.toml: no such config file")


def test_an_unknown_output_format_from_the_environment(project):
    result = wenlint("check", "doc.txt", cwd=project, env={**os.environ, "WENLINT_OUTPUT_FORMAT": "bogus"})
    assert_one_error(result, "WENLINT_OUTPUT_FORMAT", "'bogus'", "concise")


def test_a_missing_or_invalid_baseline(project):
    assert_one_error(run("check", project, "--baseline", "missing.json"), "cannot read baseline missing.json")
    (project / "broken.json").write_text("{", encoding="utf-8")
    assert_one_error(run("check", project, "--baseline", "broken.json"), "broken.json is not a wenlint baseline")
    (project / "other.json").write_text('{"version": 1}', encoding="utf-8")
    assert_one_error(run("check", project, "--baseline", "other.json"), "other.json is not a wenlint baseline")


@pytest.mark.parametrize(
    ("option", "target"),
    [
        ("--output-file", "doc.txt/report.txt"),
        ("--output-file", f"{LONG_COMPONENT}.txt"),
        ("--write-baseline", "missing/baseline.json"),
        ("--write-baseline", "doc.txt/baseline.json"),
    ],
    ids=["report-under-a-file", "report-name-too-long", "baseline-in-missing-folder", "baseline-under-a-file"],
)
def test_an_unwritable_output_file(project, option, target):
    assert_one_error(run("check", project, option, target), "cannot write", target)


@pytest.mark.parametrize(
    ("output", "words"),
    [("doc.txt/out.jsonl", ["doc.txt: not a directory"]), (f"{LONG_COMPONENT}/out.jsonl", ["name too long"])],
    ids=["under-a-file", "name-too-long"],
)
def test_an_unwritable_scan_output(project, output, words):
    assert_one_error(wenlint("scan", "shard.jsonl", "-o", output, cwd=project), "cannot write", *words)
    assert not (project / "shard.jsonl.summary.json").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_input(project, command):
    assert_one_error(run(command, project, target="missing.txt"), "missing.txt: no such file or directory")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", [f"{LONG_COMPONENT}.txt", LONG_PATH], ids=["component", "path"])
def test_a_name_too_long_for_the_file_system(project, command, name):
    assert_one_error(run(command, project, target=name), "file name too long")


def test_an_unreadable_input_is_one_line_and_the_rest_is_checked(project):
    (project / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    result = wenlint("check", "binary.txt", "doc.txt", "--output-format", "concise", cwd=project)
    assert_one_error(result, "binary.txt: binary file")
    assert "doc.txt:1:3: M001" in result.stdout.decode()


def test_wrong_usage(project):
    assert_one_error(wenlint("review", "-", cwd=project), "review needs files")
    assert_one_error(run("scan", project, "--rejected", "low.jsonl"), "--rejected needs --min-score or --preset")
    assert_one_error(run("scan", project, "--workers", "0"), "--workers must be at least 1")


def test_a_bug_keeps_its_traceback(project):
    """An exception that is not a WenlintError is wenlint's own: it is not dressed up as a user error."""
    probe = (
        "import sys, wenlint.cli as cli\n"
        "def broken(args): raise ValueError('a bug')\n"
        "cli.check = broken\n"
        "sys.exit(cli.main(['check', 'doc.txt']))\n"
    )
    import subprocess

    result = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, check=False)
    assert result.returncode == 1
    assert "Traceback" in result.stderr.decode() and "ValueError: a bug" in result.stderr.decode()
