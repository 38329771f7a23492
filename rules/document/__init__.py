"""The document family."""
