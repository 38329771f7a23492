"""Start-up and exit of the command: importing the command line loads none
of the heavy libraries (the rules load what they need when they run), and
the console entry point exits without tearing down the heap, after the exit
handlers ran and the output was flushed. Fresh interpreters, never timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: Libraries `import wenlint.cli` must not load: the review app's, the rules'
#: tables, the corpus engines', and the rules themselves.
HEAVY = (
    "ahocorasick",
    "charset_normalizer",
    "ftfy",
    "jieba",
    "linkify_it",
    "marisa_trie",
    "markdown_it",
    "msgpack",
    "numpy",
    "opencc",
    "pyarrow",
    "pypinyin",
    "ray",
    "rich",
    "textual",
    "wenlint_rules",
    "wordfreq",
    "zstandard",
)


def _python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_importing_the_command_line_loads_no_heavy_library():
    probe = "import sys, wenlint.cli; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    run = _python(probe)
    assert run.returncode == 0, run.stderr
    assert set(run.stdout.split()) & set(HEAVY) == set()


ENTRY = """\
import atexit, sys
from wenlint.cli import entry

class Torn:
    def __del__(self):
        sys.stderr.write("torn down\\n")

kept = Torn()
atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
sys.argv = ["wenlint", *sys.argv[1:]]
entry()
"""


def test_the_entry_point_flushes_runs_exit_handlers_and_keeps_the_exit_code(tmp_path):
    lines = "".join(f"第{n}行,还有一行。\n" for n in range(3000))  # a report far larger than any buffer
    (tmp_path / "doc.txt").write_text(lines, encoding="utf-8")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    run = _python(ENTRY, "check", "doc.txt", "--select", "M001", "--output-format", "json", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert len(json.loads(run.stdout)) == 3000
    assert run.stderr == "exit handler ran\n"  # and the heap was left as it was: nothing torn down


def test_main_returns_to_an_in_process_caller(tmp_path):
    (tmp_path / "doc.txt").write_text("好的。\n", encoding="utf-8")
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    run = _python(
        "import sys; from wenlint.cli import main; print('returned', main(sys.argv[1:]))",
        "check",
        "doc.txt",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("returned 0\n")
