"""Pathological inputs: does every rule stay linear in time and bounded in memory?

Not a test. Builds each adversarial input kind (issue 19) at two sizes and
runs every rule (default and off by default) alone on it, each run in a
forked child process: the child builds the Document and lints it with the
one rule; the parent takes the child's CPU time for the lint and its peak
RSS (``os.wait4``), and kills it when it passes ``--timeout`` seconds or
``--max-rss-mb``. A rule is flagged when the larger size takes more than
2.5 × the time of the smaller (judged only when the larger run takes at
least ``--min-seconds``), when a run peaks over 1 GB, or when it was killed.

    python bench/pathological.py                      # 1 and 2 MB, every rule and kind
    python bench/pathological.py --quick              # 0.25 and 0.5 MB
    python bench/pathological.py --rules E002,T005 --kinds gbk-mojibake,few-distinct
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from wenlint import Document
from wenlint.engine import lint
from wenlint.process import collect_less
from wenlint.registry import all_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: Peak RSS over which a run is flagged (MiB).
MEMORY_LIMIT_MB = 1024
#: The larger size's time may be at most this multiple of the smaller's.
LINEAR_RATIO = 2.5


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated until the text holds about ``size`` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode()))


def _seed_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def few_distinct(size: int) -> str:
    return _repeat("中**" * 200 + "\n", size)


def gbk_mojibake(size: int) -> str:
    """One run of the characters GBK makes of UTF-8 (seed text read as GBK, out of step, kept to those characters)."""
    from wenlint.codepages import gbk_chars

    chars = gbk_chars()
    return _repeat("".join(char for char in _seed_text().encode().decode("gbk", "replace") if char in chars), size)


def blank_parens(size: int) -> str:
    return "答" + _repeat("（    ）", size)


def unclosed_comment(size: int) -> str:
    return "<!-- 注释没有结束\n" + _repeat("今天，我们召开全区社区建设工作会议。\n", size)


def letters_by_link(size: int) -> str:
    return "见 https://example.org/资料 " + _repeat("a", size) + "\n"


def single_line(size: int) -> str:
    return _repeat(_seed_text().replace("\n", ""), size)


def deep_nesting(size: int) -> str:
    lines = [">" * depth + " " + "  " * depth + "- 第一条内容" for depth in range(1, 400)]
    return _repeat("\n".join(lines) + "\n", size)


def punctuation_runs(size: int) -> str:
    quarter = size // 4
    return "".join(_repeat(mark, quarter) + "\n" for mark in "—。…!")


def short_lines(size: int) -> str:
    return _repeat("中\n", size)


def number_list(size: int) -> str:
    """One line of a number's digits and commas before a unit (`1，1，…1 个`)."""
    return "共" + _repeat("1，", size - 12) + " 个。"


def quote_lines(size: int) -> str:
    """One paragraph of lines that each open a quote none closes."""
    return _repeat("“中文引号开始了\n", size)


def lone_closers(size: int) -> str:
    """One line of `）` without an opener."""
    return _repeat("中文内容）", size)


