"""How well the typo rules (T family) do on Chinese spelling-check data.

Not a test. Scores every T rule, and the family together, on the sentence
pairs in ../shared/data/csc/ (read its README; the files are never copied
into the project) and prints one table per setting:

    python bench/typos.py                          # default settings
    python bench/typos.py --option T003:sensitivity=loose
    python bench/typos.py --data /path/to/csc --files ecspell_law

Columns (sentence level; only pairs whose source and target have the same length):

- flags: findings on the source sentences.
- unsc.: those the data cannot score (see below).
- prec: flag precision, the share of the scored findings whose span holds
  a character the target corrects.
- FA clean: false-alarm rate, the share of error-free source sentences
  (source == target) with any finding. FA tgt: the same on every target
  sentence (more sentences; a few targets still hold errors the annotators
  missed, so this over-counts).
- recall: the share of sentences with an error that get a finding on an error.
- corr: correction precision, the share of correct findings whose fix
  (unsafe fixes included) writes exactly the target's text.
- sent/s: source and target sentences checked per second by the rule alone.

After the tables, one row per rule with a column per file gives its flag
precision, false-alarm rate on clean sentences and recall side by side
(`prec/FA/recall`; `-` where nothing was scored).

The data holds only substitutions (pairs of equal length): the annotators
corrected characters one for one and left every deletion or insertion
undone. The findings of a rule whose fix deletes or inserts characters, or
that has no fix (T004 doubled character, T005 stripped character, T006
stripped number or name; see SUBSTITUTING), are therefore not scored: a
real doubled `的的` stays in the target, and counting it as a false flag
would blame the rule for what the data cannot say (and counting only its
hits would flatter it). Such findings are counted (unsc.), left out of the
precision, and listed under the table to be checked by hand; they still
count for recall and against the false-alarm rates. The row
`T001-T003, substitutions` gives the rules this data scores in full.

Document-level rules (T005) need whole documents: the target sentences of
each file are joined into documents of DOC_SENTENCES sentences, and the
table gives the share of them with a T005 finding (they lost nothing), and,
for the characters of STRIPPED used at least 8 times in a document, the
share of documents stripped of every such character that T005 reports.

Also prints the lexicon's load time, the family's throughput on all the
joined documents (MB/s on one core; unlike the seeds repeated, no text is
seen twice) and the process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

from wenlint import Document, Rule
from wenlint.process import collect_less
from wenlint.registry import all_rules

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "csc"
DOC_SENTENCES = 150
#: The rules whose fixes replace characters one for one: the only
#: corrections this data can express (see the module docstring).
SUBSTITUTING = ("T001", "T002", "T003")
#: Flags of the other rules listed per file, at most.
LISTED = 20
STRIPPED = "力相发会理行"


@dataclass
class Score:
    flags: int = 0
    correct: int = 0
    unscored: list[str] = field(default_factory=list)
    corrected: int = 0
    clean: int = 0
    clean_flagged: int = 0
    targets: int = 0
    targets_flagged: int = 0
    errors: int = 0
    errors_found: int = 0
    sentences: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    def row(self, label: str) -> str:
        ratio = lambda a, b: f"{a / b:.3f}" if b else "  -  "
        return (
            f"{label:<26}{self.flags:>6} {len(self.unscored):>5} "
            f"{ratio(self.correct, self.flags - len(self.unscored)):>6} "
            f"{ratio(self.clean_flagged, self.clean):>8} {ratio(self.targets_flagged, self.targets):>7} "
            f"{ratio(self.errors_found, self.errors):>7} {ratio(self.corrected, self.correct):>6} "
            f"{self.sentences / self.seconds if self.seconds else 0:>8.0f}"
        )


def by_rule(scores: dict[tuple[str, str], Score], codes: list[str], files: list[str]) -> str:
    """Precision, false-alarm rate on clean sentences and recall, a row per rule and a column per file."""
    ratio = lambda a, b: f"{a / b:.3f}" if b else "-"
    names = [name.split(".")[0] for name in files]
    width = max(18, *map(len, names)) + 1
    lines = [f"{'prec/FA clean/recall':<26}" + "".join(f"{name:>{width}}" for name in names)]
    for code in codes:
        cells = []
        for name in files:
            result = scores[code, name]
            scored = result.flags - len(result.unscored)
            cells.append(
                f"{ratio(result.correct, scored)}/{ratio(result.clean_flagged, result.clean)}"
                f"/{ratio(result.errors_found, result.errors)}"
            )
        lines.append(f"  {code:<24}" + "".join(f"{cell:>{width}}" for cell in cells))
    return "\n".join(lines)


def typo_rules() -> list[type[Rule]]:
    """Every installed T rule."""
    return [rule for code, rule in all_rules().items() if code.startswith("T")]


def pairs(path: Path) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["src"], row["tgt"]) for row in rows if len(row["src"]) == len(row["tgt"])]


def findings(rules: list[Rule], text: str) -> list:
    doc = Document(text)
    return [d for rule in rules for d in rule.check(doc)]


def corrects(diagnostic, source: str, target: str) -> bool:
    """Whether the finding's fix writes the target's text there (the whole
    target, when the fix changes the length)."""
    if diagnostic.fix is None:
        return False
    text = source
    for edit in sorted(diagnostic.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    if len(text) != len(source):
        return text == target
    start = min(edit.start for edit in diagnostic.fix.edits)
    end = max(edit.end for edit in diagnostic.fix.edits)
    return text[start:end] == target[start:end]


def score(rules: list[Rule], data: list[tuple[str, str]], score: Score) -> None:
    start = time.perf_counter()
    for source, target in data:
        errors = {i for i, (a, b) in enumerate(zip(source, target)) if a != b}
        found = findings(rules, source)
        score.targets += 1
        score.targets_flagged += bool(findings(rules, target))
        if not errors:
            score.clean += 1
            score.clean_flagged += bool(found)
        else:
            score.errors += 1
            score.errors_found += any(errors & set(range(d.start, d.end)) for d in found)
        for diagnostic in found:
            score.flags += 1
            if diagnostic.code not in SUBSTITUTING:
                score.unscored.append(quoted(diagnostic, source, 8))
            elif errors & set(range(diagnostic.start, diagnostic.end)):
                score.correct += 1
                score.corrected += corrects(diagnostic, source, target)
            elif len(score.examples) < 5:
                score.examples.append(quoted(diagnostic, source, 6))
    score.sentences += 2 * len(data)
    score.seconds += time.perf_counter() - start


def quoted(diagnostic, source: str, context: int) -> str:
    """The finding's code and text, with ``context`` characters either side."""
    span = source[max(0, diagnostic.start - context) : diagnostic.end + context]
    return f"{diagnostic.code} `{source[diagnostic.start : diagnostic.end]}` in {span}"


