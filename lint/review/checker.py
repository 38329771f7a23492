"""Linting for the review: in this process for ordinary documents, in a
worker process for large ones.

A re-check of a large document takes seconds of pure Python. On a thread it
would hold the interpreter lock, and the interface, though never blocked,
would answer a key only after waiting for the lock again and again. A worker
process leaves the lock to the interface.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from wenlint import engine
from wenlint.diagnostic import Diagnostic
from wenlint.document import Document
from wenlint.process import collect_less
from wenlint.rule import Rule
from wenlint.workers import die_with_parent

#: Documents of this many characters or more are linted in the worker process, once started.
PROCESS_THRESHOLD = 500_000

_pool: list[ProcessPoolExecutor] = []
_workers: list[multiprocessing.process.BaseProcess] = []  # the pool's process, to stop it at once


def start_worker() -> None:
    """Start the worker process, a fresh interpreter (forking would copy the
    interface's threads). Call it before a full-screen interface takes over
    the standard streams: starting a process needs their real descriptors."""
    if not _pool:
        others = set(multiprocessing.active_children())
        _pool.append(
            ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker, initargs=(os.getpid(),)
            )
        )
        _pool[0].submit(int)  # processes start at the first submission
        _workers.extend(set(multiprocessing.active_children()) - others)


def _init_worker(parent: int) -> None:
    """The worker exits with the review (even one killed), and collects garbage as the command does."""
    die_with_parent(parent)
    collect_less()


def stop_worker() -> None:
    """Stop the worker process now, dropping a check in flight (the review is over)."""
    if _pool:
        _pool.pop().shutdown(wait=False, cancel_futures=True)
        while _workers:  # the pool's own thread reaps them (a second join from here would race it)
            _workers.pop().kill()  # not terminate: a process started with SIGTERM ignored would ignore it too


class Checker:
    """Lints documents with one file's rules: ``checker(doc)`` is
    :func:`wenlint.engine.lint` of them, wherever it runs."""

    def __init__(self, rules: Sequence[Rule], threshold: int = PROCESS_THRESHOLD) -> None:
        self.rules = list(rules)
        self.threshold = threshold
        #: Codes whose findings rest on evidence their siblings' fixes remove (see Rule.sibling_evidence).
        self.keeps = frozenset(rule.code for rule in self.rules if rule.sibling_evidence)

    def __call__(self, doc: Document) -> list[Diagnostic]:
        if len(doc.text) < self.threshold or not _pool:
            return engine.lint(doc, self.rules)
        return _pool[0].submit(engine.lint, doc, self.rules).result()
