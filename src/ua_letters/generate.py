"""The `generate` job: find the case, pick language and targets, render, export."""

from __future__ import annotations

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
    from ua_letters.letters.letter import ONE_LINE_FIELDS, control_characters

    clean = {}
    for key, value in fields.items():
        value = (value or "").strip()
        if control_characters(value):
            raise UserError(f"--{key}: contains control characters; retype the value")
        if key in ONE_LINE_FIELDS and ("\n" in value or "\r" in value):
            raise UserError(f"--{key}: give it on one line, without line breaks")
        clean[key] = value
    email = clean.get("email", "")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        raise UserError(f"--email {email!r}: not an email address like name@example.org")
    return Writer(**clean)


def choose_language(case: Case, requested: str | None, preferred: str | None = None) -> str:
    """The requested language as the case spells it, else the writer's own preferred one
    when the case has it in full, else the case's first preferred one."""
    if requested is None:
        return _complete_match(case, preferred) or case.languages[0]
    from ua_letters.cases.model import missing_text
    from ua_letters.letters.context import check_language, text_languages
    from ua_letters.letters.languages import describe

    offered = text_languages(case)
    match = best_match(requested, offered)
    if match is None:
        partial = [tag for tag in offered if missing_text(case, tag)]
        complete = [tag for tag in offered if tag not in partial]
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
    from ua_letters.cases.model import missing_text
    from ua_letters.letters.context import text_languages

    return best_match(wanted, [t for t in text_languages(case) if not missing_text(case, t)])


def choose_targets(case: Case, to: str) -> list[str]:
    if to == "all":
        return [t.id for t in case.targets]
    ids = [t.id for t in case.targets]
    if to not in ids:
        raise unknown("target", to, [*ids, "all"], f" in {case.label}")
    return [to]


def deadline_warning(case: Case, today: date) -> str | None:
    if case.deadline is None:
        return None
    days = (case.deadline - today).days
    if days < 0:
        return (
            f"the deadline of {case.label} ({case.deadline.isoformat()}) has passed; "
            "check with your local Amnesty section before sending"
        )
    if days <= 3:
        return f"the deadline of {case.label} is {case.deadline.isoformat()}: send it now"
    return None


def letters(request: Request, case: Case, language: str,
            copy_language: str | None = None) -> list[Letter]:
    """One letter per target; with `copy_language`, each carries its reading copy."""
    from ua_letters.letters.render import has_template, render, with_reading_copy

    def one(target_id: str, lang: str, translating: str | None = None) -> Letter:
        return render(case, target_id, request.writer, lang, today=request.today,
                      template_dirs_=request.template_dirs, variant=request.variant,
                      vary=request.vary, translating=translating)

    # a reading copy mirrors the letter sentence by sentence where a template for it exists
    mirror = copy_language and has_template(f"{language}.{copy_language}", request.template_dirs)
    out = []
    for target_id in choose_targets(case, request.to):
        letter = one(target_id, language)
        if copy_language:
            copy = one(target_id, copy_language, language if mirror else None)
            letter = with_reading_copy(letter, copy)
        out.append(letter)
    return out


def reading_language(case: Case, language: str, wanted: str = READER_LANGUAGE) -> str | None:
    """The language of the reading copy, or None when the letter is already in it."""
    from ua_letters.cases.model import missing_text

    complete = [tag for tag in case.languages if not missing_text(case, tag)]
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

    found = find(request.case, request.case_dirs)
    case = found.case
    language = choose_language(case, request.lang, request.preferred_lang)
    fmt = choose_format(request)
    if request.letterhead is not None and fmt != "docx":
        raise UserError(f"--letterhead: a letterhead is for DOCX letters, not {fmt}; "
                        "write a .docx (-o letter.docx) or leave it out")
    module = exporter(fmt)
    result = Result()
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
    rendered = letters(request, case, language, copy_language)
    if fmt == "email":
        from ua_letters.exporters.mail import with_email

        rendered, skipped = with_email(case, rendered)
        result.warnings.extend(skipped)
    else:
        result.warnings.extend(too_long(rendered, request.paper))
    data = module.export(rendered, request)
    output = request.output
    if output is None and needs_file(fmt):  # never binary to a terminal: a file named for it
        output = default_name(case, request.to, language, fmt)
    if output is None:
        result.stdout = data
    else:
        from ua_letters.files import write_atomic

        raw = data.encode("utf-8") if isinstance(data, str) else data
        write_atomic(output, raw, force=request.force)
        result.notices.append(f"wrote {output}")
    return result


def too_long(rendered: list[Letter], paper: str | None) -> list[str]:
    """A warning for each printed letter whose personal parts push it past one page."""
    personal = [letter for letter in rendered if letter.writer.note or letter.writer.about]
    if not personal:
        return []
    from ua_letters.exporters.pagefit import overflow
    from ua_letters.exporters.paper import paper_for

    found = (overflow(letter, paper_for(letter.writer.country, paper)) for letter in personal)
    return [message for message in found if message]


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
