"""Wrap plain text by display width at Unicode line-break opportunities, for any script.

Where a line may break comes from UAX #14 (the `uniseg` library), so closing punctuation
(，。）」) never starts a line and opening punctuation (（「“) never ends one; widths come
from `wcwidth`, so a Chinese character takes two columns. Three tailorings suit letters:
no break inside a hyphenated word ("ill-treated") unless nothing else fits, none around
the middle dot of a transliterated name (卡米莱·瓦依提), and none inside a Chinese date
(2023年3月25日). A run with no break opportunity
that is wider than the line (a long URL) is split where it must, so no line is ever wider
than `width` (unless `width` is narrower than one character).

uniseg takes about 75 microseconds a character, more than the rest of a letter together,
so prose in Latin letters, made of plain words between spaces, takes a short cut: there
UAX #14 breaks only after spaces and hyphens (tests/test_wrap.py checks the two agree).
"""

from __future__ import annotations

import re
from bisect import bisect_right

_MIDDLE_DOTS = "\u00b7\u2027\u30fb"
_HYPHENS = "-\u2010"
_DATE_UNITS = "年月日号"

# Prose UAX #14 has nothing to add to: words of Latin letters and digits (joined by
# hyphens, apostrophes, full stops, commas or '&'), maybe opened by a bracket or quote and
# closed by brackets, quotes and punctuation, separated by spaces. Every character of it is
# one column wide.
_LETTER = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD = (f"[(\\[\"'\u201c\u2018]{{0,2}}[{_LETTER}]+(?:[-'\u2019.,&][{_LETTER}]+)*"
         "[)\\]\"'\u201d\u2019.,;:!?]*")
