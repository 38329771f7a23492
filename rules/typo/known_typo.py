"""T001: a known misspelling, from a curated list of typo → correction pairs."""

from __future__ import annotations

from wenlint import Example, FixAvailability, Option
from wenlint.kinds import SubstitutionRule
from wenlint_rules.typo.known import stands_alone, typo_table
from wenlint_rules.typo.lexicon import in_script, typo_view

#: A typo this long can never be right where it stands: its fix is safe.
SAFE_LENGTH = 3


class KnownTypo(SubstitutionRule):
    code = "T001"
    name = "known-typo"
    summary = "A known misspelling such as `睛雨表` (晴雨表) or `各司共职` (各司其职)"
    flags = """
        A listed misspelling: `睛雨表` for 晴雨表, `各司共职` for 各司其职, `福社`
        for 福祉, `下拔` for 下拨, `莫视` for 漠视. The shipped list
        (`data/typo_known.tsv`, about 2,100 pairs) starts from macro-correct's
        public confusion pairs, keeps a pair only when the correction is a
        common word (in both the newspaper and the web word lists), the
        misspelling is no word at all, and the changed characters sound or
        look alike; it is cut down to the shortest word that holds the
        change, and pairs whose "misspelling" is standard Chinese in some
        context (`啦啦队`, `呆在家里`, `民星路离复旦`) are dropped. Traditional text is matched through its Simplified form and
        corrected in its own script (`莫視` → `漠視`).

        Option `extend`: more pairs, `{ "wrong" = "right" }` (same length).
    """
    why = """
        Some misspellings are made so often that they can be listed.
    """
    leaves_alone = """
        A match that is part of two real words, such as `福社` in `幸福社区` or
        `下拔` in `上下拔河` — a common word that overlaps the match and
        reaches outside it means the characters belong to other words; a
        match inside a longer word of the lexicon, however rare (`乎乎` in
        `晕晕乎乎`, `扭去` in `扭来扭去`). URLs, e-mail addresses and Markdown
        code are skipped.
    """
    fix_safety = """
        The fix writes the correction. It is safe for misspellings of three or
        more characters (`睛雨表`, `各司共职`), which cannot be right where they
        stand, and unsafe for two-character ones, which a name or an unusual
        phrase could still explain.
    """
    fix = FixAvailability.SOMETIMES
    message = "`{wrong}` is a known misspelling of `{right}`"
    options = {"extend": Option({}, "more typo → correction pairs (same length), as a table")}
    bad = (
        Example("社区服务的“睛雨表”", fixed="社区服务的“晴雨表”"),
        Example("各部门要各司共职，形成合力。", fixed="各部门要各司其职，形成合力。"),
        Example("增进人民群众福社。", fixed="增进人民群众福祉。"),
        Example("配套下拔社区办公用房建设补助资金", fixed="配套下拨社区办公用房建设补助资金"),
        Example("不要莫視群眾的利益。", fixed="不要漠視群眾的利益。"),
        Example("這是他們茶語飯后的話題。", fixed="這是他們茶餘飯後的話題。"),
        Example("请先登陆账号。", fixed="请先登录账号。", options={"extend": {"登陆账号": "登录账号"}}),
    )
    good = (
        Example("社区服务的“晴雨表”"),
        Example("建设幸福社区，增进人民群众福祉。"),
        Example("配套下拨社区办公用房建设补助资金。"),
        Example("不要漠视群众的利益，各司其职。"),
        Example("他们在操场上下拔河比赛的场地。"),
        Example("喝得晕晕乎乎，扭来扭去。"),
        Example("莫视为儿戏。"),
        Example("见 `睛雨表` 一词。", path="example.md"),
    )

    def substitutions(self):
        return typo_table(tuple(sorted(self.settings["extend"].items())))

    def text(self, doc):
        return typo_view(doc).text

    def keep(self, doc, hit):
        return stands_alone(typo_view(doc), hit.start, hit.end)

    def correction(self, doc, hit):
        return in_script(doc, hit.start, hit.end, hit.right)

    def fix_is_safe(self, doc, hit):
        return len(hit.wrong) >= SAFE_LENGTH
