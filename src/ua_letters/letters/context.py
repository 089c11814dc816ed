"""Build what a template sees: one case, one target, one writer, one language, as plain text."""

from __future__ import annotations

import hashlib
from datetime import date

from ua_letters.cases.model import (
    SITUATIONS,
    Case,
    Individual,
    Recipient,
    missing_text,
    text_in,
)
from ua_letters.errors import UserError
from ua_letters.letters.countries import POSTCODE_AFTER_TOWN, territory
from ua_letters.letters.languages import ANY, has_wide, in_its_script
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
        "situation": list(person.situation),
        "facts": [text_in(t, language) for t in person.facts],
        "concerns": [text_in(t, language) for t in person.concerns],
        **_pronouns(person, language),
    }


def _situated(word: str, people: list[dict], about: dict, language: str) -> dict:
    """Who a sentence about `word` speaks of: 'they' when it is everyone, else their names.

    Several people may be in different situations (one in custody, two on bail), so a
    sentence about custody must name only those in custody."""
    who = [p for p in people if word in p["situation"]]
    several = len(who) > 1 or any(p["kind"] != "person" for p in who)
    if len(who) == len(people):
        they, them, their = about["they"], about["them"], about["their"]
        plural = several or they == "they"
    else:
        they = them = list_of([p["full_name"] for p in who], language)
        their = None
        plural = several
    return {
        "all": len(who) == len(people),
        "names": list_of([p["full_name"] for p in who], language),
        "they": they,
        "them": them,
        "their": their,  # None when naming: 'the health of A and B' reads better
        "be": "are" if plural else "is",
        "have": "have" if plural else "has",
    }


def _recipient(recipient: Recipient, language: str) -> dict:
    address = text_in(recipient.address, language)
    if address is None and recipient.address:
        address = next(iter(recipient.address.values()))
    organisation = text_in(recipient.organisation, language) or ""
    address_lines = _lines(address)
    if address_lines and address_lines[0].casefold() == organisation.strip().casefold():
        address_lines = address_lines[1:]  # printed once, as the organisation
    return {
        "id": recipient.id,
        "kind": recipient.kind,
        "name": text_in(recipient.name, language) or "",
        "title": text_in(recipient.title, language) or "",
        "honorific": text_in(recipient.honorific, language) or "",
        "organisation": organisation,
        "salutation": text_in(recipient.salutation, language) or "",
        "address_lines": address_lines,
        # a Chinese address runs from large to small; one in Latin letters keeps its order
        "address_in_letter_language": bool(recipient.address) and language in recipient.address,
        "email": list(recipient.email),
    }


_CHINESE_POST = {"CN", "TW", "HK", "MO"}  # where an address in Chinese runs large to small


def sender_lines(writer: Writer, *, country: bool = True, upper: bool = False) -> list[str]:
    """The writer's address as their post office writes it. A Chinese address in Chinese
    post runs from large to small, the postcode after it; any other has street lines, then
    the postcode and town in the country's order, then the country (in English when it was
    typed in Chinese and the post is not Chinese; in capitals when `upper`, as envelopes
    print it). `country=False` leaves the country out, for mail that stays in it."""
    code = territory(writer.country) if writer.country.strip() else None
    street = _lines(writer.address)
    if _in_chinese(writer, code, street):
        named = writer.country if has_wide(writer.country) or not code else \
            _territory_name(code, "zh")
        return ["".join([named if country else "", writer.city, *street]),
                *([f"邮编：{writer.postcode}"] if writer.postcode else [])]
    parts = (writer.city, writer.postcode)
    if code not in POSTCODE_AFTER_TOWN:
        parts = parts[::-1]
    place = " ".join(p for p in parts if p)
    shown = _country_shown(writer.country, code) if country else ""
    return [*street, *([place] if place else []),
            *([shown.upper() if upper else shown] if shown else [])]


def _in_chinese(writer: Writer, code: str | None, street: list[str]) -> bool:
    """An address written in Chinese for a Chinese post office (no country: the same)."""
    in_chinese_post = code in _CHINESE_POST or (code is None and not writer.country.strip())
    return in_chinese_post and any(map(has_wide, [*street, writer.city]))


def _country_shown(country: str, code: str | None) -> str:
    """A country typed in Chinese is named in English for a foreign post office."""
    if code and code not in _CHINESE_POST and has_wide(country):
        return _territory_name(code, "en")
    return country


