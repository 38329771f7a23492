"""The built-in wenlint rules, in one package per family.

This package is registered under the ``wenlint.rules`` entry point exactly
as a third-party rule package would be; every Rule subclass with a ``code``
defined in one of its modules is picked up. A family's package holds one
module per rule and the modules its rules share (which define no rules).
"""

from pathlib import Path

#: The rules' data files: pattern packs and typo tables.
DATA = Path(__file__).resolve().parent / "data"
