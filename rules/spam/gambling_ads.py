"""Gambling adverts of content farms, line by line: the test S012 flags a
line whole by (`✅点击进入注册👉【 http://AM68.CC 】`, `【快3计划】【快3导师】【亏损包赔】`).

A line scores 2 for each strong promo phrase of the pack
(`data/spam_brands.txt`, `[promo-strong]`), each bracketed contact
(`【Q-——333307——】`) and each bracketed site address (`【网: AM68.CC 】`,
`《888yx●vip》`), and 1 for each weak phrase (`[promo-weak]`); words inside
quotes do not count, so a report that names a scam (`所谓“导师带赚钱”都是骗局`)
scores nothing. A line is an advert with a score of 2, or 3 when it holds a
sentence end (a news sentence that names one game is not an advert).
"""

from __future__ import annotations

import unicodedata

import regex

from wenlint.textclass import SENTENCE_END
from wenlint_rules.spam.patterns import pack

#: A bracketed QQ or WeChat contact: `【Q-——333307——】`, `（微信：12345678）`.
_CONTACT = regex.compile(r"[【\[（(]\s*(?:qq|q|扣扣|vx|v信|wx|微信)\s*[-—~:：]*\s*\d{5,}", regex.I)
#: A bracketed site address with a gambling farm's top-level domain, or one
#: written with a dot a browser would not take: `【网: AM68.CC 】`, `《888yx●vip》`.
_ADDRESS = regex.compile(
    r"[【\[《（(]\s*[-—]*\s*(?:网址?|官网|地址)?\s*[:：]?\s*(?:https?://)?[a-z0-9-]{2,}"
    r"(?:\s*\.\s*(?:cc|vip|top|bet)\b|\s*[●•·。]\s*(?:cc|vip|top|bet|com)\b)",
    regex.I,
)
#: Quoted words: `“导师带赚钱”`, `「快3计划」`.
_QUOTED = regex.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"")
ADVERT = 2
ADVERT_IN_SENTENCE = 3


def is_gambling_advert(line: str) -> bool:
    """Whether a (normalised) line is a gambling advert (see the module)."""
    text = _QUOTED.sub("", unicodedata.normalize("NFKC", line)).lower()
    words = pack("brands")
    score = 2 * len(_CONTACT.findall(text)) + 2 * len(_ADDRESS.findall(text))
    strong = {phrase for phrase in words["promo-strong"] if phrase in text}
    weak = {phrase for phrase in words["promo-weak"] if phrase in text and not any(phrase in s for s in strong)}
    score += 2 * len(strong) + len(weak)
    needed = ADVERT_IN_SENTENCE if SENTENCE_END.search(text) else ADVERT
    return score >= needed
