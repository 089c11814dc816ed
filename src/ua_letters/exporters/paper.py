"""Which paper a letter is printed on: the writer's country decides unless --paper does."""

from __future__ import annotations

from ua_letters.errors import UserError

# Page sizes and margins in twentieths of a point (twips): A4 210 x 297 mm, US Letter
# 8.5 x 11 in; margins about 2.5 cm at the sides, 2 cm at top and bottom, 1.5 cm on US
# Letter, which is 1.8 cm shorter than A4: a letter that fits one A4 page fits it too.
PAPERS = {"a4": (11906, 16838), "letter": (12240, 15840)}
MARGINS = {"a4": {"top": 1134, "bottom": 1134, "left": 1418, "right": 1418},
           "letter": {"top": 850, "bottom": 850, "left": 1418, "right": 1418}}
NAMES = {"a4": "A4", "letter": "US Letter"}


def check_paper(paper: str) -> str:
    """The --paper value as 'a4' or 'letter'; a one-line error for anything else."""
    key = paper.strip().lower().replace(" ", "")
    key = {"usletter": "letter", "us": "letter", "a4paper": "a4"}.get(key, key)
    if key not in PAPERS:
        raise UserError(f"--paper {paper!r}: use a4 or letter")
    return key


def paper_for(country: str, paper: str | None = None) -> str:
    """'a4' or 'letter': as asked, else US Letter for writers in the US or Canada."""
    if paper:
        return check_paper(paper)
    from ua_letters.letters.countries import uses_letter_paper

    return "letter" if uses_letter_paper(country) else "a4"
