"""Where the CPU time of linting goes: each rule's share, and each shared view's.

Not a test. Lints each source (as bench_families.py reads it, repeated to
``--size-mb``) with the rules on by default, or those given by ``--select``
(codes or family letters; ``--preview`` adds the preview rules), in one
process on one core, and charges every CPU second to what spent it: a
rule's ``check``, or a view it asked the document for (``Document.view``, and
the document's own cached views: prose, zones, script profile, paragraphs,
line starts), each view once, whichever rule asked first, and never to that
rule. What is left is the engine's own work and reading the documents. The
fastest of ``--repeat`` runs is shown, as in bench_families.py:

    python bench/rule_shares.py                          # default rules, web and PDF text, 2 MB each
    python bench/rule_shares.py --select T --preview --sources web
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property

from bench_families import FILE, corpus
from corpora import SOURCES

from wenlint import Document
from wenlint.engine import lint
from wenlint.process import collect_less
from wenlint.registry import all_rules, in_preview, on_by_default


class Clock:
    """CPU seconds charged to labels; time spent in a nested charge goes to
    the inner label only."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._stack: list[list] = []  # [label, start, time taken by nested charges]

    def charged(self, label: str, work: Callable):
        """``work``'s result, its CPU time (less what nested charges took) charged to ``label``."""
        self._stack.append([label, time.process_time(), 0.0])
        try:
            return work()
        finally:
            label, start, nested = self._stack.pop()
            took = time.process_time() - start
            self.spent[label] += took - nested
            if self._stack:
                self._stack[-1][2] += took


def instrument(clock: Clock, rules: list) -> None:
    """Charge each rule's check, and each view the document computes, to ``clock``."""
    for rule in rules:
        check = rule.check
        rule.check = lambda doc, check=check, code=rule.code: clock.charged(code, lambda: list(check(doc)))
    view = Document.view

    def timed_view(doc, factory):
        if factory in doc._views:
            return doc._views[factory]
        return clock.charged(
            f"view {factory.__module__.rsplit('.', 1)[-1]}.{factory.__qualname__}", lambda: view(doc, factory)
        )

    Document.view = timed_view
    for name, attribute in vars(Document).items():
        if isinstance(attribute, cached_property):
            compute = attribute.func
            attribute.func = lambda doc, compute=compute, name=name: clock.charged(f"view {name}", lambda: compute(doc))


def chosen_rules(select: list[str], preview: bool) -> list:
    """The rules on by default, or those ``select`` names (codes or families), with the preview ones if asked."""
    chosen = []
    for code, rule in all_rules().items():
        named = any(code.startswith(prefix) for prefix in select) if select else True
        if named and (on_by_default(rule) or preview and in_preview(rule)):
            chosen.append(rule())
    return chosen


def measure(texts: list[str], rules: list, clock: Clock, repeat: int) -> tuple[float, dict[str, float]]:
    """The fewest CPU seconds of ``repeat`` runs over ``texts``, and that run's charges."""
    best: tuple[float, dict[str, float]] = (float("inf"), {})
    for _ in range(repeat):
        clock.spent.clear()
        start = time.process_time()
        for text in texts:
            lint(Document.from_source(text, FILE), rules)
        total = time.process_time() - start
        if total < best[0]:
            best = (total, dict(clock.spent))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=2, help="of each source")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is shown")
    parser.add_argument("--sources", nargs="*", default=["web", "pdf"], choices=SOURCES)
    parser.add_argument("--select", nargs="*", default=[], help="codes or family letters (default: the default rules)")
    parser.add_argument("--preview", action="store_true", help="with the preview rules")
    parser.add_argument("--top", type=int, default=25, help="lines shown (the rest summed)")
    args = parser.parse_args()
    collect_less()  # as the command line does
    rules = chosen_rules(args.select, args.preview)
    clock = Clock()
    instrument(clock, rules)
    for source in args.sources:
        texts = corpus(source, args.size_mb)
        megabytes = sum(len(text.encode()) for text in texts) / 1e6
        lint(Document.from_source(texts[0], FILE), rules)  # tables built on first use are not timed
        total, spent = measure(texts, rules, clock, args.repeat)
        print(
            f"\n{source}: {len(texts)} documents, {megabytes:.1f} MB, {len(rules)} rules, one core, fastest of {args.repeat}"
        )
        print(f"total {total:.3f} cpu-s ({megabytes / total:.1f} MB/cpu-s)")
        ranked = sorted(spent.items(), key=lambda item: -item[1])
        for label, seconds in ranked[: args.top]:
            print(f"  {label:<44}{seconds:>8.3f}{seconds / total:>8.1%}")
        rest = sum(seconds for _, seconds in ranked[args.top :])
        other = total - sum(spent.values())
        print(f"  {f'{len(ranked) - args.top} more' if rest else 'no more':<44}{rest:>8.3f}{rest / total:>8.1%}")
        print(f"  {'engine, reading the documents':<44}{other:>8.3f}{other / total:>8.1%}")


if __name__ == "__main__":
    main()
