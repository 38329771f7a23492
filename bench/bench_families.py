"""Per-family cost: how fast each rule family checks a seed-built corpus.

Not a test. Runs in one process on one core, so the numbers are MB/s per
core for the rules alone (no start-up, file discovery or reporting; see
bench_check.py for the whole command). Shared views are timed separately,
the first time a family needs them:

    python bench/bench_families.py            # ~20 MB of documents
    python bench/bench_families.py --size-mb 5
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from wenlint import Document
from wenlint.engine import lint
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


def time_family(documents: list[str], rules: list) -> tuple[float, int]:
    """Seconds to lint every document with ``rules``, and findings made."""
    found = 0
    start = time.perf_counter()
    for text in documents:
        found += len(lint(Document(text), rules))
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20)
    args = parser.parse_args()
    documents = corpus(args.size_mb)
    megabytes = sum(len(text.encode()) for text in documents) / 1e6
    families: dict[str, list] = defaultdict(list)
    for code, rule in all_rules().items():
        families[code[0]].append(rule())

    start = time.perf_counter()
    for text in documents:
        Document(text).script.minority()  # the shared view, computed once per document
    profile = time.perf_counter() - start

    print(f"{len(documents)} documents, {megabytes:.1f} MB, one core")
    print(f"{'what':<28}{'seconds':>9}{'MB/s':>9}{'findings':>10}")
    print(f"{'script profile (view)':<28}{profile:>9.2f}{megabytes / profile:>9.1f}{'':>10}")
    everything = [rule for rules in families.values() for rule in rules]
    for name, rules in [*sorted(families.items()), ("all rules", everything)]:
        seconds, found = time_family(documents, rules)
        label = f"{name} ({', '.join(rule.code for rule in rules)})" if name != "all rules" else name
        print(f"{label[:27]:<28}{seconds:>9.2f}{megabytes / seconds:>9.1f}{found:>10}")

    tracemalloc.start()
    lint(Document(max(documents, key=len)), everything)
    peak = tracemalloc.get_traced_memory()[1]
    largest = max(len(text.encode()) for text in documents)
    print(f"peak Python memory linting the largest document: {peak / 1e6:.1f} MB ({peak / largest:.0f}× its size)")


if __name__ == "__main__":
    main()
