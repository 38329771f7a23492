"""The Ray engine: the local engine's shard loop, its batches run as Ray tasks.

The driver reads each shard in batches, as the local engine does
(:func:`wenlint.corpus.shards.read_batches`), hands each batch to a Ray task
running the local engine's worker function (:func:`wenlint.corpus.local.work`)
with a bounded number in flight, takes the results back in input order and
writes them with the local engine's shard writers (temporary file, then
rename). So the output, the errors, the record numbers and resuming are the
local engine's, row for row; only the work is spread over the cluster's CPUs.

Ray reuses a worker process for the job's tasks, so each loads the rule
tables once. Ray Data is not used: its executor, statistics and autoscaling
actors and per-block conversions cost more CPU than the scan's plain tasks
(see the README's sizing notes).
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from wenlint.config import Settings
from wenlint.corpus.batch import ScanJob
from wenlint.corpus.local import IN_FLIGHT_PER_WORKER, scan_all, unfinished
from wenlint.corpus.shards import Plan
from wenlint.corpus.summary import Summary
from wenlint.process import collect_less
from wenlint.workers import TRIES, WorkerDied


def run_ray(
    plan: Plan, settings_for: Callable[[str], Settings], job: ScanJob, address: str | None, workers: int, progress: bool
) -> Summary:
    """Scan every unfinished shard of ``plan`` on Ray; returns the run's summary."""
    import ray

    if not ray.is_initialized():
        # "local" starts a new instance even when another one runs on this machine
        options: dict[str, Any] = {
            "address": address or "local",
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": "ERROR",
        }
        if address is None:
            options["num_cpus"] = workers
        _init_elsewhere(ray, options)
    cpus = max(1, int(ray.cluster_resources().get("CPU", workers)))
    summary = Summary(engine="ray", workers=cpus)
    pending = unfinished(plan, summary)
    return scan_all(pending, settings_for, job, Tasks(ray, cpus * IN_FLIGHT_PER_WORKER), progress, summary)


def _init_elsewhere(ray, options: dict[str, Any]) -> None:
    """``ray.init`` from an empty directory. Ray puts the driver's working
    directory on its workers' import path; started from a directory that
    holds a folder named ``wenlint`` (the parent of a checkout), the workers
    would import that folder instead of the installed package."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="wenlint-ray-") as empty:
        os.chdir(empty)
        try:
            ray.init(**options)
        finally:
            os.chdir(here)


def _call(function: Callable[[Any], Any], argument: Any) -> Any:
    """Run in a Ray worker, which collects garbage as the command does."""
    collect_less()
    return function(argument)


class Tasks:
    """The local engine's pool, as Ray tasks: ``ordered`` runs a function on a
    stream of arguments, at most ``window`` at once, and gives the results
    back in input order. Ray tries a task whose worker died again, as often
    as the local pool does (TRIES in all, not Ray's default of four: each try
    costs a fresh worker that loads the tables); one that died on every try
    gets a :class:`WorkerDied` for its result."""

    def __init__(self, ray, window: int) -> None:
        self.ray = ray
        self.window = window
        self._remote = ray.remote(num_cpus=1, max_retries=TRIES - 1)(_call)

    def __enter__(self) -> Tasks:
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def alone(self) -> Tasks:
        """The pool for the records of a batch whose worker died: each record is a task of its own already."""
        return self

    def ordered(self, function: Callable[[Any], Any], calls: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        running: deque[tuple[Any, Any]] = deque()
        try:
            for key, argument in calls:
                running.append((key, self._remote.remote(function, argument)))
                if len(running) >= self.window:
                    yield self._result(*running.popleft())
            while running:
                yield self._result(*running.popleft())
        finally:
            for _, task in running:
                self.ray.cancel(task)

    def _result(self, key: Any, task: Any) -> tuple[Any, Any]:
        exceptions = self.ray.exceptions
        try:
            return key, self.ray.get(task)
        except exceptions.RayTaskError as error:  # raised by the function: raise it here, as the local pool does
            raise error.cause from error
        except (exceptions.WorkerCrashedError, exceptions.OutOfMemoryError):
            return key, WorkerDied(None)
