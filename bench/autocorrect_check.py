"""AutoCorrect's counterpart of ``wenlint check PATH... --statistics``, for the
side-by-side runs of bench_check.py: lint every ``*.txt`` file under the
paths with AutoCorrect (``pip install autocorrect-py``: Rust, CJK
typography rules only) on one core, and print how many lines it would change.

    python bench/autocorrect_check.py PATH...
"""

from __future__ import annotations

import sys
from pathlib import Path


def files(paths: list[str]) -> list[Path]:
    """The files named, and the ``*.txt`` files in the directories named, sorted."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return found


def main(paths: list[str]) -> int:
    import autocorrect_py

    findings = 0
    for path in files(paths):
        findings += len(autocorrect_py.lint_for(path.read_text(encoding="utf-8"), path.name).lines)
    sys.stdout.write(f"{findings} lines to change\n")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
