"""Issue 15's examples of non-prose, through the real command: each one is
flagged or not as fits, and never damaged by a safe fix."""

from __future__ import annotations

import pytest
from conftest import wenlint

#: name: (file name, text, what must survive ``--fix`` unchanged, prose a fix may still repair)
EXAMPLES = {
    "indented code": (
        "a.md",
        '正文,好。\n\n    echo "安装完成,请重启"\n',
        '    echo "安装完成,请重启"\n',
        "正文，好。",
    ),
    "YAML front matter": (
        "a.md",
        "---\ncategories: [指南,入门]\n---\n\n正文,好。\n",
        "categories: [指南,入门]",
        "正文，好。",
    ),
    "TOML front matter": (
        "a.md",
        '+++\ntags = ["指南,入门"]\n+++\n\n正文,好。\n',
        'tags = ["指南,入门"]',
        "正文，好。",
    ),
    "URL with Chinese and a comma (.txt)": (
        "a.txt",
        "报告见 https://example.org/资料/报告,2023.pdf 。今天,我们开会。\n",
        "https://example.org/资料/报告,2023.pdf",
        "今天，我们开会。",
    ),
    "URL with Chinese and a comma (.md)": (
        "a.md",
        "报告见 https://example.org/资料/报告,2023.pdf 。今天,我们开会。\n",
        "https://example.org/资料/报告,2023.pdf",
        "今天，我们开会。",
    ),
    "link destination with parentheses": (
        "a.md",
        "参见[词条](https://zh.wikipedia.org/wiki/长城_(消歧义))。今天,我们开会。\n",
        "(https://zh.wikipedia.org/wiki/长城_(消歧义))",
        "今天，我们开会。",
    ),
    "template tags": (
        "a.md",
        '导航：{{ t("首页,关于") }}。今天,我们开会。\n',
        '{{ t("首页,关于") }}',
        "今天，我们开会。",
    ),
    "definition list": ("a.md", "术语\n: 定义,说明文字。\n", "术语\n: 定义", "定义，说明文字。"),
    "admonition": (
        "a.md",
        '!!! note "注意,事项"\n    内容,这里说明。\n',
        '!!! note "注意,事项"\n    ',
        "内容，这里说明。",
    ),
    "container": ("a.md", "::: tip 提示,说明\n内容,这里说明。\n:::\n", "::: tip 提示,说明\n", "内容，这里说明。"),
    "HTML block": (
        "a.md",
        '<div class="a,b">\n你好,世界\n</div>\n\n正文,好。\n',
        '<div class="a,b">\n你好,世界\n</div>',
        "正文，好。",
    ),
    "inline code": ("a.md", "运行 `echo 好,的` 即可,然后重启。\n", "`echo 好,的`", "即可，然后重启。"),
    "table": ("a.md", "| 名称 | 说明 |\n|---|---|\n| 甲,乙 | 丙 |\n", "|---|---|\n| ", "甲，乙"),
}


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_a_fix_leaves_non_prose_alone_and_still_repairs_the_prose(tmp_path, name, unsafe):
    filename, text, kept, repaired = EXAMPLES[name]
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    result = wenlint("check", "--fix", *(["--unsafe-fixes"] if unsafe else []), str(path))
    assert result.returncode in (0, 1), result.stderr.decode()
    after = path.read_text(encoding="utf-8")
    assert kept in after and repaired in after


def test_a_space_after_heading_markers_is_never_deleted(tmp_path):
    """M007 (opt-in) must not turn a heading into a paragraph."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    path = tmp_path / "a.md"
    text = "## 快速开始\n\n## 1 总则\n\n使用 Python 3 编写。\n"
    path.write_text(text, encoding="utf-8")
    for extra in ([], ["--unsafe-fixes"]):
        assert wenlint("check", "--fix", "--select", "M007", *extra, str(path)).returncode in (0, 1)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "## 快速开始" and lines[2].startswith("## ")


def test_disable_comments_still_work_though_they_are_html(tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text("<!-- wenlint-disable M001 -->\n今天,我们开会。\n<!-- wenlint-enable -->\n明天,再说。\n", "utf-8")
    result = wenlint("check", "--select", "M001", "--output-format", "concise", str(path))
    assert [line.split(": M001")[0][-4:] for line in result.stdout.decode().splitlines() if ": M001" in line] == [
        ":4:3"
    ]
