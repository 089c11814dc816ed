"""Envelopes and address labels for a pile of letters: one per letter, airmail, country last."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ua_letters.cases.model import Case, Recipient, text_in
from ua_letters.exporters.ooxml import (
    EAST_ASIAN_PASSAGE,
    NS,
    Parts,
    clean,
    east_asian_fonts,
    escape,
    package,
)
from ua_letters.letters.languages import has_wide, wide
from ua_letters.letters.letter import Letter

AIRMAIL = "BY AIR MAIL / PAR AVION"


@dataclass(frozen=True)
class Sheet:
    """A page of labels: sizes in millimetres, as the maker prints them on the box."""

    page: tuple[float, float]
    label: tuple[float, float]
    across: int
    down: int
    top: float
    left: float
    gap: float  # between columns


SHEETS = {
    "l7160": Sheet((210, 297), (63.5, 38.1), 3, 7, 15.15, 7.21, 2.54),
    "5160": Sheet((215.9, 279.4), (66.675, 25.4), 3, 10, 12.7, 4.7625, 3.175),
}
ENVELOPES = {"dl": (220, 110), "c5": (229, 162)}
_ENVELOPE_MARGINS = (10, 12, 8, 12)  # mm: top, left, bottom, right
RECIPIENT_AT = (0.42, 0.42)  # where the recipient's block starts: share of width, height


def recipient_lines(target: Recipient) -> list[str]:
    """The address as the post needs it: native script first, then Latin, COUNTRY last."""
    native, latin = recipient_parts(target)
    return native + latin


def recipient_parts(target: Recipient) -> tuple[list[str], list[str]]:
    """The address in its own script (when the case has one) and in Latin letters."""
    latin_name = _latin(target.name)
    latin = [", ".join(p for p in (latin_name, _latin(target.title)) if p)]
    organisation = _latin(target.organisation)
    address = [line.strip() for line in _latin(target.address).splitlines() if line.strip()]
    if organisation and organisation not in address:
        latin.append(organisation)
    if address:
        latin += [*address[:-1], address[-1].upper()]  # the country, for sorting abroad
    native = []
    for language, text in (target.address or {}).items():
        if text != _latin(target.address) and has_wide(text):
            native += [line.strip() for line in text.splitlines() if line.strip()]
            name = (text_in(target.name, language) or "") + (
                text_in(target.honorific, language) or "")
            if name and name != latin_name:
                native.append(name)
            break
    return native, latin


def return_lines(letter: Letter, case: Case | None = None) -> list[str]:
    """The writer's name and address as their post office writes it, COUNTRY last; without
    the country when the letter stays in it."""
    from ua_letters.letters.context import sender_lines

    home = case is not None and domestic(letter, case.target(letter.target_id))
    lines = [letter.writer.name, *sender_lines(letter.writer, country=not home, upper=True)]
    return [line for line in lines if line]


def domestic(letter: Letter, target: Recipient) -> bool:
    """Whether writer and recipient are in the same country (as far as the names tell):
    no airmail line, no country line, and a Chinese address in Chinese only."""
    _, latin = recipient_parts(target)
    if not target.address or not letter.writer.country:
        return False
    from ua_letters.letters.countries import territory

    mine = territory(letter.writer.country)
    return mine is not None and mine == territory(latin[-1])


def address_for(letter: Letter, target: Recipient) -> tuple[bool, list[list[str]]]:
    """(airmail?, the recipient's lines from the fullest to what the post needs at least)."""
    native, latin = recipient_parts(target)
    if domestic(letter, target):
        return False, [native or latin[:-1]]
    return True, [native + latin, latin]


def _latin(text) -> str:
    """The wording of a text meant for a foreign post office: Latin letters when there are."""
    if not text:
        return ""
    values = list(text.values())
    return next((v for v in values if not has_wide(v)), values[0])


def envelopes(letters: list[Letter], case: Case, size: str) -> bytes:
    """envelopes.docx: one envelope-sized page per letter, in the letters' order."""
    width, height = ENVELOPES[size]
    top, pt = _ENVELOPE_MARGINS[0], 25.4 / 72  # mm
    body = []
    for number, letter in enumerate(letters):
        # every line at an exact height, so the recipient's block starts at the same
        # place on every envelope, however long the return address
        sender = return_lines(letter, case) or [""]
        body.append(_paragraph(sender[0], size=8, page_break=number > 0,
                               line=_line_pt(sender[0], 8)))
        body += [_paragraph(line, size=8, line=_line_pt(line, 8)) for line in sender[1:]]
        used = top + sum(_line_pt(line, 8) for line in sender) * pt
        airmail, addresses = address_for(letter, case.target(letter.target_id))
        if airmail:
            body.append(_paragraph(AIRMAIL, size=9, bold=True, before=3, line=10.8))
            used += 3 + 10.8 * pt
        to = addresses[0]
        indent = width * RECIPIENT_AT[0]
        gap = max(height * RECIPIENT_AT[1] - used, 3)
        body.append(_paragraph(to[0], size=11, indent=indent, before=gap,
                               line=_line_pt(to[0], 11)))
        body += [_paragraph(line, size=11, indent=indent, line=_line_pt(line, 11))
                 for line in to[1:]]
    section = _section(width, height, margins=_ENVELOPE_MARGINS)
    return _package([*body, section], letters, "Envelopes")


def _line_pt(text: str, size: float) -> float:
    """An exact line height: CJK fonts (Noto Serif CJK on Linux) need more room."""
    return size * (1.5 if has_wide(text) else 1.2)


def labels(letters: list[Letter], case: Case, sheet_name: str) -> bytes:
    """labels.docx: per letter, a recipient label and the writer's return-address label."""
    sheet = SHEETS[sheet_name]
    cells = []
    for letter in letters:
        airmail, addresses = address_for(letter, case.target(letter.target_id))
        # what the post needs comes last: without the native script, then without the
        # airmail line (the envelope carries both)
        mark = [AIRMAIL] if airmail else []
        cells.append([*([*mark, *lines] for lines in addresses), addresses[-1]])
        cells.append([["From:", *return_lines(letter, case)]])
    columns = [sheet.label[0], sheet.gap] * (sheet.across - 1) + [sheet.label[0]]
    grid = "".join(f'<w:gridCol w:w="{_twips(w)}"/>' for w in columns)
    rows = []
    for start in range(0, len(cells), sheet.across):
        row = cells[start:start + sheet.across]
        row += [[]] * (sheet.across - len(row))
        tcs = []
        for i, lines in enumerate(row):
            if i:
                tcs.append(_cell([[]], sheet.gap, sheet.label[1], padding=0))
            tcs.append(_cell(lines or [[]], sheet.label[0], sheet.label[1]))
        rows.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{_twips(sheet.label[1])}" '
                    f'w:hRule="exact"/></w:trPr>{"".join(tcs)}</w:tr>')
    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        f'</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )
    last = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' \
           '</w:pPr></w:p>'
    width, height = sheet.page
    bottom = height - sheet.top - sheet.down * sheet.label[1] - 3  # slack: no blank page
    section = _section(width, height, margins=(sheet.top, sheet.left, max(bottom, 0), 0))
    return _package([table, last, section], letters, "Address labels")


