"""``python -m wenlint``."""

from wenlint.cli import entry

entry()
