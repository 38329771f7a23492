"""E005: zero-width, control and bidirectional-override characters."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import NamedTuple

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule, Severity
from wenlint.damage import inside_mojibake

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060-\u2064\ufeff\u180e\u00ad"
_BIDI_OVERRIDE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_MARK = "\u200e\u200f\u061c"
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f"  # not \t \n, nor \r (a line break: E006)
_TAGS = "\U000e0001\U000e0020-\U000e007f"
#: Invisible characters, and whole ANSI terminal escape sequences (`\x1b[31m`):
#: the escape character, with the rest of its sequence. (Plain ``re``: four
#: times faster than ``regex`` on this class; opening with the class, it
#: passes over text that holds none in C.)
_INVISIBLE = re.compile(
    rf"[{_ZERO_WIDTH}{_BIDI_OVERRIDE}{_BIDI_MARK}{_CONTROL}{_TAGS}](?:(?<=\x1b)\[[0-9;?]*[A-Za-z])?"
)
#: Scripts whose spelling needs ZWJ/ZWNJ (Persian, Indic conjuncts, …).
_JOINING_SCRIPT = regex.compile(
    r"[\p{Arabic}\p{Syriac}\p{Devanagari}\p{Bengali}\p{Gurmukhi}\p{Gujarati}\p{Oriya}\p{Tamil}\p{Telugu}"
    r"\p{Kannada}\p{Malayalam}\p{Sinhala}\p{Mongolian}\p{Khmer}\p{Myanmar}\p{Tibetan}]"
)
_EMOJI_BEFORE_ZWJ = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}")
_RIGHT_TO_LEFT = regex.compile(r"[\p{Hebrew}\p{Arabic}\p{Syriac}\p{Thaana}\p{Nko}]")
#: The Latin-1 range: a C1 control or soft hyphen beside one of these is part of mojibake (E002's).
_LATIN1_HIGH = regex.compile(r"[\x80-\xff]")
_BLACK_FLAG = "\U0001f3f4"  # emoji flags of England, Scotland, Wales are 🏴 + tag characters
_NAMES = {
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (a byte-order mark inside the text)",
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


#: What may open a Markdown block (or a container holding one) at the start of a line: an HTML block,
#: heading, block quote, list item, thematic break or setext underline, fence, table, directive,
#: footnote or link reference definition; or blanks that could make indented code, or the line's end
#: (a line left blank ends the paragraph).
#: (Blanks include odd ones, which E006 makes ordinary spaces.)
_BLANK = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_BLOCK_START = re.compile(rf"[<#>\-+*=_`~|:!\[\n]|{_BLANK}|\d{{1,9}}[.)]|\Z")
#: Container markers a line may open with before its block content (`> `, `- `, `1. `).
_CONTAINERS = re.compile(rf"(?:{_BLANK}*(?:>|[-+*]|\d{{1,9}}[.)])(?={_BLANK}|\Z))*{_BLANK}*")


#: How far ``opens_block`` looks on either side of an edit (linear on a line of a million invisible
#: characters): a line opening with more invisible characters than this is taken to open a block.
_LOOK = 64
#: Invisible characters (at most ``_LOOK``) an edit's text may be followed by.
_INVISIBLES = re.compile(rf"(?:{_INVISIBLE.pattern}){{0,{_LOOK}}}")


def opens_block(text: str, start: int, end: int) -> bool:
    """Whether editing ``text[start:end]`` (removing it, or replacing it with a line break or blanks)
    may change the Markdown block structure: it lies before the first visible character of its line
    (or of the block content after `> ` and list markers) and what follows it could open a block."""
    after = _INVISIBLES.match(text, end).end()
    if _BLOCK_START.match(text, after) is None and not _INVISIBLE.match(text, after):
        return False
    line_start = text.rfind("\n", max(0, start - _LOOK), start) + 1
    if line_start == 0 and start > _LOOK:
        return _INVISIBLES.fullmatch(text, start - _LOOK, start) is not None  # a long lead: taken as one
    return _CONTAINERS.fullmatch(_INVISIBLE.sub("", text[line_start:start])) is not None


def _name(char: str) -> str:
    return _NAMES.get(char) or unicodedata.name(char, "")


class _RightToLeftLines:
    """Which lines hold Hebrew, Arabic or another right-to-left script; each line is searched once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.known: dict[int, bool] = {}

    def __contains__(self, offset: int) -> bool:
        number = self.doc.position(offset)[0]
        if number not in self.known:
            self.known[number] = _RIGHT_TO_LEFT.search(self.doc.line_text(number)) is not None
        return self.known[number]


