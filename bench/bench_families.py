"""Per-family cost: how fast each rule family checks the seeds and real text, beside AutoCorrect.

Not a test. Runs in one process on one core, so the numbers are MB/s per
core for the rules alone (no start-up, file discovery or reporting; see
bench_check.py for the whole command). Each family's rules that are on by
default are timed together, and its preview rules and those off by default
on lines of their own; "all rules" is the rules on by default, as
``wenlint check`` runs them. Each document is read as a ``.txt`` file
(CRLF made LF, as the command reads it). MB/cpu-s divides by this process's CPU time instead of the wall time,
so other load on the machine lowers it less. Each line is the fastest of
``--repeat`` runs (as timeit reports): on a shared virtual machine one run
of the same code varies by 20%, and only ever slower. The shared script
profile is also timed on its own. Each source (``--sources``: real web and
PDF text, the seeds; see corpora.py) is repeated to ``--size-mb``, and
AutoCorrect (``autocorrect-py``, if installed) lints the same documents in
the same process, with the ratio of all wenlint's rules to it:

    python bench/bench_families.py            # ~20 MB of each source
    python bench/bench_families.py --size-mb 5 --repeat 5 --sources web
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import time
import tracemalloc
from collections import defaultdict

from corpora import SOURCES, documents

from wenlint import Document
from wenlint.engine import lint
from wenlint.process import collect_less
from wenlint.registry import all_rules, in_preview, on_by_default

#: Each document is read as `wenlint check` reads a file of bench_check.py's corpora: a
#: plain-text file (CRLF line breaks made LF, as from_source does).
FILE = "doc.txt"


def corpus(source: str, size_mb: float) -> list[str]:
    """The documents of ``source``, repeated until they hold ``size_mb`` of UTF-8."""
    texts = [data.decode() for data in documents(source)]
    repeated, total = [], 0
    while total < size_mb * 1e6:
        for text in texts:
            repeated.append(text)
            total += len(text.encode())
    return repeated


def time_autocorrect(texts: list[str], repeat: int) -> tuple[float, float, int]:
    """Wall and CPU seconds for AutoCorrect to lint every document (the run of
    least CPU time of ``repeat``), and the lines it would change."""
    import autocorrect_py

    runs = []
    for _ in range(repeat):
        found = 0
        start, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            found += len(autocorrect_py.lint_for(text, "doc.txt").lines)
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(runs, key=lambda run: run[1])
    return wall, cpu, found


def time_family(documents: list[str], rules: list, repeat: int = 1) -> tuple[float, float, int]:
    """Wall and CPU seconds to lint every document with ``rules`` (of the
    run that took the least CPU time of ``repeat``), and findings made."""
    runs = []
    for _ in range(repeat):
        found = 0
        start, cpu = time.perf_counter(), time.process_time()
        for text in documents:
            found += len(lint(Document.from_source(text, FILE), rules))
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(runs, key=lambda run: run[1])
    return wall, cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20, help="of each source")
    parser.add_argument("--repeat", type=int, default=3, help="runs per line; the fastest is shown")
    parser.add_argument("--sources", nargs="*", default=["web", "pdf", "seeds"], choices=SOURCES)
    args = parser.parse_args()
    collect_less()  # as the command line does
    families: dict[str, list] = defaultdict(list)
    for code, rule in all_rules().items():
        family = code[0] if on_by_default(rule) else f"{code[0]}, {'preview' if in_preview(rule) else 'off by default'}"
        families[family].append(rule())
    for source in args.sources:
        measure_source(source, corpus(source, args.size_mb), families, args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MiB")


def measure_source(source: str, texts: list[str], families: dict[str, list], repeat: int) -> None:
    """The lines of one source: the script profile, each family, all rules, AutoCorrect."""
    megabytes = sum(len(text.encode()) for text in texts) / 1e6
    everything = [rule for name, rules in families.items() if "," not in name for rule in rules]  # the default rules
    lint(Document.from_source(texts[0], FILE), everything)  # tables the rules build on first use are not timed
    profile = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            Document.from_source(text, FILE).script.minority()  # the shared view, computed once per document
        profile = min(profile, time.perf_counter() - start)

    print(f"\n{source}: {len(texts)} documents, {megabytes:.1f} MB, one core, fastest of {repeat} runs")
    print(f"{'what':<32}{'seconds':>9}{'MB/s':>8}{'cpu s':>8}{'MB/cpu-s':>10}{'findings':>10}")
    print(f"{'script profile (view)':<32}{profile:>9.2f}{megabytes / profile:>8.1f}")
    for name, rules in [*sorted(families.items()), ("all rules", everything)]:
        seconds, cpu, found = time_family(texts, rules, repeat)
        label = f"{name} ({', '.join(rule.code for rule in rules)})" if name != "all rules" else name
        label = label if len(label) <= 31 else label[:30] + "…"
        print(f"{label:<32}{seconds:>9.2f}{megabytes / seconds:>8.1f}{cpu:>8.2f}{megabytes / cpu:>10.1f}{found:>10}")
    if importlib.util.find_spec("autocorrect_py") is not None:
        theirs, their_cpu, changes = time_autocorrect(texts, repeat)
        print(f"{'AutoCorrect (lines to change)':<32}{theirs:>9.2f}{megabytes / theirs:>8.1f}", end="")
        print(f"{their_cpu:>8.2f}{megabytes / their_cpu:>10.1f}{changes:>10}")
        print(f"all rules take {cpu / their_cpu:.1f}x AutoCorrect's cpu time ({seconds / theirs:.1f}x its wall time)")
    else:
        print("AutoCorrect is not installed (pip install autocorrect-py): left out")

    tracemalloc.start()
    lint(Document.from_source(max(texts, key=len), FILE), everything)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    largest = max(len(text.encode()) for text in texts)
    print(f"peak Python memory linting the largest document: {peak / 1e6:.1f} MB ({peak / largest:.0f}× its size)")


if __name__ == "__main__":
    main()
