"""How quickly `wenlint review` starts, and how it answers keys on a large document.

Not a test. Drives the real app headless through Textual's pilot, in this
process, so each number includes the app's own work but no terminal:

    python bench/bench_review.py              # start-up on the seeds, then a 5 MB document
    python bench/bench_review.py --size-mb 1

Start-up is measured in fresh processes (``--startup`` is the child's mode):
the time from the interpreter's first line to the first screen, and to every
finding listed. Then, for a seed and for a large document: the time until
its findings are listed, the latency of moving the cursor, of accepting a
fix (the document is checked again on a worker thread), and of moving while
that re-check runs.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from bench_families import corpus  # noqa: E402

from wenlint.config import load_settings  # noqa: E402
from wenlint.review.app import ReviewApp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


class TimedApp(ReviewApp):
    """The review app, noting when its first screen is drawn and when loading ends."""

    first_screen = loaded_at = 0.0

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._drawn)

    def _drawn(self) -> None:
        self.first_screen = time.perf_counter()

    def loaded(self) -> None:
        super().loaded()
        self.loaded_at = time.perf_counter()


def _app(paths: list[Path]) -> TimedApp:
    settings = load_settings(None)
    return TimedApp([(str(path), settings) for path in paths])


async def startup() -> None:
    """Child process: print seconds to the first screen and to loaded."""
    app = _app(sorted((ROOT / "seeds").glob("*.txt")))
    async with app.run_test(size=(100, 30)):
        await app.workers.wait_for_complete()
    print(app.first_screen - STARTED, app.loaded_at - STARTED)


async def _timed(pilot, key: str, wait: bool) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    if wait:
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return time.perf_counter() - start


async def keys(path: Path) -> None:
    """Key latencies on one document, with every default rule."""
    megabytes = path.stat().st_size / 1e6
    app = _app([path])
    start = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        load = time.perf_counter() - start
        findings = len(app.session.files[0].state.diagnostics)
        moves = [await _timed(pilot, "j", wait=False) for _ in range(50)]
        pages = [await _timed(pilot, "pagedown", wait=False) for _ in range(10)]
        accepts, busy_moves = [], []
        for _ in range(3):
            await _to_fixable(pilot)
            accepts.append(await _timed(pilot, "a", wait=True))
            await _to_fixable(pilot)
            await pilot.press("a")  # re-checks on the worker thread while the cursor moves
            busy_moves += [await _timed(pilot, "j", wait=False) for _ in range(5)]
            await app.workers.wait_for_complete()
        undo = await _timed(pilot, "u", wait=True)
    print(f"\n{path.name}: {megabytes:.2f} MB, {findings} findings, every default rule")
    print(f"  listed after          {load:6.2f} s")
    print(f"  next finding (j)      {_ms(moves)}")
    print(f"  20 rows on (pgdn)     {_ms(pages)}")
    print(f"  j while re-checking   {_ms(busy_moves)}")
    print(f"  accept + re-check     {_ms(accepts)}")
    print(f"  undo                  {undo * 1000:6.0f} ms")


async def _to_fixable(pilot) -> None:
    """Move the cursor to the next finding with a fix."""
    findings = pilot.app.findings
    while findings.current.diagnostic is None or findings.current.diagnostic.fix is None:
        await pilot.press("j")


def large_document(size_mb: float) -> Path:
    """The seeds concatenated into one file of about ``size_mb`` MB."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"review-{size_mb:g}mb.txt"
    path.write_text("".join(corpus(size_mb)), encoding="utf-8")
    return path


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:6.0f} ms, max {max(samples) * 1000:6.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=5)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes for the start-up time")
    parser.add_argument("--startup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup:
        asyncio.run(startup())
        return
    runs = []
    for _ in range(args.runs):
        child = subprocess.run([sys.executable, __file__, "--startup"], capture_output=True, text=True, check=True)
        runs.append([float(x) for x in child.stdout.split()])
    print(f"start-up on the seeds (median of {args.runs} fresh processes):")
    print(f"  first screen          {statistics.median(r[0] for r in runs):6.2f} s")
    print(f"  every finding listed  {statistics.median(r[1] for r in runs):6.2f} s")
    print("\nKey latencies include the pilot's wait for the next frame; a seed shows that part.")
    asyncio.run(keys(sorted((ROOT / "seeds").glob("*.txt"))[0]))
    asyncio.run(keys(large_document(args.size_mb)))
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
