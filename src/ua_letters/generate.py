"""The `generate` job: find the case, pick language and targets, render, export."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ua_letters.cases.model import Case
from ua_letters.errors import UserError, unknown
from ua_letters.letters.languages import best_match
from ua_letters.letters.letter import Letter, Writer

READER_LANGUAGE = "en"  # the language of reading copies (--with-translation)


@dataclass(frozen=True)
class Request:
    case: str
    to: str
    writer: Writer
    today: date
    lang: str | None = None
    preferred_lang: str | None = None  # the profile's language, used when the case has it
    output: Path | None = None
    format: str | None = None
    force: bool = False
    width: int = 72
    with_translation: bool = False
    paper: str | None = None
    variant: int | None = None
    vary: bool = True
    envelope: bool = False  # also write the envelope(s), as `batch --envelopes` does
    template_dirs: list[Path] = field(default_factory=list)
    case_dirs: list[Path] = field(default_factory=list)
    letterhead: Path | None = None  # a group's Word document to print the letters on


@dataclass
class Result:
    stdout: str = ""
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def writer_from(**fields: str | None) -> Writer:
    """A Writer from command-line values, refusing what would break a letter or a header."""
    from ua_letters.email_address import email_problem
    from ua_letters.letters.letter import control_characters, field_problem

    clean = {}
    for key, value in fields.items():
        value = (value or "").strip()
        if control_characters(value):
            raise UserError(f"--{key}: contains control characters; retype the value")
        # a long note or about is the page-fit warning's business: it says how much to cut
        problem = field_problem(key, value) if key not in ("note", "about") else None
        if problem:
            raise UserError(f"--{key}: {problem}")
        clean[key] = value
    problem = clean.get("email") and email_problem(clean["email"])
    if problem:
        raise UserError(f"--email {clean['email']!r}: {problem}")
    return Writer(**clean)


def choose_language(case: Case, requested: str | None, preferred: str | None = None) -> str:
    """The requested language as the case spells it, else the writer's own preferred one
    when the case has it in full, else the case's first preferred one."""
    if requested is None:
        return _complete_match(case, preferred) or case.languages[0]
    from ua_letters.letters.context import check_language, complete_languages, text_languages
    from ua_letters.letters.languages import describe

    offered = text_languages(case)
    match = best_match(requested, offered)
    if match is None:
        complete = complete_languages(case)
        partial = [tag for tag in offered if tag not in complete]
        some = f" ({describe(partial)}: only in part)" if partial else ""
        raise UserError(
            f"--lang {requested}: {case.label} has no text in that language; "
            f"choose one of: {describe(complete)}{some}"
        )
    check_language(case, match)
    return match


def _complete_match(case: Case, wanted: str | None) -> str | None:
    if not wanted:
        return None
    from ua_letters.letters.context import complete_languages

    return best_match(wanted, complete_languages(case))


def choose_targets(case: Case, to: str) -> list[str]:
    if to == "all":
        return [t.id for t in case.targets]
    ids = [t.id for t in case.targets]
    if to not in ids:
        raise unknown("target", to, [*ids, "all"], f" in {case.label}")
    return [to]


def deadline_warning(case: Case, today: date) -> str | None:
    """A passed or near deadline; without one, a UA that may be stale (or has no date)."""
    if case.deadline is None:
        return stale_warning(case, today)
    days = (case.deadline - today).days
    if days < 0:
        return (
            f"the deadline of {case.label} ({case.deadline.isoformat()}) has passed; "
            "check with your local Amnesty section before sending"
        )
    if days <= 3:
        return f"the deadline of {case.label} is {case.deadline.isoformat()}: send it now"
    return None


STALE_AFTER_DAYS = 92  # three months


def stale_warning(case: Case, today: date) -> str | None:
    """Without a deadline, an old UA (or one without a date) may need no more letters."""
    if case.issued is None:
        return (f"{case.label} gives neither a deadline nor the date it was issued; check with "
                "your local Amnesty section that it still needs action")
    if (today - case.issued).days > STALE_AFTER_DAYS:
        return (f"{case.label} was issued on {case.issued.isoformat()}, over three months ago, "
                "and gives no deadline; check with your local Amnesty section that it still "
                "needs action")
    return None


def refuse_closed(case: Case) -> None:
    """A case Amnesty asks no more action for gets no appeal."""
    if case.status == "closed":
        raise UserError(f"{case.label} has status: closed: Amnesty asks for no further action "
                        "on this case, so no appeal is written")


# what each format needs of a target, and the words for it
_CHANNEL = {"text": ("address", "postal address"), "docx": ("address", "postal address"),
            "email": ("email", "email address"), "form": ("web_form", "web form")}
