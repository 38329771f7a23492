"""E007: HTML tags and character entities left in the text."""

from __future__ import annotations

import html

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule

#: Elements whose tags turn up in scraped text; unknown names (`<红楼梦>`, `<T>`) are not tags.
_ELEMENTS = (
    "a|abbr|address|article|aside|audio|b|big|blockquote|body|br|button|caption|center|cite|code|col|colgroup|dd|"
    "del|details|dfn|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|"
    "iframe|img|input|ins|kbd|label|legend|li|link|main|mark|meta|nav|nobr|noscript|object|ol|optgroup|option|p|"
    "param|pre|q|s|samp|script|section|select|small|source|span|strike|strong|style|sub|summary|sup|table|tbody|"
    "td|textarea|tfoot|th|thead|time|title|tr|tt|u|ul|var|video|wbr"
)
#: Word's namespaced tags (`<o:p>`, `<st1:chsdate …>`): never intended, not even in Markdown.
_OFFICE = r"[a-z][a-z0-9_]*:[a-z][a-z0-9_]*"
_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>=`]+))?){0,30}"""
_TAG = regex.compile(
    rf"</?(?:(?P<office>{_OFFICE})|(?:{_ELEMENTS})){_ATTRIBUTES}\s*/?>"
    # a closing tag whose `<` went down with a damaged character before it: `表面文章隆?/p>`
    rf"|(?<=[?\ufffd])(?P<broken>/(?:{_ELEMENTS})>)",
    regex.IGNORECASE,
)
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_BREAK_TAG = regex.compile(r"<br\s*/?>", regex.IGNORECASE)


def _shown(char: str) -> str:
    """A decoded entity as the message shows it."""
    if char.isprintable() and not char.isspace():
        return f"`{char}`"
    return f"U+{ord(char):04X}" if len(char) == 1 else repr(char)


class HtmlResidue(Rule):
    code = "E007"
    name = "html-residue"
    summary = "HTML tags or character entities left in the text"
    flags = """
        Tags such as `</p>`, `<br>`, `<span style="…">`, Word's
        `<o:p></o:p>`, and character entities such as `&nbsp;`, `&amp;`,
        `&#8220;`. Only the tags of known HTML elements and Word's namespaced
        tags count; a closing tag whose `<` was lost with a damaged character
        (`隆?/p>`) is flagged too.
    """
    why = """
        Text copied out of web pages keeps pieces of their markup.
    """
    leaves_alone = """
        Unknown tag names: `<红楼梦>` or `List<T>`. In Markdown, inline HTML
        and entities are part of the language and are left alone, except
        Word's tags and broken fragments; Markdown code, HTML comments and
        URLs are never flagged.
    """
    fix_safety = """
        An entity is replaced by the character it stands for: a safe fix
        (`&nbsp;` becomes a no-break space, which E006 then makes an ordinary
        space; `&amp;nbsp;`, escaped twice, takes two passes). A tag is
        removed (`<br>` inside a line becomes a line break): an unsafe fix,
        because the text around it may need a second look.
    """
    #: A tag's attributes may hold a URL (`<a href="https://…">`): the rule
    #: leaves out only tags and entities that start in verbatim text.
    skip_verbatim = False
    needs_han = False
    fix = FixAvailability.SOMETIMES
    bad = (
        Example("坚决不做劳民伤财的表面文章。</p>", fixed="坚决不做劳民伤财的表面文章。"),
        Example("电脑版&nbsp;|&nbsp;金锄头文库", fixed="电脑版\u00a0|\u00a0金锄头文库"),
        Example("他说&#8220;好&#8221;。", fixed="他说“好”。"),
        Example("第一段<br>第二段", fixed="第一段\n第二段"),
        Example("会议时间<o:p></o:p>：上午九点", fixed="会议时间：上午九点", path="notes.md"),
    )
    good = (
        Example("《红楼梦》又名<石头记>。"),
        Example("当 a<b 且 b>c 时，结论成立。"),
        Example("C++ 模板写作 List<T>，张三&李四合办。"),
        Example("第一段<br>第二段，使用&nbsp;表示空格。", path="notes.md"),
        Example("HTML 换行写作 `<br>`，空格写作 `&nbsp;`。", path="notes.md"),
        Example("详见 https://example.com/?a=1&amp;b=2 。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if ">" not in text and "&" not in text:
            return []
        markdown = doc.is_markdown
        found = [
            self._tag(doc, match)
            for match in _TAG.finditer(text)
            if (not markdown or match["office"] or match["broken"]) and not doc.is_verbatim(match.start())
        ]
        if not markdown and "&" in text:
            found.extend(self._entities(doc))
        return found

    def _tag(self, doc: Document, match: regex.Match) -> Diagnostic:
        start, end = match.span()
        replacement = ""
        tag = match[0]
        if tag[1:3].lower() == "br" and _LINE_BREAK_TAG.fullmatch(tag) and doc.text[end : end + 1] not in ("\n", ""):
            replacement = "\n"
        what = "broken HTML tag" if match["broken"] else "HTML tag"
        return self.diagnostic(
            start, end, f"{what} `{tag}` left in the text", Fix.replace(start, end, replacement, safe=False)
        )

    def _entities(self, doc: Document) -> list[Diagnostic]:
        found = []
        for match in _ENTITY.finditer(doc.text):
            start, end = match.span()
            char = html.unescape(match[0])
            if char in (match[0], "\ufffd") or doc.is_verbatim(start):
                continue
            found.append(
                self.diagnostic(
                    start, end, f"HTML entity `{match[0]}` for {_shown(char)}", Fix.replace(start, end, char)
                )
            )
        return found
