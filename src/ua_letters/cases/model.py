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
    if MISSING.search(value):
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


# The words a case may use for a person's situation (`Individual.situation`). Each one lets
# the letter say something about it; a person without any gets no such sentence at all.
SITUATIONS = {
    "detained": "in custody",
    "whereabouts-unknown": "whereabouts unknown",
    "sentenced": "sentenced",
    "on-trial": "charged or awaiting trial",
    "facing-execution": "sentenced to death or at risk of a death sentence",
    "at-risk": "free but in danger",
    "harassed": "threatened, intimidated or harassed",
    "surveillance": "under surveillance",
    "travel-ban": "banned from travelling",
    "health-at-risk": "health at risk",
    "torture-risk": "at risk of torture or other ill-treatment (the UA says so)",
    "released": "released",
}
Situation = Literal[
    "detained", "whereabouts-unknown", "sentenced", "on-trial", "facing-execution",
    "at-risk", "harassed", "surveillance", "travel-ban", "health-at-risk", "torture-risk",
    "released",
]

# What a target can do about the case (`Recipient.kind`); the letter asks accordingly.
TARGET_KINDS = {
    "authority": "has power over the case (minister, prosecutor, governor...)",
    "diplomat": "ambassador or embassy: can convey concern to their government",
    "intergovernmental": "a UN, OAS... body or envoy: can raise the case",
    "other": "the letter claims no power for them",
}

# Text the UA does not give, left visible in the case file until someone fills it in.
MISSING = re.compile(r"\[MISSING(?::[^\]]*)?\]")


@dataclass(frozen=True)
class Reference:
    """Another Amnesty document: the previous UA, the source it was taken from."""

    __pydantic_config__ = _STRICT
    url: str | None = None
    """Web address of the document."""
    index: str | None = None
    """Amnesty's index number, such as `ASA 17/6638/2023`."""
    section: str | None = None
    """Who published it, such as `Amnesty International` or a national section."""


@dataclass(frozen=True)
class Social:
    """One social media account of a recipient."""

    __pydantic_config__ = _STRICT
    platform: str
    """Where: `Twitter`, `Facebook`, `Instagram`..."""
    handle: str
    """The account, as the UA gives it: `@ChineseEmbinUS`."""


@dataclass(frozen=True)
class Individual:
    """A person, a group known by a headcount, or an organisation at risk."""

    __pydantic_config__ = _STRICT
    name: Text
    """The name letters use. For an unnamed group, what the letter calls it: `three others`."""
    kind: Literal["person", "group", "organisation"] = "person"
    """`person`, `group` (several people, with `headcount`) or `organisation`."""
    native_name: str | None = None
    """The name in the person's own script, printed after the name: `卡米莱·瓦依提`."""
    alias: Text | None = None
    """Another name the person is known by, printed as `Luis Ortega ("Lucho")`."""
    pronouns: str | None = None
    """As the UA gives them: `she/her`. Letters use them when `gender` is not given."""
    gender: Literal["female", "male", "other"] | None = None
    """Chooses `she`/`he`/`they` in letters; leave it out when the UA does not say."""
    age: int | None = None
    """Age in years, as the UA gives it."""
    headcount: int | None = None
    """For a group: how many people it holds."""
    role: Text | None = None
    """What the person does, in a few words: `lawyer`, `student union leader`. Shown by
    `show` and used in letters ("lawyer Ana Pérez") when there is no `description`."""
    description: Text | None = None
    """Who the person is, completing "NAME, ...": `a 19-year-old Uyghur student`."""
    situation: tuple[Situation, ...] = ()
    """What the UA says of the person's situation, in these words: `detained`,
    `whereabouts-unknown`, `sentenced`, `on-trial`, `facing-execution`, `at-risk`,
    `harassed`, `surveillance`, `travel-ban`, `health-at-risk`, `torture-risk` (only when
    the UA itself voices that fear), `released`. Each lets the letter say something true of
    it; with none, the letter says nothing about the situation beyond the facts."""
    facts: tuple[Text, ...] = ()
    """Facts about this person, each a sentence or more, printed as written."""
    concerns: tuple[Text, ...] = ()
    """Concerns the UA raises for this person (health, conditions), printed as written."""


