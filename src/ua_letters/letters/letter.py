"""A rendered letter as pure data: blocks of text that every exporter lays out its own way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

# Kinds of block a template may emit. A "paragraph" is running text; every other kind is a
# list of lines (address lines, demands, closing phrases) kept as they are.
KINDS = ("sender", "date", "recipient", "salutation", "paragraph", "note", "demands",
         "closing", "signature", "cc", "heading")


# What a writer's text may never hold: control characters other than tab and line breaks,
# and what XML cannot carry (U+FFFE, U+FFFF, lone surrogates). Spreadsheets export such
# characters (a vertical tab for a line break in a cell); they would break a document.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
ONE_LINE_FIELDS = ("name", "city", "postcode", "country", "email")
# Longest value per writer field, in characters, and lines of an address: beyond these a
# value is a paste accident, and would push the letter off its page.
FIELD_LIMITS = {"address": 300, "about": 600, "note": 1500}
DEFAULT_FIELD_LIMIT = 120
MAX_ADDRESS_LINES = 8


def control_characters(value: str) -> bool:
    return bool(UNWRITABLE.search(value))


def field_problem(key: str, value: str) -> str | None:
    """What is wrong with a writer's `key` value (line breaks in a one-line field, too
    long, an address of too many lines), or None."""
    if key in ONE_LINE_FIELDS and ("\n" in value or "\r" in value):
        return "give it on one line, without line breaks"
    lines = value.count("\n") + 1
    if key == "address" and lines > MAX_ADDRESS_LINES:
        return (f"{lines} lines, more than an address needs ({MAX_ADDRESS_LINES}); "
                "give the street lines only (city, postcode and country have their own)")
    limit = FIELD_LIMITS.get(key, DEFAULT_FIELD_LIMIT)
    if len(value) > limit:
        return f"{len(value):,} characters, more than {limit}; shorten it"
    return None


@dataclass(frozen=True)
class Writer:
    """The person signing: everything optional, since a letter can be filled in by hand."""

    name: str = ""
    address: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""
    email: str = ""
    about: str = ""
    note: str = ""


class Block(NamedTuple):
    """One part of a letter. `indent` is in characters of the letter's script. A named
    tuple: a letter has a dozen, made anew for every writer of a batch, and a frozen
    dataclass took three times as long to make."""

    kind: str
    lines: tuple[str, ...]
    indent: int = 0
    align: str = "left"
    tight: bool = False  # no blank line before this block (此致 / 敬礼！)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Letter:
    case_id: str
    target_id: str
    language: str
    title: str
    subject: str
    blocks: tuple[Block, ...]
    writer: Writer = field(default_factory=Writer)
    to: tuple[str, ...] = ()
    web_form: tuple[str, ...] = ()  # the target's contact forms
    cc: tuple[str, ...] = ()  # email addresses of the copies this letter names
    copies: tuple[str, ...] = ()  # who the UA asks to copy, one line each, for the writer
    reading_copy: Letter | None = None

    def first(self, kind: str) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    def of_kind(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]
