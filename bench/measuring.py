"""Running a command once and measuring it: wall time, CPU time of the whole
process tree, exact peak RSS (GNU time) and, sampled from /proc, the main
process's and each worker's share. Linux. Used by bench_check.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpora import MB, REPO, Corpus
from treecpu import TreeCpu, proc_stat, tree_cpu

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


# -- running one command --------------------------------------------------------


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in bytes; empty once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            return {
                k: int(v.split()[0]) * 1024
                for k, v in (line.split(":", 1) for line in handle)
                if k in ("VmRSS", "VmHWM")
            }
    except (OSError, ValueError):
        return {}


def _cpu(pid: int) -> float:
    """User + system CPU seconds a live process has used so far."""
    stat = proc_stat(pid)
    return 0.0 if stat is None else stat[2]


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (wenlint's worker processes)."""
    return [int(name) for name in os.listdir("/proc") if name.isdigit() and (proc_stat(int(name)) or ("", 0))[1] == pid]


@dataclass
class Sample:
    """What a sampler thread sees of a process tree while it runs (Linux /proc)."""

    main_hwm: int = 0  # peak RSS of the main wenlint process
    worker_hwm: dict[int, int] = field(default_factory=dict)  # worker pid -> peak RSS
    worker_cpu: dict[int, float] = field(default_factory=dict)  # worker pid -> CPU seconds so far
    total_rss: int = 0  # the largest sum of RSS over the tree at one instant

    def watch(self, pid: int, done: threading.Event, launcher: bool, every: float = 0.05) -> None:
        """Sample ``pid`` (or, if ``launcher``, its child) and its children until ``done``."""
        while not done.wait(every):
            if launcher:
                children = _children(pid)
                if not children:
                    continue
                pid, launcher = children[0], False
            main = _status(pid)
            self.main_hwm = max(self.main_hwm, main.get("VmHWM", 0))
            total = main.get("VmRSS", 0)
            for child in _children(pid):
                status = _status(child)
                self.worker_hwm[child] = max(self.worker_hwm.get(child, 0), status.get("VmHWM", 0))
                self.worker_cpu[child] = max(self.worker_cpu.get(child, 0.0), _cpu(child))
                total += status.get("VmRSS", 0)
            self.total_rss = max(self.total_rss, total)


@dataclass
class Run:
    name: str
    kind: str  # "check", "fix" or "cold"
    corpus: Corpus | None
    wall: float
    cpu: float  # user + system seconds, workers included
    maxrss: int  # bytes: peak RSS of the largest process of the tree
    workers: int  # worker processes seen; 0 means all in the main process
    sample: Sample
    rc: int
    output: str
    tree: TreeCpu | None = None  # with measure(tree=True): the CPU of every process of the tree

    @property
    def tree_cpu(self) -> float:
        """CPU seconds of the whole tree, grandchildren nobody waited for included (see treecpu)."""
        return self.cpu if self.tree is None else tree_cpu(self.tree, self.cpu)

    @property
    def main_cpu(self) -> float:
        """CPU seconds of the main process alone (workers' last samples taken off)."""
        return max(0.0, self.cpu - sum(self.sample.worker_cpu.values()))

    @property
    def cores(self) -> int:
        return max(1, self.workers)

    @property
    def mbps(self) -> float:
        return self.corpus.total / MB / self.wall

    @property
    def mbps_core(self) -> float:
        return self.mbps / self.cores


