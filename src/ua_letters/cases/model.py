"""The typed, immutable model of an Urgent Action, validated in one place.

Every field a letter shows is a `Text`: a mapping from language tag to wording, so a case
can carry any number of languages. A plain string means the same in every language
(a name in Latin letters, a phone number).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator

from ua_letters.letters.languages import ANY, is_tag, normalize

_STRICT = {"extra": "forbid", "str_strip_whitespace": True}


def _text(value):
    """Accept 'text' (every language) or {lang: text}; normalise the language tags."""
    if isinstance(value, str):
        return {ANY: value}
    if isinstance(value, Mapping):
        out = {}
        for key, text in value.items():
            if not isinstance(key, str) or not (key == ANY or is_tag(key)):
                raise ValueError(f"{key!r} is not a language tag such as 'en' or 'zh'")
            out[normalize(key) if key != ANY else ANY] = text
        return out
    return value


def _email(value: str) -> str:
    """One address (the rule of email_address.py); a '[MISSING: ...]' marker is left for the
    case checks to report."""
    if value.startswith("[MISSING"):
        return value
    from ua_letters.email_address import checked_email

    return checked_email(value)


EmailAddress = Annotated[str, AfterValidator(_email)]


def _many(value):
    """A channel may be one value or a list of them."""
    return [value] if isinstance(value, str) else value


Text = Annotated[Mapping[str, str], BeforeValidator(_text)]
Many = Annotated[tuple[str, ...], BeforeValidator(_many)]
Email = Annotated[tuple[EmailAddress, ...], BeforeValidator(_many)]


def text_in(text: Mapping[str, str] | None, language: str) -> str | None:
    """The wording of `text` in `language`, or the language-neutral one, or None."""
    if not text:
        return None
    return text.get(language) or text.get(ANY)


@dataclass(frozen=True)
class Reference:
    """Another Amnesty document: the previous UA, the source it was taken from."""

    __pydantic_config__ = _STRICT
    url: str | None = None
    index: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class Social:
    __pydantic_config__ = _STRICT
    platform: str
    handle: str


@dataclass(frozen=True)
class Individual:
    """A person, a group known by a headcount, or an organisation at risk."""

    __pydantic_config__ = _STRICT
    name: Text
    kind: Literal["person", "group", "organisation"] = "person"
    native_name: str | None = None
    alias: Text | None = None
    pronouns: str | None = None
    gender: Literal["female", "male", "other"] | None = None
    age: int | None = None
    headcount: int | None = None
    role: Text | None = None
    description: Text | None = None
    facts: tuple[Text, ...] = ()
    concerns: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Recipient:
    """A target of the appeal, or someone who gets a copy; every channel is optional."""

    __pydantic_config__ = _STRICT
    id: str
    name: Text
    title: Text | None = None
    honorific: Text | None = None
    organisation: Text | None = None
    salutation: Text | None = None
    address: Text | None = None
    email: Email = ()
    fax: Many = ()
    phone: Many = ()
    web_form: Many = ()
    social: tuple[Social, ...] = ()

    def channels(self) -> list[str]:
        """The ways this recipient can be reached, in words."""
        names = {
            "address": "post",
            "email": "email",
            "fax": "fax",
            "phone": "phone",
            "web_form": "web form",
            "social": "social media",
        }
        return [label for key, label in names.items() if getattr(self, key)]


@dataclass(frozen=True)
class Demand:
    """One recommended action, for every target unless `targets` names some."""

    __pydantic_config__ = _STRICT
    text: Text
    targets: tuple[str, ...] = ()

    def applies_to(self, target_id: str) -> bool:
        return not self.targets or target_id in self.targets


@dataclass(frozen=True)
class Case:
    """One Urgent Action, as a letter needs it."""

    __pydantic_config__ = _STRICT
    ua: str
    title: Text
    individuals: tuple[Individual, ...]
    demands: tuple[Demand, ...]
    targets: tuple[Recipient, ...]
    languages: tuple[str, ...]
    update: int | None = None
    index: str | None = None
    issued: date | None = None
    deadline: date | None = None
    own_language: bool = True
    subject: Text | None = None
    background: tuple[Text, ...] = ()
    copies: tuple[Recipient, ...] = ()
    previous: tuple[Reference, ...] = ()
    source: Reference | None = None

    @property
    def id(self) -> str:
        """The short number used on the command line: 'UA 33/23' -> '33.23'."""
        return ua_id(self.ua)

    @property
    def label(self) -> str:
        label = f"UA {self.id}"
        return f"{label}, update {self.update}" if self.update else label

    def target(self, target_id: str) -> Recipient | None:
        return next((t for t in self.targets if t.id == target_id), None)

    def demands_for(self, target_id: str) -> list[Demand]:
        return [d for d in self.demands if d.applies_to(target_id)]


_UA_NUMBER = re.compile(r"(\d+)\s*[./]\s*(\d+)")


def ua_id(written: str) -> str:
    """'UA 33/23' / '33.23' / 'FI 132/19-11' -> '33.23' / '33.23' / '132.19'."""
    match = _UA_NUMBER.search(written)
    return f"{int(match[1])}.{match[2]}" if match else written.strip()


def missing_text(case: Case, language: str) -> list[tuple]:
    """Where a letter in `language` would have no wording (paths into the case file)."""
    missing = []

    def need(text, loc):
        if text is not None and language not in text and ANY not in text:
            missing.append(loc)

    need(case.title, ("title",))
    need(case.subject, ("subject",))
    for i, person in enumerate(case.individuals):
        for field in ("name", "alias", "role", "description"):
            need(getattr(person, field), ("individuals", i, field))
        for field in ("facts", "concerns"):
            for j, text in enumerate(getattr(person, field)):
                need(text, ("individuals", i, field, j))
    for i, demand in enumerate(case.demands):
        need(demand.text, ("demands", i, "text"))
    for group in ("targets", "copies"):
        for i, recipient in enumerate(getattr(case, group)):
            for field in ("name", "title", "honorific", "organisation", "salutation"):
                need(getattr(recipient, field), (group, i, field))
    return missing

