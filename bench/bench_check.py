"""Benchmark the real ``wenlint`` command on the seeds and on real text, beside AutoCorrect.

Not a test: run it by hand, ``python bench/bench_check.py [--size-mb 50]``.
Every command runs as a subprocess of the installed ``wenlint`` script, so
start-up, discovery, worker processes and reporting are all included; so
does AutoCorrect (bench/autocorrect_check.py), on the same files in the same run.

MB here is 10**6 bytes. See bench/README.md for what is measured and why.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
from pathlib import Path

from corpora import MB, REPO, SOURCES, Corpus, fresh_copy, make_corpus, small_file
from measuring import HEADER, Run, code_state, load, measure, memory_multiple, mib, row, wenlint

CORES = os.cpu_count() or 1

# Targets.
MBPS_PER_CORE = 5.0  # check throughput, MB/s per core
COLD_START_S = 0.3  # `wenlint check seeds/`
MEMORY_MULTIPLE = 10  # peak RSS above start-up RSS, in multiples of the largest file
REAL_MBPS_PER_CORE = 2.0  # all default rules on real web text, one core (issue 20)
AUTOCORRECT_TIMES = 3  # wenlint's time over AutoCorrect's on the same files, at most
SCALING = 1.8  # all cores' speed over one core's, on 20 MB of web text as files (issue 20)
SMALL_FILE_S = 0.35  # `wenlint check` on one 2 KB file, median wall
SMALL_FILE_TIMES = 6  # ... over AutoCorrect's whole process on it, at most
MIB_PER_MB = 25  # peak RSS above start-up per MB of a 10 MB file of real text
CACHED_SHARE = 0.40  # a second `wenlint check seeds/` over unchanged files, CPU over the first's (issue 21)
AUTOCORRECT = [sys.executable, str(REPO / "bench" / "autocorrect_check.py")]


# -- the corpus ---------------------------------------------------------------


def write_config(workdir: Path, size_mb: float) -> None:
    """A wenlint.toml at the top of the scratch directory, so the project's
    [tool.wenlint] does not apply. An empty one is not enough: the default
    bench/out/ is in .gitignore, and wenlint would silently skip every file."""
    limit = max(64, int(2 * size_mb * MB / 2**20) + 1)
    (workdir / "wenlint.toml").write_text(f"respect-gitignore = false\nmax-file-size-mb = {limit}\n")


# -- the benchmark ---------------------------------------------------------------------

Verdicts = list[tuple[str, str, bool]]  # target, measured, met


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--size-mb", type=float, default=50, help="size of the seed corpora; 0: skip them (default: 50)"
    )
    parser.add_argument(
        "--workdir", type=Path, default=REPO / "bench" / "out", help="scratch directory (default: bench/out/)"
    )
    parser.add_argument(
        "--linearity",
        type=float,
        nargs="*",
        default=[10, 25],
        metavar="MB",
        help="other sizes of the seed corpora also checked, to see time against size (default: 10 25)",
    )
    parser.add_argument(
        "--cold-runs", type=int, default=10, help="runs of each start-up command, at least 1 (default: 10)"
    )
    parser.add_argument("--sources", nargs="*", default=list(SOURCES), choices=SOURCES, help="side by side on these")
    parser.add_argument("--compare-mb", type=float, default=2, help="files of each source side by side (default: 2)")
    parser.add_argument(
        "--pairs",
        type=int,
        default=1,
        help="runs of wenlint on one core and on all, side by side, taken in turn; the "
        "speed-up's verdict is their median (identical runs vary by 5%% here) (default: 1)",
    )
    parser.add_argument(
        "--rss-mb",
        type=float,
        nargs="*",
        default=[1, 5, 10],
        metavar="MB",
        help="one file of web text (default: 1 5 10)",
    )
    args = parser.parse_args()
    if args.cold_runs < 1:  # the start-up RSS every later section subtracts comes from these runs
        parser.error("--cold-runs must be at least 1")
    return args


def main() -> int:
    args = arguments()
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    write_config(workdir, max([args.size_mb, *args.linearity, *args.rss_mb, args.compare_mb]))
    state = code_state()
    autocorrect = importlib.util.find_spec("autocorrect_py") is not None
    print(f"wenlint benchmark: wenlint {state}; {CORES} cores, scratch {workdir}, {load()}", flush=True)
    if not autocorrect:
        print("AutoCorrect is not installed (pip install autocorrect-py): it is left out")
    verdicts: Verdicts = []
    baseline = start_up(args, workdir, autocorrect, verdicts)
    result_cache(args, workdir, verdicts)
    side_by_side(args, workdir, baseline, autocorrect, verdicts)
    memory_by_size(args, workdir, baseline, verdicts)
    if args.size_mb > 0:
        seed_corpora(args, workdir, baseline, verdicts)
    print(f"\ntargets ({load()}):")
    print(f"  {'target':<50} {'measured':<48} verdict")
    for target, measured, met in verdicts:
        print(f"  {target:<50} {measured:<48} {'ok' if met else 'MISSED'}")
    if code_state() != state:
        print(f"\nwarning: wenlint changed during the run ({state} -> {code_state()}): the numbers mix versions")
    for leftover in (".bench-stdout", ".bench-stderr", ".bench-time"):
        (workdir / leftover).unlink(missing_ok=True)
    return 0


def start_up(args: argparse.Namespace, workdir: Path, autocorrect: bool, verdicts: Verdicts) -> int:
    """`wenlint check seeds/`, and wenlint and AutoCorrect on one 2 KB file of web
    text, each ``--cold-runs`` times after a warm-up; the start-up RSS (the 2 KB file's)."""
    small = small_file(workdir, "web")
    commands = {
        "wenlint check seeds/": (wenlint(str(REPO / "seeds")), REPO),
        "wenlint 2 KB": (wenlint(str(small)), REPO),
    }
    if autocorrect:
        commands["AutoCorrect 2 KB"] = (AUTOCORRECT + [str(small)], REPO)
    print(f"\nstart-up, {args.cold_runs} runs each after a warm-up (2 KB: {small}):", flush=True)
    medians, rss = {}, {}
    for name, (argv, cwd) in commands.items():
        measure("warm-up", "cold", None, argv, cwd, workdir, stdout=os.devnull)
        runs = [measure(name, "cold", None, argv, cwd, workdir, stdout=os.devnull) for _ in range(args.cold_runs)]
        medians[name], rss[name] = statistics.median(r.wall for r in runs), min(r.maxrss for r in runs)
        print(
            f"  {name:<22} wall median {medians[name]:.3f} s (min {min(r.wall for r in runs):.3f}, "
            f"max {max(r.wall for r in runs):.3f}), cpu median {statistics.median(r.cpu for r in runs):.3f} s, "
            f"peak RSS {mib(rss[name])} MiB",
            flush=True,
        )
    seeds, small_s = medians["wenlint check seeds/"], medians["wenlint 2 KB"]
    verdicts.append((f"`wenlint check seeds/` <= {COLD_START_S} s", f"{seeds:.3f} s (median)", seeds <= COLD_START_S))
    verdicts.append((f"one 2 KB file <= {SMALL_FILE_S} s", f"{small_s:.3f} s (median)", small_s <= SMALL_FILE_S))
    if autocorrect:
        times = small_s / medians["AutoCorrect 2 KB"]
        print(f"  wenlint / AutoCorrect on the 2 KB file: {times:.1f}x")
        verdicts.append(
            (f"one 2 KB file <= {SMALL_FILE_TIMES}x AutoCorrect's process", f"{times:.1f}x", times <= SMALL_FILE_TIMES)
        )
    return rss["wenlint 2 KB"]


def result_cache(args: argparse.Namespace, workdir: Path, verdicts: Verdicts) -> None:
    """`wenlint check seeds/` with an empty result cache, then again over the
    unchanged files, ``--cold-runs`` times: the second's CPU time over the first's."""
    cache = workdir / "result-cache"
    argv = wenlint(str(REPO / "seeds"), "--cache-dir", str(cache), cache=True)
    print(f"\nresult cache, {args.cold_runs} pairs of runs of `wenlint check seeds/` (empty cache, then full):")
    firsts, seconds = [], []
    for _ in range(args.cold_runs):
        shutil.rmtree(cache, ignore_errors=True)
        firsts.append(measure("empty cache", "cold", None, argv, REPO, workdir, stdout=os.devnull).cpu)
        seconds.append(measure("full cache", "cold", None, argv, REPO, workdir, stdout=os.devnull).cpu)
    first, second = statistics.median(firsts), statistics.median(seconds)
    share = second / first
    print(f"  cpu median: empty cache {first:.3f} s, full cache {second:.3f} s: {share:.0%} of the first")
    verdicts.append(
        (f"second `check seeds/`: <= {CACHED_SHARE:.0%} of the first's cpu", f"{share:.0%}", share <= CACHED_SHARE)
    )
    shutil.rmtree(cache, ignore_errors=True)


def side_by_side(args: argparse.Namespace, workdir: Path, baseline: int, autocorrect: bool, verdicts: Verdicts) -> None:
    """wenlint on one core and on all, and AutoCorrect on one, on the same files of each source."""
    print(f"\nside by side on {args.compare_mb:g} MB of each source as files (--statistics):\n{HEADER}", flush=True)
    for source in args.sources:
        corpus = make_corpus(workdir, source, "many", args.compare_mb)
        rel = str(corpus.path.relative_to(workdir))
        pairs = []
        for _ in range(max(1, args.pairs)):
            argv = wenlint(rel, "--statistics", "--workers", "1")
            one = measure(f"{source} wenlint -w1", "check", corpus, argv, workdir, workdir)
            print(row(one, baseline), flush=True)
            every = measure(f"{source} wenlint", "check", corpus, wenlint(rel, "--statistics"), workdir, workdir)
            print(row(every, baseline), flush=True)
            pairs.append((one, every))
        scaling(source, pairs, verdicts)
        one = min((one for one, _ in pairs), key=lambda run: run.cpu)  # the fastest, as timeit reports
        cpu_rate = corpus.total / MB / one.cpu
        if source == "web":
            target = f"web text, one core >= {REAL_MBPS_PER_CORE:g} MB per cpu-s"
            verdicts.append((target, f"{cpu_rate:.2f} MB/cpu-s", cpu_rate >= REAL_MBPS_PER_CORE))
        if not autocorrect:
            continue
        theirs = measure(f"{source} AutoCorrect", "other", corpus, AUTOCORRECT + [rel], workdir, workdir)
        print(row(theirs, baseline), flush=True)
        wall, cpu = one.wall / theirs.wall, one.cpu / theirs.cpu
        print(f"  {source}: wenlint -w1 takes {wall:.1f}x AutoCorrect's wall time, {cpu:.1f}x its cpu time", flush=True)
        if source == "web":
            target = f"web text, one core <= {AUTOCORRECT_TIMES}x AutoCorrect's cpu time"
            verdicts.append((target, f"{cpu:.1f}x ({wall:.1f}x wall)", cpu <= AUTOCORRECT_TIMES))


def scaling(source: str, pairs: list[tuple[Run, Run]], verdicts: Verdicts) -> None:
    """The speed-up of all cores over one, for each pair of runs (one core,
    all), as measured (wall) and as the CPU times allow on idle cores: one
    core's CPU time over the longest of the main process's, each worker's
    share of theirs, and all of it spread over the machine's cores (the main
    process runs beside the workers). The verdict takes the median pair."""
    walls, idles = [], []
    for one, every in pairs:
        if every.workers < 2:
            print(f"  {source}: the default run used no worker processes (too little input): no speed-up to measure")
            return
        busiest = max(every.main_cpu, (every.cpu - every.main_cpu) / every.workers, every.cpu / CORES)
        walls.append(one.wall / every.wall)
        idles.append(one.cpu / busiest if busiest else float("inf"))
        print(
            f"  {source}: {every.workers} workers are {walls[-1]:.2f}x one core's wall time "
            f"({idles[-1]:.2f}x on idle cores, from CPU times; parallel overhead {every.cpu / one.cpu - 1:+.0%} CPU)",
            flush=True,
        )
    wall, idle = statistics.median(walls), statistics.median(idles)
    if len(pairs) > 1:
        print(f"  {source}: median of {len(pairs)} pairs {wall:.2f}x wall ({idle:.2f}x from CPU times)", flush=True)
    if source == "web" and pairs[0][0].corpus.total >= 20 * MB:
        target = f"web text, {pairs[0][1].workers} cores >= {SCALING:g}x one core (20 MB)"
        measured = f"{wall:.2f}x wall, {idle:.2f}x from CPU times" + (
            f" (median of {len(pairs)})" if len(pairs) > 1 else ""
        )
        verdicts.append((target, measured, wall >= SCALING))


def memory_by_size(args: argparse.Namespace, workdir: Path, baseline: int, verdicts: Verdicts) -> None:
    """Peak RSS of `wenlint check -w1` on one file of web text of each ``--rss-mb``."""
    print(f"\npeak RSS on one file of web text (start-up RSS {mib(baseline)} MiB):", flush=True)
    per_mb = 0.0
    for size in sorted(args.rss_mb):
        corpus = make_corpus(workdir, "web", "one", size)
        argv = wenlint(str(corpus.path.relative_to(workdir)), "--statistics", "--workers", "1")
        run = measure(f"web one {size:g} MB", "check", corpus, argv, workdir, workdir)
        per_mb = max(0, run.maxrss - baseline) / 2**20 / (corpus.total / MB)
        print(
            f"  {size:>5g} MB: peak {mib(run.maxrss)} MiB, {per_mb:.1f} MiB per MB above start-up, {run.mbps:.2f} MB/s"
        )
    if args.rss_mb:
        target = f"{max(args.rss_mb):g} MB file: <= {MIB_PER_MB} MiB per MB above start-up"
        verdicts.append((target, f"{per_mb:.1f} MiB per MB", per_mb <= MIB_PER_MB))


def seed_corpora(args: argparse.Namespace, workdir: Path, baseline: int, verdicts: Verdicts) -> None:
    """The seed corpora of ``--size-mb`` (and ``--linearity``): check, fix, output, all cores and one."""
    print(f"\nseed corpora of {args.size_mb:g} MB:", flush=True)
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

    many = make_corpus(workdir, "seeds", "many", args.size_mb)
    one = make_corpus(workdir, "seeds", "one", args.size_mb)
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
        by_size[size] = scaled(
            size, make_corpus(workdir, "seeds", "many", size), make_corpus(workdir, "seeds", "one", size)
        )
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
    verdicts.append(
        (
            f"seeds: check >= {MBPS_PER_CORE:g} MB/s per core",
            f"{slowest.mbps_core:.2f} MB/s/core ({slowest.name})",
            slowest.mbps_core >= MBPS_PER_CORE,
        )
    )
    multiple = memory_multiple(one_file, baseline)
    measured = f"{multiple:.1f}x: {mib(one_file.maxrss)} MiB for {one_file.corpus.total / MB:.0f} MB"
    verdicts.append(
        (f"seeds, one file: peak RSS <= start-up + {MEMORY_MULTIPLE}x it", measured, multiple <= MEMORY_MULTIPLE)
    )
    target = f"seeds, many files: growth {sizes[0]:g}->{sizes[-1]:g} MB <= {MEMORY_MULTIPLE}x largest"
    measured = f"{growth_x:.1f}x: {growth[0] / 2**20:+.1f} MiB ({growth[1]})"
    verdicts.append((target, measured, growth_x <= MEMORY_MULTIPLE))


if __name__ == "__main__":
    sys.exit(main())
