"""P004: `某某` in place of a name, where anonymising is not the document's convention."""

from __future__ import annotations

import regex

from wenlint import Document, Example, Severity
from wenlint.kinds import PatternRule

#: Words of court, police and medical writing, where `某某` for a party's name is the rule
#: (Simplified and Traditional).
_CONVENTION_WORDS = regex.compile(
    r"原告|被告|上诉人|上訴人|申请人|申請人|法院|本院|判决|判決|裁定|审理|審理|审判|審判|起诉|起訴|诉讼|訴訟"
    r"|公诉|公訴|检察院|檢察院|辩护人|辯護人|代理人|当事人|當事人|嫌疑人|刑事|民事|案件|一案|纠纷|糾紛|仲裁"
    r"|民警|公安|警方|患者|病例|主诉|主訴|入院"
)
#: Distinct words of that vocabulary that make a document a court, police or medical write-up.
_CONVENTION_MIN_WORDS = 2
#: Words before a `某某` that is "so-and-so", not a surname's masked name (`是某某`, `跟某某说`).
_NOT_SURNAME = "是和跟与與对對给給让讓被把像说說叫找的了在为為个個位"
#: What a `某某` standing for a place or an organisation is followed by (`某某县`, `某某公司`).
_PLACE_OR_BODY = (
    r"[省市县縣区區镇鎮乡鄉村街路州国國局厅廳部委校院所厂廠店社队隊]|公司|集团|集團|单位|單位|银行|銀行|协会|協會"
)


def anonymising_convention(doc: Document) -> bool:
    """Whether the document is one where `某某` is how names are anonymised by custom."""
    return len(set(_CONVENTION_WORDS.findall(doc.text))) >= _CONVENTION_MIN_WORDS


class AnonymizedName(PatternRule):
    code = "P004"
    name = "anonymized-name"
    summary = "`某某` stands in for a name that was removed"
    flags = """
        `某某` after a surname or another character of a name (`张某某`,
        `小某某`), and `某某` or longer before a place or an organisation
        (`某某县`, `某某公司`): a name a scraped page masked.
    """
    why = """
        The text is deliberately anonymised, which may be what a corpus
        wants, so this is reported as information.
    """
    leaves_alone = """
        Court rulings, police reports and medical case write-ups, where
        `某某` is the custom for a party's name: a document holding two or more
        words of that writing (`原告`, `被告`, `上诉人`, `法院`, `判决`,
        `公安`, `患者` …) gets no finding. Also "so-and-so": `某某` on its
        own or after a word such as `是`, `和`, `跟` (`是某某某！`,
        `「某某某学历高，可是能力不行」`), and a single `某` (`某人`, `某些`,
        `某种`), which are ordinary Chinese.
    """
    severity = Severity.INFO
    pattern = rf"(?<!某)(?:(?<=[^\P{{Han}}{_NOT_SURNAME}])某某(?!某)|某{{2,}}(?={_PLACE_OR_BODY}))"
    requires = ("某某",)
    message = "`{0}` stands in for a removed name"
    bad = (
        Example("据网友爆料，张某某在小区门口与保安发生争执。"),
        Example("某某县人民政府。"),
    )
    good = (
        Example("某些人认为这种说法不对。"),
        Example("某年某月某日,他来到这里。"),
        Example("原告李某某诉被告王某某民间借贷纠纷一案，本院审理后判决被告归还借款。"),
        Example("学历高的人总说「某某某学历高，可是能力不行」。"),
    )

    def keep(self, doc, match):
        return not doc.view(anonymising_convention)
