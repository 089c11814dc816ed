"""A saved or fetched web page as text: one line per block, list items as '- ' lines.

Uses the standard library's HTML parser (no regular expressions over markup). Script,
style, navigation and forms are left out. Addresses hidden by Cloudflare's email
protection are decoded from their `data-cfemail` attribute when the page still has it;
without it they stay as the page shows them, and the parser marks them missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "tr", "ul", "td", "th",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "select",
         "iframe", "head", "footer"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "col", "source"}


def cloudflare_email(hexed: str) -> str | None:
    """Undo Cloudflare's email obfuscation: the first byte is the key XORed into the rest."""
    try:
        data = bytes.fromhex(hexed)
    except ValueError:
        return None
    if len(data) < 2:
        return None
    address = "".join(chr(b ^ data[0]) for b in data[1:])
    return address if "@" in address and address.isprintable() else None


_CELL_LABELS = (  # a column heading -> the label its cells get ('Salutation: Dear Minister')
    (re.compile(r"salutation|greeting", re.IGNORECASE), "Salutation"),
    (re.compile(r"fax", re.IGNORECASE), "Fax"),
    (re.compile(r"phone|tel", re.IGNORECASE), "Phone"),
    (re.compile(r"twitter|social", re.IGNORECASE), "Twitter"),
)
_EMPTY_CELL = re.compile(r"^[\s\-–—/]*$|^(?:n/?a|none|not given)$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")


@dataclass
class _Table:
    start: int  # where the table's text begins in the parser's parts
    rows: list[list[str]] = field(default_factory=list)
    headed: bool = False  # its first row is column headings (<th>)
    cell: int | None = None  # where the open cell's text begins


def _labelled(heading: str, cell: str) -> str:
    """A cell as its column heading says: 'Salutation: Dear Minister'; an address alone in
    an 'Email' column is an email, a link alone a web form; a dash says nothing."""
    lines = [line for line in cell.split("\n") if not _EMPTY_CELL.match(line)]
    label = next((name for pattern, name in _CELL_LABELS if pattern.search(heading)), None)
    out = []
    for line in lines:
        if re.match(r"^[\w /-]{2,20}:\s", line):  # already labelled in the cell
            out.append(line)
        elif re.fullmatch(r"\S+@\S+\.\w+", line) and "mail" in heading.lower():
            out.append(f"Email: {line}")
        elif _URL.match(line) and re.search(r"form|web|online", heading, re.IGNORECASE):
            out.append(f"Web form: {line}")
        elif label:
            out.append(f"{label}: {line}")
        else:
            out.append(line)
    return "\n".join(out)


_HEADING = re.compile(r"name|official|target|recipient|address|e-?mail|salutation|fax|phone|"
                      r"form|title|contact", re.IGNORECASE)


def headings_row(row: list[str]) -> bool:
    """A Word table's first row as column headings ('Official | Address | Email')."""
    return len(row) >= 2 and all(len(cell) < 40 and "\n" not in cell for cell in row) and \
        sum(bool(_HEADING.search(cell)) for cell in row) >= 2 and \
        not any("@" in cell or re.search(r"\d", cell) for cell in row)


def table_text(rows: list[list[str]], headed: bool) -> str | None:
    """A table of targets as lines a block reader knows: with column headings, one block
    per row, each cell labelled by its column; with labels down the first column, each row
    a labelled line. None for any other table."""
    rows = [row for row in rows if row]
    if headed and len(rows) > 1:
        return _table_text(rows)
    if _keyed(rows):
        return "\n\n" + _keyed_text(rows) + "\n\n"
    return None


def _table_text(table: list[list[str]]) -> str:
    """A table with column headings, as one block of lines per row (a target each)."""
    headings, rows = table[0], table[1:]
    blocks = []
    for row in rows:
        cells = [_labelled(headings[i] if i < len(headings) else "", cell)
                 for i, cell in enumerate(row)]
        blocks.append("\n".join(cell for cell in cells if cell))
    return "\n\n" + "\n\n".join(blocks) + "\n\n"


