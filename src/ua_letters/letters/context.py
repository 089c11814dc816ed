"""Build what a template sees: one case, one target, one writer, one language, as plain text."""

from __future__ import annotations

import hashlib
from datetime import date

from ua_letters.cases.model import Case, Individual, Recipient, missing_text, text_in
from ua_letters.errors import UserError
from ua_letters.letters.languages import ANY, has_wide
from ua_letters.letters.letter import Writer

_PRONOUNS = {
    "en": {
        "female": ("she", "her", "her"),
        "male": ("he", "him", "his"),
        None: ("they", "them", "their"),
    },
    "zh": {"female": ("她",) * 3, "male": ("他",) * 3, None: ("他们",) * 3},
}
_GENDER_BY_PRONOUN = {"she": "female", "he": "male"}


def _pronouns(person: Individual, language: str) -> dict[str, str]:
    gender = person.gender
    if gender is None and person.pronouns and person.kind == "person":
        gender = _GENDER_BY_PRONOUN.get(person.pronouns.split("/")[0].strip().lower())
    if person.kind != "person":
        gender = None
    table = _PRONOUNS.get(language, _PRONOUNS["en"])
    they, them, their = table.get(gender, table[None])
    return {"they": they, "them": them, "their": their}


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _person(person: Individual, language: str) -> dict:
    name = text_in(person.name, language) or ""
    full = name
    if person.native_name and person.native_name != name:
        full = f"{name} ({person.native_name})"
    return {
        "kind": person.kind,
        "name": name,
        "full_name": full,
        "native_name": person.native_name or "",
        "alias": text_in(person.alias, language) or "",
        "age": person.age,
        "headcount": person.headcount,
        "role": text_in(person.role, language) or "",
        "description": text_in(person.description, language) or "",
        "facts": [text_in(t, language) for t in person.facts],
        "concerns": [text_in(t, language) for t in person.concerns],
        **_pronouns(person, language),
    }


def _recipient(recipient: Recipient, language: str) -> dict:
    address = text_in(recipient.address, language)
    if address is None and recipient.address:
        address = next(iter(recipient.address.values()))
    return {
        "id": recipient.id,
        "name": text_in(recipient.name, language) or "",
        "title": text_in(recipient.title, language) or "",
        "honorific": text_in(recipient.honorific, language) or "",
        "organisation": text_in(recipient.organisation, language) or "",
        "salutation": text_in(recipient.salutation, language) or "",
        "address_lines": _lines(address),
        # a Chinese address runs from large to small; one in Latin letters keeps its order
        "address_in_letter_language": bool(recipient.address) and language in recipient.address,
        "email": list(recipient.email),
    }


# Countries that write the postcode after the town ("Oxford OX1 2AB"); most of the world
# writes it first ("28013 Madrid").
_POSTCODE_LAST = {
    "united kingdom", "uk", "great britain", "england", "scotland", "wales",
    "northern ireland", "ireland", "united states", "united states of america", "usa", "us",
    "canada", "australia", "new zealand", "hong kong", "singapore", "india", "south africa",
}


def sender_lines(writer: Writer) -> list[str]:
    """The writer's address as their post office writes it: street lines, then the postcode
    and town in the country's order, then the country."""
    parts = (writer.city, writer.postcode)
    if writer.country.strip().casefold() not in _POSTCODE_LAST:
        parts = parts[::-1]
    place = " ".join(p for p in parts if p)
    address_lines = [*_lines(writer.address), *([place] if place else [])]
    if writer.country:
        address_lines.append(writer.country)
    return address_lines


def _writer(writer: Writer) -> dict:
    address_lines = sender_lines(writer)
    return {
        "name": writer.name,
        "address_lines": address_lines,
        "city": writer.city,
        "country": writer.country,
        "email": writer.email,
        "cjk_address": any(map(has_wide, address_lines)),
        "about": writer.about.strip(),
        "note": writer.note.strip(),
    }


def list_of(items: list[str], language: str) -> str:
    """'A, B and C' / 'A、B和C', as the language writes a list."""
    if len(items) < 2:
        return "".join(items)
    from babel.lists import format_list

    from ua_letters.letters.dates import locale_for

    return format_list(items, locale=locale_for(language))


def check_language(case: Case, language: str) -> None:
    """Refuse a language the case cannot fill, naming what it lacks."""
    missing = missing_text(case, language)
    if not missing:
        return
    from ua_letters.cases.yamlsource import dotted

    complete = [tag for tag in text_languages(case) if not missing_text(case, tag)]
    shown = ", ".join(dotted(loc) for loc in missing[:6])
    more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
    raise UserError(
        f"{case.label} has only part of its text in {language!r}: no wording for "
        f"{shown}{more}; add it to the case file, or choose one of: {', '.join(complete)}"
    )


def text_languages(case: Case) -> list[str]:
    """Every language the case has some text in, its preferred ones first."""
    texts = [case.title, *(d.text for d in case.demands)]
    for person in case.individuals:
        texts += [person.name, *person.facts]
    found = {tag for text in texts for tag in text if tag != ANY}
    return [*case.languages, *sorted(found - set(case.languages))]


def chooser(seed: str, variant: int | None, vary: bool):
    """`pick(slot, *options)` for templates: the same writer always gets the same wording."""

    def pick(slot: str, *options: str) -> str:
        if not options:
            return ""
        if not vary:
            return options[0]
        if variant is not None:
            return options[variant % len(options)]
        digest = hashlib.sha256(f"{seed}\x1f{slot}".encode()).digest()
        return options[int.from_bytes(digest[:8], "big") % len(options)]

    return pick


def case_values(case: Case, target: Recipient, language: str) -> dict:
    """What the template sees of the case and the target: the same for every writer, so a
    batch works it out once per target and language."""
    people = [_person(p, language) for p in case.individuals]
    if len(people) == 1:
        about = {k: people[0][k] for k in ("they", "them", "their")}
    else:
        about = _PRONOUNS.get(language, _PRONOUNS["en"])[None]
        about = dict(zip(("they", "them", "their"), about, strict=True))
    about["names"] = list_of([p["full_name"] for p in people], language)
    return {
        "lang": language,
        "case": {
            "id": case.id,
            "label": case.label,
            "title": text_in(case.title, language) or "",
            "index": case.index or "",
        },
        "people": people,
        "person": people[0],
        "subject": about,
        "target": _recipient(target, language),
        "demands": [text_in(d.text, language) for d in case.demands_for(target.id)],
        "copies": [_recipient(c, language) for c in case.copies],
    }


def build(
    case: Case,
    target: Recipient,
    writer: Writer,
    language: str,
    today: date,
    *,
    formatted_date: str,
    variant: int | None = None,
    vary: bool = True,
    seed_language: str | None = None,
    shared: dict | None = None,
) -> dict:
    """Everything the letter template for `language` may use, as plain strings and lists.

    `seed_language` makes `pick` choose as it does for a letter in that language: a reading
    copy then says, sentence by sentence, what the letter it translates says. `shared` is
    `case_values(case, target, language)` when the caller has it already.
    """
    seed = "\x1f".join((writer.name.casefold(), case.id, target.id, seed_language or language))
    return {
        **(shared or case_values(case, target, language)),
        "writer": _writer(writer),
        "date": formatted_date,
        "today": today.isoformat(),
        "pick": chooser(seed, variant, vary),
    }
