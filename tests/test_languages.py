"""Choosing the letter's language, the errors when a case lacks it, and dates by country."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ROOT

from ua_letters.cli import app
from ua_letters.letters.dates import locale_for, long_date
from ua_letters.letters.languages import best_match, normalize

JUNE_15 = date(2023, 6, 15)


@pytest.mark.parametrize("tag", ["zh", "ZH", "zh-CN", "zh_Hans", "zh-Hans-CN", "zh_hans_cn",
                                 "Chinese", "中文"])
def test_chinese_tags_and_names_resolve_to_zh(tag):
    assert best_match(tag, ["en", "zh"]) == "zh"


@pytest.mark.parametrize("tag", ["fr", "de-DE", "klingon", "x"])
def test_languages_the_case_lacks_do_not_match(tag):
    assert best_match(tag, ["en", "zh"]) is None


def test_normalize_writes_bcp47_casing():
    assert normalize("zh_hans_cn") == "zh-Hans-CN"
    assert normalize("EN-gb") == "en-GB"


@pytest.mark.parametrize("tag", ["zh-CN", "zh_Hans", "ZH"])
def test_lang_option_understands_tags(runner, tag):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--lang", tag])
    assert result.exit_code == 0, result.output
    assert "尊敬的马兴瑞书记：" in result.stdout


def test_default_language_is_the_first_preferred_one(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui"])
    assert result.exit_code == 0
    assert "Dear Secretary Ma," in result.stdout


def test_a_language_the_case_lacks_lists_those_it_has(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == (
        "ua-letter: error: --lang fr: UA 33.23 has no text in that language; "
        "choose one of: en (English), zh (Chinese)")


@pytest.fixture
def partly_french(tmp_path):
    """UA 33.23 with a French title and first demand, and nothing else in French."""
    text = (ROOT / "cases" / "ua-33.23.yaml").read_text(encoding="utf-8")
    text = text.replace("  zh: 维吾尔族大学生以“宣扬极端主义”罪被判刑\n",
                        "  zh: 维吾尔族大学生以“宣扬极端主义”罪被判刑\n"
                        "  fr: Étudiante ouïghoure condamnée\n", 1)
    text = text.replace("      zh: 立即释放卡米莱·瓦依提",
                        "      fr: Libérer Kamile Wayit immédiatement\n"
                        "      zh: 立即释放卡米莱·瓦依提", 1)
    (tmp_path / "ua-33.23.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_partial_language_names_the_missing_fields(runner, partly_french):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--lang", "fr",
                                 "--cases", str(partly_french)])
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("ua-letter: error: UA 33.23 has only part of its text in 'fr': "
                              "no wording for subject, individuals[0].name,")
    assert "individuals[0].facts[1] and 14 more;" in message  # 20 in all: demands[0] has French
    assert message.endswith("add it to the case file, or choose one of: en, zh")


def test_an_unknown_language_mentions_a_partial_one(runner, partly_french):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--lang", "de",
                                 "--cases", str(partly_french)])
    assert result.exit_code == 2
    assert "choose one of: en (English), zh (Chinese) (fr (French): only in part)" in result.stderr


@pytest.mark.parametrize(("country", "expected"), [
    ("United States", "June 15, 2023"), ("USA", "June 15, 2023"), ("us", "June 15, 2023"),
    ("美国", "June 15, 2023"), ("United Kingdom", "15 June 2023"), ("UK", "15 June 2023"),
    ("英国", "15 June 2023"), ("Australia", "15 June 2023"), ("Narnia", "15 June 2023"),
    ("", "15 June 2023"),
])
def test_english_dates_follow_the_writers_country(country, expected):
    assert long_date(JUNE_15, "en", country) == expected


def test_chinese_dates_are_written_the_chinese_way_everywhere():
    assert long_date(JUNE_15, "zh", "United States") == "2023年6月15日"
    assert long_date(date(2023, 1, 5), "zh-CN") == "2023年1月5日"


def test_english_locale_follows_the_writers_country():
    assert locale_for("en", "Canada") == "en_CA"
    assert locale_for("en", "India") == "en_IN"


def test_us_writer_gets_a_us_date_in_the_letter(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--name", "Ann Lee",
                                 "--city", "Boston", "--country", "United States",
                                 "--date", "2023-06-15"])
    assert result.exit_code == 0
    assert "\nJune 15, 2023\n" in result.stdout


def test_dates_are_formatted_without_leaving_files_behind(isolated_home):
    """No cache of our own: Babel formats each date and nothing is written."""
    assert long_date(date(2023, 6, 15), "en", "United States") == "June 15, 2023"
    assert long_date(date(2023, 6, 15), "zh") == "2023年6月15日"
    assert not list(isolated_home.rglob("*"))


def test_complete_languages_are_those_with_every_text_preferred_first(partly_french, tmp_path):
    from test_model import GOOD, write

    from ua_letters.cases.loader import load_case
    from ua_letters.letters.context import complete_languages

    assert complete_languages(load_case(ROOT / "cases" / "ua-33.23.yaml")) == ["en", "zh"]
    assert complete_languages(load_case(partly_french / "ua-33.23.yaml")) == ["en", "zh"]
    both = GOOD.replace("title: {en: A title}", "title: {fr: Un titre, en: A title}")
    both = both.replace("- text: Release A Person", "- text: {fr: Libérer, en: Release}")
    assert complete_languages(load_case(write(tmp_path, both))) == ["en", "fr"]
    assert complete_languages(load_case(write(tmp_path, both.replace("fr: Libérer, ", "")))
                              ) == ["en"]


@pytest.mark.parametrize(("tag", "east_asian"), [
    ("zh", True), ("zh-Hant-TW", True), ("zh_CN", True), ("ja", True), ("ko", True),
    ("en", False), ("en-GB", False), ("fr", False),
])
def test_east_asian_conventions_follow_the_language(tag, east_asian):
    from ua_letters.letters.languages import written_east_asian

    assert written_east_asian(tag) is east_asian
