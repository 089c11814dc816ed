"""A participant list (CSV or XLSX) read into writers, each bad row reported with its number."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ua_letters import email_address
from ua_letters.errors import UserError, closest
from ua_letters.letters.languages import best_match, has_wide, is_tag, normalize
from ua_letters.letters.letter import MAX_ADDRESS_LINES, UNWRITABLE, Writer

# Writer fields and the column headers that mean them, compared without case, spaces or
# punctuation ("E-mail" == "email", "Postal code" == "postalcode").
SYNONYMS = {
    "name": ("name", "full name", "writer", "participant"),
    "address": ("address", "street", "street address", "address line 1"),
    "city": ("city", "town", "town city", "city town"),
    "postcode": ("postcode", "post code", "zip", "zip code", "postal code"),
    "country": ("country",),
    "email": ("email", "email address", "mail"),
    "about": ("about", "about me", "who i am"),
    "note": ("note", "personal note", "message", "personal message"),
    "language": ("language", "lang", "letter language"),
}
FIELDS = tuple(SYNONYMS)
# A name in two columns, as many sign-up forms collect it; joined when no column has it whole.
NAME_PARTS = {"given": ("first name", "given name", "forename", "first", "名"),
              "family": ("last name", "surname", "family name", "last", "姓")}
# Longest value accepted per field, in characters: beyond this a cell is a paste accident.
LIMITS = {"address": 300, "about": 600, "note": 1500}
DEFAULT_LIMIT = 120
MULTILINE = ("address", "about", "note")
# Bounds no real write-a-thon meets, so that a wrong file or a bomb fails at once.
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_CELL = 10_000  # characters in any cell, used or not
MAX_FILE_BYTES = 20_000_000  # a CSV file, or an .xlsx workbook as stored
MAX_WORKBOOK_BYTES = 200_000_000  # an .xlsx workbook unpacked

_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Participant:
    """One good row: the writer, and the language their own row asks for (None: default)."""

    row: int
    writer: Writer
    language: str | None = None


@dataclass(frozen=True)
class Problem:
    """Why one row is skipped, told as the organiser sees the sheet: row number, header."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.message}"


@dataclass
class Roster:
    """What a participant list gave: good rows, skipped rows, and columns nobody uses."""

    participants: list[Participant] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def grouped(problems: list[Problem]) -> list[str]:
    """One line per distinct problem, naming every row that has it: 'rows 4, 9: email: ...'."""
    rows: dict[tuple[str, str], list[int]] = {}
    for problem in problems:
        rows.setdefault((problem.field, problem.message), []).append(problem.row)
    return [f"row{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}: "
            f"{field}: {message}" for (field, message), numbers in rows.items()]


def parse_columns(specs: list[str]) -> dict[str, str]:
    """`--column note="Why I care"` values as {field: header}."""
    mapping = {}
    for spec in specs:
        key, sep, header = spec.partition("=")
        key = key.strip().lower()
        if not sep or not header.strip():
            raise UserError(f"--column {spec!r}: write FIELD=HEADER, e.g. note=\"Why I care\"")
        if key not in FIELDS:
            hint = closest(key, FIELDS)
            raise UserError(
                f"--column {spec!r}: unknown field {key!r}"
                + (f"; did you mean {hint!r}?" if hint else "")
                + f" (fields: {', '.join(FIELDS)})"
            )
        mapping[key] = header.strip()
    return mapping


def read(path: Path, *, columns: dict[str, str] | None = None,
         languages: list[str] | None = None) -> Roster:
    """Every row of `path` checked; a row's language must be one of `languages` (if given)."""
    if not path.is_file():
        raise UserError(f"{path}: no such file; give the participant list (.csv or .xlsx)")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm"):
        raise UserError(f"{path}: cannot read {suffix or 'a file without suffix'}; "
                        "save the sheet as .xlsx or .csv")
    _check_file_size(path)
    rows = _bounded(path, _xlsx_rows(path) if suffix in (".xlsx", ".xlsm") else _csv_rows(path))
    header = next(rows, None)
    if header is None:
        raise UserError(f"{path}: the file is empty; the first row must name the columns")
    parts = _name_parts(header[1], columns or {})
    where, ignored = _match_columns(path, header[1], columns or {}, parts)
    titles = {key: header[1][i].strip() for key, i in where.items()}  # as the sheet says
    if parts:
        titles["name"] = " + ".join(header[1][i].strip() for i in parts)
    roster = Roster(ignored_columns=ignored)
    for number, cells in rows:
        values = {key: cells[i] if i < len(cells) else "" for key, i in where.items()}
        if parts:
            values["name"] = _joined_name(*(cells[i] if i < len(cells) else "" for i in parts))
        if not any(v.strip() for v in values.values()):
            continue  # an empty row in the middle of a sheet is nobody
        participant, problems = _check(number, values, languages)
        roster.problems.extend(replace(p, field=titles[p.field]) for p in problems)
        if participant:
            roster.participants.append(participant)
    return roster


