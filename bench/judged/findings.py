"""Run one rule over the real text in ../shared/data/real/ and print its findings.

Each record's text is written to a scratch folder (`.md` for Markdown and
MinerU output, `.txt` otherwise) and the real `wenlint check` runs on it. Prints
findings per 10k characters by set, then (with --sample N) a random sample of
findings as JSON lines ready for judging: set, doc id, context, fix.

    python bench/judged/findings.py L002
    python bench/judged/findings.py L002 --sample 80 --seed 1 > /tmp/sample.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"
#: Characters of context shown on either side of a finding.
CONTEXT = 16


def write_set(path: Path, folder: Path) -> dict[str, tuple[str, str]]:
    """Write every record of ``path`` into ``folder``; file name -> (doc id, text)."""
    written = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        markdown = record["kind"].startswith(("markdown", "pdf/mineru"))
        name = f"{number:04d}.{'md' if markdown else 'txt'}"
        (folder / name).write_text(record["text"], encoding="utf-8", newline="")
        # offsets count in the decoded text: no BOM, line ends as `\n`
        written[name] = (record["id"], record["text"].removeprefix("\ufeff").replace("\r\n", "\n"))
    return written


def run(code: str, folder: Path) -> list[dict]:
    """The findings of ``code`` on the files in ``folder``, from the real command."""
    (folder / "wenlint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    command = [sys.executable, "-m", "wenlint", "check", ".", "--select", code, "--output-format", "json"]
    done = subprocess.run([*command, "--exit-zero"], cwd=folder, capture_output=True, check=True)
    return json.loads(done.stdout)


def context(text: str, start: int, end: int) -> str:
    """The finding between `⟦` `⟧` with its surroundings, line breaks shown as `⏎`."""
    around = text[max(0, start - CONTEXT) : start] + "⟦" + text[start:end] + "⟧" + text[end : end + CONTEXT]
    return around.replace("\n", "⏎")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code")
    parser.add_argument("--sample", type=int, default=0, help="print this many random findings as JSON lines")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    everything = []
    for path in sorted(REAL.glob("*.jsonl")):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            written = write_set(path, folder)
            found = run(args.code, folder)
        size = sum(len(text) for _, text in written.values())
        print(
            f"{path.stem:20} {len(found):5} findings {10_000 * len(found) / size:7.2f} per 10k chars", file=sys.stderr
        )
        for finding in found:
            doc_id, text = written[Path(finding["filename"]).name]
            fix = finding.get("fix") or {}
            everything.append(
                {
                    "set": path.stem,
                    "doc": doc_id,
                    "context": context(text, finding["offset"], finding["end_offset"]),
                    "message": finding["message"],
                    "fix": fix.get("applicability", "none"),
                }
            )
    print(f"{'all':20} {len(everything):5} findings", file=sys.stderr)
    for finding in random.Random(args.seed).sample(everything, min(args.sample, len(everything))):
        print(json.dumps(finding, ensure_ascii=False))


if __name__ == "__main__":
    main()
