"""--letterhead: a group's own Word document as the base of every letter (issue 16)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
import pytest
from conftest import JANE
from docx.shared import Cm, Pt
from pages import page_texts

from ua_letters.cli import app

DATA = Path(__file__).resolve().parent / "data"
HEADER = "Amnesty International Oxford Group"
FOOTER = "Registered charity 1234567 - oxford@example.org"


def _png() -> bytes:
    """A 4 x 4 yellow square: the group's 'logo'."""
    raw = b"".join(b"\x00" + b"\xff\xdd\x00" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def letterhead(tmp_path) -> Path:
    """A letterhead as a group makes it in Word: logo and name in the header, a footer,
    wider left margin, its own body font; some placeholder text in the body."""
    document = docx.Document()
    section = document.sections[0]
    section.left_margin, section.top_margin = Cm(2.8), Cm(2.5)
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    header = section.header.paragraphs[0]
    header.add_run().add_picture(str(logo), width=Cm(0.8))
    header.add_run(HEADER)
    section.footer.paragraphs[0].text = FOOTER
    document.styles["Normal"].font.name = "Liberation Serif"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_paragraph("Type your letter here.")
    path = tmp_path / "letterhead.docx"
    document.save(str(path))
    return path


def _check(path: Path, letters: int) -> docx.document.Document:
    document = docx.Document(str(path))
    assert len(document.sections) == letters
    for section in document.sections:  # every letter on the group's page
        assert round(section.left_margin.cm, 1) == 2.8
        assert round(section.top_margin.cm, 1) == 2.5
        assert HEADER in section.header.paragraphs[0].text
        assert section.footer.paragraphs[0].text == FOOTER
    header_part = document.sections[0].header.part
    images = [rel for rel in header_part.rels.values() if "image" in rel.reltype]
    assert images and images[0].target_part.blob == _png()  # the logo, intact
    assert document.styles["Normal"].font.name == "Liberation Serif"  # its styles, not ours
    texts = [p.text for p in document.paragraphs]
    assert "Type your letter here." not in texts
    assert any(t.startswith("Dear ") for t in texts)
    return document


def test_generate_prints_the_letters_on_the_letterhead(runner, in_tmp, letterhead, tmp_path):
    from openxml_audit import OpenXmlValidator

    result = runner.invoke(app, ["generate", "33.23", "--to", "all", *JANE, "-o", "out.docx",
                                 "--letterhead", str(letterhead)])
    assert result.exit_code == 0, result.output
    document = _check(in_tmp / "out.docx", 2)
    numbered = [p for p in document.paragraphs if p._p.pPr is not None
                and p._p.pPr.numPr is not None]
    assert numbered  # the demands are still a numbered list
    assert document.core_properties.author == "Jane Doe"
    assert OpenXmlValidator().validate(str(in_tmp / "out.docx")).errors == []
    (tmp_path / "pdf").mkdir()
    pages = page_texts({"out": (in_tmp / "out.docx").read_bytes()}, tmp_path / "pdf")["out"]
    assert len(pages) == 2  # a page per letter, header and footer on each
    assert all(HEADER in page and FOOTER in page for page in pages)


def test_batch_prints_every_letter_on_the_letterhead(runner, in_tmp, letterhead):
    result = runner.invoke(app, ["batch", "33.23", str(DATA / "participants-sample.csv"),
                                 "--to", "qin-gang", "-o", "out", "--no-email", "--separate",
                                 "--quiet", "--letterhead", str(letterhead)])
    assert result.exit_code in (0, 3), result.output
    letters = docx.Document(str(in_tmp / "out" / "letters.docx"))
    _check(in_tmp / "out" / "letters.docx", len(letters.sections))
    _check(next((in_tmp / "out" / "letters").glob("*.docx")), 1)


def test_a_letterhead_that_is_not_a_word_document_is_a_one_line_error(runner, in_tmp):
    fake = in_tmp / "letterhead.docx"
    fake.write_text("not a document", encoding="utf-8")
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "x.docx",
                                 "--letterhead", str(fake)])
    assert result.exit_code == 2
    assert result.stderr.startswith("ua-letter: error: --letterhead ")
    assert "not a Word document" in result.stderr
    text = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang",
                               "--letterhead", str(fake)])
    assert text.exit_code == 2 and "for DOCX letters" in text.stderr


def test_the_one_page_warning_reckons_with_the_letterheads_margins(runner, in_tmp, tmp_path):
    """A letterhead with deep margins (room for a big logo) leaves less of the page: a
    letter that fits our A4 page is warned about on it, and LibreOffice agrees."""
    document = docx.Document()
    section = document.sections[0]
    section.top_margin, section.bottom_margin = Cm(7), Cm(4)
    path = tmp_path / "tall.docx"
    document.save(str(path))
    note = "I think of her often. " * 6
    plain = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", *JANE, "--note", note,
                                "-o", "plain.docx"])
    assert plain.exit_code == 0 and "runs over" not in plain.stderr
    headed = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", *JANE, "--note", note,
                                 "-o", "headed.docx", "--letterhead", str(path)])
    assert headed.exit_code == 0
    assert "runs over one letterhead (tall.docx) page" in headed.stderr
    (tmp_path / "pdf").mkdir()
    pages = page_texts({name: (in_tmp / f"{name}.docx").read_bytes()
                        for name in ("plain", "headed")}, tmp_path / "pdf")
    assert (len(pages["plain"]), len(pages["headed"])) == (1, 2)
