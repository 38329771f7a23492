"""In-document suppression comments (Markdown).

``<!-- wenlint-disable [CODE ...] -->`` turns rules off until
``<!-- wenlint-enable [CODE ...] -->`` or the end of the file;
``<!-- wenlint-disable-next-line [CODE ...] -->`` covers the next line.
Codes may be prefixes (``P``); none means every rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from wenlint.document import Document

_DIRECTIVE = regex.compile(r"<!--\s*wenlint-(disable-next-line|disable|enable)((?:[\s,]+[A-Z][0-9]{0,3})*)\s*-->")


@dataclass(frozen=True, slots=True)
class Suppression:
    start: int
    end: int
    codes: tuple[str, ...]  # empty: every rule

    def covers(self, code: str, offset: int) -> bool:
        if not self.start <= offset < self.end:
            return False
        return not self.codes or any(code.startswith(prefix) for prefix in self.codes)


def suppressions(doc: Document) -> list[Suppression]:
    """The ranges of ``doc`` in which some rules are switched off."""
    if not doc.is_markdown or "wenlint-" not in doc.text:
        return []
    found: list[Suppression] = []
    open_ranges: dict[tuple[str, ...], int] = {}
    for match in _DIRECTIVE.finditer(doc.text):
        kind = match[1]
        codes = tuple(regex.findall(r"[A-Z][0-9]{0,3}", match[2]))
        if kind == "disable-next-line":
            line_number, _ = doc.position(match.end())
            if line_number < len(doc.line_starts):
                line = doc.line(line_number + 1)
                found.append(Suppression(line.start, line.end + 1, codes))
        elif kind == "disable":
            open_ranges.setdefault(codes, match.start())
        else:
            closing = [key for key in open_ranges if not codes or key == codes]
            for key in closing:
                found.append(Suppression(open_ranges.pop(key), match.end(), key))
    found.extend(Suppression(start, len(doc.text) + 1, key) for key, start in open_ranges.items())
    return found
