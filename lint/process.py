"""How a wenlint process runs: the garbage collector's pace while it
lints, the signals that end a run, and holding signals for a moment
(:func:`signals_held`). Light, so the command line sets them up before it
knows whether anything will be linted."""

from __future__ import annotations

import gc
import signal
from collections.abc import Collection, Iterator
from contextlib import contextmanager

#: Signals that end a run (a kill, a closed terminal); a worker dies of them, unless they are ignored.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: Allocations between collections of the youngest generation (Python's default: 700).
GC_THRESHOLD = 50_000


def collect_less() -> None:
    """Have the cyclic garbage collector run less often in this process.

    Linting allocates findings, fixes and edits by the ten thousand and
    almost never makes a reference cycle; at Python's default thresholds
    the collector walks them again and again, a quarter of the M family's
    time on the seed corpus. The command line calls this, and so do the
    worker processes of `check`, `scan` (local and Ray) and `review`; a
    program using wenlint as a library may choose to.
    """
    gc.set_threshold(GC_THRESHOLD, 20, 20)


@contextmanager
def signals_held(signums: Collection[int]) -> Iterator[None]:
    """The signals ``signums`` blocked in this thread while inside; one that came
    meanwhile is delivered on the way out, where its handler's exception is raised."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signums)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
