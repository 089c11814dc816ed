"""File names made from people's names: safe on every OS, short enough, never clashing."""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 255  # the limit of ext4, APFS and NTFS (NTFS counts UTF-16 units: fewer than this)

# Path separators, characters Windows forbids, and C0/C1 control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]+')
_SPACES = re.compile(r"\s+")
_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³"),
}


def safe_stem(text: str, *, fallback: str = "letter", max_bytes: int = MAX_BYTES) -> str:
    """`text` as a file name without suffix: no separators, no `..`, no reserved device name."""
    stem = unicodedata.normalize("NFC", text)
    stem = _UNSAFE.sub(" ", stem)
    # format characters (bidi overrides, zero-width marks) can disguise a file's type
    stem = "".join(c for c in stem if unicodedata.category(c) != "Cf")
    stem = _SPACES.sub(" ", stem).strip(" .")  # leading dots hide files, trailing ones vanish
    if stem.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    stem = _cut(stem, max_bytes)
    return stem or fallback


def _cut(text: str, max_bytes: int) -> str:
    """The longest prefix of `text` within `max_bytes` of UTF-8, without a split character."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    cut = text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    while cut and unicodedata.combining(cut[-1]):  # keep an accent with its letter
        cut = cut[:-1]
    return cut.rstrip(" .")


class UniqueNames:
    """Hands out file names in one folder, adding ' (2)', ' (3)' when a name is taken.

    Names are compared as case-insensitive file systems (Windows, macOS) compare them.
    """

    def __init__(self, taken: set[str] | None = None):
        self._taken = {_key(name) for name in taken or ()}

    def claim(self, text: str, suffix: str, *, fallback: str = "letter") -> str:
        room = MAX_BYTES - len(suffix.encode("utf-8"))
        stem = safe_stem(text, fallback=fallback, max_bytes=room)
        name, number = stem + suffix, 1
        while _key(name) in self._taken:
            number += 1
            mark = f" ({number})"
            name = _cut(stem, room - len(mark)) + mark + suffix
        self._taken.add(_key(name))
        return name


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()
