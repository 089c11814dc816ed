"""One email rule everywhere: a case file, --email, the profile and a participant list."""

from __future__ import annotations

import pytest
from test_model import GOOD, problems, write

from ua_letters.batch.participants import read
from ua_letters.cases.loader import load_case
from ua_letters.cli import app
from ua_letters.email_address import email_problem

REASON = "(The part after the @-sign is not valid. It should have a period.)"


@pytest.mark.parametrize("good", ["jane@example.org", "j.doe+ua@mail.example.co.uk",
                                  "chinaembpress_us@mfa.gov.cn", "a@b.cn"])
def test_plain_addresses_pass(good):
    assert email_problem(good) is None


@pytest.mark.parametrize(("bad", "why"), [
    ("jane@localhost", "It should have a period"),
    ("jane", "must have an @-sign"),
    ("jane@@example.org", "@"),
    ("Jane <jane@example.org>", "display name"),
    ("jane doe@example.org", "SPACE"),
    ("王@example.org", "Internationalized characters"),
    ("wang@例子.中国", "write the address as wang@xn--"),
])
def test_what_is_not_an_address_says_why(bad, why):
    assert why in email_problem(bad)


def test_jane_at_localhost_is_refused_the_same_way_everywhere(runner, tmp_path):
    """generate took it while profile set and batch refused it: now all four refuse it."""
    generate = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang",
                                   "--email", "jane@localhost"])
    assert generate.exit_code == 2
    assert generate.stderr == f"ua-letter: error: --email 'jane@localhost': not an email " \
                              f"address like name@example.org {REASON}\n"
    profile = runner.invoke(app, ["profile", "set", "email", "jane@localhost"])
    assert profile.exit_code == 2 and REASON in profile.stderr
    sheet = tmp_path / "list.csv"
    sheet.write_text("name,email\nJane Doe,jane@localhost\n", encoding="utf-8")
    [row] = read(sheet).problems
    assert str(row) == f"row 2: email: 'jane@localhost' is not an email address like " \
                       f"name@example.org {REASON}"
    [case] = problems(tmp_path, GOOD + "    email: jane@localhost\n")
    assert case.endswith(f"targets[0].email[0]: 'jane@localhost' is not an email address "
                         f"like name@example.org {REASON}")


def test_a_missing_marker_in_a_case_file_is_left_for_the_case_checks(tmp_path):
    """Reported as text still to fill in, not as a bad address."""
    from ua_letters.errors import ValidationProblems

    with pytest.raises(ValidationProblems) as info:
        load_case(write(tmp_path, GOOD + "    email: '[MISSING: the embassy address]'\n"))
    assert info.value.problems == [
        f"{tmp_path / 'case.yaml'}:11: targets[0].email: still to fill in: the embassy address"]