_HOW = {"post": "--format docx", "email": "--format email", "web form": "--format form"}


def as_typed(typed: str | None, case: Case) -> str:
    """The case as a command the user can paste: the path they gave (quoted for the
    shell), else its UA number."""
    return shlex.quote(typed) if typed and Path(typed).is_file() else case.id


def unreachable(case: Case, target_id: str, fmt: str, typed: str | None = None) -> str:
    """'Jorge Ruiz has no postal address in UA 164.20; the case gives: email
    (--format email), web form (--format form)'; `typed` is the case as the user named it."""
    from ua_letters.cases.model import text_in

    if fmt == "email":
        from ua_letters.exporters.mail import without_email

        return without_email(case, target_id, typed)
    target = case.target(target_id)
    name = text_in(target.name, "en") or next(iter((target.name or {}).values()), target.id)
    ways = [f"{c} ({_HOW[c]})" if c in _HOW else c for c in target.channels()]
    given = f"the case gives: {', '.join(ways)}" if ways else "the case gives no way to reach them"
    return (f"{name} has no {_CHANNEL[fmt][1]} in {case.label}; {given} "
            f"(see `ua-letter show {as_typed(typed, case)}`)")


def reachable(case: Case, target_ids: list[str], fmt: str,
              typed: str | None = None) -> tuple[list[str], list[str]]:
    """The targets `fmt` can reach, and a warning for each it cannot; none is an error."""
    key = _CHANNEL[fmt][0]
    good = [t for t in target_ids if getattr(case.target(t), key)]
    skipped = [unreachable(case, t, fmt, typed) for t in target_ids if t not in good]
    if not good:
        raise UserError("; ".join(skipped))
    return good, skipped


def letters(request: Request, case: Case, language: str,
            copy_language: str | None = None, target_ids: list[str] | None = None,
            channel: str = "post") -> list[Letter]:
    """One letter per target; with `copy_language`, each carries its reading copy."""
    from ua_letters.letters.render import has_template, render, with_reading_copy

    def one(target_id: str, lang: str, translating: str | None = None) -> Letter:
        return render(case, target_id, request.writer, lang, today=request.today,
                      template_dirs_=request.template_dirs, variant=request.variant,
                      vary=request.vary, translating=translating, channel=channel)

    # a reading copy mirrors the letter sentence by sentence where a template for it exists
    mirror = copy_language and has_template(f"{language}.{copy_language}", request.template_dirs)
    out = []
    for target_id in target_ids or choose_targets(case, request.to):
        letter = one(target_id, language)
        if copy_language:
            copy = one(target_id, copy_language, language if mirror else None)
            letter = with_reading_copy(letter, copy)
        out.append(letter)
    return out


def reading_language(case: Case, language: str, wanted: str = READER_LANGUAGE) -> str | None:
    """The language of the reading copy, or None when the letter is already in it."""
    from ua_letters.letters.context import complete_languages

    complete = complete_languages(case)
    match = best_match(wanted, complete)
    if match is None:
        raise UserError(
            f"--with-translation: {case.label} has no full text in {wanted!r} for a reading "
            f"copy; it has {', '.join(complete)}"
        )
    return None if match == language else match


def run(request: Request) -> Result:
    from ua_letters.cases.lookup import find
    from ua_letters.exporters import exporter, needs_file

    found = find(request.case, request.case_dirs, request.template_dirs)
    case = found.case
    refuse_closed(case)
    language = choose_language(case, request.lang, request.preferred_lang)
    if request.output is not None and request.output.is_dir():  # -o FOLDER: the usual name
        from dataclasses import replace

        fmt = choose_format(replace(request, output=None))
        named = request.output / default_name(case, request.to, language, fmt)
        request = replace(request, output=named)
    fmt = choose_format(request)
    if request.envelope and fmt == "email":
        raise UserError("--envelope: an email needs no envelope; leave out --envelope, "
                        "or print the letter with --format docx")
    if request.letterhead is not None and fmt != "docx":
        raise UserError(f"--letterhead: a letterhead is for DOCX letters, not {fmt}; "
                        "write a .docx (-o letter.docx) or leave it out")
    module = exporter(fmt)
    if request.output is not None:  # a folder nobody can write to fails before any work
        from ua_letters.files import check_writable

        check_writable(request.output.parent, request.output)
    result = Result()
    target_ids, skipped = reachable(case, choose_targets(case, request.to), fmt, request.case)
    result.warnings.extend(skipped)
    warning = deadline_warning(case, request.today)
    if warning:
        result.warnings.append(warning)
    if not request.writer.name:
        result.warnings.append(
            "no writer name given: add --name (and your address), or sign by hand"
        )
    copy_language = None
    if request.with_translation:  # in the writer's own language when the case has it
        reader = _complete_match(case, request.preferred_lang) or READER_LANGUAGE
        copy_language = reading_language(case, language, reader)
    if request.with_translation and copy_language is None:
        from ua_letters.letters.languages import describe

        result.notices.append(
            f"--with-translation: the letter is already in {describe([language])}; "
            "no reading copy added"
        )
    channel = fmt if fmt in ("email", "form") else "post"
    rendered = letters(request, case, language, copy_language, target_ids, channel)
    result.warnings.extend(left_out(rendered))
    from ua_letters.letters.countries import unknown_country

    result.warnings.extend(filter(None, [unknown_country(request.writer.country)]))
    if channel == "post":
        on = letterhead_page(request.letterhead)
        result.warnings.extend(too_long(rendered, request.paper, on))
    data = module.export(rendered, request)
    output = request.output
    if output is None and needs_file(fmt):  # never binary to a terminal: a file named for it
        output = default_name(case, request.to, language, fmt)
    from ua_letters.files import write_atomic

    if request.envelope:  # written first: a letter on stdout is the last thing printed
        envelope = envelope_name(output or default_name(case, request.to, language, "docx"))
        write_atomic(envelope, envelopes_for(rendered, case), force=request.force)
        result.notices.append(f"wrote {envelope}")
    if output is None:
        result.stdout = data
    else:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        write_atomic(output, raw, force=request.force)
        result.notices.append(f"wrote {output}")
    return result


