"""Load and validate case files, reporting every problem with file:line at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ua_letters.cases.model import MISSING, Case, missing_text, text_in, texts
from ua_letters.errors import UserError, ValidationProblems, closest
from ua_letters.letters.languages import ANY, in_its_script, is_tag

if TYPE_CHECKING:
    from ua_letters.cases.yamlsource import Source

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "dict_type": "a mapping of keys to values",
    "mapping_type": "text, or a mapping of language tag to text (en: ..., zh: ...)",
    "tuple_type": "a list",
    "list_type": "a list",
    "dataclass_type": "a mapping of keys to values",
    "dataclass_args_type": "a mapping of keys to values",
}


def validate(adapter_type: type, source: Source) -> tuple[Any, list[str]]:
    """Validate `source.data` as `adapter_type`; return the value or every problem found."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(adapter_type).validate_python(source.data), []
    except ValidationError as exc:
        return None, [_describe(error, source, adapter_type) for error in exc.errors()
                      if tuple(error["loc"]) not in source.broken]  # said once, as read


def _describe(error: dict, source: Source, model: type) -> str:
    from ua_letters.cases.yamlsource import dotted

    loc = tuple(error["loc"])
    where = source.where(loc)
    key = dotted(loc) or "(top level)"
    kind = error["type"]
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        parent = _fields_at(model, loc[:-1])
        hint = _meant(str(loc[-1]), parent) if parent else None
        fix = f"did you mean {hint!r}?" if hint else "remove it or check the spelling"
        return f"{where}: {key}: unknown key; {fix}"
    if kind == "missing" or kind == "missing_argument":
        return f"{where}: {key}: missing; add it"
    found = error.get("input")
    if kind == "literal_error" and isinstance(found, str):
        choices = [c.strip("'") for c in error["ctx"]["expected"].replace(" or ", ", ").split(", ")]
        hint = _meant(found, choices, _WORD_MEANING)
        fix = f"did you mean {hint!r}? " if hint else ""
        return f"{where}: {key}: {found!r} is not known here; {fix}use one of {', '.join(choices)}"
    if loc in source.written:
        raw, meant = source.written[loc]
        return (
            f"{where}: {key}: expected {_EXPECTED.get(kind, 'text')}, found {raw} "
            f"(YAML reads it as {meant}); put it in quotes: \"{raw}\""
        )
    expected = _EXPECTED.get(kind)
    if expected:
        return f"{where}: {key}: expected {expected}, found {_show(found)}"
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {key}: {message}"


# Keys people write for a field that has another name here: suggested by meaning, since
# no spelling rule turns `twitter` into `social`.
_MEANING = {
    "twitter": "social", "x": "social", "facebook": "social", "instagram": "social",
    "telegram": "social", "mastodon": "social", "bluesky": "social", "tel": "phone",
    "telephone": "phone", "mobile": "phone", "e_mail": "email", "mail": "email",
    "website": "web_form", "url": "web_form", "form": "web_form", "contact_form": "web_form",
    "contact": "web_form", "cc": "copies", "copy": "copies", "copy_to": "copies",
    "people": "individuals", "persons": "individuals", "victims": "individuals",
    "recipients": "targets", "officials": "targets", "target": "targets",
    "position": "title", "office": "title", "job": "role", "occupation": "role",
    "profession": "role", "date": "issued", "until": "deadline", "language": "languages",
    "lang": "languages", "greeting": "salutation", "dear": "salutation",
    "postal_address": "address", "ministry": "organisation", "embassy": "organisation",
    "actions": "demands", "requests": "demands", "recommended_actions": "demands",
    "nickname": "alias", "also_known_as": "alias", "aka": "alias", "status": "situation",
    "situations": "situation", "type": "kind", "power": "kind", "count": "headcount",
    "number": "headcount", "summary": "facts", "story": "facts", "closed": "status",
}
# The same for values: words for a situation or for what a target can do.
_WORD_MEANING = {
    "jailed": "detained", "arrested": "detained", "imprisoned": "detained",
    "in-custody": "detained", "disappeared": "whereabouts-unknown", "convicted": "sentenced",
    "charged": "on-trial", "death-penalty": "facing-execution", "death-sentence":
    "facing-execution", "threatened": "harassed", "ill": "health-at-risk", "torture":
    "torture-risk", "freed": "released", "minister": "authority", "prosecutor": "authority",
    "president": "authority", "ambassador": "diplomat", "embassy": "diplomat",
    "un": "intergovernmental",
}


def _meant(key: str, fields: list[str], meanings: dict = _MEANING) -> str | None:
    """The field (or word) `key` most likely stands for: by meaning first, then spelling."""
    word = key.strip().lower()
    meant = meanings.get(word.replace("-", "_").replace(" ", "_")) or meanings.get(
        word.replace("_", "-").replace(" ", "-"))
    if meant in fields:
        return meant
    return closest(key, fields)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def _fields_at(model: type, loc: tuple) -> list[str]:
    """Field names of the dataclass found by following `loc` from `model`."""
    import dataclasses
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        hints = typing.get_type_hints(current)
        if part not in hints:
            return []
        current = _dataclass_in(hints[part])
        if current is None:
            return []
    if not dataclasses.is_dataclass(current):
        return []
    return [f.name for f in dataclasses.fields(current)]