_KEY = re.compile(r"^(?:Name|Title|Address|Postal address|E-?mail|Fax|Phone|Tel(?:ephone)?|"
                  r"Twitter|X|Facebook|Instagram|Web ?form|Online form|Contact form|"
                  r"Salutation)\s*:?$", re.IGNORECASE)


def _keyed(rows: list[list[str]]) -> bool:
    """A table of 'Name | Minister X', 'Email | x@y' rows: labels down its first column."""
    pairs = [row for row in rows if len(row) == 2]
    return len(pairs) >= 2 and sum(bool(_KEY.match(row[0].strip())) for row in pairs) >= 2


def _keyed_text(rows: list[list[str]]) -> str:
    """Each keyed row as 'Label: value' (an address's lines after it); a 'Name' row after
    others starts the next official's block."""
    out: list[str] = []
    for row in rows:
        if len(row) != 2 or not _KEY.match(row[0].strip()):
            out.append("\n".join(cell for cell in row if cell))
            continue
        key = row[0].strip().rstrip(":").strip()
        if key.lower() == "name" and out:
            out.append("")
        value = ", ".join(row[1].split("\n")) if key.lower().endswith("address") else row[1]
        out.append(f"{key}: {value}")
    return "\n".join(out)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.replacing: list[str] = []  # open tags whose text a decoded address replaces
        self.tables: list[_Table] = []

    def _cell_text(self, start: int) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts[start:]).split("\n"))
        return "\n".join(line for line in lines if line)

    def _table_tag(self, tag: str, opening: bool) -> None:
        """Tables are read as the parts go by; one whose first row is headings is written
        again, its cells labelled by their column, when it closes."""
        if tag == "table" and opening:
            self.tables.append(_Table(len(self.parts)))
            return
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == "tr" and opening:
            table.rows.append([])
        elif tag in ("td", "th") and opening:
            table.cell = len(self.parts)
            if tag == "th" and len(table.rows) == 1:
                table.headed = True
        elif tag in ("td", "th") and table.cell is not None and table.rows:
            table.rows[-1].append(self._cell_text(table.cell))
            table.cell = None
        elif tag == "table":
            self.tables.pop()
            rows = [row for row in table.rows if row]
            read = table_text(rows, table.headed or (bool(rows) and headings_row(rows[0])))
            if read is not None:
                self.parts[table.start:] = [read]

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _SKIP:
            self.skipping.append(tag)
            return
        attributes = dict(attrs)
        hidden = attributes.get("data-cfemail")
        href = attributes.get("href") or ""
        if not hidden and "/cdn-cgi/l/email-protection#" in href:
            hidden = href.rsplit("#", 1)[1]
        address = cloudflare_email(hidden) if hidden else None
        if address and tag not in _VOID:
            self.parts.append(address)
            self.replacing.append(tag)
            return
        if self.replacing and tag not in _VOID:
            self.replacing.append(tag)
            return
        self._table_tag(tag, True)
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "table") else "\n")

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping.pop()
            return
        if self.replacing:
            self.replacing.pop()
            return
        if tag in _BLOCKS:
            self.parts.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "table") else "\n")
        self._table_tag(tag, False)

    def handle_data(self, data):
        if not self.skipping and not self.replacing:
            self.parts.append(" ".join(data.split("\n")))


def html_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    out: list[str] = []
    for line in lines:  # at most one blank line between blocks
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def document_pdf(url: str, markup: str) -> str | None:
    """On amnesty.org's page of a document (/en/documents/asa17/6827/2023/en/), the link
    to that document's PDF (…/ASA1768272023ENGLISH.pdf), English first."""
    from urllib.parse import urljoin

    index = re.search(r"/documents/([a-z]{3})(\d{2})/(\d{3,4})/(\d{4})/", url, re.IGNORECASE)
    if not index:
        return None
    key = "".join(index.groups()).upper()
    links = _Links()
    links.feed(markup)
    pdfs = [h for h in links.hrefs if key in h.upper() and h.lower().split("?")[0].endswith(".pdf")]
    if not pdfs:
        return None
    pdfs.sort(key=lambda h: "ENGLISH" not in h.upper())
    return urljoin(url, pdfs[0])
