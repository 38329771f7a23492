"""Recall per kind and precision of the S family on labelled spam pages.

Not a test. Reads two labelled samples:

- ``bench/judged/spam_real.jsonl``: real pages from public repositories
  (WeChat, CSDN and security-news pages as scrapers saved them, SEO and
  lottery content farms), drawn by the fixed procedure in
  ``bench/judged/README.md``; one record a page, its ``lines`` (each at most
  40 characters) and ``labels``, each a ``kind`` and a span: lines ``line``
  to ``end_line``, or an ``excerpt`` inside ``line``;
- ``bench/judged/spam_pages.jsonl``: pages written for issue 17, each label
  an ``excerpt`` of the text, in batches ``tuned``, ``held-out`` and
  ``held-out-2``;

and, unless ``--no-web``, every record of ``../shared/data/real/web.jsonl``
(forum posts and fund filings with no site chrome: unlabelled, so every
finding there is a false alarm). It runs the S rules that are on by default
except the corpus-level S010 (with ``--preview``, the preview S rules too)
and prints, per sample:

- per kind, how many labels some S finding overlaps (recall), and each one missed;
- how many findings overlap a label (precision), and each one that does not;
- how long the S family takes on web.jsonl (CPU seconds on this core).

    python bench/spam_recall.py
    python bench/spam_recall.py --no-web --preview
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
REAL = HERE / "judged" / "spam_real.jsonl"
WRITTEN = HERE / "judged" / "spam_pages.jsonl"
WEB = HERE.parents[1] / "shared" / "data" / "real" / "web.jsonl"
#: The kinds of issue 17 and the labels' finer kinds.
GROUPS = {
    "injected brands and lottery": ("injected", "lottery"),
    "navigation, sharing, counters": ("navigation", "share", "counter", "promo"),
    "licence, disclaimer, source": ("licence", "disclaimer", "source"),
    "keyword footers": ("keyword-footer",),
    "keyword stuffing": ("stuffing",),
}


@dataclass
class Page:
    id: str
    text: str
    #: (kind, start, end) of each label.
    spans: list[tuple[str, int, int]]


@dataclass
class Tally:
    labels: Counter = field(default_factory=Counter)
    recalled: Counter = field(default_factory=Counter)
    right: int = 0
    wrong: list = field(default_factory=list)
    missed: list = field(default_factory=list)


def s_rules(preview: bool) -> list:
    return [
        rule()
        for code, rule in sorted(all_rules().items())
        if code[0] == "S" and code != "S010" and (preview or on_by_default(rule))
    ]


def real_page(record: dict) -> Page:
    """A page of the real sample: its lines joined, each label's span in the text."""
    lines = record["lines"]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    spans = []
    for label in record["labels"]:
        start, end = starts[label["line"]], starts[label["end_line"] + 1] - 1
        if "excerpt" in label:
            start += lines[label["line"]].index(label["excerpt"])
            end = start + len(label["excerpt"])
        spans.append((label["kind"], start, end))
    return Page(record["id"], "\n".join(lines), spans)


def written_page(record: dict) -> Page:
    """A page of the written sample: each label an excerpt of its text."""
    text = record["text"]
    spans = []
    for label in record["labels"]:
        start = text.index(label["excerpt"])
        spans.append((label["kind"], start, start + len(label["excerpt"])))
    return Page(record["id"], text, spans)


def measure(pages: list[Page], rules: list) -> Tally:
    tally = Tally()
    for page in pages:
        findings = lint(Document(page.text), rules)
        for kind, start, end in page.spans:
            hit = any(f.start < end and start < f.end for f in findings)
            tally.labels[kind] += 1
            tally.recalled[kind] += hit
            if not hit:
                tally.missed.append((page.id, kind, _shown(page.text[start:end])))
        for finding in findings:
            if any(finding.start < end and start < finding.end for _, start, end in page.spans):
                tally.right += 1
            else:
                tally.wrong.append((page.id, finding.code, _shown(page.text[finding.start : finding.end])))
    return tally


def report(title: str, tally: Tally) -> None:
    print(f"\n## {title}\n\n| kind | labels | found | recall |\n|---|---:|---:|---:|")
    for group, kinds in GROUPS.items():
        for kind in kinds:
            if len(kinds) > 1 and tally.labels[kind]:
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


def _shown(text: str) -> str:
    """At most 40 characters of a span, line breaks as `⏎`."""
    return text[:40].replace("\n", "⏎")


def _ratio(part: int, whole: int, digits: int = 2) -> str:
    return f"{part / whole:.{digits}f}" if whole else "-"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-web", action="store_true", help="leave out ../shared/data/real/web.jsonl")
    parser.add_argument("--preview", action="store_true", help="run the preview S rules too")
    args = parser.parse_args()
    rules = s_rules(args.preview)
    real = [real_page(record) for record in _records(REAL)]
    written = _records(WRITTEN)
    web = []
    if not args.no_web and WEB.is_file():
        web = [Page(doc["id"], doc["text"], []) for doc in _records(WEB)]
    if web:  # timed first, before any cache holds these texts
        size = sum(len(page.text.encode()) for page in web) / 1e6
        start = time.process_time()
        for page in web:
            lint(Document(page.text), rules)
        print(f"S family on web.jsonl: {size:.2f} MB in {time.process_time() - start:.2f} cpu-s")
    print(f"real sample: {len(real)} pages, {sum(len(page.spans) for page in real)} labels")
    print(f"written sample: {len(written)} pages, {sum(len(r['labels']) for r in written)} labels")
    report("real pages", measure(real, rules))
    for batch in ("tuned", "held-out", "held-out-2"):
        report(f"written pages, {batch}", measure([written_page(r) for r in written if r["batch"] == batch], rules))
    if web:
        report("web.jsonl (unlabelled)", measure(web, rules))


if __name__ == "__main__":
    main()
