"""Print-ready: what LibreOffice makes of the documents, page by page (issue 16)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from pages import page_texts

from ua_letters.cases.lookup import find
from ua_letters.exporters.docx import build_docx
from ua_letters.letters.letter import Writer
from ua_letters.letters.render import render

DAY = date(2023, 6, 15)
DATA = Path(__file__).resolve().parent / "data"
SENTENCE = "I visited Kashgar some years ago and was welcomed by everyone I met there. "
CHINESE = "我曾到喀什旅行，当地人热情好客，令我难忘。"


@pytest.fixture(scope="module")
def case():
    return find("33.23", []).case


def _squash(text: str) -> str:
    return "".join(text.split())


def test_the_sign_off_never_stands_alone_on_a_page(case, tmp_path):
    """Notes of every length around the page end: the closing (此致 / 敬礼！), the name and
    the Chinese date always share a page with each other and with the end of the body."""
    letters = {}
    for words in range(40, 121, 8):
        writer = Writer(name="Jane Doe", country="United Kingdom",
                        note=(SENTENCE * 10)[: words * 6])
        letters[f"en-{words}"] = render(case, "ma-xingrui", writer, "en", today=DAY, vary=False)
    for chars in range(150, 451, 30):
        writer = Writer(name="王小明", country="英国", note=CHINESE * (chars // len(CHINESE)))
        letters[f"zh-{chars}"] = render(case, "ma-xingrui", writer, "zh", today=DAY, vary=False)
    pages = page_texts({name: build_docx([letter]) for name, letter in letters.items()},
                       tmp_path)
    spilled = 0
    for name, letter in letters.items():
        sign_off = [line for kind in ("closing", "signature") for block in
                    letter.of_kind(kind) for line in block.lines]
        if letter.language == "zh":
            sign_off += list(letter.of_kind("date")[-1].lines)
        squashed = [_squash(page) for page in pages[name]]
        closing = _squash(sign_off[0])
        holding = [page for page in squashed if closing in page]
        assert len(holding) == 1, f"{name}: no single page with {sign_off[0]!r}"
        page = holding[0]
        rest = page[page.index(closing):]
        for line in sign_off[1:]:
            assert _squash(line) in rest, f"{name}: {line!r} is not on the page of the closing"
        assert not page.startswith(closing), f"{name}: no body text above the closing"
        spilled += len(pages[name]) > 1
    assert spilled, "no note was long enough to test a second page"


@pytest.mark.parametrize("sheet", ["l7160", "5160"])
def test_labels_are_readable_padded_and_never_clipped(runner, in_tmp, sheet):
    """At least 8 pt, at least 2 mm from every cut edge, and every line printed."""
    import re
    import zipfile

    from conftest import TEST_CASES
    from pages import page_texts

    from ua_letters.cli import app

    texts = []
    for case, targets in (("33.23", "all"), ("164.20", "all")):
        out = in_tmp / f"{case}-{sheet}"
        result = runner.invoke(app, ["batch", case, str(DATA / "participants-sample.csv"),
                                     "--to", targets, "-o", str(out), "--labels",
                                     "--label-sheet", sheet, "--no-email", "--quiet",
                                     "--cases", str(TEST_CASES), "--date", "2023-07-01"])
        assert result.exit_code in (0, 3), result.output
        texts.append(out / "labels.docx")
    for path in texts:
        xml = zipfile.ZipFile(path).read("word/document.xml").decode()
        sizes = {int(v) for v in re.findall(r'<w:sz w:val="(\d+)"/>', xml)}
        assert min(sizes) >= 16, f"{path.name}: text at {min(sizes) / 2} pt"
        for cell in re.findall(r"<w:tc>.*?</w:tc>", xml):
            if "<w:t " in cell:  # a label, not the gap between two
                margins = re.search(r"<w:tcMar>(.*?)</w:tcMar>", cell)[1]
                insets = [int(v) for v in re.findall(r'w:w="(\d+)"', margins)]
                assert len(insets) == 4 and min(insets) >= 113  # 2 mm on every side
    (in_tmp / "pdf").mkdir()
    printed = page_texts({p.parent.name: p.read_bytes() for p in texts}, in_tmp / "pdf")
    for path in texts:
        document = docx.Document(str(path))
        lines = {line for row in document.tables[0].rows for cell in row.cells
                 for line in cell.text.splitlines() if line.strip()}
        shown = _squash("".join(printed[path.parent.name]))
        missing = [line for line in lines if _squash(line) not in shown]
        assert not missing, f"{path.parent.name}: clipped or wrapped: {missing[:3]}"


def test_duplex_prints_a_blank_back_after_every_one_page_letter(runner, in_tmp):
    """In the PDF too: LibreOffice's export drops the blanks odd-page breaks only imply."""
    from pages import page_counts

    from ua_letters.cli import app

    result = runner.invoke(app, ["batch", "33.23", str(DATA / "participants-sample.csv"),
                                 "--to", "all", "-o", "out", "--duplex", "--no-email",
                                 "--quiet", "--date", "2023-07-01"])
    assert result.exit_code in (0, 3), result.output
    letters = len(docx.Document(str(in_tmp / "out" / "letters.docx")).sections)
    (in_tmp / "pdf").mkdir()
    pages = page_counts({"letters": (in_tmp / "out" / "letters.docx").read_bytes()},
                        in_tmp / "pdf")
    assert pages == {"letters": 2 * letters - 1}


