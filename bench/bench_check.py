"""Benchmark the real ``wenlint`` command on a corpus built from the seeds.

Not a test: run it by hand, ``python bench/bench_check.py [--size-mb 50]``.
Every command runs as a subprocess of the installed ``wenlint`` script, so
start-up, discovery, worker processes and reporting are all included.

MB here is 10**6 bytes. See bench/README.md for what is measured and why.
"""

from __future__ import annotations

import argparse
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
    """The seeds concatenated (blank line between) into one file of about ``size`` bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    block = b"\n".join(seed_bytes()) + b"\n"
    data = block * max(1, round(size / len(block)))
    path.write_bytes(data)
    return len(data)


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
            return {k: int(v.split()[0]) * 1024 for k, v in (line.split(":", 1) for line in handle)
                    if k in ("VmRSS", "VmHWM")}
    except (OSError, ValueError):
        return {}


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
    total_rss: int = 0  # the largest sum of RSS over the tree at one instant

    def watch(self, pid: int, done: threading.Event, every: float = 0.05) -> None:
        while not done.wait(every):
            main = _status(pid)
            self.main_hwm = max(self.main_hwm, main.get("VmHWM", 0))
            total = main.get("VmRSS", 0)
            for child in _children(pid):
                status = _status(child)
                self.worker_hwm[child] = max(self.worker_hwm.get(child, 0), status.get("VmHWM", 0))
                total += status.get("VmRSS", 0)
            self.total_rss = max(self.total_rss, total)


@dataclass
class Run:
    name: str
    kind: str  # "check", "fix" or "cold"
    corpus: Corpus | None
    wall: float
    cpu: float  # user + system seconds, workers included
    maxrss: int  # bytes: the largest process of the tree (wait4's ru_maxrss)
    workers: int  # worker processes seen; 0 means all in the main process
    sample: Sample
    rc: int
    output: str

    @property
    def cores(self) -> int:
        return max(1, self.workers)

    @property
    def mbps(self) -> float:
        return self.corpus.total / MB / self.wall

    @property
    def mbps_core(self) -> float:
        return self.mbps / self.cores


def measure(name: str, kind: str, corpus: Corpus | None, argv: list[str], cwd: Path,
            stdout: str | None = None) -> Run:
    """Run ``argv`` once and measure wall time, CPU time and memory.

    ``os.wait4`` gives the exact peak RSS of the largest process in the tree
    (the same number ``/usr/bin/time -v`` prints); a sampler thread reading
    /proc tells the main process from its workers and sums them.
    """
    out_path = Path(stdout) if stdout else cwd / ".bench-stdout"
    with open(out_path, "w") as out, open(cwd / ".bench-stderr", "w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err)
        sample, done = Sample(), threading.Event()
        watcher = threading.Thread(target=sample.watch, args=(process.pid, done), daemon=True)
        watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    done.set()
    watcher.join()
    text = "" if stdout else out_path.read_text(errors="replace")
    errors = (cwd / ".bench-stderr").read_text(errors="replace")
    rc = process.returncode
    if rc not in (0, 1) or (kind == "check" and rc == 0):
        # 0 on a check means no findings: the seeds always have some, so files were skipped.
        sys.exit(f"{name}: `{' '.join(argv)}` exited {rc}\n{text[-2000:]}{errors[-2000:]}")
    return Run(name, kind, corpus, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
               len(sample.worker_hwm), sample, rc, text)


def wenlint(*args: str) -> list[str]:
    exe = shutil.which("wenlint")
    if exe is None:
        sys.exit("no `wenlint` on PATH: pip install -e . first")
    return [exe, "check", *args]


# -- reporting ---------------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 2**20:.0f}"


HEADER = (f"{'run':<30} {'MB':>6} {'files':>6} {'wrk':>3} {'wall s':>7} {'MB/s':>6} {'MB/s/core':>9} "
          f"{'cpu s':>6} {'maxRSS':>6} {'main':>5} {'worker':>6} {'sum':>5} {'mem x':>6}")


def row(run: Run, baseline: int) -> str:
    """One line of the results table (memory in MiB)."""
    sample = run.sample
    worker = mib(max(sample.worker_hwm.values())) if sample.worker_hwm else "-"
    return (f"{run.name:<30} {run.corpus.total / MB:>6.1f} {run.corpus.files:>6} {run.workers:>3} "
            f"{run.wall:>7.2f} {run.mbps:>6.2f} {run.mbps_core:>9.2f} {run.cpu:>6.1f} {mib(run.maxrss):>6} "
            f"{mib(sample.main_hwm):>5} {worker:>6} {mib(sample.total_rss):>5} {memory_multiple(run, baseline):>6.1f}")


def memory_multiple(run: Run, baseline: int) -> float:
    """Peak RSS above the start-up RSS, in multiples of the corpus's largest file."""
    return max(0, run.maxrss - baseline) / run.corpus.largest


