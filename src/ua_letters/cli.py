"""The `ua-letter` command: parses arguments, calls the library, prints. No letter logic here."""

import functools
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer._click.exceptions import UsageError  # typer >= 0.27 vendors click

from ua_letters.errors import UserError

_SETTINGS = {
    "name": "ua-letter",
    "help": "Write Amnesty International Urgent Action appeals: personal, polite, on time.",
    "rich_markup_mode": None,
    "no_args_is_help": True,
    "add_completion": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_SETTINGS)


def _one_line_usage_error(self, file=None) -> None:
    """Click prints usage and a hint over three lines; users get one line that says it all."""
    where = self.ctx.command_path if self.ctx else "ua-letter"
    typer.echo(f"{where}: error: {self.format_message()} (see --help)", err=True)


UsageError.show = _one_line_usage_error


def command(*args, group: typer.Typer | None = None, **kwargs):
    """`app.command` (or `group.command`) that turns a UserError into one line on stderr
    and exit code 2."""

    def decorate(function):
        @functools.wraps(function)
        def run(*a, **kw):
            try:
                return function(*a, **kw)
            except UserError as exc:
                for line in str(exc).splitlines() or ["error"]:
                    typer.echo(f"ua-letter: error: {line}", err=True)
                raise typer.Exit(2) from None

        return (group or app).command(*args, **kwargs)(run)

    return decorate


def warn(message: str) -> None:
    typer.echo(f"ua-letter: warning: {message}", err=True)


CasesOption = Annotated[
    list[Path] | None,
    typer.Option("--cases", help="Also look for case files in this folder (repeatable).",
                 file_okay=False),
]
CaseArgument = Annotated[str, typer.Argument(help="UA number (33.23) or path of a case file.")]
NoVariationOption = Annotated[bool, typer.Option(
    "--no-variation", help="Use the plain wording, the same for every writer.")]
TemplateDirOption = Annotated[list[Path] | None, typer.Option(
    help="Look for letter templates here first (repeatable).", file_okay=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", help="Date the letters YYYY-MM-DD (default: today).")]
LetterheadOption = Annotated[Path | None, typer.Option(
    "--letterhead", help="Print DOCX letters on this Word document: its header, footer, "
    "logo, margins and styles.", dir_okay=False)]


@command("cases")
def list_cases(cases: CasesOption = None) -> None:
    """List the cases on the search path: number, person, deadline, languages, targets."""
    from ua_letters.cases.lookup import all_cases
    from ua_letters.cases.show import case_table

    found, problems = all_cases(cases)
    for problem in problems:
        warn(f"skipped: {problem}")
    typer.echo(case_table([f.case for f in found], today=date.today()))


@command("show")
def show(case: CaseArgument, cases: CasesOption = None,
         lang: Annotated[str | None, typer.Option(help="Language to show text in.")] = None
         ) -> None:
    """Show one case: the person, the facts, the demands, and every target with its id."""
    from ua_letters.cases.lookup import find
    from ua_letters.cases.show import describe

    found = find(case, cases)
    typer.echo(describe(found.case, found.path, lang, today=date.today()))


@command("validate")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Case files or folders of case files.")],
) -> None:
    """Check case files and report every problem at once; exit 0 when all are good."""
    from ua_letters.cases.loader import load_case
    from ua_letters.cases.lookup import case_files
    from ua_letters.errors import ValidationProblems

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
    no_variation: NoVariationOption = False,
    template_dir: TemplateDirOption = None,
    on: DateOption = None,
    cases: CasesOption = None,
    letterhead: LetterheadOption = None,
) -> None:
    """Write the letter(s) for one case: plain text on stdout, or a file with -o."""
    from ua_letters import generate as gen
    from ua_letters import profile

    me = profile.load()  # flags win over the profile
    flags = dict(name=name, address=address, city=city, postcode=postcode, country=country,
                 email=email, about=about)
    writer = gen.writer_from(**profile.merged(me, flags), note=note)
    request = gen.Request(
        case=case, to=to, lang=lang, preferred_lang=me.language, writer=writer,
        today=_parse_date(on), output=output, format=format, force=force, width=width,
        with_translation=with_translation, paper=paper or me.paper, variant=variant,
        vary=not no_variation, template_dirs=template_dir or [], case_dirs=cases or [],
        letterhead=letterhead,
    )
    result = gen.run(request)
    for message in result.warnings:
        warn(message)
    for message in result.notices:
        typer.echo(message, err=True)
    if result.stdout:
        typer.echo(result.stdout, nl=False)


