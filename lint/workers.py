"""Worker processes that neither take a run down when one dies nor outlive
the process that started them.

:class:`Pool` runs a function on a stream of arguments in a few worker
processes and gives the results back in input order, with a bounded number
in flight. It knows which worker holds which argument, so a worker that dies
(the kernel's OOM killer, ``kill -9``) costs only that argument: the worker
is replaced and the argument tried once more, and an argument whose worker
dies on every try gets a :class:`WorkerDied` for its result while the run
goes on.

Workers ignore SIGINT (the parent decides what Ctrl-C means, and stops
them). The parent holds SIGINT back while it starts a worker: forking runs
Python's at-fork hooks (logging's, say), and a KeyboardInterrupt raised in
one would be printed as unraisable and lost; held, it comes after. SIGTERM
and SIGHUP kill workers outright, whatever handler of the parent's a fork
copied, unless the signal was ignored (``nohup``): a worker so killed is a
dead worker like any other, and no exception the parent's handler would
raise surfaces inside the function. Workers exit when their
parent dies: by the kernel's parent-death signal on Linux, by a watchdog
thread polling the parent's id elsewhere.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.reduction import ForkingPickler
from typing import Any

from wenlint.process import ENDING_SIGNALS, signals_held

#: prctl option: the signal this process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
#: How often the portable watchdog looks whether the parent is still there.
WATCHDOG_SECONDS = 0.5
#: Tries of an argument whose worker died, before it is given up as WorkerDied.
TRIES = 2
#: Seconds an idle worker gets to exit when asked, before it is killed.
EXIT_SECONDS = 2.0
#: A task this small (pickled) may wait in a busy worker's pipe behind another one
#: as small: two fit in the pipe's buffer, so sending them never blocks.
SMALL_TASK_BYTES = 16 * 1024


@dataclass(frozen=True)
class WorkerDied:
    """The result of an argument whose worker process died on every try."""

    exitcode: int | None

    def __str__(self) -> str:
        code = self.exitcode
        if code is None:  # how is not known (Ray does not say)
            return "worker process died"
        how = f"signal {-code}" if code < 0 else f"exit code {code}"
        return f"worker process died ({how})"


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, as its cause."""

    def __str__(self) -> str:
        return self.args[0]


def die_with_parent(parent: int | None, use_prctl: bool = True) -> None:
    """Make this process exit when its parent does. ``parent`` is the parent's
    id as the parent knew it (None: unknown), to catch a parent already gone."""
    if not (use_prctl and _ask_parent_death_signal()):
        threading.Thread(target=_watch, args=(os.getppid(),), name="wenlint-parent-watchdog", daemon=True).start()
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _ask_parent_death_signal() -> bool:
    """Ask Linux for SIGKILL when the parent dies; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


def _serve(conn, parent: int | None, initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    """A worker's life: take (function, argument), send back (True, result) or (False, (error, traceback))."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent while it forked
    for signum in ENDING_SIGNALS:
        if signal.getsignal(signum) != signal.SIG_IGN:
            signal.signal(signum, signal.SIG_DFL)
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        function, argument = task
        try:
            reply: tuple[bool, Any] = (True, function(argument))
        except Exception as error:  # noqa: BLE001 - sent back, raised in the parent
            reply = (False, (error, traceback.format_exc()))
        try:
            conn.send(reply)
        except Exception as error:  # noqa: BLE001 - a result or an error that does not pickle
            conn.send((False, (RuntimeError(f"cannot send the result back: {error!r}"), traceback.format_exc())))


