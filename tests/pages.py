"""Printed page counts of DOCX files, through LibreOffice and poppler's pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ua_letters.exporters.docx import NO_BREAK

MISSING = (
    "{tool} not found: the printed-page checks did not run. Install them with "
    "`apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk` (as .ci/run does)"
)


def page_counts(documents: dict[str, bytes], folder: Path) -> dict[str, int]:
    """Convert every document to PDF in one LibreOffice run; skip (saying why) without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(MISSING.format(tool="LibreOffice (soffice)"))
    if shutil.which("pdfinfo") is None:
        pytest.skip(MISSING.format(tool="pdfinfo (poppler-utils)"))
    paths = []
    for name, data in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(str(path))
    profile = (folder / "lo-profile").as_uri()  # a private profile: runs never collide
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=300,
    )
    counts = {}
    for name in documents:
        info = subprocess.run(["pdfinfo", str(folder / f"{name}.pdf")], check=True,
                              capture_output=True, text=True).stdout
        counts[name] = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    return counts


def page_texts(documents: dict[str, bytes], folder: Path) -> dict[str, list[str]]:
    """The text of each printed page of each document, as LibreOffice lays it out."""
    page_counts(documents, folder)  # converts every document to PDF (or skips)
    if shutil.which("pdftotext") is None:
        pytest.skip(MISSING.format(tool="pdftotext (poppler-utils)"))
    texts = {}
    for name in documents:
        text = subprocess.run(["pdftotext", str(folder / f"{name}.pdf"), "-"],
                              check=True, capture_output=True, text=True).stdout
        text = text.replace(NO_BREAK, "")  # printed without width: not text a reader sees
        texts[name] = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    return texts


def fonts_and_words(documents: dict[str, bytes], folder: Path
                    ) -> dict[str, tuple[set[str], list[tuple[str, float]]]]:
    """The fonts each printed document embeds (pdffonts, without subset tags) and each of
    its words with its printed width in points (pdftotext -bbox)."""
    page_counts(documents, folder)  # converts every document to PDF (or skips)
    for tool in ("pdffonts", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.skip(MISSING.format(tool=f"{tool} (poppler-utils)"))
    printed = {}
    for name in documents:
        pdf = str(folder / f"{name}.pdf")
        table = subprocess.run(["pdffonts", pdf], check=True, capture_output=True,
                               text=True).stdout.splitlines()[2:]
        fonts = {line.split()[0].split("+")[-1] for line in table if line.strip()}
        boxes = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                               capture_output=True, text=True).stdout
        words = [(word.replace(NO_BREAK, ""), float(right) - float(left)) for left, right, word
                 in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                               r'yMax="[\d.]+">([^<]*)</word>', boxes)]
        printed[name] = (fonts, words)
    return printed
