"""One country lookup: names in English or Chinese, ISO codes and common short forms."""

from __future__ import annotations

import pytest

from ua_letters.letters.countries import postcode_after_town, territory, uses_letter_paper


def test_country_names_map_to_babel_territories():
    assert territory("  United   States ") == "US"
    assert territory("India") == "IN"
    assert territory("Atlantis") is None


@pytest.mark.parametrize(("typed", "code"), [
    ("us", "US"), ("USA", "US"), ("u.s.a.", "US"), ("美国", "US"), ("America", "US"),
    ("UK", "GB"), ("England", "GB"), ("英国", "GB"), ("gb", "GB"), ("Hong Kong", "HK"),
    ("中国", "CN"), ("China", "CN"), ("Deutschland", None), ("", None), ("  ", None),
])
def test_what_writers_type(typed, code):
    assert territory(typed) == code


def test_postcode_after_the_town_in_the_english_speaking_world():
    for country in ("United Kingdom", "UK", "Ireland", "USA", "Canada", "Australia",
                    "New Zealand", "Hong Kong", "Singapore", "India", "South Africa", "英国"):
        assert postcode_after_town(country), country
    for country in ("Spain", "France", "Germany", "China", "中国", "", "Narnia"):
        assert not postcode_after_town(country), country


def test_us_letter_paper_in_the_united_states_and_canada_only():
    for country in ("United States", "us", "U.S.A.", "america", "美国", "Canada", "加拿大"):
        assert uses_letter_paper(country), country
    for country in ("United Kingdom", "Mexico", "", "Narnia"):
        assert not uses_letter_paper(country), country


def test_formal_names_as_addresses_write_them_are_the_same_country():
    assert territory("People's Republic of China") == territory("People’s Republic of China")
    assert territory("People's Republic of China") == "CN"
    assert territory("the Netherlands") == "NL"


def test_a_country_nobody_knows_is_a_warning_with_a_suggestion(runner, tmp_path):
    from ua_letters.cli import app

    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--name", "Jo",
                                 "--country", "Frnace"])
    assert result.exit_code == 0
    assert ("country 'Frnace' is not one ua-letter knows (did you mean 'France'?)"
            in result.stderr)
    rows = tmp_path / "list.csv"
    rows.write_text("name,country\nAna,Frnace\nBo,Germany\nCy,中国\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", "33.23", str(rows), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0
    assert result.stderr.count("is not one ua-letter knows") == 1
    assert "list.csv row 2 (Ana): country 'Frnace'" in result.stderr
