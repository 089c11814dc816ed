"""Letters for real Urgent Actions (tests/cases, transcribed from fragments in our own
words): every sentence the template adds is true of its case. Golden files are read by eye,
sentence by sentence; what a fragment lacks is filled here with clearly fictional values."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from conftest import JANE, TEST_CASES, check_golden

from ua_letters.cli import app

# Clearly fictional stand-ins for what the fragments do not give (see each case's header).
FICTIONAL = {
    "ua-241.10.yaml": {
        '  - text: "[MISSING: the recommended actions are not in the stored fragment]"':
            "  - text: Quash the death sentence passed on Aasia Bibi (fictional test demand)",
        '    name: "[MISSING: the officials to write to are not in the stored fragment]"':
            "    kind: authority\n    name: Test Official\n"
            "    title: Fictional Minister for Tests\n"
            "    salutation: Dear Minister\n"
            "    address: |-\n      1 Example Road\n      Example City",
    },
    "ua-279.15.yaml": {
        '  - id: guatemala-authorities\n'
        '    name: "[MISSING: the targets are only in the UA\'s Word and PDF versions]"':
            "  - id: test-office\n    name: Test Office (fictional)\n"
            "    web_form: https://example.org/fictional-contact-form\n"
            "  - id: test-envoy\n    kind: intergovernmental\n    name: Test Envoy\n"
            "    title: Fictional Envoy of an Example Intergovernmental Body\n"
            "    salutation: Dear Envoy\n"
            "    address: |-\n      1 Example Plaza\n      Example City",
    },
    "ua-nkina.yaml": {
        'ua: "[MISSING: the page gives no UA number]"': 'ua: "TEST 999/22 (fictional number)"',
    },
}


def filled(tmp_path: Path, name: str) -> str:
    text = (TEST_CASES / name).read_text(encoding="utf-8")
    for marker, value in FICTIONAL[name].items():
        assert marker in text
        text = text.replace(marker, value)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def generate(runner, case: str, to: str, on: str, *more: str):
    result = runner.invoke(app, ["generate", case, "--to", to, *JANE, "--date", on,
                                 "--no-variation", *more])
    assert result.exit_code == 0, result.output
    return result


# case, target, date, format, golden file: what each covers
LETTERS = [
    # several people plus a group of 14; two detained, 14 free; an embassy (diplomat)
    ("ua-35.19.yaml", "ambassador", "2019-03-20", "text", "35.19-ambassador-en.txt"),
    # three men, two on bail and one in prison: roles used; an authority
    ("ua-13.20.yaml", "minister-home-affairs", "2020-02-01", "text",
     "13.20-minister-home-affairs-en.txt"),
    # an update; detained, health at risk; an embassy
    ("ua-16.20.yaml", "ambassador", "2020-05-15", "text", "16.20-ambassador-en.txt"),
    # two detained, only one at risk of torture as the UA says: only he is named in that fear
    ("ua-57.21.yaml", "prosecutor-general", "2021-05-27", "text",
     "57.21-prosecutor-general-en.txt"),
    # made-up: an alias; a group whose whereabouts alone are unknown; copies on paper
    ("ua-164.20.yaml", "minister-interior", "2020-11-10", "text",
     "164.20-minister-interior-en.txt"),
]
FILLED = [
    # a death sentence (target and demand fictional)
    ("ua-241.10.yaml", "first-official", "2010-11-25", "text", "241.10-first-official-en.txt"),
    # threatened, free: a web-form-only target and an intergovernmental one (both fictional)
    ("ua-279.15.yaml", "test-office", "2015-12-10", "form", "279.15-test-office-form.txt"),
    ("ua-279.15.yaml", "test-envoy", "2015-12-10", "text", "279.15-test-envoy-en.txt"),
    # copies for one target, with email: sent as Cc (UA number fictional)
    ("ua-nkina.yaml", "president", "2022-10-01", "email", "999.22-president-email.txt"),
]


@pytest.mark.parametrize(("case", "to", "on", "fmt", "golden"), LETTERS)
def test_letters_for_real_cases(runner, case, to, on, fmt, golden):
    result = generate(runner, str(TEST_CASES / case), to, on, "--format", fmt)
    check_golden(golden, result.stdout)


@pytest.mark.parametrize(("case", "to", "on", "fmt", "golden"), FILLED)
def test_letters_for_cases_filled_with_fictional_values(runner, tmp_path, case, to, on, fmt,
                                                        golden):
    result = generate(runner, filled(tmp_path, case), to, on, "--format", fmt)
    check_golden(golden, result.stdout)


@pytest.mark.parametrize("case", sorted(FICTIONAL))
def test_a_case_with_markers_lists_them_and_makes_no_letter(runner, case):
    path = str(TEST_CASES / case)
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(FICTIONAL[case])
    assert all(": still to fill in: " in line for line in lines)
    result = runner.invoke(app, ["generate", path, "--to", "all"])
    assert result.exit_code == 2 and "still to fill in" in result.stderr


def test_the_transcribed_cases_validate(runner):
    paths = [str(p) for p in sorted(TEST_CASES.glob("*.yaml")) if p.name not in FICTIONAL]
    result = runner.invoke(app, ["validate", *paths])
    assert result.exit_code == 0, result.output


def test_no_claims_the_case_does_not_make(runner, tmp_path):
    """The sentences of the issue, each only where its case says so."""
    texts = {}
    for case, to, on, fmt, _ in LETTERS:
        texts[case] = generate(runner, str(TEST_CASES / case), to, on, "--format", fmt,
                               "--width", "0").stdout
    for case, to, on, fmt, _ in FILLED:
        texts[f"{case} {to}"] = generate(runner, filled(tmp_path, case), to, on, "--format",
                                         fmt, "--width", "0").stdout
    torture = [k for k, t in texts.items() if "torture" in t]
    assert torture == ["ua-57.21.yaml"]  # the only one of these cases voicing that fear
    assert "worried that Raman Pratasevich may be tortured" in texts["ua-57.21.yaml"]
    custody = [k for k, t in texts.items() if "in custody" in t]
    assert custody == ["ua-35.19.yaml", "ua-13.20.yaml", "ua-16.20.yaml", "ua-57.21.yaml",
                       "ua-164.20.yaml", "ua-241.10.yaml first-official",
                       "ua-nkina.yaml president"]
    assert "could be executed" in texts["ua-241.10.yaml first-official"]
    assert "I fear for his safety." in texts["ua-279.15.yaml test-envoy"]
    assert "his health" in texts["ua-16.20.yaml"]
    assert "Please raise his case with the authorities" in texts["ua-279.15.yaml test-envoy"]
    assert "convey my concern to your government" in texts["ua-35.19.yaml"]
    assert "power" not in texts["ua-279.15.yaml test-office"]


@pytest.mark.parametrize(("case", "to", "channels"), [
    ("ua-35.19.yaml", "minister-justice", "the case gives: fax"),
    ("ua-16.20.yaml", "public-prosecutor", "the case gives: fax, social media"),
])
def test_no_postal_letter_without_an_address(runner, case, to, channels):
    result = runner.invoke(app, ["generate", str(TEST_CASES / case), "--to", to])
    assert result.exit_code == 2
    assert "has no postal address" in result.stderr and channels in result.stderr
    every = runner.invoke(app, ["generate", str(TEST_CASES / case), "--to", "all",
                                "--date", "2020-05-15"])
    assert every.exit_code == 0
    assert "warning:" in every.stderr and "has no postal address" in every.stderr


def test_copies_are_sent_as_cc(runner, tmp_path, in_tmp):
    path = filled(tmp_path, "ua-nkina.yaml")
    result = runner.invoke(app, ["generate", path, "--to", "president", "--format", "email",
                                 "-o", "appeal.eml", *JANE])
    assert result.exit_code == 0, result.output
    draft = message_from_bytes((in_tmp / "appeal.eml").read_bytes(), policy=policy.default)
    assert draft["To"] == "presidence@burundi.gov.bi"
    assert draft["Cc"] == "ambassade.burundi@gmail.com"
    assert "cc: Embassy of Burundi in Belgium" in draft.get_content()


@pytest.mark.parametrize(("case", "on", "warning"), [
    ("ua-35.19.yaml", "2019-08-01", "was issued on 2019-03-08, over three months ago"),
    ("ua-13.20.yaml", "2020-02-01", "gives neither a deadline nor the date it was issued"),
])
def test_stale_cases_warn(runner, case, on, warning):
    result = runner.invoke(app, ["generate", str(TEST_CASES / case), "--to", "ambassador",
                                 "--date", on])
    assert result.exit_code == 0 and warning in result.stderr


def test_a_recent_case_does_not_warn(runner):
    result = runner.invoke(app, ["generate", str(TEST_CASES / "ua-35.19.yaml"), "--to",
                                 "ambassador", "--date", "2019-04-01", "--name", "A"])
    assert result.stderr == ""


def test_each_situation_sentence_names_only_its_people(runner, tmp_path):
    """A made-up case: one sentence per situation word, about the people it applies to."""
    case = tmp_path / "case.yaml"
    case.write_text("""\
ua: "1.99"
title: Made-up case
languages: [en]
individuals:
  - name: Ana
    gender: female
    situation: [surveillance, travel-ban, health-at-risk]
  - name: Ben
    gender: male
    situation: [whereabouts-unknown, facing-execution, released]
demands:
  - text: Do what the made-up UA asks
targets:
  - id: office
    name: An Office
    address: 1 Example Road
""", encoding="utf-8")
    result = runner.invoke(app, ["generate", str(case), "--to", "office", "--width", "0",
                                 "--no-variation", "--date", "2024-01-01"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for sentence in ("The whereabouts of Ben remain unknown.", "I am alarmed that Ben could be "
                     "executed.", "I am also worried about the health of Ana.",
                     "I am troubled that Ana is kept under surveillance.",
                     "I am concerned that Ana is banned from travelling."):
        assert sentence in out
    for claim in ("in custody", "torture", "safety", "harass", "power"):
        assert claim not in out
