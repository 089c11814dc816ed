"""PDF text in reading order, with paragraph breaks, without running headers and footers.

pypdfium2 (PDFium, the engine of Chrome's viewer) was chosen over pdfplumber and pypdf
(`benchmarks/pdf_extractors.py`): on a two-column UA, and on targets set side by side in a
table, it keeps each column whole, where pdfplumber interleaves them line by line (as in
the flattened AIUSA PDFs of ../shared/sources/ua-dev); pypdf keeps them too but is 10 to 25
times slower, pdfplumber 50 times. Its line boxes also give the vertical gaps that mark
paragraphs, which the flat text of the others loses.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

from ua_letters.errors import UserError

_LINE_END_HYPHEN = "\x02"  # PDFium's mark for a hyphen that ends a line
_BULLET = re.compile(r"^\s*[\uf0b7\uf0a7\u2022\u25cf\u25aa]\s*")  # Symbol-font and other bullets


def pdf_text(data: bytes, origin: str) -> str:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).rstrip(".")
        raise UserError(f"{origin}: not a readable PDF ({reason}); is the file complete?") from None
    try:
        pages = [_page_lines(page) for page in document]
    finally:
        document.close()
    if not any(line.strip() for page in pages for line in page):
        raise UserError(f"{origin}: the PDF has no text layer (a scan or a picture); run it "
                        "through OCR, or copy the text into a .txt file and import that")
    pages = _without_running_lines(pages)
    return "\n\n".join("\n".join(page) for page in pages)


def _page_lines(page) -> list[str]:
    """The page's lines; an empty string where the vertical gap says a paragraph ends."""
    textpage = page.get_textpage()
    boxes = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            boxes.append([left, bottom, right, top, text])
    lines: list[list] = []
    for box in boxes:  # PDFium splits a line where the font changes: join them again
        last = lines[-1] if lines else None
        if last and _same_line(last, box):
            gap = box[0] - last[2]
            tight = gap < 1.5 or last[4].endswith(" ") or _wide(last[4][-1:] + box[4][:1])
            joiner = "" if tight else " "
            last[4] += joiner + box[4]
            last[2] = box[2]
        else:
            lines.append(box)
    steps = [a[1] - b[1] for a, b in pairwise(lines) if 0 < a[1] - b[1] < 40]
    pitch = _line_pitch(steps)
    out: list[str] = []
    for i, (left, bottom, _right, _top, text) in enumerate(lines):
        if i:
            prev = lines[i - 1]
            step = prev[1] - bottom
            if step > pitch * 1.4 or step < 0 or abs(left - prev[0]) > 100:
                out.append("")
        out.append(_BULLET.sub("- ", text.rstrip()))
    return _join_hyphens(out)


def _line_pitch(steps: list[float]) -> float:
    """The step from one line of a paragraph to the next: the median of the short steps
    (of all steps, it is a paragraph gap on a page of many short paragraphs; a line's box
    moves with its descenders, so the steps scatter around it)."""
    if not steps:
        return 12
    short = sorted(steps)[len(steps) // 4] * 1.25
    return median(step for step in steps if step <= short)


def _same_line(a: list, b: list) -> bool:
    """b continues a's line: it starts to the right and their boxes share most of a height."""
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return b[0] >= a[2] - 1 and overlap > 0.4 * min(a[3] - a[1], b[3] - b[1])


def _wide(text: str) -> bool:
    return any("\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" or c == "\u00b7"
               for c in text)


def _join_hyphens(lines: list[str]) -> list[str]:
    out: list[str] = []
    carry = ""
    for line in lines:
        line = carry + line.lstrip() if carry else line
        carry = ""
        if line.endswith(_LINE_END_HYPHEN):
            carry = line[:-1] + "-"
            continue
        out.append(line.replace(_LINE_END_HYPHEN, "-"))
    if carry:
        out.append(carry)
    return out


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop header and footer lines: the same words (page numbers aside) at the top or the
    bottom of two or more pages."""
    if len(pages) < 2:
        return pages
    counts: dict[str, int] = {}
    for page in pages:
        text = [line for line in page if line.strip()]
        for key in {_key(line) for line in text[:2] + text[-2:]}:
            counts[key] = counts.get(key, 0) + 1
    running = {key for key, n in counts.items() if n >= 2}
    cleaned = []
    for page in pages:
        text = [i for i, line in enumerate(page) if line.strip()]
        edge = set(text[:2] + text[-2:])
        cleaned.append([line for i, line in enumerate(page)
                        if not (i in edge and _key(line) in running)])
    return cleaned
