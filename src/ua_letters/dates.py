"""Dates written the way the letter's language and the writer's country write them."""

from __future__ import annotations

from datetime import date

from ua_letters.languages import normalize, primary

# Countries whose English puts the month first ("June 15, 2023").
_MONTH_FIRST = {"united states", "united states of america", "usa", "us", "u.s.", "u.s.a.",
                "america", "philippines", "ph"}


def locale_for(language: str, country: str = "") -> str:
    """The Babel locale for a letter in `language` from a writer in `country`."""
    tag = normalize(language)
    if primary(tag) == "en":
        return "en_US" if country.strip().casefold() in _MONTH_FIRST else "en_GB"
    if primary(tag) == "zh":
        return "zh_Hant_TW" if tag in ("zh-Hant", "zh-TW", "zh-HK") else "zh_Hans_CN"
    return tag.replace("-", "_")


def long_date(day: date, language: str, country: str = "") -> str:
    """'15 June 2023', 'June 15, 2023', '2023年6月15日'."""
    from babel.dates import format_date

    return format_date(day, "long", locale=locale_for(language, country))
