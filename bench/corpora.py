"""The documents the benchmarks run on, written out as files.

A source is the seed documents (``seeds/*.txt``: short and pathologically
dense in defects) or one set of the real texts in ``../shared/data/real/``
(``web``: crawled forum posts and filings; ``pdf``: text extracted from PDFs),
one document per JSONL line. A corpus repeats a source's documents in order
until it holds the size asked for: as many files (``many``) or one file of
them all, a blank line between (``one``). MB is 10**6 bytes.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "data" / "real"
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
SOURCES = ("seeds", "web", "pdf")
MB = 10**6


def documents(source: str) -> list[bytes]:
    """The documents of ``source``, as UTF-8, each ending in a newline."""
    if source == "seeds":
        texts = [path.read_bytes() for path in SEEDS]
    else:
        path = REAL / f"{source}.jsonl"
        if not path.exists():
            raise SystemExit(f"{path} is missing: the real texts live in ../shared/data/real/")
        with path.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"].encode() for line in lines if line.strip()]
    return [text if text.endswith(b"\n") else text + b"\n" for text in texts]


@dataclass
class Corpus:
    path: Path  # a directory or a file
    total: int  # bytes
    files: int
    largest: int  # bytes of the largest file


def build_many(source: str, directory: Path, size: int) -> Corpus:
    """The documents of ``source`` round-robin as files in ``directory`` until ``size`` bytes."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    docs, sizes = documents(source), []
    while sum(sizes) < size:
        data = docs[len(sizes) % len(docs)]
        (directory / f"{len(sizes):05d}_{source}.txt").write_bytes(data)
        sizes.append(len(data))
    return Corpus(directory, sum(sizes), len(sizes), max(sizes))


def build_one(source: str, path: Path, size: int) -> Corpus:
    """The documents of ``source``, a blank line between, repeated into one file of
    ``size`` bytes or so (cut at a character); written block by block, so this process stays small."""
    path.parent.mkdir(parents=True, exist_ok=True)
    block = b"\n".join(documents(source)) + b"\n"
    whole, rest = divmod(size, len(block))
    with open(path, "wb") as out:
        for _ in range(whole):
            out.write(block)
        if rest:
            tail = block[:rest].decode("utf-8", errors="ignore").encode()  # no character cut in half
            out.write(tail if tail.endswith(b"\n") else tail + b"\n")
    total = path.stat().st_size
    return Corpus(path, total, 1, total)


def make_corpus(workdir: Path, source: str, kind: str, size_mb: float) -> Corpus:
    """The ``many`` (directory) or ``one`` (single file) corpus of ``size_mb`` from ``source``."""
    label = f"{source}-{kind}-{size_mb:g}mb"
    if kind == "many":
        return build_many(source, workdir / label, int(size_mb * MB))
    return build_one(source, workdir / label / "corpus.txt", int(size_mb * MB))


def small_file(workdir: Path, source: str, size: int = 2000) -> Path:
    """One file of the first ``size`` bytes or so of ``source`` (whole lines): a pre-commit-sized input."""
    return build_one(source, workdir / f"{source}-small" / "small.txt", size).path


def fresh_copy(corpus: Corpus, workdir: Path) -> Corpus:
    """A copy of ``corpus`` under ``workdir`` for --fix to rewrite."""
    target = workdir / ("fix-" + (corpus.path.name if corpus.path.is_dir() else corpus.path.parent.name))
    shutil.rmtree(target, ignore_errors=True)
    if corpus.path.is_dir():
        shutil.copytree(corpus.path, target)
        return Corpus(target, corpus.total, corpus.files, corpus.largest)
    target.mkdir()
    shutil.copyfile(corpus.path, target / corpus.path.name)
    return Corpus(target / corpus.path.name, corpus.total, corpus.files, corpus.largest)
