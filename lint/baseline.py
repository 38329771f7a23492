"""Baselines: accept today's findings so that CI fails only on new ones.

Findings are matched by file, rule code and a fingerprint of the flagged
text with a few characters around it (see :func:`wenlint.engine.resolve`),
never by line number, so edits elsewhere in a file keep old findings quiet.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from wenlint.errors import OutputError, WenlintError
from wenlint.registry import known_rules
from wenlint.results import FileResult
from wenlint.score import score
from wenlint.storage import open_regular, write_atomic

VERSION = 1


class BaselineError(WenlintError):
    """The baseline file is missing or not a baseline."""


def _key_path(path: str, baseline: Path) -> str:
    if path == "-":
        return path
    return Path(os.path.relpath(os.path.abspath(path), baseline.parent.resolve())).as_posix()


def write_baseline(file: Path, results: Iterable[FileResult]) -> int:
    """Record every finding of ``results`` in ``file``; returns how many."""
    entries = []
    for result in results:
        for d in result.diagnostics:
            entries.append(
                {
                    "filename": _key_path(result.path, file),
                    "code": d.code,
                    "fingerprint": d.fingerprint,
                    "line": d.line,
                    "message": d.message,
                }
            )
    data = {"version": VERSION, "findings": entries}
    try:
        write_atomic(file, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
    except OSError as error:
        raise OutputError.from_os(file, error) from None
    return len(entries)


class Baseline:
    """Accepted findings, each usable once."""

    def __init__(self, file: Path) -> None:
        self.file = file
        try:
            with open_regular(file) as handle:  # a FIFO would wait for a writer
                data = json.loads(handle.read().decode("utf-8"))
            entries = data["findings"]
            self.remaining = Counter((e["filename"], e["code"], e["fingerprint"]) for e in entries)
        except OSError as error:
            raise BaselineError(f"cannot read baseline {file}: {error.strerror or error}") from None
        except (ValueError, KeyError, TypeError) as error:
            raise BaselineError(f"{file} is not a wenlint baseline: {error}") from None

    def filter(self, result: FileResult) -> None:
        """Drop the findings of ``result`` that the baseline accepts, and
        score the file again on the findings left."""
        path = _key_path(result.path, self.file)
        kept = []
        for d in result.diagnostics:
            key = (path, d.code, d.fingerprint)
            if self.remaining[key] > 0:
                self.remaining[key] -= 1
            else:
                kept.append(d)
        if len(kept) < len(result.diagnostics) and result.score is not None:
            rules = known_rules()
            level = {d.code for d in kept if d.code in rules and rules[d.code].document_level}
            result.score = score(kept, result.chars, level)
        result.diagnostics = kept
