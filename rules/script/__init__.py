"""The script family."""
