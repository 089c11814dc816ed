"""Whole letters against golden files (tests/golden, read by eye before committing)."""

from __future__ import annotations

import pytest
from conftest import JANE, check_golden

from ua_letters.cli import app


@pytest.mark.parametrize("target", ["ma-xingrui", "qin-gang"])
def test_english_letters_33_23(runner, target):
    result = runner.invoke(app, ["generate", "33.23", "--to", target, *JANE,
                                 "--date", "2023-06-15", "--no-variation"])
    assert result.exit_code == 0, result.output
    check_golden(f"33.23-{target}-en.txt", result.stdout)


def test_letter_has_what_amnesty_asks_for(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", *JANE,
                                 "--date", "2023-06-15", "--width", "0"])
    text = result.stdout
    order = ["Jane Doe", "15 June 2023", "Ma Xingrui", "Party Secretary of Xinjiang",
             "479 Zhongshan Lu", "Dear Secretary Ma,", "Kamile Wayit (卡米莱·瓦依提)",
             "12 December 2022", "Atush", "25 March 2023", "I therefore urge you to:",
             "- Release Kamile Wayit immediately", "- Until she is released, disclose",
             "- Until she is released, ensure", "Jane Doe"]
    positions = [text.index(part) if i < len(order) - 1 else text.rindex(part)
                 for i, part in enumerate(order)]
    assert positions == sorted(positions)


def test_the_english_sender_block_carries_the_writers_email(runner):
    """Issue 16: the reply can come by email too, as in a Chinese letter."""
    from conftest import JANE

    from ua_letters.cli import app

    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", *JANE,
                                 "--date", "2023-06-15"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Jane Doe\n12 Church Lane\nOxford OX1 2AB\nUnited Kingdom\njane@example.org\n\n")
