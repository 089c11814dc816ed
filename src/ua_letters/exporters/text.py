"""Plain text: blocks separated by blank lines, wrapped to a display width."""

from __future__ import annotations

import textwrap

from ua_letters.letter import Block, Letter

_CJK_LANGUAGES = ("zh", "ja", "ko")


def _indent_unit(letter: Letter) -> str:
    return "\u3000" if letter.language.split("-")[0] in _CJK_LANGUAGES else " "


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    if width <= 0:
        return [first + text]
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest) or [first]


def _block_lines(block: Block, letter: Letter, width: int) -> list[str]:
    indent = _indent_unit(letter) * block.indent
    if block.kind == "demands":
        lines: list[str] = []
        for item in block.lines:
            lines.extend(_wrap(item, width, indent + "- ", indent + "  "))
        return lines
    if block.kind == "paragraph":
        return _wrap(block.lines[0], width, indent)
    lines = []
    for line in block.lines:
        wrapped = _wrap(line, width, indent, indent) if block.kind != "note" else [indent + line]
        if block.align == "right" and width > 0:
            wrapped = [w.rjust(width) for w in wrapped]
        lines.extend(wrapped)
    return lines


def to_text(letter: Letter, width: int = 72) -> str:
    """The whole letter as plain text, ending in a newline."""
    out: list[str] = []
    for block in letter.blocks:
        if out and not block.tight:
            out.append("")
        out.extend(_block_lines(block, letter, width))
    return "\n".join(out) + "\n"


def export(letters: list[Letter], options) -> str:
    """Letters one after another, a rule between them."""
    width = getattr(options, "width", 72)
    rule = "\n" + "-" * (width or 72) + "\n\n"
    return rule.join(to_text(letter, width) for letter in letters)
