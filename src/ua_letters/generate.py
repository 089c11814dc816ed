"""The `generate` job: find the case, pick language and targets, render, export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ua_letters.errors import UserError, unknown
from ua_letters.languages import best_match
from ua_letters.letter import Letter, Writer
from ua_letters.model import Case


@dataclass(frozen=True)
class Request:
    case: str
    to: str
    writer: Writer
    today: date
    lang: str | None = None
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


@dataclass
class Result:
    stdout: str = ""
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def writer_from(**fields: str | None) -> Writer:
    """A Writer from command-line values, refusing what would break a letter or a header."""
    from ua_letters.context import control_characters

    clean = {}
    for key, value in fields.items():
        value = (value or "").strip()
        if control_characters(value):
            raise UserError(f"--{key}: contains control characters; retype the value")
        clean[key] = value
    email = clean.get("email", "")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        raise UserError(f"--email {email!r}: not an email address like name@example.org")
    return Writer(**clean)


def choose_language(case: Case, requested: str | None) -> str:
    """The requested language as the case spells it, or the case's first preferred one."""
    if requested is None:
        return case.languages[0]
    offered = sorted({tag for tag in case.title if tag != "*"} | set(case.languages))
    match = best_match(requested, offered)
    if match is None:
        raise UserError(
            f"{case.label} has no text in {requested!r}; available: {', '.join(offered)}"
        )
    return match


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


def letters(request: Request, case: Case, language: str) -> list[Letter]:
    from ua_letters.render import render

    return [
        render(case, target_id, request.writer, language, today=request.today,
               template_dirs_=request.template_dirs, variant=request.variant,
               vary=request.vary)
        for target_id in choose_targets(case, request.to)
    ]


def run(request: Request) -> Result:
    from ua_letters.cases import find
    from ua_letters.exporters import exporter, format_for_suffix

    found = find(request.case, request.case_dirs)
    case = found.case
    language = choose_language(case, request.lang)
    fmt = request.format or (format_for_suffix(request.output.suffix) if request.output else None)
    if request.output and not fmt:
        raise UserError(
            f"-o {request.output}: cannot tell the format from {request.output.suffix!r}; "
            "use .txt, .docx or .eml, or give --format"
        )
    module = exporter(_known_format(fmt or "text"))
    result = Result()
    warning = deadline_warning(case, request.today)
    if warning:
        result.warnings.append(warning)
    if not request.writer.name:
        result.warnings.append(
            "no writer name given: add --name (and your address), or sign by hand"
        )
    rendered = letters(request, case, language)
    data = module.export(rendered, request)
    if request.output is None and not isinstance(data, str):
        raise UserError("binary output needs -o FILE")
    if request.output is None:
        result.stdout = data
    else:
        from ua_letters.files import write_atomic

        raw = data.encode("utf-8") if isinstance(data, str) else data
        write_atomic(request.output, raw, force=request.force)
        result.notices.append(f"wrote {request.output}")
    return result


def _known_format(name: str) -> str:
    from ua_letters.exporters import FORMATS

    if name not in FORMATS:
        raise unknown("format", name, FORMATS)
    return name
