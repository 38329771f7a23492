"""``wenlint scan --preset``: a recipe's thresholds, its keep/drop decision and the reasons per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import wenlint

from wenlint.config import Settings
from wenlint.corpus.presets import PRESETS, preset_options, preset_thresholds, with_preset
from wenlint.registry import all_rules

PROSE = (
    "社区是城市社会的基本构成单元，也是构建和谐社会的重要基石。近年来，我们坚持把社区建设摆在突出位置，"
    "不断完善社区服务体系，持续改善居民生活环境。\n"
    "会议要求各街道认真总结经验，查找不足，明确下一阶段的目标任务，切实把各项工作落到实处。\n"
    "明年将新建三个养老服务中心，改造老旧小区十二个，增加停车位两千个，让群众得到更多实惠。\n"
    "各部门要加强协作，形成合力，确保各项任务按期完成，以优异成绩迎接新一年的到来。\n"
    "街道社区要主动作为，积极回应居民关切，把好事办好，把实事办实。\n"
)
#: 270 characters: 30 lines of 8 (4 words each), no line ending a sentence.
SPAM = "点击下载最新版本\n" * 30
#: Ten lines of `商品` and a number (2 words), the last two ending in `。` (3 words): 43 characters.
LIST = "".join(f"商品{n}\n" for n in range(1, 9)) + "商品9。\n商品10。\n"


def test_fineweb2_cmn_sets_the_cmn_hani_thresholds_and_turns_the_rest_off():
    options = preset_options("fineweb2-cmn")
    assert set(options) == {"D003", "D004", "D006"}
    assert options["D003"]["max_dup_line_frac"] == 0.287 and options["D003"]["max_top_2_gram"] == 0.256
    assert options["D003"]["max_duplicated_10_n_grams"] == 0.127 and options["D003"]["max_char_dup_ratio"] == 0.1
    assert options["D003"]["max_dup_para_frac"] == 0 and options["D003"]["max_char_rep_ratio"] == 0
    assert options["D003"]["min_chars"] == 0  # datatrove judges every document
    assert options["D004"] == {"min_line_punct_ratio": 0.106, "max_short_line_ratio": 0}
    assert options["D006"] == {"max_list_ratio": 0.178, "min_avg_line_length": 0, "min_chars": 0}


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_a_preset_selects_its_rules_though_they_are_in_preview(name):
    settings = with_preset(Settings(), name)
    rules = {rule.code: rule for rule in settings.make_rules(settings.codes_for("-"))}
    assert preset_thresholds(name)
    for code, thresholds in preset_thresholds(name).items():
        for option, value in thresholds.items():
            assert rules[code].settings[option] == value


def test_every_preset_a_rule_names_exists():
    named = {name for rule in all_rules().values() for name in getattr(rule, "presets", {})}
    assert named == set(PRESETS)


def write_shard(folder: Path, texts: dict[str, str]) -> Path:
    (folder / "wenlint.toml").write_text("", encoding="utf-8")
    shard = folder / "in.jsonl"
    lines = [json.dumps({"id": key, "text": text}, ensure_ascii=False) for key, text in texts.items()]
    shard.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shard


def read(path: Path) -> dict[str, dict]:
    return {row["id"]: row["wenlint"] for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_scan_with_a_preset_keeps_and_drops_as_the_recipe_does_with_reasons(tmp_path):
    shard = write_shard(tmp_path, {"prose": PROSE, "spam": SPAM, "list": LIST})
    kept, dropped = tmp_path / "kept.jsonl", tmp_path / "dropped.jsonl"
    result = wenlint("scan", str(shard), "-o", str(kept), "--preset", "fineweb2-cmn", "--rejected", str(dropped))
    assert result.returncode == 0, result.stderr
    assert read(kept)["prose"]["recipe"] == {"keep": True, "reasons": []}
    rejected = read(dropped)
    assert set(rejected) == {"spam", "list"}
    # SPAM: 29 of its 31 lines (the empty one after the last break counts) are copies, 0.935 > 0.287;
    # `点击 下载` is 5 characters, 30 times: 150 / 270 = 0.556 > 0.256, and so on for 3- and 4-grams;
    # every later 5- to 10-gram repeats; copied lines hold 29 × 8 of the 240 characters that are not
    # breaks (0.967 > 0.1); no line ends a sentence (0 < 0.106); 30 breaks for 120 words (0.25 > 0.178)
    assert rejected["spam"]["recipe"] == {
        "keep": False,
        "reasons": [
            "dup_line_frac",
            *(f"top_{n}_gram" for n in (2, 3, 4)),
            *(f"duplicated_{n}_n_grams" for n in range(5, 11)),
            "char_dup_ratio",
            "line_punct_ratio",
            "list_ratio",
        ],
    }
    # LIST: 10 breaks for 22 words (0.455 > 0.178); and, as in datatrove, the "top" 4-gram is the first
    # one even though it occurs once: `商品 1 商品 2`, 9 of 43 characters (0.209 > 0.171)
    assert rejected["list"]["recipe"] == {"keep": False, "reasons": ["top_4_gram", "list_ratio"]}
    summary = json.loads((tmp_path / "kept.jsonl.summary.json").read_text(encoding="utf-8"))
    assert (summary["kept"], summary["rejected"]) == (1, 2)
    # documents per reason: both dropped ones for top_4_gram and list_ratio, the spam alone for the rest
    reasons = summary["recipe_reasons"]
    assert (reasons["top_4_gram"], reasons["list_ratio"], reasons["dup_line_frac"], len(reasons)) == (2, 2, 1, 13)
    assert "what the recipe drops documents for" in result.stdout.decode()


def test_a_preset_and_min_score_both_reject(tmp_path):
    masked = PROSE.replace("养老服务中心", "**中心")  # P001: the recipe keeps it, the score does not reach 100
    shard = write_shard(tmp_path, {"prose": PROSE, "spam": SPAM, "masked": masked})
    kept, dropped = tmp_path / "kept.jsonl", tmp_path / "dropped.jsonl"
    args = ("--preset", "chinesewebtext", "--min-score", "100", "--rejected", str(dropped))
    result = wenlint("scan", str(shard), "-o", str(kept), *args)
    assert result.returncode == 0, result.stderr
    assert read(kept)["prose"] == {**read(kept)["prose"], "score": 100, "recipe": {"keep": True, "reasons": []}}
    rejected = read(dropped)
    assert rejected["masked"]["recipe"] == {"keep": True, "reasons": []} and rejected["masked"]["score"] < 100
    # SPAM: from the 10th character on, every 13-character gram repeats one 9 characters back: 20 steps of
    # 13, 260 of 270 characters (0.963 > 0.5); 270 characters on 30 lines average 9 (< 10); 240 Chinese
    # characters are enough (≥ 200)
    assert rejected["spam"]["recipe"] == {"keep": False, "reasons": ["duplicated_13_char_grams", "avg_line_length"]}


def test_the_recipe_decision_is_in_the_parquet_schema(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    shard = write_shard(tmp_path, {"prose": PROSE, "laugh": "哈" * 300, "stars": "★☆" * 150})
    out, dropped = tmp_path / "out.parquet", tmp_path / "dropped.parquet"
    result = wenlint("scan", str(shard), "-o", str(out), "--preset", "datajuicer-zh", "--rejected", str(dropped))
    assert result.returncode == 0, result.stderr
    rows = pq.read_table(out).to_pylist() + pq.read_table(dropped).to_pylist()
    recipes = {row["id"]: row["wenlint"]["recipe"] for row in rows}
    assert [row["id"] for row in pq.read_table(out).to_pylist()] == ["prose"]
    assert recipes["prose"] == {"keep": True, "reasons": []}
    # one 10-gram, 291 times: the most frequent is all of them (1 > 0.6)
    assert recipes["laugh"] == {"keep": False, "reasons": ["char_rep_ratio"]}
    # two 10-grams, 146 and 145 times: ⌊√2⌋ = 1 counted, 146 / 291 = 0.502 ≤ 0.6; but every character
    # is a symbol (1 > 0.25)
    assert recipes["stars"] == {"keep": False, "reasons": ["special_char_ratio"]}