def _check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UserError(f"{path}: {size / 1e6:.0f} MB, more than a participant list needs "
                        f"(at most {MAX_FILE_BYTES / 1e6:.0f} MB); is it the right file? "
                        "Split a list that really is this long into several")


def _bounded(path: Path, rows):
    """The rows, refused at once past MAX_ROWS rows, MAX_COLUMNS columns or MAX_CELL
    characters in a cell: the signs of a wrong file, a paste accident or a bomb."""
    for number, cells in rows:
        if number > MAX_ROWS + 1:
            raise UserError(f"{path}: more than {MAX_ROWS:,} rows below the header; is it the "
                            "right file? Split a list that really is this long into several")
        while cells and not cells[-1]:
            cells = cells[:-1]
        if len(cells) > MAX_COLUMNS:
            raise UserError(f"{path} row {number}: {len(cells)} columns, more than a "
                            f"participant list needs ({MAX_COLUMNS}); is it the right file?")
        for column, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL:
                raise UserError(f"{path} row {number}, column {column}: a cell of "
                                f"{len(cell):,} characters, more than {MAX_CELL:,}; "
                                "shorten it or remove it")
        yield number, list(cells)


def _name_parts(header: list[str], columns: dict[str, str]) -> tuple[int, int] | None:
    """The (given, family) name columns, when no column holds the whole name."""
    keys = [_WORD.sub("", h).casefold() for h in header]
    whole = {_WORD.sub("", n) for n in SYNONYMS["name"]}
    if "name" in columns or any(k in whole for k in keys):
        return None
    found = [next((i for i, k in enumerate(keys) if k in {_WORD.sub("", n) for n in names}),
                  None) for names in NAME_PARTS.values()]
    return (found[0], found[1]) if None not in found else None


def _joined_name(given: str, family: str) -> str:
    """'Ana' + 'Pérez' -> 'Ana Pérez'; a Chinese name family first, unspaced: 王 + 芳."""
    given, family = given.strip(), family.strip()
    if has_wide(given + family):
        return family + given
    return " ".join(part for part in (given, family) if part)


