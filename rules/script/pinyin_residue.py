"""M003: pinyin annotations left behind by a converter, as in `社區(qū)發(fā)展`."""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint_rules import package_dir

#: Letters a pinyin syllable is written with: ASCII, tone-marked vowels, ü/ê
#: and combining tone marks (macron, acute, caron, grave).
_LETTERS = r"a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜêńňǹḿ\u0300\u0301\u0304\u030c"
#: A Han character (or, after `?` encoding damage, the ASCII byte left of one)
#: followed by one parenthesised syllable, with an optional tone digit.
#: (The lookahead first lets the search skip to the next parenthesis.)
_CANDIDATE = regex.compile(
    r"(?=[(（])(?<=(?P<char>\p{Han}|(?<=\?[,.;:!]?)[A-Za-z]))"
    r"[(（](?P<syllable>[" + _LETTERS + r"]{1,7}[0-5]?)[)）]"
)
#: The shape of one pinyin syllable: optional initial, final, optional tone digit.
_SYLLABLE = regex.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?[0-5]?"
)
_TONE_MARKED = regex.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
#: Quotes around one glossed character (`“堃(kūn)”`) mark a deliberate gloss.
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", '"': '"'}


def _normalise(syllable: str) -> str:
    """Lower case, composed tone marks, `v` and `Ü` written as `ü`."""
    return unicodedata.normalize("NFC", syllable).lower().replace("v", "ü")


@lru_cache(maxsize=8192)
def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@lru_cache(maxsize=1)
def _reading_table() -> dict[int, str]:
    """pypinyin's table of character readings (code point → "qū,ōu,…").

    Loaded from its data module alone: importing the pypinyin package would
    also load its phrase dictionary, five times the cost, which this rule
    never needs.
    """
    path = package_dir("pypinyin") / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("wenlint_pinyin_table", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """Every way of writing a reading of ``char``: tone marks, tone digits
    (neutral tone as none, 5 or 0) and tone-less, with ü also as u."""
    forms: set[str] = set()
    for marked in _reading_table().get(ord(char), "").split(","):
        if not marked:
            continue
        decomposed = unicodedata.normalize("NFD", _normalise(marked))
        tone = next((_TONE_MARKS[ch] for ch in decomposed if ch in _TONE_MARKS), "")
        bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
        forms.update((_normalise(marked), bare, bare + tone) if tone else (bare, bare + "5", bare + "0"))
    forms.update([form.replace("ü", "u") for form in forms if "ü" in form and not _TONE_MARKED.search(form)])
    return frozenset(forms)


@lru_cache(maxsize=8192)
def _annotates(char: str, syllable: str, outside_gb2312: bool) -> bool:
    """Whether ``syllable``, as written, is a reading of ``char`` (and, with
    ``outside_gb2312``, ``char`` is one that GB2312 cannot encode)."""
    return not (outside_gb2312 and _in_gb2312(char)) and _normalise(syllable) in _readings(char)


class PinyinResidue(Rule):
    code = "M003"
    name = "pinyin-residue"
    summary = "A character followed by its pinyin in parentheses, left by a converter"
    flags = """
        One Chinese character followed by one parenthesised pinyin syllable
        (half- or full-width parentheses; tone marks, a tone digit or no tone)
        that pypinyin confirms is a reading of that character. By default only
        characters outside GB2312 are considered, which are the ones such a
        converter annotates (option `outside_gb2312`). Also flagged: a
        tone-marked syllable after `?` encoding damage (`水平?,F(xiàn)在`),
        where the character itself was lost.
    """
    why = """
        Converters that can only write GB2312 keep a character they cannot
        encode and add its pinyin in parentheses: a Traditional page comes out
        as `社區(qū)發(fā)展`, `構(gòu)建`, `現(xiàn)在`. The annotations make the
        text unreadable and split a corpus's vocabulary.
    """
    leaves_alone = """
        A syllable that is not a reading of the character before it (`A(a)`,
        `表(qu)`), English and other parentheticals (`(Python)`, `(注)`),
        glosses of a whole word (`龃龉(jǔ yǔ)`), a quoted glossed character
        (`“堃(kūn)”`), URLs and Markdown code.
    """
    fix_safety = """
        The fix removes the parentheses and the pinyin, nothing else; it is safe.
    """
    fix = FixAvailability.SAFE
    options = {
        "outside_gb2312": Option(True, "only flag annotations on characters GB2312 cannot encode"),
    }
    bad = (
        Example("社區(qū)發(fā)展工作大會講話", fixed="社區發展工作大會講話"),
        Example("構(gòu)建起覆蓋城鄉(xiāng)的服務網(wǎng)絡", fixed="構建起覆蓋城鄉的服務網絡"),
        Example("社區（qū）建設", fixed="社區建設"),
        Example("社區(qu1)和社區(qu)", fixed="社區和社區"),
        Example("繼續提升水平?,F(xiàn)在城市", fixed="繼續提升水平?,F在城市"),
        Example("这个(ge4)问题", fixed="这个问题", options={"outside_gb2312": False}),
    )
    good = (
        Example("社區發展工作大會講話"),
        Example("他在 Python (a language) 里写代码。"),
        Example("建立起區縣、街道(鄉鎮)、居委會(村委會)三級網絡。"),
        Example("附件(一)；說明(注)。"),
        Example("啊(a)，这是拼音教学。"),
        Example("拼音课：妈(mā)妈(ma)爱我。"),
        Example("區(a)類項目和區(Python)版本"),
        Example("“龃龉”(jǔ yǔ)是一个词。"),
        Example("他的名字是“堃(kūn)”。"),
        Example("示例：`社區(qū)發(fā)展` 是转换残留。", path="example.md"),
        Example("第(1)条和第(2)条。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if "(" not in text and "（" not in text:
            return []
        outside_only = self.settings["outside_gb2312"]
        found = []
        for match in _CANDIDATE.finditer(text):
            note_start, end = match.span()
            start = note_start - 1
            char = match["char"]
            note = match[0]
            if char.isascii():
                syllable = _normalise(match["syllable"])
                if not (_TONE_MARKED.search(syllable) and _SYLLABLE.fullmatch(syllable)):
                    continue
                message = f"pinyin annotation `{note}` after a character lost to encoding damage"
            else:
                if not _annotates(char, match["syllable"], outside_only):
                    continue
                before = text[start - 1] if start else ""
                if before in _QUOTES and text[end : end + 1] == _QUOTES[before]:
                    continue
                message = f"pinyin annotation `{note}` after `{char}`; remove it"
            found.append(self.diagnostic(start, end, message, Fix.replace(note_start, end, "")))
        return found