@dataclass(frozen=True)
class Recipient:
    """A target of the appeal, or someone who gets a copy; every channel is optional."""

    __pydantic_config__ = _STRICT
    id: str = ""
    """Short lower-case name used with `--to`: `ma-xingrui`. Required for targets and
    case-wide copies; a target's own copies need none."""
    name: Text | None = None
    """The person's name. Required for targets; a copy needs a name, title or
    organisation."""
    kind: Literal["authority", "diplomat", "intergovernmental", "other"] = "other"
    """What the target can do: `authority` (has power over the case), `diplomat` (can
    convey concern to their government), `intergovernmental` (a UN or regional body or
    envoy that can raise the case), `other` (the letter claims no power)."""
    title: Text | None = None
    """Their office: `Minister of Justice`."""
    honorific: Text | None = None
    """How they are addressed, without the name: `Minister`, `Ambassador`."""
    organisation: Text | None = None
    """Ministry, embassy or office, printed under the title (not repeated from `address`)."""
    salutation: Text | None = None
    """The letter's greeting without the comma: `Dear Secretary Ma`."""
    address: Text | None = None
    """Postal address, one line per line, country last. Without it, no postal letter."""
    email: Email = ()
    """One address or a list."""
    fax: Many = ()
    """One number or a list."""
    phone: Many = ()
    """One number or a list."""
    web_form: Many = ()
    """Address of a contact form (one or a list); `--format form` gives text to paste."""
    social: tuple[Social, ...] = ()
    """Social media accounts: a list of `platform` and `handle`."""
    copies: tuple["Recipient", ...] = ()
    """On a target: who gets a copy of the letter to this target only (same keys). Printed
    as `cc:` on that letter, and sent as Cc when the copy has an email address."""

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
    """The action, completing "I urge you to:", without a final full stop."""
    targets: tuple[str, ...] = ()
    """Ids of the targets this demand is for; empty: every target."""

    def applies_to(self, target_id: str) -> bool:
        return not self.targets or target_id in self.targets


@dataclass(frozen=True)
class Case:
    """One Urgent Action, as a letter needs it."""

    __pydantic_config__ = _STRICT
    ua: str
    """The UA number as printed: `33.23`, `UA 33/23`, `UA 164/20, update 1`."""
    title: Text
    """The UA's title, in each language of the letters."""
    individuals: tuple[Individual, ...]
    """The people, groups or organisations at risk, in the UA's order."""
    demands: tuple[Demand, ...]
    """The recommended actions, in the UA's order; at least one."""
    targets: tuple[Recipient, ...]
    """Who the letters go to: each gets its own letter."""
    languages: tuple[str, ...]
    """Languages the UA prefers, first the one to use by default: `[en, zh]`. Each needs a
    letter template (`letter.LANG.j2`) and text in every prose field."""
    update: int | None = None
    """Number of the update (further information), if this is one."""
    index: str | None = None
    """Amnesty's index number: `ASA 17/6638/2023`."""
    issued: date | None = None
    """Date of the UA. Without a deadline, a UA issued over three months ago is stale."""
    deadline: date | None = None
    """Last day to send appeals (`PLEASE TAKE ACTION ... UNTIL`)."""
    own_language: bool = False
    """`true` only when the UA welcomes letters in the writer's own language."""
    status: Literal["open", "closed"] = "open"
    """`closed` when Amnesty asks for no further action (released, case ended):
    `generate` and `batch` then say so instead of writing an appeal."""
    subject: Text | None = None
    """Email subject; default: the title."""
    facts: tuple[Text, ...] = ()
    """Facts about the whole case rather than one person, printed before each person's own."""
    background: tuple[Text, ...] = ()
    """Background for the writer (shown by `show`, never printed in letters)."""
    copies: tuple[Recipient, ...] = ()
    """Who gets a copy of every target's letter (same keys as targets)."""
    previous: tuple[Reference, ...] = ()
    """Earlier UAs on the same case."""
    source: Reference | None = None
    """Where the UA text was taken from."""

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

    def copies_for(self, target_id: str) -> list[Recipient]:
        """Case-wide copies, then the target's own."""
        target = self.target(target_id)
        return [*self.copies, *(target.copies if target else ())]


_UA_NUMBER = re.compile(r"(\d+)\s*[./]\s*(\d+)")


def ua_id(written: str) -> str:
    """'UA 33/23' / '33.23' / 'FI 132/19-11' -> '33.23' / '33.23' / '132.19'."""
    match = _UA_NUMBER.search(written)
    return f"{int(match[1])}.{match[2]}" if match else written.strip()


def texts(case: Case):
    """Every text a letter may show, as (path into the case file, text, is it prose).

    Prose (sentences, titles, greetings) is written in one language; names may be the
    same in every language."""
    yield ("title",), case.title, True
    yield ("subject",), case.subject, True
    for j, text in enumerate(case.facts):
        yield ("facts", j), text, True
    for i, person in enumerate(case.individuals):
        yield ("individuals", i, "name"), person.name, person.kind == "group"
        yield ("individuals", i, "alias"), person.alias, False
        yield ("individuals", i, "role"), person.role, True
        yield ("individuals", i, "description"), person.description, True
        for field in ("facts", "concerns"):
            for j, text in enumerate(getattr(person, field)):
                yield ("individuals", i, field, j), text, True
    for i, demand in enumerate(case.demands):
        yield ("demands", i, "text"), demand.text, True

    def recipient(who: Recipient, loc: tuple):
        yield (*loc, "name"), who.name, False
        for field in ("title", "honorific", "organisation", "salutation"):
            yield (*loc, field), getattr(who, field), True
        for j, copy in enumerate(who.copies):
            yield from recipient(copy, (*loc, "copies", j))

    for group in ("targets", "copies"):
        for i, one in enumerate(getattr(case, group)):
            yield from recipient(one, (group, i))


def missing_text(case: Case, language: str) -> list[tuple]:
    """Where a letter in `language` would have no wording (paths into the case file)."""
    return [loc for loc, text, _prose in texts(case)
            if text is not None and language not in text and ANY not in text]
