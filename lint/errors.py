"""The one error contract.

A :class:`WenlintError` is the user's to fix (a bad configuration, a missing
baseline, an unreadable input or an unwritable output): the command line
prints its message as one ``error: …`` line and exits 2. Any other exception
is a bug in wenlint and keeps its traceback.
"""

from __future__ import annotations


class WenlintError(Exception):
    """A user error; its message is one line naming what to fix."""


class UsageError(WenlintError):
    """Arguments that parse but cannot be used together, or an unknown rule."""


class OutputError(WenlintError):
    """A report, baseline or summary cannot be written where it was asked."""

    @classmethod
    def from_os(cls, path: object, error: OSError) -> OutputError:
        """The error for ``path`` from the ``OSError`` writing it raised."""
        return cls(f"cannot write {path}: {error.strerror or error}")
