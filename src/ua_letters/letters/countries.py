"""Countries as writers type them ('United States', 'us', '美国'), and what follows from one."""

from __future__ import annotations

from functools import cache

# Names Babel does not list but writers type; everything else comes from Babel's
# territory names in English and Chinese ("United States", "美国") or the ISO code ("US").
_ALIASES = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "hong kong": "HK", "香港": "HK", "macau": "MO", "macao": "MO", "澳门": "MO",
    "czech republic": "CZ", "中华人民共和国": "CN", "中國": "CN", "澳門": "MO", "臺灣": "TW",
    "美利坚合众国": "US", "英格兰": "GB", "苏格兰": "GB", "威尔士": "GB",
}

# Where an address puts the postcode after the town ("Oxford OX1 2AB"); most of the
# world writes it first ("28013 Madrid").
POSTCODE_AFTER_TOWN = frozenset({"GB", "IE", "US", "CA", "AU", "NZ", "HK", "SG", "IN", "ZA"})
# Where letters are printed on US Letter paper rather than A4.
LETTER_PAPER = frozenset({"US", "CA"})


# Formal names as addresses write them: "People's Republic of China", "the Netherlands".
_FORMAL_PREFIXES = ("the ", "people's republic of ", "republic of ")


def territory(country: str) -> str | None:
    """The ISO code of a country as a writer types it or an address writes it: 'United
    States', 'us', '美国', "People's Republic of China" -> 'US', 'US', 'US', 'CN'."""
    name = " ".join(country.split()).casefold().replace("\u2019", "'")
    if not name:
        return None
    found = _ALIASES.get(name) or _babel_names().get(name)
    for prefix in _FORMAL_PREFIXES:
        if found is None and name.startswith(prefix):
            found = territory(name[len(prefix):])
    return found


def unknown_country(country: str) -> str | None:
    """A warning when a writer's country is typed but not known ('Frnace'): it decides the
    paper, the order of postcode and town, and whether the post is foreign."""
    if not country.strip() or territory(country) is not None:
        return None
    from babel import Locale

    from ua_letters.errors import closest

    hint = closest(country.strip(), Locale("en").territories.values())
    mean = f" (did you mean {hint!r}?)" if hint else ""
    return (f"country {country.strip()!r} is not one ua-letter knows{mean}; it decides the "
            "paper, the address order and the airmail line, so write its name in English "
            "or Chinese")


def postcode_after_town(country: str) -> bool:
    """Whether a writer in `country` writes 'Oxford OX1 2AB' rather than '28013 Madrid'."""
    return territory(country) in POSTCODE_AFTER_TOWN


def uses_letter_paper(country: str) -> bool:
    """Whether a writer in `country` prints on US Letter paper (else A4)."""
    return territory(country) in LETTER_PAPER


@cache
def _babel_names() -> dict[str, str]:
    """Folded country name or code -> ISO code, from Babel's names in English and Chinese:
    one table, read from Babel's locale data once a run."""
    from babel import Locale

    names = {}
    for language in ("zh", "en"):  # English last, so it wins where the two differ
        for code, label in Locale(language).territories.items():
            if code.isalpha():
                names[label.casefold()] = code
                names[code.casefold()] = code
    return names
