"""L010: characters an OCR pipeline misread: 入 as 人 (`深人研究`), 已 as 己
(`自已`), 未 and 末, 日 as 曰, and the letter O inside a number (`2O14`)."""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import HAN_CLASS, is_han
from wenlint_rules.typo.lexicon import lexicon

#: Each character OCR reads by mistake, and the one it stands for (a stroke
#: apart); never 入 for 人 (`重入`, `盲入` are words) nor 曰 for 日.
CONFUSED = {"人": "入", "己": "已", "已": "己", "巳": "已", "曰": "日", "未": "末", "末": "未"}
#: One of them beside a Chinese character (in ``re``: tried only where one of them stands).
_CANDIDATE = re.compile(f"[{''.join(CONFUSED)}](?:(?<=[{HAN_CLASS}].)|(?=[{HAN_CLASS}]))")
#: The characters each side of a candidate that the lexicon weighs.
CONTEXT = 3
#: The correction must make the text this much likelier (centibels of the
#: best segmentation; 深人研究 → 深入研究 gains 334, 自已 → 自己 243).
MIN_GAIN = 200
#: A number with a letter read for a digit: O, o or 〇 for 0, l for 1 between
#: digits (`2O14`, `51O080`, `2Ol3`), or O, o after two digits or more
#: (`Eye-Link 100O`); no letter or digit after it.
_LETTER_IN_NUMBER = regex.compile(r"(?<!\d)(?:\d+(?:[Oo〇l]+\d+)+[Oo]?|\d{2,}[Oo]+)(?![A-Za-z0-9])")
#: What every such number holds: a digit, then a letter read for one (looked
#: for at the letters, rarer in Chinese text than digits are).
_DIGIT_LETTER = re.compile(r"[Oo〇l](?<=\d.)")
#: A number glued after a word (`Zhengzhou450o1`, `in2Ol3`) is one at least this long.
MIN_GLUED = 4
_LETTER_DIGITS = str.maketrans("Oo〇l", "0001")


class OcrConfusion(Rule):
    code = "L010"
    name = "ocr-confusion"
    summary = "A character OCR misread for one a stroke apart (`深人研究`, `自已`), or a letter O inside a number"
    flags = """
        - 人 (for 入), 己/已/巳, 曰 (for 日), 未/末 beside Chinese
          characters where the other of the pair makes the text far likelier
          (the lexicon's best segmentation of three characters each side
          gains 200 centibels or more) and makes a word with a neighbour
          that is commoner than any word the character itself makes there:
          `深人研究` (深入), `为自已或家人` (自己), `己经` (已经), `末来` (未来).
        - A letter read for a digit in a number: O, o or 〇 for 0 and l for
          1 between digits, or O, o after two digits or more, with no letter
          or digit after it (`2O1402001`, `51O080`, `20o62`, `Eye-Link
          100O`); a number glued after a word needs four characters or more
          (`Zhengzhou450o1`, `in2Ol3`).
    """
    why = """
        Scanned text run through OCR confuses characters a stroke apart: 入
        and 人, 已 and 己, 未 and 末, and the letter O and the digit 0. The
        result reads as a typo to a person and as a different word, or no
        word, to a search index or a model.
    """
    leaves_alone = """
        A pair where both readings are words (`人选`, `入选`; `人口`,
        `入口`), a character inside a longer word (`领导人所想`), 曰 in a
        quotation of the classics (`《汉书》曰：`), 入 and 日 (OCR reads
        them rightly; `可重入性`, `盲入` are words), a chemical formula or a code with letters (`H2O`, `CO2`,
        `A1O2`, `20oC`), and Chinese years written with 〇 (`二〇一九`).
    """
    fix_safety = """
        The fix writes the character or digit OCR lost. It is unsafe: the
        lexicon weighs likelihood, and a rare word may be meant.
    """
    fix = FixAvailability.UNSAFE
    bad = (
        Example("我们对此进行了深人研究。", fixed="我们对此进行了深入研究。"),
        Example(
            "而为自已或家人进行医疗决策时可能采取某种策略。", fixed="而为自己或家人进行医疗决策时可能采取某种策略。"
        ),
        Example("国家自然科学基金项目 (2O1402001)", fixed="国家自然科学基金项目 (201402001)"),
    )
    good = (
        Example("经专家委员会审核，人选为核心期刊；全市人口增长，入口处设有标识。"),
        Example("是想领导人所想、想领导人所未想，能出大主意。"),
        Example("《汉书·天文志》曰：经星常宿中外官。"),
        Example("水的化学式是 H2O，二〇一九年测得 CO2 浓度上升。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found = [
            self.diagnostic(
                m.start(),
                m.end(),
                f"letter read for a digit in the number `{m[0]}` (OCR)",
                Fix.replace(m.start(), m.end(), m[0].translate(_LETTER_DIGITS), safe=False),
            )
            for m in (_LETTER_IN_NUMBER.finditer(text) if _DIGIT_LETTER.search(text) else ())
            if len(m[0]) >= MIN_GLUED or not regex.match(r"[A-Za-z]", text[m.start() - 1 : m.start()])
        ]
        for match in _CANDIDATE.finditer(text):
            at = match.start()
            correction = CONFUSED[match[0]]
            near = max(0, at - CONTEXT)
            if _likelier(text[near : at + CONTEXT + 1], at - near):
                found.append(
                    self.diagnostic(
                        at,
                        at + 1,
                        f"`{match[0]}` where `{correction}` makes the word (OCR misreading)",
                        Fix.replace(at, at + 1, correction, safe=False),
                    )
                )
        found.sort(key=lambda d: d.start)
        return found


@lru_cache(maxsize=8192)
def _likelier(text: str, at: int) -> bool:
    """Whether the correction of the character at ``at`` (``text`` holds CONTEXT
    characters either side of it, fewer at the document's ends) makes a word
    with a neighbour, commoner than any pair the character there makes, and
    the text around far likelier. Cached: the same contexts come back often."""
    words = lexicon()
    char, left, right = text[at], text[at - 1 : at], text[at + 1 : at + 2]
    correction = CONFUSED[char]
    if not (words.joins(left, correction) or words.joins(correction, right)):
        return False  # the correction makes no word with either neighbour
    corrected = [words.cost(pair) for pair in (left + correction, correction + right) if len(pair) == 2]
    corrected = [cost for cost in corrected if cost is not None]
    if not corrected:
        return False
    original = [words.cost(pair) for pair in (left + char, char + right) if len(pair) == 2]
    original = [cost for cost in original if cost is not None]
    if original and min(original) <= min(corrected):
        return False
    start, end = _han_window(text, at)
    window = text[start:end]
    fixed = window[: at - start] + correction + window[at - start + 1 :]
    return words.segment_cost(window) - words.segment_cost(fixed) >= MIN_GAIN


def _han_window(text: str, at: int) -> tuple[int, int]:
    """Up to CONTEXT Chinese characters either side of ``at``, not across other text."""
    start = at
    while start > max(0, at - CONTEXT) and is_han(text[start - 1]):
        start -= 1
    end = at + 1
    while end < min(len(text), at + 1 + CONTEXT) and is_han(text[end]):
        end += 1
    return start, end
