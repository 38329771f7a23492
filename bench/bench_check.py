"""Benchmark the real ``wenlint`` command on a corpus built from the seeds.

Not a test: run it by hand, ``python bench/bench_check.py [--size-mb 50]``.
Every command runs as a subprocess of the installed ``wenlint`` script, so
start-up, discovery, worker processes and reporting are all included.

MB here is 10**6 bytes. See bench/README.md for what is measured and why.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
MB = 10**6
CORES = os.cpu_count() or 1
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

# Targets.
MBPS_PER_CORE = 5.0  # check throughput, MB/s per core
COLD_START_S = 0.3  # `wenlint check seeds/`
MEMORY_MULTIPLE = 10  # peak RSS above start-up RSS, in multiples of the largest file


# -- the corpus ---------------------------------------------------------------


def seed_bytes() -> list[bytes]:
    """The seed documents, each ending in a newline."""
    return [data if data.endswith(b"\n") else data + b"\n" for data in (p.read_bytes() for p in SEEDS)]


def write_config(workdir: Path, size_mb: float) -> None:
    """A wenlint.toml at the top of the scratch directory, so the project's
    [tool.wenlint] does not apply. An empty one is not enough: the default
    bench/out/ is in .gitignore, and wenlint would silently skip every file."""
    limit = max(64, int(2 * size_mb * MB / 2**20) + 1)
    (workdir / "wenlint.toml").write_text(f"respect-gitignore = false\nmax-file-size-mb = {limit}\n")


def build_many(directory: Path, size: int) -> list[int]:
    """The seeds copied round-robin into ``directory`` until ``size`` bytes;
    returns the file sizes."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    seeds, sizes = seed_bytes(), []
    while sum(sizes) < size:
        index = len(sizes)
        data = seeds[index % len(seeds)]
        (directory / f"{index:05d}_{SEEDS[index % len(SEEDS)].name}").write_bytes(data)
        sizes.append(len(data))
    return sizes


def build_one(path: Path, size: int) -> int:
    """The seeds concatenated (blank line between) into one file of about ``size`` bytes.
    Written block by block, so this process stays small (see ``measure``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    block = b"\n".join(seed_bytes()) + b"\n"
    count = max(1, round(size / len(block)))
    with open(path, "wb") as out:
        for _ in range(count):
            out.write(block)
    return count * len(block)


@dataclass
class Corpus:
    path: Path  # a directory or a file
    total: int  # bytes
    files: int
    largest: int  # bytes of the largest file


def make_corpus(workdir: Path, kind: str, size_mb: float) -> Corpus:
    """Build the "many" (directory) or "one" (single file) corpus of ``size_mb``."""
    label = f"{size_mb:g}mb"
    if kind == "many":
        sizes = build_many(workdir / f"many-{label}", int(size_mb * MB))
        return Corpus(workdir / f"many-{label}", sum(sizes), len(sizes), max(sizes))
    path = workdir / f"one-{label}" / "corpus.txt"
    total = build_one(path, int(size_mb * MB))
    return Corpus(path, total, 1, total)


def fresh_copy(corpus: Corpus, workdir: Path) -> Corpus:
    """A copy of ``corpus`` under ``workdir`` for --fix to rewrite."""
    target = workdir / ("fix-" + (corpus.path.name if corpus.path.is_dir() else corpus.path.parent.name))
    shutil.rmtree(target, ignore_errors=True)
    if corpus.path.is_dir():
        shutil.copytree(corpus.path, target)
        return Corpus(target, corpus.total, corpus.files, corpus.largest)
    target.mkdir()
    shutil.copyfile(corpus.path, target / corpus.path.name)
    return Corpus(target / corpus.path.name, corpus.total, corpus.files, corpus.largest)


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
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (wenlint's worker processes)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(name))
            except (OSError, IndexError, ValueError):
                pass
    return found


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
    name: str, kind: str, corpus: Corpus | None, argv: list[str], cwd: Path, scratch: Path, stdout: str | None = None
) -> Run:
    """Run ``argv`` once and measure wall time, CPU time and memory.

    The command runs under ``/usr/bin/time -v``, whose "Maximum resident set
    size" is the exact peak RSS of the largest process in the tree. The
    ``os.wait4`` rusage of a child of this process is not: a child spawned
    from Python inherits this process's high-water RSS (Linux keeps it across
    vfork and exec, even after the memory is freed), so it is only the
    fallback without GNU time. CPU time does come from ``os.wait4``. A
    sampler thread reading /proc tells the main process from its workers.
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
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    done.set()
    watcher.join()
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
        name, kind, corpus, wall, usage.ru_utime + usage.ru_stime, maxrss, len(sample.worker_hwm), sample, rc, text
    )


def wenlint(*args: str) -> list[str]:
    exe = shutil.which("wenlint")
    if exe is None:
        sys.exit("no `wenlint` on PATH: pip install -e . first")
    return [exe, "check", *args]


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


