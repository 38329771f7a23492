"""The whole-command fuzz of tests/test_fuzz_cli.py on many more inputs.

Each generated file (random bytes, hostile Unicode in eight encodings,
generated Markdown and plain text; at most 4 KB) goes through ``wenlint
check``, ``--output-format json``, ``--diff`` and ``--fix`` (json and
``--fix`` also from standard input) in this process, and ``--subprocess N``
of them through the real command as well. Failures
(an exception escaping main, a traceback, an exit code outside 0–2, JSON
that does not parse strictly, a run over the hang guard) are counted by
kind, with the shortest input of each; the slowest run is reported.

    nice -n 10 python3 bench/fuzz_cli.py --cases 10000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_fuzz_cli import fuzz_failures, inputs, subprocess_failures


def failure_kind(message: str) -> str:
    """A failure's kind: the mode and what broke, without the details."""
    mode, _, what = message.partition(": ")
    return f"{mode}: {what.split(':', 1)[0][:60]}"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--cases", type=int, default=10_000, help="generated inputs (default 10,000)")
    options.add_argument(
        "--subprocess", type=int, default=50, help="of them also through the real command (default 50)"
    )
    options.add_argument("--seed", type=int, default=19, help="the generator's seed (default 19)")
    args = options.parse_args()
    counts: Counter[str] = Counter()
    shortest: dict[str, tuple[str, bytes, str]] = {}
    checked, slowest = 0, 0.0

    @seed(args.seed)
    @settings(
        max_examples=args.cases,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def check(named: tuple[str, bytes]) -> None:
        nonlocal checked, slowest
        checked += 1
        name, data = named
        failures, seconds = fuzz_failures(name, data)
        slowest = max(slowest, seconds)
        if checked <= args.subprocess:
            failures += subprocess_failures(name, data)
        for message in failures:
            kind = failure_kind(message)
            counts[kind] += 1
            if kind not in shortest or len(data) < len(shortest[kind][1]):
                shortest[kind] = (name, data, message)

    started, cpu = time.monotonic(), time.process_time()
    check()
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    print(f"{checked} inputs × 6 runs ({min(checked, args.subprocess)} also in a subprocess) in {seconds:.0f} s")
    print(f"{cpu:.0f} CPU s in this process ({1000 * cpu / checked:.0f} ms an input)")
    print(f"slowest in-process run: {slowest:.2f} CPU s; failing kinds: {len(counts)}")
    for kind, count in counts.most_common():
        name, data, message = shortest[kind]
        print(
            f"\n{count:6d}  {kind}\n        shortest ({name}, {len(data)} bytes): {data[:300]!r}\n        {message[:400]}"
        )
    sys.exit(1 if counts else 0)


if __name__ == "__main__":
    main()