def _match_columns(
    path: Path, header: list[str], columns: dict[str, str],
    parts: tuple[int, int] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Column index of each field, and the headers left over (a name given in two
    columns, `parts`, counts as the name)."""
    keys = [_WORD.sub("", h).casefold() for h in header]
    where: dict[str, int] = {}
    for key, wanted in columns.items():
        folded = _WORD.sub("", wanted).casefold()
        if folded not in keys:
            shown = ", ".join(repr(h) for h in header if h.strip())
            raise UserError(f"--column {key}={wanted!r}: {path.name} has no such column "
                            f"(columns: {shown})")
        where[key] = keys.index(folded)
    for key, names in SYNONYMS.items():
        if key in where:
            continue
        folded = {_WORD.sub("", n) for n in names}
        index = next((i for i, k in enumerate(keys) if k in folded and i not in
                      where.values()), None)
        if index is not None:
            where[key] = index
    if "name" not in where and not parts:
        shown = ", ".join(repr(h) for h in header if h.strip()) or "none"
        raise UserError(f"{path}: no column for the writer's name (columns: {shown}); "
                        "call it 'name' (or give 'first name' and 'last name' columns) or "
                        "add --column name=\"YOUR HEADER\"")
    used = {*where.values(), *(parts or ())}
    ignored = [h for i, h in enumerate(header) if h.strip() and i not in used]
    return where, ignored


def _check(
    number: int, values: dict[str, str], languages: list[str] | None
) -> tuple[Participant | None, list[Problem]]:
    problems = []
    clean = {}
    for key, raw in values.items():
        if isinstance(raw, UnsavedFormula):
            problems.append(Problem(number, key, f"the cell holds the formula {raw} but the "
                                    "file keeps no result for it; open the workbook in your "
                                    "spreadsheet program and save it again, or paste values"))
            continue
        value = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
        bad = UNWRITABLE.search(value)  # before joining lines: split() eats \v and \f
        if key not in MULTILINE:
            value = " ".join(value.split())
        limit = LIMITS.get(key, DEFAULT_LIMIT)
        stray = bad_bytes(value)
        if stray:
            problems.append(Problem(number, key, stray))
        elif bad:
            problems.append(Problem(number, key, f"contains the control character "
                                    f"U+{ord(bad[0]):04X}; retype the cell"))
        elif key == "address" and value.count("\n") >= MAX_ADDRESS_LINES:
            problems.append(Problem(number, key, f"{value.count(chr(10)) + 1} lines, more "
                                    f"than an address needs ({MAX_ADDRESS_LINES})"))
        elif len(value) > limit:
            problems.append(Problem(number, key, f"{len(value)} characters, more than "
                                    f"{limit}; shorten it"))
        clean[key] = value
    if not clean.get("name") and not any(p.field == "name" for p in problems):
        problems.append(Problem(number, "name", "missing; every letter is signed by name"))
    email = clean.get("email", "")
    email_problem = email and email_address.email_problem(email)
    if email_problem:
        problems.append(Problem(number, "email", f"{email!r} is {email_problem}"))
    tag = clean.pop("language", "")
    language = _language(tag, languages) if tag else None
    if tag and language is None:
        choices = f"; use one of: {', '.join(languages)}" if languages else ""
        problems.append(Problem(number, "language", f"{tag!r}: no letter in this language"
                                + choices))
    if problems:
        return None, problems
    return Participant(number, Writer(**clean), language), []


def _language(tag: str, languages: list[str] | None) -> str | None:
    """The letter language a cell asks for ('ZH', 'zh_CN' -> 'zh'), or None if there is none."""
    if not is_tag(tag):
        return None
    return normalize(tag) if languages is None else best_match(tag, languages)


# --- reading the file -----------------------------------------------------------------------

def _csv_rows(path: Path):
    """(row number as the spreadsheet shows it, cells) for each row, blank ones included."""
    text = _text_of(path, path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    odd_quotes = text.count('"') % 2 == 1
    width, line = 0, 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number == 1:
                width = len(cells)
                cells = [_shown(cell) for cell in cells]
            elif reader.line_num > line + 1 and _swallows_rows(cells, delimiter, width,
                                                               odd_quotes):
                raise UserError(
                    f"{path}:{line + 1}: a quote (\") opens in row {number} and runs on to "
                    f"line {reader.line_num}, taking in what look like other rows; close "
                    "the quote or remove it, then save the list again")
            line = reader.line_num
            yield number, cells
    except csv.Error as exc:
        raise UserError(f"{path}:{reader.line_num}: not readable as CSV ({exc}); "
                        "save the sheet again as CSV") from None


def _text_of(path: Path, raw: bytes) -> str:
    """The list as text, refusing what is not text with what it looks like instead."""
    if raw.startswith(b"PK\x03\x04"):
        raise UserError(f"{path}: this is a zip file, most likely an Excel workbook with a "
                        f"{path.suffix} name; rename it to {path.stem}.xlsx")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(f"{path}: this is an old Excel .xls workbook; open it and save it "
                        "as .xlsx or CSV")
    text = decode(raw)
    sample = text[:4096]
    controls = sum(1 for c in sample if c < " " and c not in "\t\r\n\v\f")
    # random bytes hold about 1 control character in 9; a short list with one in a name
    # is a row problem, reported as such
    if "\x00" in sample or (len(sample) >= 512 and controls > len(sample) / 20):
        raise UserError(f"{path}: holds binary data, not text; export the participant list "
                        "from your spreadsheet as CSV (or give the .xlsx workbook)")
    return text


def _swallows_rows(cells: list[str], delimiter: str, width: int, odd_quotes: bool) -> bool:
    """Whether a row spanning several lines is a stray quote rather than a cell with line
    breaks (an address typed on two lines): the file has an odd number of quotes, or a
    later line of a cell holds a whole row's separators."""
    spanning = [cell for cell in cells if "\n" in cell]
    if not spanning:
        return False
    if odd_quotes:
        return True
    return width >= 3 and any(line.count(delimiter) >= width - 1
                              for cell in spanning for line in cell.split("\n")[1:])


def _shown(header: str) -> str:
    """A header cell as it can be printed: a byte that is not UTF-8 becomes U+FFFD."""
    return _BAD_BYTE.sub("\ufffd", header)


_BAD_BYTE = re.compile("[\udc80-\udcff]")


def decode(raw: bytes) -> str:
    """Spreadsheet CSV as text: UTF-8 (with or without BOM), else GB18030, else cp1252.

    Every byte string decodes as cp1252, and most Western cp1252 text also decodes as
    GB18030, into rare ideographs: GB18030 wins only when its characters are the common
    ones of GB2312 (both bytes from 0xA1), as real Chinese text is. Excel's "Unicode
    text" is UTF-16 with a byte-order mark. A file that is UTF-8 but for a stray byte
    or two (a name pasted from another program) stays UTF-8: each stray byte is kept
    as a lone surrogate (U+DC80-U+DCFF) so that its row can be reported, and no other
    row changes. Whole UTF-8 characters hardly ever arise by chance in other encodings, so
    a file with at least as many of them as stray bytes is UTF-8, however short.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    wide = _utf16_without_bom(raw)
    if wide is not None:
        return wide
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mixed = raw.decode("utf-8-sig", errors="surrogateescape")
    bad = len(_BAD_BYTE.findall(mixed))
    good = sum(1 for char in mixed if ord(char) > 0x7F) - bad
    if good >= bad:
        return mixed
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text
    return raw.decode("cp1252", errors="replace")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text saved without its byte-order mark: a zero byte beside most ASCII
    characters, on one side (little-endian: after them) throughout."""
    sample = raw[:4096]
    zeros = sample.count(0)
    if len(sample) < 4 or zeros < len(sample) / 4:
        return None
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    encoding = ("utf-16-le" if odd >= 0.9 * zeros else
                "utf-16-be" if zeros - odd >= 0.9 * zeros else None)
    if encoding is None:
        return None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def bad_bytes(value: str) -> str | None:
    """'byte 0xE9 ... (in Windows-1252 it would be 'é')' for a cell with stray bytes."""
    found = _BAD_BYTE.search(value)
    if not found:
        return None
    byte = ord(found[0]) - 0xDC00
    guess = bytes([byte]).decode("cp1252", errors="replace")
    return (f"byte 0x{byte:02X} is not UTF-8 like the rest of the file (in Windows-1252 it "
            f"would be {guess!r}); retype the cell, or save the list as UTF-8")


def _looks_chinese(text: str) -> bool:
    wide = [c for c in text if ord(c) > 0x7F]
    return bool(wide) and sum(map(_in_gb2312, wide)) >= 0.9 * len(wide)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


class UnsavedFormula(str):
    """A cell holding a formula (its text) whose result the workbook does not store, as
    when a program other than a spreadsheet wrote it: not a value to put in a letter."""


def _xlsx_rows(path: Path):
    """Rows of the first sheet, streamed (read-only mode), after checking that the
    workbook does not unpack to more than MAX_WORKBOOK_BYTES (a zip bomb). The sheet is
    read twice side by side, for the stored results and for the formulas, so that a
    formula without a result is named rather than read as an empty cell."""
    _check_unpacked_size(path)
    values, formulas = _open_sheet(path, data_only=True), _open_sheet(path, data_only=False)
    try:
        rows = zip(values[1].iter_rows(values_only=True),
                   formulas[1].iter_rows(values_only=True), strict=False)
        for number, (cells, written) in enumerate(rows, start=1):
            yield number, [_cell_text(value, formula) for value, formula
                           in zip(cells, (*written, *[None] * len(cells)), strict=False)]
    except UserError:
        raise
    except Exception as exc:  # a damaged sheet inside a good zip
        raise UserError(f"{path}: not a readable .xlsx workbook ({exc}); "
                        "open it in your spreadsheet program and save it again") from None
    finally:
        values[0].close()
        formulas[0].close()


def _open_sheet(path: Path, data_only: bool):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=data_only)
        sheet = book.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    if hasattr(sheet, "reset_dimensions"):  # trust the cells, not a claimed A1:XFD1048576
        sheet.reset_dimensions()
    return book, sheet


def _check_unpacked_size(path: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{path}: not a readable .xlsx workbook ({exc}); save the sheet "
                        "again as .xlsx or .csv") from None
    if unpacked > MAX_WORKBOOK_BYTES:
        raise UserError(f"{path}: the workbook unpacks to {unpacked / 1e6:,.0f} MB, more than "
                        f"a participant list needs ({MAX_WORKBOOK_BYTES / 1e6:.0f} MB); is it "
                        "the right file?")


def _cell_text(value, formula=None) -> str:
    """A cell as the organiser typed it: 69002 not 69002.0, a date as YYYY-MM-DD."""
    if value is None and isinstance(formula, str) and formula.startswith("="):
        return UnsavedFormula(formula)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)
