"""Web form: the letter as text to paste into a target's contact form, and where the form is."""

from __future__ import annotations

from ua_letters.exporters.mail import body, header_safe
from ua_letters.letters.letter import Letter


def paste_ready(letter: Letter) -> str:
    """The form's address, a subject, the letter without postal parts, then what else to do.

    A form sends no copies, so the copies the UA asks for are listed for the writer to send
    themselves rather than printed as cc: on a letter that never reaches them."""
    out = [f"Web form: {', '.join(letter.web_form)}", f"Subject: {header_safe(letter.subject)}",
           "", body(letter)]
    if letter.copies:
        out += ["-" * 72, "The UA also asks for copies to (send them yourself):",
                *(f"- {line}" for line in letter.copies)]
    return "\n".join(out).rstrip("\n") + "\n"


def export(letters: list[Letter], options) -> str:
    """Each letter's form text, a double rule between them."""
    return ("\n" + "=" * 72 + "\n\n").join(paste_ready(letter) for letter in letters)
