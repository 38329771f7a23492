"""`wenlint review` driven through Textual's own harness: a real app, real keys."""

from __future__ import annotations

import asyncio
import functools
import html
import json
import multiprocessing
import os
import re
import shutil
import time
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import seed, wenlint
from rich.cells import cell_len
from textual.widgets import Input

from wenlint.config import load_settings
from wenlint.docs import rule_text
from wenlint.registry import all_rules
from wenlint.review import views
from wenlint.review.app import ReviewApp
from wenlint.review.checker import PROCESS_THRESHOLD
from wenlint.review.session import open_file
from wenlint.review.widgets import Page

SEED_004 = seed("004").name


def sync(test):
    """Run an async test on its own event loop (no asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def _app(paths: list[Path], select: list[str] | None = None) -> ReviewApp:
    settings = load_settings(None).with_overrides(select)
    return ReviewApp([(str(path), settings) for path in paths])


@asynccontextmanager
async def _reviewing(paths: list[Path], select: list[str] | None = None):
    """The app reviewing ``paths`` in an 80×24 terminal, once every file is listed."""
    app = _app(paths, select)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        yield pilot


async def _settle(pilot) -> None:
    """Wait for the worker thread (loading or re-checking) and the redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _press(pilot, *keys: str) -> None:
    for name in keys:
        await pilot.press(name)
        await _settle(pilot)


def _copy(name: str, directory: Path) -> Path:
    target = directory / name
    shutil.copyfile(seed(name[:3]), target)
    return target


def _screen_text(app) -> str:
    """The text on the screen, from the app's own SVG export."""
    return _svg_text(app.export_screenshot())


def _svg_text(svg: str) -> str:
    """The text of an exported screen, line by line (the export leaves out
    runs of blank cells, so columns may run together)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'<text[^>]*\bx="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join("".join(text for _, text in sorted(row)) for _, row in sorted(rows.items()))


def _apply(text: str, edits: list[dict]) -> str:
    """Apply the edits of check's JSON output, back to front, by slicing."""
    for edit in sorted(edits, key=lambda e: e["offset"], reverse=True):
        text = text[: edit["offset"]] + edit["content"] + text[edit["end_offset"] :]
    return text


@pytest.mark.slow
@sync
async def test_accepting_every_layout_repair_one_by_one_equals_check_fix(tmp_path):
    reviewed = _copy(SEED_004, tmp_path)
    (tmp_path / "ref").mkdir()
    reference = _copy(SEED_004, tmp_path / "ref")
    async with _reviewing([reviewed], ["L"]) as pilot:
        app = pilot.app
        accepted = 0
        for _ in range(1000):
            item = app.session.files[0]
            pending = [d for d in item.state.pending if d.fix is not None]
            if not pending:
                break
            row = app.findings.current
            if row.diagnostic is None:
                await _press(pilot, "j")
            elif row.diagnostic.fix is None:
                await _press(pilot, "s")
            else:
                await _press(pilot, "a")
                accepted += 1
        assert accepted > 100 and not app.session.history[0].label.startswith("accept all")
        assert reviewed.read_bytes() == seed("004").read_bytes()  # nothing written before saving
        await _press(pilot, "w")
        await _press(pilot, "q")
    assert app.return_value == 0
    wenlint("check", str(reference), "--select", "L", "--fix", "--unsafe-fixes")
    assert reviewed.read_bytes() == reference.read_bytes() != seed("004").read_bytes()


