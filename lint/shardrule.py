"""The corpus protocol: a rule that learns from a whole shard before it
judges the shard's documents.

When a selected rule is a :class:`CorpusRule`, ``wenlint scan`` reads each
shard twice, knowing the rule by nothing but this protocol:

1. counting, in the workers: ``rule.count(texts)`` for each batch of the
   shard's documents gives what they contribute, as plain data (None,
   bools, numbers, strings, bytes, lists and string-keyed dicts: it crosses
   processes as msgpack, and tuples come back as lists);
2. merging, in the driver, batch after batch in input order:
   ``tally = rule.merge(tally, counts)``, starting from ``rule.new_tally()``;
   then ``rule.shard_view(tally)`` is what the shard's documents see; to
   reach worker processes it goes through ``rule.view_to_plain`` (plain
   data, as above) and back through ``rule.view_from_plain``, once per
   worker and shard — never through pickle, so reading it runs no code;
3. judging, in the workers: each document carries the view of every corpus
   rule (``doc.corpus``, code → view), which ``check`` reads through
   :meth:`CorpusRule.view_of`. Outside ``scan`` there is no shard and the
   view is None.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgpack

from wenlint.document import Document
from wenlint.rule import Rule


class CorpusRule(Rule):
    """A rule that counts over a shard first (see the module)."""

    def count(self, texts: Sequence[str]) -> Any:
        """What one batch of a shard's documents contributes to the tally."""
        raise NotImplementedError

    def new_tally(self) -> Any:
        """The tally of a shard before any batch is counted."""
        raise NotImplementedError

    def merge(self, tally: Any, counts: Any) -> Any:
        """``tally`` with the ``counts`` of one more batch."""
        raise NotImplementedError

    def shard_view(self, tally: Any) -> Any:
        """What the documents of the shard see, from its full tally."""
        raise NotImplementedError

    def view_to_plain(self, view: Any) -> Any:
        """The shard view as plain data (see the module); the view itself by default."""
        return view

    def view_from_plain(self, plain: Any) -> Any:
        """The shard view back from :meth:`view_to_plain`'s plain data."""
        return plain

    def view_of(self, doc: Document) -> Any | None:
        """The shard's view of this rule for ``doc``; None outside ``scan``."""
        views = doc.corpus
        return views.get(self.code) if views else None


def corpus_rules(rules: Sequence[Rule]) -> list[CorpusRule]:
    """The rules of ``rules`` that count over a shard first."""
    return [rule for rule in rules if isinstance(rule, CorpusRule)]


def count_batch(rules: Sequence[CorpusRule], texts: Sequence[str]) -> dict[str, Any]:
    """code → what ``texts`` contribute, for each of the corpus ``rules``."""
    return {rule.code: rule.count(texts) for rule in rules}


class ShardTally:
    """The tallies of a shard's corpus rules, merged batch after batch."""

    def __init__(self, rules: Sequence[CorpusRule]) -> None:
        self.rules = {rule.code: rule for rule in rules}
        self.tallies = {code: rule.new_tally() for code, rule in self.rules.items()}

    def add(self, counts: dict[str, Any]) -> None:
        """Merge the counts of one batch (as :func:`count_batch` gives them)."""
        for code, batch_counts in counts.items():
            self.tallies[code] = self.rules[code].merge(self.tallies[code], batch_counts)

    def views(self) -> dict[str, Any]:
        """code → the view the documents of the shard see (``doc.corpus``)."""
        return {code: rule.shard_view(self.tallies[code]) for code, rule in self.rules.items()}


def pack_counts(counts: dict[str, Any]) -> bytes:
    """The counts of one batch (as :func:`count_batch` gives them) as msgpack."""
    return msgpack.packb(counts, use_bin_type=True)


def unpack_counts(data: bytes) -> dict[str, Any]:
    """The counts :func:`pack_counts` packed."""
    return _unpack(data)


def pack_views(rules: Sequence[CorpusRule], views: dict[str, Any]) -> bytes:
    """The views of a shard (as :meth:`ShardTally.views` gives them) as msgpack."""
    by_code = {rule.code: rule for rule in rules}
    return msgpack.packb({code: by_code[code].view_to_plain(view) for code, view in views.items()}, use_bin_type=True)


def unpack_views(rules: Sequence[CorpusRule], data: bytes) -> dict[str, Any]:
    """The views :func:`pack_views` packed, rebuilt by ``rules`` (views of other rules are dropped)."""
    plain = _unpack(data)
    return {rule.code: rule.view_from_plain(plain[rule.code]) for rule in rules if rule.code in plain}


def _unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, raw=False, strict_map_key=False)
