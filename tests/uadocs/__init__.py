"""UA documents written for the tests (fictional people, our own prose), in each layout,
and builders that turn them into the files users really import (.docx, .pdf, .html)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def text(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def docx(path: Path, body: str, *, header: str = "", footer: str = "", columns: int = 1,
         first_line: str = "") -> Path:
    """A Word file of `body` (blank-line separated paragraphs; '- ' lines as bullets), with
    a running header and footer and `columns` newspaper columns, as UA PDFs are laid out."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    if first_line:
        document.add_paragraph(first_line)
    if columns > 1:
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), "400")
    for block in body.strip().split("\n\n"):
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):
            for line in lines:
                document.add_paragraph(line[2:], style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
    document.save(path)
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf(docx_path: Path) -> Path:
    """Convert with LibreOffice, as a section would export its Word file."""
    out = docx_path.parent
    profile = out / ".lo-profile"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    return docx_path.with_suffix(".pdf")


SECRETARIAT_HEADER = "First UA: 71/25 Index: EUR 99/1300/2025 Veloria Date: 10 March 2025"


def secretariat_pdf(folder: Path, columns: int = 2) -> Path:
    """UA 71/25 as the Secretariat publishes it: two columns, running header and footer."""
    body = text("secretariat.txt")
    path = docx(folder / "ua-71-25.docx", body, header="URGENT ACTION  UA 71/25",
                footer="amnesty.org", columns=columns, first_line=SECRETARIAT_HEADER)
    return pdf(path)


def targets_table_pdf(folder: Path) -> Path:
    """UA 71/25 with its two targets side by side in a table, as AIUSA's PDFs set them (the
    layout that other extractors flatten into one interleaved line)."""
    from docx import Document

    body = text("secretariat.txt")
    before, rest = body.split("Minister of the Interior\n\nIlse Varga", 1)
    blocks, after = rest.split("\n\nDear Minister Varga,", 1)
    left = "Minister of the Interior\nIlse Varga" + blocks.split("\n\nAmbassador Tomas Reyl")[0]
    right = "Ambassador Tomas Reyl" + blocks.split("\n\nAmbassador Tomas Reyl")[1]
    document = Document()
    for paragraph in before.strip().split("\n\n"):
        document.add_paragraph(paragraph)
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    for cell, block in zip(cells, (left, right), strict=True):
        cell.paragraphs[0].text = ""
        for i, line in enumerate(line for line in block.split("\n") if line.strip()):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            paragraph.text = line
    for paragraph in ("Dear Minister Varga," + after).strip().split("\n\n"):
        document.add_paragraph(paragraph)
    path = folder / "ua-71-25-table.docx"
    document.save(path)
    return pdf(path)


def death_sentence_pdf(folder: Path, columns: int = 2) -> Path:
    """UA 88/25 (a death sentence; one target reachable by web form, one by email only) as a
    two-column Secretariat PDF, whose narrow columns cut the web form's address in two."""
    path = docx(folder / "ua-88-25.docx", text("death-sentence-webform.txt"),
                header="URGENT ACTION  UA 88/25", footer="amnesty.org", columns=columns,
                first_line="First UA: 88/25 Index: AMR 98/4410/2025 Calvera Date: 6 June 2025")
    return pdf(path)


def workers_table_docx(folder: Path) -> Path:
    """UA 19/25 as a section's Word file: its two targets side by side in a table."""
    from docx import Document

    before, rest = text("workers-table.txt").split("\n\nMinister of Labour\n", 1)
    blocks, after = rest.split("\n\nDear Minister,", 1)
    left, right = ("Minister of Labour\n" + blocks).split("\n\n")
    document = Document()
    document.add_paragraph("First UA: 19/25 Index: ASA 96/5120/2025 Kethara Date: 21 March 2025")
    for paragraph in before.strip().split("\n\n"):
        document.add_paragraph(paragraph)
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    for cell, block in zip(cells, (left, right), strict=True):
        for i, line in enumerate(block.split("\n")):
            (cell.paragraphs[0] if i == 0 else cell.add_paragraph()).text = line
    for paragraph in ("Dear Minister," + after).strip().split("\n\n"):
        lines = paragraph.split("\n")
        if all(line.startswith("- ") for line in lines):
            for line in lines:
                document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(paragraph)
    path = folder / "ua-19-25.docx"
    document.save(path)
    return path
