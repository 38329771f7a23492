"""Whole-command fuzz (issue 19): hostile bytes, text and Markdown in files,
through ``wenlint check`` (plain, ``--output-format json``, ``--diff`` and
``--fix``; json and ``--fix`` also from standard input) in-process via
:func:`wenlint.cli.main`, and a small sample through the real command in a
subprocess.

Whatever the input: no exception escapes ``main``, no traceback on stderr,
the exit code is 0, 1 or 2 (2 only with an ``error:`` line), the JSON report
parses strictly, and each run takes at most ``SECONDS_PER_RUN`` CPU seconds
and ends within a generous wall-clock hang guard. CI runs
``CI_CASES`` seeded inputs (about 25 CPU seconds, ~50 ms an input);
``bench/fuzz_cli.py --cases N`` runs more.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from chinese_documents import documents, sentences
from hypothesis import given, note, settings
from hypothesis import strategies as st

from wenlint.cli import main

#: Inputs per CI run (seeded), each through the six runs below.
CI_CASES = 500
MODES = (("check",), ("check", "--output-format", "json"), ("check", "--diff"), ("check", "--fix"))
#: Modes reading the input from standard input (named by --stdin-filename).
STDIN_MODES = (("check", "--output-format", "json"), ("check", "--fix"))
#: CPU seconds one run of the command may take on an input of at most 4 KB
#: (a bound on runaway work, not a benchmark: CPU time, so other load on the machine does not count).
SECONDS_PER_RUN = 5.0
#: CPU seconds a subprocess may take on top to start (the interpreter, imports, the lexicons).
STARTUP_SECONDS = 10.0
#: Wall-clock seconds after which a run that is still going is stopped as a hang.
HANG_GUARD = 60.0
HOSTILE = (
    "\ud800",  # lone surrogates: written as raw bytes (surrogatepass)
    "\udfff",
    "\u202e",  # bidi controls
    "\u2066",
    "\u200f",
    "\u0301\u0301\u0301",  # combining marks
    "\u20dd",
    "𠀀𪚥🀄",  # astral characters
    "\x00",
    "\ufeff",
    "\r",
    "\r\n",
    "\x1b[2J",
    "\ufffd",
    "&#20013;&#x4e2d;&amp;amp;",
    "<!--",
    "```",
    "[",
    "](",
    "    ",
    "\t",
    "\u3000",
)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32")
NAMES = ("doc.txt", "doc.md", "文档 名.md", "noext", "doc.markdown")


def _encoded(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; lone surrogates as their raw code units where
    the codec allows it, otherwise ``?``."""
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return text.encode(encoding, errors=errors)


hostile_text = st.lists(
    st.one_of(sentences(markdown=True), st.sampled_from(HOSTILE), st.text(max_size=12)), min_size=1, max_size=30
).map("".join)
texts = st.one_of(hostile_text, documents(markdown=True), documents(markdown=False))
#: A file to check: its name and bytes.
inputs = st.tuples(
    st.sampled_from(NAMES),
    st.one_of(
        st.binary(max_size=4096),
        st.builds(lambda text, encoding: _encoded(text, encoding)[:4096], texts, st.sampled_from(ENCODINGS)),
    ),
)


class Hang(BaseException):
    """A run of the command that outlived the hang guard (not an Exception, so no rule isolation swallows it)."""


def _alarm(signum, frame):
    raise Hang(f"no answer after {HANG_GUARD:.0f} s")


def run_main(args: list[str], stdin: bytes = b"") -> tuple[int, str, str, float]:
    """``wenlint ARGS`` in this process with ``stdin``: exit code, stdout,
    stderr, CPU seconds. Output goes through strict UTF-8 streams, as on a UTF-8 terminal."""
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict") for _ in range(2))
    real_stdin, sys.stdin = sys.stdin, io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_GUARD)
    started = time.process_time()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.stdin = real_stdin
    seconds = time.process_time() - started
    return code, *(_read(stream) for stream in (out, err)), seconds


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")


def _reject_constant(name: str):
    raise ValueError(f"not strict JSON: {name}")


