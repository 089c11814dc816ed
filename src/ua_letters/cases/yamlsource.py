"""Safe YAML loading that remembers where every value came from (file:line).

Case files and profiles are untrusted and hand-written, so errors must point at a line,
and PyYAML's YAML 1.1 surprises (33.20 -> 33.2, NO -> False, 010000 -> 4096) must be
reported with the text the user actually wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ua_letters.errors import UserError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Plain (unquoted) scalars that YAML 1.1 turns into something other than text.
_SURPRISING_TAGS = {
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "nothing (null)",
}

@dataclass
class Source:
    """Parsed YAML data plus the line of each key and value, and what plain scalars said."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    written: dict[tuple, tuple[str, str]] = field(default_factory=dict)
    broken: dict[tuple, str] = field(default_factory=dict)  # values their type cannot hold

    def line_of(self, loc: tuple) -> int | None:
        """Line of the deepest known prefix of `loc`."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def where(self, loc: tuple) -> str:
        line = self.line_of(loc)
        return f"{self.path}:{line}" if line else str(self.path)


def load(path: Path, *, text: str | None = None) -> Source:
    """Read a YAML file into plain Python data with line numbers; raises UserError."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
        except OSError as exc:
            raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    source = Source(path=path, data=None)
    loader = _Loader(text)
    try:
        _refuse_aliases(path, text)
        node = loader.get_single_node()
        source.data = {} if node is None else _build(loader, node, (), source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise UserError(f"{path}{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{path}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return source


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_SCALAR_TAGS = ("tag:yaml.org,2002:str", *_SURPRISING_TAGS)
_MAX_DEPTH = 30  # a case nests five levels deep; thousands would exhaust the stack


def _refuse_aliases(path: Path, text: str) -> None:
    """Refuse anchors (&a) and aliases (*a) before anything is built: a 1 KB file of
    aliases to aliases expands to gigabytes ("billion laughs"), and case files and
    profiles never need them. Scanning tokens costs little and expands nothing."""
    if "&" not in text and "*" not in text:
        return
    scanner = _Loader(text)
    try:
        while (token := scanner.get_token()) is not None:
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                raise UserError(
                    f"{path}:{token.start_mark.line + 1}: YAML anchor or alias "
                    f"'{sign}{token.value}' is not allowed; write the value out in full"
                )
    finally:
        scanner.dispose()


def _build(loader, node, loc: tuple, source: Source) -> Any:
    source.lines.setdefault(loc, node.start_mark.line + 1)
    if len(loc) > _MAX_DEPTH:
        raise UserError(
            f"{source.path}:{node.start_mark.line + 1}: invalid YAML: nested more than "
            f"{_MAX_DEPTH} levels deep; check the brackets and indentation"
        )
    allowed = _SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else _PLAIN_TAGS
    if node.tag not in allowed:
        raise UserError(
            f"{source.path}:{node.start_mark.line + 1}: invalid YAML: tag {node.tag!r} "
            "is not allowed here; remove it (plain text, lists and key: value only)"
        )
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node, (*loc, key_node.value), source)
            if not isinstance(key, str):
                key = str(key_node.value)
            child = (*loc, key)
            if key in result:
                raise UserError(
                    f"{source.path}:{key_node.start_mark.line + 1}: {dotted(child)}: "
                    "this key appears twice; keep one"
                )
            source.lines[child] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, child, source)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, i), source) for i, item in enumerate(node.value)]
    value = _construct(loader, node, loc, source)
    if not node.style and node.tag in _SURPRISING_TAGS and node.value != "":
        source.written[loc] = (node.value, _SURPRISING_TAGS[node.tag])
    return value


def _construct(loader, node, loc: tuple, source: Source) -> Any:
    """A scalar as YAML reads it. A value its type cannot hold (2023-02-30 as a date, or
    '!!int ten') is the writer's mistake: noted in `source.broken` at its line, to be
    reported with every other problem of the file, and kept as the text written."""
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:
        where = f"{source.path}:{node.start_mark.line + 1}: {dotted(loc) or '(top level)'}"
        if node.tag == "tag:yaml.org,2002:timestamp":
            message = f"{where}: {node.value} is not a real date ({exc}); write it YYYY-MM-DD"
        else:
            kind = node.tag.rsplit(":", 1)[-1]
            message = f"{where}: {node.value!r} cannot be read as {kind} ({exc})"
        source.broken[loc] = message
        return node.value


def dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

