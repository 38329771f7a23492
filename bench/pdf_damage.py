"""Recall per kind of damage and precision per rule of the L family on PDF extractions.

Reads the hand-labelled damage in ``bench/judged/pdf_damage.jsonl`` (set, doc,
kind, excerpt, offset) and runs the L rules over ``../shared/data/real/pdf.jsonl``
(MinerU papers as Markdown, annual-report rows as plain text). A label is
found when a finding of the kind's rule covers its offset. A rule's precision
counts its findings in the documents where every damage of its kinds is
labelled (``EXHAUSTIVE``).

The real rows carry no page furniture, so the bench also pages each
annual-report window: every ``PAGE`` characters a page break, alternately a
page number and the report's running title between two rows, or a bare page
number cutting a row's sentence after `、` or `，`. It reports L003's recall
and precision there, and checks that ``--fix --unsafe-fixes`` with the L
family removes every piece of furniture and keeps every digit of the text.

    python bench/pdf_damage.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import regex

from wenlint import Document
from wenlint.engine import fix, lint
from wenlint.registry import all_rules

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "pdf.jsonl"
LABELS = Path(__file__).resolve().parent / "judged" / "pdf_damage.jsonl"
#: The rule that finds each kind of damage.
KIND_RULE = {
    "number-unit": "L008",
    "number-split": "L008",
    "word-split": "L008",
    "latex-number": "L009",
    "letter-in-number": "L010",
    "ocr-confusion": "L010",
    "glued-figure-number": "L011",
}
#: Documents in which every damage a rule finds is labelled.
EXHAUSTIVE = {
    "L008": lambda doc: doc == "finglm-html-01",
    "L009": lambda doc: doc.startswith("chinaxiv"),
    "L010": lambda doc: True,
    "L011": lambda doc: True,
    "L003": lambda doc: True,  # the real rows and papers hold no page furniture
}
#: Characters between the page breaks put into the annual-report windows.
PAGE = 700
HEADER = "浙江海翔药业股份有限公司2019年年度报告全文"
_CUT = regex.compile(r"[、，](?=\p{Han})")


def documents() -> list[Document]:
    """The records of pdf.jsonl as documents (MinerU output as Markdown)."""
    found = []
    for line in REAL.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        suffix = ".md" if record["kind"].startswith("pdf/mineru") else ".txt"
        found.append(Document.from_source(record["text"], record["id"] + suffix))
    return found


def labelled() -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Recall per kind (found, total) and precision per rule (right, findings)."""
    labels = defaultdict(list)
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        labels[record["doc"]].append(record)
    rules = [all_rules()[code]() for code in sorted(set(KIND_RULE.values()) | {"L003"})]
    recall: dict[str, Counter] = defaultdict(Counter)
    precision: dict[str, Counter] = defaultdict(Counter)
    for doc in documents():
        name = doc.path.rsplit(".", 1)[0]
        findings = lint(doc, rules)
        for label in labels[name]:
            code = KIND_RULE[label["kind"]]
            hit = any(d.code == code and d.start <= label["offset"] <= d.end for d in findings)
            recall[label["kind"]].update(found=int(hit), total=1)
        for finding in findings:
            if finding.code in EXHAUSTIVE and EXHAUSTIVE[finding.code](name):
                right = any(finding.start <= label["offset"] <= finding.end for label in labels[name])
                precision[finding.code].update(right=int(right), findings=1)
    return recall, precision


def paged(text: str, first_page: int) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with page breaks every PAGE characters, and the spans of the furniture put in."""
    out, furniture, since, page = [], [], 0, first_page
    for row in text.split("\n"):
        cut = _CUT.search(row, 10) if since >= PAGE and page % 2 else None
        if cut is not None:  # a bare page number between the halves of a sentence
            head = "\n".join(out) + "\n" + row[: cut.end()] + "\n"
            furniture.append((len(head), len(head) + len(str(page))))
            out.append(f"{row[: cut.end()]}\n{page}\n\n{row[cut.end() :]}")
            since, page = len(row) - cut.end(), page + 1
            continue
        if since >= PAGE:  # a page number, then the next page's running title
            start = len("\n".join(out)) + 1
            furniture.append((start, start + len(str(page))))
            furniture.append((start + len(str(page)) + 1, start + len(str(page)) + 1 + len(HEADER)))
            out.append(f"{page}\n{HEADER}")
            since, page = 0, page + 1
        out.append(row)
        since += len(row) + 1
    return "\n".join(out), furniture


def furniture_check() -> tuple[Counter, list[str]]:
    """L003 on the paged windows (recall, precision), and what --fix leaves wrong."""
    l003 = all_rules()["L003"]()
    family = [rule() for code, rule in all_rules().items() if code.startswith("L")]
    counts: Counter = Counter()
    problems = []
    for number, doc in enumerate(d for d in documents() if d.path.startswith("finglm")):
        text, furniture = paged(doc.text, 20 + 30 * number)
        findings = [d for d in lint(Document.from_source(text, doc.path), [l003]) if d.code == "L003"]
        counts.update(furniture=len(furniture), findings=len(findings))
        counts["found"] += sum(any(d.start <= s and e <= d.end for d in findings) for s, e in furniture)
        counts["right"] += sum(any(d.start <= s and e <= d.end for s, e in furniture) for d in findings)
        fixed = fix(Document.from_source(text, doc.path), family, unsafe=True).doc.text
        if HEADER in fixed or regex.sub(r"\D", "", fixed) != regex.sub(r"\D", "", doc.text):
            problems.append(doc.path)
    return counts, problems


def main() -> int:
    if not REAL.exists():
        print(f"no real text at {REAL}", file=sys.stderr)
        return 1
    recall, precision = labelled()
    print("| kind | rule | found | labelled | recall |\n|---|---|---:|---:|---:|")
    for kind, count in sorted(recall.items()):
        print(
            f"| {kind} | {KIND_RULE[kind]} | {count['found']} | {count['total']} | {count['found'] / count['total']:.2f} |"
        )
    print("\n| rule | right | findings | precision |\n|---|---:|---:|---:|")
    for code in sorted(EXHAUSTIVE):
        count = precision[code]
        share = f"{count['right'] / count['findings']:.2f}" if count["findings"] else "–"
        print(f"| {code} | {count['right']} | {count['findings']} | {share} |")
    counts, problems = furniture_check()
    print(
        f"\nPaged annual-report windows: L003 found {counts['found']} of {counts['furniture']} furniture lines, "
        f"{counts['right']} of {counts['findings']} findings right; after --fix --unsafe-fixes with the L family "
        f"{len(problems)} windows keep furniture or lose a digit{': ' + ', '.join(problems) if problems else ''}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
