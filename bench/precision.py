"""Precision per rule from the hand-judged findings in bench/judged/ (issue 16).

Not a test: run it by hand, ``python bench/precision.py [--findings]``. Reads
every ``bench/judged/CODE.jsonl`` (one judged finding a line, see
bench/judged/README.md) and prints, for every default-on rule and every rule
with a judged file: its group (default, preview or opt-in, from the
registry), how many findings were judged, how many are right, the precision,
and a verdict. A rule is OK with at least 30 judged findings (or all of its
findings on the real text, if fewer) at a precision of at least 0.9; else
TOO FEW or BELOW 0.9. Without ``--findings`` a rule under 30 shows ``TOO FEW?``:
``--findings`` runs every rule over ../shared/data/real/ through the real
``wenlint check`` (as bench/judged/findings.py does) and shows each rule's
findings by set, so "all of them, if fewer" is checked. Exits 1 when a
default-on rule is definitely not OK.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from wenlint.registry import all_rules, in_preview, on_by_default
from wenlint.rule import CODE_PATTERN, Rule

JUDGED = Path(__file__).resolve().parent / "judged"
#: Judged findings a rule needs (unless that is all it has), and the precision it needs on them.
ENOUGH = 30
BAR = 0.9
FIELDS = ("set", "doc", "context", "verdict", "reason")
VERDICTS = frozenset({"right", "wrong"})
#: Longest context a judged finding may quote.
CONTEXT_LIMIT = 40


def judged_files(folder: Path = JUDGED) -> dict[str, Path]:
    """Judged files by rule code: only files named as a code (``L002.jsonl``)."""
    return {path.stem: path for path in sorted(folder.glob("*.jsonl")) if CODE_PATTERN.fullmatch(path.stem)}


def load(path: Path) -> list[dict]:
    """The judged findings of one file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def right(rows: list[dict]) -> int:
    return sum(row["verdict"] == "right" for row in rows)


def group(rule: type[Rule]) -> str:
    if on_by_default(rule):
        return "default"
    return "preview" if in_preview(rule) else "opt-in"


def verdict(judged: int, correct: int, found: int | None) -> str:
    """OK, BELOW 0.9 or TOO FEW (``TOO FEW?`` when the number of findings is unknown)."""
    if judged and correct / judged < BAR:
        return f"BELOW {BAR}"
    if judged >= ENOUGH or (found is not None and judged >= found):
        return "OK"
    return "TOO FEW" if found is not None else "TOO FEW?"


def count_findings(codes: list[str]) -> dict[str, Counter[str]]:
    """Findings of ``codes`` on each set of the real text: set name -> code -> count."""
    sys.path.insert(0, str(JUDGED))
    import findings  # bench/judged/findings.py: writes a set out and runs the real command on it

    counts = {}
    for path in sorted(findings.REAL.glob("*.jsonl")):
        with tempfile.TemporaryDirectory(prefix="wenlint-precision-") as scratch:
            findings.write_set(path, Path(scratch))
            counts[path.stem] = Counter(found["code"] for found in findings.run(",".join(codes), Path(scratch)))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", action="store_true", help="run the rules over the real text to count findings")
    args = parser.parse_args()
    rules = all_rules()
    files = judged_files()
    codes = [code for code, rule in rules.items() if on_by_default(rule) or code in files]
    by_set = count_findings(codes) if args.findings else {}
    header = f"{'code':5} {'name':28} {'group':8} {'judged':>6} {'right':>5} {'precision':>9}"
    if by_set:
        header += f" {'findings':>8}  {'by set (' + ', '.join(by_set) + ')':40}"
    print(header + "  verdict")
    failing = 0
    for code in codes:
        rows = load(files[code]) if code in files else []
        found = sum(counts[code] for counts in by_set.values()) if by_set else None
        outcome = verdict(len(rows), right(rows), found)
        precision = f"{right(rows) / len(rows):.2f}" if rows else "–"
        line = f"{code:5} {rules[code].name:28} {group(rules[code]):8} {len(rows):6} {right(rows):5} {precision:>9}"
        if by_set:
            line += f" {found:8}  {', '.join(str(counts[code]) for counts in by_set.values()):40}"
        print(f"{line}  {outcome}")
        failing += on_by_default(rules[code]) and outcome in ("TOO FEW", f"BELOW {BAR}")
    if not by_set:
        print(f"\nTOO FEW?: under {ENOUGH} judged; --findings tells whether that is all of the rule's findings.")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
