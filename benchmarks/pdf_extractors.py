"""Which PDF text extractor `ua-letter import` uses: pypdfium2, pdfplumber or pypdf.

    pip install -e '.[pdf-compare]' && python benchmarks/pdf_extractors.py

Builds our own UA (tests/uadocs/secretariat.txt) as a Word file with two columns and a
running header, converts it to PDF with LibreOffice, then, for each library, measures the
time to extract the text (median of 5 runs, side by side) and checks reading order: does
each column's text come out whole (pairs of phrases that follow each other in the
document), in a two-column document and in one with the targets side by side in a table?
A line of the left column followed by a line of the right one ("interleaved") is what
breaks target blocks and sentences.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from uadocs import secretariat_pdf, targets_table_pdf  # noqa: E402

# Pairs of phrases that follow each other in the document (left column, then right).
IN_ORDER = [
    ("He has been held without charge and", "without contact with his family"),
    ("Ambassador Tomas Reyl", "Embassy of the Republic of Veloria"),
    ("Twitter: @VeloriaInUS", "Salutation: Dear Ambassador"),
    ("I therefore urge you to:", "Release Aru Tenzel immediately"),
    ("Dear Minister Varga,", "I am writing to express my concern"),
]
IN_TABLE = [  # the document with the two targets side by side in a table
    ("Minister of the Interior", "Ilse Varga"),
    ("Ilse Varga", "Ministry of the Interior"),
    ("Ambassador Tomas Reyl", "Embassy of the Republic of Veloria"),
]


def pdfium(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def plumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pypdf_text(data: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def in_order(text: str, pairs: list[tuple[str, str]]) -> int:
    flat = " ".join(text.replace("\ufffe", "-").split())
    found = 0
    for first, second in pairs:
        a, b = flat.find(first), flat.find(second, max(flat.find(first), 0))
        if a >= 0 and a + len(first) <= b <= a + len(first) + 4:
            found += 1
    return found


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        documents = [(secretariat_pdf(Path(folder)).read_bytes(), IN_ORDER),
                     (targets_table_pdf(Path(folder)).read_bytes(), IN_TABLE)]
    print(f"{'library':<12} {'ms/document':>12} {'two columns':>12} {'table':>6}")
    for name, extract in (("pypdfium2", pdfium), ("pdfplumber", plumber), ("pypdf", pypdf_text)):
        times, kept = [], []
        for data, pairs in documents:
            for _ in range(5):
                start = time.perf_counter()
                text = extract(data)
                times.append(time.perf_counter() - start)
            kept.append(f"{in_order(text, pairs)}/{len(pairs)}")
        print(f"{name:<12} {1000 * statistics.median(times):>12.1f} {kept[0]:>12} {kept[1]:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