LABEL_MIN_PT, LABEL_MAX_PT = 8.0, 9.0  # what post offices read reliably, and enough
LABEL_PADDING_MM = 2.5  # from every cut edge
_LEADING = 1.15


def label_layout(choices: list[list[str]], width: float, height: float,
                 padding: float = LABEL_PADDING_MM) -> tuple[list[str], float]:
    """The first of `choices` (lines of text) that fits a label of `width` x `height` mm
    at LABEL_MIN_PT or more, and the largest size up to LABEL_MAX_PT it fits at; the last
    choice at the smallest size when none fits."""
    tall = (height - 2 * padding) * 72 / 25.4
    wide = (width - 2 * padding) * 72 / 25.4
    for lines in choices:
        size = LABEL_MAX_PT
        while size >= LABEL_MIN_PT:
            rows = [max(1, math.ceil(_ems(line) * size / wide)) for line in lines]
            # a Chinese line never wraps: its last character would stand alone
            unbroken = all(n == 1 for n, line in zip(rows, lines, strict=True)
                           if has_wide(line))
            if unbroken and sum(rows) * size * _LEADING <= tall:
                return lines, size
            size -= 0.5
    return choices[-1], LABEL_MIN_PT


def _cell(choices: list[list[str]], width: float, height: float,
          padding: float = LABEL_PADDING_MM) -> str:
    """A label: the text that fits, at a size the post can read, inset from the cut edges."""
    lines, size = label_layout(choices, width, height, padding)
    paragraphs = "".join(
        _paragraph(line, size=size, bold=line == AIRMAIL, line=size * _LEADING)
        for line in lines
    ) or _paragraph("", size=size)
    inset = _twips(padding)
    margins = "".join(f'<w:{side} w:w="{inset}" w:type="dxa"/>'
                      for side in ("top", "left", "bottom", "right"))
    return (f'<w:tc><w:tcPr><w:tcW w:w="{_twips(width)}" w:type="dxa"/>'
            f'<w:tcMar>{margins}</w:tcMar><w:vAlign w:val="center"/>'
            f'</w:tcPr>{paragraphs}</w:tc>')


