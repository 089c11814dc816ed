"""The one rule for an email address, wherever one is given: a case file, --email, the
profile, a participant list."""

from __future__ import annotations


def email_problem(value: str) -> str | None:
    """Why `value` is not one plain email address, or None when it is: 'not an email
    address like name@example.org (An email address must have an @-sign.)'.

    The syntax is email-validator's (RFC 5321/5322 as mail servers take it); nothing is
    looked up on the network. The address must be ASCII, as email drafts carry it: a
    domain written in Chinese is asked for in its ASCII (xn--) form.
    """
    from email_validator import EmailNotValidError, validate_email

    try:
        found = validate_email(value, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        return f"not an email address like name@example.org ({exc})"
    if not value.isascii():
        return f"write the address as {found.ascii_email}, the form email drafts carry"
    return None


def checked_email(value: str) -> str:
    """`value` when it is an email address; raises ValueError saying why not (for pydantic)."""
    problem = email_problem(value)
    if problem:
        raise ValueError(f"{value!r} is {problem}")
    return value
