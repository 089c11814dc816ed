"""Language tags: 'zh-CN', 'zh_Hans', 'ZH' and 'Chinese' all name Chinese."""

from __future__ import annotations

import re
import unicodedata

ANY = "*"  # key of a text that reads the same in every language (names, numbers)

_TAG = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


def wide(char: str) -> bool:
    """A character set in a full square: Chinese, Japanese, Korean and their punctuation.

    Such text joins and wraps without spaces. (A character-class regex over these ranges
    would cost milliseconds to compile on every start.)
    """
    return unicodedata.east_asian_width(char) in _WIDE


_WIDE = ("W", "F")  # East Asian Width: wide, full-width


def wide_chars(text: str) -> list[str]:
    """The distinct Chinese, Japanese and Korean characters of `text`. None comes before
    U+1100, so only the few characters beyond are looked up: English and accented Latin
    text, most of what is asked, is answered by one search."""
    beyond = [] if text.isascii() else _BEYOND_LATIN.findall(text)
    return [char for char in set(beyond) if wide(char)] if beyond else []


_BEYOND_LATIN = re.compile("[^\x00-\u10ff]")


def has_wide(text: str) -> bool:
    """Whether `text` holds any Chinese, Japanese or Korean (full-width) character: found
    among the characters past U+10FF, looked up up to the first wide one."""
    return not text.isascii() and any(wide(found.group())
                                      for found in _BEYOND_LATIN.finditer(text))


def unspaced(char: str) -> bool:
    """A character of a script that runs words together: Chinese and Japanese, not Korean,
    whose Hangul is wide but puts spaces between words."""
    return wide(char) and not unicodedata.name(char, "").startswith("HANGUL")


def written_east_asian(language: str) -> bool:
    """Whether a letter in `language` follows East Asian conventions (indents of full-width
    spaces, the place before the town): Chinese, Japanese and Korean."""
    return primary(language) in ("zh", "ja", "ko")


def in_its_script(language: str, text: str) -> bool:
    """Whether `text` can be prose in `language`: Chinese, Japanese or Korean with at
    least one such character, any other language not in nothing but them (English left
    under `zh:`, or the reverse, is not)."""
    if written_east_asian(language):
        return has_wide(text)
    return not has_wide(text) or any(c.isascii() and c.isalpha() for c in text)


def is_tag(tag: str) -> bool:
    return bool(_TAG.match(tag))


def normalize(tag: str) -> str:
    """BCP 47 casing with hyphens: 'zh_hans' -> 'zh-Hans', 'en_gb' -> 'en-GB', 'ZH' -> 'zh'."""
    parts = re.split(r"[-_]", tag.strip())
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) in (2, 3) and (part.isalpha() or part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def primary(tag: str) -> str:
    return normalize(tag).split("-")[0]


def best_match(requested: str, available: list[str] | tuple[str, ...]) -> str | None:
    """The available language that best serves `requested`: same tag, else same language.

    `requested` may also be a language's name in English or Chinese ('Chinese', '中文').
    """
    if not is_tag(requested):
        requested = tag_for_name(requested) or ""
        if not requested:
            return None
    wanted = normalize(requested)
    normalized = {normalize(a): a for a in available}
    if wanted in normalized:
        return normalized[wanted]
    for tag, original in normalized.items():
        if primary(tag) == primary(wanted):
            return original
    return None


def tag_for_name(name: str) -> str | None:
    """'Chinese' / 'chinese' / '中文' -> 'zh': a language named in English or Chinese."""
    from babel import Locale

    wanted = name.strip().casefold()
    for language in ("en", "zh"):
        for tag, label in Locale(language).languages.items():
            if label.casefold() == wanted:
                return tag
    return {"中文": "zh", "汉语": "zh", "英文": "en"}.get(wanted)


def describe(tags: list[str] | tuple[str, ...]) -> str:
    """'en (English), zh (Chinese)': tags with their English names, for messages."""
    from babel import Locale

    names = Locale("en").languages
    return ", ".join(f"{tag} ({names[primary(tag)]})" if primary(tag) in names else tag
                     for tag in tags)
