"""M002: Simplified characters in Traditional text, or the reverse."""

from __future__ import annotations

import bisect

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint.script import DOMINANCE, converter, shared_characters

#: OpenCC configuration that converts a run into each target script. Taiwan
#: uses `s2tw` (character forms), not `s2twp`, which also rewrites vocabulary.
_CONFIG = {"simplified": "t2s", "traditional": "s2t", "taiwan": "s2tw", "hongkong": "s2hk"}
#: The conversion to the other script, applied first to give OpenCC whole phrases of one script.
_OTHER = {"t2s": "s2t", "s2t": "t2s", "s2tw": "t2s", "s2hk": "t2s"}
_NAME = {
    "simplified": "Simplified",
    "traditional": "Traditional",
    "taiwan": "Taiwan Traditional",
    "hongkong": "Hong Kong Traditional",
}
#: Shared characters OpenCC converts that the Traditional standards write
#: themselves: `了解`→`瞭解`, `布置`→`佈置`, `周末`→`週末`, `占有`→`佔有`;
#: Taiwan's `雇主`, `雇用` (OpenCC `僱`); `准` for "permit" in every standard
#: (`不准`, `准予`, `報准`; OpenCC, missing those words, writes `準`).
_ACCEPTED_IN_TRADITIONAL = frozenset("了布周占雇准")
#: Words Taiwan writes with shared characters where OpenCC's phrase tables
#: choose another form (`傢俱`, `禁製品`, `村裡`) or its segmentation reads
#: a neighbouring word (`獎金表冊` as `金錶`).
_TRADITIONAL_WORDS = regex.compile("家具|禁制品|表冊|村里|鄰里")
#: Languages' own names, which Simplified documentation lists on purpose
#: (a language menu: `日本語 / 日语`, `繁體中文 / 繁体中文`).
_NATIVE_NAMES = regex.compile("日本語|繁體中文|正體中文")
#: A line takes its own script, whatever the document's, when it has this many
#: characters of that script and dominates it (see wenlint.script.DOMINANCE).
LINE_EVIDENCE = 5
#: Encoding damage, whose mojibake the encoding rules report: private-use
#: characters and U+FFFD (with two characters either side), and a half-width
#: `?` glued between Chinese text and more text (a lossy GBK step leaves
#: `財?shù)谋砻嫖恼隆`), with up to 16 characters after it in the clause.
_DAMAGE = regex.compile(r"[\ue000-\uf8ff\ufffd]|(?<=\p{Han})\?(?![\s”’」』）)\]》]|$)[^，。！？、\n]{0,16}")
_PRIVATE = regex.compile(r"[\ue000-\uf8ff\ufffd]")
#: Where a clause ends: a run is converted with the rest of its clause.
_CLAUSE_BREAK = regex.compile(r"[\s，。！？；：、,.!?;:“”‘’「」『』（）()《》【】|]")
_CLAUSE_BREAK_BEFORE = regex.compile(_CLAUSE_BREAK.pattern, regex.REVERSE)  # the last one before a point
#: Regional forms that tell which Traditional standard a document follows.
_REGIONAL_PROBE = "为里说群着峰台"
_REGIONAL_CONFIGS = ("s2tw", "s2hk", "s2t")


