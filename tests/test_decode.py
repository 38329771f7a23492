"""Bytes to Document: encodings, byte-order marks, detection, binary input."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest
from conftest import SEED_FILES, seed, wenlint

from wenlint.decode import CONFIDENT, InputError, decode
from wenlint.document import Document

SENTENCE = "今天，我们召开全区社区建设工作会议，主要是贯彻省、市创建平安和谐社区经验交流会精神。\n"
TRADITIONAL = "今天，我們召開全區社區建設工作會議，主要是貫徹省、市創建平安和諧社區經驗交流會精神。\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (SENTENCE.encode(), "utf-8", False),
        (b"\xef\xbb\xbf" + SENTENCE.encode(), "utf-8", True),
        (b"\xff\xfe" + SENTENCE.encode("utf-16-le"), "utf-16-le", True),
        (b"\xfe\xff" + SENTENCE.encode("utf-16-be"), "utf-16-be", True),
        (b"\xff\xfe\x00\x00" + SENTENCE.encode("utf-32-le"), "utf-32-le", True),
        (b"\x00\x00\xfe\xff" + SENTENCE.encode("utf-32-be"), "utf-32-be", True),
        (SENTENCE.encode("utf-16-le"), "utf-16-le", False),  # no BOM: NUL in every other byte of the ASCII
    ],
)
def test_unicode_encodings_are_read_exactly_and_written_back_the_same(data, encoding, bom):
    doc = decode(data, "a.txt")
    assert (doc.text, doc.encoding, doc.bom) == (SENTENCE, encoding, bom)
    assert doc.confidence >= CONFIDENT
    assert doc.to_source().encode(doc.encoding) == data


def test_gb18030_and_big5_are_detected_with_confidence():
    gb = decode(SENTENCE.encode("gb18030"))
    assert (gb.text, gb.encoding) == (SENTENCE, "gb18030") and gb.confidence >= CONFIDENT
    gbk = decode(SENTENCE.encode("gbk"))
    assert gbk.encoding == "gb18030" and gbk.text == SENTENCE
    big5 = decode(TRADITIONAL.encode("big5"))
    assert (big5.text, big5.encoding) == (TRADITIONAL, "big5") and big5.confidence >= CONFIDENT


def test_every_seed_line_in_a_legacy_encoding_is_read_back_exactly():
    """Each line of the seeds with six or more Chinese characters, alone, in
    GB18030 and (the Traditional seeds) Big5."""
    tried = 0
    for path in SEED_FILES:
        codecs = ("gb18030", "big5") if path.name[:3] in ("001", "002") else ("gb18030",)
        for line in path.read_text(encoding="utf-8").splitlines():
            if sum("\u4e00" <= ch <= "\u9fff" for ch in line) < 6:
                continue
            for codec in codecs:
                try:
                    data = line.encode(codec)
                except UnicodeEncodeError:
                    continue
                if data.isascii():
                    continue
                assert decode(data).text == line, (codec, line)
                tried += 1
    assert tried > 150


def test_an_ambiguous_snippet_is_decoded_but_not_confidently():
    """Six bytes that are a plausible GB18030 text and a possible Big5 one."""
    doc = decode("你好，世界。".encode("gb18030"))
    assert doc.text == "你好，世界。" and doc.encoding == "gb18030"
    assert doc.confidence < CONFIDENT


def test_unknown_encoding_is_not_called_binary():
    with pytest.raises(
        InputError, match=r"^unknown text encoding: not UTF-8 \(byte 0xe9 at offset 3\), UTF-16, GB18030 or Big5$"
    ):
        decode("café au lait".encode("latin-1"))
    with pytest.raises(InputError, match="^unknown text encoding"):
        decode(b"\x80\x80abc")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\0\x06\0", "ZIP archive (or DOCX/XLSX/EPUB)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", "OLE2 file (DOC/XLS/PPT)"),
        (b"\x1f\x8b\x08\0\0\0\0\0", "gzip archive"),
        (b"RIFF\x24\0\0\0WEBPVP8 ", "WebP image"),
        (b"{\\rtf1\\ansi\\ansicpg936 \\'c4\\'e3}", "RTF document"),
        ("第一行\n".encode() + b"\0\x01\x02\x03" * 10, "NUL bytes"),
    ],
)
def test_binary_input_is_refused_by_magic_number_or_nul(data, kind):
    with pytest.raises(InputError, match=rf"^binary file \({kind.replace('(', '.').replace(')', '.')}\), not text$"):
        decode(data)


def test_empty_input_is_an_empty_document_and_a_broken_byte_order_mark_an_error():
    assert decode(b"").text == ""
    with pytest.raises(InputError, match=r"^not valid UTF-16LE \(byte 0x00 at offset 4\)"):
        decode(b"\xff\xfea\x00\x00\xd8")  # a lone surrogate after the BOM


def test_mixed_line_endings_are_recorded_before_they_are_normalised():
    doc = Document.from_source("一\r\n二\r\n三\n四\r\n")
    assert doc.text == "一\n二\n三\n四\n" and doc.newline == "\r\n"
    assert doc.mixed_newline_at == 5 and doc.text[5] == "\n" and doc.text[4] == "三"
    lf = Document.from_source("一\n二\r\n三\n")
    assert lf.newline == "\n" and lf.mixed_newline_at == 3
    assert Document.from_source("一\r\n二\r\n").mixed_newline_at is None
    assert Document.from_source("一\n二\n").mixed_newline_at is None


# -- the acceptance test: each seed in other encodings --------------------------


def _versions(tmp_path: Path) -> dict[str, Path]:
    """Directories holding the seeds as UTF-8 and in other encodings. Big5
    cannot hold the Simplified seeds, nor every line of the Traditional
    ones (001 has a Simplified spam line and mojibake): the Big5 versions
    hold the lines Big5-HKSCS can encode, beside their UTF-8 originals."""
    encodings = {"utf8": "utf-8", "gb18030": "gb18030", "utf16": "utf-16", "utf8bom": "utf-8-sig"}
    dirs = {name: tmp_path / name for name in (*encodings, "big5", "big5-original")}
    for directory in dirs.values():
        directory.mkdir()
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    for path in SEED_FILES:
        text = path.read_text(encoding="utf-8")
        for name, codec in encodings.items():
            (dirs[name] / path.name).write_bytes(text.encode(codec))
        if path.name[:3] in ("001", "002"):
            lines = []
            for line in text.split("\n"):
                try:
                    line.encode("big5hkscs")
                    lines.append(line)
                except UnicodeEncodeError:
                    pass
            subset = "\n".join(lines)
            (dirs["big5"] / path.name).write_bytes(subset.encode("big5hkscs"))
            (dirs["big5-original"] / path.name).write_text(subset, encoding="utf-8")
    return dirs


def _findings(dirs: dict[str, Path]) -> dict[str, dict[str, list[tuple]]]:
    """The findings of one run over every version, by version and file."""
    result = wenlint("check", *map(str, dirs.values()), "--output-format", "json")
    assert result.returncode == 1, result.stderr.decode()
    found: dict[str, dict[str, list[tuple]]] = {name: {} for name in dirs}
    for item in json.loads(result.stdout):
        path = Path(item["filename"])
        found[path.parent.name].setdefault(path.name, []).append(
            (item["code"], item["offset"], item["end_offset"], item["message"], item["fingerprint"])
        )
    return found


@pytest.mark.slow
def test_each_seed_in_another_encoding_gives_the_same_findings_and_fixes(tmp_path):
    dirs = _versions(tmp_path)
    found_in = _findings(dirs)
    original = found_in["utf8"]
    assert original
    assert all(not any(f[0] == "E001" for f in found) for found in original.values())
    for name in ("gb18030", "utf16", "utf8bom", "big5"):
        reference = original if name != "big5" else found_in["big5-original"]
        found = found_in[name]
        assert found and set(found) == set(reference), name
        for file, findings in found.items():
            e001 = [f for f in findings if f[0] == "E001"]
            assert len(e001) == (0 if name == "utf8bom" else 1), (name, file)
            assert [f for f in findings if f[0] != "E001"] == reference[file], (name, file)

    wenlint("check", "--fix", *map(str, dirs.values()))
    for name, reference in (("gb18030", "utf8"), ("utf16", "utf8"), ("big5", "big5-original")):
        assert any(dirs[name].iterdir()), name
        for path in dirs[name].iterdir():
            assert path.read_bytes() == (dirs[reference] / path.name).read_bytes(), (name, path.name)
    assert any(dirs["utf8bom"].iterdir())
    for path in dirs["utf8bom"].iterdir():  # still UTF-8, so it keeps its byte-order mark
        assert path.read_bytes() == b"\xef\xbb\xbf" + (dirs["utf8"] / path.name).read_bytes()


def test_the_seeds_in_gb18030_are_read_with_confidence():
    for path in SEED_FILES:
        doc = decode(path.read_text(encoding="utf-8").encode("gb18030"))
        assert doc.encoding == "gb18030" and doc.confidence >= CONFIDENT, (path.name, doc.confidence)


def test_an_unsure_detection_is_only_rewritten_with_unsafe_fixes(tmp_path):
    path = tmp_path / "short.txt"
    data = "你好，世界。\n".encode("gb18030")
    path.write_bytes(data)
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    report = wenlint("check", str(path), "--select", "E001", "--output-format", "concise").stdout.decode()
    assert "E001 [-] the file is GB18030 (confidence 0.67), not UTF-8" in report
    wenlint("check", "--fix", "--select", "E001", str(path))
    assert path.read_bytes() == data
    wenlint("check", "--fix", "--unsafe-fixes", "--select", "E001", str(path))
    assert path.read_bytes() == "你好，世界。\n".encode()


def test_diff_shows_an_encoding_change_in_the_header(tmp_path):
    shutil.copy(seed("000"), tmp_path / "doc.txt")
    (tmp_path / "doc.txt").write_bytes((tmp_path / "doc.txt").read_text(encoding="utf-8").encode("gb18030"))
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    before = (tmp_path / "doc.txt").read_bytes()
    only_encoding = wenlint("check", "--diff", "--select", "E001", str(tmp_path / "doc.txt"))
    name = tmp_path / "doc.txt"
    assert only_encoding.stdout.decode() == f"--- a/{name}\t(GB18030, LF)\n+++ b/{name}\t(UTF-8, LF)\n"
    assert only_encoding.returncode == 1
    with_text = wenlint("check", "--diff", "--select", "E001,M001", str(name)).stdout.decode()
    assert with_text.startswith(f"--- a/{name}\t(GB18030, LF)\n+++ b/{name}\t(UTF-8, LF)\n@@ ")
    assert "-同志们:" in with_text and "+同志们：" in with_text
    assert (tmp_path / "doc.txt").read_bytes() == before


def test_utf8_cut_off_mid_character_says_so():
    data = seed("000").read_text(encoding="utf-8").encode()[:-2]  # the last character loses a byte, and the newline
    with pytest.raises(
        InputError, match=rf"^UTF-8 cut off in the middle of a character at the end \(offset {len(data) - 2}\)$"
    ):
        decode(data)


def test_16_bit_numbers_are_binary_though_they_read_as_ascii_in_utf16be(tmp_path):
    """Big-endian 16-bit numbers below 128 hold a NUL in every other byte, as
    BOM-less UTF-16BE ASCII does, but read as controls text never holds."""
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "counts.txt").write_bytes(struct.pack(">64H", *range(1, 65)))
    page = "第一页\t今天，我们开会。\f第二页\r\n"  # a tab, a form feed (as pdftotext leaves) and CRLF: text
    (tmp_path / "le.txt").write_bytes(page.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(page.encode("utf-16-be"))
    (tmp_path / "bom.txt").write_bytes(b"\xfe\xff" + page.encode("utf-16-be"))
    result = wenlint("check", ".", "--select", "E001", "--output-format", "concise", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "error: ./counts.txt: binary file (NUL bytes), not text\n"
    flagged = sorted(line.split(":")[0] for line in result.stdout.decode().splitlines() if ": E001 " in line)
    assert flagged == ["./be.txt", "./bom.txt", "./le.txt"]