def test_the_envelope_recipient_block_stands_at_a_fixed_place(runner, in_tmp):
    """A two-line and a six-line return address: the recipient starts at the same height."""
    import re
    import subprocess

    from pages import page_counts

    from ua_letters.cli import app

    sheet = in_tmp / "senders.csv"
    sheet.write_text('name,address,city,postcode,country\n'
                     'Ann Lee,,Oxford,,United Kingdom\n'
                     'Bo Roy,"Flat 3\nThe Old Mill\n12 Long Lane\nLower Slaughter",'
                     'Cheltenham,GL54 2HS,United Kingdom\n', encoding="utf-8")
    for size in ("dl", "c5"):
        out = in_tmp / size
        result = runner.invoke(app, ["batch", "33.23", str(sheet), "--to", "ma-xingrui",
                                     "-o", str(out), "--envelopes", "--envelope-size", size,
                                     "--no-email", "--quiet", "--date", "2023-07-01"])
        assert result.exit_code == 0, result.output
        folder = in_tmp / f"pdf-{size}"
        folder.mkdir()
        assert page_counts({"envelopes": (out / "envelopes.docx").read_bytes()},
                           folder) == {"envelopes": 2}
        boxes = subprocess.run(["pdftotext", "-bbox", str(folder / "envelopes.pdf"), "-"],
                               check=True, capture_output=True, text=True).stdout
        pages = boxes.split("<page ")[1:]
        tops = [float(re.search(r'yMin="([\d.]+)"[^>]*>830041<', page)[1]) for page in pages]
        assert abs(tops[0] - tops[1]) < 1, f"{size}: recipient at {tops} pt"


def test_a_label_never_wraps_a_chinese_line_it_gives_the_latin_address_instead():
    from ua_letters.exporters.envelopes import LABEL_MIN_PT, SHEETS, label_layout

    width, height = SHEETS["l7160"].label
    long_line = "新疆维吾尔自治区乌鲁木齐市天山区中山路479号大院"
    lines, size = label_layout([[long_line, "马兴瑞书记"], ["Ma Xingrui", "CHINA"]],
                               width, height)
    assert lines == ["Ma Xingrui", "CHINA"] and size >= LABEL_MIN_PT
    lines, _ = label_layout([["新疆乌鲁木齐市", "马兴瑞书记"], ["Ma Xingrui"]], width, height)
    assert lines == ["新疆乌鲁木齐市", "马兴瑞书记"]


def test_chinese_on_envelopes_is_set_in_the_chinese_font_middle_dot_included(case):
    """An envelope's Chinese stretches name the East Asian font in every slot and are
    tagged zh-CN, so LibreOffice prints the · of a name in it too, as Word does for the
    hint; the Latin lines stay in Arial."""
    from io import BytesIO

    from ua_letters.exporters.envelopes import envelopes

    writer = Writer(name="卡米莱·瓦依提", address="12 Church Lane", city="Oxford",
                    postcode="OX1 2AB", country="United Kingdom")
    letter = render(case, "ma-xingrui", writer, "zh", today=DAY)
    runs = docx.Document(BytesIO(envelopes([letter], case, "dl"))).element.body.xpath(".//w:r")
    texts = {"".join(r.xpath("./w:t/text()")): r for r in runs}
    wide = {text: run for text, run in texts.items() if run.xpath("./w:rPr/w:rFonts/@w:ascii")}
    assert "卡米莱·瓦依提" in wide and any("乌鲁木齐" in text for text in wide)
    for text, run in wide.items():
        assert run.xpath("./w:rPr/w:rFonts/@w:hAnsi") == ["SimSun"], text
        assert run.xpath("./w:rPr/w:rFonts/@w:hint") == ["eastAsia"], text
        assert run.xpath("./w:rPr/w:lang/@w:val") == ["zh-CN"], text
    assert not texts["12 Church Lane"].xpath("./w:rPr/w:rFonts")
