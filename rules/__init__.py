"""The built-in wenlint rules, one module per rule.

This package is registered under the ``wenlint.rules`` entry point exactly
as a third-party rule package would be; every Rule subclass with a ``code``
defined in one of its modules is picked up.
"""
