"""E003: `?` damage from a lossy transcoding, as in `取得了顯著成效??倳?、總理`."""

from __future__ import annotations

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.transcoding import damaged_stretches


class LossyTranscoding(Rule):
    code = "E003"
    name = "lossy-transcoding"
    summary = "`?` and stray bytes left where a lossy code-page conversion destroyed text"
    flags = """
        A `?` and the damaged stretch after it, when the stretch shows damage
        (rare or private-use characters, narrowed punctuation, a lone ASCII
        letter or symbol, a pinyin tail without its `(`) and its bytes, read
        one byte further on, are common Chinese again. The message shows that
        reading (`總書`): the first character is lost for good, so there is no
        fix.
    """
    why = """
        A converter that writes a narrower code page (GBK to GB2312) puts `?`
        where it meets a byte it cannot handle. When that byte was half of a
        two-byte character, every byte after it pairs with the wrong
        neighbour until an ASCII byte brings the pairs back into step: the
        text after the `?` turns into rare characters, private-use
        characters and stray ASCII. `。總書記、` comes out `??倳?、`,
        `。回顧這幾年` `?;仡欉@幾年`, `。現在` `?,F在`.
    """
    leaves_alone = """
        Real question marks (`是什么?`, `为什么?我不知道`, `吗?`), `??`, `?`
        in Latin text, URLs and Markdown code.
    """
    bad = (
        Example("取得了顯著成效??倳\ue266?、總理近年來在視察期間"),
        Example("更能給人以深刻啟迪?;仡欉@幾年的社區工作"),
        Example("我們必須再接再厲,提升水平?,F在城市"),
        Example("堅決不做勞民傷財?shù)谋砻嫖恼隆?/p>"),
        Example("六是促進文明祥和?!鞍藰s八恥”的社會主義榮辱觀"),
    )
    good = (
        Example("这是什么?我不知道。"),
        Example("为什么?我们要认真想一想。"),
        Example("你吃饭了吗?还没有呢。"),
        Example("真的吗??太好了!"),
        Example("是不是?,他问。"),
        Example("他问:“你去哪儿?”我说去北京。"),
        Example("访问 https://example.com/search?q=社区 了解详情。"),
        Example("What? 他说这是 B超?"),
        Example("建议?到医院B超检查。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        found = []
        for stretch in damaged_stretches(doc):
            message = (
                f"`?` and {stretch.end - stretch.start - 1} damaged characters from a lossy conversion; "
                f"read in step the bytes say `{stretch.realigned}`"
            )
            found.append(self.diagnostic(stretch.start, stretch.end, message))
        return found
