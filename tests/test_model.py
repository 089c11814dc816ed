"""The case model: the shipped case loads; every kind of mistake is reported with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, TEST_CASES

from ua_letters.cases.loader import load_case
from ua_letters.cases.model import missing_text, ua_id
from ua_letters.errors import UserError, ValidationProblems

GOOD = """\
ua: "12.34"
title: {en: A title}
languages: [en]
individuals:
  - name: A Person
demands:
  - text: Release A Person
targets:
  - id: the-minister
    name: The Minister
"""


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ValidationProblems) as info:
        load_case(write(tmp_path, text))
    return info.value.problems


def test_ua_33_23_is_complete_and_faithful():
    case = load_case(ROOT / "cases" / "ua-33.23.yaml")
    assert case.id == "33.23"
    assert str(case.deadline) == "2023-08-29"
    assert case.languages == ("en", "zh")
    assert case.own_language
    person = case.individuals[0]
    assert person.name == {"en": "Kamile Wayit", "zh": "卡米莱·瓦依提"}
    assert person.pronouns == "she/her" and person.age == 19
    assert [t.id for t in case.targets] == ["ma-xingrui", "qin-gang"]
    ma, qin = case.targets
    assert ma.salutation["en"] == "Dear Secretary Ma"
    assert "479 Zhongshan Lu" in ma.address["en"]
    assert qin.salutation["en"] == "Dear Ambassador"
    assert qin.email == ("chinaembpress_us@mfa.gov.cn",)
    assert qin.phone == ("202 495 2266",) and qin.fax == ("202 495 2138",)
    assert [s.handle for s in qin.social] == ["@ChineseEmbinUS", "@AmbQinGang"]
    demands = [d.text["en"] for d in case.demands]
    assert len(demands) == 3
    assert demands[0].startswith("Release Kamile Wayit immediately, unless")
    assert "lawyer of her choice" in demands[1]
    assert "medical care" in demands[2] and "torture" in demands[2]
    assert all("zh" in d.text for d in case.demands)
    assert missing_text(case, "en") == [] and missing_text(case, "zh") == []
    assert case.previous[0].index == "ASA 17/6638/2023"


def test_the_varied_test_case_loads():
    case = load_case(TEST_CASES / "ua-164.20.yaml")
    assert case.id == "164.20" and case.update == 1 and case.label == "UA 164.20, update 1"
    assert [p.kind for p in case.individuals] == ["person", "person", "group"]
    assert case.individuals[2].headcount == 14
    assert [c.id for c in case.copies] == ["ambassador"]
    assert len(case.demands_for("minister-interior")) == 2
    assert len(case.demands_for("attorney-general")) == 3
    ag = case.target("attorney-general")
    assert ag.salutation is None and ag.address is None and ag.web_form
    assert ag.channels() == ["email", "web form"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("33.23", "33.23"), ("UA 33/23", "33.23"), ("UA 164/20, update 1", "164.20"),
     ("FI 132/19-11", "132.19"), ("UA 033/23", "33.23")],
)
def test_ua_numbers_written_many_ways(written, expected):
    assert ua_id(written) == expected


def test_minimal_case_loads(tmp_path):
    case = load_case(write(tmp_path, GOOD))
    assert case.deadline is None and case.copies == ()
    assert case.targets[0].channels() == []


def test_unknown_key_names_line_and_suggests(tmp_path):
    text = GOOD.replace("    name: The Minister", "    name: The Minister\n    salutaton: Dear Sir")
    [message] = problems(tmp_path, text)
    assert message == (
        f"{tmp_path / 'case.yaml'}:11: targets[0].salutaton: unknown key; "
        "did you mean 'salutation'?"
    )


def test_wrong_type_and_missing_field_all_at_once(tmp_path):
    text = GOOD.replace("languages: [en]\n", "")
    text = text.replace("name: A Person", "name: A Person\n    age: old")
    found = problems(tmp_path, text)
    assert len(found) == 2
    assert any("individuals[0].age: expected a whole number, found str 'old'" in p for p in found)
    assert any(":1: languages: missing; add it" in p for p in found)


@pytest.mark.parametrize(
    ("old", "new", "raw"),
    [
        ('ua: "12.34"', "ua: 33.20", "33.20"),
        ("name: The Minister", "name: NO", "NO"),
        ("name: The Minister", "name: The Minister\n    fax: 010000", "010000"),
    ],
)
def test_yaml_11_traps_say_put_it_in_quotes(tmp_path, old, new, raw):
    [message] = problems(tmp_path, GOOD.replace(old, new))
    assert f"found {raw}" in message
    assert f'put it in quotes: "{raw}"' in message


def test_cross_checks(tmp_path):
    text = GOOD.replace("  - text: Release A Person",
                        "  - text: Release A Person\n    targets: [the-ministre]")
    text += "  - id: the-minister\n    name: Another\n"
    found = problems(tmp_path, text)
    assert any("unknown target 'the-ministre'; did you mean 'the-minister'?" in p for p in found)
    assert any("'the-minister' is used twice" in p for p in found)


def test_preferred_language_without_text(tmp_path):
    found = problems(tmp_path, GOOD.replace("languages: [en]", "languages: [en, zh]"))
    assert ":2: title: no text in preferred language 'zh'" in found[0]
    # a plain string no longer counts as Chinese when the case has two languages
    assert any(":7: demands[0].text: one text for every language (en, zh)" in p for p in found)


def test_bad_yaml_names_the_line(tmp_path):
    with pytest.raises(UserError, match=r"case.yaml:3: invalid YAML"):
        load_case(write(tmp_path, 'ua: "1.2"\ntitle: x\n  bad: [\n'))


def test_duplicate_key(tmp_path):
    with pytest.raises(UserError, match=r"case.yaml:2: title: this key appears twice"):
        load_case(write(tmp_path, "title: a\ntitle: b\n"))


def test_invalid_email(tmp_path):
    [message] = problems(tmp_path, GOOD + "    email: not-an-address\n")
    assert "targets[0].email[0]: 'not-an-address' is not an email address" in message


def test_python_tags_are_refused(tmp_path):
    with pytest.raises(UserError, match="invalid YAML"):
        load_case(write(tmp_path, "ua: !!python/object/apply:os.system ['echo hi']\n"))


def test_loading_again_gives_an_equal_case_and_sees_edits(tmp_path):
    path = write(tmp_path, GOOD)
    first = load_case(path)
    assert load_case(path) == first
    path.write_text(GOOD.replace("A title", "Another title"), encoding="utf-8")
    assert load_case(path).title == {"en": "Another title"}


@pytest.mark.parametrize("written", ["2023-02-30", "2023-13-01", "2023-02-29 10:00:00"])
def test_impossible_date_is_a_line_not_a_traceback(tmp_path, written):
    path = write(tmp_path, GOOD + f"deadline: {written}\n")
    with pytest.raises(UserError) as info:
        load_case(path)
    assert str(info.value).startswith(f"{path}:11: deadline: {written} is not a real date (")
    assert str(info.value).endswith("); write it YYYY-MM-DD")


def test_impossible_date_as_a_key_or_an_explicit_type_is_a_line_too(tmp_path):
    with pytest.raises(UserError, match=r"case.yaml:11: 2023-02-30: 2023-02-30 is not a real"):
        load_case(write(tmp_path, GOOD + "2023-02-30: x\n"))
    with pytest.raises(UserError, match=r"case.yaml:11: update: 'ten' cannot be read as int"):
        load_case(write(tmp_path, GOOD + "update: !!int ten\n"))


def test_validate_reports_an_impossible_date_with_exit_2(runner, tmp_path):
    from ua_letters.cli import app

    path = write(tmp_path, GOOD + "deadline: 2023-02-30\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (f"ua-letter: error: {path}:11: deadline: 2023-02-30 is not a real "
                             "date (day is out of range for month); write it YYYY-MM-DD\n")


def test_own_language_is_off_unless_the_case_says_so(tmp_path):
    assert load_case(write(tmp_path, GOOD)).own_language is False


def test_keys_are_suggested_by_meaning(tmp_path):
    text = GOOD.replace("    name: The Minister", "    name: The Minister\n    twitter: '@min'")
    [message] = problems(tmp_path, text)
    assert message.endswith("targets[0].twitter: unknown key; did you mean 'social'?")


def test_problems_come_in_line_order(tmp_path):
    text = GOOD.replace("title: {en: A title}", "title: {en: A title}\nlanguages: [en, xx-1]")
    text = text.replace("languages: [en]\n", "").replace("    name: The Minister",
                                                          "    name: The Minister\n    fx: 1")
    text = text.replace("  - name: A Person", "  - name: A Person\n    age: old")
    found = problems(tmp_path, text)
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines) and len(found) == 2


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("demands:\n  - text: Release A Person\n", "demands: []\n",
     ":6: demands: no demands: a letter needs at least one"),
    ("languages: [en]", "languages: [en, es]",
     ":3: languages[1]: no letter template for 'es' (letter.es.j2)"),
    ("languages: [en]", "languages: [en, zh]",
     ":7: demands[0].text: one text for every language (en, zh): write it per language"),
    ("    name: The Minister",
     "    name: The Minister\n    email: '[MISSING: hidden by the page]'",
     ":11: targets[0].email: still to fill in: hidden by the page"),
    ("    name: The Minister",
     "    name: The Minister\n    copies:\n      - email: a@example.org",
     ":12: targets[0].copies[0]: a copy needs a name, title or organisation"),
    ("individuals:\n  - name: A Person",
     "individuals:\n  - name: A Person\n    situation: [jailed]",
     ":6: individuals[0].situation[0]: "),
    ("    name: The Minister", "    name: The Minister\n    kind: minister",
     ":11: targets[0].kind: 'minister' is not known here; did you mean 'authority'?"),
    ("title: {en: A title}", "title: {en: A title, zh: A title}",
     ":2: title: the 'zh' text is not written in that language's script"),
])
def test_what_cannot_make_a_proper_letter(tmp_path, old, new, expected):
    assert old in GOOD
    found = problems(tmp_path, GOOD.replace(old, new))
    assert any(expected in p for p in found), found


def test_copies_need_no_name_or_id(tmp_path):
    text = GOOD + "    copies:\n      - organisation: Ministry of Justice\n"
    text += "copies:\n  - title: Minister of Foreign Affairs\n"
    case = load_case(write(tmp_path, text))
    assert [c.organisation for c in case.copies_for("the-minister")] == [
        None, {"*": "Ministry of Justice"}]


def test_an_organisation_repeated_in_the_address_is_a_warning(tmp_path, runner):
    from ua_letters.cases.loader import check_case
    from ua_letters.cli import app

    text = GOOD + "    organisation: Ministry of Justice\n    address: |-\n"
    text += "      Ministry of Justice\n      1 Main Street\n"
    path = write(tmp_path, text)
    _case, warnings = check_case(path)
    assert len(warnings) == 1
    assert ":12: targets[0].address: its first line repeats `organisation`" in warnings[0]
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and "warning:" in result.stderr
    letter = runner.invoke(app, ["generate", str(path), "--to", "the-minister"]).stdout
    assert letter.count("Ministry of Justice") == 1


def test_every_field_of_the_model_is_documented_under_it():
    """The model is the reference for case files (as mkdocs' config schema is)."""
    import ast

    import ua_letters.cases.model as model

    tree = ast.parse(Path(model.__file__).read_text(encoding="utf-8"))
    undocumented = []
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for node, after in zip(cls.body, [*cls.body[1:], None], strict=True):
            field = isinstance(node, ast.AnnAssign) and node.target.id != "__pydantic_config__"
            documented = isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
            if field and not documented:
                undocumented.append(f"{cls.name}.{node.target.id}")
    assert undocumented == []


def test_a_language_whose_template_is_in_a_template_dir_is_good(tmp_path, runner):
    from ua_letters.cli import app

    text = GOOD.replace("languages: [en]", "languages: [en, es]")
    text = text.replace("{en: A title}", "{en: A title, es: Un título}")
    text = text.replace("Release A Person", "{en: Release A Person, es: Liberen}")
    path = write(tmp_path, text + "    address: 1 Main Street\n")
    own = tmp_path / "templates"
    own.mkdir()
    (own / "letter.es.j2").write_text((ROOT / "templates" / "letter.en.j2").read_text("utf-8"),
                                      encoding="utf-8")
    refused = runner.invoke(app, ["validate", str(path)])
    assert refused.exit_code == 2 and "no letter template for 'es'" in refused.stderr
    assert runner.invoke(app, ["validate", str(path), "--template-dir", str(own)]).exit_code == 0
    made = runner.invoke(app, ["generate", str(path), "--to", "the-minister", "--lang", "es",
                               "--template-dir", str(own), "--name", "Ana", "-o", "-",
                               "--format", "text"])
    assert made.exit_code == 0, made.stderr
    assert "Ana" in made.stdout


def test_an_impossible_date_hides_no_other_problem(tmp_path):
    text = GOOD.replace("    name: The Minister", "    name: The Minister\n    salutaton: Sir")
    found = problems(tmp_path, text + "deadline: 2023-02-30\nupdate: !!int ten\n")
    assert [p.split(": ", 1)[1] for p in found] == [
        "targets[0].salutaton: unknown key; did you mean 'salutation'?",
        "deadline: 2023-02-30 is not a real date (day is out of range for month); "
        "write it YYYY-MM-DD",
        "update: 'ten' cannot be read as int (invalid literal for int() with base 10: 'ten')"]
