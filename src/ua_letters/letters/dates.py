"""Dates written the way the letter's language and the writer's country write them."""

from __future__ import annotations

from datetime import date

from ua_letters.letters.countries import territory
from ua_letters.letters.languages import normalize, primary

_DEFAULT_ENGLISH = "en_GB"  # day month year: what most of the English-writing world uses


def locale_for(language: str, country: str = "") -> str:
    """The Babel locale for a letter in `language` from a writer in `country`."""
    tag = normalize(language)
    if primary(tag) == "en":
        code = territory(country) if country.strip() else None
        if code is None:
            return _DEFAULT_ENGLISH
        from babel import localedata

        return f"en_{code}" if localedata.exists(f"en_{code}") else _DEFAULT_ENGLISH
    if primary(tag) == "zh":
        return "zh_Hant_TW" if tag in ("zh-Hant", "zh-TW", "zh-HK") else "zh_Hans_CN"
    return tag.replace("-", "_")


def long_date(day: date, language: str, country: str = "") -> str:
    """'15 June 2023' (UK), 'June 15, 2023' (US), '2023年6月15日' (Chinese)."""
    from babel.dates import format_date

    return format_date(day, "long", locale=locale_for(language, country))
