"""The substitution rule kind: a table of wrong → right, and a guard.

A substitution rule declares its ``table`` — a tab-separated file of
``wrong<TAB>right`` lines (``#`` starts a comment), or the pairs inline —
and the kind finds every listed wrong string (overlapping ones included),
reports it and fixes it to its right string. One pass of an Aho-Corasick
automaton (``ahocorasick_rs``: the Rust crate's) finds them all, in C,
however long the table. Judgement goes in the hooks: :meth:`SubstitutionRule.keep`
(the guard), :meth:`SubstitutionRule.correction` (the right string as the
document should have it) and :meth:`SubstitutionRule.fix_is_safe`::

    class Login(SubstitutionRule):
        code = "Z102"
        name = "login"
        summary = "`登陆` for `登录` (to log in)"
        flags = "`登陆账号`, `登陆密码`."
        table = {"登陆账号": "登录账号", "登陆密码": "登录密码"}
        fix = FixAvailability.SAFE

Templates (``message``, ``fix_message``) are :meth:`str.format` strings
with the fields ``wrong`` (the text as the document has it) and ``right``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import ClassVar, NamedTuple

from wenlint.diagnostic import Diagnostic, Fix, FixAvailability
from wenlint.document import Document
from wenlint.rule import Rule


class Hit(NamedTuple):
    """A listed string found at ``start:end``, with its table entry."""

    start: int
    end: int
    wrong: str
    right: str


class Substitutions:
    """A wrong → right table, with the automaton that finds its wrong strings."""

    def __init__(self, pairs: Mapping[str, str]) -> None:
        self.pairs = {wrong: right for wrong, right in pairs.items() if wrong}
        self._wrongs = tuple(self.pairs)
        self._search = string_automaton(self._wrongs)

    @staticmethod
    @cache
    def load(path: Path) -> Substitutions:
        """The table in a file of ``wrong<TAB>right`` lines (loaded once)."""
        pairs = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#") and "\t" in line:
                wrong, right = line.split("\t")
                pairs[wrong] = right
        return Substitutions(pairs)

    def find(self, text: str) -> list[Hit]:
        """Every occurrence in ``text`` of a listed string, overlapping ones too, by start."""
        if self._search is None:
            return []
        wrongs, pairs = self._wrongs, self.pairs
        return sorted(
            Hit(start, end, wrongs[index], pairs[wrongs[index]])
            for index, start, end in self._search.find_matches_as_indexes(text, overlapping=True)
        )


def string_automaton(strings: tuple[str, ...]):
    """An automaton finding every occurrence of ``strings`` (None: there are
    none), for this kind's tables and the S family's phrases: a DFA, which
    searches twice as fast as the default NFA (the shipped typo table's:
    ~6 MB, built in 7 ms; the S anchors': ~5 MB, in 4 ms)."""
    if not strings:
        return None
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(
        strings, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=ahocorasick_rs.Implementation.DFA
    )


class SubstitutionRule(Rule):
    """A rule whose findings are the kept entries of its table found in the text."""

    #: The table: a ``wrong<TAB>right`` file, or the pairs themselves.
    table: ClassVar[Path | Mapping[str, str]] = {}
    message: ClassVar[str] = "`{wrong}`: write `{right}`"
    fix_message: ClassVar[str] = "write `{right}`"
    fix = FixAvailability.SAFE

    def substitutions(self) -> Substitutions:
        """The table to look up (a rule whose options add entries overrides this)."""
        return _table(self.table)

    def text(self, doc: Document) -> str:
        """The text the table is looked up in, offset for offset with
        ``doc.text`` (by default ``doc.text`` itself)."""
        return doc.text

    def keep(self, doc: Document, hit: Hit) -> bool:
        """The guard: whether ``hit`` is a finding."""
        return True

    def correction(self, doc: Document, hit: Hit) -> str:
        """What the fix writes in place of ``hit``."""
        return hit.right

    def fix_is_safe(self, doc: Document, hit: Hit) -> bool:
        """Whether the fix of ``hit`` is safe; by default, as ``fix`` declares."""
        return self.fix is not FixAvailability.UNSAFE

    def check(self, doc: Document) -> list[Diagnostic]:
        found = []
        for hit in self.substitutions().find(self.text(doc)):
            if not self.keep(doc, hit):
                continue
            values = {"wrong": doc.text[hit.start : hit.end], "right": self.correction(doc, hit)}
            fix = None
            if self.fix is not FixAvailability.NONE:
                fix = Fix.replace(
                    hit.start,
                    hit.end,
                    values["right"],
                    safe=self.fix_is_safe(doc, hit),
                    message=self.fix_message.format(**values),
                )
            found.append(self.diagnostic(hit.start, hit.end, self.message.format(**values), fix))
        return found


def _table(table: Path | Mapping[str, str]) -> Substitutions:
    if isinstance(table, Path):
        return Substitutions.load(table)
    return _inline(tuple(table.items()))


@cache
def _inline(pairs: tuple[tuple[str, str], ...]) -> Substitutions:
    return Substitutions(dict(pairs))
