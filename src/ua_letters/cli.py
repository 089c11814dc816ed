"""The `ua-letter` command: parses arguments, calls the library, prints. No letter logic here."""

from __future__ import annotations

import functools
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer._click.exceptions import UsageError  # typer >= 0.27 vendors click

from ua_letters.errors import UserError

app = typer.Typer(
    name="ua-letter",
    help="Write Amnesty International Urgent Action appeals: personal, polite, on time.",
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _one_line_usage_error(self, file=None) -> None:
    """Click prints usage and a hint over three lines; users get one line that says it all."""
    where = self.ctx.command_path if self.ctx else "ua-letter"
    typer.echo(f"{where}: error: {self.format_message()} (see --help)", err=True)


UsageError.show = _one_line_usage_error


def command(*args, **kwargs):
    """`app.command` that turns a UserError into one line on stderr and exit code 2."""

    def decorate(function):
        @functools.wraps(function)
        def run(*a, **kw):
            try:
                return function(*a, **kw)
            except UserError as exc:
                for line in str(exc).splitlines() or ["error"]:
                    typer.echo(f"ua-letter: error: {line}", err=True)
                raise typer.Exit(2) from None

        return app.command(*args, **kwargs)(run)

    return decorate


def warn(message: str) -> None:
    typer.echo(f"ua-letter: warning: {message}", err=True)


CasesOption = Annotated[
    list[Path] | None,
    typer.Option("--cases", help="Also look for case files in this folder (repeatable).",
                 file_okay=False),
]
CaseArgument = Annotated[str, typer.Argument(help="UA number (33.23) or path of a case file.")]


@command("cases")
def list_cases(cases: CasesOption = None) -> None:
    """List the cases on the search path: number, person, deadline, languages, targets."""
    from ua_letters.cases import all_cases
    from ua_letters.show import case_table

    found = all_cases(cases, skip_broken=False)
    typer.echo(case_table([f.case for f in found], today=date.today()))


@command("show")
def show(case: CaseArgument, cases: CasesOption = None,
         lang: Annotated[str | None, typer.Option(help="Language to show text in.")] = None
         ) -> None:
    """Show one case: the person, the facts, the demands, and every target with its id."""
    from ua_letters.cases import find
    from ua_letters.show import describe

    found = find(case, cases)
    typer.echo(describe(found.case, found.path, lang, today=date.today()))


@command("validate")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Case files or folders of case files.")],
) -> None:
    """Check case files and report every problem at once; exit 0 when all are good."""
    from ua_letters.cases import case_files
    from ua_letters.errors import ValidationProblems
    from ua_letters.loader import load_case

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(case_files([path]))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"{path}: no such file or folder")
    problems: list[str] = []
    for file in files:
        try:
            load_case(file)
        except ValidationProblems as exc:
            problems.extend(exc.problems)
        except UserError as exc:
            problems.append(str(exc))
    if problems:
        raise ValidationProblems(problems)
    typer.echo(f"{len(files)} case file{'s' if len(files) != 1 else ''} OK")


def _parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--date {value!r}: write the date as YYYY-MM-DD") from None


@command("generate")
def generate(
    case: CaseArgument,
    to: Annotated[str, typer.Option("--to", "-t", help="Target id (see `show`), or 'all'.")],
    lang: Annotated[str | None, typer.Option(
        help="Letter language (en, zh, zh-CN...); default: the case's first preferred one.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Your name, as you sign it.")] = None,
    address: Annotated[str | None, typer.Option(help="Your street address.")] = None,
    city: Annotated[str | None, typer.Option(help="Your town or city.")] = None,
    postcode: Annotated[str | None, typer.Option(help="Your postcode.")] = None,
    country: Annotated[str | None, typer.Option(help="Your country.")] = None,
    email: Annotated[str | None, typer.Option(help="Your email address.")] = None,
    about: Annotated[str | None, typer.Option(
        help='Who you are, in a sentence: "I am a teacher."')] = None,
    note: Annotated[str | None, typer.Option(
        help="A paragraph of your own, printed as written.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (.txt, .docx, .eml) instead of stdout.")
    ] = None,
    format: Annotated[str | None, typer.Option(
        "--format", "-f", help="text, docx or email; default from the -o suffix, else text.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing output file.")] = False,
    width: Annotated[int, typer.Option(
        help="Wrap plain text at this many columns; 0 for no wrapping.", min=0)] = 72,
    with_translation: Annotated[bool, typer.Option(
        help="Add a reading copy in your language after the letter (not to be sent).")
    ] = False,
    paper: Annotated[str | None, typer.Option(
        help="Paper size for DOCX: a4 or letter; default from your country.")] = None,
    variant: Annotated[int | None, typer.Option(
        help="Pick wording variant N instead of the one chosen for your name.", min=0)] = None,
    no_variation: Annotated[bool, typer.Option(
        "--no-variation", help="Use the plain wording, the same for every writer.")] = False,
    template_dir: Annotated[list[Path] | None, typer.Option(
        help="Look for letter templates here first (repeatable).", file_okay=False)] = None,
    on: Annotated[str | None, typer.Option(
        "--date", help="Date the letter YYYY-MM-DD (default: today).")] = None,
    cases: CasesOption = None,
) -> None:
    """Write the letter(s) for one case: plain text on stdout, or a file with -o."""
    from ua_letters import generate as gen

    writer = gen.writer_from(name=name, address=address, city=city, postcode=postcode,
                             country=country, email=email, about=about, note=note)
    request = gen.Request(
        case=case, to=to, lang=lang, writer=writer, today=_parse_date(on),
        output=output, format=format, force=force, width=width,
        with_translation=with_translation, paper=paper, variant=variant,
        vary=not no_variation, template_dirs=template_dir or [], case_dirs=cases or [],
    )
    result = gen.run(request)
    for message in result.warnings:
        warn(message)
    for message in result.notices:
        typer.echo(message, err=True)
    if result.stdout:
        typer.echo(result.stdout, nl=False)


def main() -> None:
    """Entry point of the `ua-letter` script."""
    app(prog_name="ua-letter")
    sys.exit(0)
