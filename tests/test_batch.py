"""`ua-letter batch`: a participant list in, letters, envelopes, email drafts and manifest out."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest
from conftest import ROOT

from ua_letters.cases.loader import load_case
from ua_letters.cli import app
from ua_letters.exporters.envelopes import recipient_lines

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "participants-sample.csv"  # a copy of ../shared/data/participants-sample.csv
LIST = ["Jane Doe", "王小明", "Jane Doe", "../../etc/passwd", "CON"]
ON = ["--date", "2023-07-01"]


@pytest.fixture
def roster(tmp_path) -> Path:
    """Five writers: two share a name, one is Chinese, two would make dangerous file names."""
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        table = csv.writer(handle)
        table.writerow(["Name", "Street", "Town", "ZIP", "Country", "E-mail", "Why I care"])
        for number, name in enumerate(LIST):
            email = f"w{number}@example.org" if number % 2 == 0 else ""
            table.writerow([name, f"{number + 1} Church Lane", "Oxford", "OX1 2AB",
                            "United Kingdom", email, f"Note {number}."])
    return path


def batch(runner, *args):
    return runner.invoke(app, ["batch", "33.23", *map(str, args), *ON])


def letters_in(path: Path) -> list[list[str]]:
    """The paragraphs of each letter of a DOCX, split where a letter's section ends."""
    letters: list[list[str]] = [[]]
    for paragraph in docx.Document(str(path)).paragraphs:
        letters[-1].append(paragraph.text)
        properties = paragraph._p.pPr
        if properties is not None and properties.sectPr is not None:
            letters.append([])
    return letters


def manifest(folder: Path) -> list[dict]:
    with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_page_per_letter_grouped_by_target(runner, in_tmp, roster):
    result = batch(runner, roster, "--to", "all", "-o", "out", "--column", "note=Why I care")
    assert result.exit_code == 0, result.output
    letters = letters_in(in_tmp / "out" / "letters.docx")
    assert len(letters) == 10
    document = docx.Document(str(in_tmp / "out" / "letters.docx"))
    assert len(document.sections) == 10
    assert {s.start_type for s in document.sections[1:]} == {docx.enum.section.WD_SECTION.NEW_PAGE}
    senders = [letter[0].split("\n")[0] for letter in letters]
    assert senders == ["Jane Doe", "王小明", "Jane Doe", "../../etc/passwd", "CON"] * 2
    assert all("Dear Secretary Ma," in letter for letter in letters[:5])
    assert all("Dear Ambassador," in letter for letter in letters[5:])
    assert "Note 3." in letters[3]
    assert "ignored columns" not in result.stderr


def test_duplex_starts_every_letter_on_a_new_sheet(runner, in_tmp, roster):
    result = batch(runner, roster, "--to", "qin-gang", "-o", "out", "--duplex", "--no-email")
    assert result.exit_code == 0, result.output
    sections = docx.Document(str(in_tmp / "out" / "letters.docx")).sections
    assert len(sections) == 5
    assert {s.start_type for s in sections} == {docx.enum.section.WD_SECTION.ODD_PAGE}


def test_manifest_matches_the_files(runner, in_tmp, roster):
    result = batch(runner, roster, "--to", "all", "-o", "out", "--separate")
    assert result.exit_code == 0, result.output
    out = in_tmp / "out"
    rows = manifest(out)
    posted = [r for r in rows if r["channel"] == "post"]
    emailed = [r for r in rows if r["channel"] == "email"]
    assert len(posted) == 10 and len(emailed) == 3  # rows with email, to qin-gang only
    assert {r["target"] for r in emailed} == {"qin-gang"}
    assert sorted(r["file"] for r in posted) == sorted(
        f"letters/{p.name}" for p in (out / "letters").iterdir())
    assert sorted(r["file"] for r in emailed) == sorted(
        f"email/{p.name}" for p in (out / "email").iterdir())
    assert [r["row"] for r in posted[:5]] == ["2", "3", "4", "5", "6"]
    assert ["total", "10", "3"] in [line.split() for line in result.stdout.splitlines()]
    assert "5 writers; 0 rows skipped" in result.stdout