@sync
async def test_accept_two_skip_one_undo_one_saves_exactly_the_accepted_fix(tmp_path):
    path = _copy(seed("000").name, tmp_path)
    original = path.read_text(encoding="utf-8")
    listed = json.loads(wenlint("check", str(path), "--select", "M001", "--output-format", "json").stdout)
    async with _reviewing([path], ["M001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j")  # from the file heading to the first finding
        first = app.findings.current.diagnostic
        await _press(pilot, "a")  # accept the first fix; the cursor moves on
        second = app.findings.current.diagnostic
        await _press(pilot, "s")  # skip the second
        third = app.findings.current.diagnostic
        await _press(pilot, "a", "u")  # accept the third, then take it back
        assert [step.label for step in app.session.history] == [f"accept {first.code}", f"skip {second.code}"]
        assert app.session.files[0].state.is_skipped(second)
        await _press(pilot, "ctrl+s")
    (expected,) = [f for f in listed if (f["offset"], f["code"]) == (first.start, first.code)]
    assert third.start > second.start > first.start
    assert path.read_text(encoding="utf-8") == _apply(original, expected["fix"]["edits"])


@sync
async def test_quit_without_saving_leaves_every_file_byte_identical(tmp_path):
    paths = [_copy(seed(p).name, tmp_path) for p in ("000", "003")]
    before = [p.read_bytes() for p in paths]
    async with _reviewing(paths) as pilot:
        app = pilot.app
        await _press(pilot, "j", "A", "f")
        await pilot.press("down", "enter")  # jump to the second file
        await _press(pilot, "j", "a")
        assert len(app.session.unsaved) == 2
        await _press(pilot, "q")
        assert "unsaved changes" in str(app.screen.query_one("Static").render())
        await pilot.press("down", "enter")  # "quit without saving"
        await pilot.pause()
    assert app.return_value == 0
    assert [p.read_bytes() for p in paths] == before


@sync
async def test_cancelled_quit_keeps_the_review_open(tmp_path):
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([path], ["M001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j", "a", "q", "escape")
        assert app.is_running and app.session.unsaved
        await _press(pilot, "q", "enter")  # "save and quit"
    assert app.return_value == 0 and not app.session.unsaved
    assert path.read_bytes() != seed("000").read_bytes()


@sync
async def test_edit_replaces_the_fix_text_before_accepting(tmp_path):
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([path], ["M001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j")
        target = app.findings.current.diagnostic
        await _press(pilot, "e")
        app.screen.query_one(Input).value = "；"  # as an input method delivers it
        await _press(pilot, "enter")
        await _press(pilot, "w")
    assert path.read_text(encoding="utf-8")[target.start] == "；"


@sync
async def test_filter_shows_only_matching_findings_and_counts_in_the_bar(tmp_path):
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([path]) as pilot:
        app = pilot.app
        await _press(pilot, "slash")
        await pilot.press(*"P0", "enter")
        await _settle(pilot)
        codes = {row.diagnostic.code for row in app.findings.rows if row.diagnostic}
        assert codes == {"P001"}
        bar = str(app.query_one("#bar").render())
        assert "filter: P0" in bar and "1 file" in bar


@sync
async def test_rule_documentation_and_summary_pages(tmp_path):
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([path], ["M001", "P001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j", "question_mark")
        code = app.findings.current.diagnostic.code
        assert isinstance(app.screen, Page)
        assert str(app.screen.query_one("Static").render()) == rule_text(all_rules()[code])
        await _press(pilot, "escape", "a", "t")
        shown = _screen_text(app)
        assert f"{code} {all_rules()[code].name}" in shown and "score before" in shown
        fixed = app.session.tally().fixed[code]
        assert fixed == 1 and re.search(rf"{code} {all_rules()[code].name} *\d+ *{fixed} ", shown)


@sync
async def test_unreadable_input_is_reported_and_the_rest_reviewed(tmp_path):
    good = _copy(seed("000").name, tmp_path)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    async with _reviewing([binary, good], ["M001"]) as pilot:
        app = pilot.app
        assert [item.path for item in app.session.files] == [str(good)]
        await _press(pilot, "q")
    assert app.return_value == 2
    assert app.session.errors[0][0] == str(binary)


@sync
async def test_findings_listed_before_the_first_layout_show_as_after_it(tmp_path, monkeypatch):
    """A file read before the list has its size (a fast load) is shown as
    one read after it: the heading in view, the same screen."""
    monkeypatch.chdir(tmp_path)
    path = Path(_copy("000.txt", tmp_path).name)
    settings = load_settings(None).with_overrides(["M001"])

    class LoadsAtMount(ReviewApp):
        def load_files(self) -> None:  # in the mount itself, before any layout
            self.add_file(str(path), *open_file(str(path), settings))
            self.loaded()

    screens = []
    for app in (LoadsAtMount([(str(path), settings)]), _app([path], ["M001"])):
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            await _press(pilot, "j", "j")
            screens.append(_screen_text(app))
    assert screens[0].splitlines()[2].startswith("000.txt ")  # the list's first line: the file's heading
    assert screens[0] == screens[1]


@sync
async def test_a_refresh_keeps_the_cursor_on_a_skipped_finding(tmp_path):
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([path], ["M001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j")
        skipped = app.findings.current.diagnostic
        await _press(pilot, "s", "k")  # skip it, then back onto it
        assert app.findings.current.diagnostic == skipped
        await _press(pilot, "w")  # nothing to save; the list is drawn again
        assert app.findings.current.diagnostic == skipped


def test_main_screen_snapshot(snap_compare, tmp_path, monkeypatch):
    """The main screen of a seed at 80×24: list, context, fix and footer."""
    shutil.copyfile(seed("000"), tmp_path / "000.txt")
    monkeypatch.chdir(tmp_path)

    shown = []

    async def walk(pilot):
        await _settle(pilot)
        await _press(pilot, "j", "j")
        shown.append(_screen_text(pilot.app))

    # On a mismatch the message shows the screen as text (the HTML report may stay on the machine).
    assert snap_compare(_app([Path("000.txt")]), terminal_size=(80, 24), run_before=walk), shown[0]


@pytest.mark.parametrize("args", [["-"], ["no-such-file.txt"]])
def test_review_refuses_what_it_cannot_review(args, tmp_path):
    result = wenlint("review", *args, cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith(b"error:")


def test_screenshot_option_writes_the_first_screen_as_svg(tmp_path):
    shutil.copyfile(seed("000"), tmp_path / "000.txt")
    result = wenlint("review", "000.txt", "--select", "P001", "--screenshot", "shot.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    svg = (tmp_path / "shot.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "P001" in svg and "000.txt" in svg
    runs = [
        (html.unescape(text).replace("\xa0", " "), float(width))
        for width, text in re.findall(r'textLength="([\d.]+)"[^>]*>(.*?)</text>', svg)
    ]
    cell = next(width / len(text) for text, width in runs if text.isascii() and text.strip())
    wide = [(text, width) for text, width in runs if cell_len(text) > len(text)]
    assert wide, "the first screen shows Chinese text"
    assert all(abs(width - cell * cell_len(text)) < 0.01 for text, width in runs)  # CJK takes two cells


@sync
async def test_no_color_draws_in_greys_and_keeps_the_span_visible(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([path], ["M001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j")
        assert app.findings.current.diagnostic.code == "M001"
        svg = app.export_screenshot()
    drawn = re.sub(r"<circle[^>]*>", "", svg)  # the window's three buttons are not the app's
    colours = set(re.findall(r"#([0-9a-f]{6})\b", drawn))
    channels = [[int(c[i : i + 2], 16) for i in (0, 2, 4)] for c in colours]
    assert channels and all(max(rgb) - min(rgb) <= 3 for rgb in channels)  # greys, give or take rounding
    assert "reverse" in views.SPAN.split()  # the span shows without colour


def test_a_large_document_is_reviewed_through_the_worker_process(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    (tmp_path / "big.txt").write_text(text * (PROCESS_THRESHOLD // len(text) + 1), encoding="utf-8")
    result = wenlint("review", "big.txt", "--select", "P001", "--screenshot", "shot.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "P001" in (tmp_path / "shot.svg").read_text(encoding="utf-8")


def _running(pid: int) -> bool:
    """Whether the process exists and is no zombie, as the system sees it.
    (``Process.is_alive`` cannot tell once something else in this process
    has reaped the child: it takes the failed wait for a process still
    running.)"""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except (FileNotFoundError, ProcessLookupError):  # gone before the open, or between the open and the read
        return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads process states from /proc")
@sync
async def test_quitting_stops_the_worker_process(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(text * (PROCESS_THRESHOLD // len(text) + 1), encoding="utf-8")
    before = set(multiprocessing.active_children())  # earlier tests may have left their own
    async with _reviewing([big], ["P001"]) as pilot:
        workers = set(multiprocessing.active_children()) - before
        assert workers  # the large document was checked there
        await _press(pilot, "q")
    pids = [worker.pid for worker in workers]  # without stop_worker they would live as long as this process
    deadline = time.monotonic() + 10
    while any(map(_running, pids)) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert not [pid for pid in pids if _running(pid)]


@sync
async def test_ctrl_q_asks_about_unsaved_changes_too(tmp_path):
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([path], ["M001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j", "a", "ctrl+q")
        assert app.is_running and "unsaved changes" in _screen_text(app)
        await pilot.press("down", "enter")  # quit without saving
        await pilot.pause()
    assert app.return_value == 0 and path.read_bytes() == seed("000").read_bytes()


@sync
async def test_unifying_mixed_line_breaks_is_a_change_to_save(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("第一行文字。\r\n第二行文字。\r\n第三行文字。\n第四行文字。\r\n".encode())
    async with _reviewing([path], ["E006"]) as pilot:
        app = pilot.app
        await _press(pilot, "j", "a")
        assert app.session.unsaved
        await _press(pilot, "w")
    assert path.read_bytes() == "第一行文字。\r\n第二行文字。\r\n第三行文字。\r\n第四行文字。\r\n".encode()


@sync
async def test_skip_moves_to_the_next_finding_at_the_same_place(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("今天我们开会,,讨论工作。\n", encoding="utf-8")
    async with _reviewing([path], ["M001", "P005", "L006"]) as pilot:
        app = pilot.app
        rows = [r.diagnostic for r in app.findings.rows if r.diagnostic]
        starts = [d.start for d in rows]
        shared = next(s for s in starts if starts.count(s) > 1)  # two rules flag the same place
        first = next(d for d in rows if d.start == shared)
        app.findings.move_to(app.findings.rows.index((0, first)))
        await _press(pilot, "s")
        now = app.findings.current.diagnostic
        assert now.start == shared and now is not first


def test_review_takes_each_file_once_however_it_is_spelled(tmp_path):
    shutil.copyfile(seed("000"), tmp_path / "dup.txt")
    result = wenlint(
        "review", "dup.txt", str(tmp_path / "dup.txt"), "--select", "P001", "--screenshot", "shot.svg", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "1 file ·" in _svg_text((tmp_path / "shot.svg").read_text(encoding="utf-8"))


def test_a_path_that_is_not_utf8_is_shown_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"\xff\xfe.txt")).write_bytes(seed("000").read_bytes())
    result = wenlint("review", "in", "--select", "P001", "--screenshot", "shot.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\\xff\\xfe.txt" in _svg_text((tmp_path / "shot.svg").read_text(encoding="utf-8"))


@sync
async def test_undo_returns_to_the_finding_and_jump_stays_in_the_file(tmp_path):
    clean = tmp_path / "a-clean.txt"
    clean.write_text("今天，我们开会。\n", encoding="utf-8")
    path = _copy(seed("000").name, tmp_path)
    async with _reviewing([clean, path], ["M001"]) as pilot:
        app = pilot.app
        await _press(pilot, "j")
        decided = app.findings.current.diagnostic
        await _press(pilot, "s", "j", "j", "u")
        assert app.findings.current.diagnostic is decided
        await _press(pilot, "f")
        await pilot.press("enter")  # the first file, which has no findings
        await pilot.pause()
        assert app.findings.current == (0, None)
