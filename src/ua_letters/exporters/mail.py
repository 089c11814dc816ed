"""Email: paste-ready text with a mailto: link, or an RFC 5322 draft (.eml) to open and send."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import replace

from ua_letters.cases.model import Case, text_in
from ua_letters.errors import UserError
from ua_letters.letters.languages import written_east_asian
from ua_letters.letters.letter import Block, Letter

# Browsers and mail programs drop or cut mailto: links somewhere near 2,000 characters.
MAILTO_LIMIT = 1800

# Anything that could end a header line or reorder its text: control characters, Unicode
# line and paragraph separators, bidi embeddings, overrides and isolates.
_UNSAFE_IN_HEADER = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
_POSTAL_ONLY = ("sender", "recipient", "date")  # an email carries its own addresses and date


def header_safe(value: str) -> str:
    """One line of plain text: no character can start a new header or hide another."""
    return " ".join(_UNSAFE_IN_HEADER.sub(" ", value).split())


def without_email(case: Case, target_id: str, typed: str | None = None) -> str:
    """'Ma Xingrui has no email address in UA 33.23; write by post: --format docx';
    `typed` is the case as the user named it (a path is named again as given)."""
    from ua_letters.generate import as_typed

    target = case.target(target_id)
    name = text_in(target.name, "en") or next(iter(target.name.values()), target.id)
    channels = target.channels()
    ways = []
    if "post" in channels:
        ways.append("write by post: --format docx")
    others = [c for c in channels if c not in ("post", "email")]
    if others:
        ways.append(f"use {', '.join(others)} (see `ua-letter show {as_typed(typed, case)}`)")
    how = ", or ".join(ways) or "the case gives no other way to reach them"
    return f"{name} has no email address in {case.label}; {how}"


def _place(letter: Letter) -> str:
    """Town and country as the letter's language writes them: 'Oxford, United Kingdom'."""
    city, country = letter.writer.city.strip(), letter.writer.country.strip()
    if written_east_asian(letter.language):
        return country + city
    return ", ".join(p for p in (city, country) if p)


def body(letter: Letter) -> str:
    """The letter without postal blocks, signed with name, town and country, unwrapped."""
    from ua_letters.exporters.text import to_text

    place = _place(letter)
    blocks: list[Block] = []
    for block in letter.blocks:
        if block.kind in _POSTAL_ONLY:
            continue
        if block.kind == "signature" and place:
            block = block._replace(lines=(*block.lines, place))
        blocks.append(block)
    return to_text(replace(letter, blocks=tuple(blocks), reading_copy=None), 0)


def mailto(letter: Letter, text: str) -> str:
    """An RFC 6068 link: every reserved character percent-encoded, lines ending CRLF."""
    from urllib.parse import quote

    addresses = ",".join(quote(address, safe="@") for address in letter.to)
    subject = quote(header_safe(letter.subject), safe="")
    lines = quote(text.replace("\n", "\r\n"), safe="")
    cc = ",".join(quote(address, safe="@") for address in letter.cc)
    copies = f"cc={cc}&" if cc else ""
    return f"mailto:{addresses}?{copies}subject={subject}&body={lines}"


def paste_ready(letter: Letter) -> str:
    """To, Subject and body to copy into a mail program, then a link when one fits."""
    text = body(letter)
    link = mailto(letter, text)
    if len(link) <= MAILTO_LIMIT:
        footer = f"Open it in your mail program: {link}"
    else:
        footer = (f"No mailto: link: this letter needs {len(link):,} characters as a link, and "
                  f"mail programs fail above about {MAILTO_LIMIT:,}; write a draft to open "
                  "instead with -o appeal.eml")
    out = [f"To: {', '.join(letter.to)}",
           *([f"Cc: {', '.join(letter.cc)}"] if letter.cc else []),
           f"Subject: {header_safe(letter.subject)}", "", text, "-" * 72, footer]
    copy = letter.reading_copy
    if copy is not None:
        if not (copy.blocks and copy.blocks[0].kind == "heading"):  # it names itself
            out += ["", "Reading copy, not to be sent: the same letter in your language."]
        out += ["", body(copy)]
    return "\n".join(out) + "\n"


@contextmanager
def drafts_collected():
    """Python's cycle collector on while many drafts are made, also where the script runs
    with it off (cli.main): the email package makes a class for every header it sets, each
    a reference cycle that only the collector frees, some 30 KB a draft. What is alive
    before is frozen meanwhile, so that the collector walks only what the drafts make."""
    if gc.isenabled():
        yield
        return
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.disable()
        gc.unfreeze()


def message(letter: Letter, when=None) -> bytes:
    """An unsent draft (X-Unsent: 1), UTF-8 throughout, lines ending CRLF."""
    from email import policy
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import format_datetime, localtime

    from ua_letters.email_address import email_problem

    draft = EmailMessage(policy=policy.SMTP)
    draft["To"] = _addresses(letter, letter.to)
    if letter.cc:  # the copies the letter names as cc:, and only those
        draft["Cc"] = _addresses(letter, letter.cc)
    writer = letter.writer
    if writer.email:
        problem = email_problem(writer.email)
        if problem:
            raise UserError(f"--email {writer.email!r}: {problem}")
        draft["From"] = Address(display_name=header_safe(writer.name), addr_spec=writer.email)
    draft["Subject"] = header_safe(letter.subject)
    draft["Date"] = format_datetime(when or localtime())
    draft["X-Unsent"] = "1"
    draft.set_content(body(letter), charset="utf-8")
    draft["Content-Language"] = letter.language  # after set_content, which clears Content-*
    return draft.as_bytes()


def _addresses(letter: Letter, addresses: tuple[str, ...]) -> list:
    """Header addresses of a case's recipients; one no header can hold is an error naming
    the target, never a traceback."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    from ua_letters.email_address import email_problem

    out = []
    for address in addresses:
        try:
            if email_problem(address):
                raise ValueError(address)
            out.append(Address(addr_spec=address))
        except (ValueError, IndexError, AttributeError, HeaderParseError):
            raise UserError(
                f"UA {letter.case_id}, target {letter.target_id}: email {address!r} cannot "
                "be written in a message header; correct it in the case file, or leave out "
                "--format email (batch: --no-email)"
            ) from None
    return out


def export(letters: list[Letter], options) -> str | bytes:
    """Paste-ready text on stdout; with -o, one .eml draft."""
    if getattr(options, "output", None) is None:
        rule = "\n" + "=" * 72 + "\n\n"
        return rule.join(paste_ready(letter) for letter in letters)
    if len(letters) > 1:
        targets = ", ".join(letter.target_id for letter in letters)
        raise UserError(
            f"-o {options.output}: an .eml file holds one message, and {len(letters)} targets "
            f"have email ({targets}); choose one with --to"
        )
    return message(letters[0])