def envelope_name(output: Path) -> Path:
    """'33.23-ma-xingrui-zh.docx' -> '33.23-ma-xingrui-zh-envelope.docx', beside the letter."""
    return output.with_name(f"{output.stem}-envelope.docx")


def envelopes_for(rendered: list[Letter], case: Case) -> bytes:
    """The envelope of each letter (DL, as batch writes them): the recipient's address in
    the post's order, the writer's as the return address."""
    from ua_letters.exporters.envelopes import envelopes

    return envelopes(rendered, case, "dl")


def left_out(rendered: list[Letter]) -> list[str]:
    """A warning for each of the writer's own texts (about, note) the letters leave out
    because it is not written in their language, once per text and language."""
    from ua_letters.letters.context import foreign_words
    from ua_letters.letters.languages import describe

    found = dict.fromkeys((key, letter.language) for letter in rendered
                          for key in foreign_words(letter.writer, letter.language))
    return [f"the {key!r} text is not written in {describe([language])}: left out of the "
            "letter; write it in that language to include it" for key, language in found]


def too_long(rendered: list[Letter], paper: str | None, on=None) -> list[str]:
    """A warning for each printed letter whose personal parts push it past one page: the
    writer's paper, or the page `on` (a letterhead's: see `letterhead_page`)."""
    personal = [letter for letter in rendered if letter.writer.note or letter.writer.about]
    if not personal:
        return []
    from ua_letters.exporters.pagefit import overflow
    from ua_letters.exporters.paper import paper_for

    found = (overflow(letter, on or paper_for(letter.writer.country, paper))
             for letter in personal)
    return [message for message in found if message]


def letterhead_page(letterhead: Path | None):
    """The letterhead's page (its own size and margins) for the one-page warnings, or None."""
    if letterhead is None:
        return None
    from ua_letters.exporters.letterhead import page

    return page(letterhead)


def choose_format(request: Request) -> str:
    """--format if given, else the one -o's suffix names, else text; refuse a mismatch."""
    from ua_letters.exporters import format_for_suffix, suffix

    output = request.output
    implied = format_for_suffix(output.suffix) if output else None
    if request.format:
        fmt = _known_format(request.format.lower())
        if implied and implied != fmt:
            raise UserError(
                f"-o {output}: a {output.suffix} file holds {implied}, not {fmt}; "
                f"name it {output.stem}{suffix(fmt)} or leave out --format"
            )
        return fmt
    if output and not implied:
        raise UserError(
            f"-o {output}: cannot tell the format from {output.suffix!r}; "
            "use .txt, .docx or .eml, or give --format"
        )
    return implied or "text"


def default_name(case: Case, to: str, language: str, fmt: str) -> Path:
    """'33.23-ma-xingrui-en.docx' (or '33.23-all-en.docx') in the current folder."""
    import re

    from ua_letters.exporters import suffix

    stem = re.sub(r"[^\w.-]+", "-", f"{case.id}-{to}-{language}").strip("-.")
    return Path(stem + suffix(fmt))


def _known_format(name: str) -> str:
    from ua_letters.exporters import FORMATS

    if name not in FORMATS:
        raise unknown("format", name, FORMATS)
    return name