def test_problems_name_the_column_as_the_sheet_does(runner, in_tmp, roster):
    with roster.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["", "9 Lane", "York", "", "", "not-an-address", ""])
    result = batch(runner, roster, "--to", "qin-gang", "-o", "out")
    assert result.exit_code == 3
    assert "list.csv row 7: Name: missing" in result.stderr
    assert "list.csv row 7: E-mail: 'not-an-address' is not an email address" in result.stderr
    assert "5 writers; 1 row skipped (Name: 1, E-mail: 1)" in result.stdout


def test_the_summary_prints_no_escape_sequence_from_the_sheet(runner, in_tmp):
    sheet = in_tmp / "odd.csv"
    sheet.write_text('name,"Mail\x1b[2J"\nJane Doe,not-an-address\nBo Li,bo@example.org\n',
                     encoding="utf-8")
    result = batch(runner, sheet, "--to", "qin-gang", "-o", "out", "--column",
                   "email=Mail\x1b[2J")
    assert result.exit_code == 3, result.output
    assert "1 writer; 1 row skipped (Mail\\x1b[2J: 1)" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr


def test_separate_file_names_are_safe_and_unique(runner, in_tmp, roster):
    result = batch(runner, roster, "--to", "ma-xingrui", "-o", "out", "--separate")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (in_tmp / "out" / "letters").iterdir())
    assert names == sorted([
        "Jane Doe - ma-xingrui.docx", "Jane Doe - ma-xingrui (2).docx",
        "王小明 - ma-xingrui.docx", "etc passwd - ma-xingrui.docx", "CON - ma-xingrui.docx",
    ])
    assert sorted(p.name for p in in_tmp.iterdir()) == ["list.csv", "out"]
    second = letters_in(in_tmp / "out" / "letters" / "Jane Doe - ma-xingrui (2).docx")
    assert second[0][0].startswith("Jane Doe\n3 Church Lane")


def test_bad_rows_are_reported_and_good_rows_written(runner, in_tmp):
    result = batch(runner, DATA / "participants-bad-rows.csv", "--to", "ma-xingrui", "-o", "out")
    assert result.exit_code == 3, result.output
    errors = result.stderr
    assert "participants-bad-rows.csv row 3: name: missing" in errors
    assert "row 4: email: 'bad-at-example.org' is not an email address" in errors
    assert "row 5: language: 'tlh': no letter in this language; use one of: en" in errors
    assert "row 6: name: contains the control character U+000B" in errors
    assert [r["row"] for r in manifest(in_tmp / "out")] == ["2", "7"]
    assert len(letters_in(in_tmp / "out" / "letters.docx")) == 2
    assert "2 writers; 4 rows skipped (name: 2, email: 1, language: 1)" in result.stdout


def test_strict_writes_nothing(runner, in_tmp):
    result = batch(runner, DATA / "participants-bad-rows.csv", "--to", "all", "-o", "out",
                   "--strict")
    assert result.exit_code == 2
    assert "row 3: name: missing" in result.stderr
    assert "nothing written (--strict)" in result.stderr
    assert not (in_tmp / "out").exists()


def test_existing_files_are_kept_without_force(runner, in_tmp, roster):
    assert batch(runner, roster, "-o", "out", "--no-email").exit_code == 0
    letters = in_tmp / "out" / "letters.docx"
    letters.write_bytes(b"mine")
    result = batch(runner, roster, "-o", "out", "--separate", "--no-email")
    assert result.exit_code == 2
    assert "letters.docx already exists and 1 more; choose another folder or add --force" \
        in result.stderr  # and manifest.csv
    assert letters.read_bytes() == b"mine" and not (in_tmp / "out" / "letters").exists()
    assert batch(runner, roster, "-o", "out", "--force", "--no-email").exit_code == 0
    assert letters.read_bytes() != b"mine"


