"""The spam family."""
