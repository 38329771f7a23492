"""Memory of `wenlint check` on one large real-text file, and where it goes.

Not a test. Concatenates the texts of ../shared/data/real/*.jsonl (repeated
as needed) into one .txt of ``--size-mb`` MB, runs the real command on it
(``wenlint check FILE --output-format concise``, output to /dev/null) and on
a tiny file, and prints the peak RSS of each (``os.wait4``) and the growth
per MB of input: (peak − tiny-file peak) / MB. The target is ≤ 25 MB per MB.

``--by-rule`` then lints a ``--rule-size-mb`` piece of the same text in
this process under tracemalloc, each rule alone on a fresh Document (so a
rule's peak includes the views it asks for), then the shared views alone,
and prints the peak of Python allocations per MB of input, largest first.

    python bench/memory.py                       # 10 MB check, ~1-2 minutes
    python bench/memory.py --by-rule             # and the per-rule table
    python bench/memory.py --size-mb 5 --by-rule --rule-size-mb 1
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
#: Peak growth allowed per MB of input above the start-up baseline (issue 19).
TARGET_MB_PER_MB = 25


def real_text(size_mb: float) -> str:
    """The real documents' texts, one after another, repeated until ``size_mb`` MB of UTF-8."""
    texts = [json.loads(line)["text"] for path in sorted(REAL.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    if not texts:
        sys.exit(f"error: {REAL}: no real documents found")
    pieces, total = [], 0
    while total < size_mb * 1e6:
        for text in texts:
            pieces.append(text)
            total += len(text.encode())
            if total >= size_mb * 1e6:
                break
    return "\n\n".join(pieces)


def peak_of_check(path: Path) -> tuple[float, float, int]:
    """Peak RSS (MiB) and wall seconds of `wenlint check PATH`, and its exit code."""
    command = [
        sys.executable,
        "-m",
        "wenlint",
        "check",
        str(path),
        "--output-format",
        "concise",
        "--workers",
        "1",
        "--no-cache",
    ]
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        process = subprocess.Popen(command, cwd=path.parent, stdout=devnull, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        stderr = process.stderr.read().decode()
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"error: wenlint check {path.name} exited {code}: {stderr.strip()}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start, code


def by_rule(text: str) -> None:
    """Peak Python allocations of each rule alone, and of each shared view, per MB of ``text``."""
    from wenlint import Document
    from wenlint.engine import lint
    from wenlint.process import collect_less
    from wenlint.registry import all_rules

    collect_less()
    megabytes = len(text.encode()) / 1e6
    lint(Document("今天，我们召开会议。"), [rule() for rule in all_rules().values()])  # tables and lexicons load first
    rows = []
    for code, rule_class in all_rules().items():
        doc, rule = Document(text, "big.txt"), rule_class()
        tracemalloc.start()
        lint(doc, [rule])
        rows.append((tracemalloc.get_traced_memory()[1] / 2**20 / megabytes, code))
        tracemalloc.stop()
    views = {
        "line_starts": lambda doc: doc.line_starts,
        "lines": lambda doc: doc.lines,
        "paragraphs": lambda doc: doc.paragraphs,
        "verbatim": lambda doc: doc.verbatim,
        "zones": lambda doc: doc.zones,
        "script": lambda doc: doc.script,
    }
    for name, take in views.items():
        doc = Document(text, "big.txt")
        tracemalloc.start()
        take(doc)
        rows.append((tracemalloc.get_traced_memory()[1] / 2**20 / megabytes, f"view {name}"))
        tracemalloc.stop()
    print(f"\npeak Python allocations per MB of input ({megabytes:.1f} MB, each alone on a fresh Document):")
    for mb, what in sorted(rows, reverse=True):
        print(f"  {what:<20}{mb:>8.1f} MB/MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=10)
    parser.add_argument("--by-rule", action="store_true", help="also the per-rule tracemalloc table")
    parser.add_argument("--rule-size-mb", type=float, default=2, help="input size for --by-rule")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wenlint-memory-") as scratch:
        folder = Path(scratch)
        (folder / "wenlint.toml").write_text("max-file-size-mb = 1024\n", encoding="utf-8")
        text = real_text(args.size_mb)
        big, tiny = folder / "big.txt", folder / "tiny.txt"
        big.write_text(text, encoding="utf-8")
        tiny.write_text("今天，我们召开会议。\n", encoding="utf-8")
        megabytes = big.stat().st_size / 1e6
        baseline, _, _ = peak_of_check(tiny)
        peak, seconds, _ = peak_of_check(big)
    per_mb = (peak - baseline) / megabytes
    verdict = "ok" if per_mb <= TARGET_MB_PER_MB else f"over the target of {TARGET_MB_PER_MB}"
    print(f"input {megabytes:.1f} MB; load {os.getloadavg()[0]:.2f}")
    print(f"check tiny file: peak {baseline:.0f} MiB (start-up baseline)")
    print(f"check big file:  peak {peak:.0f} MiB in {seconds:.0f} s")
    print(f"growth: {per_mb:.1f} MiB per MB of input ({verdict})")
    if args.by_rule:
        by_rule(real_text(args.rule_size_mb))


if __name__ == "__main__":
    main()
