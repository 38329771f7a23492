"""S013 keyword-stuffing (preview): a keyword dropped between the sentences of
an article is flagged at every place; legitimate repetition is left alone."""

from __future__ import annotations

import pytest
from conftest import findings

from wenlint.registry import all_rules, in_preview

ESSAY = (
    "我的妈妈\n\n我的妈妈很爱我。作文大全 她每天早上给我做饭，送我上学。\n"
    "妈妈工作很辛苦。作文大全 晚上还要辅导我写作业，从来不说累。\n"
    "有一次我生病了，妈妈一夜没睡。 作文大全 她守在我身边，给我讲故事。\n"
    "我长大了也要好好孝顺她，让她过上好日子。作文大全"
)


def test_a_keyword_between_sentences_is_flagged_at_every_place():
    assert findings(ESSAY, "S013") == ["作文大全"] * 4


def test_three_places_are_not_enough():
    assert findings(ESSAY.rsplit("\n", 1)[0], "S013") == []


def test_in_preview():
    assert in_preview(all_rules()["S013"])


@pytest.mark.parametrize(
    "text",
    [
        # a law repeating its own name inside its sentences
        "第一条 为了加强管理，制定本条例。\n第二条 本条例适用于全市。\n第三条 依照本条例规定，各部门负责实施。\n"
        "第四条 违反本条例的，依法处理。\n第五条 本条例自公布之日起施行。",
        # formulaic clauses that end in their own punctuation
        "违反规定的，责令改正。情节严重的，吊销许可证。\n未经批准的，责令改正。情节严重的，处以罚款。\n"
        "逾期不改的，责令停业。情节严重的，依法追究刑事责任。\n拒不执行的，强制执行。情节严重的，依法处理。",
        # a recipe repeating its ingredient
        "番茄炒鸡蛋\n\n材料：西红柿两个，鸡蛋三个。\n将鸡蛋打散，加少许盐。\n锅里放油，先炒鸡蛋，盛出备用。\n"
        "再炒西红柿，最后把鸡蛋倒回去翻炒。\n鸡蛋要炒得嫩一些，口感才好。",
        # a tutorial repeating its product name
        "使用 GitHub Actions 可以自动部署。\nGitHub Actions 的工作流写在 YAML 文件里。\n"
        "GitHub Actions 免费额度足够个人项目使用。\n你在使用 GitHub Actions 时遇到过什么问题？",
        # a Q&A repeating its subject
        "高血压是什么？高血压是一种常见的慢性病。\n高血压有什么症状？高血压早期常常没有症状。\n"
        "高血压怎么治疗？高血压需要长期服药，定期复查。\n高血压能预防吗？高血压可以通过少盐饮食来预防。",
        # a table of people in a fund filing
        "公司董事会成员如下。\n    胡柏枝 独立董事 男中共党员，大专，高级会计师。\n    黄宪 独立董事 男中共党员，博士。\n"
        "    朱恒 独立董事 男中共党员，本科，高级经济师。\n    宋晓燕 独立董事 女 中共党员，法学博士，律师。",
        # headings that repeat a phrase on lines of their own
        "注意事项\n使用前请阅读说明书，按要求操作。\n注意事项\n存放时请远离火源，保持干燥。\n注意事项\n"
        "儿童请在成人陪同下使用。\n注意事项\n如有不适，请立即停止使用。",
    ],
)
def test_legitimate_repetition_is_left_alone(text):
    assert findings(text, "S013") == []
