"""E002: mojibake — Chinese text decoded with the wrong code page."""

from __future__ import annotations

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.damage import mojibake


class Mojibake(Rule):
    code = "E002"
    name = "mojibake"
    summary = "Text decoded with the wrong code page (`ÄãºÃ`, `ä½ å¥½`, `浣犲ソ`)"
    flags = """
        A run that, encoded back the way it was misread and decoded the right
        way, reads as common Chinese — GBK or Big5 read one byte at a time
        (whichever explains more of the document), UTF-8 read one byte at a
        time (repaired by ftfy with its encoding repairs only), UTF-8 read as
        GBK (runs of mostly rare characters). A run too short to tell (`µ½`
        is `到`, but `àn` is pinyin) counts only on a line where a longer run
        settled the question, or in a document with no Chinese text left.
        UTF-8 read as cp1252 with the bytes cp1252 leaves undefined dropped
        (`ç¤¾åŒºå·¥ä½œ…`) is flagged too when what is left reads as Chinese;
        it cannot be repaired exactly, so it gets no fix. Also flagged:
        `锟斤拷`, and four or more `烫` or `屯`.
    """
    why = """
        Text whose bytes were decoded with the wrong code page turns into
        mojibake: GBK read as cp1252 gives `ÄãºÃ` for `你好`, Big5 read as
        Latin-1 `§A¦n`, UTF-8 read as cp1252 `ä½ å¥½`, and UTF-8 read as GBK
        `浣犲ソ`. `锟斤拷` is UTF-8 replacement characters read as GBK, and
        `烫烫烫烫` / `屯屯屯屯` uninitialised memory printed as GBK.
    """
    leaves_alone = """
        Clean Chinese whatever its punctuation (`“”`, `——`, `……`, `·`, `×`,
        `××××`), pinyin with tone marks, European words and names (`Café`,
        `Müller`, `García`), URLs and Markdown code. One character repeated
        (a line of `————`, `──`, `══`, a mask `××××`) is never mojibake, even
        beside mojibake: no code page makes text of it, so a run stops there.
    """
    fix_safety = """
        The fix decodes the run the right way: safe when the round trip is
        exact, unsafe when bytes were lost on the way (what cannot be read
        becomes U+FFFD). `锟斤拷`, the memory fillers and UTF-8 that lost
        the bytes cp1252 leaves undefined cannot be repaired: no fix.
    """
    #: Mojibake is found in text with no Chinese left at all.
    needs_han = False
    fix = FixAvailability.SOMETIMES
    bad = (
        Example("½ñÌì£¬ÎÒÃÇÕÙ¿ªÈ«Çø»áÒé¡£", fixed="今天，我们召开全区会议。"),
        Example("¦b¥þ°Ï·|Ä³¤W¡A¤j®a³£µo¨¥¤F¡C", fixed="在全區會議上，大家都發言了。"),
        Example("ä»Šå¤©æˆ‘ä»¬å¼€ä¼šäº†ã€‚", fixed="今天我们开会了。"),
        Example("会议纪要：ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚", fixed="会议纪要：会议开得很好。"),
        Example("浠婂ぉ澶╂皵寰堝ソ", fixed="今天天气很好"),
        Example("浠婂ぉ鎴戜滑寮€浼氫簡銆\ufffd", fixed="今天我们开会了\ufffd"),
        Example("标题锟斤拷锟斤拷正文"),
        Example("输出：烫烫烫烫烫烫烫烫"),
        Example("标题\nç¤¾åŒºå·¥ä½œä¼šè®®çš„åŽé¢å‘å±•æ•°æ®æ¥æº"),
    )
    good = (
        Example("“社区建设”——这是我们的工作重点……大家要重视。"),
        Example("会前，与会同志现场观摩了××县××社区。"),
        Example("作者：José García\n————————————\n××××××××××"),
        Example("马克思·韦伯认为，气温为30°C±2°C时最适宜。"),
        Example("社區(qū)發(fā)展和現(xiàn)在的建設(shè)"),
        Example("他在巴黎的 Café de Flore 与 Müller 先生见面。"),
        Example("文明创建活动工作汇集到规划办公环境。"),
        Example("示例：`ÄãºÃ` 是乱码。", path="example.md"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        found = []
        for run in mojibake(doc):
            if run.reading is None:
                text = doc.text[run.start : run.end]
                found.append(
                    self.diagnostic(run.start, run.end, f"`{text}` is encoding garbage; the text here is lost")
                )
                continue
            if not run.fixable:
                message = (
                    f"mojibake that lost bytes; read back it says `{run.reading}`, with `\ufffd` where bytes are gone"
                )
                found.append(self.diagnostic(run.start, run.end, message))
                continue
            message = f"mojibake; decoded the right way it reads `{run.reading}`"
            found.append(
                self.diagnostic(
                    run.start, run.end, message, Fix.replace(run.start, run.end, run.reading, safe=run.exact)
                )
            )
        return found
