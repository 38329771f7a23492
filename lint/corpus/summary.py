"""The summary of a scan (totals, findings per rule, score histogram, worst
documents, throughput), its JSON form, and the progress bar."""

from __future__ import annotations

import heapq
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from wenlint.corpus.batch import RecordStat

#: Worst documents kept in the summary, and examples of bad records.
WORST = 10
ERROR_EXAMPLES = 20
MB = 10**6


@dataclass
class Summary:
    """Totals of a run, or of one shard; shards' summaries merge into the run's."""

    documents: int = 0
    text_bytes: int = 0  # UTF-8 bytes of the scanned texts
    input_bytes: int = 0  # bytes of the shard files scanned in this run
    flagged: int = 0
    kept: int = 0
    rejected: int = 0
    by_code: Counter[str] = field(default_factory=Counter)
    dropped_by: Counter[str] = field(default_factory=Counter)  # documents the --preset recipe drops, per reason
    scores: list[int] = field(default_factory=lambda: [0] * 101)
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    worst: list[tuple[int, int, str, int, str | None]] = field(
        default_factory=list
    )  # (score, -findings, shard, number, id)
    shards: int = 0
    shards_skipped: int = 0
    seconds: float = 0.0
    #: Documents and UTF-8 bytes of text scanned in this run (not in shards finished before): the rates' base.
    run_documents: int = 0
    run_text_bytes: int = 0
    engine: str = "local"
    workers: int = 1

    def add(self, shard: str, stat: RecordStat, kept: bool) -> None:
        self.documents += 1
        self.text_bytes += stat.size
        self.run_documents += 1
        self.run_text_bytes += stat.size
        self.scores[stat.score] += 1
        findings = sum(stat.codes.values())
        if findings:
            self.flagged += 1
            self.by_code.update(stat.codes)
        self.dropped_by.update(stat.reasons)
        if kept:
            self.kept += 1
        else:
            self.rejected += 1
        entry = (-stat.score, findings, shard, -stat.number, stat.id)  # a max-heap of the worst, by score
        if len(self.worst) < WORST:
            heapq.heappush(self.worst, entry)
        elif entry > self.worst[0]:
            heapq.heapreplace(self.worst, entry)

    def add_error(self, shard: str, number: int | None, kind: str, message: str) -> str:
        """Count a bad record (or shard, ``number`` None); returns its ``shard:line: message``."""
        self.errors[kind] += 1
        where = f"{shard}:{number}" if number is not None else shard
        line = f"{where}: {message}"
        if len(self.error_examples) < ERROR_EXAMPLES:
            self.error_examples.append(line)
        return line

    def merge(self, other: Summary) -> None:
        for name in (
            "documents",
            "text_bytes",
            "input_bytes",
            "flagged",
            "kept",
            "rejected",
            "shards",
            "shards_skipped",
            "run_documents",
            "run_text_bytes",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_code.update(other.by_code)
        self.dropped_by.update(other.dropped_by)
        self.errors.update(other.errors)
        self.scores = [a + b for a, b in zip(self.scores, other.scores)]
        self.error_examples = (self.error_examples + other.error_examples)[:ERROR_EXAMPLES]
        self.worst = heapq.nlargest(WORST, self.worst + other.worst)
        heapq.heapify(self.worst)

    @property
    def bad_records(self) -> int:
        return sum(self.errors.values())

    def worst_documents(self) -> list[dict[str, Any]]:
        return [
            {"score": -score, "findings": findings, "shard": shard, "line": -number, "id": record_id}
            for score, findings, shard, number, record_id in sorted(self.worst, reverse=True)
        ]

    def histogram(self) -> list[tuple[str, int]]:
        """Documents per score band: 0–9, 10–19, …, 90–99, and 100."""
        bands = [(f"{low}–{low + 9}", sum(self.scores[low : low + 10])) for low in range(0, 100, 10)]
        return [*bands, ("100", self.scores[100])]

    # -- JSON ------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        seconds = max(self.seconds, 1e-9)
        return {
            "documents": self.documents,
            "text_bytes": self.text_bytes,
            "input_bytes": self.input_bytes,
            "flagged_documents": self.flagged,
            "kept": self.kept,
            "rejected": self.rejected,
            "bad_records": self.bad_records,
            "bad_records_by_kind": dict(sorted(self.errors.items())),
            "bad_record_examples": self.error_examples,
            "findings_by_rule": dict(sorted(self.by_code.items())),
            "recipe_reasons": dict(self.dropped_by.most_common()),
            "scores": self.scores,
            "score_histogram": dict(self.histogram()),
            "worst_documents": self.worst_documents(),
            "shards": self.shards,
            "shards_skipped": self.shards_skipped,
            "engine": self.engine,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "run_documents": self.run_documents,
            "run_text_bytes": self.run_text_bytes,
            "documents_per_second": round(self.run_documents / seconds, 1) if self.seconds else None,
            "mb_per_second": round(self.run_text_bytes / MB / seconds, 3) if self.seconds else None,
        }

    @classmethod
    def from_json(cls, data: Any) -> Summary:
        """The summary :meth:`to_json` gave; ValueError when ``data`` is not
        one (a damaged or planted statistics file), never another error."""
        try:
            summary = cls(
                documents=data["documents"],
                text_bytes=data["text_bytes"],
                input_bytes=data["input_bytes"],
                flagged=data["flagged_documents"],
                kept=data["kept"],
                rejected=data["rejected"],
                by_code=Counter(data["findings_by_rule"]),
                dropped_by=Counter(data.get("recipe_reasons", {})),
                scores=list(data["scores"]),
                errors=Counter(data["bad_records_by_kind"]),
                error_examples=list(data["bad_record_examples"]),
                shards=data["shards"],
                shards_skipped=data["shards_skipped"],
            )
            summary.worst = [
                (-w["score"], w["findings"], w["shard"], -w["line"], w["id"]) for w in data["worst_documents"]
            ]
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a scan summary: {error!r}") from None
        if not summary._well_formed():
            raise ValueError("not a scan summary: a value of the wrong type")
        heapq.heapify(summary.worst)
        return summary

    def _well_formed(self) -> bool:
        totals = (self.documents, self.text_bytes, self.input_bytes, self.flagged, self.kept, self.rejected)
        numbers = (
            *totals,
            self.shards,
            self.shards_skipped,
            *self.by_code.values(),
            *self.errors.values(),
            *self.dropped_by.values(),
        )
        return (
            all(type(n) is int for n in (*numbers, *self.scores))
            and len(self.scores) == 101
            and all(isinstance(line, str) for line in self.error_examples)
            and all(
                type(score) is int
                and type(findings) is int
                and isinstance(shard, str)
                and type(number) is int
                and (record_id is None or isinstance(record_id, str))
                for score, findings, shard, number, record_id in self.worst
            )
        )

    def dumps(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    # -- the terminal ------------------------------------------------------------------------

    def render(self, out: TextIO, names: dict[str, str]) -> None:
        """The report at the end of a run: totals, findings per rule, the
        score histogram and the worst documents."""
        from rich.console import Console
        from rich.table import Table

        console = Console(file=out, highlight=False, soft_wrap=True)
        seconds = max(self.seconds, 1e-9)
        skipped = f" ({self.shards_skipped} finished before, skipped)" if self.shards_skipped else ""
        console.print(
            f"[bold]{_count(self.documents, 'document')}[/] in {_count(self.shards, 'shard')}{skipped}, "
            f"{self.text_bytes / MB:,.1f} MB of text; {self.flagged:,} with findings; "
            f"kept {self.kept:,}, rejected {self.rejected:,}, bad records {self.bad_records:,}"
        )
        if self.seconds:
            console.print(
                f"{self.seconds:.1f} s, {self.run_documents / seconds:,.0f} documents/s, "
                f"{self.run_text_bytes / MB / seconds:.2f} MB/s of text ({self.engine}, {_count(self.workers, 'worker')})"
            )
        if self.by_code:
            rules = Table(title="findings per rule", title_justify="left", box=None, pad_edge=False)
            for column in ("code", "name", "findings"):
                rules.add_column(column, justify="right" if column == "findings" else "left")
            for code, count in self.by_code.most_common():
                rules.add_row(code, names.get(code, "internal-error"), f"{count:,}")
            console.print(rules)
        if self.dropped_by:
            reasons = Table(title="what the recipe drops documents for", title_justify="left", box=None, pad_edge=False)
            reasons.add_column("signal")
            reasons.add_column("documents", justify="right")
            for reason, count in self.dropped_by.most_common():
                reasons.add_row(reason, f"{count:,}")
            console.print(reasons)
        if self.documents:
            console.print(_histogram(self.histogram()))
        worst = self.worst_documents()
        if worst:
            table = Table(title="worst documents", title_justify="left", box=None, pad_edge=False)
            for column in ("score", "findings", "where", "id"):
                table.add_column(column)
            for entry in worst:
                table.add_row(
                    str(entry["score"]), str(entry["findings"]), f"{entry['shard']}:{entry['line']}", entry["id"] or ""
                )
            console.print(table)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _histogram(bands: list[tuple[str, int]], width: int = 40):
    from rich.table import Table

    table = Table(title="score distribution", title_justify="left", box=None, pad_edge=False, show_header=False)
    table.add_column(justify="right")
    table.add_column()
    table.add_column(justify="right")
    top = max(count for _, count in bands) or 1
    for label, count in bands:
        bar = "█" * round(width * count / top) if count else ""
        table.add_row(label, f"[green]{bar}[/]" if label in ("90–99", "100") else bar, f"{count:,}")
    return table


# -- progress -----------------------------------------------------------------------------


def progress_enabled(stream: TextIO = sys.stderr) -> bool:
    """A progress bar on a terminal only, never in CI."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class ScanProgress:
    """A rich progress bar over input bytes showing the time so far, documents
    and MB of text done, their rates and the time left; a no-op when disabled."""

    def __init__(self, total_bytes: int, enabled: bool) -> None:
        self._progress = None
        if not enabled:
            return
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[documents]:,} docs {task.fields[megabytes]:.1f} MB"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            transient=True,
            console=_stderr_console(),
        )
        self._task = self._progress.add_task("scan", total=total_bytes, documents=0, megabytes=0.0, rate="")
        self._documents = 0
        self._text_bytes = 0

    def __enter__(self) -> ScanProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def describe(self, text: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=text)

    def advance(self, input_bytes: int, documents: int = 0, text_bytes: int = 0) -> None:
        """Count ``input_bytes`` of the shards read, holding ``documents`` of ``text_bytes``."""
        if self._progress is None:
            return
        self._documents += documents
        self._text_bytes += text_bytes
        elapsed = self._progress.tasks[0].elapsed or 1e-9
        rate = f"{self._documents / elapsed:,.0f} docs/s {self._text_bytes / MB / elapsed:.2f} MB/s"
        megabytes = self._text_bytes / MB
        self._progress.update(
            self._task, advance=input_bytes, documents=self._documents, megabytes=megabytes, rate=rate
        )

    def log(self, line: str) -> None:
        """Print above the bar (or plainly on stderr without one)."""
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            sys.stderr.write(line + "\n")


def _stderr_console():
    from rich.console import Console

    return Console(file=sys.stderr)
