"""Benchmark ``wenlint scan`` (corpus mode) on a synthetic corpus built from the seeds.

Not a test: run it by hand.

    python bench/bench_scan.py                    # quick: 20 MB corpus, 8 MB samples
    python bench/bench_scan.py --size-mb 200 --sample-mb 20
    python bench/bench_scan.py --no-ray --memory-mb 50 200

The corpus is JSON Lines: each document is 1 to 4 paragraphs drawn at
random from the five seeds, shuffled (seeded, so runs are comparable);
about 1.8 KB a document, so 200 MB is over 100,000 documents. Every command
runs as a subprocess of the installed ``wenlint`` (start-up included) and is
measured with ``measuring.measure`` (GNU time's peak RSS of the largest
process; CPU of the whole process tree). MB is 10**6 bytes.

Reported:
  * each rule family alone (``--select E`` …), 1 worker, on the sample:
    documents/s and MB/s per core;
  * all rules, 1 worker and 2 workers, on the sample: the speed-up;
  * all rules, 2 workers, on ``--memory-mb`` sizes of input (default 50 and
    200, or the corpus size if smaller): peak RSS, which must not grow with
    the input;
  * the Ray engine (``--engine ray``, a local instance, 2 CPUs) on the
    sample, beside the local engine's 2 workers: MB per CPU second of each,
    their ratio, and each engine's start-up (a run on a 20 KB input), also
    taken off to give the ratio net of it.

Columns: docs/s/c and MB/s/c are per core used (the workers), by wall time;
cpu s is user + system time of the whole process tree (Ray's workers, the
raylet's children, included: sampled from /proc, see treecpu.py), MB/cpu-s
the MB scanned per CPU second of it, and main s the main process's share
(reading, writing, the summary); load is the 1-minute load average after the
run — wall times mean little when other jobs share the machine, CPU seconds
still do.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import MB, SEEDS, Corpus
from measuring import GNU_TIME, executable, measure

REPO = Path(__file__).resolve().parents[1]
FAMILIES = "ESMPTLD"
#: Targets (acceptance): 2 workers at least this much faster than one; peak RSS
#: at the largest input at most this much above the smallest.
SPEEDUP = 1.7
RSS_GROWTH = 1.25
#: Target (issue 23): the Ray engine's MB per CPU second at least this share of the local engine's.
RAY_PER_CPU = 0.8
#: Bytes of the tiny input whose run measures an engine's start-up.
TINY = 20_000


def paragraphs() -> list[str]:
    found = []
    for path in SEEDS:
        found.extend(p.strip("\n") for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip())
    return found


def build_corpus(path: Path, size: int, seed: int = 7) -> Corpus:
    """JSON Lines of shuffled seed paragraphs, about ``size`` bytes."""
    if path.exists() and path.stat().st_size >= size:
        return Corpus(path, path.stat().st_size, 1, path.stat().st_size)
    pool, rng, total, number = paragraphs(), random.Random(seed), 0, 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        while total < size:
            text = "\n\n".join(rng.sample(pool, rng.randint(1, 4)))
            line = (json.dumps({"id": f"doc-{number}", "text": text}, ensure_ascii=False) + "\n").encode()
            out.write(line)
            total += len(line)
            number += 1
    return Corpus(path, total, 1, total)


def head(corpus: Corpus, path: Path, size: int) -> Corpus:
    """The first ``size`` bytes (whole lines) of a corpus."""
    if path.exists() and abs(path.stat().st_size - size) < 64 * 1024:
        return Corpus(path, path.stat().st_size, 1, path.stat().st_size)
    total = 0
    with open(corpus.path, "rb") as source, open(path, "wb") as out:
        for line in source:
            if total >= size:
                break
            out.write(line)
            total += len(line)
    return Corpus(path, total, 1, total)


def documents(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def scan(workdir: Path, name: str, corpus: Corpus, *options: str):
    """Run ``wenlint scan`` on ``corpus``; the run (CPU of the whole process tree too) and its summary."""
    exe = executable()
    output = workdir / "out" / name
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    argv = [exe, "scan", str(corpus.path), "-o", str(output / "out.jsonl"), *options]
    run = measure(name, "scan", corpus, argv, workdir, workdir, tree=True)
    if run.rc != 0:  # measure() lets 1 through: findings, for check
        sys.exit(f"{name}: `{' '.join(argv)}` exited {run.rc}\n{(workdir / '.bench-stderr').read_text()[-2000:]}")
    summary = json.loads((output / "out.jsonl.summary.json").read_text())
    return run, summary


def line(name: str, run, summary: dict, cores: int) -> str:
    docs = summary["documents"]
    mbps = run.corpus.total / MB / run.wall
    return (
        f"{name:<22} {run.corpus.total / MB:7.1f} {docs:8,d} {run.wall:8.1f} {docs / run.wall:9.1f} "
        f"{docs / run.wall / cores:9.1f} {mbps:7.3f} {mbps / cores:8.3f} {run.tree_cpu:7.1f} "
        f"{run.corpus.total / MB / run.tree_cpu:8.3f} {run.main_cpu:7.1f} {run.maxrss / 2**20:7.0f} "
        f"{os.getloadavg()[0]:5.2f}"
    )


HEADER = (
    f"{'run':<22} {'MB':>7} {'docs':>8} {'wall s':>8} {'docs/s':>9} {'docs/s/c':>9} {'MB/s':>7} "
    f"{'MB/s/c':>8} {'cpu s':>7} {'MB/cpu-s':>8} {'main s':>7} {'maxRSS':>7} {'load':>5}"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20, help="corpus size (default 20; 200 for the full run)")
    parser.add_argument("--sample-mb", type=float, default=8, help="input of the per-family, scaling and Ray runs")
    parser.add_argument("--memory-mb", type=float, nargs="+", default=[50, 200], help="input sizes for the RSS runs")
    parser.add_argument("--workdir", type=Path, default=REPO / "bench" / "out" / "scan")
    parser.add_argument("--no-families", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    workdir = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "wenlint.toml").write_text("")  # keep the project's [tool.wenlint] out
    print(f"cores: {os.cpu_count()}, load: {os.getloadavg()[0]:.2f}, GNU time: {bool(GNU_TIME)}")
    corpus = build_corpus(workdir / f"corpus-{args.size_mb:g}mb.jsonl", int(args.size_mb * MB))
    print(f"corpus: {corpus.path} {corpus.total / MB:.1f} MB, {documents(corpus.path):,} documents")
    sample = head(corpus, workdir / f"sample-{args.sample_mb:g}mb.jsonl", int(args.sample_mb * MB))
    print(HEADER)

    if not args.no_families:
        for family in FAMILIES:
            run, summary = scan(workdir, f"family-{family}", sample, "--select", family, "--workers", "1")
            print(line(f"family {family}, 1 worker", run, summary, 1), flush=True)

    one, one_summary = scan(workdir, "all-1", sample, "--workers", "1")
    print(line("all rules, 1 worker", one, one_summary, 1), flush=True)
    two, two_summary = scan(workdir, "all-2", sample, "--workers", "2")
    print(line("all rules, 2 workers", two, two_summary, 2), flush=True)
    speedup = one.wall / two.wall
    print(
        f"speed-up 2 vs 1 worker: {speedup:.2f}x (target >= {SPEEDUP}); CPU seconds {one.cpu:.1f} vs {two.cpu:.1f} "
        f"(x{two.cpu / one.cpu:.2f}: what a second worker costs besides the work)"
    )

    peaks = []
    for size in [] if args.no_memory else args.memory_mb:
        part = head(corpus, workdir / f"memory-{size:g}mb.jsonl", int(min(size, args.size_mb) * MB))
        run, summary = scan(workdir, f"memory-{size:g}", part, "--workers", "2")
        print(line(f"RSS, {part.total / MB:.0f} MB, 2 workers", run, summary, 2), flush=True)
        peaks.append((part.total, run.maxrss))
    if len(peaks) > 1:
        growth = peaks[-1][1] / peaks[0][1]
        print(
            f"peak RSS {peaks[0][1] / 2**20:.0f} MiB at {peaks[0][0] / MB:.0f} MB, "
            f"{peaks[-1][1] / 2**20:.0f} MiB at {peaks[-1][0] / MB:.0f} MB: x{growth:.2f} (target <= {RSS_GROWTH})"
        )

    if not args.no_ray:
        compare_engines(workdir, corpus, sample, two)


def compare_engines(workdir: Path, corpus: Corpus, sample: Corpus, local) -> None:
    """The Ray engine (a local instance, 2 CPUs) against the local engine's
    2 workers: MB per CPU second of each whole process tree, and the fixed
    cost of each, measured on a tiny input (Ray starts a GCS, a raylet and
    its workers, whatever the input)."""
    tiny = head(corpus, workdir / "tiny.jsonl", TINY)
    local_tiny, summary = scan(workdir, "local-tiny", tiny, "--workers", "2")
    print(line("start-up, local, 2 wrk", local_tiny, summary, 2), flush=True)
    ray_tiny, summary = scan(workdir, "ray-tiny", tiny, "--engine", "ray", "--workers", "2")
    print(line("start-up, ray, 2 CPUs", ray_tiny, summary, 2), flush=True)
    ray, summary = scan(workdir, "ray", sample, "--engine", "ray", "--workers", "2")
    print(line("ray (local), 2 CPUs", ray, summary, 2), flush=True)
    for run in (local, ray):
        groups = ", ".join(f"{name} {cpu:.1f}" for name, cpu in sorted(run.tree.by_group().items()))
        print(f"  cpu s of {run.name} by process: {groups} (wait4 saw {run.cpu:.1f})")
    mb = sample.total / MB
    gross = mb / ray.tree_cpu / (mb / local.tree_cpu)
    local_net = mb / max(local.tree_cpu - local_tiny.tree_cpu, 1e-9)
    ray_net = mb / max(ray.tree_cpu - ray_tiny.tree_cpu, 1e-9)
    print(
        f"per CPU on {mb:.1f} MB: local {mb / local.tree_cpu:.3f} MB/cpu-s, ray {mb / ray.tree_cpu:.3f} "
        f"(ray/local {gross:.2f}, target >= {RAY_PER_CPU}); start-up cpu s: local {local_tiny.tree_cpu:.1f}, "
        f"ray {ray_tiny.tree_cpu:.1f}; net of start-up: local {local_net:.3f}, ray {ray_net:.3f} "
        f"(ray/local {ray_net / local_net:.2f})"
    )


if __name__ == "__main__":
    main()
