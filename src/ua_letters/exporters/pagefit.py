"""Does a letter fit on one printed page? An estimate from its blocks, without a layout engine.

Amnesty asks for one page at most; a long personal note is what usually breaks that, so
the writer is told roughly how much to cut. Checked against LibreOffice's rendering of
the DOCX exporter's letters: line counts match, and the page break comes within a line
of where the estimate puts it.
"""

from __future__ import annotations

import math
import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import NamedTuple

from ua_letters.exporters.paper import MARGINS, NAMES, PAPERS
from ua_letters.letters.languages import wide_chars
from ua_letters.letters.letter import Block, Letter

# The DOCX exporter's typography (exporters/docx.py), in points; tests/test_variation.py
# checks that the two agree.
# The room for text on each paper, inside the margins: (width, height).
TEXT_PT = {paper: ((width - MARGINS[paper]["left"] - MARGINS[paper]["right"]) / 20,
                   (height - MARGINS[paper]["top"] - MARGINS[paper]["bottom"]) / 20)
           for paper, (width, height) in PAPERS.items()}


class Page(NamedTuple):
    """A page as the warnings name it, and the room for text on it in points: one of ours
    ('a4', 'letter') or a group's letterhead, whose margins are its own."""

    name: str
    width: float
    height: float


def page(paper: str | Page) -> Page:
    return paper if isinstance(paper, Page) else Page(NAMES[paper], *TEXT_PT[paper])
FONT_PT = 11.5
CJK_FONT_PT = 12.0  # East Asian letters are set in 小四
LATIN_LINE_PT = 1.15 * FONT_PT  # one line of Times New Roman at single spacing
RUNNING_SPACING = 1.1  # paragraphs, notes and demands of Latin letters: 1.1 lines
CJK_LINE_PT = 18.0  # East Asian letters: every line exactly 18 pt
GAP_PT = 7.0  # before each block
ITEM_GAP_PT = 4.0  # between two demands (none in East Asian letters)
SIGN_SPACE_PT = 32.0  # room to sign above the printed name
LIST_INDENT_EM = 2.0  # the hanging indent of a numbered demand
# Measured on LibreOffice's rendering of the DOCX (Liberation Serif, Noto Serif CJK).
LATIN_EM = 0.40  # mean advance of English prose in Times New Roman, spaces included
WIDE_EM = 1.0  # a Chinese, Japanese or Korean character
CHARS_PER_WORD = 6.0  # an English word and its space, on average
MARGIN_OF_ERROR_PT = 8.0  # the estimate against LibreOffice: warn a little early, never late
_RUNNING = ("paragraph", "note", "demands")
_EAST_ASIAN = ("zh", "ja", "ko")


@dataclass(frozen=True)
class Fit:
    """How much of one page a letter fills, in points."""

    paper: str | Page
    used: float
    available: float
    line: float  # height of one line of running text
    chars_per_line: int

    @property
    def over(self) -> float:
        return max(0.0, self.used + MARGIN_OF_ERROR_PT - self.available)


# Widths are added up in thousandths of an em, as integers: a line of exactly the width
# fits, whatever the order of the additions.
_UNIT = 1000
_WIDE = round(WIDE_EM * _UNIT)
# The advance of each character U+0000-U+00FF in Liberation Serif (Times New Roman's metrics),
# in 1/250 em, read with fontTools. A paragraph's own mean matters: one dense with capitals
# and digits (a UA's facts) runs 4% wider than the mean of English prose, a line in ten.
# Characters beyond count as '?'; \x01 stands for a third of a Chinese character in Latin
# text, a little more than a third of its em: LibreOffice sets such a name a little wide.
_ADVANCES = bytes([0, 100, *[0] * 30,
    62, 83, 102, 125, 125, 208, 194, 45, 83, 83, 125, 141, 62, 83, 62, 69,
    125, 125, 125, 125, 125, 125, 125, 125, 125, 125, 69, 69, 141, 141, 141, 111,
    230, 181, 167, 167, 181, 153, 139, 181, 181, 83, 97, 181, 153, 222, 181, 181,
    139, 181, 167, 139, 153, 181, 181, 236, 181, 181, 153, 83, 69, 83, 117, 125,
    83, 111, 125, 111, 125, 111, 83, 125, 125, 69, 69, 125, 69, 194, 125, 125,
    125, 125, 83, 97, 69, 125, 125, 181, 125, 125, 111, 120, 50, 120, 135, 0,
    *[0] * 32,
    62, 83, 125, 125, 125, 125, 50, 125, 83, 190, 69, 125, 141, 83, 190, 125,
    100, 137, 75, 75, 83, 144, 113, 83, 83, 75, 78, 125, 188, 188, 188, 111,
    181, 181, 181, 181, 181, 181, 222, 167, 153, 153, 153, 153, 83, 83, 83, 83,
    181, 181, 181, 181, 181, 181, 181, 141, 181, 181, 181, 181, 181, 181, 139, 125,
    111, 111, 111, 111, 111, 111, 167, 111, 111, 111, 111, 111, 69, 69, 69, 69,
    125, 125, 125, 125, 125, 125, 125, 137, 125, 125, 125, 125, 125, 125, 125, 125])


