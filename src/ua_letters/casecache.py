"""A cache of validated files (cases, the profile), so a letter costs neither pydantic nor
validation at start-up.

Keyed by the case file's bytes and the tool's version: any edit, or a new release,
validates afresh. Entries are plain JSON rebuilt into the frozen model, never pickles.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import types
import typing
from datetime import date
from pathlib import Path

from ua_letters import __version__
from ua_letters.resources import user_cache_dir


def _file(raw: bytes, kind: type) -> Path:
    digest = hashlib.sha256(f"{__version__}\0{kind.__name__}\0".encode() + raw).hexdigest()
    return user_cache_dir() / "validated" / f"{digest}.json"


def get(raw: bytes, kind: type):
    """The value of type `kind` validated before from these file bytes, or None."""
    try:
        with open(_file(raw, kind), encoding="utf-8") as handle:
            return _rebuild(kind, json.load(handle))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def put(raw: bytes, value) -> None:
    """Remember a validated value; a cache that cannot be written is simply skipped."""
    target = _file(raw, type(value))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(dataclasses.asdict(value), default=str), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


_HINTS: dict[type, dict] = {}


def _rebuild(kind, value):
    """Turn JSON data back into the model's dataclasses, following their annotations."""
    if dataclasses.is_dataclass(kind):
        hints = _HINTS.get(kind)
        if hints is None:
            hints = _HINTS[kind] = typing.get_type_hints(kind)
        return kind(**{name: _rebuild(hints[name], item) for name, item in value.items()})
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        return _rebuild(next(a for a in typing.get_args(kind) if a is not type(None)), value)
    if origin is tuple:
        return tuple(_rebuild(typing.get_args(kind)[0], item) for item in value)
    if kind is date:
        return date.fromisoformat(value)
    return value
