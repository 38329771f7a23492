"""The encoding family."""