def _narrow(text: str) -> int:
    """The mean advance of the characters of `text`, in thousandths of an em: counted for
    the whole paragraph at once (in C: bytes.translate, _sum), then used per word."""
    raw = text.encode("latin-1", "replace")
    return round(_sum(raw.translate(_ADVANCES)) * 4 / len(raw)) if raw else 0


def _sum(advances: bytes) -> int:
    """sum(advances), forty times as quickly: the first half of an Adler-32 checksum is one
    plus the sum of the bytes, modulo 65521, exact for pieces too short to reach that."""
    total = 0
    for at in range(0, len(advances), _PIECE):
        total += (zlib.adler32(advances[at:at + _PIECE]) & 0xFFFF) - 1
    return total


_PIECE = (65521 - 2) // max(_ADVANCES)  # bytes of the widest advance whose sum + 1 < 65521


def lines_needed(text: str, width_em: float, first_indent_em: float = 0.0) -> int:
    """Lines a paragraph takes when wrapped greedily at spaces (anywhere in CJK text).

    Each line takes as many words as fit, found by bisecting the running total of the word
    widths: a few steps per line, not one per character."""
    return _lines_needed(text, wide_chars(text), width_em, first_indent_em)


def _lines_needed(text: str, found: list[str], width_em: float,
                  first_indent_em: float) -> int:
    """lines_needed, given the wide characters `found` in `text`."""
    narrow = _narrow(text)
    width = width_em * _UNIT
    if width <= 0:  # no room at all (a letterhead's margins meeting): a character a line
        return max(len(text), 1)
    lines, used, limit = 1, 0, width - first_indent_em * _UNIT
    plain = None if found else _plain_lines(text, narrow, limit, width)
    if plain:
        return plain
    words, sizes = _words(text, found, narrow)
    total = list(accumulate(sizes, initial=0))  # total[k]: width of the first k words
    at = 0
    while at < len(words):
        size = sizes[at]
        if used and used + size > limit:  # the word starts a new line, without its space
            lines, used, limit = lines + 1, 0, width
            word = words[at]
            stripped = word.lstrip()  # a wide piece is one character: all or nothing goes
            size = size - (len(word) - len(stripped)) * narrow if stripped else 0
        used += size
        at += 1
        while used > limit:  # a word longer than a line breaks anywhere
            lines, used, limit = lines + 1, used - limit, width
        fits = bisect_right(total, limit - used + total[at], at) - 1  # words at..fits-1
        if fits > at:
            used += total[fits] - total[at]
            at = fits
    return lines


def _plain_lines(text: str, narrow: int, first: float, width: float) -> int | None:
    """lines_needed of text without wide characters whose words are single-spaced and each
    shorter than a line (most paragraphs), quickly: every character is `narrow` wide, so a
    line is the longest run of whole words of at most so many characters, found by one
    search for a space per line. None for any other text."""
    if (not narrow or first < narrow or width < narrow or text[:1] == " " or text[-1:] == " "
            or _SPACE_THEN_BLANK.search(text)):
        return None  # no room for a character, or a line might start with a blank
    at, lines, room = 0, 1, _characters(first, narrow)
    whole_line = _characters(width, narrow)
    while len(text) - at > room:
        space = text.rfind(" ", at, at + room + 1)  # the last word end that fits
        if space <= at:
            return None  # a word longer than the line: it breaks anywhere
        at, lines, room = space + 1, lines + 1, whole_line
    return lines


_SPACE_THEN_BLANK = re.compile(r" \s")  # two spaces, a space and a tab...