_PLAIN_PROSE = re.compile(f" *{_WORD}(?: +{_WORD})* *")


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: 2 for wide East Asian characters, 0 for marks."""
    if text.isascii() and text.isprintable():
        return len(text)
    from wcwidth import wcwidth

    return sum(max(wcwidth(c), 0) for c in text)


def _column_ends(text: str) -> list[int]:
    """ends[i]: the width of text[:i]."""
    if text.isascii() and text.isprintable():
        return list(range(len(text) + 1))
    from wcwidth import wcwidth

    ends = [0]
    for c in text:
        ends.append(ends[-1] + max(wcwidth(c), 0))
    return ends


def break_opportunities(text: str) -> tuple[list[int], list[int]]:
    """Where a line may start: (good breaks, breaks to use only when nothing else fits)."""
    return _prose_breaks(text) if plain_prose(text) else uax14_breaks(text)


def plain_prose(text: str) -> bool:
    """Whether `text` is prose in Latin letters that UAX #14 breaks only after spaces and
    hyphens, so the line breaker need not be asked."""
    return _PLAIN_PROSE.fullmatch(text) is not None


def uax14_breaks(text: str) -> tuple[list[int], list[int]]:
    """`break_opportunities` from the Unicode line breaker itself, for any text."""
    from uniseg.linebreak import line_break_boundaries

    whole = _names_in_latin_text(text)
    good, fallback = [], []
    for i in line_break_boundaries(text):
        if not 0 < i < len(text) or i in whole:
            continue
        before, after = text[i - 1], text[i]
        if before in _MIDDLE_DOTS or after in _MIDDLE_DOTS or _inside_date(before, after):
            continue
        in_word = before in _HYPHENS and i >= 2 and text[i - 2].isalnum() and after.isalnum()
        (fallback if in_word else good).append(i)
    return good, fallback


_NAME_MOST = 12  # characters: a Chinese, Japanese or Korean name, not a sentence


def _names_in_latin_text(text: str) -> set[int]:
    """Positions inside a short East Asian stretch set in Latin text, a name such as
    'Kamile Wayit (卡米莱·瓦依提)': it moves to the next line whole rather than break."""
    from ua_letters.letters.languages import wide

    inside, start = set(), None
    for i, char in enumerate([*text, " "]):
        joined = wide(char) or (start is not None and char in _MIDDLE_DOTS)
        if joined and start is None:
            start = i
        elif not joined and start is not None:
            latin_around = (start == 0 or text[start - 1].isascii()) and char.isascii()
            if latin_around and i - start <= _NAME_MOST and any(c.isalpha() for c in text
                                                                if c.isascii()):
                inside.update(range(start + 1, i))
            start = None
    return inside


def _prose_breaks(text: str) -> tuple[list[int], list[int]]:
    """The breaks of plain prose: after spaces, and (only when nothing else fits) after the
    hyphen of a word unless a digit follows ('ill-|treated' but '2022-23')."""
    good, fallback = [], []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if before == " " and after != " ":
            good.append(i)
        elif before == "-" and not after.isdigit():
            fallback.append(i)
    return good, fallback


def _inside_date(before: str, after: str) -> bool:
    """A Chinese date or number stays whole: 2023年6月15日, not 2023年6月15 / 日."""
    return (before.isdigit() and after in _DATE_UNITS) or (before in _DATE_UNITS[:2]
                                                           and after.isdigit())


def _no_start_or_end(text: str, i: int) -> bool:
    """True when a forced break at i would start a line with a closer or end one with an opener."""
    from unicodedata import category

    from uniseg.linebreak import LineBreak as LB
    from uniseg.linebreak import line_break

    after, before = text[i], text[i - 1]
    closer = line_break(after) in (LB.CL, LB.CP, LB.EX, LB.IS, LB.NS) or category(after) == "Pf"
    opener = line_break(before) == LB.OP or category(before) == "Pi"
    return closer or opener


def _line_starts(text: str, first: int, rest: int) -> list[int]:
    """Greedy line filling: where each line starts, for `first` then `rest` columns a line."""
    ends = _column_ends(text)
    good, fallback = break_opportunities(text)

    def width(a: int, b: int) -> int:
        while b > a and text[b - 1].isspace():
            b -= 1
        return ends[b] - ends[a]

    def furthest(breaks: list[int], start: int, room: int) -> int | None:
        found = None
        for b in breaks[bisect_right(breaks, start):]:
            if width(start, b) > room:
                break
            found = b
        return found

    starts, start, room = [0], 0, first
    while width(start, len(text)) > room:
        end = furthest(good, start, room) or furthest(fallback, start, room)
        if end is None:
            end = _forced_break(text, ends, start, room)
        starts.append(end)
        start, room = end, rest
    return starts


def _forced_break(text: str, ends: list[int], start: int, room: int) -> int:
    """Split a run too wide for a line: as far as fits, not before a closer nor after an opener."""
    fitting, allowed = start + 1, None
    for i in range(start + 1, len(text)):
        if ends[i] - ends[start] > room:
            break
        if ends[i + 1] == ends[i]:
            continue  # a combining mark stays with its character
        fitting = i
        if not _no_start_or_end(text, i):
            allowed = i
    return allowed or fitting


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` as lines of at most `width` columns, the first indented by `first`, others by `rest`.

    `width` 0 means no wrapping. Line breaks in `text` are kept. Spaces at a break are
    dropped; nothing else is added or removed.
    """
    if "\n" in text:
        lines = text.split("\n")
        return [*wrap(lines[0], width, first, rest),
                *(out for line in lines[1:] for out in wrap(line, width, rest, rest))]
    if width <= 0 or (text.isascii() and display_width(first) + len(text) <= width):
        return [first + text]
    first_room, rest_room = (_room(width, indent) for indent in (first, rest))
    if first_room == width:
        first = ""
    if rest_room == width:
        rest = ""
    if 2 * len(text) <= first_room:
        return [first + text]
    starts = _line_starts(text, first_room, rest_room)
    pieces = [text[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return [(first if i == 0 else rest) + piece for i, piece in enumerate(pieces)]


def _room(width: int, indent: str) -> int:
    """Columns left after an indent; an indent that leaves less than a wide character goes."""
    left = width - display_width(indent)
    return left if left >= 2 else width


def pad_left(text: str, width: int) -> str:
    """Right-align `text` in `width` columns by display width (signature and date blocks)."""
    return " " * max(width - display_width(text), 0) + text


def center(text: str, width: int) -> str:
    """Centre `text` in `width` columns by display width."""
    return " " * max((width - display_width(text)) // 2, 0) + text
