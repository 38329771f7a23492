"""T004: a character typed twice, as in `比较突出的的社区`."""

from __future__ import annotations

import re

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import HAN_CLASS, has_clause_mark, is_han
from wenlint_rules.layout.counting import word_tags
from wenlint_rules.typo.lexicon import COMMON_WORD, MAX_WORD, TypoView, lexicon, typo_view

#: Function words that are never doubled in standard writing: removing the
#: second one cannot change the meaning, so the fix is safe.
FUNCTION_WORDS = frozenset("的了是在和与也就都把被对将为从而及或之于以向让给")
#: A word ending in a function word is a word of its own (`现在`, `目的`),
#: after which the function word may follow (`现在在`, `目的的`), when its
#: cost is this much below its parts' (现在 273, 目的 183; 这是 51).
LEXICAL_GAIN = 100
#: A character at most this costly as a word of its own commonly stands alone (的 148, 同 336; 设 371).
STANDS_ALONE = 350
#: The second of a pair of other characters starting a word at most this
#: costly is no slip, though the word is rare (`风灾灾损` 764, `相应应税` 660;
#: but not the web-list junk `极参` 783).
KNOWN_WORD = 770
#: jieba's tags of a verb or an adjective, after which 了了 is the particle typed twice (`完成了了`).
_VERB_OR_ADJECTIVE = ("v", "a")
#: ... and of a noun, pronoun, place or time word, after which it is the word 了了 (`心中了了`).
_NOUN_LIKE = ("n", "r", "s", "f", "t")
#: A Chinese character typed twice: ``re`` skips in C to a Chinese character, where ``regex``
#: tries the pattern at every character (2.8 MB of web text: 0.047 -> 0.017 CPU-s).
_DOUBLED = re.compile(f"([{HAN_CLASS}])\\1")
_QUOTES = frozenset(("“”", "‘’", "「」", "『』", "《》", "（）", "()", '""'))