def _writer(writer: Writer, language: str = "en", letter_language: str | None = None) -> dict:
    """The writer's address as their own post office reads it.

    `address_lines` keep the address's own order and script (see `sender_lines`);
    `address` is the one line a Chinese letter prints: those lines joined, with a foreign
    country's Chinese name in brackets. The writer's own words stay out when they are not
    in the language of the letter (`letter_language`: the one a reading copy translates).
    """
    code = territory(writer.country) if writer.country.strip() else None
    foreign = foreign_words(writer, letter_language or language)
    address_lines = sender_lines(writer)
    if _in_chinese(writer, code, _lines(writer.address)):
        line = "，".join(address_lines)
    else:
        line = ", ".join(address_lines)
        gloss = _territory_name(code, "zh") if code and language.startswith("zh") else ""
        if gloss and gloss not in line:
            line += f"（{gloss}）"
    return {
        "name": writer.name,
        "address_lines": address_lines,
        "address": line,
        "city": writer.city,
        "country": _country_shown(writer.country, code),
        "email": writer.email,
        "about": "" if "about" in foreign else writer.about.strip(),
        "note": "" if "note" in foreign else writer.note.strip(),
    }


def foreign_words(writer: Writer, language: str) -> list[str]:
    """The writer's own words ('about', 'note') not written in the letter's script: they
    are left out, since an English sentence spliced into a Chinese letter (or the
    reverse) is not one a careful person would sign."""
    return [key for key in ("about", "note")
            if getattr(writer, key).strip() and not in_its_script(language, getattr(writer, key))]


def copies_sent(case: Case, target_id: str, channel: str) -> list[Recipient]:
    """The copies a letter may name: all on paper, those with an email in an email (they
    get it as Cc), none in a web form, which sends no copies."""
    copies = case.copies_for(target_id)
    if channel == "email":
        return [c for c in copies if c.email]
    if channel == "form":
        return []
    return copies


def _territory_name(code: str, language: str) -> str:
    from babel import Locale

    return Locale(language).territories.get(code, "")


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

    complete = complete_languages(case)
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


def complete_languages(case: Case) -> list[str]:
    """Every language the case has all of a letter's text in, its preferred ones first: the
    languages a letter, a reading copy or a participant's row may be written in."""
    return [tag for tag in text_languages(case) if not missing_text(case, tag)]


def chooser(seed: str, variant: int | None, vary: bool):
    """`pick(slot, *options)` for templates: the same writer always gets the same wording,
    chosen by the SHA-256 of seed, a separator and slot (the seed's part hashed once)."""
    seeded = hashlib.sha256(f"{seed}\x1f".encode())

    def pick(slot: str, *options: str) -> str:
        if not options:
            return ""
        if not vary:
            return options[0]
        if variant is not None:
            return options[variant % len(options)]
        digest = seeded.copy()
        digest.update(str(slot).encode())
        return options[int.from_bytes(digest.digest()[:8], "big") % len(options)]

    pick.safe_for_templates = True  # the sandbox calls it directly (limits.BoundedSandbox)
    return pick


def case_values(case: Case, target: Recipient, language: str,
                channel: str = "post") -> dict:
    """What the template sees of the case and the target: the same for every writer, so a
    batch works it out once per target and language."""
    people = [_person(p, language) for p in case.individuals]
    if len(people) == 1:
        about = {k: people[0][k] for k in ("they", "them", "their")}
    else:
        about = _PRONOUNS.get(language, _PRONOUNS["en"])[None]
        about = dict(zip(("they", "them", "their"), about, strict=True))
    about["names"] = list_of([p["full_name"] for p in people], language)
    about["situation"] = [word for word in SITUATIONS
                          if any(word in p["situation"] for p in people)]
    return {
        "lang": language,
        "case": {
            "id": case.id,
            "label": case.label,
            "title": text_in(case.title, language) or "",
            "index": case.index or "",
            "facts": [text_in(t, language) for t in case.facts],
        },
        "people": people,
        "person": people[0],
        "subject": about,
        "target": _recipient(target, language),
        "demands": [text_in(d.text, language) for d in case.demands_for(target.id)],
        "copies": [_recipient(c, language) for c in copies_sent(case, target.id, channel)],
        "situations": {word: _situated(word, people, about, language)
                       for word in about["situation"]},
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
    channel: str = "post",
    shared: dict | None = None,
) -> dict:
    """Everything the letter template for `language` may use, as plain strings and lists.

    `seed_language` makes `pick` choose as it does for a letter in that language: a reading
    copy then says, sentence by sentence, what the letter it translates says. `channel`
    (post, email, form) decides which copies the letter names. `shared` is
    `case_values(case, target, language, channel)` when the caller has it already.
    """
    seed = "\x1f".join((writer.name.casefold(), case.id, target.id, seed_language or language))
    return {
        **(shared or case_values(case, target, language, channel)),
        "writer": _writer(writer, language, seed_language or language),
        "date": formatted_date,
        "today": today.isoformat(),
        "pick": chooser(seed, variant, vary),
    }
