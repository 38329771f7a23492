"""wenlint: a document-quality linter for scraped Chinese text.

The public API for rule authors: :class:`Rule`, :class:`Example`,
:class:`Option`, :class:`Document`, :class:`Diagnostic`, :class:`Fix`,
:class:`Edit` and the enums beside them. They are imported on first use
(``from wenlint import Rule`` works as usual), so that importing a part of
wenlint — the command line, say — does not load all of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name and the module it comes from.
_HOMES = {
    "Applicability": "wenlint.diagnostic",
    "Diagnostic": "wenlint.diagnostic",
    "Edit": "wenlint.diagnostic",
    "Fix": "wenlint.diagnostic",
    "FixAvailability": "wenlint.diagnostic",
    "Severity": "wenlint.diagnostic",
    "Document": "wenlint.document",
    "Example": "wenlint.rule",
    "Option": "wenlint.rule",
    "Rule": "wenlint.rule",
}

__all__ = [
    "Applicability",
    "Diagnostic",
    "Document",
    "Edit",
    "Example",
    "Fix",
    "FixAvailability",
    "Option",
    "Rule",
    "Severity",
    "__version__",
]

if TYPE_CHECKING:
    from wenlint.diagnostic import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
    from wenlint.document import Document
    from wenlint.rule import Example, Option, Rule


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for."""
    if name not in _HOMES:
        raise AttributeError(f"module 'wenlint' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