def documents(data: list[tuple[str, str]]) -> list[str]:
    """The target sentences joined into documents."""
    targets = [target for _, target in data]
    return ["\n".join(targets[i : i + DOC_SENTENCES]) for i in range(0, len(targets), DOC_SENTENCES)]


def document_scores(rule: Rule, data: list[tuple[str, str]]) -> str:
    """False alarms on whole clean documents, and detection of stripped characters."""
    docs = documents(data)
    flagged = sum(bool(list(rule.check(Document(doc)))) for doc in docs)
    trials = found = 0
    for doc in docs:
        for char in STRIPPED:
            if doc.count(char) >= 8:
                trials += 1
                messages = [d.message for d in rule.check(Document(doc.replace(char, "")))]
                found += any(m.startswith(f"`{char}` appears stripped") for m in messages)
    return (
        f"  {rule.code} on {len(docs)} documents of {DOC_SENTENCES} sentences: "
        f"{flagged} flagged; stripped {''.join(STRIPPED)}: {found}/{trials} reported"
    )


def throughput(rules: list[Rule], data: list[list[tuple[str, str]]]) -> str:
    """The family's speed on every joined document, each checked once (CPU time)."""
    docs = [doc for pairs_ in data for doc in documents(pairs_)]
    start = time.process_time()
    for doc in docs:
        findings(rules, doc)
    seconds = time.process_time() - start
    megabytes = sum(len(doc.encode()) for doc in docs) / 1e6
    return f"T family on {len(docs)} documents ({megabytes:.2f} MB): {megabytes / seconds:.2f} MB/s"


def parse_options(values: list[str]) -> dict[str, dict]:
    """`CODE:key=value` pairs (value as JSON when it parses, else a string)."""
    options: dict[str, dict] = {}
    for value in values:
        code, _, setting = value.partition(":")
        key, _, raw = setting.partition("=")
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError:
            parsed = raw
        options.setdefault(code.upper(), {})[key] = parsed
    return options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--files", nargs="*", help="file name prefixes (default: every *.jsonl)")
    parser.add_argument("--option", action="append", default=[], help="CODE:key=value, e.g. T003:sensitivity=loose")
    parser.add_argument("--examples", action="store_true", help="show a few wrong findings per rule and file")
    args = parser.parse_args()
    collect_less()  # as the command line does

    from wenlint_rules.typo.lexicon import lexicon

    start = time.perf_counter()
    lexicon()
    load = time.perf_counter() - start
    options = parse_options(args.option)
    classes = typo_rules()
    rules = {cls.code: cls(**options.get(cls.code, {})) for cls in classes}
    files = sorted(args.data.glob("*.jsonl"))
    if args.files:
        files = [path for path in files if path.name.startswith(tuple(args.files))]
    print(f"lexicon loaded in {load:.3f} s; rules {', '.join(rules)}; options {options or 'default'}")
    header = f"{'file / rule':<26}{'flags':>6} {'unsc.':>5} {'prec':>6} {'FA clean':>8} {'FA tgt':>7} {'recall':>7} {'corr':>6} {'sent/s':>8}"
    scores: dict[tuple[str, str], Score] = {}
    for path in files:
        data = pairs(path)
        print(f"\n{path.name} ({len(data)} pairs)\n{header}")
        for code, rule in rules.items():
            result = scores[code, path.name] = Score()
            score([rule], data, result)
            print(result.row(f"  {code} {rule.name}"))
            if args.examples:
                for example in result.examples:
                    print(f"      {example}")
        family = Score()
        score(list(rules.values()), data, family)
        print(family.row("  T family, all rules"))
        substituting = scores["T001-T003", path.name] = Score()
        score([rule for code, rule in rules.items() if code in SUBSTITUTING], data, substituting)
        print(substituting.row("  T001-T003, substitutions"))
        if family.unscored:
            print(f"  not scored (deleting or inserting rules), to check by hand: {len(family.unscored)}")
            for flag in family.unscored[:LISTED]:
                print(f"      {flag}")
        if "T005" in rules:
            print(document_scores(rules["T005"], data))
    print(f"\n{by_rule(scores, [*rules, 'T001-T003'], [path.name for path in files])}")
    print(f"\n{throughput(list(rules.values()), [pairs(path) for path in files])}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
