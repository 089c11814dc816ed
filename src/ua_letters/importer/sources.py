"""Read a UA document (PDF, web page, Word file, email, text, stdin or URL) as plain text.

Every reader returns lines in reading order with blank lines between blocks, so that the
parser sees one layout whatever the file was. Heavy libraries are imported only when a
file of their kind comes in.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ua_letters.errors import UserError

TIMEOUT_SECONDS = 20
MAX_BYTES = 10 * 1024 * 1024  # a UA PDF is well under 1 MB; a page under 2 MB
OBFUSCATED = "[email protected]"  # what a saved page shows for a Cloudflare-hidden address


@dataclass(frozen=True)
class Document:
    text: str
    origin: str  # the file name or URL, for messages and the draft's `source`
    url: str | None = None


def read(source: str) -> Document:
    """The text of `source`: a path, `-` for standard input, or an http(s) URL."""
    if source == "-":
        return Document(_clean(sys.stdin.read()), "standard input")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        data, kind = fetch(source)
        if kind == "html":  # amnesty.org's page of a document: the UA is its PDF
            from ua_letters.importer.html import document_pdf

            pdf_url = document_pdf(source, _as_text(data))
            if pdf_url:
                data, kind = fetch(pdf_url)
        return Document(_clean(decode(data, kind, source)), source, url=source)
    path = Path(source)
    if not path.is_file():
        if path.is_dir():
            raise UserError(f"{source} is a folder; give the UA document in it")
        raise UserError(f"{source}: no such file; give a file, an http(s) URL or - (stdin)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{source}: cannot read it: {exc.strerror}") from None
    return Document(_clean(decode(data, _kind_of(path.suffix.lower(), data), source)), source)


def _kind_of(suffix: str, data: bytes) -> str:
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return "pdf"
    if suffix == ".docx" or (data.startswith(b"PK") and b"word/" in data[:4000]):
        return "docx"
    if suffix in (".html", ".htm", ".xhtml") or re.match(rb"\s*<(!doctype html|html)", data[:200],
                                                         re.IGNORECASE):
        return "html"
    if suffix == ".eml":
        return "email"
    return "text"


def decode(data: bytes, kind: str, origin: str) -> str:
    if kind == "pdf":
        from ua_letters.importer.pdf import pdf_text

        return pdf_text(data, origin)
    if kind == "docx":
        return _docx_text(data, origin)
    if kind == "html":
        from ua_letters.importer.html import html_text

        return html_text(_as_text(data))
    if kind == "email":
        return _email_text(data)
    return _as_text(data)


def _as_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _docx_text(data: bytes, origin: str) -> str:
    """Paragraphs and table cells in document order (a target table cell by cell)."""
    import io
    import zipfile

    from docx import Document as Docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from ua_letters.importer.html import headings_row, table_text

    try:
        document = Docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise UserError(f"{origin}: not a Word .docx file (save it as .docx, or as text)") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):  # a blank line after each, as between blocks
            lines += [_docx_paragraph(block), ""]
        elif isinstance(block, Table):
            rows = [["\n".join(p.text for p in cell.paragraphs).strip() for cell in row.cells]
                    for row in block.rows]
            read = table_text(rows, bool(rows) and headings_row(rows[0]))
            if read is not None:  # a table of targets, with headings or labels
                lines += [*read.split("\n"), ""]
                continue
            for row in block.rows:
                for cell in row.cells:
                    lines.extend(_docx_paragraph(p) for p in cell.paragraphs)
                    lines.append("")
    return "\n".join(lines)


def _docx_paragraph(paragraph) -> str:
    text = paragraph.text.replace("\v", "\n")
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    return f"- {text}" if "list" in style and text.strip() else text


def _email_text(data: bytes) -> str:
    """The plain-text body of a saved email (.eml), quoted-printable and all."""
    from email import policy
    from email.parser import BytesParser

    message = BytesParser(policy=policy.default).parsebytes(data)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return _as_text(data)
    content = body.get_content()
    if body.get_content_subtype() == "html":
        from ua_letters.importer.html import html_text

        return html_text(content)
    subject = message.get("subject", "")
    return f"Subject: {subject}\n\n{content}" if subject else content  # as a pasted email


def fetch(url: str) -> tuple[bytes, str]:
    """The one network call of the tool, made only because the user gave a URL."""
    import urllib.error
    import urllib.request

    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise UserError(f"{url}: only http:// and https:// addresses can be fetched; "
                        "save the document and give its file name")
    request = urllib.request.Request(url, headers={"User-Agent": "ua-letters import"})
    opener = urllib.request.build_opener(_http_only_redirects())
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise _too_large(url)
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise _too_large(url)
            kind = response.headers.get_content_type()
    except UserError:
        raise
    except urllib.error.HTTPError as exc:
        raise UserError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except TimeoutError:
        raise UserError(f"{url}: no answer within {TIMEOUT_SECONDS} seconds; try again later, "
                        "or save the page and import the file") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise UserError(f"{url}: no answer within {TIMEOUT_SECONDS} seconds; try again "
                            "later, or save the page and import the file") from None
        raise UserError(f"{url}: cannot fetch it ({reason}); check the address") from None
    if kind == "application/pdf" or data.startswith(b"%PDF"):
        return data, "pdf"
    if "wordprocessingml" in kind:
        return data, "docx"
    if kind in ("text/html", "application/xhtml+xml"):
        return data, "html"
    return data, _kind_of("", data)


def _http_only_redirects():
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """Follow a redirect only to another http(s) address."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not re.match(r"^https?://", newurl, re.IGNORECASE):
                raise UserError(f"{req.full_url}: redirects to {newurl}; only http:// and "
                                "https:// addresses are fetched")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return HttpOnlyRedirects


def _too_large(url: str) -> UserError:
    return UserError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB, too large for a UA; "
                     "save the document and import the file")


def _clean(text: str) -> str:
    """One kind of line end and space; `>` email quoting removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    quoted = [line for line in lines if line.startswith(">")]
    if len(quoted) > max(3, len([line for line in lines if line.strip()]) // 2):
        lines = [re.sub(r"^(>\s?)+", "", line) for line in lines]
    return "\n".join(_forwarded(lines))


_FORWARDED = re.compile(r"^\s*(?:-{2,}\s*(?:Forwarded [Mm]essage|Original [Mm]essage)\s*-{2,}|"
                        r"Begin forwarded message:)\s*$")


def _forwarded(lines: list[str]) -> list[str]:
    """An email that forwards the UA under a note of its own ('Dear all, ... Best, Ruth'):
    the UA is what follows the forwarding line, the note is not part of it."""
    marks = [i for i, line in enumerate(lines) if _FORWARDED.match(line)]
    if not marks:
        return lines
    rest = "\n".join(lines[marks[-1] + 1:])
    if re.search(r"urgent action|\bUA\s*:?\s*\d+\s?[/.]\d", rest, re.IGNORECASE):
        return lines[marks[-1] + 1:]
    return lines
