"""Findings per 10,000 characters on the real texts of shared/data/real/.

Not a test: run it by hand, ``python bench/real_text.py [--data DIR]``. Each
set (one JSONL file) is written to a temporary directory, one file per
document — Markdown documents (``markdown/…`` and ``pdf/mineru…`` kinds) as
``.md``, the rest as ``.txt`` — and checked by the real command with the
default rules (``wenlint check --output-format json``). For each set it prints
every rule's findings and findings per 10k characters, and the total of the
findings that are not typography (every code but M001, M004, M007 and E006).
See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "real"
#: Typography: the findings a docs team may well want; everything else counts as "non-typography".
TYPOGRAPHY = frozenset({"M001", "M004", "M007", "E006"})
PER = 10_000


def is_markdown(kind: str) -> bool:
    return kind.startswith(("markdown/", "pdf/mineru"))


def write_set(source: Path, directory: Path) -> int:
    """The documents of ``source`` as files in ``directory``; returns their characters."""
    characters = 0
    for index, line in enumerate(source.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        doc = json.loads(line)
        suffix = ".md" if is_markdown(doc.get("kind", "")) else ".txt"
        (directory / f"{index:04}{suffix}").write_text(doc["text"], encoding="utf-8")
        characters += len(doc["text"])
    (directory / "wenlint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    return characters


def findings(directory: Path) -> Counter[str]:
    """Findings per rule code of the default rules on ``directory``."""
    exe = shutil.which("wenlint")
    command = [exe] if exe else [sys.executable, "-m", "wenlint"]
    result = subprocess.run(
        [*command, "check", "--output-format", "json", "--exit-zero", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stderr)
    return Counter(finding["code"] for finding in json.loads(result.stdout or "[]"))


def report(name: str, characters: int, counts: Counter[str]) -> None:
    print(f"\n## {name}: {characters:,} characters, {sum(counts.values())} findings\n")
    print("| rule | findings | per 10k chars |")
    print("|---|---:|---:|")
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"| {code} | {count} | {count * PER / characters:.2f} |")
    other = sum(count for code, count in counts.items() if code not in TYPOGRAPHY)
    print(f"| non-typography (all but {', '.join(sorted(TYPOGRAPHY))}) | {other} | {other * PER / characters:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help=f"the real-text folder (default: {DATA})")
    parser.add_argument("sets", nargs="*", help="set names (file stems) to run; default: every *.jsonl")
    args = parser.parse_args()
    sources = sorted(args.data.glob("*.jsonl"))
    if args.sets:
        sources = [source for source in sources if source.stem in args.sets]
    if not sources:
        sys.exit(f"no sets in {args.data}")
    for source in sources:
        with tempfile.TemporaryDirectory(prefix="wenlint-real-") as scratch:
            directory = Path(scratch)
            characters = write_set(source, directory)
            report(source.stem, characters, findings(directory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