class InvisibleCharacter(Rule):
    code = "E005"
    name = "invisible-character"
    summary = "Zero-width, control or bidirectional-override characters in the text"
    flags = """
        - zero-width characters: U+200B–U+200D, U+2060–U+2064, U+180E,
          U+FEFF inside the text (a byte-order mark of a concatenated file),
          the soft hyphen U+00AD;
        - control characters: C0 (except tab, line feed and carriage return,
          which E006 handles), DEL, whole ANSI terminal colour codes
          (`\\x1b[31m`), and C1 (U+0080–U+009F);
        - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
          and marks (U+200E, U+200F, U+061C): overrides can make text read in
          another order than it is stored ("Trojan Source"), so they are
          errors;
        - Unicode tag characters (U+E0000–U+E007F), which carry invisible
          ASCII; also errors.

        Characters of one kind no more than eight characters apart (and not
        across a blank line) are one run of damage and one finding: a page
        with a zero-width space after every character gets a finding per
        stretch, not per character. The message counts them (a run of tag
        characters spells out the text it hides).
    """
    why = """
        Characters that show nothing still split words for search, break
        deduplication and can hide text.
    """
    leaves_alone = """
        ZWJ inside emoji sequences (`👨‍👩‍👧`), ZWJ and ZWNJ next to letters of
        scripts that need them (Persian, Hindi, …), bidi marks on a line of
        right-to-left text, tag characters of emoji flags, and C1 controls
        and soft hyphens beside other Latin-1 characters, which are mojibake
        (E002). Markdown code and URLs are checked too: an invisible
        character is as dangerous there.
    """
    fix_safety = """
        The fix removes the characters of the run and keeps the text between
        them (a vertical tab or form feed becomes a line break). It is unsafe
        in Markdown when it makes a line break (the text after it could
        become a heading or list item) or removes characters before the first
        visible character of a line followed by what could open a block
        (`<!--`, `#`, `>`, `-`, `1.`, blanks of indented code, …), and unsafe
        for overrides and isolates on a line that holds Hebrew or Arabic,
        where they may be needed, and for C1 controls, which often stand for
        a Windows-1252 character (`\\x93` is `“`); a run holding one of
        these is unsafe to fix as a whole.
    """
    #: Invisible characters are as dangerous in code, in URLs and in text
    #: without Chinese.
    skip_verbatim = False
    needs_han = False
    fix = FixAvailability.SOMETIMES
    bad = (
        Example("社区\u200b建设工作会议", fixed="社区建设工作会议"),
        Example("请访问\ufeff我们的网站。", fixed="请访问我们的网站。"),
        Example("文件名：报告\u202etxt.exe", fixed="文件名：报告txt.exe"),
        Example("第一页\x0c第二页", fixed="第一页\n第二页"),
        Example("警告\x1b[31m红色\x1b[0m文字", fixed="警告红色文字"),
        Example("社\u200b区\u200b建\u200b设\u200b工作会议", fixed="社区建设工作会议"),
    )
    good = (
        Example("社区建设工作会议在区政府召开。"),
        Example("一家人👨\u200d👩\u200d👧出游。"),
        Example("波斯语 می\u200cخواهم 意为“我想要”。"),
        Example("制表\t分隔\t的数据。"),
        Example("他说：“עברית\u200f 是希伯来语。”"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        right_to_left = _RightToLeftLines(doc)
        markdown = doc.is_markdown
        found: list[_Hit] = []
        opening_end = -1  # where the last hit that may open a Markdown block ends
        for match in _INVISIBLE.finditer(text):
            start, end = match.span()
            if self._legitimate(text, start, match[0][0], right_to_left) or inside_mojibake(doc, start):
                continue
            hit = _judge(start, end, match[0], right_to_left)
            # (a hit right after one that may open a block may too: it is before the same text)
            if markdown and (hit.replacement or start == opening_end or opens_block(text, start, end)):
                hit, opening_end = hit._replace(safe=False), end
            found.append(hit)
        return [self._finding(text, run) for run in _runs(text, found)]

    @staticmethod
    def _legitimate(text: str, start: int, char: str, right_to_left: _RightToLeftLines) -> bool:
        before = text[start - 1] if start else ""
        after = text[start + 1] if start + 1 < len(text) else ""
        if char in "\u200c\u200d":
            if any(_JOINING_SCRIPT.match(ch) for ch in (before, after) if ch):
                return True
            in_emoji = bool(before and after and _EMOJI_BEFORE_ZWJ.match(before) and _EMOJI.match(after))
            return char == "\u200d" and in_emoji
        if "\x80" <= char <= "\x9f" or char == "\xad":
            return any(_LATIN1_HIGH.match(ch) for ch in (before, after) if ch)
        if "\U000e0000" <= char <= "\U000e007f":
            return _BLACK_FLAG in text[max(0, start - 40) : start]
        if char in _BIDI_MARK:
            return start in right_to_left
        return False

    def _finding(self, text: str, run: list[_Hit]) -> Diagnostic:
        start, end = run[0].start, run[-1].end
        severity = max((hit.severity for hit in run), key=_SEVERITY_ORDER.index)
        fixed, at = [], start
        for hit in run:
            fixed += [text[at : hit.start], hit.replacement]
            at = hit.end
        message = run[0].message if len(run) == 1 else _run_message(run)
        fix = Fix.replace(start, end, "".join(fixed), safe=all(hit.safe for hit in run))
        return Diagnostic(self.code, start, end, message, severity, fix)


class _Hit(NamedTuple):
    """One invisible character (or whole ANSI sequence) and what it is."""

    start: int
    end: int
    char: str
    kind: str
    message: str
    severity: Severity
    safe: bool
    replacement: str


_SEVERITY_ORDER = [Severity.INFO, Severity.WARNING, Severity.ERROR]
#: What a run of several hits of one kind is called.
_KIND_NOUNS = {
    "bidi override": "bidirectional controls that can make the text read in another order than it is stored",
    "bidi mark": "invisible bidirectional marks",
    "c1": "C1 control characters",
    "control": "control characters",
    "invisible": "invisible characters",
}
#: Hits of one kind at most this many characters apart, with no blank line between, make one run.
_RUN_GAP = 8
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
#: Characters of the text a run of tag characters hides shown in its message.
_HIDDEN_SHOWN = 40


def _judge(start: int, end: int, matched: str, right_to_left: _RightToLeftLines) -> _Hit:
    """What the invisible ``matched`` at ``start`` is, how grave, and how its fix goes."""
    char = matched[0]
    severity, safe, replacement = Severity.WARNING, True, "\n" if char in "\x0b\x0c" else ""
    if len(matched) > 1:
        kind, message = "ansi", f"ANSI terminal escape sequence `{matched[1:]}`"
    elif char in _BIDI_OVERRIDE or char in _BIDI_MARK:
        overrides = char in _BIDI_OVERRIDE
        kind = "bidi override" if overrides else "bidi mark"
        severity = Severity.ERROR if overrides else Severity.WARNING
        safe = start not in right_to_left
        effect = "can make the text read in another order than it is stored" if overrides else "is invisible"
        message = f"bidirectional control U+{ord(char):04X} {_name(char)} {effect}"
    elif "\U000e0000" <= char <= "\U000e007f":
        kind, severity = "tag", Severity.ERROR
        message = f"invisible tag character U+{ord(char):05X} can carry hidden text"
    elif "\x80" <= char <= "\x9f":
        kind, safe, meaning = "c1", False, _windows_1252(char)
        reading = f"; in Windows-1252 this byte is `{meaning}`" if meaning else ""
        message = f"C1 control character U+{ord(char):04X}{reading}"
    elif char < " " or char == "\x7f":
        kind, message = "control", f"control character U+{ord(char):04X} {_name(char)}".rstrip()
    else:
        kind, message = "invisible", f"invisible U+{ord(char):04X} {_name(char)}"
    return _Hit(start, end, char, kind, message, severity, safe, replacement)


def _windows_1252(char: str) -> str:
    """What the byte a C1 control stands for reads as in Windows-1252 (`\\x93`: `“`), or ""."""
    return bytes([ord(char)]).decode("cp1252", errors="ignore")


def _label(char: str) -> str:
    """A character's code point and name (a C1 control's: its Windows-1252 reading)."""
    if "\x80" <= char <= "\x9f":
        meaning = _windows_1252(char)
        return f"U+{ord(char):04X}" + (f" for Windows-1252 `{meaning}`" if meaning else "")
    return f"U+{ord(char):04X} {_name(char)}".rstrip()


def _runs(text: str, hits: list[_Hit]) -> list[list[_Hit]]:
    """``hits`` grouped into runs of damage: one kind, short gaps, no blank line."""
    runs: list[list[_Hit]] = []
    for hit in hits:
        last = runs[-1][-1] if runs else None
        near = last and hit.start - last.end <= _RUN_GAP and not _BLANK_LINE.search(text, last.end, hit.start)
        if near and last.kind == hit.kind:
            runs[-1].append(hit)
        else:
            runs.append([hit])
    return runs


def _run_message(run: list[_Hit]) -> str:
    """What a run of several hits is: how many, of which characters."""
    if run[0].kind == "ansi":
        return f"{len(run)} ANSI terminal escape sequences"
    if run[0].kind == "tag":
        hidden = "".join(chr(ord(hit.char) - 0xE0000) for hit in run).strip("\x00\x01\x7f")
        shown = hidden if len(hidden) <= _HIDDEN_SHOWN else hidden[:_HIDDEN_SHOWN] + "…"
        return f"{len(run)} invisible tag characters carry hidden text `{shown}`"
    counts = Counter(hit.char for hit in run)
    listed = ", ".join(_label(char) + f" ×{n}" * (n > 1) for char, n in counts.items())
    return f"{len(run)} {_KIND_NOUNS[run[0].kind]} ({listed})"