@command("batch")
def batch(
    case: CaseArgument,
    participants: Annotated[Path, typer.Argument(
        help="Participant list, .csv or .xlsx: a header row, then one writer a row.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Folder for the letters; created when missing.")],
    to: Annotated[str, typer.Option("--to", "-t", help="Target id (see `show`), or 'all'.")
                  ] = "all",
    lang: Annotated[str | None, typer.Option(
        help="Language of rows without their own; default: the case's first.")] = None,
    column: Annotated[list[str] | None, typer.Option(
        help='Read a field from another column: note="Why I care" (repeatable).')] = None,
    separate: Annotated[bool, typer.Option(
        help="Also write one .docx per letter in letters/.")] = False,
    envelopes: Annotated[bool, typer.Option(help="Write envelopes.docx.")] = False,
    envelope_size: Annotated[str, typer.Option(
        help="dl (220 x 110 mm) or c5 (229 x 162 mm).")] = "dl",
    labels: Annotated[bool, typer.Option(help="Write labels.docx: address labels.")] = False,
    label_sheet: Annotated[str, typer.Option(
        help="l7160 (A4, 3 x 7) or 5160 (US Letter, 3 x 10).")] = "l7160",
    email: Annotated[bool, typer.Option(
        help="Write email/: an .eml draft per writer with an email address, to targets "
             "with one.")] = True,
    duplex: Annotated[bool, typer.Option(
        help="Start each letter on a new sheet, for double-sided printing.")] = False,
    paper: Annotated[str | None, typer.Option(help="Paper size: a4 or letter.")] = None,
    strict: Annotated[bool, typer.Option(
        help="Write nothing when any row has a problem (exit 2).")] = False,
    force: Annotated[bool, typer.Option(help="Replace existing files in the folder.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no summary table.")] = False,
    no_variation: NoVariationOption = False,
    template_dir: TemplateDirOption = None,
    on: DateOption = None,
    cases: CasesOption = None,
    letterhead: LetterheadOption = None,
) -> None:
    """Letters for everyone on a participant list, print-ready and grouped by target.

    Exit status: 0 when every row gave letters; 3 when some rows were skipped (each is
    named on stderr, the rest were written); 2 for a usage error, or any bad row with
    --strict (nothing written).
    """
    from ua_letters.batch import job
    from ua_letters.batch.participants import grouped, parse_columns
    from ua_letters.errors import unknown
    from ua_letters.generate import deadline_warning

    if envelope_size.lower() not in job.ENVELOPE_SIZES:
        raise unknown("envelope size", envelope_size, job.ENVELOPE_SIZES, " (--envelope-size)")
    if label_sheet.lower() not in job.LABEL_SHEETS:
        raise unknown("label sheet", label_sheet, job.LABEL_SHEETS, " (--label-sheet)")
    request = job.BatchRequest(
        case=case, participants=participants, output=output, today=_parse_date(on), to=to,
        lang=lang, columns=parse_columns(column or []), separate=separate,
        envelopes=envelope_size.lower() if envelopes else None,
        labels=label_sheet.lower() if labels else None, email=email, duplex=duplex,
        paper=paper, strict=strict, force=force, progress=not quiet and sys.stderr.isatty(),
        vary=not no_variation, template_dirs=template_dir or [], case_dirs=cases or [],
        letterhead=letterhead,
    )
    gathered = job.gather(request)
    warning = deadline_warning(gathered.case, request.today)
    if warning:
        warn(warning)
    if gathered.ignored_columns:
        warn(f"ignored columns: {', '.join(gathered.ignored_columns)} (use --column to read one)")
    for line in grouped(gathered.problems):
        warn(f"{participants.name} {line}; skipped")
    for line in gathered.too_long:
        warn(f"{participants.name} {line}")
    if not gathered.items:
        warn("no letters to write: every row was skipped")
        raise typer.Exit(job.EXIT_ROWS_SKIPPED)
    written = job.write(gathered, request)
    if not quiet:
        from rich.console import Console

        Console().print(job.summary(gathered))
    typer.echo(f"wrote {len(written)} files in {output}", err=True)
    if gathered.problems:
        raise typer.Exit(job.EXIT_ROWS_SKIPPED)


