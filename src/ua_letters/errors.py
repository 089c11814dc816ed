"""The one family of errors a user can cause; the CLI prints them and exits 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class UserError(Exception):
    """A problem in the user's input: printed as one line per problem, never a traceback."""


class ValidationProblems(UserError):
    """Several problems found in one pass, so the user can fix them all at once."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, for 'did you mean' hints."""
    choices = list(choices)
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        matches = [lowered[m] for m in difflib.get_close_matches(word.lower(), lowered, n=1)]
    return matches[0] if matches else None


def unknown(what: str, word: str, choices: Iterable[str], where: str = "") -> UserError:
    """'unknown target 'x' in UA 33.23; did you mean 'y'? (known: a, b)'."""
    choices = sorted(set(choices))
    hint = closest(word, choices)
    message = f"unknown {what} {word!r}{where}"
    if hint:
        message += f"; did you mean {hint!r}?"
    message += f" (known: {', '.join(choices) or 'none'})"
    return UserError(message)
