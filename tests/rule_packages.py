"""Rule packages for tests: a module of rules installed, as pip would, where
a command started with the returned environment finds it through the
``wenlint.rules`` entry point."""

from __future__ import annotations

import os
from pathlib import Path


def install_rules(site: Path, module: str, source: str, entry_point: str = "") -> dict[str, str]:
    """Install ``source`` as the rule module ``module`` in the folder ``site``,
    its entry point naming ``entry_point`` (``module:Class``; the module if
    empty); the environment of a command that has it (the current one, plus ``site``)."""
    info = site / f"{module}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[wenlint.rules]\n{module} = {entry_point or module}\n", encoding="utf-8")
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(site)}
