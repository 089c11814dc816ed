"""Plain text: blocks separated by blank lines, wrapped to a display width (see wrap.py)."""

from __future__ import annotations

from ua_letters.letters.languages import written_east_asian
from ua_letters.letters.letter import Block, Letter
from ua_letters.letters.wrap import center, pad_left, wrap

_CHINESE_NUMERALS = "一二三四五六七八九十"
_RULE_WIDTH = 72  # between letters when text is not wrapped


def _demand_lines(block: Block, letter: Letter, width: int, indent: str) -> list[str]:
    """Demands as a list: '- ' in English, '一、' items indented like paragraphs in Chinese."""
    lines: list[str] = []
    for number, item in enumerate(block.lines):
        if written_east_asian(letter.language):
            marker = _CHINESE_NUMERALS[number] if number < 10 else str(number + 1)
            lines.extend(wrap(f"{marker}、{item}", width, indent))
        else:
            lines.extend(wrap(item, width, indent + "- ", indent + "  "))
    return lines


def _block_lines(block: Block, letter: Letter, width: int) -> list[str]:
    indent = ("\u3000" if written_east_asian(letter.language) else " ") * block.indent
    if block.kind == "demands":
        return _demand_lines(block, letter, width, indent)
    if block.kind in ("paragraph", "note"):  # first-line indent, as both scripts write them
        return [out for line in block.text.split("\n") for out in wrap(line, width, indent)]
    lines = [out for line in block.lines for out in wrap(line, width, indent, indent)]
    if width and block.align == "right":
        return [pad_left(line, width) for line in lines]
    if width and block.align == "center":
        return [center(line, width) for line in lines]
    return lines


def to_text(letter: Letter, width: int = 72) -> str:
    """The whole letter as plain text, ending in a newline; its reading copy is not included."""
    out: list[str] = []
    for block in letter.blocks:
        if out and not block.tight:
            out.append("")
        out.extend(_block_lines(block, letter, width))
    return "\n".join(out) + "\n"


def export(letters: list[Letter], options) -> str:
    """Letters one after another, a rule between them; each reading copy below a double rule."""
    width = getattr(options, "width", 72)
    rule = "-" * (width or _RULE_WIDTH)
    double_rule = "=" * (width or _RULE_WIDTH)
    parts = []
    for letter in letters:
        text = to_text(letter, width)
        if letter.reading_copy is not None:
            text += f"\n{double_rule}\n\n{to_text(letter.reading_copy, width)}"
        parts.append(text)
    return f"\n{rule}\n\n".join(parts)
