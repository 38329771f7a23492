"""Links in plain text: URLs (with a scheme, or starting ``www.``) as
linkify-it reads them, and e-mail addresses, each looked for only where it
can start (before ``://``, at ``www.``, before ``@``), not by patterns
tried at every character. The prose map (:mod:`wenlint.prose`) holds them
verbatim."""

from __future__ import annotations

import functools
import re

import regex

from wenlint.codepoints import matches_from

Span = tuple[int, int]

#: How far a URL may reach from its scheme (a longer one is cut there).
URL_WINDOW = 2048
#: Where a URL may start: a scheme, or ``www.`` (linkify-it's fuzzy links) not inside a longer name; Chinese
#: text before ``www.`` is not read as part of the host, as linkify-it would.
_URL_START = regex.compile(
    r"(?P<scheme>(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://)|(?<![A-Za-z0-9_.@/:+-])(?i:www)\."
)
_WWW = re.compile(r"www\.", re.IGNORECASE)
#: What a scheme is made of (after its first letter), and the longest scheme _URL_START reads.
_SCHEME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-"
_SCHEME_LENGTH = 32
_EMAIL = regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: Punctuation of Chinese text, which ends a URL though linkify-it would read on.
_URL_END = regex.compile(r"[\u2018-\u201f\u2026\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
#: What the part of an e-mail address before its ``@`` is made of.
_LOCAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-"


@functools.cache
def linkify():
    """linkify-it's reader of links, made once (the Markdown parser reads bare URLs with it too)."""
    from linkify_it import LinkifyIt

    return LinkifyIt()


@functools.cache
def _fuzzy_link():
    """linkify-it's pattern of a link without a scheme (``www.…``), as its ``match`` reads one."""
    return re.compile(linkify().re["link_no_ip_fuzzy"], re.IGNORECASE)


def urls(text: str) -> list[Span]:
    """URLs with a scheme or starting ``www.``, as linkify-it reads them (Chinese in the path included)."""
    spans: list[Span] = []
    if "://" not in text and _WWW.search(text) is None:  # what either kind of start needs
        return spans
    reach = 0
    for match in matches_from(_URL_START, text, _url_starts(text)):
        start = match.start()
        if start < reach:
            continue
        window = text[start : start + URL_WINDOW]
        if scheme := match.group("scheme"):
            link = linkify().match_at_start(window)
        else:
            link = _fuzzy_link().match(window)  # at the start only: linkify-it's match() would scan the window
        if link is not None:
            reach = url_end(text, start, start + (link.last_index if scheme else link.end()))
            spans.append((start, reach))
    return spans


def _url_starts(text: str) -> list[int]:
    """Every offset a match of _URL_START can start at, ascending: the start
    of the scheme-shaped run before each ``://`` and each ``www.`` (found
    in C: the pattern itself would be tried at every letter)."""
    starts = [match.start() for match in _WWW.finditer(text)]
    colon = text.find("://")
    while colon != -1:
        before = text[max(0, colon - _SCHEME_LENGTH - 1) : colon]
        scheme = len(before) - len(before.rstrip(_SCHEME_CHARS))
        if 0 < scheme <= _SCHEME_LENGTH:
            starts.append(colon - scheme)
        colon = text.find("://", colon + 3)
    return sorted(starts)


def url_end(text: str, start: int, end: int) -> int:
    """Where the URL at ``text[start:end]`` ends: before any Chinese punctuation."""
    stop = _URL_END.search(text, start, end)
    return stop.start() if stop else end


def emails(text: str) -> list[Span]:
    return [match.span() for match in matches_from(_EMAIL, text, _email_starts(text))] if "@" in text else []


def _email_starts(text: str) -> list[int]:
    """Every offset a match of _EMAIL can start at: the start of the run of
    characters an address's first part is made of before each ``@``."""
    starts = []
    after = 0  # (each run lies after the previous `@`)
    at = text.find("@")
    while at != -1:
        before = text[after:at]
        local = len(before) - len(before.rstrip(_LOCAL_CHARS))
        if local:
            starts.append(at - local)
        after = at + 1
        at = text.find("@", after)
    return starts
