"""jieba's segmentation computed with rjieba (wenlint.words): word for word
``jieba.lcut``, the HMM on, as datatrove and spaCy call it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import jieba
import pytest

from wenlint.words import cut

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"

jieba.setLogLevel(logging.WARNING)


@pytest.mark.parametrize(
    "text",
    [
        "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        # letters, digits and marks in a run jieba's HMM cuts: rjieba's own HMM keeps them whole
        "实际的是10GBASE-W。2020.5.16这次，现在1.1w，每个月600-800单",
        "ab.cd%ef 量价齐升P-3R STS-192c.The",
        # runs that are words of the dictionary stay in characters (很慢, 想买)
        "速度很慢但是没有想买实体",
        # characters outside jieba's blocks end one (㐀, γ; 鿐 and 丽 are inside them); blanks and CRLF
        "常㐀在去鿐情γ射线丽开\r\n面\u3000好 的\t",
        # the dictionary's words of other characters
        "用C++和C#写AT&T的程序",
        # a character of each block jieba-rs's blocks hold and jieba's do not, beside words its
        # block changes (escapes: the compatibility ideographs would be normalized to 豈 and 丽)
        "着十成年时\u3400会，说\uf900成对一动，可长化\U0002b820如家，"
        "\u4dbf\U00020000有主，同定\u9fe0"
        "9度，说\U0002f800成对",
        # blocks rjieba's HMM cuts as jieba does (Chinese, letters, digits, numbers such as 12.5%)
        # beside blocks cut from the route, first and last in the text, and a mark alone between blanks
        "-截至2019年12月31日，A股收涨1.5%至12.5.。GDP增长3.2%a%%b - 中𠀀国 鿐丽𠀀 ab.c 豈",
        # runs of one-character words with Chinese characters and more in them: jieba's HMM cuts their Chinese
        # characters (转出 and 变红, words of the dictionary, joined; 我姐 too), the rest apart
        "温度能到-40，S2.变红后3.我姐的前3招，1+转出",
        "",
    ],
)
def test_cut_is_jiebas(text):
    assert cut(text) == jieba.lcut(text)


@pytest.mark.slow
@pytest.mark.skipif(not REAL.exists(), reason="needs ../shared/data/real")
@pytest.mark.parametrize("name", ["web.jsonl", "pdf.jsonl", "markdown.jsonl"])
def test_cut_is_jiebas_on_real_text(name):
    texts = [json.loads(line)["text"] for line in (REAL / name).read_text(encoding="utf-8").splitlines()]
    differ = [index for index, text in enumerate(texts) if cut(text) != jieba.lcut(text)]
    assert differ == []
