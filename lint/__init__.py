"""wenlint: a document-quality linter for scraped Chinese text.

The public API for rule authors: :class:`Rule`, :class:`Example`,
:class:`Option`, :class:`Document`, :class:`Diagnostic`, :class:`Fix`,
:class:`Edit` and the enums beside them.
"""

from wenlint.diagnostic import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from wenlint.document import Document
from wenlint.rule import Example, Option, Rule

__version__ = "0.1.0"

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