class _Worker:
    """One worker process, its end of the pipe, and the tasks it holds (the first is running)."""

    def __init__(self, context, parent: int | None, initializer, initargs: tuple) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, parent, initializer, initargs), name="wenlint-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.tasks: deque[_Task] = deque()

    def takes(self, task: _Task) -> bool:
        """Whether ``task`` may be sent now: to an idle worker, or queued behind one small task."""
        if not self.tasks:
            return True
        return len(self.tasks) == 1 and max(len(self.tasks[0].payload), len(task.payload)) <= SMALL_TASK_BYTES

    def stop(self, kill: bool) -> None:
        """Ask the worker to exit (kill it if ``kill``, or if it does not go)."""
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(None if kill else EXIT_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


@dataclass
class _Task:
    number: int
    key: Any
    payload: bytes  # (function, argument), pickled
    tries: int = 0


class Pool:
    """Up to ``size`` worker processes, started when first needed, each running
    ``initializer(*initargs)`` once. Use it as a context manager, or call
    :meth:`close`."""

    def __init__(
        self,
        size: int,
        initializer: Callable[..., Any] | None = None,
        initargs: tuple = (),
        context=None,
        in_flight_per_worker: int = 3,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.size = size
        self.window = size * max(1, in_flight_per_worker)
        self._context = context or multiprocessing.get_context()
        known = self._context.get_start_method() in ("fork", "spawn")  # a forkserver is the workers' parent
        self._parent = os.getpid() if known else None
        self._init = (initializer, initargs)
        self._workers: list[_Worker | None] = [None] * size

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def ordered(self, function: Callable[[Any], Any], calls: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        """``(key, function(argument))`` for every ``(key, argument)`` of ``calls``,
        in order; the result is a :class:`WorkerDied` when the worker holding
        the argument died on every try. An exception ``function`` raises is
        raised here, its traceback in the worker as its cause."""
        calls = iter(calls)
        waiting: deque[_Task] = deque()
        done: dict[int, tuple[Any, Any]] = {}
        issued = emitted = 0
        more = True
        try:
            while True:
                while more and issued - emitted < self.window:
                    call = next(calls, None)
                    if call is None:
                        more = False
                    else:
                        key, argument = call
                        waiting.append(_Task(issued, key, bytes(ForkingPickler.dumps((function, argument)))))
                        issued += 1
                self._dispatch(waiting, done)
                if emitted in done:
                    yield done.pop(emitted)
                    emitted += 1
                elif emitted == issued and not more:
                    return
                else:
                    self._collect(waiting, done)
        finally:
            self._drop_busy()

    def close(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones killed."""
        for index, worker in enumerate(self._workers):
            if worker is not None:
                worker.stop(kill=bool(worker.tasks))
                self._workers[index] = None

    def _dispatch(self, waiting: deque[_Task], done: dict) -> None:
        """Hand waiting tasks to workers that take them, starting workers as needed."""
        for index in range(self.size):
            worker = self._workers[index]
            while waiting and (worker is None or worker.takes(waiting[0])):
                if worker is None:
                    with signals_held({signal.SIGINT}):  # a Ctrl-C comes once the worker is in the pool, which stops it
                        worker = self._workers[index] = _Worker(self._context, self._parent, *self._init)
                task = waiting.popleft()
                worker.tasks.append(task)
                try:
                    worker.conn.send_bytes(task.payload)
                except OSError:  # it died idle, or in its initializer
                    self._lost(index, waiting, done)
                    worker = None

    def _collect(self, waiting: deque[_Task], done: dict) -> None:
        """Wait for at least one busy worker to answer or die; take what came."""
        busy = [(index, worker) for index, worker in enumerate(self._workers) if worker and worker.tasks]
        ready = set(wait([w.conn for _, w in busy] + [w.process.sentinel for _, w in busy]))
        for index, worker in busy:
            if worker.conn not in ready and worker.process.sentinel not in ready:
                continue
            try:
                if not worker.conn.poll():
                    raise EOFError
                ok, value = worker.conn.recv()
            except (EOFError, OSError):
                self._lost(index, waiting, done)
                continue
            task = worker.tasks.popleft()
            if not ok:
                error, text = value
                raise error from RemoteTraceback(text)
            done[task.number] = (task.key, value)

    def _lost(self, index: int, waiting: deque[_Task], done: dict) -> None:
        """The worker at ``index`` died running its first task: try that again, or
        give it up; the tasks queued behind it go back to the waiting line."""
        worker = self._workers[index]
        assert worker is not None and worker.tasks
        worker.stop(kill=True)
        self._workers[index] = None
        task, *queued = worker.tasks
        waiting.extendleft(reversed(queued))
        task.tries += 1
        if task.tries < TRIES:
            waiting.appendleft(task)
        else:
            done[task.number] = (task.key, WorkerDied(worker.process.exitcode))

    def _drop_busy(self) -> None:
        """Kill the workers still holding tasks of an abandoned :meth:`ordered`."""
        for index, worker in enumerate(self._workers):
            if worker is not None and worker.tasks:
                worker.stop(kill=True)
                self._workers[index] = None