class ScriptMixing(Rule):
    code = "M002"
    name = "script-mixing"
    summary = "Simplified characters in Traditional text (or Traditional in Simplified)"
    flags = """
        Simplified characters in Traditional text, or Traditional in
        Simplified. Which characters belong to which script is decided by the
        shared script profile (OpenCC, phrase-aware): characters common to
        both scripts never count, and a character counts as Simplified only
        when conversion to the document's Traditional standard changes it.
        The standard is judged from the document's own regional forms: in
        Taiwan text (`說`, `稅`, `戶`) Hong Kong forms that are also
        Simplified (`税`, `户`, `温`) are flagged; otherwise a character
        counts only when every standard (OpenCC, Taiwan, Hong Kong) changes it.

        Option `script`: `auto` (default) takes the target from the text. Each
        line with at least five characters of one script, and four times as
        many as of the other, is in that script; any other line follows the
        document's dominant script, and a document with no dominant script
        gets no findings on such lines. So a whole line in the other script
        (a Simplified spam header on a Traditional page) is not mixing, while
        stray characters inside a line are. `simplified`, `traditional`,
        `taiwan` or `hongkong` force the target: every character of the other
        script is flagged. One finding per run of adjacent characters.
    """
    why = """
        Pages converted from Simplified to Traditional by a careless tool keep
        Simplified forms wherever the tool had no mapping or picked the wrong
        one: `並亟待` comes out `并亟待`, `不利於` `不利于`, `社區幹部`
        `社區干部`. The reverse happens in Simplified text copied from Taiwan or
        Hong Kong. Either way the text is wrong for readers of both scripts
        and splits a corpus's vocabulary.
    """
    leaves_alone = """
        Spellings the Traditional standards also write with a character
        Simplified shares (`了解`, `布置`, `周末`, `占有`; Taiwan's `雇主`,
        `家具`, `禁制品`, `村里`; `准` for "permit": `報准`, `不准`), a
        shared character alone between punctuation (`村（里）`: no word says
        which form it is), `台` in Taiwan text. In Simplified text, a lone
        character Simplified shares with Traditional unless a phrase asks
        for another form (`李承乾`, `曹昇`, but `瞭如指掌` is flagged), and
        languages' own names (`日本語 / 日语` in a language menu). Runs next
        to encoding damage (private-use characters, U+FFFD), URLs, e-mail
        addresses and Markdown code.
    """
    fix_safety = """
        The fix converts the run with OpenCC (`t2s`; `s2t`, `s2tw` or `s2hk`,
        in auto mode whichever matches the document's own forms such as `為`
        or `爲`), in the context of its line so phrases convert correctly, and
        changes nothing outside the run. It is unsafe: `干`, `后`, `系` have
        several Traditional forms and the context may be misread.
    """
    fix = FixAvailability.UNSAFE
    options = {
        "script": Option(
            "auto", "the script the text should be in", ("auto", "simplified", "traditional", "taiwan", "hongkong")
        ),
    }
    bad = (
        Example("社區幹部們需要研究、探討并亟待解決這些問題。", fixed="社區幹部們需要研究、探討並亟待解決這些問題。"),
        Example(
            "這樣的辦公用房位置偏僻,不利于面向居民辦事,經費遠遠低于工作所需。",
            fixed="這樣的辦公用房位置偏僻,不利於面向居民辦事,經費遠遠低於工作所需。",
        ),
        Example(
            "近年來,街道財政先后投入九百萬元,解決了社區服務場所的問題,社區干部們很滿意。",
            fixed="近年來,街道財政先後投入九百萬元,解決了社區服務場所的問題,社區幹部們很滿意。",
        ),
        Example("我们认为这个問題应该尽快解决。", fixed="我们认为这个问题应该尽快解决。"),
        Example("社区建设关系到千家万家。", fixed="社區建設關係到千家萬家。", options={"script": "taiwan"}),
        Example("社区里的居民说。", fixed="社區裏的居民説。", options={"script": "hongkong"}),
        Example("我們進一步加強社區建設。", fixed="我们进一步加强社区建设。", options={"script": "simplified"}),
        Example(
            "本條例所稱稅捐，由戶籍所在地之稅捐稽徵機關徵收；逾期未繳者，加徵滯納税。",
            fixed="本條例所稱稅捐，由戶籍所在地之稅捐稽徵機關徵收；逾期未繳者，加徵滯納稅。",
        ),
    )
    good = (
        Example("社區建設關係到千家萬戶,我們要主動了解居民的需要,布置好周末的活動。"),
        Example("皇后與王子在公園裡散步,這是一個好天氣。"),
        Example("人民群眾的生活水準提高了,我們瞭解這個情況。"),
        Example("社区建设关系到千家万户,我们要主动了解居民的需要。"),
        Example("这一年社区的面貌发生了显著的变化。"),
        Example("天天向上,好好学习。"),
        Example("日韩有码亚洲专区|国产探花在线播放|东京热av网一区\n\n社區發展工作大會講話,今天的大會是一次重要會議。"),
        Example("請參閱 `并发` 一節。", path="example.md"),
        Example("雇主應於報准後僱用勞工，並補助村（里）辦理廢棄家具之回收；不准運送禁制品。"),
        Example("僱主須為僱員繳納強積金，裏面的説明書載有薪俸税的計算。"),
        Example("我们读了二月河的康雍乾三部曲，还有曹昇写的李斯与秦帝国的故事。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        profile = doc.script
        target = self.settings["script"]
        if target == "auto":
            if not profile.traditional:  # Simplified or neutral text: nothing to flag either way
                return []
            runs = self._auto_runs(doc)
        else:
            wrong = profile.traditional if target == "simplified" else profile.simplified
            runs = [(target, run) for run in _runs(doc, wrong, target, _damage(doc.text))]
        found = []
        conversions: dict[tuple[str, int], str] = {}
        clauses = _Clauses(doc.text)
        regional = None
        for target, (start, end) in runs:
            if target == "auto-traditional":
                if regional is None:
                    regional = _regional_config(doc.text)
                config, target = regional, "traditional"
            else:
                config = _CONFIG[target]
            clause = clauses.around(start, end)
            run = doc.text[start:end]
            if target != "simplified" and clause == (start, end) and run in shared_characters():
                continue  # a shared character alone, as `村（里）`: no word says which form it is
            replacement = _convert_run(doc, clause, start, end, config, conversions)
            if replacement is None:
                continue  # the target standard itself writes it this way
            shared = target == "simplified" and run in shared_characters("TSCharacters")
            if shared and replacement == converter(config).convert(run):
                continue  # no phrase decided (`李承乾`, `曹昇`): Simplified keeps it for names and rare words
            minority = "Traditional" if target == "simplified" else "Simplified"
            name = _NAME[target]
            found.append(
                self.diagnostic(
                    start,
                    end,
                    f"{minority} `{run}` in {name} text; {name} is `{replacement}`",
                    Fix.replace(start, end, replacement, safe=False, message=f"convert to `{replacement}`"),
                )
            )
        return found

    def _auto_runs(self, doc: Document) -> list[tuple[str, tuple[int, int]]]:
        """Runs to flag, each with its target, deciding the script line by line."""
        profile = doc.script
        dominant = profile.dominant
        # In Simplified text only the lines holding Traditional characters
        # matter, and the cheap candidate set is evidence enough for them.
        simplified = profile.simplified_candidates if dominant == "simplified" else profile.simplified
        # Only lines holding the dominant script's minority can have findings
        # (in mixed text, only lines holding both scripts).
        lines = _by_line(doc, profile.traditional if dominant == "simplified" else simplified)
        result = []
        damage = _damage(doc.text)
        for line in sorted(lines, key=lambda line: line.start):
            trad = _between(profile.traditional, line.start, line.end)
            simp = _between(simplified, line.start, line.end)
            if len(simp) >= LINE_EVIDENCE and len(simp) >= DOMINANCE * len(trad):
                script = "simplified"
            elif len(trad) >= LINE_EVIDENCE and len(trad) >= DOMINANCE * len(simp):
                script = "traditional"
            elif dominant in ("simplified", "traditional"):
                script = dominant
            else:
                continue
            if script == "simplified":
                result.extend(("simplified", run) for run in _runs(doc, trad, "simplified", damage))
            else:
                if simplified is not profile.simplified:
                    simp = profile.exactly_simplified(simp)
                result.extend(("auto-traditional", run) for run in _runs(doc, simp, "traditional", damage))
        return result


def _by_line(doc: Document, offsets) -> set:
    """The lines (wenlint Line objects) holding any of ``offsets``."""
    numbers = {bisect.bisect_right(doc.line_starts, offset) for offset in offsets}
    return {doc.line(number) for number in numbers}


def _between(offsets, start: int, end: int):
    """The part of the sorted ``offsets`` within ``start:end``."""
    return offsets[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, end)]


def _runs(doc: Document, offsets, target: str, damage) -> list[tuple[int, int]]:
    """Maximal runs of adjacent ``offsets``, without the ones left alone."""
    text = doc.text
    if offsets:
        script = "simplified" if target == "simplified" else "traditional"
        words = doc.view(_left_alone)[script]
        accepted = _ACCEPTED_IN_TRADITIONAL if script == "traditional" else frozenset()
        offsets = [i for i in offsets if i not in words and text[i] not in accepted]
    runs: list[tuple[int, int]] = []
    for offset in offsets:
        if runs and runs[-1][1] == offset:
            runs[-1] = (runs[-1][0], offset + 1)
        else:
            runs.append((offset, offset + 1))
    return [(start, end) for start, end in runs if not damage(start, end)]


def _left_alone(doc: Document) -> dict[str, frozenset[int]]:
    """For each target script, offsets inside the words left alone in it
    (`_TRADITIONAL_WORDS`, `_NATIVE_NAMES`)."""
    return {
        script: frozenset(i for match in words.finditer(doc.text) for i in range(*match.span()))
        for script, words in (("traditional", _TRADITIONAL_WORDS), ("simplified", _NATIVE_NAMES))
    }


def _damage(text: str):
    """A test whether a span touches encoding damage."""
    spans: list[tuple[int, int]] = []
    if "?" in text or _PRIVATE.search(text):
        for match in _DAMAGE.finditer(text):
            start, end = match.span()
            if not match[0].startswith("?"):
                start, end = start - 2, end + 2
            if spans and start <= spans[-1][1]:
                spans[-1] = (min(spans[-1][0], start), max(spans[-1][1], end))
            else:
                spans.append((start, end))
    starts = [span[0] for span in spans]

    def damaged(start: int, end: int) -> bool:
        index = bisect.bisect_left(starts, end) - 1
        return index >= 0 and spans[index][1] > start

    return damaged


class _Clauses:
    """The clause around a run. Runs come in text order, so the last clause
    found is tried first: a clause holding thousands of runs is searched
    for once, not once per run."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last = (0, -1)

    def around(self, start: int, end: int) -> tuple[int, int]:
        clause_start, clause_end = self.last
        if not (clause_start <= start and end <= clause_end):
            before = _CLAUSE_BREAK_BEFORE.search(self.text, 0, start)
            after = _CLAUSE_BREAK.search(self.text, end)
            self.last = (before.end() if before else 0, after.start() if after else len(self.text))
        return self.last


def _convert_run(doc: Document, clause: tuple[int, int], start: int, end: int, config: str, cache: dict) -> str | None:
    """The run converted with ``config`` in the context of its ``clause``, or
    None when that conversion leaves it unchanged. No OpenCC phrase spans a
    clause break (tests/test_script_mixing.py checks the dictionaries), so
    this converts the run as converting its whole line would.

    The context is first converted to the other script, so that OpenCC sees
    whole phrases of one script: `體系` or `關系` in Traditional text become
    `体系`/`关系` and convert back to `體系`/`關係` rather than `體繫`/`關繫`;
    `破坏布告` in Simplified text is not read as `坏布` (`坯布`).
    """
    text = doc.text
    original = text[start:end]
    clause_start, clause_end = clause
    key = (config, clause_start)
    if key not in cache:
        cache[key] = _convert(text[clause_start:clause_end], config)
    converted = cache[key]
    if converted is not None:
        new = converted[start - clause_start : end - clause_start]
    else:  # a phrase in the clause changed length
        new = converter(config).convert(original)
    return None if new == original else new


def _convert(context: str, config: str) -> str | None:
    """``context`` converted with ``config``, or None if its length changed."""
    other = converter(_OTHER[config]).convert(context)
    if len(other) == len(context):
        context = other
    converted = converter(config).convert(context)
    return converted if len(converted) == len(context) else None


def _regional_config(text: str) -> str:
    """The Traditional standard (OpenCC config) whose regional forms the text uses most."""
    outputs = {config: converter(config).convert(_REGIONAL_PROBE) for config in _REGIONAL_CONFIGS}
    scores = dict.fromkeys(_REGIONAL_CONFIGS, 0)
    for index in range(len(_REGIONAL_PROBE)):
        forms = {outputs[config][index] for config in _REGIONAL_CONFIGS}
        if len(forms) < 2:
            continue
        for config in _REGIONAL_CONFIGS:
            scores[config] += text.count(outputs[config][index])
    return max(_REGIONAL_CONFIGS, key=lambda config: scores[config])
