"""Reading participant lists: encodings, separators, synonyms, and bad rows by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from ua_letters.batch.participants import Problem, decode, grouped, parse_columns, read
from ua_letters.errors import UserError

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ["en", "zh"]
SHEET = [
    ["name", "address", "city", "postcode", "country", "email", "language"],
    ["Zoë Lefèvre", "12 rue de l'Église\nAppartement 3", "Besançon", "25000", "France",
     "zoe@example.fr", "en"],
    ["Jörg Müller", "Königstraße 1", "München", "80331", "Germany", "", ""],
]


def csv_bytes(rows, delimiter: str, encoding: str, newline: str = "\r\n") -> bytes:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, "\n", '"')):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = newline.join(delimiter.join(cell(v) for v in row) for row in rows) + newline
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_encoding_and_separator_reads_the_same(tmp_path, encoding, delimiter):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes(SHEET, delimiter, encoding))
    roster = read(path, languages=LANGUAGES)
    assert roster.problems == [] and roster.ignored_columns == []
    zoe, jorg = roster.participants
    assert (zoe.row, zoe.writer.name, zoe.language) == (2, "Zoë Lefèvre", "en")
    assert zoe.writer.address == "12 rue de l'Église\nAppartement 3"  # CRLF inside a cell
    assert (jorg.row, jorg.writer.city, jorg.language) == (3, "München", None)


def test_gb18030_without_bom_is_read_as_chinese():
    roster = read(DATA / "participants-gb18030.csv", languages=LANGUAGES)
    assert [p.writer.name for p in roster.participants] == ["王小明", "李娜", "Anna Schmidt"]
    li = roster.participants[1]
    assert li.writer.address == "徐汇区漕溪北路1号\n3楼" and li.language == "zh"
    assert roster.participants[2].writer.address == "Hauptstraße 5"


def test_western_code_page_is_not_mistaken_for_chinese():
    # Every accented letter here is followed by a letter, so the bytes are valid GB18030.
    text = "name,city\nBjörn Müller,Zürich\nAnaïs Laënnec,Besançon\n"
    assert decode(text.encode("cp1252")) == text
    assert decode(text.encode("utf-8-sig")) == text
    assert decode("name\n张伟\n".encode("gb18030")) == "name\n张伟\n"


def test_excel_export_with_synonyms_blank_rows_and_extra_columns():
    roster = read(DATA / "participants-cp1252-semicolon.csv", languages=LANGUAGES)
    assert roster.problems == []
    assert roster.ignored_columns == ["Shirt size"]
    zoe, jorg = roster.participants
    assert zoe.writer.note == "J'espère qu'elle sera libérée.\nMerci."
    assert zoe.writer.postcode == "25000" and zoe.writer.email == "zoe@example.fr"
    assert jorg.row == 4  # row 3 is blank: skipped silently, still counted


def test_xlsx_first_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Full name", "Street", "Town", "ZIP", "Country", "E-Mail", "Why I care"])
    sheet.append(["Li Wei", "5 Rose St", "Leeds", 10115, "United Kingdom", "li@example.org",
                  "Because she is nineteen."])
    sheet.append([])
    sheet.append(["Ana Costa", None, "Porto", 4000.0, "Portugal", None, None])
    book.create_sheet("Other").append(["name"])
    path = tmp_path / "signups.xlsx"
    book.save(path)
    roster = read(path, columns={"note": "why i care"}, languages=LANGUAGES)
    li, ana = roster.participants
    assert (li.row, li.writer.postcode, li.writer.note) == (2, "10115", "Because she is nineteen.")
    assert (ana.row, ana.writer.postcode, ana.writer.address) == (4, "4000", "")


def test_bad_rows_are_reported_by_row_and_field():
    roster = read(DATA / "participants-bad-rows.csv", languages=LANGUAGES)
    assert [p.row for p in roster.participants] == [2, 7]
    assert [(p.row, p.field) for p in roster.problems] == [
        (3, "name"), (4, "email"), (5, "language"), (6, "name"),
    ]
    assert "U+000B" in roster.problems[-1].message
    assert str(roster.problems[1]).startswith("row 4: email: 'bad-at-example.org'")


def test_over_long_fields_and_single_line_fields(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,note\n\"Jane\n Doe\",ok\nJo," + "x" * 1501 + "\n", encoding="utf-8")
    roster = read(path)
    assert roster.participants[0].writer.name == "Jane Doe"
    assert [str(p) for p in roster.problems] == [
        "row 3: note: 1501 characters, more than 1500; shorten it"
    ]


def test_column_option_and_missing_columns(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Participant,Why I care\nJane Doe,She is nineteen.\n", encoding="utf-8")
    assert read(path, columns=parse_columns(['note=Why I care'])).participants[0].writer.note \
        == "She is nineteen."
    with pytest.raises(UserError, match=r"--column note='Motto': list.csv has no such column"):
        read(path, columns={"note": "Motto"})
    with pytest.raises(UserError, match=r"did you mean 'note'"):
        parse_columns(["nte=Motto"])
    with pytest.raises(UserError, match=r"FIELD=HEADER"):
        parse_columns(["note"])
    path.write_text("who,city\nJane,Oxford\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"no column for the writer's name .*--column name="):
        read(path)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        read(tmp_path / "none.csv")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(UserError, match="the file is empty"):
        read(tmp_path / "empty.csv")


def test_problems_are_grouped_by_message():
    roster = read(DATA / "participants-bad-rows.csv", languages=LANGUAGES)
    extra = [*roster.problems, Problem(9, "email", roster.problems[1].message)]
    assert grouped(extra) == [
        "row 3: name: missing; every letter is signed by name",
        "rows 4, 9: email: 'bad-at-example.org' is not an email address like name@example.org"
        " (An email address must have an @-sign.)",
        "row 5: language: 'tlh': no letter in this language; use one of: en, zh",
        "row 6: name: contains the control character U+000B; retype the cell",
    ]


def test_other_spreadsheet_formats_are_refused_with_a_way_out(tmp_path):
    path = tmp_path / "list.ods"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UserError, match=r"cannot read \.ods; save the sheet as \.xlsx or \.csv"):
        read(path)


def test_a_name_in_two_columns_is_joined(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text("First name,Last name,Email\nAna,Pérez,\n,Okafor,\n芳,王,\n,,a@b.org\n",
                    encoding="utf-8")
    roster = read(path)
    assert [p.writer.name for p in roster.participants] == ["Ana Pérez", "Okafor", "王芳"]
    assert [(p.row, p.field) for p in roster.problems] == [(5, "First name + Last name")]
    assert roster.ignored_columns == []
