"""File names from people's names: safe on every OS, within 255 bytes, never clashing."""

from __future__ import annotations

import pytest

from ua_letters.batch.filenames import MAX_BYTES, UniqueNames, safe_stem


@pytest.mark.parametrize(("name", "expected"), [
    ("Jane Doe - qin-gang", "Jane Doe - qin-gang"),
    ("../../etc/passwd", "etc passwd"),
    ("..", "letter"),
    ("a/b\\c:d*e?f\"g<h>i|j", "a b c d e f g h i j"),
    ("tab\there\x00nul\x7f", "tab here nul"),
    (".hidden", "hidden"),
    ("trailing dots... ", "trailing dots"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("com1", "_com1"),
    ("LPT9 ", "_LPT9"),
    ("Connie", "Connie"),
    ("王小明 - ma-xingrui", "王小明 - ma-xingrui"),
    ("invoice\u202eexe.docx", "invoiceexe.docx"),  # a right-to-left override disguises a type
    ("zero\u200bwidth", "zerowidth"),
    ("", "letter"),
])
def test_safe_stem(name, expected):
    assert safe_stem(name) == expected


def test_long_names_are_cut_at_255_bytes_without_breaking_a_character():
    stem = safe_stem("王" * 200)
    assert len(stem.encode("utf-8")) <= MAX_BYTES and stem == "王" * 85
    accented = safe_stem("e\u0301" * 200)  # decomposed é: NFC makes it one character
    assert len(accented.encode("utf-8")) <= MAX_BYTES and set(accented) == {"é"}
    names = UniqueNames()
    first = names.claim("x" * 300, ".docx")
    second = names.claim("x" * 300, ".docx")
    assert len(first.encode()) == MAX_BYTES and first.endswith("x.docx")
    assert len(second.encode()) <= MAX_BYTES and second.endswith(" (2).docx")


def test_duplicates_get_numbers_case_insensitively():
    names = UniqueNames(taken={"Jane Doe.docx"})
    assert names.claim("jane doe", ".docx") == "jane doe (2).docx"
    assert names.claim("Jane Doe", ".docx") == "Jane Doe (3).docx"
    assert names.claim("Jane Doe", ".eml") == "Jane Doe.eml"
    assert names.claim("CON", ".docx") == "_CON.docx"
    assert names.claim("con", ".docx") == "_con (2).docx"
