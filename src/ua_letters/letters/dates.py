"""Dates written the way the letter's language and the writer's country write them."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ua_letters.letters.languages import normalize, primary

# Names Babel does not list but writers type; everything else comes from Babel's
# territory names in English and Chinese ("United States", "美国") or the ISO code ("US").
_ALIASES = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "中华人民共和国": "CN", "中國": "CN", "香港": "HK", "澳门": "MO", "澳門": "MO",
    "臺灣": "TW", "美利坚合众国": "US", "英格兰": "GB", "苏格兰": "GB", "威尔士": "GB",
}
_DEFAULT_ENGLISH = "en_GB"  # day month year: what most of the English-writing world uses


@lru_cache(maxsize=64)
def territory(country: str) -> str | None:
    """The ISO code of a country as a writer types it: 'United States', 'us', '美国' -> 'US'."""
    name = " ".join(country.split()).casefold()
    if not name:
        return None
    if name in _ALIASES:
        return _ALIASES[name]
    from babel import Locale

    if len(name) == 2 and name.isalpha() and name.upper() in Locale("en").territories:
        return name.upper()
    for language in ("en", "zh"):
        for code, label in Locale(language).territories.items():
            if code.isalpha() and label.casefold() == name:
                return code
    return None


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
    """'15 June 2023' (UK), 'June 15, 2023' (US), '2023年6月15日' (Chinese).

    Loading Babel's locale data costs more than the rest of a letter, so the dates
    formatted lately are remembered in the user's cache folder: a pure function of
    locale and day. The file is named for the tool's version, not Babel's, because
    asking Babel its version means importing it.
    """
    locale = locale_for(language, country)
    key = f"{locale} {day.isoformat()}"
    remembered = _remembered()
    if key not in remembered:
        from babel.dates import format_date

        remembered[key] = format_date(day, "long", locale=locale)
        _remember(remembered)
    return remembered[key]


_KEEP = 64  # dates remembered: a few locales over the days a UA runs


def _cache_file():
    from ua_letters import __version__
    from ua_letters.resources import user_cache_dir

    return user_cache_dir() / f"dates-{__version__}.json"


@lru_cache(maxsize=1)
def _remembered() -> dict[str, str]:
    import json

    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _remember(remembered: dict[str, str]) -> None:
    """Write the cache atomically; a cache that cannot be written is only slower."""
    import json
    import os

    for stale in list(remembered)[:-_KEEP]:
        del remembered[stale]
    path = _cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(remembered, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
