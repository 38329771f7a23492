"""CPU seconds of a whole process tree, grandchildren included (Linux /proc).

``os.wait4`` counts a process and the descendants that were waited for.
Ray's worker processes are children of the raylet, which is killed at
shutdown: nobody waits for the workers, so their CPU never reaches the
driver's rusage. :class:`TreeCpu` samples every process descending from a
root (a process whose parent is in the tree when first seen joins it) and
keeps each one's last user + system time; a process's CPU after its last
sample (at most one interval) is missed, so the total is a lower bound, as
the ``wait4`` figure is: :func:`tree_cpu` takes the larger. Each process is
also put in a group by its name, to tell the driver from Ray's own services
and its workers.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

_TICK = os.sysconf("SC_CLK_TCK")


def proc_stat(pid: int) -> tuple[str, int, float] | None:
    """(name, parent, user + system seconds) of a live process."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            text = handle.read()
    except OSError:
        return None
    name, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
    return name, int(rest[1]), (int(rest[11]) + int(rest[12])) / _TICK


#: Ray's own processes that take no scan task: its agents and servers.
_RAY_SERVICES = ("ray::Dashboard", "ray::RuntimeEnv", "raylet", "gcs_server")


def group(name: str) -> str:
    """The part a process plays: ``ray services`` (the GCS, the raylet, Ray's
    agents and monitors), ``ray worker`` (``ray::IDLE``
    and the task-running ``ray::_call``), or ``wenlint`` (the driver, the local
    engine's pool workers, a launcher such as GNU time)."""
    if name.startswith(_RAY_SERVICES) or name.startswith("python"):  # python: Ray's monitors
        return "ray services"
    if name.startswith("ray::"):
        return "ray worker"
    return "wenlint"


@dataclass
class TreeCpu:
    """Last CPU seconds seen of every process of a tree, by pid."""

    root: int
    cpu: dict[int, float] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    outside: set[int] = field(default_factory=set)  # pids seen not to descend from the root

    def sample(self) -> None:
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            pid = int(entry)
            if pid in self.outside:
                continue
            stat = proc_stat(pid)
            if stat is None:
                continue
            name, parent, seconds = stat
            if pid == self.root or pid in self.cpu or parent in self.cpu:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), seconds)
                self.names[pid] = name  # Ray renames its workers as they take tasks
            else:
                self.outside.add(pid)

    def watch(self, done: threading.Event, every: float = 0.05) -> None:
        while not done.wait(every):
            self.sample()

    @property
    def total(self) -> float:
        return sum(self.cpu.values())

    def by_group(self) -> dict[str, float]:
        groups: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            key = group(self.names.get(pid, ""))
            groups[key] = groups.get(key, 0.0) + seconds
        return groups


def tree_cpu(tree: TreeCpu, waited: float) -> float:
    """The CPU seconds of the tree: the larger of two lower bounds, the
    sampled sum and the ``wait4`` rusage of its root."""
    return max(tree.total, waited)