def test_a_forced_run_leaves_no_file_of_the_earlier_run(runner, in_tmp, roster, tmp_path):
    assert batch(runner, roster, "-o", "out", "--separate", "--envelopes").exit_code == 0
    out = in_tmp / "out"
    before = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    mine = out / "letters" / "my notes.txt"
    mine.write_text("kept", encoding="utf-8")
    first = roster.read_text(encoding="utf-8").splitlines()[:2]
    one = tmp_path / "one.csv"
    one.write_text("\n".join(first) + "\n", encoding="utf-8")
    result = batch(runner, one, "-o", "out", "--separate", "--force", "--no-email")
    assert result.exit_code == 0, result.stderr
    after = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    listed = {Path(line.rsplit(",", 1)[1]) for line in
              (out / "manifest.csv").read_text("utf-8-sig").splitlines()[1:]}
    assert after == listed | {Path("manifest.csv"), Path("letters.docx"),
                              Path("letters/my notes.txt")}
    assert len(before - after) > 5 and "removed" in result.stderr
    assert mine.read_text(encoding="utf-8") == "kept"


def test_envelopes_and_labels(runner, in_tmp, roster):
    result = batch(runner, roster, "--to", "all", "-o", "out", "--envelopes",
                   "--envelope-size", "C5", "--labels", "--label-sheet", "5160", "--no-email")
    assert result.exit_code == 0, result.output
    envelopes = docx.Document(str(in_tmp / "out" / "envelopes.docx"))
    section = envelopes.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (229, 162)
    lines = [p.text for p in envelopes.paragraphs]
    assert lines.count("BY AIR MAIL / PAR AVION") == 10
    assert sum(p.paragraph_format.page_break_before is True for p in envelopes.paragraphs) == 9
    assert lines[:6] == ["Jane Doe", "1 Church Lane", "Oxford OX1 2AB", "UNITED KINGDOM",
                         "BY AIR MAIL / PAR AVION", "830041"]
    assert "UNITED STATES OF AMERICA" in lines
    labels = docx.Document(str(in_tmp / "out" / "labels.docx"))
    assert round(labels.sections[0].page_height.inches, 1) == 11.0
    texts = [cell.text for row in labels.tables[0].rows for cell in row.cells if cell.text]
    assert len(texts) == 20  # an address label and a return label per letter
    # a 5160 label is too small for both scripts at 8 pt: the Latin address is what the
    # post needs (issue 16); the envelope carries both
    assert texts[0].startswith("BY AIR MAIL / PAR AVION\nMa Xingrui, Party Secretary")
    assert texts[0].endswith("PEOPLE'S REPUBLIC OF CHINA")
    assert texts[1] == "From:\nJane Doe\n1 Church Lane\nOxford OX1 2AB\nUNITED KINGDOM"


def test_recipient_addresses_for_the_post():
    case = load_case(ROOT / "cases" / "ua-33.23.yaml")
    assert recipient_lines(case.target("ma-xingrui")) == [
        "830041", "新疆维吾尔自治区乌鲁木齐市天山区中山路479号", "马兴瑞书记",
        "Ma Xingrui, Party Secretary of Xinjiang", "479 Zhongshan Lu, Tianshan Qu",
        "Urumqi, 830041", "Xinjiang Uyghur Autonomous Region", "PEOPLE'S REPUBLIC OF CHINA",
    ]
    assert recipient_lines(case.target("qin-gang")) == [
        "Qin Gang, Ambassador of the People's Republic of China to the United States",
        "Embassy of the People's Republic of China", "3505 International Place NW",
        "Washington, DC 20008", "UNITED STATES OF AMERICA",
    ]


