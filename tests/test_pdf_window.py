"""Issue 18's acceptance: after `--fix --unsafe-fixes` with the L family, an
annual-report window keeps no running header or page number inside a
sentence and loses no digit of its content. Own window always; the real
windows of shared/data/real/pdf.jsonl, paged as bench/pdf_damage.py pages
them, where that file is present."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import regex

from wenlint import Document
from wenlint.engine import fix
from wenlint.registry import all_rules

BENCH = Path(__file__).resolve().parents[1] / "bench" / "pdf_damage.py"
_spec = importlib.util.spec_from_file_location("pdf_damage", BENCH)
pdf_damage = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pdf_damage)

HEADER = pdf_damage.HEADER
PROSE = "报告期内，公司坚持以市场为导向，不断完善质量体系建设和环境健康安全体系建设。" * 6
#: Rows as the annual-report parser writes them: headings, check boxes, table
#: rows with cells wrapped onto the next line, a number cut from its unit.
ROWS = (
    "三、核心竞争力分析\n□ 适用 √ 不适用\n项目 期末余额 期初余额\n",
    "房屋建设工程 1,816,86\n9.49 4,597,40\n0.47 金融机\n构贷款\n",
    f"报告期内实现营业收入12.5\n亿元，{PROSE}\n",
)


def _fix_with_the_l_family(text: str) -> str:
    family = [rule() for code, rule in all_rules().items() if code.startswith("L")]
    return fix(Document.from_source(text, "report.txt"), family, unsafe=True).doc.text


def _digits(text: str) -> str:
    return regex.sub(r"\D", "", text)


def test_own_annual_report_window():
    first, second, third = ROWS
    content = f"{first}{PROSE}公司董事会、监事会成员均已出席。{PROSE}\n{second}{PROSE}\n{third}"
    paged = (
        f"{first}{PROSE}公司董事会、\n41\n\n监事会成员均已出席。{PROSE}\n"
        f"42\n{HEADER}\n{second}{PROSE}\n43\n{HEADER}\n{third}"
    )
    fixed = _fix_with_the_l_family(paged)
    assert HEADER not in fixed
    assert "公司董事会、监事会成员均已出席。" in fixed
    assert _digits(fixed) == _digits(content)
    assert "1,816,869.49 4,597,400.47 金融机构贷款" in fixed
    assert "营业收入12.5亿元，" in fixed


@pytest.mark.skipif(not pdf_damage.REAL.exists(), reason="shared/data/real is absent")
def test_real_annual_report_windows():
    windows = [doc for doc in pdf_damage.documents() if doc.path.startswith("finglm")]
    assert windows
    for number, doc in enumerate(windows):
        paged, furniture = pdf_damage.paged(doc.text, 20 + 30 * number)
        assert furniture, doc.path
        fixed = _fix_with_the_l_family(paged)
        assert HEADER not in fixed, doc.path
        assert _digits(fixed) == _digits(doc.text), doc.path
