"""The writer's profile: details given once, used by every letter unless a flag says otherwise.

Stored as YAML in the user's config folder and checked like a case file (file:line, the
key, what was expected).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

from ua_letters.cases.model import EmailAddress
from ua_letters.errors import UserError, unknown
from ua_letters.resources import user_config_dir


def _language(value: str) -> str:
    from ua_letters.letters.languages import is_tag, normalize, tag_for_name

    tag = value if is_tag(value) else tag_for_name(value)  # 'Chinese', '中文'
    if not tag:
        raise ValueError(f"{value!r} is not a language tag such as 'en' or 'zh'")
    return normalize(tag)


def _paper(value: str) -> str:
    if value.strip().lower() not in ("a4", "letter"):
        raise ValueError(f"use a4 or letter, not {value!r}")
    return value.strip().lower()


def _plain(value: str) -> str:
    from ua_letters.letters.letter import control_characters

    if control_characters(value):
        raise ValueError("contains control characters; retype the value")
    return value


def _fits(key: str) -> AfterValidator:
    """The checks every writer field gets, wherever it comes from (--name, a list, here)."""
    from ua_letters.letters.letter import field_problem

    def check(value: str) -> str:
        problem = field_problem(key, value)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


_STRICT = {"extra": "forbid", "str_strip_whitespace": True}
Plain = Annotated[str, AfterValidator(_plain)]  # text without control characters


@dataclass(frozen=True)
class Profile:
    """What a writer would otherwise type on every run; each key matches a generate flag."""

    __pydantic_config__ = _STRICT
    name: Annotated[Plain, _fits("name")] | None = None
    """Your name, as you sign it."""
    address: Annotated[Plain, _fits("address")] | None = None
    """Your street address (several lines allowed)."""
    city: Annotated[Plain, _fits("city")] | None = None
    postcode: Annotated[Plain, _fits("postcode")] | None = None
    country: Annotated[Plain, _fits("country")] | None = None
    email: EmailAddress | None = None
    about: Annotated[Plain, _fits("about")] | None = None
    """Who you are, in a sentence, as in --about."""
    language: Annotated[str, AfterValidator(_language)] | None = None
    """The letter language you prefer, used when the case has it."""
    paper: Annotated[str, AfterValidator(_paper)] | None = None
    """Paper size for printed letters."""


KEYS = tuple(f.name for f in dataclasses.fields(Profile))
WRITER_KEYS = ("name", "address", "city", "postcode", "country", "email", "about")


def path() -> Path:
    return user_config_dir() / "profile.yaml"


def load(file: Path | None = None) -> Profile:
    """The profile in `file` (default: the user's), or an empty one when there is none."""
    file = file or path()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Profile()
    except OSError as exc:
        raise UserError(f"{file}: cannot read ({exc.strerror})") from None
    from ua_letters.cases.loader import load_validated

    return load_validated(file, Profile, "a profile holds keys and values (name: ...)", raw=raw)


def _known(key: str) -> str:
    if key not in KEYS:
        raise unknown("profile key", key, KEYS)
    return key


def set_value(key: str, value: str, file: Path | None = None) -> Path:
    """Set one key, checking the value as the file would be checked; returns the file."""
    from ua_letters.cases.loader import validate
    from ua_letters.cases.yamlsource import Source

    file = file or path()
    key, value = _known(key), value.strip()
    if not value:
        raise UserError(f"profile set {key}: give a value, or use `ua-letter profile unset {key}`")
    _, problems = validate(Profile, Source(path=Path(f"profile set {key}"), data={key: value}))
    if problems:
        raise UserError(problems[0].replace(f"{key}: {key}: ", f"{key}: ", 1))
    values = {k: v for k, v in dataclasses.asdict(load(file)).items() if v is not None}
    values[key] = value
    _save(file, values)
    return file


def unset(key: str, file: Path | None = None) -> bool:
    """Remove one key; False when it was not set."""
    file = file or path()
    values = {k: v for k, v in dataclasses.asdict(load(file)).items() if v is not None}
    if values.pop(_known(key), None) is None:
        return False
    _save(file, values)
    return True


def _save(file: Path, values: dict[str, str]) -> None:
    import yaml

    from ua_letters.files import write_atomic

    class Dumper(yaml.SafeDumper):
        """Multi-line values (an address) as YAML blocks people can edit by hand."""

    def text(dumper, value: str):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    ordered = {k: values[k] for k in KEYS if k in values}
    body = yaml.dump(ordered, Dumper=Dumper, allow_unicode=True, sort_keys=False) if ordered else ""
    header = ("# Your ua-letter profile: used by every letter; a flag on the command line "
              "wins.\n# Keys: " + ", ".join(KEYS) + "\n")
    file.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(file, (header + body).encode("utf-8"), force=True)


def describe(profile: Profile) -> str:
    """'key: value' lines for the keys that are set."""
    lines = []
    for key in KEYS:
        value = getattr(profile, key)
        if value is not None:
            shown = value.replace("\n", "\n" + " " * (len(key) + 2))
            lines.append(f"{key}: {shown}")
    return "\n".join(lines)


def merged(profile: Profile, flags: dict[str, str | None]) -> dict[str, str]:
    """Writer fields: each flag that was given, else the profile's value."""
    return {key: flag if flag is not None else (getattr(profile, key) or "")
            for key, flag in flags.items()}
