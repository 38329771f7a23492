"""The typo family."""
