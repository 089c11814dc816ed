"""Exporters: each turns the same `Letter` into one format. Adding a format is one module."""

from __future__ import annotations

import importlib

# format name -> (module, file suffix, needs a file: never written to a terminal)
FORMATS = {
    "text": ("ua_letters.exporters.text", ".txt", False),
    "docx": ("ua_letters.exporters.docx", ".docx", True),
    "email": ("ua_letters.exporters.mail", ".eml", False),
    "form": ("ua_letters.exporters.form", ".txt", False),  # -o x.txt still means text
}


def exporter(name: str):
    """The module implementing format `name`; each has `export(letters, options) -> bytes|str`."""
    return importlib.import_module(FORMATS[name][0])


def format_for_suffix(suffix: str) -> str | None:
    return next((n for n, (_, s, _b) in FORMATS.items() if s == suffix.lower()), None)


def suffix(name: str) -> str:
    return FORMATS[name][1]


def needs_file(name: str) -> bool:
    return FORMATS[name][2]