def _ems(line: str) -> float:
    """Rough width of a line in ems: a CJK character is square, a Latin one about half."""
    return sum(1.0 if wide(c) else 0.55 for c in line)


def _paragraph(text: str, *, size: float, bold: bool = False, indent: float = 0,
               before: float = 0, page_break: bool = False, line: float | None = None) -> str:
    """One line of text; CJK runs carry the East Asian hint so punctuation uses that font."""
    ppr = "<w:pageBreakBefore/>" if page_break else ""
    spacing = f'w:before="{_twips(before)}" w:after="0"'
    if line:
        spacing += f' w:line="{round(line * 20)}" w:lineRule="exact"'
    ppr += f"<w:spacing {spacing}/>"
    if indent:
        ppr += f'<w:ind w:left="{_twips(indent)}"/>'
    style = ("<w:b/>" if bold else "") + f'<w:sz w:val="{round(size * 2)}"/>'
    line = clean(text).replace("\n", " ")  # one line: a stray line break is a space
    return f"<w:p><w:pPr>{ppr}</w:pPr>{_runs(line, style) if text else ''}</w:p>"


_EAST_ASIAN_FONT = "SimSun"
# A stretch of Chinese in the East Asian font throughout (a name's · too: see ooxml), the
# rest of a line that holds some with the hint, so its punctuation follows the Chinese.
_WIDE = east_asian_fonts(_EAST_ASIAN_FONT)
_HINTED = '<w:rFonts w:hint="eastAsia"/>'


def _runs(line: str, style: str) -> str:
    """A line as runs: one, or with Chinese in it, its Chinese stretches apart."""
    if not has_wide(line):
        return _run(line, style)
    out, at = [], 0
    for match in EAST_ASIAN_PASSAGE.finditer(line):
        if match.start() > at:
            out.append(_run(line[at:match.start()], _HINTED + style))
        out.append(_run(match.group(), _WIDE + style + '<w:lang w:val="zh-CN"/>'))
        at = match.end()
    if at < len(line):
        out.append(_run(line[at:], _HINTED + style))
    return "".join(out)


def _run(text: str, properties: str) -> str:
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _section(width: float, height: float, *, margins: tuple[float, float, float, float]) -> str:
    top, left, bottom, right = (_twips(m) for m in margins)
    orient = ' w:orient="landscape"' if width > height else ""
    return (f'<w:sectPr><w:pgSz w:w="{_twips(width)}" w:h="{_twips(height)}"{orient}/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
            'w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>')


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


# A sans-serif that every system has for addresses, and an East Asian font for Chinese ones.
_FONTS = ("Arial", _EAST_ASIAN_FONT)
_STYLES = (
    f"<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="{_EAST_ASIAN_FONT}" w:cs="Arial"/>'
    '<w:sz w:val="20"/><w:lang w:val="en-GB" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style></w:styles>"
)


def _package(body: list[str], letters: list[Letter], title: str) -> bytes:
    writers = {letter.writer.name for letter in letters}
    creator = writers.pop() if len(writers) == 1 else ""
    return package(body, lambda: Parts(styles=_STYLES, language="en-GB",
                                       east_asian_language="zh-CN", fonts=_FONTS,
                                       title=title, creator=creator))