def _dataclass_in(annotation: Any) -> type | None:
    import dataclasses
    import typing

    if dataclasses.is_dataclass(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _dataclass_in(arg)
        if found:
            return found
    return None


def load_case(path: Path, template_dirs: list[Path] | None = None) -> Case:
    """Read, validate and cross-check one case file."""
    return check_case(path, template_dirs)[0]


def check_case(path: Path, template_dirs: list[Path] | None = None) -> tuple[Case, list[str]]:
    """The validated case and the warnings about it (what may be a mistake, not an error).

    `template_dirs` are the user's extra template folders: a language is good when one of
    them, or the usual search path, has its letter template."""
    warnings: list[str] = []

    def cross_check(case: Case, source: Source) -> list[str]:
        warnings.extend(_warnings(case, source))
        return _cross_check(case, source, template_dirs)

    case = load_validated(path, Case, "a case file holds a mapping (ua: ..., title: ...)",
                          cross_check)
    return case, warnings


def load_validated(path: Path, kind: type, shape: str, cross_check=None, raw: bytes | None = None):
    """A YAML file as a validated `kind`, every problem reported with file:line at once.

    `shape` says what the file should hold when it holds no
    mapping; `cross_check(value, source)` returns problems types alone cannot find.
    """
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise UserError(f"{path}: {len(raw) / 1e6:.1f} MB, far more than a case file or "
                        f"profile holds (at most {MAX_FILE_BYTES / 1e6:.0f} MB); is it the "
                        "right file?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    from ua_letters.cases.yamlsource import load

    source = load(path, text=text)
    if not isinstance(source.data, dict):
        raise ValidationProblems([f"{path}:1: {shape}"])
    unprintable = unprintable_text(source)
    value, problems = validate(kind, source)
    if value is not None and cross_check is not None:
        problems = cross_check(value, source)
    problems = [*source.broken.values(), *unprintable, *problems]
    if problems:
        raise ValidationProblems(sorted(problems, key=_line_number(path)))
    return value


MAX_FILE_BYTES = 1_000_000  # a case file is a few kilobytes
MAX_TEXT = 20_000  # characters in one text: a UA's longest paragraph is under 2,000

# Invisible characters that real text needs: zero-width space, non-joiner and joiner
# (Persian, Indic scripts, emoji), left-to-right and right-to-left marks, word joiner, soft
# hyphen. Every other format character (bidi overrides, BOM...) and every control
# character but tab and newline is refused.
_NEEDED_INVISIBLES = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u00ad")


def unprintable_text(source: Source) -> list[str]:
    """'file:line: key: contains the control character U+001E ...' for each string (key
    or value) of the raw YAML data holding a control or format character: such a character
    can break a letter's layout or, printed, take over the terminal. A text too long for
    any letter is named here too, rather than as a template running over."""
    import unicodedata

    from ua_letters.cases.yamlsource import dotted

    problems: list[str] = []

    def check(text: str, loc: tuple) -> None:
        for char in text:
            if char in "\n\t" or char in _NEEDED_INVISIBLES:
                continue
            category = unicodedata.category(char)
            if category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
                kind = "control" if category == "Cc" else "invisible formatting"
                name = unicodedata.name(char, "")
                named = f" ({name})" if name else ""
                problems.append(
                    f"{source.where(loc)}: {dotted(loc) or '(top level)'}: contains the {kind} "
                    f"character U+{ord(char):04X}{named}; delete it (retype the text)")
                return

    def walk(value, loc: tuple) -> None:
        if isinstance(value, str) and len(value) > MAX_TEXT:
            problems.append(f"{source.where(loc)}: {dotted(loc) or '(top level)'}: a text of "
                            f"{len(value):,} characters, more than any letter can carry "
                            f"({MAX_TEXT:,}); shorten it")
        elif isinstance(value, str):
            check(value, loc)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    check(key, (*loc, key))
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(source.data, ())
    return problems


def _line_number(path: Path):
    """Sort key: the line a 'FILE:LINE: ...' problem points at (the file itself first)."""
    import re

    pattern = re.compile(re.escape(str(path)) + r":(\d+):")

    def key(problem: str) -> int:
        match = pattern.match(problem)
        return int(match[1]) if match else 0

    return key


def _cross_check(case: Case, source: Source, template_dirs: list[Path] | None) -> list[str]:
    """What types alone cannot say: ids unique and known, a letter possible in every
    language, nothing left to fill in."""
    from ua_letters.cases.yamlsource import dotted
    from ua_letters.letters.render import has_template

    problems = []

    def problem(loc: tuple, message: str) -> None:
        problems.append(f"{source.where(loc)}: {dotted(loc)}: {message}")

    for loc, what in markers(source.data):
        problem(loc, f"still to fill in: {what}")
    for i, tag in enumerate(case.languages):
        if not is_tag(tag):
            problem(("languages", i), f"{tag!r} is not a language tag such as 'en' or 'zh'")
        elif not has_template(tag, template_dirs):
            problem(("languages", i), f"no letter template for {tag!r} (letter.{tag}.j2); "
                    "see `ua-letter templates`, or remove the language")
    if not case.languages:
        problem(("languages",), "name at least one preferred language")
    if not case.demands:
        problem(("demands",), "no demands: a letter needs at least one; add the UA's "
                "recommended actions as '- text: ...'")
    ids: set[str] = set()
    for group in ("targets", "copies"):
        for i, recipient in enumerate(getattr(case, group)):
            _check_recipient(recipient, (group, i), group == "targets", ids, problem)
    target_ids = [t.id for t in case.targets]
    for i, demand in enumerate(case.demands):
        for j, target_id in enumerate(demand.targets):
            if target_id not in target_ids:
                hint = closest(target_id, target_ids)
                fix = f"did you mean {hint!r}?" if hint else f"targets are {', '.join(target_ids)}"
                problem(("demands", i, "targets", j), f"unknown target {target_id!r}; {fix}")
    if len(case.languages) > 1:
        both = ", ".join(case.languages)
        example = ", ".join(f"{tag}: ..." for tag in case.languages)
        for loc, text, prose in texts(case):
            if prose and text is not None and ANY in text:
                problem(loc, f"one text for every language ({both}): write it per language "
                        f"as {{{example}}}")
    for loc, text, prose in texts(case):
        for tag, wording in (text or {}).items() if prose else ():
            if tag != ANY and not in_its_script(tag, wording):
                problem(loc, f"the {tag!r} text is not written in that language's script; "
                        f"put the {tag!r} wording there")
    for tag in case.languages:
        for loc in missing_text(case, tag):
            problem(loc, f"no text in preferred language {tag!r}; add '{tag}: ...'")
    return problems


def _check_recipient(recipient, loc: tuple, is_target: bool, ids: set, problem) -> None:
    if is_target and not recipient.id:
        problem((*loc, "id"), "missing; add a short id such as 'minister-justice'")
    if is_target and not recipient.name:
        problem((*loc, "name"), "missing; add it")
    if not (recipient.name or recipient.title or recipient.organisation):
        problem(loc, "a copy needs a name, title or organisation; add one")
    if recipient.id:
        if recipient.id in ids:
            problem((*loc, "id"), f"{recipient.id!r} is used twice; ids must be unique")
        ids.add(recipient.id)
        if not recipient.id.replace("-", "").isalnum() or recipient.id != recipient.id.lower():
            problem((*loc, "id"), f"{recipient.id!r}: use lower-case letters, digits, '-'")
    for j, copy in enumerate(recipient.copies):
        if not is_target:
            problem((*loc, "copies"), "only a target has copies of its own; "
                    "list this copy under the case's `copies`")
            break
        _check_recipient(copy, (*loc, "copies", j), False, ids, problem)


def markers(data, loc: tuple = ()):
    """(path, what is missing) for every `[MISSING: ...]` marker in the raw case data."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from markers(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from markers(value, (*loc, i))
    elif isinstance(data, str):
        for match in MISSING.finditer(data):
            what = match[0][len("[MISSING"):-1].lstrip(":").strip()
            yield loc, what or "text the UA does not give"


def _warnings(case: Case, source: Source) -> list[str]:
    """Probable mistakes that still make a letter: an organisation printed twice."""
    from ua_letters.cases.yamlsource import dotted

    out = []
    recipients = [(("targets", i), t) for i, t in enumerate(case.targets)]
    recipients += [(("copies", i), c) for i, c in enumerate(case.copies)]
    recipients += [((*loc, "copies", j), c) for loc, t in recipients[:len(case.targets)]
                   for j, c in enumerate(t.copies)]
    for loc, recipient in recipients:
        for tag, organisation in (recipient.organisation or {}).items():
            address = (recipient.address or {}).get(tag) or text_in(recipient.address, tag)
            first = (address or "").strip().splitlines()[:1]
            if first and first[0].strip().casefold() == organisation.strip().casefold():
                where = (*loc, "address")
                out.append(f"{source.where(where)}: {dotted(where)}: its first line repeats "
                           f"`organisation` ({organisation}); the letter prints it once, "
                           "remove it from one of them")
                break
    from ua_letters.importer.words import with_article

    for i, person in enumerate(case.individuals):
        role = (text_in(person.role, "en") or "").strip() if "en" in case.languages else ""
        if role and not person.description and not re.match(r"(?i:a|an|the)\s", role):
            where = ("individuals", i, "role")
            out.append(f"{source.where(where)}: {dotted(where)}: an English letter prints it "
                       f"after the name (\"{text_in(person.name, 'en')}, {role}.\"); write it "
                       f"as it completes \"NAME is ...\": {with_article(role)}")
    return out