# -- the benchmark ---------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=50, help="size of each corpus (default: 50)")
    parser.add_argument("--workdir", type=Path, default=REPO / "bench" / "out", help="scratch directory (default: bench/out/)")
    parser.add_argument("--linearity", type=float, nargs="*", default=[10, 25], metavar="MB",
                        help="smaller sizes also checked, to see time against size (default: 10 25)")
    parser.add_argument("--cold-runs", type=int, default=10, help="runs of `wenlint check seeds/` (default: 10)")
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    write_config(workdir, max([args.size_mb, *args.linearity]))
    print(f"wenlint benchmark: {CORES} cores, corpus {args.size_mb:g} MB, scratch {workdir}\n", flush=True)

    # Cold start first: it also gives the start-up RSS that memory is measured against.
    seeds = str(REPO / "seeds")
    measure("warm-up", "cold", None, wenlint(seeds), REPO, stdout=os.devnull)
    cold = [measure("cold", "cold", None, wenlint(seeds), REPO, stdout=os.devnull) for _ in range(args.cold_runs)]
    cold_median = statistics.median(r.wall for r in cold)
    baseline = min(r.maxrss for r in cold)
    print(f"cold start `wenlint check {seeds}` x{args.cold_runs}: median {cold_median:.3f} s "
          f"(min {min(r.wall for r in cold):.3f}, max {max(r.wall for r in cold):.3f}; "
          f"target <= {COLD_START_S} s); start-up RSS {mib(baseline)} MiB\n", flush=True)

    runs: list[Run] = []

    def go(name: str, kind: str, corpus: Corpus, *argv: str, stdout: str | None = None) -> Run:
        run = measure(name, kind, corpus, wenlint(*argv), workdir, stdout)
        print(row(run, baseline), flush=True)
        runs.append(run)
        return run

    many = make_corpus(workdir, "many", args.size_mb)
    one = make_corpus(workdir, "one", args.size_mb)
    rel = lambda c: str(c.path.relative_to(workdir))  # noqa: E731 - shorter paths in wenlint's output
    print(HEADER, flush=True)
    first = go("many --statistics -w1", "check", many, rel(many), "--statistics", "--workers", "1")
    go("many --statistics", "check", many, rel(many), "--statistics")
    go("many concise>null -w1", "check", many, rel(many), "--output-format", "concise", "--workers", "1",
       stdout=os.devnull)
    go("many concise>null", "check", many, rel(many), "--output-format", "concise", stdout=os.devnull)
    go("one --statistics", "check", one, rel(one), "--statistics")
    go("many --fix (fresh copy)", "fix", many, rel(fresh_copy(many, workdir)), "--fix", "--statistics")
    go("one --fix (fresh copy)", "fix", one, rel(fresh_copy(one, workdir)), "--fix", "--statistics")
    print(f"\n`wenlint check {rel(many)} --statistics`:\n{first.output}")

    print("linearity (MB/s should not depend on size):")
    print(HEADER)
    scaling = {}
    for size in sorted({*args.linearity, args.size_mb}):
        if size == args.size_mb:
            chosen = [r for r in runs if r.kind == "check" and "concise" not in r.name]
            for run in chosen:
                print(row(run, baseline))
        else:
            small_many, small_one = make_corpus(workdir, "many", size), make_corpus(workdir, "one", size)
            chosen = [go(f"many --statistics -w1 @{size:g}", "check", small_many, rel(small_many), "--statistics", "--workers", "1"),
                      go(f"many --statistics @{size:g}", "check", small_many, rel(small_many), "--statistics"),
                      go(f"one --statistics @{size:g}", "check", small_one, rel(small_one), "--statistics")]
        for run in chosen:
            scaling.setdefault(run.name.split(" @")[0], []).append(f"{size:g} MB: {run.mbps:.2f}")
    for name, points in scaling.items():
        print(f"  {name:<24} MB/s at " + ", ".join(points))

    checks = [r for r in runs if r.kind == "check"]
    slowest = min(checks, key=lambda r: r.mbps_core)
    hungriest = max(runs, key=lambda r: memory_multiple(r, baseline))
    verdict = lambda ok: "ok" if ok else "MISSED"  # noqa: E731
    print("\ntargets:")
    print(f"  {'target':<46} {'measured':<44} verdict")
    print(f"  {'check >= %g MB/s per core' % MBPS_PER_CORE:<46} "
          f"{'%.2f MB/s/core (worst: %s)' % (slowest.mbps_core, slowest.name):<44} {verdict(slowest.mbps_core >= MBPS_PER_CORE)}")
    print(f"  {'`wenlint check seeds/` <= %g s' % COLD_START_S:<46} "
          f"{'%.3f s (median of %d)' % (cold_median, len(cold)):<44} {verdict(cold_median <= COLD_START_S)}")
    print(f"  {'peak RSS <= start-up + %dx largest file' % MEMORY_MULTIPLE:<46} "
          f"{'%.1fx, %s MiB (worst: %s)' % (memory_multiple(hungriest, baseline), mib(hungriest.maxrss), hungriest.name):<44} "
          f"{verdict(memory_multiple(hungriest, baseline) <= MEMORY_MULTIPLE)}")
    for leftover in (".bench-stdout", ".bench-stderr"):
        (workdir / leftover).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
