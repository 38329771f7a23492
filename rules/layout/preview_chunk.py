"""L004: numbered preview chunks (`1、` `2、` …) that cut sentences in two."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import digits_value
from wenlint_rules.layout.counting import counting_run

#: `4、` opening a line.
_MARKER = regex.compile(r"^([1-9]\d{0,2})、", regex.M)
#: A line ending one of these has finished its sentence (or its list lead-in).
_FINISHED = frozenset("。！？!?；;：:…")
_CLOSING = frozenset("”’」』）)】》")
#: At least this many markers counting up by one make a sequence, …
MIN_SEQUENCE = 3
#: … whose chunks are long, and at least half of which (after the first) cut a sentence.
MIN_CHUNK = 100
_BLANKS = " \t\u3000\n"
#: A chunk's worth of text, for the examples.
_FILLER = "社区党建工作取得了显著成效。" * 8


@dataclass(frozen=True, slots=True)
class _Marker:
    start: int  # of the marker
    end: int
    value: int
    cut_from: int | None  # where the chunk before it ends, when it breaks off mid-sentence


class PreviewChunk(Rule):
    code = "L004"
    name = "preview-chunk-marker"
    summary = "A numbered preview-chunk marker cutting a sentence in two"
    flags = """
        Markers `N、` opening lines that count up by one (at least three of
        them), whose chunks run 100 characters or more, at least half of
        which (after the first) follow the chunk before, one line from its
        marker on, breaking off mid-sentence — no `。！？；：…` at its end.
    """
    why = """
        Document-sharing sites show a preview in numbered chunks of a fixed
        length, and a scrape of the page keeps the numbers: each chunk
        starts a new paragraph with `N、` wherever the cut fell, in the
        middle of a sentence (`解␤␤4、决社区办公用房`) or even of a number
        (`200␤␤2、3 年` for 2003 年).
    """
    leaves_alone = """
        An ordinary numbered list (`1、加大投入。` after a finished sentence,
        or short items one per line), and numbered sections of a report
        (`2、独立董事对公司有关事项提出异议的情况`) whose text before the next
        number runs over several lines: a preview chunk is one paragraph.
    """
    fix_safety = """
        The fix removes the marker and, where the line before broke off
        mid-sentence, the line breaks too, so the sentence (or number) reads
        whole again; the first chunk (`1、`) starts the text, so its line
        break stays. It is unsafe: the number could be content.
    """
    fix = FixAvailability.UNSAFE
    sibling_evidence = True
    bad = (
        Example(
            "1、" + _FILLER + "在 2001 年至 200\n\n2、3 年间完成了改革," + _FILLER + "解\n\n3、决社区办公用房问题。",
            fixed=_FILLER + "在 2001 年至 2003 年间完成了改革," + _FILLER + "解决社区办公用房问题。",
        ),
        Example(
            "资源描述\n\n1、" + _FILLER + "特别是\n\n2、" + _FILLER + "我们\n\n3、" + _FILLER,
            fixed="资源描述\n\n" + _FILLER + "特别是" + _FILLER + "我们" + _FILLER,
        ),
    )
    good = (
        Example("主要措施如下：\n1、加大投入。\n2、完善制度。\n3、强化考核。"),
        Example("主要措施\n\n1、加大投入\n\n2、完善制度\n\n3、强化考核"),
        Example(
            "1、独立董事出席董事会的情况\n"
            + _FILLER
            + "\n不适用\n2、独立董事对公司有关事项提出异议的情况\n"
            + _FILLER
            + "\n其他说明\n3、独立董事履行职责的其他说明\n"
            + _FILLER
        ),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if "、" not in text:
            return []
        markers, previous_end = [], None
        for match in _MARKER.finditer(text):
            number = digits_value(match[1])
            if number is None:
                continue  # (digits Python's Unicode does not know: no count)
            markers.append(_marker(text, match, number, previous_end))
            previous_end = match.end()
        found = []
        for marker in _chunk_sequence(markers):
            if marker.cut_from is not None and marker.value != 1:
                fix = Fix.replace(
                    marker.cut_from, marker.end, "", safe=False, message="rejoin the sentence the marker cut"
                )
                message = f"preview-chunk marker `{text[marker.start : marker.end]}` cuts a sentence in two"
            else:
                fix = Fix.replace(marker.start, marker.end, "", safe=False)
                message = f"preview-chunk marker `{text[marker.start : marker.end]}`"
            found.append(self.diagnostic(marker.start, marker.end, message, fix))
        return found


def _marker(text: str, match: regex.Match, number: int, previous_end: int | None) -> _Marker:
    """The marker matched (numbered ``number``), and whether the chunk before it (from the marker
    before, ending at ``previous_end``) breaks off mid-sentence. A preview
    chunk is one paragraph: a chunk running over several lines is a section
    of a report, its last line a heading or a table row, not a cut."""
    start = match.start()
    content_end = start
    while content_end > 0 and text[content_end - 1] in _BLANKS:
        content_end -= 1
    last = text[content_end - 1 : content_end]
    if last in _CLOSING:
        last = text[content_end - 2 : content_end - 1]
    cut = (
        previous_end is not None
        and previous_end < content_end
        and last not in _FINISHED
        and text.find("\n", previous_end, content_end) == -1
    )
    return _Marker(start, match.end(), number, content_end if cut else None)


def _chunk_sequence(markers: list[_Marker]) -> list[_Marker]:
    """The longest run of markers counting up by one, if it has long chunks
    and mostly cuts sentences."""
    run = counting_run(markers, MIN_CHUNK)
    if len(run) < MIN_SEQUENCE or 2 * sum(m.cut_from is not None for m in run[1:]) < len(run) - 1:
        return []
    return run