# -- the benchmark ---------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=50, help="size of each corpus (default: 50)")
    parser.add_argument(
        "--workdir", type=Path, default=REPO / "bench" / "out", help="scratch directory (default: bench/out/)"
    )
    parser.add_argument(
        "--linearity",
        type=float,
        nargs="*",
        default=[10, 25],
        metavar="MB",
        help="other sizes also checked, to see time against size (default: 10 25)",
    )
    parser.add_argument("--cold-runs", type=int, default=10, help="runs of `wenlint check seeds/` (default: 10)")
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    write_config(workdir, max([args.size_mb, *args.linearity]))
    state = code_state()
    print(
        f"wenlint benchmark: wenlint {state}; {CORES} cores, corpus {args.size_mb:g} MB, scratch {workdir}, {load()}\n",
        flush=True,
    )

    # Cold start first: it also gives the start-up RSS that memory is measured against.
    seeds = str(REPO / "seeds")
    measure("warm-up", "cold", None, wenlint(seeds), REPO, workdir, stdout=os.devnull)
    cold = [
        measure("cold", "cold", None, wenlint(seeds), REPO, workdir, stdout=os.devnull) for _ in range(args.cold_runs)
    ]
    cold_median = statistics.median(r.wall for r in cold)
    baseline = min(r.maxrss for r in cold)
    print(
        f"cold start `wenlint check {seeds} > /dev/null` x{args.cold_runs}: median {cold_median:.3f} s "
        f"(min {min(r.wall for r in cold):.3f}, max {max(r.wall for r in cold):.3f}; "
        f"target <= {COLD_START_S} s); start-up RSS {mib(baseline)} MiB\n",
        flush=True,
    )

    runs: list[Run] = []

    def go(name: str, kind: str, corpus: Corpus, *argv: str, stdout: str | None = None) -> Run:
        run = measure(name, kind, corpus, wenlint(*argv), workdir, workdir, stdout)
        print(row(run, baseline), flush=True)
        runs.append(run)
        return run

    def rel(corpus: Corpus) -> str:
        return str(corpus.path.relative_to(workdir))  # shorter paths in wenlint's output

    def scaled(size: float, many: Corpus, one: Corpus) -> list[Run]:
        """The runs repeated at every size, to show linearity."""
        suffix = "" if size == args.size_mb else f" @{size:g}"
        return [
            go("many --statistics -w1" + suffix, "check", many, rel(many), "--statistics", "--workers", "1"),
            go("many --statistics" + suffix, "check", many, rel(many), "--statistics"),
            go("one --statistics" + suffix, "check", one, rel(one), "--statistics"),
        ]

    many = make_corpus(workdir, "many", args.size_mb)
    one = make_corpus(workdir, "one", args.size_mb)
    print(HEADER, flush=True)
    by_size = {args.size_mb: scaled(args.size_mb, many, one)}
    go(
        "many concise>null -w1",
        "check",
        many,
        rel(many),
        "--output-format",
        "concise",
        "--workers",
        "1",
        stdout=os.devnull,
    )
    go("many concise>null", "check", many, rel(many), "--output-format", "concise", stdout=os.devnull)
    go("many --fix (fresh copy)", "fix", many, rel(fresh_copy(many, workdir)), "--fix", "--statistics")
    go("one --fix (fresh copy)", "fix", one, rel(fresh_copy(one, workdir)), "--fix", "--statistics")
    print(f"\n`wenlint check {rel(many)} --statistics` said:\n{by_size[args.size_mb][0].output}")

    print("linearity (MB/s and memory should not depend on size):", flush=True)
    print(HEADER, flush=True)
    for size in sorted(set(args.linearity) - {args.size_mb}):
        by_size[size] = scaled(size, make_corpus(workdir, "many", size), make_corpus(workdir, "one", size))
    sizes = sorted(by_size)
    for i, name in enumerate(run.name for run in by_size[args.size_mb]):
        points = ", ".join(f"{s:g} MB: {by_size[s][i].mbps:.2f} MB/s {mib(by_size[s][i].maxrss)} MiB" for s in sizes)
        print(f"  {name:<22} {points}")

    checks = [r for r in runs if r.kind == "check"]
    slowest = min(checks, key=lambda r: r.mbps_core)
    one_file = max((r for r in runs if r.corpus.files == 1), key=lambda r: memory_multiple(r, baseline))
    small, big = by_size[sizes[0]], by_size[sizes[-1]]
    growth = max((big[i].maxrss - small[i].maxrss, small[i].name) for i in range(2))  # the many-files runs
    growth_x = growth[0] / many.largest
    verdict = lambda ok: "ok" if ok else "MISSED"
    print(f"\ntargets ({load()}):")
    print(f"  {'target':<50} {'measured':<48} verdict")
    print(
        f"  {'check >= %g MB/s per core' % MBPS_PER_CORE:<50} "
        f"{'%.2f MB/s/core (worst: %s)' % (slowest.mbps_core, slowest.name):<48} {verdict(slowest.mbps_core >= MBPS_PER_CORE)}"
    )
    print(
        f"  {'`wenlint check seeds/` <= %g s' % COLD_START_S:<50} "
        f"{'%.3f s (median of %d)' % (cold_median, len(cold)):<48} {verdict(cold_median <= COLD_START_S)}"
    )
    print(
        f"  {'one file: peak RSS <= start-up + %dx the file' % MEMORY_MULTIPLE:<50} "
        f"{'%.1fx: %s MiB for %.0f MB (%s)' % (memory_multiple(one_file, baseline), mib(one_file.maxrss), one_file.corpus.total / MB, one_file.name):<48} "
        f"{verdict(memory_multiple(one_file, baseline) <= MEMORY_MULTIPLE)}"
    )
    print(
        f"  {'many files: growth %g->%g MB <= %dx largest file' % (sizes[0], sizes[-1], MEMORY_MULTIPLE):<50} "
        f"{'%.1fx: %+.1f MiB (%s)' % (growth_x, growth[0] / 2**20, growth[1]):<48} {verdict(growth_x <= MEMORY_MULTIPLE)}"
    )
    if code_state() != state:
        print(f"\nwarning: wenlint changed during the run ({state} -> {code_state()}): the numbers mix versions")
    for leftover in (".bench-stdout", ".bench-stderr", ".bench-time"):
        (workdir / leftover).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