profile_app = typer.Typer(
    help="Your details, given once and used by every letter (a flag still wins).",
    no_args_is_help=True,
)
app.add_typer(profile_app, name="profile")
ProfileKey = Annotated[str, typer.Argument(
    help="name, address, city, postcode, country, email, about, language or paper.")]


@command("set", group=profile_app)
def profile_set(key: ProfileKey,
                value: Annotated[str, typer.Argument(help="The value, quoted if it has spaces.")]
                ) -> None:
    """Set one detail: `ua-letter profile set name "Jane Doe"`."""
    from ua_letters import profile

    file = profile.set_value(key, value)
    typer.echo(f"{key} saved in {file}", err=True)


@command("show", group=profile_app)
def profile_show() -> None:
    """Show your profile and where it is kept."""
    from ua_letters import profile

    shown = profile.describe(profile.load())
    typer.echo(shown or 'no details yet: ua-letter profile set name "Your Name"')
    typer.echo(f"({profile.path()})", err=True)


@command("unset", group=profile_app)
def profile_unset(key: ProfileKey) -> None:
    """Forget one detail."""
    from ua_letters import profile

    removed = profile.unset(key)
    typer.echo(f"{key} {'removed' if removed else 'was not set'}", err=True)


templates_app = typer.Typer(
    help="Letter templates: which file each letter uses, and copies to edit.",
    invoke_without_command=True,
)
app.add_typer(templates_app, name="templates")
TemplateDirOption = Annotated[list[Path] | None, typer.Option(
    help="A folder searched before the others, as with generate (repeatable).",
    file_okay=False)]


@templates_app.callback()
def templates(ctx: typer.Context, template_dir: TemplateDirOption = None) -> None:
    """List the templates and where each comes from (the first folder holding it wins)."""
    if ctx.invoked_subcommand is None:
        list_templates(template_dir)


@command("list", group=templates_app)
def list_templates(template_dir: TemplateDirOption = None) -> None:
    """List the templates and where each comes from (the first folder holding it wins)."""
    from ua_letters.resources import labelled_template_dirs, template_sources

    typer.echo("Search path, first wins:")
    for origin, folder in labelled_template_dirs(template_dir):
        typer.echo(f"  {origin:<14} {folder}{'' if folder.is_dir() else ' (none yet)'}")
    sources = template_sources(template_dir)
    width = max((len(name) for name in sources), default=0)
    typer.echo("Templates:")
    for name, places in sources.items():
        (origin, file), hidden = places[0], [o for o, _ in places[1:]]
        over = f" (overrides {', '.join(hidden)})" if hidden else ""
        typer.echo(f"  {name:<{width}}  {origin:<14} {file}{over}")


@command("copy", group=templates_app)
def copy_template(
    name: Annotated[str, typer.Argument(help="Template name (letter.en.j2, or just en).")],
    dest: Annotated[Path | None, typer.Argument(
        help="File or folder to copy to; default: your templates folder.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
) -> None:
    """Copy a shipped template out to edit; in your templates folder it replaces the shipped one."""
    from ua_letters.resources import copy_template as copy

    typer.echo(f"copied to {copy(name, dest, force=force)}", err=True)


def main() -> None:
    """Entry point of the `ua-letter` script."""
    _app_for(sys.argv[1:2])(prog_name="ua-letter")
    sys.exit(0)


def _app_for(first: list[str]) -> typer.Typer:
    """The app, or when the first argument names a plain command, an app of that command
    alone: typer builds every command's options before running one, a sixth of the
    start-up of a letter."""
    info = next((c for c in app.registered_commands if [c.name] == first), None)
    if info is None:
        return app
    alone = typer.Typer(**_SETTINGS)
    alone.registered_commands.append(info)
    alone.callback()(_stay_a_group)
    return alone


def _stay_a_group() -> None:
    """Write Amnesty International Urgent Action appeals: personal, polite, on time."""