def contract_failures(args: list[str], code: int, out: str, err: str, seconds: float) -> list[str]:
    """What a run of the command broke of the contract, as messages."""
    failures = []
    if code not in (0, 1, 2):
        failures.append(f"exit {code}")
    if "Traceback" in err or "Traceback" in out:
        failures.append(f"traceback: {err[-300:]}")
    if code == 2 and "error: " not in err:
        failures.append("exit 2 without an error: line")
    report_on_stderr = "--diff" in args or ("-" in args and "--fix" in args)
    if not report_on_stderr and any(line and not line.startswith("error: ") for line in err.splitlines()):
        failures.append(f"stderr line that is not an error: line: {err[:200]!r}")
    if "json" in args:
        try:
            report = json.loads(out, parse_constant=_reject_constant)
            if not isinstance(report, list):
                failures.append("JSON report is not a list")
        except ValueError as error:
            failures.append(f"JSON report does not parse: {error}: {out[:200]!r}")
    if seconds > SECONDS_PER_RUN:
        failures.append(f"took {seconds:.1f} CPU seconds")
    return failures


def fuzz_failures(name: str, data: bytes) -> tuple[list[str], float]:
    """Every mode of the command on a file ``name`` holding ``data``: what
    broke, as messages, and the seconds of the slowest run."""
    failures, slowest = [], 0.0
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "wenlint.toml").write_text("", encoding="utf-8")
        path = Path(folder) / name
        runs = [([*mode, str(path)], b"") for mode in MODES]
        runs += [([*mode, "-", "--stdin-filename", name], data) for mode in STDIN_MODES]
        for args, stdin in runs:
            path.write_bytes(data)
            try:
                outcome = run_main(args, stdin)
            except (Exception, Hang) as error:  # noqa: BLE001 - whatever escapes main is the finding
                failures.append(f"{' '.join(args[:-1])}: {type(error).__name__} escaped main: {error}")
                continue
            slowest = max(slowest, outcome[-1])
            failures += [f"{' '.join(args[:-1])}: {why}" for why in contract_failures(args, *outcome)]
    return failures, slowest


def _children_cpu() -> float:
    """CPU seconds of this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def subprocess_failures(name: str, data: bytes) -> list[str]:
    """``wenlint check --output-format json`` on a file ``name`` holding
    ``data``, through the real command: what broke, as messages."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "wenlint.toml").write_text("", encoding="utf-8")
        (Path(folder) / name).write_bytes(data)
        args = ["check", "--output-format", "json", name]
        started = _children_cpu()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "wenlint", *args],
                cwd=folder,
                capture_output=True,
                timeout=2 * HANG_GUARD,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return [f"subprocess: no answer after {2 * HANG_GUARD:.0f} s"]
    seconds = _children_cpu() - started - STARTUP_SECONDS
    out, err = (stream.decode("utf-8", errors="replace") for stream in (done.stdout, done.stderr))
    return [f"subprocess: {why}" for why in contract_failures(args, done.returncode, out, err, seconds)]


@settings(max_examples=CI_CASES)
@given(inputs)
def test_the_command_keeps_its_contract_on_hostile_input(named):
    failures, _ = fuzz_failures(*named)
    note("\n".join(failures))
    assert not failures


@settings(max_examples=6, deadline=None)
@given(inputs)
def test_the_real_command_keeps_its_contract_in_a_subprocess(named):
    failures = subprocess_failures(*named)
    note("\n".join(failures))
    assert not failures


@pytest.mark.parametrize(
    "mode",
    [
        ("check",),
        ("check", "--output-format", "concise"),
        ("check", "--output-format", "github"),
        ("check", "--output-format", "json"),
        ("check", "--output-format", "sarif"),
        ("check", "--diff"),
    ],
)
def test_file_names_with_control_characters_are_printed_escaped(tmp_path, mode):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "a\x1b[2Jb\nc.txt").write_text("今天,我们开会。\n", encoding="utf-8")
    (tmp_path / "d\x1b]0;title\x07.txt").write_bytes(b"\x00\x01binary")
    code, out, err, _ = run_main([*mode, str(tmp_path)])
    assert code == 2
    # The diff names no rule: its header names the file, escaped.
    assert ("a\\x1b[2Jb\\nc.txt" if "--diff" in mode else "M001") in out + err
    assert not any(char in out + err for char in "\x1b\x07\r")
    assert not any(line.startswith("c.txt") for line in (out + err).splitlines())


def test_a_long_line_of_markdown_constructs_is_checked_within_the_hang_guard(tmp_path):
    """33,000 characters of `{{中` on one line: the prose map's linkify
    recorder once searched all pending text at every position (~9 CPU s)."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    path = tmp_path / "doc.md"
    path.write_text("{{中" * 11_000, encoding="utf-8")
    code, _, err, seconds = run_main(["check", str(path)])
    assert code in (0, 1) and "Traceback" not in err
    assert seconds < SECONDS_PER_RUN
