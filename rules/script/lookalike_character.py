"""M005: look-alike characters standing in for Chinese characters, digits or Latin letters."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import is_chinese

#: Dashes and bars that look like the numeral 一.
_DASHES = "\u2012\u2013\u2014\u2015\u2500\u30fc\uff0d"
_D = f"[{_DASHES}]"
#: The Chinese numerals (〇 the zero among them).
_NUMERALS = "〇零一二三四五六七八九"
_NUM = f"{_NUMERALS}○"
_SPACE = "[ \\t\\u3000]*"

#: One dash, not part of a Chinese dash `——` (or `──`, `－－`). (Opening with the dash, which re
#: skips to in C, and looking behind it: twice as fast as looking behind first.)
_SINGLE = re.compile(f"{_D}(?<!{_D}.)(?!{_D})")
#: `—、充分认识…` `（—）…` at the start of a line: the list marker 一 (matched at the dash).
_LIST = regex.compile(rf"(?<=^{_SPACE}){_D}(?=[、．])|(?<=^{_SPACE}[（(]){_D}(?=[）)]\p{{Han}})", regex.M)
#: `第—章`, `第—，`: an ordinal needs a numeral.
_ORDINAL = regex.compile(rf"(?<=第){_D}(?=[\p{{Han}}，、])(?![{_NUM}十百千万])")
#: `—是…，二是…`: an enumeration in prose; confirmed by its second item.
_CLAUSE = regex.compile(rf"(?<=(?:^|[，。；：！？“]){_SPACE}){_D}(是|要|则|来|方面|者)", regex.M)
#: `—九九八年`, `二〇〇—年`: a four-numeral year with a dash for one of them.
_YEAR_RUN = regex.compile(rf"[{_NUM}{_DASHES}]+")
#: `十—月`, `二十—世纪`, `十—、`, `“十—五”`: 十一, never a range (a range needs a number after the dash).
_ELEVEN = regex.compile(
    rf"(?<=十){_D}(?=[\p{{Han}}、，](?<![{_NUM}十百千万亿两几数多余第至])|五(?:”|\"|规划|计划|期间|时期))"
)
#: `ー` (katakana prolonged sound mark) outside Japanese: `统ー` for 统一.
_CHOONPU = regex.compile(
    r"(?<![\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F])ー(?![\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F])"
)
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}\uFF66-\uFF9F]")

#: Letters and symbols that look like zero.
_ZEROS = "○◯OoＯｏОоΟο0０"
_LETTER_OR_DIGIT = r"\p{Latin}\p{Cyrillic}\p{Greek}0-9０-９"
#: `二O一八年`, `二○一八年`: a zero look-alike among Chinese numerals.
_HAN_ZERO_CHAR = f"[{_NUMERALS}{_ZEROS}]"
_HAN_ZERO = regex.compile(rf"(?<![{_LETTER_OR_DIGIT}]){_HAN_ZERO_CHAR}{{2,}}(?![{_LETTER_OR_DIGIT}])")
#: The run of _HAN_ZERO's characters from where it is matched, and (reversed) up to there.
_RUN_AFTER = re.compile(f"{_HAN_ZERO_CHAR}*")
_RUN_BEFORE = regex.compile(f"(?r){_HAN_ZERO_CHAR}*")
#: A zero look-alike beside a Chinese numeral, as in every run _HAN_ZERO flags.
#: (Plain sets of characters like these the standard library's re finds faster.)
_ZERO_BESIDE_NUMERAL = re.compile(f"[{_ZEROS}](?:(?<=[{_NUMERALS}].)|(?=[{_NUMERALS}]))")
#: `2O18年`: a letter O among Arabic digits (only a number holding one is matched: numbers are many).
_DIGIT_ZERO = regex.compile(
    r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}0-9０-９.])[0-9０-９]+[OoОоΟοＯｏ][0-9０-９OoОоΟοＯｏ]*"
    r"(?![\p{Latin}\p{Cyrillic}\p{Greek}0-9０-９.])"
)
_LETTER_ZEROS = "OoОоΟοＯｏ"
#: A letter O right after a digit, as in every number _DIGIT_ZERO matches.
_LETTER_ZERO_AFTER_DIGIT = re.compile(f"[{_LETTER_ZEROS}](?<=[0-9０-９].)")

#: Cyrillic and Greek letters drawn exactly like Latin ones.
_HOMOGLYPHS = {
    **dict(zip("АВЕКМНОРСТХаеорсухіјѕ", "ABEKMHOPCTXaeopcyxijs")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABEZHIKMNOPTYXo")),
}
_HOMOGLYPH = regex.compile(rf"(?<![\p{{Cyrillic}}\p{{Greek}}])[{''.join(_HOMOGLYPHS)}](?![\p{{Cyrillic}}\p{{Greek}}])")
_ANY_HOMOGLYPH = re.compile(f"[{''.join(_HOMOGLYPHS)}]")
#: What _ZERO_BESIDE_NUMERAL, _LETTER_ZERO_AFTER_DIGIT or _ANY_HOMOGLYPH
#: matches, in one pattern opening with a class (which re skips to in C):
#: one pass tells that a text holds none of them, as nearly every one does.
_ANY_ZERO_OR_HOMOGLYPH = re.compile(
    f"[{_ZEROS}{''.join(_HOMOGLYPHS)}]"
    f"(?:(?<=[{_ZEROS}])(?:(?<=[{_NUMERALS}].)|(?=[{_NUMERALS}]))"
    f"|(?<=[{_LETTER_ZEROS}])(?<=[0-9０-９].)"
    f"|(?<=[{''.join(_HOMOGLYPHS)}]))"
)
_LATIN_OR_DIGIT = regex.compile(r"[\p{Latin}0-9]")


class LookalikeCharacter(Rule):
    code = "M005"
    name = "lookalike-character"
    summary = "A look-alike character (`—、` for `一、`, `二O一八年`, Cyrillic `С`) in Chinese text"
    flags = """
        Characters that only look right in Chinese text: a dash for the
        numeral 一 (`—、充分认识`, `第—章`, `—是…，二是…`, `—九九八年`,
        `十—月`), the katakana mark `ー` for 一 (`统ー`), a letter O or a circle
        `○` for the zero 〇 (`二O一八年`, `二○一八年`), a letter O for the digit
        0 (`2O18年`), and Cyrillic or Greek letters drawn exactly like Latin
        ones (`维生素С`).

        Flagged dashes (`— ― ─ ‒ – ー －`): one dash as a list marker at the
        start of a line (`—、` `（—）`), after `第`, opening a clause `—是` (or
        `—要` `—方面` …) when the same paragraph goes on with `二是`, in a
        four-numeral year, and after `十` where no number follows. `ー` beside
        Chinese characters outside Japanese text is flagged too.
    """
    why = """
        OCR, PDF extraction and hurried typing put such characters into
        Chinese text. They read correctly but break search, counting and
        conversion.
    """
    leaves_alone = """
        The Chinese dash `——` (two em dashes, or `──`), dashes in ranges and
        quotations (`北京—上海`, `1990—2000年`, `——摘自《人民日报》`, `A—B`),
        `ー` in Japanese (`コーヒー`), Latin letters in ordinary words (`X光`,
        `A股`, `T恤`, `O2O`, `H2O`), Greek letters in science (`α粒子`,
        `β受体`) and Russian words.
    """
    fix_safety = """
        The dash fixes, the zero fixes and the Cyrillic/Greek fixes are safe.
        `ー` gets an unsafe fix to `一` (it may have been meant as a dash).
    """
    fix = FixAvailability.SOMETIMES
    bad = (
        Example(
            "讲两点意见。\n\n—、充分认识建设平安和谐社区的重大意义\n\n二、扎实推进",
            fixed="讲两点意见。\n\n一、充分认识建设平安和谐社区的重大意义\n\n二、扎实推进",
        ),
        Example("（—）加强领导\n（二）落实责任", fixed="（一）加强领导\n（二）落实责任"),
        Example("主要做法：—是加强领导，二是落实责任。", fixed="主要做法：一是加强领导，二是落实责任。"),
        Example("第—章 总则", fixed="第一章 总则"),
        Example("—九九八年十—月，我们召开了会议。", fixed="一九九八年十一月，我们召开了会议。"),
        Example("二O一八年和二○一九年的工作。", fixed="二〇一八年和二〇一九年的工作。"),
        Example("2O18年的工作报告。", fixed="2018年的工作报告。"),
        Example("要坚持统ー领导。", fixed="要坚持统一领导。"),
        Example("富含维生素С的蔬菜。", fixed="富含维生素C的蔬菜。"),
    )
    good = (
        Example("主要體會是：\n\n——建設和諧社區，是踐行重要思想的具體體現。"),
        Example("北京—上海的高铁，1990—2000年间修建。"),
        Example("——摘自《人民日报》"),
        Example("A—B两点之间的距离。"),
        Example("我想喝一杯コーヒー。"),
        Example("X光、A股、B超、T恤、K线、Q版、U盘、e时代、iPhone手机、pH值。"),
        Example("α粒子、β受体和γ射线都是物理概念。"),
        Example("O2O模式和H2O分子，还有CO2排放。"),
        Example("一九九〇—二〇〇〇年，三—五年，第一—第三章。"),
        Example("社区有5—7名工作人员。"),
        Example("二〇三五年远景目标。"),
        Example("“奇迹多是在厄运中出现的”－培根。"),
        Example("普京（Путин）访问了北京。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found: list[Diagnostic] = []
        taken: set[int] = set()

        def add(start: int, end: int, message: str, content: str | None, safe: bool = True) -> None:
            # A look-alike in a URL or code claims no characters from another finding.
            if start in taken or doc.is_verbatim(start):
                return
            taken.update(range(start, end))
            fix = Fix.replace(start, end, content, safe=safe) if content is not None else None
            found.append(self.diagnostic(start, end, message, fix))

        if any(dash in text for dash in _DASHES):
            self._dashes(doc, add)
        if _ANY_ZERO_OR_HOMOGLYPH.search(text):
            self._zeros(text, add)
            self._homoglyphs(text, add)
        found.sort(key=lambda d: d.start)
        return found

    def _homoglyphs(self, text: str, add) -> None:
        if _ANY_HOMOGLYPH.search(text):
            for match in _HOMOGLYPH.finditer(text):
                start = match.start()
                before, after = text[start - 1 : start], text[start + 1 : start + 2]
                if any(is_chinese(ch) or _LATIN_OR_DIGIT.match(ch) for ch in (before, after) if ch):
                    letter = match[0]
                    script = "Cyrillic" if "\u0400" <= letter <= "\u04ff" else "Greek"
                    add(
                        start,
                        start + 1,
                        f"{script} `{letter}` looks like Latin `{_HOMOGLYPHS[letter]}`",
                        _HOMOGLYPHS[letter],
                    )

    def _dashes(self, doc: Document, add) -> None:
        text = doc.text
        for single in _SINGLE.finditer(text):
            start = single.start()
            dash = single[0]
            if _LIST.match(text, start):
                add(start, start + 1, f"`{dash}` stands for the numeral `一` in a list marker", "一")
            elif _ORDINAL.match(text, start):
                add(start, start + 1, f"`{dash}` after `第` stands for the numeral `一`", "一")
            elif _ELEVEN.match(text, start):
                add(start, start + 1, f"`十{dash}` stands for `十一`", "一")
            elif (clause := _CLAUSE.match(text, start)) and _second_item(text, clause.end(), clause[1]):
                add(
                    start,
                    start + 1,
                    f"`{dash}{clause[1]}` stands for `一{clause[1]}` (the list goes on with `二{clause[1]}`)",
                    "一",
                )
            elif (year := _year(text, start)) is not None:
                add(start, start + 1, f"`{dash}` stands for `一` in the year `{year}年`", "一")
        if "ー" in text:
            for match in _CHOONPU.finditer(text):
                start = match.start()
                before, after = text[start - 1 : start], text[start + 1 : start + 2]
                if not (_is_han(before) or _is_han(after)):
                    continue
                line = doc.line_text(doc.position(start)[0])
                if _KANA.search(line.replace("ー", "")):
                    continue
                add(start, start + 1, "katakana `ー` looks like the numeral `一`", "一", safe=False)

    def _zeros(self, text: str, add) -> None:
        for match in _han_zeros(text):
            run = match[0]
            numerals = sum(ch in _NUMERALS for ch in run)
            if numerals < 2 or not any(ch in _ZEROS for ch in run):
                continue
            fixed = "".join("〇" if ch in _ZEROS else ch for ch in run)
            add(match.start(), match.end(), f"`{run}`: a look-alike stands for the zero `〇`; use `{fixed}`", fixed)
        for match in _DIGIT_ZERO.finditer(text) if _LETTER_ZERO_AFTER_DIGIT.search(text) else ():
            run = match[0]
            letters = sum(ch in _LETTER_ZEROS for ch in run)
            if len(run) - letters < 2:
                continue
            start, end = match.span()
            if not (is_chinese(text[start - 1 : start] or " ") or is_chinese(text[end : end + 1] or " ")):
                continue
            zero = "0" if any(ch.isascii() for ch in run) else "０"
            fixed = "".join(zero if ch in _LETTER_ZEROS else ch for ch in run)
            add(start, end, f"`{run}`: a letter O stands for the digit 0; use `{fixed}`", fixed)


def _han_zeros(text: str) -> Iterator[regex.Match]:
    """The matches of _HAN_ZERO holding a zero look-alike beside a numeral (no
    other is flagged): looked for only in the run of its characters around
    each such pair, which re finds in C (regex would try it at every character)."""
    end = 0
    for pair in _ZERO_BESIDE_NUMERAL.finditer(text):
        if pair.start() < end:
            continue  # in the run read already
        start = _RUN_BEFORE.match(text, 0, pair.start()).start()  # type: ignore[union-attr]
        end = _RUN_AFTER.match(text, pair.start()).end()  # type: ignore[union-attr]
        yield from _HAN_ZERO.finditer(text, start, end + 1)  # (and the character after the run, for the look-ahead)


def _second_item(text: str, end: int, word: str) -> bool:
    """Whether the paragraph after an enumeration's first item has its second."""
    window = text[end : end + 1000]
    paragraph_end = window.find("\n\n")
    if paragraph_end != -1:
        window = window[:paragraph_end]
    return "二" + word in window or (word == "方面" and "另一方面" in window)


def _year(text: str, start: int) -> str | None:
    """The year around a dash when the dash is one of its four numerals."""
    begin = start
    while begin > 0 and (text[begin - 1] in _NUM or text[begin - 1] in _DASHES):
        begin -= 1
    run = _YEAR_RUN.match(text, begin)
    if run is None or len(run[0]) != 4 or text[run.end() : run.end() + 1] != "年":
        return None
    if sum(ch in _DASHES for ch in run[0]) != 1:
        return None
    return run[0]


def _is_han(char: str) -> bool:
    return char != "" and ("\u3400" <= char <= "\u9fff" or char == "〇")