def measure(
    name: str,
    kind: str,
    corpus: Corpus | None,
    argv: list[str],
    cwd: Path,
    scratch: Path,
    stdout: str | None = None,
    tree: bool = False,
) -> Run:
    """Run ``argv`` once and measure wall time, CPU time and memory.

    The command runs under ``/usr/bin/time -v``, whose "Maximum resident set
    size" is the exact peak RSS of the largest process in the tree. The
    ``os.wait4`` rusage of a child of this process is not: a child spawned
    from Python inherits this process's high-water RSS (Linux keeps it across
    vfork and exec, even after the memory is freed), so it is only the
    fallback without GNU time. CPU time does come from ``os.wait4``. A
    sampler thread reading /proc tells the main process from its workers.
    With ``tree``, another samples the CPU of every descendant (Ray's
    workers are the raylet's children, which ``wait4`` does not count).
    """
    out_path = Path(stdout) if stdout else scratch / ".bench-stdout"
    time_path = scratch / ".bench-time"
    launcher = [GNU_TIME, "-v", "-o", str(time_path)] if GNU_TIME else []
    with open(out_path, "w") as out, open(scratch / ".bench-stderr", "w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(launcher + argv, cwd=cwd, stdout=out, stderr=err)
        sample, done = Sample(), threading.Event()
        watcher = threading.Thread(target=sample.watch, args=(process.pid, done, bool(launcher)), daemon=True)
        watcher.start()
        descendants = TreeCpu(process.pid) if tree else None
        if descendants is not None:
            tree_watcher = threading.Thread(target=descendants.watch, args=(done,), daemon=True)
            tree_watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    done.set()
    watcher.join()
    if descendants is not None:
        tree_watcher.join()
    text = "" if stdout else out_path.read_text(errors="replace")
    errors = (scratch / ".bench-stderr").read_text(errors="replace")
    rc = process.returncode
    if rc not in (0, 1) or (kind == "check" and rc == 0):
        # 0 on a check means no findings: the seeds always have some, so files were skipped.
        sys.exit(f"{name}: `{' '.join(argv)}` exited {rc}\n{text[-2000:]}{errors[-2000:]}")
    maxrss = usage.ru_maxrss * 1024
    if launcher:
        report = time_path.read_text()
        maxrss = int(report.split("Maximum resident set size (kbytes):")[1].split()[0]) * 1024
    return Run(
        name,
        kind,
        corpus,
        wall,
        usage.ru_utime + usage.ru_stime,
        maxrss,
        len(sample.worker_hwm),
        sample,
        rc,
        text,
        descendants,
    )


def executable() -> str:
    """The ``wenlint`` command installed for the Python running the bench
    (its scripts folder), else the one on PATH; exits when there is none.
    Not PATH's first: that may be a version manager's shim (pyenv's is a
    bash script costing ~50 ms a run) or another environment's wenlint."""
    beside = Path(sysconfig.get_path("scripts")) / "wenlint"
    exe = str(beside) if os.access(beside, os.X_OK) else shutil.which("wenlint")
    if exe is None:
        sys.exit("no `wenlint` installed: pip install -e . first")
    return exe


def wenlint(*args: str, cache: bool = False) -> list[str]:
    """`wenlint check ARGS`, linting every file (``--no-cache``) unless ``cache``."""
    return [executable(), "check", *args, *(() if cache else ("--no-cache",))]


# -- reporting ---------------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 2**20:.0f}"


#: MB/cpu-s is throughput per CPU-second of the whole tree (other load on the
#: machine does not lower it). mainCPU is the main process's share of cpu s.
#: Memory columns are MiB: maxRSS is exact (/usr/bin/time -v); mainRSS, wrkRSS
#: (largest worker) and sumRSS (whole tree at one instant) are sampled from /proc.
HEADER = (
    f"{'run':<28} {'MB':>5} {'files':>5} {'wrk':>3} {'wall s':>6} {'MB/s':>5} {'MB/s/core':>9} "
    f"{'cpu s':>5} {'MB/cpu-s':>8} {'mainCPU':>7} {'maxRSS':>6} {'mainRSS':>7} {'wrkRSS':>6} {'sumRSS':>6} {'mem x':>6}"
)


def row(run: Run, baseline: int) -> str:
    """One line of the results table."""
    sample = run.sample
    worker = mib(max(sample.worker_hwm.values())) if sample.worker_hwm else "-"
    return (
        f"{run.name:<28} {run.corpus.total / MB:>5.1f} {run.corpus.files:>5} {run.workers:>3} "
        f"{run.wall:>6.2f} {run.mbps:>5.2f} {run.mbps_core:>9.2f} "
        f"{run.cpu:>5.1f} {run.corpus.total / MB / run.cpu:>8.2f} {run.main_cpu:>7.1f} "
        f"{mib(run.maxrss):>6} {mib(sample.main_hwm):>7} {worker:>6} {mib(sample.total_rss):>6} "
        f"{memory_multiple(run, baseline):>6.1f}"
    )


def memory_multiple(run: Run, baseline: int) -> float:
    """Peak RSS above the start-up RSS, in multiples of the corpus's largest file."""
    return max(0, run.maxrss - baseline) / run.corpus.largest


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def code_state() -> str:
    """The commit of the wenlint being measured and a hash of its code
    (lint/ and rules/), which also changes with uncommitted edits."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    digest = hashlib.sha1()
    for path in sorted([*(REPO / "lint").rglob("*.py"), *(REPO / "rules").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return f"commit {head.stdout.strip() or '?'}, code {digest.hexdigest()[:8]}"
