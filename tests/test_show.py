"""`ua-letter cases` and `ua-letter show`: short rows, everything a case says."""

from __future__ import annotations

from conftest import TEST_CASES

from ua_letters.cli import app

TEST_CASE = str(TEST_CASES / "ua-164.20.yaml")


def test_the_cases_table_stays_narrow(runner):
    result = runner.invoke(app, ["cases", "--cases", str(TEST_CASES)])
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "Ana Pérez + 15 others" in rows["164.20"]  # two people and a group of 14
    assert "Osman Kavala + 15 others" in rows["35.19"]
    assert "Kamile Wayit  " in rows["33.23"]
    assert max(len(line) for line in result.stdout.splitlines()) < 110


def test_show_lists_role_alias_group_situation_and_kinds(runner):
    out = runner.invoke(app, ["show", TEST_CASE]).stdout
    assert "Luis Ortega (known as \"Lucho\"), he/him" in out
    assert "  role: a law student" in out
    assert "at least 14 protesters [group of 14]" in out
    assert "  situation: detained, whereabouts-unknown" in out
    out = runner.invoke(app, ["show", str(TEST_CASES / "ua-35.19.yaml")]).stdout
    assert "The case:\n  - On 4 March 2019" in out
    assert "14 others [group of 14]" in out
    assert "    kind: diplomat: " in out


def test_show_lists_a_targets_own_copies(runner, tmp_path):
    text = (TEST_CASES / "ua-13.20.yaml").read_text(encoding="utf-8")
    text = text.replace("    fax: +95 67 412439\n", "    fax: +95 67 412439\n    copies:\n"
                        "      - title: Minister of Foreign Affairs\n"
                        "        email: fm@example.org\n")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["show", str(path)]).stdout
    assert "    copies of this letter to:\n        title: Minister of Foreign Affairs\n" in out
    # the copy is named on the minister's letter only
    letters = runner.invoke(app, ["generate", str(path), "--to", "all", "--name", "A"]).stdout
    minister, ambassador = letters.split("\n" + "-" * 72 + "\n")
    assert minister.rstrip().endswith("cc: Minister of Foreign Affairs")
    assert "cc:" not in ambassador


def test_a_closed_case_gets_no_appeal(runner, tmp_path):
    text = (TEST_CASES / "ua-16.20.yaml").read_text(encoding="utf-8") + "status: closed\n"
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["generate", str(path), "--to", "ambassador"])
    assert result.exit_code == 2
    assert result.stderr == (
        "ua-letter: error: UA 16.20, update 1 has status: closed: Amnesty asks for no further "
        "action on this case, so no appeal is written\n")
    assert "status: closed" in runner.invoke(app, ["show", str(path)]).stdout
    table = runner.invoke(app, ["cases", "--cases", str(tmp_path)]).stdout
    assert "closed: no action" in table
