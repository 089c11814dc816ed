"""How different many writers' letters are: officials discount identical form letters.

Two figures for a set of letters to one target in one language:

- **distinct bodies**: how many different letter bodies there are;
- **median shared sentences**: over every pair of letters, the share of identical
  sentences, 2 x (sentences the two have in common) / (sentences of one + of the other),
  and the median of those shares.

The **body** is what a reader compares: the salutation, the paragraphs, the note, the
demands and the closing formulas, in order. The sender's and recipient's addresses, the
date and the signature are left out, since they differ for reasons other than wording.
A **sentence** ends at . ! ? (followed by a space or the end of the line, with any
closing quotes) or at 。！？ (with any closing quotes); every line of a block is split on
its own, so each demand is at least one sentence. Facts and demands, the same in every
letter, count as shared sentences.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from ua_letters.letters.letter import Letter, Writer

BODY = ("salutation", "paragraph", "note", "demands", "closing")
_SENTENCE = re.compile(
    r"\S.*?(?:[.!?]+[\"'”’)\]]*(?=\s|$)|[。！？]+[”’」』）]*|$)"
)


def sentences(letter: Letter) -> list[str]:
    """The sentences of the letter's body, in order."""
    out = []
    for block in letter.of_kind(*BODY):
        for line in block.lines:
            out.extend(m.group().strip() for m in _SENTENCE.finditer(line) if m.group().strip())
    return out


def shared(a: list[str], b: list[str]) -> float:
    """Share of identical sentences between two bodies: 1.0 for the same letter."""
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


@dataclass(frozen=True)
class Spread:
    letters: int
    distinct: int
    median_shared: float


def spread(letters: Iterable[Letter]) -> Spread:
    """Distinct bodies and the median pairwise share of identical sentences."""
    bodies = [sentences(letter) for letter in letters]
    counted = [Counter(body) for body in bodies]
    shares = [
        2 * sum((counted[i] & counted[j]).values()) / (len(bodies[i]) + len(bodies[j]) or 1)
        for i, j in combinations(range(len(bodies)), 2)
    ]
    return Spread(
        letters=len(bodies),
        distinct=len({tuple(body) for body in bodies}),
        median_shared=statistics.median(shares) if shares else 1.0,
    )


_GIVEN = ("Anna", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hiroshi", "Ines",
          "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Oliver", "Priya", "Rosa", "Sam",
          "Tomás", "Wei")
_FAMILY = ("Adams", "Brown", "Chen", "Dubois", "Evans", "García", "Hughes", "Ivanova",
           "Jensen", "Khan")


def writer_names(count: int) -> list[str]:
    """`count` different plausible names, the same on every run."""
    names = [f"{g} {f}" for f in _FAMILY for g in _GIVEN]
    rounds = -(-count // len(names))
    return [f"{n} {r}" if r else n for r in range(rounds) for n in names][:count]


def letters_for(case, target_id: str, language: str, names: list[str], *,
                today: date = date(2023, 6, 15), **options) -> list[Letter]:
    """One letter per writer name (no address, no note) to one target."""
    from ua_letters.letters.render import render

    return [render(case, target_id, Writer(name=name), language, today=today, **options)
            for name in names]
