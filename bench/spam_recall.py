"""Recall per kind and precision of the S family on labelled spam pages.

Not a test. Reads ``bench/judged/spam_pages.jsonl`` (pages written for issue 17
in the shapes real content farms and news sites show: one record a page, with
``labels``, each a ``kind`` and an ``excerpt`` under 40 characters that marks
the spam span) and, unless ``--no-web``, every record of
``../shared/data/real/web.jsonl`` (forum posts and fund filings with no site
chrome: unlabelled, so every finding there is a false alarm). It runs the S
rules that are on by default except the corpus-level S010, and prints:

- per kind, how many labels some S finding overlaps (recall), and each one missed;
- how many findings overlap a label (precision), and each one that does not;
- how fast the S family checks web.jsonl (MB/s on this core).

    python bench/spam_recall.py
    python bench/spam_recall.py --no-web
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from wenlint import Document
from wenlint.engine import lint
from wenlint.registry import all_rules

HERE = Path(__file__).resolve().parent
PAGES = HERE / "judged" / "spam_pages.jsonl"
WEB = HERE.parents[1] / "shared" / "data" / "real" / "web.jsonl"
#: The kinds of issue 17 and the labels' finer kinds.
GROUPS = {
    "navigation, sharing, counters": ("navigation", "share", "counter"),
    "licence, disclaimer, source, keywords": ("licence", "disclaimer", "source", "keyword-footer"),
    "injected brands and lottery": ("injected", "lottery"),
}


def s_rules() -> list:
    return [
        rule()
        for code, rule in sorted(all_rules().items())
        if code[0] == "S" and code != "S010" and rule.default_enabled
    ]


def spans(record: dict) -> list[tuple[str, int, int]]:
    """The labelled spans of a page: (kind, start, end)."""
    text = record["text"]
    found = []
    for label in record["labels"]:
        start = text.index(label["excerpt"])
        found.append((label["kind"], start, start + len(label["excerpt"])))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-web", action="store_true", help="leave out ../shared/data/real/web.jsonl")
    args = parser.parse_args()
    records = [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines()]
    web = (
        []
        if args.no_web or not WEB.is_file()
        else [json.loads(line) for line in WEB.read_text(encoding="utf-8").splitlines()]
    )
    rules = s_rules()
    labels, recalled, right, wrong, missed = Counter(), Counter(), 0, [], []
    for record in [*records, *({**doc, "labels": []} for doc in web)]:
        doc = Document(record["text"])
        findings = lint(doc, rules)
        marked = spans(record)
        for kind, start, end in marked:
            labels[kind] += 1
            hit = any(f.start < end and start < f.end for f in findings)
            recalled[kind] += hit
            if not hit:
                missed.append((record["id"], kind, record["text"][start:end]))
        for finding in findings:
            if any(finding.start < end and start < finding.end for _, start, end in marked):
                right += 1
            else:
                wrong.append((record["id"], finding.code, record["text"][finding.start : finding.end][:40]))
    print(f"{len(records)} labelled pages, {sum(labels.values())} labels; {len(web)} web.jsonl records (no labels)\n")
    print("| kind | labels | found | recall |\n|---|---:|---:|---:|")
    for group, kinds in GROUPS.items():
        for kind in kinds:
            print(f"| {kind} | {labels[kind]} | {recalled[kind]} | {recalled[kind] / max(labels[kind], 1):.2f} |")
        total, found = sum(labels[k] for k in kinds), sum(recalled[k] for k in kinds)
        print(f"| **{group}** | {total} | {found} | **{found / max(total, 1):.2f}** |")
    for item in missed:
        print("  missed:", *item)
    findings = right + len(wrong)
    print(f"\nprecision: {right} of {findings} findings on a label = {right / max(findings, 1):.3f}")
    for item in wrong:
        print("  false alarm:", *item)
    if web:
        texts = [doc["text"] for doc in web]
        size = sum(len(text.encode()) for text in texts) / 1e6
        start = time.process_time()
        for text in texts:
            lint(Document(text), rules)
        print(f"\nS family on web.jsonl: {size:.2f} MB in {time.process_time() - start:.2f} cpu-s")


if __name__ == "__main__":
    main()
