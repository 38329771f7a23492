"""Whether a long text is worth working out with NumPy, for the parts that
can (the document signals' n-grams, the typo view): only texts of some
length, only where numpy is installed, and only once it is imported or
enough long texts were worked out without it that the import (about
0.1 CPU-s) is paid back, so that a short ``check`` never pays it."""

from __future__ import annotations

import sys
from functools import cache


class LongTexts:
    """The long texts of one part worked out without NumPy so far, and whether the next is worth it."""

    def __init__(self) -> None:
        self.without = 0  # units (characters, words) of long texts worked out without NumPy

    def worth(self, units: int, start: int, import_after: int) -> bool:
        """Whether a text of ``units`` is worked out with NumPy: from ``start``
        units, once numpy is imported or ``import_after`` units of long
        texts went without it (those are counted here), if it is installed."""
        if units < start:
            return False
        if "numpy" not in sys.modules and self.without < import_after:
            self.without += units
            return False
        return installed()


@cache
def installed() -> bool:
    """Whether numpy can be imported (it is, when it can)."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True
