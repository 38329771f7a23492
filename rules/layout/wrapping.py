"""What the line-break rules (L001, L007) and L002 share: how wide a line
is, verse, what starts something new after a break, and the test for a
hard-wrapped line (never next to page furniture). Defines no rule."""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from functools import cached_property
from itertools import accumulate, repeat

import regex

from wenlint import Document, Fix
from wenlint.linekeys import MIN_LETTERS, normalized_lines
from wenlint.textclass import has_clause_mark
from wenlint_rules.layout.furniture import Furniture, is_page_furniture, page_furniture
from wenlint_rules.layout.markers import LIST_MARKER, is_heading

#: Pieces of a line between punctuation and blanks (for the verse test).
_SEGMENT_BREAK = regex.compile(r"[\p{P}\s]+")
_INDENT = " \t\u3000"
#: A line ending with one of these ends a sentence (or a quotation of one).
_ENDS_SENTENCE = frozenset("。！？!?…：:”’」』）)》】")

#: A hard-wrapped line is at least this wide (display columns; a Chinese
#: character is two): classical verse lines are narrower.
MIN_WIDTH = 24
#: ... and at most this wide: wider lines are paragraphs, not a page's width.
MAX_WIDTH = 120
#: Lines of one wrapped layout differ by at most this many columns.
WIDTH_TOLERANCE = 3
#: A verse line is made of clauses of equal length, each at most this long.
MAX_VERSE_CLAUSE = 9
#: A clause too long for verse (the pieces of a line between _SEGMENT_BREAK).
_LONG_CLAUSE = regex.compile(r"[^\p{P}\s]{%d}" % (MAX_VERSE_CLAUSE + 1))


def display_width(line: str) -> int:
    """Columns ``line`` takes, approximated from its UTF-8 length: ASCII is
    one byte and one column, a Chinese character three bytes and two columns."""
    return (len(line.encode("utf-8")) + len(line)) // 2


def is_verse(line: str) -> bool:
    """Whether ``line`` reads as verse: two or more clauses of the same short
    length, as in `朝辞白帝彩云间，千里江陵一日还`."""
    if _LONG_CLAUSE.search(line):
        return False  # (most lines of prose: found in C, before splitting the line)
    clauses = [clause for clause in _SEGMENT_BREAK.split(line) if clause]
    return len(clauses) >= 2 and len({len(clause) for clause in clauses}) == 1 and len(clauses[0]) <= MAX_VERSE_CLAUSE


