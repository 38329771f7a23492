"""The prose map: which spans of a document are prose and which are not.

Markdown is parsed with markdown-it-py (CommonMark, tables, strikethrough,
bare URLs through linkify-it-py, and the mdit-py-plugins for front matter,
dollar math, definition lists, footnotes and admonitions). The text of
paragraphs, headings, table cells, definition terms, admonition titles and
link labels is prose, located in the source line by line; everything else is
not. Non-prose comes in two sorts:

- *verbatim*: text that is not language — front matter, fenced and indented
  code, inline code, HTML blocks and inline HTML (comments too), math,
  link and image destinations and titles, autolinks, bare URLs, e-mail
  addresses, entities, ``{{…}}`` and ``{%…%}`` template tags;
- *syntax*: what shapes the document — heading, list, blockquote and
  definition markers, table pipes and delimiter rows, link brackets,
  backslash escapes, ``:::`` and ``!!!`` lines, the blank lines between
  blocks, reference definitions.

A lone CR is a line break, as markdown-it reads it. A plain-text document has
URLs (with a scheme, or starting ``www.``) and e-mail addresses (verbatim) and the gaps
between the cells of table lines (syntax): lines whose cells are separated by
runs of two or more spaces or by tabs, with the same number of cells over two
or more consecutive lines. Offsets are code points into ``doc.text``; every
scan is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from wenlint.links import Span, emails, linkify, url_end, urls

#: How long a template tag may be.
TEMPLATE_LENGTH = 400

_LONE_CR = regex.compile(r"\r(?!\n)")
_TEMPLATE = regex.compile(rf"\{{\{{[^\n]{{0,{TEMPLATE_LENGTH}}}?\}}\}}|\{{%[^\n]{{0,{TEMPLATE_LENGTH}}}?%\}}")
_TOML_FRONT_MATTER = regex.compile(r"\A\+\+\+[ \t]*\n.*?\n\+\+\+[ \t]*(?=\n|\Z)", regex.S)
_CONTAINER_LINE = regex.compile(r"^[ \t]*(?::{3,}|!!!)[^\n]*", regex.M)
#: A definition-list line (`: 定义`): where the plugin's reading and CommonMark's can differ.
_DEFINITION = regex.compile(r"^ {0,3}:[ \t]", regex.M)
#: A gap between table cells: two or more blanks, or a tab, between two characters that are no white space
#: (``regex``'s ``\S``, which ``re``'s is without U+001C–U+001F). It starts with a blank, which
#: ``re`` skips to in C, and looks behind it (a look-behind first would be tried at every character).
_NOT_SPACE = r"[\S\x1c-\x1f]"
_CELL_GAP = re.compile(rf"[ \t](?<={_NOT_SPACE}[ \t])(?:[ \t]+(?={_NOT_SPACE})|(?<=\t)(?={_NOT_SPACE}))")

_VERBATIM_BLOCKS = frozenset({"front_matter", "fence", "code_block", "html_block", "math_block", "math_block_label"})
_VERBATIM, _SYNTAX = "verbatim", "syntax"
#: Inline rules whose matches are not prose, and what they are; a link or
#: image keeps its label as prose.
_INLINE_KINDS = {
    "linkify": _VERBATIM,
    "backticks": _VERBATIM,
    "autolink": _VERBATIM,
    "html_inline": _VERBATIM,
    "entity": _VERBATIM,
    "math_inline": _VERBATIM,
    "escape": _SYNTAX,
    "footnote_ref": _SYNTAX,
}
_LABEL_OFFSET = {"link": 1, "image": 2}  # where the label starts: after `[` or `![`
#: Inline rules that push delimiter runs (`*`, `_`, `~~`): syntax once paired, text otherwise.
_DELIMITER_RULES = frozenset({"emphasis", "strikethrough"})
_SOURCE, _FOUND, _DELIMITERS = "wenlint_source", "wenlint_spans", "wenlint_delimiters"


class Spans:
    """Sorted, disjoint ``[start, end)`` spans, with lookups by bisection."""

    __slots__ = ("spans", "_starts")

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = merge(spans)
        self._starts = [start for start, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def _at(self, offset: int) -> Span | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.spans[index] if index >= 0 else None

    def covers(self, offset: int) -> bool:
        """Whether the character at ``offset`` lies in a span."""
        span = self._at(offset)
        return span is not None and offset < span[1]

    def touches(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span; an empty range, whether
        it lies strictly inside one."""
        span = self._at(max(start, end - 1))
        if span is None:
            return False
        if start == end:
            return span[0] < start < span[1]
        return start < span[1] and span[0] < end

    def contains(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies wholly inside one span."""
        span = self._at(start)
        return span is not None and end <= span[1] and (start < span[1] or start == end == span[1])

    def outside(self, start: int, end: int) -> list[Span]:
        """The parts of ``[start, end)`` that lie in no span, in order."""
        low = max(bisect.bisect_right(self._starts, start) - 1, 0)  # (the spans before it end before ``start``)
        return subtract([(start, end)], self.spans[low : bisect.bisect_left(self._starts, end)])


@dataclass(frozen=True, slots=True)
class ProseMap:
    """What of a document is not prose: ``verbatim`` (text that is not
    language) and ``nonprose`` (verbatim text and syntax)."""

    verbatim: Spans
    nonprose: Spans


def build(text: str, markdown: bool) -> ProseMap:
    """The prose map of ``text``, parsed as Markdown when ``markdown``."""
    verbatim = urls(text) + emails(text)
    if not markdown:
        return ProseMap(Spans(verbatim), Spans(verbatim + _table_gaps(text)))
    source, lines, starts = _source_lines(text)
    prose, found, syntax = _markdown(source, lines, starts)
    verbatim += found + _templates(text)
    if text.startswith("+++") and (toml := _TOML_FRONT_MATTER.match(text)):
        verbatim.append(toml.span())
    if ":::" in text or "!!!" in text:
        syntax += [match.span() for match in _CONTAINER_LINE.finditer(text)]
    if _DEFINITION.search(text):
        verbatim += _commonmark_blocks(source, starts)
    prose = subtract(merge(prose), merge(verbatim + syntax))
    return ProseMap(Spans(verbatim), Spans(complement(prose, len(text))))


# -- plain text -------------------------------------------------------------


def _templates(text: str) -> list[Span]:
    return [match.span() for match in _TEMPLATE.finditer(text)] if "{{" in text or "{%" in text else []


def _table_gaps(text: str) -> list[Span]:
    """The gaps between cells of table lines: runs of the same number of
    cells (two or more) on two or more consecutive lines."""
    if "\t" not in text and "  " not in text:  # (a gap is a tab or two blanks)
        return []
    gaps: dict[int, list[Span]] = {}
    line, line_end = -1, -1
    for match in _CELL_GAP.finditer(text):
        if match.start() > line_end:
            line = text.count("\n", 0, match.start()) if line < 0 else line + text.count("\n", line_end, match.start())
            line_end = text.find("\n", match.start())
            line_end = len(text) if line_end == -1 else line_end
        gaps.setdefault(line, []).append(match.span())
    spans: list[Span] = []
    for number, found in gaps.items():
        shape = len(found)
        if len(gaps.get(number - 1, ())) == shape or len(gaps.get(number + 1, ())) == shape:
            spans.extend(found)
    return spans


# -- Markdown ----------------------------------------------------------------


@functools.cache
def _parser():
    """markdown-it with the plugins, recording where each inline construct
    that is not prose starts and ends."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    md.linkify = linkify()
    md.use(front_matter_plugin).use(deflist_plugin).use(footnote_plugin).use(admon_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False)
    for rule in md.inline.ruler.__rules__:
        if rule.name in _INLINE_KINDS or rule.name in _LABEL_OFFSET or rule.name in _DELIMITER_RULES:
            md.inline.ruler.at(rule.name, _recording(rule.name, rule.fn), {"alt": rule.alt})
    md.inline.ruler2.before("fragments_join", "wenlint_delimiters", _paired_delimiters)
    md.core.ruler.at("inline", _parse_inlines)
    return md


def _recording(name: str, rule: Callable) -> Callable:
    """``rule``, noting in the parse's environment the span it matched
    (in the coordinates of the inline token's content)."""
    from markdown_it.rules_inline.linkify import SCHEME_RE

    label_offset = _LABEL_OFFSET.get(name, 0)
    kind = _INLINE_KINDS.get(name, _VERBATIM)

    def recorded(state, silent: bool) -> bool:
        if silent or state.env.get(_SOURCE) is not state.src:
            return rule(state, silent)
        start = state.pos
        if (
            name == "linkify"
            and state.src.startswith("://", start)
            and (scheme := SCHEME_RE.search(state.pending[-40:]))
        ):
            start -= len(scheme.group(1))
        label_end = -1
        if label_offset:
            opening = start + label_offset - 1
            if state.src[opening : opening + 1] == "[":
                label_end = state.md.helpers.parseLinkLabel(state, opening, label_offset == 1)
        pushed = len(state.tokens) + (1 if state.pending else 0)  # pending text is pushed first
        if not rule(state, silent):
            return False
        if name in _DELIMITER_RULES:
            for token in state.tokens[pushed:]:
                state.env[_DELIMITERS].append((start, start + len(token.content), token))
                start += len(token.content)
            return True
        if len(state.tokens) > pushed:  # a construct, not characters left as text
            found = state.env[_FOUND]
            if label_end >= 0:
                found.append((start, start + label_offset, _SYNTAX))
                found.append((label_end, state.pos, _VERBATIM))
            elif name == "linkify":
                found.append((start, url_end(state.src, start, state.pos), kind))
            else:
                found.append((start, state.pos, kind))
        return True

    return recorded


def _paired_delimiters(state) -> None:
    """After emphasis and strikethrough are paired: the delimiters that became
    markup (an opening or closing token, or the emptied half of a `**`) are syntax."""
    env = state.env
    if env.get(_SOURCE) is not state.src:
        return
    for start, end, token in env[_DELIMITERS]:
        if token.type != "text" or not token.content:
            env[_FOUND].append((start, end, _SYNTAX))
    env[_DELIMITERS] = []


def _parse_inlines(state) -> None:
    """The core ``inline`` rule, keeping each inline token's recorded spans in its meta."""
    env = state.env
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            env[_SOURCE], env[_FOUND], env[_DELIMITERS] = token.content, [], []
            state.md.inline.parse(token.content, state.md, env, token.children)
            token.meta[_FOUND] = env[_FOUND]
    env.pop(_SOURCE, None)


def _source_lines(text: str) -> tuple[str, list[str], list[int]]:
    """The text as markdown-it is given it, its lines, and where each starts."""
    # Same offsets: a lone CR is a line break, as markdown-it reads it; a CR before an LF (never in a
    # Document's text) a space.
    source = _LONE_CR.sub("\n", text).replace("\r", " ").replace("\0", "\ufffd")
    lines = source.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return source, lines, starts


@functools.cache
def _commonmark_parser():
    """Plain CommonMark with front matter, for block structure only."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).disable("inline")


def _block_span(token, starts: list[int]) -> Span:
    """The lines of a block token (at least one), without the last line break."""
    first, last = token.map
    return starts[first], starts[max(last, first + 1)] - 1


def _commonmark_blocks(source: str, starts: list[int]) -> list[Span]:
    """Code and HTML blocks as plain CommonMark reads them. A definition
    list's plugin reads an indented line under `: ` as the definition's text;
    CommonMark, and many renderers, as code: both readings stay safe."""
    return [
        _block_span(token, starts)
        for token in _commonmark_parser().parse(source, {})
        if token.map and token.type in _VERBATIM_BLOCKS
    ]


def _markdown(source: str, lines: list[str], starts: list[int]) -> tuple[list[Span], list[Span], list[Span]]:
    """Spans of prose (before verbatim text and syntax are taken out), of
    verbatim text and of inline syntax, in the text read by :func:`_source_lines`."""
    found: tuple[list[Span], list[Span], list[Span]] = ([], [], [])
    cursors: dict[int, int] = {}
    for token in _parser().parse(source, {}):
        if not token.map:
            continue
        if token.type in _VERBATIM_BLOCKS:
            found[1].append(_block_span(token, starts))
        elif token.type == "inline":
            _locate(token, token.map[0], lines, starts, cursors, found)
    return found


def _locate(token, first: int, lines, starts, cursors, found: tuple[list[Span], list[Span], list[Span]]) -> None:
    """Add the spans of an inline token's content to ``found`` (prose,
    verbatim, syntax), finding its lines in the source from line ``first``
    on; a token that cannot be found exactly adds nothing (and so is not prose)."""
    prose, verbatim, syntax = found
    content_lines = token.content.split("\n")
    if first + len(content_lines) > len(lines):
        return
    positions = []  # where each content line starts in the text
    for index, piece in enumerate(content_lines):
        number = first + index
        line = lines[number]
        if index < len(content_lines) - 1:
            at = len(line) - len(piece) if line.endswith(piece) else -1
        else:
            stripped = line.rstrip()
            at = len(stripped) - len(piece) if stripped.endswith(piece) else line.find(piece, cursors.get(number, 0))
        if at < 0 or at < cursors.get(number, 0):
            return
        cursors[number] = at + len(piece)
        positions.append(starts[number] + at)
    offsets = [0]
    for piece in content_lines:
        offsets.append(offsets[-1] + len(piece) + 1)
    for index, piece in enumerate(content_lines):
        tail = 1 if index < len(content_lines) - 1 else 0  # the line break inside the paragraph
        prose.append((positions[index], positions[index] + len(piece) + tail))

    def source(offset: int, end: bool) -> int:
        index = bisect.bisect_right(offsets, offset - 1 if end else offset) - 1
        return positions[index] + offset - offsets[index]

    for start, end, kind in token.meta.get(_FOUND, ()):
        span = (source(start, False), source(end, True)) if end > start else None
        if span is not None:
            (verbatim if kind == _VERBATIM else syntax).append(span)


# -- span arithmetic -----------------------------------------------------------


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same characters (touching ones joined)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(spans: list[Span], holes: list[Span]) -> list[Span]:
    """``spans`` less ``holes`` (both sorted and disjoint)."""
    result: list[Span] = []
    index = 0
    for start, end in spans:
        while index < len(holes) and holes[index][1] <= start:
            index += 1
        probe = index
        while probe < len(holes) and holes[probe][0] < end:
            hole_start, hole_end = holes[probe]
            if hole_start > start:
                result.append((start, hole_start))
            start = max(start, hole_end)
            probe += 1
        if start < end:
            result.append((start, end))
    return result


def complement(spans: list[Span], length: int) -> list[Span]:
    """The gaps of sorted, disjoint ``spans`` within ``[0, length)``."""
    gaps: list[Span] = []
    cursor = 0
    for start, end in spans:
        if start > cursor:
            gaps.append((cursor, start))
        cursor = end
    if cursor < length:
        gaps.append((cursor, length))
    return gaps
