"""The terminal report: alignment by display width, windowing, colour rules."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import wenlint
from rich.cells import cell_len

from wenlint.report.text import _MEASURED, cells

ESC = "\x1b["


def _caret_rows(out: str) -> list[tuple[str, str]]:
    """(source row, caret row) pairs of a full report, gutters removed."""
    lines = out.splitlines()
    pairs = []
    for index, line in enumerate(lines):
        if "^" in line and "|" in line and index > 0:
            pairs.append((lines[index - 1].split("| ", 1)[1], line.split("| ", 1)[1]))
    return pairs


def test_caret_sits_under_the_span_by_display_width(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ABC全角文字和English混排,然后继续。\n", encoding="utf-8")
    result = wenlint("check", str(path), "--select", "M001", env={**os.environ, "NO_COLOR": "1"})
    ((source, carets),) = _caret_rows(result.stdout.decode())
    indent = len(carets) - len(carets.lstrip(" "))
    assert source.startswith("ABC全角文字和English混排,")
    assert indent == cell_len("ABC全角文字和English混排") == 3 + 2 * 5 + 7 + 2 * 2
    assert carets.strip() == "^"
    assert "= fix: sh混排,然后继续 → sh混排，然后继续" in result.stdout.decode()


def test_cells_measures_as_rich_does():
    """Every character cells() measures itself, and texts of them, mixed with others it leaves to rich."""
    measured = [chr(point) for point in range(0x10000) if _MEASURED.fullmatch(chr(point))]
    assert {"中", "，", "。", "“", "ū", "a"} <= set(measured)
    assert [cells(char) for char in measured] == [cell_len(char) for char in measured]
    for text in ("ABC全角文字和English混排，然后“继续”…", "pīnyīn 拼音 ×２", "〪声调", "emoji 😀 here", "ㄅㄆ", ""):
        assert cells(text) == cell_len(text), text


def test_long_lines_are_windowed_around_the_span(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("很长的句子" * 60 + ",结尾" + "再来一句" * 60 + "\n", encoding="utf-8")
    out = wenlint("check", str(path), "--select", "M001", env={**os.environ, "NO_COLOR": "1"}).stdout.decode()
    ((source, carets),) = _caret_rows(out)
    assert source.startswith("…") and source.endswith("…")
    assert cell_len(source) <= 110
    shown_before = cell_len(source[: source.index(",")])
    assert len(carets) - len(carets.lstrip(" ")) == shown_before


def _run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run wenlint with its stdout on a real pseudo-terminal; return what it drew."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "wenlint", *args], stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_only_and_never_with_no_color(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("今天,我们开会。\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    assert ESC in _run_in_terminal(["check", str(path)], env)
    assert ESC not in _run_in_terminal(["check", str(path)], {**env, "NO_COLOR": "1"})
    assert ESC not in wenlint("check", str(path), env=env).stdout.decode()
    assert ESC in wenlint("check", str(path), env={**env, "FORCE_COLOR": "1"}).stdout.decode()


def test_the_summary_line_counts_in_words(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text("今天,我们开会,好的。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("好的。\n", encoding="utf-8")
    out = wenlint("check", "a.txt", "b.txt", "--select", "M001", cwd=tmp_path).stdout.decode()
    assert "Found 2 findings (2 warnings) in 1 of 2 files.\n" in out
    (tmp_path / "a.txt").write_text("今天,我们开会。\n", encoding="utf-8")
    one = wenlint("check", "a.txt", "--select", "M001", cwd=tmp_path).stdout.decode()
    assert "Found 1 finding (1 warning) in 1 of 1 file.\n" in one