def _characters(room: float, narrow: int) -> int:
    """How many characters `narrow` wide fit in `room`, both in thousandths of an em."""
    count = int(room // narrow)
    while (count + 1) * narrow <= room:
        count += 1
    while count and count * narrow > room:
        count -= 1
    return count


def _words(text: str, found: list[str], narrow: int) -> tuple[list[str], list[int]]:
    """The text cut at each break opportunity (before a space, and around every wide
    character `found` in it but after a number: the DOCX keeps 2022年 and 29日 whole), and
    the width of each piece in thousandths of an em."""
    if not found:  # most English: a piece's width is its length
        return _spaced(text, narrow)
    wide = set(found)
    pieces, sizes = [], []
    before = ""  # the text since the last wide character, broken at spaces
    for number, part in enumerate(_AROUND_BEYOND_LATIN.split(text)):  # every 2nd: one char
        if number % 2 == 0 or part not in wide:
            before += part
            continue
        if before:
            more, widths = _spaced(before, narrow)
            pieces += more
            sizes += widths
        if before and before[-1] in "0123456789":  # a number and its unit: one piece
            pieces[-1] += part
            sizes[-1] += _WIDE
        else:
            pieces.append(part)
            sizes.append(_WIDE)
        before = ""
    if before:
        more, widths = _spaced(before, narrow)
        pieces += more
        sizes += widths
    return pieces, sizes


_AROUND_BEYOND_LATIN = re.compile("([^\x00-\u10ff])")  # wide characters are all beyond


def _spaced(text: str, narrow: int) -> tuple[list[str], list[int]]:
    """Text without wide characters cut before each space, and the width of each piece."""
    first, *rest = text.split(" ")
    words = [" " + word for word in rest]
    if first:
        words.insert(0, first)
    return words, [len(word) * narrow for word in words]


def _line_height(kind: str, east_asian: bool) -> float:
    if east_asian:
        return CJK_LINE_PT
    return LATIN_LINE_PT * (RUNNING_SPACING if kind in _RUNNING else 1.0)


def lines_at_most(text: str, width_em: float, first_indent_em: float = 0.0) -> int:
    """An upper bound of lines_needed, from string lengths alone: a greedy line is only
    ever short of the width by less than the piece that did not fit on it. No character is
    looked up (see wide): every one beyond Latin-1 counts as wide, and pieces are cut only
    at spaces and at the characters _RUN names surely wide, where lines_needed cuts them too."""
    limit = (width_em - first_indent_em) * _UNIT
    if len(text) * _WIDE <= limit:  # one line, even were every character wide
        return 1
    beyond = len(text) - len(text.encode("latin-1", "ignore"))
    if not beyond:  # Latin text: counted exactly as quickly
        return _lines_needed(text, [], width_em, first_indent_em)
    narrow = _narrow(text)
    total = beyond * _WIDE + (len(text) - beyond) * narrow
    # the widest piece: a wide character, or a run without spaces or surely wide ones, and
    # the wide character after it when that run ends in a number (its unit: see _words)
    longest = max(_WIDE, (max(map(len, re.findall(_RUN, text)), default=0) + 1) * narrow)
    if _NUMBER_BEFORE_WIDE.search(text):
        longest += _WIDE
    if longest >= limit:  # a long web address: count exactly
        return lines_needed(text, width_em, first_indent_em)
    return 1 + math.floor(total / (limit - longest))


# A run without spaces or characters surely wide: the punctuation, kana, ideographs, Hangul
# syllables and full-width forms of Chinese, Japanese and Korean text, wide in every Unicode
# version. Compiled when a letter in those languages is bounded (then kept in re's cache).
_RUN = ("[^ \u3000-\u303e\u3041-\u3096\u3099-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]+")
_NUMBER_BEFORE_WIDE = re.compile("[0-9][^\x00-\u10ff]")  # perhaps a number and its unit


def _kept_whole(text: str) -> str:
    """`text` as a letter in Latin script sets it: the DOCX keeps each run of Chinese,
    Japanese or Korean characters whole (a name such as 卡米莱·瓦依提 never breaks), so it
    counts as part of one word here, each character as three Latin letters (a little wider
    than it is: the estimate warns early rather than late)."""
    if text.isascii():  # most lines
        return text
    for char in wide_chars(text):  # a few: a name
        text = text.replace(char, "\x01\x01\x01")
    return text


def _block_height(block: Block, first: bool, width_em: float, east_asian: bool,
                  count_lines) -> float:
    """The height of `block`, its lines counted by `count_lines` (see _counter, _bound)."""
    height = _line_height(block.kind, east_asian)
    lines = block.lines if east_asian else [_kept_whole(line) for line in block.lines]
    if block.kind == "demands":
        width_em -= block.indent if east_asian else LIST_INDENT_EM + block.indent
        total = sum(count_lines(item, width_em) for item in lines) * height
        gaps = 0 if east_asian else ITEM_GAP_PT * (len(lines) - 1)
        return total + gaps + (0 if first or block.indent else GAP_PT)
    if block.kind == "signature":
        before = SIGN_SPACE_PT
    else:  # an indented paragraph needs no space above it: the indent marks it
        indented = block.indent and block.kind in _RUNNING
        before = 0 if first or block.tight or indented else GAP_PT
    if block.kind in ("paragraph", "note"):  # one paragraph; a note keeps its line breaks
        opening, *more = "\n".join(lines).split("\n")
        count = count_lines(opening, width_em, block.indent) + sum(
            count_lines(line, width_em) for line in more)
    else:
        count = sum(count_lines(line, width_em - block.indent) for line in lines)
    return before + count * height


def fit(letter: Letter, paper: str | Page) -> Fit:
    """How much of a `paper` page (a4, letter or a letterhead's) the letter fills."""
    _, text_width, text_height = page(paper)
    east_asian = letter.language.split("-")[0].lower() in _EAST_ASIAN
    width_em = _width_em(text_width, east_asian)
    count = _counter(east_asian)
    used = sum(_block_height(block, i == 0, width_em, east_asian, count)
               for i, block in enumerate(letter.blocks))
    return Fit(paper, used, text_height,
               _line_height("paragraph", east_asian),
               int(width_em / (WIDE_EM if east_asian else LATIN_EM)))


def _width_em(text_width: float, east_asian: bool) -> float:
    """The text width in characters of the letter's type size (小四 for East Asian text)."""
    return text_width / (CJK_FONT_PT if east_asian else FONT_PT)


def surely_fits(letter: Letter, paper: str | Page) -> bool:
    """Whether the letter fits, decided quickly for most: an East Asian letter's block
    heights are first bounded from string lengths (lines_at_most), then counted exactly,
    the tallest first, only until the total fits; a Latin letter's are counted exactly at
    once (_latin_lines), as quickly. False when it does not fit counted exactly."""
    _, text_width, text_height = page(paper)
    east_asian = letter.language.split("-")[0].lower() in _EAST_ASIAN
    width_em = _width_em(text_width, east_asian)
    room = text_height - MARGIN_OF_ERROR_PT
    bound = _bound(letter, east_asian)
    heights = [_block_height(block, i == 0, width_em, east_asian, bound)
               for i, block in enumerate(letter.blocks)]
    used = sum(heights)
    if used <= room:  # most letters
        return True
    if not east_asian:  # the bound was the exact count
        return False
    for i in sorted(range(len(heights)), key=heights.__getitem__, reverse=True):
        exact = _block_height(letter.blocks[i], i == 0, width_em, east_asian, lines_needed)
        used += exact - heights[i]
        if used <= room:
            return True
    return False


def _counter(east_asian: bool):
    """How the lines of a letter's text are counted: lines_needed, or in a Latin letter,
    whose text _kept_whole has rid of wide characters, _latin_lines."""
    return lines_needed if east_asian else _latin_lines


def _latin_lines(text: str, width_em: float, first_indent_em: float = 0.0) -> int:
    """lines_needed of text without wide characters (see _kept_whole)."""
    if len(text) * _WIDE <= (width_em - first_indent_em) * _UNIT:  # a short line
        return 1
    return _lines_needed(text, [], width_em, first_indent_em)


def _bound(letter: Letter, east_asian: bool):
    """How the lines of `letter` are bounded: by lines_at_most in an East Asian letter; a
    Latin letter's are counted exactly, as quickly."""
    return lines_at_most if east_asian else _latin_lines


def overflow(letter: Letter, paper: str | Page) -> str | None:
    """A warning that says roughly how much to cut, or None when the letter fits."""
    if surely_fits(letter, paper):  # most letters, quickly
        return None
    estimate = fit(letter, paper)
    if not estimate.over:
        return None
    chars = math.ceil(estimate.over / estimate.line) * estimate.chars_per_line
    east_asian = letter.language.split("-")[0].lower() in _EAST_ASIAN
    unit = "characters" if east_asian else "words"
    cut_by = _round_up(chars if east_asian else chars / CHARS_PER_WORD)

    def length(text: str) -> int:
        return len(text) if east_asian else len(text.split())

    note, about = letter.writer.note, letter.writer.about
    without_note = replace(letter, blocks=tuple(b for b in letter.blocks if b.kind != "note"))
    if note and not fit(without_note, paper).over:
        cut = (f"shorten your note by about {cut_by} {unit}" if cut_by < length(note)
               else "leave out your note, or print two pages")
    elif about:
        cut = (f"shorten what you say about yourself (--about) or your note by about "
               f"{cut_by} {unit}" if cut_by < length(about) + length(note)
               else "leave out what you say about yourself (--about) and your note, or "
               "print two pages")
    else:
        cut = f"it is about {cut_by} {unit} too long"
    return f"the letter to {letter.target_id} runs over one {page(paper).name} page: {cut}"


def _round_up(value: float) -> int:
    return max(10, math.ceil(value / 10) * 10)