class WrapLayout:
    """Line widths, to tell a hard-wrapped line from a heading, a title or a
    paragraph that happens to lack its full stop. A wrapped line is as wide
    as most lines of its paragraph (the page width), and as wide as another
    line of the document that also stops mid-sentence. Page furniture (the
    document's running headers, footers and page numbers, ``page_furniture``;
    a line shaped like one; a line the document repeats) is no part of a
    sentence: a break next to it is no wrap."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self.text = doc.text
        self._paragraph_widths: dict[int, list[int]] = {}  # sorted, by paragraph index

    @cached_property
    def furniture(self) -> Furniture:
        return self._doc.view(page_furniture)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [start for start, _ in self._doc.paragraphs]

    @cached_property
    def _survey(self) -> tuple[set[str], Counter[int]]:
        """The normalised keys of the lines the document repeats, and the
        widths of its lines of a wrapped width that stop mid-sentence before
        more text (furniture left out): worked out on the first break whose
        own lines could make a wrap (many documents have none)."""
        counts: Counter[str] = Counter()  # of the lines' normalised keys
        wrapped = []  # (line, width, key) of lines of a wrapped width that stop mid-sentence before more text
        last: tuple[str, str] | None = None  # the previous piece's last line and key
        for piece in _pieces(self.text):  # a piece at a time: no copies of the whole text
            lines, keys = piece.split("\n"), normalized_lines(piece)
            counts.update(keys)
            if last is not None:
                lines.insert(0, last[0])
                keys.insert(0, last[1])
            for line, following, key in zip(lines, lines[1:], keys):
                line = line.rstrip(" \t")
                if line and line[-1] not in _ENDS_SENTENCE and following.strip():
                    width = display_width(line)
                    if MIN_WIDTH <= width <= MAX_WIDTH:
                        wrapped.append((line, width, key))
            last = lines[-1], keys[-1]
        repeated = {key for key, count in counts.items() if count > 1}
        return repeated, Counter(width for line, width, key in wrapped if not _furniture(line, key, repeated))

    def is_wrapped(self, newline: int) -> bool:
        """Whether the line break at ``newline`` is a hard wrap inside a paragraph."""
        line, following = lines_around(self.text, newline)
        width = display_width(line.rstrip(" \t"))
        if not MIN_WIDTH <= width <= MAX_WIDTH or not (has_clause_mark(line) or has_clause_mark(following)):
            return False  # asked first: the two lines alone tell, without a look at the whole document
        if not self._fills_paragraph(newline, width) or not self._repeated(width):
            return False
        if (
            self.furniture.holds(newline - len(line))
            or self.furniture.holds(newline + 1)
            or self.is_furniture(line)
            or self.is_furniture(following)
        ):
            return False
        if is_heading(line):
            return False
        return not (breaks_layout(following) or is_verse(line) or is_verse(following))

    def is_furniture(self, line: str) -> bool:
        """Whether ``line`` is page furniture: a page number, a running header
        or footer, or a line (of enough letters) the document repeats."""
        return _furniture(line, normalized_lines(line)[0], self._survey[0])

    def _repeated(self, width: int) -> bool:
        """Whether two lines of about ``width`` stop mid-sentence."""
        widths = self._survey[1]
        return sum(widths[width + d] for d in range(-WIDTH_TOLERANCE, WIDTH_TOLERANCE + 1)) >= 2

    def _fills_paragraph(self, newline: int, width: int) -> bool:
        """Whether ``width`` is the page width of the paragraph around
        ``newline``: of its lines followed by another of its lines, at least
        half are about as wide, and hardly any (a tenth) are wider."""
        index = bisect.bisect_right(self._paragraph_starts, newline) - 1
        if index not in self._paragraph_widths:
            start, end = self._doc.paragraphs[index]
            lines = self.text[start:end].rstrip("\n").split("\n")[:-1]
            self._paragraph_widths[index] = sorted(display_width(line.rstrip(" \t")) for line in lines)
        widths = self._paragraph_widths[index]  # sorted
        narrower = bisect.bisect_left(widths, width - WIDTH_TOLERANCE)
        wider = len(widths) - bisect.bisect_right(widths, width + WIDTH_TOLERANCE)
        same = len(widths) - narrower - wider
        return 2 * same >= len(widths) and 10 * wider <= len(widths)


def _furniture(line: str, key: str, repeated: set[str]) -> bool:
    """Whether ``line``, of normalised ``key``, is page furniture in a
    document whose lines of the keys ``repeated`` recur (see
    :meth:`WrapLayout.is_furniture`)."""
    if is_page_furniture(line):
        return True
    return len(key) - key.count("0") >= MIN_LETTERS and key in repeated


def _pieces(text: str, size: int = 1 << 16):
    """``text`` in pieces of about ``size`` characters, cut at line breaks
    (the breaks between pieces left out): their lines are the text's lines."""
    start = 0
    while (cut := text.find("\n", start + size)) != -1:
        yield text[start:cut]
        start = cut + 1
    yield text[start:]


def breaks_layout(following: str) -> bool:
    """Whether the line after a break starts something new: it is blank,
    indented, opens a list item or a heading, or is page furniture."""
    return (
        not following.strip()
        or following[0] in _INDENT
        or LIST_MARKER.match(following) is not None
        or is_page_furniture(following)
    )


def lines_around(text: str, newline: int) -> tuple[str, str]:
    """The line ending at the line break ``newline`` and the line after it."""
    start = text.rfind("\n", 0, newline) + 1
    end = text.find("\n", newline + 1)
    return text[start:newline], text[newline + 1 : end if end != -1 else len(text)]


def line_ends(doc: Document) -> list[int]:
    """The offset of each line's last character before its line break and
    the blanks before it (for lines that have one; found in C, by splitting
    the text): where a pattern of a character, blanks and a line break can
    start. Trying such a pattern only there, as
    :func:`wenlint.codepoints.matches_from` does, spares trying it at every
    character. A line of blanks only ends at the line break before it.
    Worked out once a document, as a view (``doc.view(line_ends)``): L001
    and L008 both read it."""
    lines = doc.text.split("\n")[:-1]  # the lines that end with a line break
    starts_less_one = accumulate(map((1).__add__, map(len, lines)), initial=-1)
    ends = list(map(operator.add, starts_less_one, map(len, map(str.rstrip, lines, repeat(" \t")))))
    return ends[1:] if ends and ends[0] < 0 else ends  # ascending; -1: blanks only before the first break


def join_fix(text: str, newline: int, *, safe: bool) -> Fix:
    """Remove the line break at ``newline`` and the blanks before it."""
    start = newline
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Fix.replace(start, newline + 1, "", safe=safe, message="join the lines")
