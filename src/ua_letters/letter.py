"""A rendered letter as pure data: blocks of text that every exporter lays out its own way."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of block a template may emit. A "paragraph" is running text; every other kind is a
# list of lines (address lines, demands, closing phrases) kept as they are.
KINDS = ("sender", "date", "recipient", "salutation", "paragraph", "note", "demands",
         "closing", "signature", "cc", "heading")


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


@dataclass(frozen=True)
class Block:
    """One part of a letter. `indent` is in characters of the letter's script."""

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
    reading_copy: Letter | None = None

    def first(self, kind: str) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    def of_kind(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]
