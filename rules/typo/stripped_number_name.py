"""T006: a year or a name stripped out, leaving `到年,` or `同志強調` behind."""

from __future__ import annotations

from wenlint import Example
from wenlint.kinds import PatternRule

#: A year, month or day after a preposition with no number in between: `到年,`,
#: `從年起`, `於月日召開`. `到年底`, `從年初`, `到年紀大了` are ordinary Chinese.
_AFTER_PREPOSITION = (
    r"(?<=(?:[到至从從自于於在]|截至|截止))"
    r"(?:年?月日|年(?=[,，、;；]|起|以来|以來|开始|開始|至|到)|月(?=[,，]))"
)
#: A year opening a sentence: `。年,我市確定`.
_OPENING_YEAR = r"(?m)(?<=(?:^|[。！？；;!?\n])[ \t\u3000]*)年(?=[,，])"
#: `同志` with no name before it, then what someone said: `。同志強調:`.
_NAMELESS = (
    r"(?m)(?<=(?:^|[。！？；;!?：:，,、\n“\"「])[ \t\u3000]*)同志"
    r"(?=强调|強調|指出|讲话|講話|要求|表示|提出|说|說|在会上|在會上|的讲话|的講話)"
)


class StrippedNumberName(PatternRule):
    code = "T006"
    name = "stripped-number-name"
    summary = "A year or a name stripped out: `到年,`, `從年起`, `同志強調` with no name"
    flags = """
        年 right after a preposition (到 至 从 自 于 在 截至 …) and followed
        by a comma, 起, 以来, 开始, 至 or 到; `年月日`/`月日` right after a
        preposition; 年 opening a sentence before a comma; and `同志` opening
        a clause and followed by 强调, 指出, 讲话, 要求, 表示, 提出, 说 or 在会上.
    """
    why = """
        Scrapers and anonymisers sometimes delete numbers and names outright
        instead of masking them (for masks such as `到**年`, see P001): seed
        001 reads `從年起我市累計投資`, `到年,50%的區縣`, `年,我市確定`, and
        seed 002 `同志強調:` with nobody before `同志`.
    """
    leaves_alone = """
        `到年底`, `从年初`, `到年纪大了`, `同志们`, `老同志`, `×××同志强调`.
    """
    fix_safety = "There is no fix: the number or name is gone."
    patterns = {
        _AFTER_PREPOSITION: "a number stripped out: nothing before `{0}`",
        _OPENING_YEAR: "a year stripped out: `{0}` opens the sentence",
        _NAMELESS: "a name stripped out: nobody before `{0}`",
    }
    requires = ("年", "月", "同志")
    bad = (
        Example("從年起我市累計投資14億元。"),
        Example("工作目標是:到年,50%的區縣達到示範標準。"),
        Example("目標已經實現。年,我市確定社區建設的新目標。"),
        Example("會議於年月日召開。"),
        Example("構建和諧社會尤為重要。同志強調:要加強城鄉基層建設。"),
    )
    good = (
        Example("到年底,每一個社區都要建成服務站;從年初開始籌備。"),
        Example("從2005年起我市累計投資14億元,到2010年,50%的區縣達標。"),
        Example("同志們:今天的會議很重要。老同志強調要團結。"),
        Example("王明同志強調:要加強城鄉基層建設。"),
        Example("等到年紀大了,在年輕人中間。"),
        Example("這一年,我市確定了目標。"),
    )
