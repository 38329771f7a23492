"""The built-in wenlint rules, in one package per family.

This package is registered under the ``wenlint.rules`` entry point exactly
as a third-party rule package would be; every Rule subclass with a ``code``
defined in one of its modules is picked up. A family's package holds one
module per rule and the modules its rules share (which define no rules).
"""

import importlib.util
from pathlib import Path

#: The rules' data files: pattern packs and typo tables.
DATA = Path(__file__).resolve().parent / "data"


def package_dir(name: str) -> Path:
    """Where an installed package's files are (rules read the data of
    jieba, wordfreq and pypinyin), without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the rules need the package {name!r}")
    return Path(next(iter(spec.submodule_search_locations)))
