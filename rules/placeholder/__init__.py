"""The placeholder family."""