def random_han(size: int) -> str:
    rng = random.Random(19)
    chars = [chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(size // 3)]
    return "\n".join("".join(chars[i : i + 100]) for i in range(0, len(chars), 100))


#: Kind name → (file name, text builder taking a size in bytes).
KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    "few-distinct": ("doc.txt", few_distinct),
    "gbk-mojibake": ("doc.txt", gbk_mojibake),
    "blank-parens": ("doc.txt", blank_parens),
    "unclosed-comment": ("doc.md", unclosed_comment),
    "letters-by-link": ("doc.txt", letters_by_link),
    "single-line": ("doc.txt", single_line),
    "deep-nesting": ("doc.md", deep_nesting),
    "punctuation-runs": ("doc.txt", punctuation_runs),
    "short-lines": ("doc.txt", short_lines),
    "random-han": ("doc.txt", random_han),
    "number-list": ("doc.txt", number_list),
    "quote-lines": ("doc.txt", quote_lines),
    "lone-closers": ("doc.txt", lone_closers),
}


def _child(rule, text: str, path: str, write_fd: int) -> None:
    """In the forked child: lint, send the CPU seconds and findings, exit."""
    status = 0
    try:
        start = time.process_time()
        found = len(lint(Document(text, path), [rule]))
        os.write(write_fd, f"{time.process_time() - start} {found}".encode())
    except BaseException:  # noqa: BLE001 - the child must never return into the parent's loop
        status = 1
    os._exit(status)


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_one(rule, text: str, path: str, timeout: float, max_rss_mb: float) -> dict:
    """Run ``rule`` on ``text`` in a forked child: its CPU seconds, peak RSS
    (MiB), findings, and why it was killed (or None)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(rule, text, path, write_fd)
    os.close(write_fd)
    killed = None
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            killed = "timeout"
        elif _rss_mb(pid) > max_rss_mb:
            killed = "memory"
        if killed:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.02)
    report = os.read(read_fd, 200).decode().split()
    os.close(read_fd)
    if not killed and (status != 0 or len(report) != 2):
        killed = "crashed"
    seconds = float(report[0]) if report and not killed else usage.ru_utime + usage.ru_stime
    return {
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024,
        "found": int(report[1]) if report and not killed else -1,
        "killed": killed,
    }


def verdict(small: dict, large: dict | None, min_seconds: float) -> str:
    """What is wrong with a rule on one kind, or "" when nothing is."""
    problems = [f"{run['killed']}" for run in (small, large) if run and run["killed"]]
    peak = max(run["peak_mb"] for run in (small, large) if run)
    if peak > MEMORY_LIMIT_MB:
        problems.append(f"peak {peak:.0f} MiB")
    if large and not problems and large["seconds"] >= min_seconds:
        ratio = large["seconds"] / max(small["seconds"], 1e-3)
        if ratio > LINEAR_RATIO:
            problems.append(f"x{ratio:.1f}")
    return ", ".join(problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="0.25 and 0.5 MB instead of 1 and 2 MB")
    parser.add_argument("--sizes-mb", type=float, nargs=2, metavar=("SMALL", "LARGE"))
    parser.add_argument("--rules", help="comma-separated codes or prefixes (E002,T): only these rules")
    parser.add_argument("--kinds", help=f"comma-separated kinds: {','.join(KINDS)}")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a run is killed")
    parser.add_argument("--max-rss-mb", type=float, default=3072, help="RSS at which a run is killed")
    parser.add_argument("--min-seconds", type=float, default=0.2, help="judge the ratio only above this time")
    args = parser.parse_args()
    small_mb, large_mb = args.sizes_mb or ((0.25, 0.5) if args.quick else (1.0, 2.0))
    rules = all_rules()
    if args.rules:
        wanted = tuple(args.rules.split(","))
        rules = {code: rule for code, rule in rules.items() if code.startswith(wanted)}
    kinds = args.kinds.split(",") if args.kinds else list(KINDS)
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown or not rules:
        sys.exit(f"error: unknown kind {unknown[0]}" if unknown else "error: --rules matches no rule")
    collect_less()
    warm = Document(_seed_text())
    for rule_class in rules.values():  # tables and lexicons load once, before the children fork
        lint(warm, [rule_class()])
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    print(f"{len(rules)} rules × {len(kinds)} kinds at {small_mb:g} and {large_mb:g} MB; load {os.getloadavg()[0]:.2f}")
    print(f"{'kind':<18}{'rule':<6}{'s small':>9}{'s large':>9}{'ratio':>7}{'peak MiB':>10}{'found':>9}  flag")
    flagged = []
    for kind in kinds:
        path, build = KINDS[kind]
        texts = {size: build(int(size * 1e6)) for size in (small_mb, large_mb)}
        for code, rule_class in rules.items():
            rule = rule_class()
            small = run_one(rule, texts[small_mb], path, args.timeout, args.max_rss_mb)
            large = None if small["killed"] else run_one(rule, texts[large_mb], path, args.timeout, args.max_rss_mb)
            flag = verdict(small, large, args.min_seconds)
            shown = large or small
            ratio = f"{large['seconds'] / max(small['seconds'], 1e-3):.1f}" if large else "-"
            peak = max(run["peak_mb"] for run in (small, large) if run)
            large_s = f"{large['seconds']:.2f}" if large else "-"
            print(
                f"{kind:<18}{code:<6}{small['seconds']:>9.2f}{large_s:>9}{ratio:>7}{peak:>10.0f}"
                f"{shown['found']:>9}  {flag}",
                flush=True,
            )
            if flag:
                flagged.append((kind, code, flag))
    print(f"\nflagged: {len(flagged)}; load {os.getloadavg()[0]:.2f}")
    for kind, code, flag in flagged:
        print(f"  {code} on {kind}: {flag}")


if __name__ == "__main__":
    main()
