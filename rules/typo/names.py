"""Whether a place in Chinese text may be in a name: a byline or list of
authors, a transliterated foreign name, or after a common surname. The
typo rules leave names alone: a rare character there is no typo."""

from __future__ import annotations

import regex

from wenlint_rules.typo.lexicon import Gap, TypoView, lexicon

#: Common surnames: a suspect one or two characters after one may be in a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
#: Surnames that start a name in a byline (see :func:`in_byline`): the
#: common ones and more, too often parts of words to be trusted elsewhere.
BYLINE_SURNAMES = SURNAMES | frozenset(
    "缪芮纪常温康施牛洪柯柴殷庞翟齐倪葛甘符路骆宁岳庄聂左颜欧祝鲁车耿关邢蓝包单景季裴焦阮詹凌苗谷盛童"
    "卜喻屈鲍易尚管宫司舒乔霍房涂宗梅米晏瞿穆滕荣应谈卓俞申樊巫褚鞠栾蒲邬练池冉佟麦戚贝宣楼"
)
#: Characters of transliterated foreign names (`斯`, `尔`, `娅`): a suspect
#: between two of them may be in one.
TRANSLITERATION = frozenset("斯尔克拉特德尼亚维诺伊夫娃莎丽娜奥巴布罗埃基科普里卡雅娅玛蒂洛利兹索塔")
#: A name in a byline or list of authors: a surname, one or two characters,
#: then no more Chinese (or `等`, and others).
BYLINE = regex.compile(r"(?<!\p{Han})\p{Han}{2,3}(?!\p{Han})|(?<!\p{Han})\p{Han}{2,3}(?=等)")


def in_name(view: TypoView, position: int, suggestion: str, window: int) -> bool:
    """Whether the suspect may be in a name: in a byline (see :func:`in_byline`),
    between characters of transliterated names, or one or two characters
    after a common surname, unless the surname ends a common word with the
    character before it (`关于`, `方向`, `配戴`: no name starts there), or the
    suggestion draws it into a word of three or more characters that is no
    name itself (`白殿风` → 白癜风, `液体石腊` → 液体石蜡; not `杨继生` → 杨继盛),
    among the ``window`` characters on either side."""
    text = view.text
    if in_byline(text, position) or transliterated(text, position):
        return True
    surnames = [
        start
        for start in (position - 1, position - 2)
        if start >= 0 and text[start] in SURNAMES and not ends_word(text, start)
    ]
    if not surnames:
        return False
    low = max(0, position - window)
    gap = Gap(view, low, position, position + 1, min(len(text), position + window + 1))
    corrected = gap.before + suggestion + gap.after
    first = surnames[-1] - low
    is_name = lexicon().is_name
    return not any(
        start <= first and end - start >= 3 and not is_name(corrected[start:end])
        for start, end, _ in gap.words_through(suggestion)
    )


def in_byline(text: str, position: int) -> bool:
    """Whether the suspect is in two or three Chinese characters, a surname
    first, that stand apart from other Chinese (or go on with `等`): a name
    in a byline or list of authors (`，蔡富艳²，`, `。缪建明等`)."""
    return any(
        start >= 0
        and text[start] in BYLINE_SURNAMES
        and (match := BYLINE.match(text, start))
        and match.end() > position
        for start in (position - 2, position - 1, position)
    )


def transliterated(text: str, position: int) -> bool:
    """Whether two of the characters up to two either side of the suspect are
    typical of transliterated foreign names (`斯`, `尔`, `娅` …)."""
    return (
        sum(
            text[i] in TRANSLITERATION
            for i in (position - 2, position - 1, position + 1, position + 2)
            if 0 <= i < len(text)
        )
        >= 2
    )


def ends_word(text: str, position: int) -> bool:
    """Whether the character at ``position`` ends a common word with the one
    before it, which no common word with the one before that claims: `关于`,
    `方向`; not `白` in `组长白` (组长)."""
    followers = lexicon().common_follower_sets
    return (
        position > 0
        and text[position] in followers[text[position - 1]]
        and not (position > 1 and text[position - 1] in followers[text[position - 2]])
    )
