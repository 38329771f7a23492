"""Recall per kind and precision of the S family on labelled spam pages.

Not a test. Reads ``bench/judged/spam_pages.jsonl`` (pages written for issue 17
in the shapes real content farms and news sites show: one record a page, with
``labels``, each a ``kind`` and an ``excerpt`` under 40 characters that marks
the spam span, and a ``batch``: ``tuned``, the pages the rules were developed
against; ``held-out``, written afterwards and measured before the last
changes; ``held-out-2``, written at the end and never tuned on)
and, unless ``--no-web``, every record of ``../shared/data/real/web.jsonl``
(forum posts and fund filings with no site chrome: unlabelled, so every
finding there is a false alarm). It runs the S rules that are on by default
except the corpus-level S010 and prints, per batch and for all pages:

- per kind, how many labels some S finding overlaps (recall), and each one missed;
- how many findings overlap a label (precision), and each one that does not;
- how long the S family takes on web.jsonl (CPU seconds on this core).

    python bench/spam_recall.py
    python bench/spam_recall.py --no-web
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules, on_by_default

HERE = Path(__file__).resolve().parent
PAGES = HERE / "judged" / "spam_pages.jsonl"
WEB = HERE.parents[1] / "shared" / "data" / "real" / "web.jsonl"
#: The kinds of issue 17 and the labels' finer kinds.
GROUPS = {
    "navigation, sharing, counters": ("navigation", "share", "counter"),
    "licence, disclaimer, source, keywords": ("licence", "disclaimer", "source", "keyword-footer"),
    "injected brands and lottery": ("injected", "lottery"),
}


@dataclass
class Tally:
    labels: Counter = field(default_factory=Counter)
    recalled: Counter = field(default_factory=Counter)
    right: int = 0
    wrong: list = field(default_factory=list)
    missed: list = field(default_factory=list)


def s_rules() -> list:
    return [
        rule()
        for code, rule in sorted(all_rules().items())
        if code[0] == "S" and code != "S010" and on_by_default(rule)
    ]


def spans(record: dict) -> list[tuple[str, int, int]]:
    """The labelled spans of a page: (kind, start, end)."""
    text = record["text"]
    found = []
    for label in record["labels"]:
        start = text.index(label["excerpt"])
        found.append((label["kind"], start, start + len(label["excerpt"])))
    return found


def measure(records: list[dict], rules: list) -> Tally:
    tally = Tally()
    for record in records:
        findings = lint(Document(record["text"]), rules)
        marked = spans(record)
        for kind, start, end in marked:
            hit = any(f.start < end and start < f.end for f in findings)
            tally.labels[kind] += 1
            tally.recalled[kind] += hit
            if not hit:
                tally.missed.append((record["id"], kind, record["text"][start:end]))
        for finding in findings:
            if any(finding.start < end and start < finding.end for _, start, end in marked):
                tally.right += 1
            else:
                tally.wrong.append((record["id"], finding.code, record["text"][finding.start : finding.end][:40]))
    return tally


def report(title: str, tally: Tally) -> None:
    print(f"\n## {title}\n\n| kind | labels | found | recall |\n|---|---:|---:|---:|")
    for group, kinds in GROUPS.items():
        for kind in kinds:
            print(
                f"| {kind} | {tally.labels[kind]} | {tally.recalled[kind]} | {_ratio(tally.recalled[kind], tally.labels[kind])} |"
            )
        total, found = sum(tally.labels[k] for k in kinds), sum(tally.recalled[k] for k in kinds)
        print(f"| **{group}** | {total} | {found} | **{_ratio(found, total)}** |")
    findings = tally.right + len(tally.wrong)
    print(f"\nprecision: {tally.right} of {findings} findings on a label = {_ratio(tally.right, findings, 3)}")
    for item in tally.missed:
        print("  missed:", *item)
    for item in tally.wrong:
        print("  false alarm:", *item)


def _ratio(part: int, whole: int, digits: int = 2) -> str:
    return f"{part / whole:.{digits}f}" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-web", action="store_true", help="leave out ../shared/data/real/web.jsonl")
    args = parser.parse_args()
    records = [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines()]
    web = []
    if not args.no_web and WEB.is_file():
        web = [{**json.loads(line), "labels": []} for line in WEB.read_text(encoding="utf-8").splitlines()]
    rules = s_rules()
    if web:  # timed first, before any cache holds these texts
        size = sum(len(doc["text"].encode()) for doc in web) / 1e6
        start = time.process_time()
        for doc in web:
            lint(Document(doc["text"]), rules)
        print(f"S family on web.jsonl: {size:.2f} MB in {time.process_time() - start:.2f} cpu-s")
    print(
        f"{len(records)} labelled pages, {sum(len(r['labels']) for r in records)} labels; {len(web)} web.jsonl records"
    )
    for batch in ("tuned", "held-out", "held-out-2"):
        report(f"{batch} pages", measure([r for r in records if r["batch"] == batch], rules))
    report("all pages and web.jsonl", measure([*records, *web], rules))


if __name__ == "__main__":
    main()