def test_xlsx_with_language_column(runner, in_tmp):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Full name", "Town", "Country", "Lang", "Shirt"])
    book.active.append(["Ana Costa", "Porto", "Portugal", "EN-gb", "M"])
    book.save(in_tmp / "signups.xlsx")
    result = batch(runner, "signups.xlsx", "--to", "ma-xingrui", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "ignored columns: Shirt (use --column to read one)" in result.stderr
    assert manifest(in_tmp / "out") == [{
        "row": "2", "writer": "Ana Costa", "target": "ma-xingrui", "language": "en",
        "channel": "post", "file": "letters.docx",
    }]


@pytest.mark.parametrize(("option", "message"), [
    (["--envelopes", "--envelope-size", "b4"], "unknown envelope size 'b4' (--envelope-size)"),
    (["--column", "motto=Why"], "--column 'motto=Why': unknown field 'motto'"),
    (["--to", "ma-xingru"], "did you mean 'ma-xingrui'?"),
    (["--paper", "a5"], "--paper 'a5': use a4 or letter"),
])
def test_usage_errors_exit_2(runner, in_tmp, roster, option, message):
    result = batch(runner, roster, "-o", "out", *option)
    assert result.exit_code == 2 and message in result.stderr
    assert not (in_tmp / "out").exists()


def test_the_shared_sample_list(runner, in_tmp):
    result = batch(runner, SAMPLE, "--to", "all", "-o", "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(letters_in(in_tmp / "out" / "letters.docx")) == 24


def test_each_row_gets_the_language_it_asks_for(runner, in_tmp):
    result = batch(runner, DATA / "participants-gb18030.csv", "--to", "ma-xingrui", "-o", "out",
                   "--envelopes")
    assert result.exit_code == 0, result.output
    assert [(r["writer"], r["language"]) for r in manifest(in_tmp / "out")] == [
        ("王小明", "zh"), ("李娜", "zh"), ("Anna Schmidt", "en")]
    letters = letters_in(in_tmp / "out" / "letters.docx")
    assert any("马兴瑞" in paragraph for paragraph in letters[0])
    assert any("Dear Secretary Ma," in paragraph for paragraph in letters[2])
    envelopes = [p.text for p in docx.Document(str(in_tmp / "out" / "envelopes.docx")).paragraphs]
    # the two writers in China post domestically: no airmail line (issue 16)
    assert envelopes.count("BY AIR MAIL / PAR AVION") == 1


def test_printed_pages(runner, in_tmp, tmp_path_factory):
    """Through LibreOffice: a page per letter, an envelope per letter, 21 labels a sheet."""
    from pages import page_counts

    result = batch(runner, SAMPLE, "--to", "all", "-o", "out", "--envelopes", "--labels",
                   "--no-email")
    assert result.exit_code == 0, result.output
    names = ("letters", "envelopes", "labels")
    documents = {name: (in_tmp / "out" / f"{name}.docx").read_bytes() for name in names}
    counts = page_counts(documents, tmp_path_factory.mktemp("pdf"))
    assert counts == {"letters": 24, "envelopes": 24, "labels": 3}  # 48 labels


def test_a_note_that_pushes_a_letter_past_one_page_is_named_by_row(runner, in_tmp):
    long_note = "I have visited Xinjiang and met many kind people there. " * 18
    sheet = in_tmp / "long.csv"
    sheet.write_text(f'name,country,note\nJane Doe,United Kingdom,"{long_note}"\n'
                     "Ann Lee,United Kingdom,Short note.\n", encoding="utf-8")
    result = batch(runner, sheet, "--to", "ma-xingrui", "-o", "out", "-q")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "one A4 page" in line]
    assert len(warnings) == 1
    assert "long.csv row 2 (Jane Doe)" in warnings[0]
    assert "shorten your note by about" in warnings[0]
    assert (in_tmp / "out" / "letters.docx").exists()


def test_a_closed_case_or_one_still_to_fill_in_gets_no_batch(runner, in_tmp):
    from conftest import TEST_CASES

    closed = in_tmp / "closed.yaml"
    closed.write_text((TEST_CASES / "ua-16.20.yaml").read_text(encoding="utf-8")
                      + "status: closed\n", encoding="utf-8")
    for case, message in ((closed, "has status: closed"),
                          (TEST_CASES / "ua-279.15.yaml", "still to fill in")):
        result = runner.invoke(app, ["batch", str(case), str(SAMPLE), "--to", "all", "-o", "out"])
        assert result.exit_code == 2 and message in result.stderr
        assert not (in_tmp / "out").exists()


def test_an_email_draft_names_only_the_copies_it_sends(runner, in_tmp):
    from email import message_from_bytes, policy

    from conftest import TEST_CASES

    result = runner.invoke(app, ["batch", str(TEST_CASES / "ua-164.20.yaml"), str(SAMPLE),
                                 "--to", "minister-interior", "-o", "out", "--quiet",
                                 "--date", "2020-11-10"])
    assert result.exit_code == 0, result.output
    printed = letters_in(in_tmp / "out" / "letters.docx")[0]
    assert any(p.startswith("cc: Sofía Lara") for p in printed)  # the copy goes by post
    drafts = sorted((in_tmp / "out" / "email").glob("*.eml"))
    assert drafts
    draft = message_from_bytes(drafts[0].read_bytes(), policy=policy.default)
    assert draft["Cc"] is None and "cc:" not in draft.get_content()


def test_a_target_without_postal_address_gets_no_printed_letters(runner, in_tmp):
    from conftest import TEST_CASES

    case = str(TEST_CASES / "ua-164.20.yaml")
    result = runner.invoke(app, ["batch", case, str(SAMPLE), "--to", "all", "-o", "out",
                                 "--quiet", "--date", "2020-11-10"])
    assert result.exit_code == 0, result.output
    assert "Jorge Ruiz has no postal address" in result.stderr
    assert {row["target"] for row in manifest(in_tmp / "out")} == {"minister-interior"}
    alone = runner.invoke(app, ["batch", case, str(SAMPLE), "--to", "attorney-general",
                                "-o", "out2", "--date", "2020-11-10"])
    assert alone.exit_code == 2 and "the case gives: email" in alone.stderr


def test_letters_past_one_page_are_counted_in_the_summary(runner, in_tmp):
    long_note = "I have visited Xinjiang and met many kind people there. " * 18
    sheet = in_tmp / "long.csv"
    sheet.write_text(f'name,country,note\nJane Doe,United Kingdom,"{long_note}"\n'
                     f'Ann Lee,United Kingdom,"{long_note}"\n'
                     "Bo Li,United Kingdom,Short note.\n", encoding="utf-8")
    result = batch(runner, sheet, "--to", "all", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "3 writers; 0 rows skipped; 4 letters run past one page" in result.stdout


def test_domestic_mail_is_not_addressed_as_international(runner, in_tmp):
    sheet = in_tmp / "places.csv"
    sheet.write_text("name,address,city,postcode,country\n"
                     "Ann Lee,1 Oak St,Springfield IL,62701,United States\n"
                     "王小明,朝阳区建国路88号,北京,100022,中国\n"
                     "Jane Doe,1 Church Lane,Oxford,OX1 2AB,United Kingdom\n", encoding="utf-8")
    result = batch(runner, sheet, "--to", "all", "-o", "out", "--envelopes", "--labels",
                   "--no-email")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(in_tmp / "out" / "envelopes.docx"))
    envelopes, current = [], []
    for paragraph in document.paragraphs:
        if paragraph.paragraph_format.page_break_before and current:
            envelopes.append(current)
            current = []
        current.append(paragraph.text)
    envelopes.append(current)
    mark = "BY AIR MAIL / PAR AVION"
    by_writer = {(e[0], e[-1]): e for e in envelopes}
    # Illinois to the embassy in Washington: domestic, no country lines
    us = by_writer["Ann Lee", "Washington, DC 20008"]
    assert mark not in us and "UNITED STATES" not in " ".join(us)
    # Beijing to Urumqi: domestic, in Chinese only
    china = next(e for e in envelopes if e[0] == "王小明" and "马兴瑞书记" in e)
    assert mark not in china and not any("Xinjiang" in line or "CHINA" in line for line in china)
    # Oxford to Urumqi and Washington: international, both scripts, COUNTRY last
    abroad = [e for e in envelopes if e[0] == "Jane Doe"]
    assert all(mark in e for e in abroad) and {e[-1] for e in abroad} == {
        "PEOPLE'S REPUBLIC OF CHINA", "UNITED STATES OF AMERICA"}
    # the Chinese writer to Washington: international
    assert mark in next(e for e in envelopes if e[0] == "王小明" and e[-1].isupper())


@pytest.mark.parametrize(("paper", "expected"), [
    ([], ["letter", "letter", "a4"]), (["--paper", "a4"], ["a4", "a4", "a4"])])
def test_paper_follows_each_writer_unless_paper_is_given(runner, in_tmp, paper, expected):
    sheet = in_tmp / "paper.csv"
    sheet.write_text("name,country\nAnn Lee,United States\nBo Roy,Canada\n"
                     "Jane Doe,United Kingdom\n", encoding="utf-8")
    result = batch(runner, sheet, "--to", "qin-gang", "-o", "out", "--no-email", *paper)
    assert result.exit_code == 0, result.output
    sections = docx.Document(str(in_tmp / "out" / "letters.docx")).sections
    sizes = {(216, 279): "letter", (210, 297): "a4"}
    assert [sizes[round(s.page_width.mm), round(s.page_height.mm)] for s in sections] == expected


def test_rows_without_a_postal_address_are_named_once(runner, in_tmp, tmp_path):
    rows = tmp_path / "list.csv"
    rows.write_text("name,address\nAna,1 Main St\nBo,\nCy,\n", encoding="utf-8")
    result = batch(runner, rows, "-o", "out", "-q")
    assert result.exit_code == 0
    assert ("list.csv rows 3, 4: no postal address, so the letters carry none"
            in result.stderr)


def test_email_drafts_leave_no_cycles_where_the_collector_is_off(tmp_path):
    """The script runs with Python's cycle collector off (cli.main), and the email package
    makes a class, a reference cycle, for every header of a draft: drafts are made with
    the collector on (mail.drafts_collected), so 100 of them leave a few hundred objects
    for it, not the 6,000 they left without. Run in a process of its own, as the script
    is: inside pytest's the drafts' cycles did not pile up even without the fix."""
    import subprocess
    import sys

    code = (
        "import csv, gc\n"
        "from typer.testing import CliRunner\n"
        "from ua_letters.cli import app\n"
        "with open('list.csv', 'w', newline='') as handle:\n"
        "    table = csv.writer(handle)\n"
        "    table.writerow(['Name', 'Email'])\n"
        "    table.writerows([f'Writer {n}', f'w{n}@example.org'] for n in range(100))\n"
        "gc.collect()\n"
        "gc.disable()\n"
        "result = CliRunner().invoke(app, ['batch', '33.23', 'list.csv', '--to', 'qin-gang',\n"
        "                                  '-o', 'out', '--date', '2023-07-01'])\n"
        "still_off = not gc.isenabled() and gc.get_freeze_count() == 0\n"
        "gc.enable()\n"
        "print(result.exit_code, still_off, gc.collect())\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=False)
    code, still_off, left = run.stdout.split()
    assert (code, still_off) == ("0", "True"), run.stderr
    assert len(list((tmp_path / "out" / "email").iterdir())) == 100
    assert int(left) < 2000
