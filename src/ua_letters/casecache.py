"""A cache of validated cases, so a letter costs neither pydantic nor validation at start-up.

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
from ua_letters.model import Case
from ua_letters.resources import user_cache_dir


def _cache_dir() -> Path:
    return user_cache_dir() / "cases"


def key(raw: bytes) -> str:
    return hashlib.sha256(__version__.encode() + b"\0" + raw).hexdigest()


def get(raw: bytes) -> Case | None:
    """The validated case for these file bytes, if validated before."""
    try:
        with open(_cache_dir() / f"{key(raw)}.json", encoding="utf-8") as handle:
            return _rebuild(Case, json.load(handle))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def put(raw: bytes, case: Case) -> None:
    """Remember a validated case; a cache that cannot be written is simply skipped."""
    folder = _cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key(raw)}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(dataclasses.asdict(case), default=str), encoding="utf-8")
        os.replace(tmp, folder / f"{key(raw)}.json")
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
