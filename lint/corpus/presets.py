"""Recipes as presets: ``scan --preset NAME`` sets the document-level rules'
thresholds to those of a published web-corpus recipe, and the recipe's
keep/drop decision, with its reasons, joins each record's ``wenlint`` object.

=================  ==========================================================
``fineweb2-cmn``   FineWeb-2's Mandarin (``cmn_Hani``) configuration of
                   datatrove's Gopher repetition filter (duplicate lines,
                   top 2–4-grams, duplicated 5–10-grams) and FineWeb quality
                   filter (line punctuation, duplicated-line characters,
                   line breaks per word), as FineWeb-2's pipeline sets them
``chinesewebtext`` ChineseWebText's rules: 30 % Chinese characters, 200 of
                   them, lines of 10 characters on average, 13-gram
                   repetition at most 50 %
``datajuicer-zh``  data-juicer's Chinese refinement recipe: character 10-gram
                   repetition at most 0.6, and its special-character filter
                   (default 0.25)
=================  ==========================================================

Not reproduced: FineWeb-2's Gopher quality filter (word counts and lengths,
stop words; D005's ``min_stop_words`` is the stop-word part), language
identification and deduplication; ChineseWebText's sensitive-word density
and data-juicer's flagged-word ratio (wenlint ships no such word lists).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line reads PRESETS before it loads any rule
    from wenlint.config import Settings

#: The presets, by name. Each document-level rule says what thresholds a
#: preset gives it (``SignalRule.presets``); a preset runs the rules that name it.
PRESETS = ("fineweb2-cmn", "chinesewebtext", "datajuicer-zh")


def preset_thresholds(name: str) -> dict[str, dict[str, float]]:
    """Rule code → the thresholds the preset ``name`` sets, for every rule that names it."""
    from wenlint.registry import all_rules

    return {
        code: rule.presets[name] for code, rule in sorted(all_rules().items()) if name in getattr(rule, "presets", {})
    }


def preset_options(name: str) -> dict[str, dict[str, Any]]:
    """Every option of the preset's rules: its thresholds, the others off, every document judged."""
    from wenlint.registry import all_rules

    rules = all_rules()
    options = {}
    for code, thresholds in preset_thresholds(name).items():
        rule = rules[code]
        values: dict[str, Any] = {option: 0.0 for option in rule.options if option.startswith(("max_", "min_"))}
        values.update({option: float(value) for option, value in thresholds.items()})
        if "min_chars" in rule.options:  # not a threshold on a signal: every document is judged
            values["min_chars"] = 0
        options[code] = values
    return options


def with_preset(settings: Settings, name: str) -> Settings:
    """``settings`` running the preset's rules (selected by their codes) with its thresholds."""
    options = dict(settings.rule_options)
    for code, values in preset_options(name).items():
        options[code] = tuple(sorted(values.items()))
    return replace(
        settings,
        extend_select=settings.extend_select + tuple(preset_thresholds(name)),
        rule_options=tuple(sorted(options.items())),
    )
