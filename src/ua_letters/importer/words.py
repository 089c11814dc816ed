"""Dates, language names and lines as UAs write them (month and language names from
Babel's locale data)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

_LOCALES = ("en", "fr", "es", "de", "pt")


@cache
def _months() -> dict[str, int]:
    """Month names and abbreviations in the languages UAs come in -> month number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.lower().rstrip(".")] = number
    names["sept"] = 9
    return names


@cache
def _date_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    month = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    day_first = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\s+({month})\.?,?\s+(\d{{4}})(?!\d)",
                           re.IGNORECASE)
    month_first = re.compile(rf"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
                             re.IGNORECASE)
    iso = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
    return day_first, month_first, iso


def find_date(text: str) -> tuple[date, int] | None:
    """The first full date written in `text` ('29 August 2023', 'July 16, 2024',
    '11 SEPTEMBER 2019', '2020-12-01'), with where it starts; None without a year."""
    day_first, month_first, iso = _date_patterns()
    found = []
    for pattern, order in ((day_first, "dmy"), (month_first, "mdy"), (iso, "ymd")):
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = parts["m"]
        number = int(month) if month.isdigit() else _months()[month.lower().rstrip(".")]
        try:
            found.append((date(int(parts["y"]), number, int(parts["d"])), match.start()))
        except ValueError:
            continue
    return min(found, key=lambda f: f[1]) if found else None


def find_day_month(text: str) -> tuple[int, int] | None:
    """(month, day) of a date written without its year at the start of `text`:
    '30 June', 'June 30'."""
    month = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    for pattern, order in ((rf"^\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+({month})\b", "dm"),
                           (rf"^\s*({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", "md")):
        match = re.match(pattern, text, re.IGNORECASE)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            return _months()[parts["m"].lower().rstrip(".")], int(parts["d"])
    return None


@cache
def _language_tags() -> dict[str, str]:
    from babel import Locale

    names = {name.lower(): tag for tag, name in Locale("en").languages.items()
             if "_" not in tag and len(tag) <= 3}
    names.update({"chinese": "zh", "farsi": "fa", "persian": "fa", "burmese": "my"})
    return names


def language_tags(phrase: str) -> tuple[list[str], list[str]]:
    """'English, Arabic or French' -> (['en', 'ar', 'fr'], names Babel does not know)."""
    tags, unknown = [], []
    for word in re.findall(r"[A-Za-z]+", phrase):
        lowered = word.lower()
        if lowered in ("or", "and", "your", "own", "language", "languages", "in", "the", "o"):
            continue
        tag = _language_tags().get(lowered)
        if tag and tag not in tags:
            tags.append(tag)
        elif not tag and word[0].isupper() and re.search(r"(?:an|ese|ish|ic|i)$", word):
            unknown.append(word)
    return tags, unknown


_STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "was", "for", "with", "has", "her", "his"},
    "fr": {"le", "la", "les", "des", "est", "une", "pour", "avec", "dans", "qui", "du"},
    "es": {"el", "los", "las", "del", "por", "con", "una", "que", "para", "fue", "su"},
    "de": {"der", "die", "das", "und", "ist", "mit", "für", "von", "eine", "wurde", "sich"},
}


def written_in(text: str) -> str:
    """The language most of the text is written in, by its commonest short words."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {tag: sum(word in common for word in words) for tag, common in _STOPWORDS.items()}
    return max(counts, key=lambda tag: (counts[tag], tag == "en"))


def find(lines: list[str], pattern: re.Pattern, start: int = 0) -> int | None:
    """The first line from `start` on that `pattern` finds (a 'Salutation:' line never)."""
    for i in range(start, len(lines)):
        if pattern.search(lines[i]) and not lines[i].lstrip().lower().startswith("salutation"):
            return i
    return None



def fold(text: str) -> str:
    """Lower case without accents, to compare names as people write them ('Trọng', 'Trong')."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).lower()


def with_article(role: str) -> str:
    """'poet' -> 'a poet', 'activist' -> 'an activist': a role completes "NAME is ..." and
    follows the name in the letter ("Anna Bergmann, a poet")."""
    if re.match(r"(?:a|an|the)\s", role, re.IGNORECASE):
        return role
    vowel = re.match(r"[aeio]|u(?!ni|se|su|ro)|hon|hour|heir", role, re.IGNORECASE)
    return ("an " if vowel else "a ") + role
