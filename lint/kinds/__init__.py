"""Rule kinds: rules declared by what they look for, with Python hooks for
judgement. A kind implements ``check`` once; a rule of that kind is a class
holding its pattern or table, its messages and, where it needs them, hooks.

- :class:`PatternRule`: a regular expression, a pre-check, a message and
  a fix template, and a ``keep(doc, match)`` hook.
- :class:`SubstitutionRule`: a table of wrong → right (a file or inline)
  and a guard, ``keep(doc, hit)``.
- :class:`LineRule`: a zone policy, candidate lines and a ``judge(doc, line)``
  predicate; the kind deletes the lines it flags.
"""

from wenlint.kinds.line import LineRule
from wenlint.kinds.pattern import PatternRule
from wenlint.kinds.substitution import Hit, SubstitutionRule, Substitutions

__all__ = ["Hit", "LineRule", "PatternRule", "SubstitutionRule", "Substitutions"]
