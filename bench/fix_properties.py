"""The fix properties of tests/test_fix_properties.py on many more generated documents.

Runs (a) non-prose kept, (b) Han characters and digits kept, (c) fixing
twice equals once and (d) nothing safely fixable left, on ``--cases``
documents (default 20,000; Markdown and plain text), without stopping at the
first failure: every failure is counted by kind, and the shortest document
of each kind is printed. Seeded, like the test (``--seed``).

    nice -n 10 python3 bench/fix_properties.py --cases 20000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from chinese_documents import named_documents
from test_fix_properties import property_failures


def failure_kind(message: str) -> str:
    """A failure's kind: its property and what broke it (a rule code or a kind of span)."""
    head, _, rest = message.partition(" ")
    if head == "(a)":
        return f"(a) {rest.split(' ', 1)[0]}"
    if head in ("(b)", "(d)"):
        return f"{head} {rest.removeprefix('still fixable after --fix: ').split(' ', 1)[0]}"
    return head


def run(cases: int, seed_value: int) -> tuple[int, Counter[str], dict[str, tuple[str, str, str]]]:
    """Check ``cases`` documents; the number checked, failures by kind and the shortest example of each."""
    counts: Counter[str] = Counter()
    shortest: dict[str, tuple[str, str, str]] = {}
    checked = 0

    @seed(seed_value)
    @settings(
        max_examples=cases,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(named_documents)
    def check(named: tuple[str, str]) -> None:
        nonlocal checked
        checked += 1
        name, source = named
        for message in property_failures(name, source):
            kind = failure_kind(message)
            counts[kind] += 1
            if kind not in shortest or len(source) < len(shortest[kind][1]):
                shortest[kind] = (name, source, message)

    check()
    return checked, counts, shortest


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--cases", type=int, default=20_000, help="generated documents (default 20,000)")
    options.add_argument("--seed", type=int, default=15, help="the generator's seed (default 15)")
    args = options.parse_args()
    started, cpu = time.monotonic(), time.process_time()
    checked, counts, shortest = run(args.cases, args.seed)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    print(f"{checked} documents in {seconds:.0f} s, {cpu:.0f} CPU s ({1000 * cpu / checked:.0f} ms each)")
    print(f"failing kinds: {len(counts)}")
    for kind, count in counts.most_common():
        name, source, message = shortest[kind]
        print(f"\n{count:6d}  {kind}\n        shortest ({name}): {source!r}\n        {message[:400]}")
    sys.exit(1 if counts else 0)


if __name__ == "__main__":
    main()
