"""What opens a list item or a heading, shared by the line-break rules and
the page-furniture view. Defines no rule."""

from __future__ import annotations

import regex

#: What opens a list item or a heading: `一、` `（一）` `(1)` `1.` `1、` `3.1 ` `①`
#: `a)` `第三条` `一是` `二要` `首先，` Markdown and typographic bullets, `【…】`.
LIST_MARKER = regex.compile(
    r"[ \t\u3000]*(?:"
    r"[一二三四五六七八九十百零〇—]+[、.．]"  # `—、`: a dash standing in for 一 (M005)
    r"|[(（][一二三四五六七八九十百零〇\d]+[)）]"
    r"|\d+(?:\.\d+)*(?:[、．)）]|\.(?!\d)|[ \t\u3000])"
    r"|[①-⑳⑴-⒇⒈-⒛㈠-㈩]"
    r"|[A-Za-z][.)）、](?![A-Za-z])"
    r"|第[一二三四五六七八九十百千零〇\d]+[条章节款编部分篇项点，,、是]"
    r"|[一二三四五六七八九十]+[是要则]"
    r"|(?:首先|其次|再次|最后|其一|其二|其三)[，,、：:]"
    r"|[-*+•·●○■□◆◇▪►‣※★☆>#|【〔\[]"
    r")"
)
_SENTENCE_MARK = regex.compile(r"[。！？；!?;]")


def is_heading(line: str) -> bool:
    """A line opened by a list marker and holding no full sentence: `一、总则`,
    `二、坚持重点突破、注重常态长效`. (The first line of a long list item
    looks the same; precision first.)"""
    marker = LIST_MARKER.match(line)
    return marker is not None and _SENTENCE_MARK.search(line, marker.end()) is None
