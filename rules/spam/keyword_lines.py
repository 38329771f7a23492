"""Lines of SEO keywords: the test S001 flags them by, which S012 also asks
so as not to flag again the brands of a line S001 removes whole."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from wenlint import Document
from wenlint.kinds.line import Candidate
from wenlint.textclass import has_clause_punctuation
from wenlint_rules.spam.patterns import Hit, pack, scan

#: One keyword: what lies between `|`, `丨`, `/` and spaces.
_KEYWORD = regex.compile(r"[^|丨｜/／\s]+")
MIN_KEYWORDS = 3
MAX_KEYWORD_LENGTH = 16
#: Share of the keywords that must hold spam vocabulary.
MIN_SPAM_SHARE = 0.6
#: Distinct strong spam phrases a line needs.
MIN_STRONG = 2


def seo_line_phrases(doc: Document, line: Candidate, strong_hits: Iterable[Hit]) -> set[str]:
    """The distinct strong phrases of ``line`` when it is a line of SEO
    keywords holding ``strong_hits``, else an empty set."""
    hits = list(strong_hits)
    strong = {hit.phrase.lower() for hit in hits if not hit.inside(hits)}
    if len(strong) < MIN_STRONG:
        return set()
    hits += scan(doc).find_in_line(line.index, pack("seo")["weak"])
    if not _is_spam_line(line.text, [(hit.start - line.start, hit.end - line.start) for hit in hits]):
        return set()
    return strong


def _is_spam_line(line: str, spans: list[tuple[int, int]]) -> bool:
    """A line of short keywords, most of which hold one of ``spans``."""
    if has_clause_punctuation(line):
        return False
    keywords = [match.span() for match in _KEYWORD.finditer(line)]
    if len(keywords) < MIN_KEYWORDS or any(end - start > MAX_KEYWORD_LENGTH for start, end in keywords):
        return False
    spammy = sum(1 for start, end in keywords if any(start <= s and e <= end for s, e in spans))
    return spammy >= MIN_SPAM_SHARE * len(keywords)
