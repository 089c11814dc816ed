"""The writer's profile: set, show, unset, used by generate, checked like a case file."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from ua_letters import profile
from ua_letters.cli import app


def profile_file(home: Path) -> Path:
    return home / ".config" / "ua-letters" / "profile.yaml"


def setting(runner, *pairs: tuple[str, str]) -> None:
    for key, value in pairs:
        result = runner.invoke(app, ["profile", "set", key, value])
        assert result.exit_code == 0, result.output


def test_round_trip_in_the_config_folder(runner, isolated_home):
    setting(runner, ("name", "Jane Doe"), ("address", "12 Church Lane\nFlat 2"),
            ("country", "NO"), ("postcode", "010000"), ("email", "jane@example.org"),
            ("language", "ZH"), ("paper", "Letter"))
    file = profile_file(isolated_home)
    assert file.is_file()
    assert profile.load(file) == profile.Profile(
        name="Jane Doe", address="12 Church Lane\nFlat 2", country="NO", postcode="010000",
        email="jane@example.org", language="zh", paper="letter")
    shown = runner.invoke(app, ["profile", "show"])
    assert shown.exit_code == 0
    assert "name: Jane Doe" in shown.stdout and "country: NO" in shown.stdout
    assert str(file) in shown.stderr
    removed = runner.invoke(app, ["profile", "unset", "country"])
    assert removed.exit_code == 0 and "removed" in removed.stderr
    assert profile.load(file).country is None
    again = runner.invoke(app, ["profile", "unset", "country"])
    assert again.exit_code == 0 and "was not set" in again.stderr


def test_unknown_key_and_bad_values_are_refused(runner, isolated_home):
    typo = runner.invoke(app, ["profile", "set", "adress", "x"])
    assert typo.exit_code == 2
    assert "unknown profile key 'adress'; did you mean 'address'?" in typo.stderr
    for key, value, message in (("email", "jane", "not an email address"),
                                ("paper", "a5", "use a4 or letter"),
                                ("language", "Klingon please", "not a language tag"),
                                ("name", "  ", "give a value")):
        result = runner.invoke(app, ["profile", "set", key, value])
        assert result.exit_code == 2, key
        assert result.stderr.count("\n") == 1 and message in result.stderr
        assert f"profile set {key}" in result.stderr
    assert not profile_file(isolated_home).exists()


def test_a_bad_profile_file_gets_file_line_errors(runner, isolated_home):
    file = profile_file(isolated_home)
    file.parent.mkdir(parents=True)
    file.write_text("name: Jane Doe\nemial: jane@example.org\npaper: A5\ncity: [Oxford]\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui"])
    assert result.exit_code == 2
    errors = sorted(result.stderr.splitlines())
    assert errors == sorted([
        f"ua-letter: error: {file}:2: emial: unknown key; did you mean 'email'?",
        f"ua-letter: error: {file}:3: paper: use a4 or letter, not 'A5'",
        f"ua-letter: error: {file}:4: city: expected text, found a list",
    ])
    file.write_text("name: [\n", encoding="utf-8")
    broken = runner.invoke(app, ["profile", "show"])
    assert broken.exit_code == 2 and f"{file}:" in broken.stderr and "invalid YAML" in broken.stderr


def test_an_edited_profile_is_read_afresh(isolated_home):
    file = profile_file(isolated_home)
    file.parent.mkdir(parents=True)
    file.write_text("name: Jane Doe\n", encoding="utf-8")
    assert profile.load(file).name == "Jane Doe"
    assert profile.load(file).name == "Jane Doe"
    file.write_text("name: Jane Smith\n", encoding="utf-8")
    assert profile.load(file).name == "Jane Smith"


def test_generate_uses_the_profile_and_flags_win(runner, isolated_home):
    setting(runner, ("name", "Jane Doe"), ("address", "12 Church Lane"), ("city", "Oxford"),
            ("postcode", "OX1 2AB"), ("country", "United Kingdom"),
            ("about", "I am a teacher in Oxford."))
    letter = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--width", "0"])
    assert letter.exit_code == 0, letter.output
    text = letter.stdout
    assert text.startswith("Jane Doe\n12 Church Lane\nOxford OX1 2AB\nUnited Kingdom\n")
    assert "Dear Secretary Ma,\n\nI am a teacher in Oxford. " in text
    assert "no writer name given" not in letter.stderr
    flagged = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--width", "0",
                                  "--name", "Bob Smith", "--about", ""])
    assert flagged.stdout.startswith("Bob Smith\n12 Church Lane\n")
    assert flagged.stdout.rstrip().endswith("Bob Smith")
    assert "I am a teacher" not in flagged.stdout


def test_profile_language_is_the_default_when_the_case_has_it(runner, in_tmp):
    setting(runner, ("name", "Jane Doe"), ("language", "zh-CN"))
    chinese = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui"])
    assert chinese.exit_code == 0, chinese.output
    assert "尊敬的马兴瑞书记：" in chinese.stdout
    english = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--lang", "en"])
    assert "Dear Secretary Ma," in english.stdout
    case = ROOT / "tests" / "cases" / "ua-164.20.yaml"  # English only: the profile's zh is skipped
    other = runner.invoke(app, ["generate", str(case), "--to", "minister-interior"])
    assert other.exit_code == 0 and "Dear Minister," in other.stdout


def test_profile_paper_sizes_the_document(runner, in_tmp):
    import docx

    setting(runner, ("paper", "letter"))
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "-o", "a.docx"])
    assert result.exit_code == 0, result.output
    assert round(docx.Document(str(in_tmp / "a.docx")).sections[0].page_height.inches, 1) == 11.0
    flag = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "-o", "b.docx",
                               "--paper", "a4"])
    assert flag.exit_code == 0, flag.output
    assert round(docx.Document(str(in_tmp / "b.docx")).sections[0].page_height.mm) == 297