class DoubledCharacter(Rule):
    code = "T004"
    preview = True  # 7 of 9 judged findings on real text right: bench/judged/T004.jsonl
    name = "doubled-character"
    summary = "A character typed twice: `的的`, `了了`, `是是`"
    flags = """
        A character typed twice: `比较突出的的社区`, `我们完成了了任务`,
        `这是是关键`. Other characters than the function words (see the fix)
        are reduplicated freely (`说说`, `一首首`, `大大`), so they are flagged
        only where the first one ends a word and the second, rarely standing
        alone, starts none (`积极极`). A function word whose pair is also a
        word (了了 "clear", 对对, 以以, 于于) is likely a slip after a verb or
        an adjective (`完成了了`); elsewhere, save where it is plainly the
        word, it is flagged without a fix (`他了了一桩心事` may be 了 + 了, or
        `了了`). Traditional text is checked through its Simplified form.
    """
    why = """
        A character is repeated by a slip of the keyboard or of a copy.
        Chinese repeats characters on purpose too, so much is left alone.
    """
    leaves_alone = """
        Reduplicated words the lexicon knows (`看看`, `常常`, `人人`, `谢谢`,
        `天天`, `往往`, `渐渐`, `刚刚`, `仅仅`; for the function words below
        only common ones), a pair inside a longer word of the lexicon
        (`小时了了`, `不甚了了`, `对对碰`, `不了了之`), 了了 opening a clause
        (`了了分明`) or after a noun (`心中了了`), runs of three or more
        (`哈哈哈`), the AABB pattern (`高高兴兴`, `的的确确`), a quoted pair
        (`“尊尊”`), and a pair split between two words: the second character
        starting one (`他的的士`, `为了了解`; for other characters, even a rare
        one, `风灾灾损`), or the first ending one that is more than its parts
        (`达到目的的手段`, `现在在台北`; but not `这是是`) or a word in 了
        (`高兴得不得了了`); another character before a line break (what
        follows it is not known), or on a line without a clause mark (a
        table's header cells run together, `公允价值值比例`).
    """
    fix_safety = """
        The fix deletes the second character. It is safe for function words
        (`的 了 是 在 和 与 也 就 都 把 被 对 将 为 从 而 及 或 之 于 以 向 让 给`)
        doubled across a word boundary, and unsafe for other characters and
        for a function word whose pair is also a word the lexicon lists
        (`完成了了`: never a safe deletion inside 了了); a pair that may be
        either (`他了了一桩心事`) gets no fix.
    """
    fix = FixAvailability.SOMETIMES
    bad = (
        Example("这是比较突出的的社区。", fixed="这是比较突出的社区。"),
        Example("我们完成了了任务。", fixed="我们完成了任务。"),
        Example("这是是关键。", fixed="这是关键。"),
        Example("我們在在社區工作。", fixed="我們在社區工作。"),
        Example("大家要积极极参与。", fixed="大家要积极参与。"),
        Example("他了了一桩心事。"),
    )
    good = (
        Example("你看看这个，我常常来，人人都说谢谢。"),
        Example("达到目的的手段，为了了解情况。"),
        Example("他的的士停在门口，说的的确是实话。"),
        Example("大家高高兴兴，是是非非说不清。"),
        Example("哈哈哈，天天向上。"),
        Example("我们研究研究，一一对应。"),
        Example("绿油油的麦田，星星点点。"),
        Example("推动社区建设设施，加强强强联合。"),
        Example("不了了之的事情。"),
        Example("小时了了，大未必佳；他对此不甚了了，心中了了。"),
        Example("了了分明，往往如此，天色渐渐暗了，他刚刚走，仅仅一天。"),
        Example("现在在台北，你的成就就在这里，我真受不了了，高兴得不得了了。"),
        Example("作出一首首动人的曲子，跟你说说。"),
        Example("“亲亲”和“尊尊”是两个原则。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        view = typo_view(doc)
        text = view.text
        found = []
        for match in _DOUBLED.finditer(text):
            start, end = match.span()
            if _patterned(text, start) or _quoted(text, start, end):
                continue
            verdict = _judge(view, start)
            if verdict is None:
                continue
            char = doc.text[start]
            if verdict is _AMBIGUOUS:
                found.append(self.diagnostic(start, end, f"`{char}` typed twice, or the word `{char * 2}`"))
                continue
            safe = verdict is _SLIP and match[1] in FUNCTION_WORDS
            fix = Fix.replace(start + 1, end, "", safe=safe, message=f"write one `{char}`")
            found.append(self.diagnostic(start, end, f"`{char}` typed twice", fix))
        return found


#: A slip; a likely slip of a pair that is also a word (`完成了了`: unsafe);
#: a pair that may be either (no fix).
_SLIP, _LIKELY, _AMBIGUOUS = "slip", "likely", "ambiguous"


def _judge(view: TypoView, start: int) -> str | None:
    """Whether the pair at ``start`` is a slip, likely one or maybe one (a
    function word whose pair is also a word, as 了了 "clear"), or is no slip
    (None).

    No slip: a word of three or more characters holds the pair (`小时了了`,
    `不甚了了`, `对对碰`), or the pair is a common word (`看看`, `常常`). A
    function word is a slip unless a common word holds the second one
    (`的士`, `了解`), or the first one ends a word that is more than the two
    words it is made of (`目的的`, `现在在`; but `这是是`) or a word in 了
    (`不得了了`); where the pair is also a word, likely after a verb or an
    adjective (`完成了了`), no slip where it opens a clause (`了了分明`) or
    follows a noun (`心中了了`), and elsewhere either.
    Any other character is reduplicated freely (`说说`, `一首首`, `大大`), so
    it is a slip only where the first one ends a word and the second one,
    which rarely stands alone, starts none, not even a rare one (`积极极`;
    but `风灾灾损`), and is not the last before a line break, on a line of
    prose (not a table's cells run together, `公允价值值比例`)."""
    lex, text = lexicon(), view.text
    char = text[start]
    cost = lex.cost(char * 2)
    if cost is not None and (char not in FUNCTION_WORDS or cost <= COMMON_WORD) or view.inside_word(start, start + 2):
        return None
    holds_second, ending = _neighbour_words(view, start)
    if holds_second:
        return None
    if char not in FUNCTION_WORDS:
        slip = (
            bool(ending)
            and text[start - 1 : start] != "一"
            and lex.char_cost(char) > STANDS_ALONE
            and text[start + 2 : start + 3] != "\n"  # what follows the break is unknown (`控制制␤度`)
            and has_clause_mark(_line(text, start))  # not a table's cells run together (`公允价值值比例`)
            and not any(cost <= KNOWN_WORD for _, cost in view.words_from(start + 1))
        )
        return _SLIP if slip else None
    if any(word[-1] == "了" or _lexical(lex, word) for word in ending):
        return None
    if cost is None:
        return _SLIP
    if start == 0 or not is_han(text[start - 1]):
        return None
    tag = word_tags().get(text[start - 2 : start], "")[:1]
    if tag in _NOUN_LIKE:
        return None
    return _LIKELY if tag in _VERB_OR_ADJECTIVE else _AMBIGUOUS


def _line(text: str, offset: int) -> str:
    """The line around ``offset``."""
    end = text.find("\n", offset)
    return text[text.rfind("\n", 0, offset) + 1 : end if end != -1 else len(text)]


def _lexical(lex, word: str) -> bool:
    """Whether a word is more than its parts: `现在`, `目的`, not `这是`."""
    parts = lex.segment_cost(word[:-1]) + lex.char_cost(word[-1])
    return lex.cost(word) + LEXICAL_GAIN <= parts


def _neighbour_words(view: TypoView, start: int) -> tuple[bool, list[str]]:
    """Whether a common word other than the pair holds its second character,
    and the common words that end with its first."""
    ending = []
    for position in range(max(0, start - MAX_WORD + 1), start + 2):
        for length, cost in view.words_from(position):
            stop = position + length
            if cost > COMMON_WORD or (position, stop) == (start, start + 2):
                continue
            if position <= start + 1 < stop:
                return True, ending
            if stop == start + 1:
                ending.append(view.text[position:stop])
    return False, ending


def _patterned(text: str, start: int) -> bool:
    """Whether the pair at ``start`` is part of a run of three (`哈哈哈`) or
    of an AABB pattern (`高高兴兴`, `是是非非`)."""
    char = text[start]
    before = text[max(0, start - 2) : start]
    after = text[start + 2 : start + 4]
    if before[-1:] == char or after[:1] == char:
        return True
    return len(after) == 2 and after[0] == after[1] or len(before) == 2 and before[0] == before[1]


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the pair is all there is between quotes or brackets (`“尊尊”`)."""
    return start > 0 and end < len(text) and text[start - 1] + text[end] in _QUOTES
