"""Per-family cost: how fast each rule family checks a seed-built corpus.

Not a test. Runs in one process on one core, so the numbers are MB/s per
core for the rules alone (no start-up, file discovery or reporting; see
bench_check.py for the whole command). Each family's rules that are on by
default are timed together, and those off by default on a line of their
own. MB/cpu-s divides by this process's CPU time instead of the wall time,
so other load on the machine lowers it less. Each line is the fastest of
``--repeat`` runs (as timeit reports): on a shared virtual machine one run
of the same code varies by 20%, and only ever slower. The shared script
profile is also timed on its own:

    python bench/bench_families.py            # ~20 MB of documents
    python bench/bench_families.py --size-mb 5 --repeat 5
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from wenlint import Document
from wenlint.engine import collect_less, lint
from wenlint.registry import all_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def corpus(size_mb: float) -> list[str]:
    """The seed documents, repeated until they hold ``size_mb`` of UTF-8."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    documents, total = [], 0
    while total < size_mb * 1e6:
        for text in texts:
            documents.append(text)
            total += len(text.encode())
    return documents


def time_family(documents: list[str], rules: list, repeat: int = 1) -> tuple[float, float, int]:
    """Wall and CPU seconds to lint every document with ``rules`` (of the
    run that took the least CPU time of ``repeat``), and findings made."""
    runs = []
    for _ in range(repeat):
        found = 0
        start, cpu = time.perf_counter(), time.process_time()
        for text in documents:
            found += len(lint(Document(text), rules))
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(runs, key=lambda run: run[1])
    return wall, cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="runs per line; the fastest is shown")
    args = parser.parse_args()
    collect_less()  # as the command line does
    documents = corpus(args.size_mb)
    megabytes = sum(len(text.encode()) for text in documents) / 1e6
    families: dict[str, list] = defaultdict(list)
    for code, rule in all_rules().items():
        family = code[0] if rule.default_enabled else f"{code[0]}, off by default"
        families[family].append(rule())

    profile = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for text in documents:
            Document(text).script.minority()  # the shared view, computed once per document
        profile = min(profile, time.perf_counter() - start)

    print(f"{len(documents)} documents, {megabytes:.1f} MB, one core, fastest of {args.repeat} runs")
    print(f"{'what':<32}{'seconds':>9}{'MB/s':>8}{'cpu s':>8}{'MB/cpu-s':>10}{'findings':>10}")
    print(f"{'script profile (view)':<32}{profile:>9.2f}{megabytes / profile:>8.1f}")
    everything = [rule for rules in families.values() for rule in rules]
    for name, rules in [*sorted(families.items()), ("all rules", everything)]:
        seconds, cpu, found = time_family(documents, rules, args.repeat)
        label = f"{name} ({', '.join(rule.code for rule in rules)})" if name != "all rules" else name
        label = label if len(label) <= 31 else label[:30] + "…"
        print(f"{label:<32}{seconds:>9.2f}{megabytes / seconds:>8.1f}{cpu:>8.2f}{megabytes / cpu:>10.1f}{found:>10}")

    tracemalloc.start()
    lint(Document(max(documents, key=len)), everything)
    peak = tracemalloc.get_traced_memory()[1]
    largest = max(len(text.encode()) for text in documents)
    print(f"peak Python memory linting the largest document: {peak / 1e6:.1f} MB ({peak / largest:.0f}× its size)")


if __name__ == "__main__":
    main()
