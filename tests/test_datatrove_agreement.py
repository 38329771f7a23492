"""``scan --preset fineweb2-cmn`` against datatrove itself: its Gopher repetition
and FineWeb quality filters, set as FineWeb-2's pipeline sets them for Mandarin,
on the real web and PDF text. They decide the same for at least 95 % of the documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import wenlint

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
SETS = ("web.jsonl", "pdf.jsonl")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not all((REAL / name).exists() for name in SETS), reason="needs ../shared/data/real"),
]


def datatrove_filters() -> list:
    """FineWeb-2's filters for ``cmn_Hani``: the thresholds of its configs/cmn_Hani.yml, passed
    as its fineweb-2-pipeline.py passes them (paragraph and line-character checks off, the
    short-line check off, duplicated-line characters at 0.1)."""
    filters = pytest.importorskip("datatrove.pipeline.filters", reason="needs datatrove (the dev extra)")
    pytest.importorskip("spacy", reason="datatrove splits Chinese with spaCy's zh tokenizer")
    repetition = filters.GopherRepetitionFilter(
        language="cmn_Hani",
        dup_para_frac=0,
        dup_line_char_frac=0,
        dup_para_char_frac=0,
        dup_line_frac=0.287,
        top_n_grams=((2, 0.256), (3, 0.201), (4, 0.171)),
        dup_n_grams=((5, 0.198), (6, 0.182), (7, 0.167), (8, 0.154), (9, 0.14), (10, 0.127)),
    )
    quality = filters.FineWebQualityFilter(
        language="cmn_Hani", short_line_thr=999, char_duplicates_ratio=0.1, line_punct_thr=0.106, new_line_ratio=0.178
    )
    return [repetition, quality]


def datatrove_decisions(path: Path) -> dict[str, str | None]:
    """Record id → None (kept) or the reason the first failing filter gives."""
    from datatrove.data import Document

    chain = datatrove_filters()
    decided = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = Document(text=record["text"], id=record["id"])
        decided[record["id"]] = None
        for step in chain:
            verdict = step.filter(doc)
            if verdict is not True:
                decided[record["id"]] = verdict[1]
                break
    return decided


def wenlint_decisions(path: Path, folder: Path) -> dict[str, dict]:
    """Record id → ``wenlint.recipe`` from the real ``wenlint scan --preset fineweb2-cmn``."""
    kept, dropped = folder / f"{path.stem}.kept.jsonl", folder / f"{path.stem}.dropped.jsonl"
    result = wenlint("scan", str(path), "-o", str(kept), "--preset", "fineweb2-cmn", "--rejected", str(dropped))
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for out in (kept, dropped) for line in out.read_text(encoding="utf-8").splitlines()]
    return {row["id"]: row["wenlint"]["recipe"] for row in rows}


def test_the_fineweb2_preset_decides_as_datatrove_does(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    total = 0
    disagreements = []
    for name in SETS:
        theirs = datatrove_decisions(REAL / name)
        ours = wenlint_decisions(REAL / name, tmp_path)
        assert set(ours) == set(theirs)
        total += len(theirs)
        for record_id, reason in theirs.items():
            if (reason is None) != ours[record_id]["keep"]:
                disagreements.append(f"{name} {record_id}: datatrove {reason or 'keeps'}, wenlint {ours[record_id]}")
    agreement = 1 - len(disagreements) / total
    print(f"agreement {agreement:.3f} on {total} documents", *disagreements, sep="\n")
    assert total == 230
    assert agreement >= 0.95, "\n".join(disagreements)
