"""The layout family."""
