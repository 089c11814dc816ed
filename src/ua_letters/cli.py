"""The `ua-letter` command: parses arguments, calls the library, prints. No letter logic here."""

import gc
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from ua_letters.errors import UserError
from ua_letters.terminal import printable


class _OneErrorBoundary(TyperGroup):
    """The app's command group, whose `main` is the one place where an error a user can
    cause (a UserError, or a bad option or missing argument) becomes one line on stderr
    and exit 2, instead of a traceback or click's three-line usage message."""

    def main(self, args=None, prog_name=None, **extra):
        extra["standalone_mode"] = False  # errors come here; typer.Exit gives its code
        try:
            code = super().main(args, prog_name, **extra)
        except UserError as exc:
            for line in str(exc).splitlines() or ["error"]:
                typer.echo(f"ua-letter: error: {printable(line)}", err=True)
            code = 2
        except typer.TyperException as exc:  # click's usage errors: bad option, missing value
            context = getattr(exc, "ctx", None)
            where = context.command_path if context else "ua-letter"
            hint = " (see --help)" if context else ""
            typer.echo(f"{where}: error: {printable(exc.format_message())}{hint}", err=True)
            code = exc.exit_code
        except typer.Abort:
            typer.echo("Aborted!", err=True)
            code = 1
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        """Ctrl-C that no command handles itself still says so (typer would exit 130
        without a word)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            typer.echo("ua-letter: interrupted; files are written whole or not at all, "
                       "so run the command again", err=True)
            raise typer.Exit(130) from None


def _help_when_bare(ctx: typer.Context) -> None:
    """A group run without a command shows its help (on stderr, exit 2: nothing was done)."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(2)


app = typer.Typer(
    name="ua-letter",
    help="Write Amnesty International Urgent Action appeals: personal, polite, on time.",
    cls=_OneErrorBoundary,
    callback=_help_when_bare,
    invoke_without_command=True,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def warn(message: str) -> None:
    typer.echo(f"ua-letter: warning: {printable(message)}", err=True)


CasesOption = Annotated[
    list[Path] | None,
    typer.Option("--cases", help="Also look for case files in this folder (repeatable).",
                 file_okay=False, exists=True, metavar="<folder>"),
]
CaseArgument = Annotated[str, typer.Argument(help="UA number (33.23) or path of a case file.")]
NoVariationOption = Annotated[bool, typer.Option(
    "--no-variation", help="Use the plain wording, the same for every writer.")]
TemplateDirOption = Annotated[list[Path] | None, typer.Option(
    help="Look for letter templates here first (repeatable).", file_okay=False, exists=True,
    metavar="<folder>")]
DateOption = Annotated[str | None, typer.Option(
    "--date", help="Date the letters YYYY-MM-DD (default: today).")]
LetterheadOption = Annotated[Path | None, typer.Option(
    "--letterhead", help="Print DOCX letters on this Word document: its header, footer, "
    "logo, margins and styles.", dir_okay=False)]


@app.command("cases")
def list_cases(cases: CasesOption = None, template_dir: TemplateDirOption = None) -> None:
    """List the cases on the search path: number, person, deadline, languages, targets."""
    from ua_letters.cases.lookup import all_cases
    from ua_letters.cases.show import case_table

    found, problems = all_cases(cases, template_dir)
    for problem in problems:
        warn(f"skipped: {problem}")
    typer.echo(printable(case_table([f.case for f in found], today=date.today())))


@app.command("show")
def show(case: CaseArgument, cases: CasesOption = None,
         lang: Annotated[str | None, typer.Option(help="Language to show text in.")] = None,
         template_dir: TemplateDirOption = None) -> None:
    """Show one case: the person, the facts, the demands, and every target with its id."""
    from ua_letters.cases.lookup import find
    from ua_letters.cases.show import describe

    found = find(case, cases, template_dir)
    typer.echo(printable(describe(found.case, found.path, lang, today=date.today())))


@app.command("validate")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Case files or folders of case files.")],
    template_dir: TemplateDirOption = None,
) -> None:
    """Check case files and report every problem at once; exit 0 when all are good."""
    from ua_letters.cases.loader import check_case
    from ua_letters.cases.lookup import case_files, duplicate
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
    first: dict[str, Path] = {}
    for file in files:
        try:
            case, warnings = check_case(file, template_dir)
            case_id = case.id
            for warning in warnings:
                warn(warning)
        except ValidationProblems as exc:
            problems.extend(exc.problems)
            continue
        except UserError as exc:
            problems.append(str(exc))
            continue
        if case_id in first:
            problems.append(duplicate(case_id, file, first[case_id]))
        first.setdefault(case_id, file)
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


@app.command("generate")
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
        "--output", "-o", help="Write to this file (.txt, .docx, .eml), or into this folder, "
        "instead of stdout (- is stdout).")
    ] = None,
    format: Annotated[str | None, typer.Option(
        "--format", "-f",
        help="text, docx, email or form (text for a web form); default from the -o suffix, "
        "else text.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing output file.")] = False,
    width: Annotated[int, typer.Option(
        help="Wrap plain text at this many columns; 0 for no wrapping.", min=0,
        metavar="<columns>")] = 72,
    with_translation: Annotated[bool, typer.Option(
        help="Add a reading copy in your language after the letter (not to be sent).")
    ] = False,
    paper: Annotated[str | None, typer.Option(
        help="Paper size for DOCX: a4 or letter; default from your country.")] = None,
    variant: Annotated[int | None, typer.Option(
        help="Pick wording variant N instead of the one chosen for your name.", min=0,
        metavar="<n>")] = None,
    envelope: Annotated[bool, typer.Option(
        help="Also write the envelope to print (NAME-envelope.docx beside the letter, DL).")
    ] = False,
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
        today=_parse_date(on), output=None if output == Path("-") else output, format=format,
        force=force, width=width,
        with_translation=with_translation, paper=paper or me.paper, variant=variant,
        vary=not no_variation, template_dirs=template_dir or [], case_dirs=cases or [],
        envelope=envelope,
        letterhead=letterhead,
    )
    result = gen.run(request)
    for message in result.warnings:
        warn(message)
    for message in result.notices:
        typer.echo(printable(message), err=True)
    if result.stdout:
        typer.echo(printable(result.stdout), nl=False)


@app.command("batch")
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
        help='Read a field from another column: note="Why I care" (repeatable).',
        metavar="<field=header>")] = None,
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
    force: Annotated[bool, typer.Option(
        help="Replace existing files in the folder, and remove an earlier run's others.")
    ] = False,
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
    try:
        gathered = job.gather(request)
    except KeyboardInterrupt:
        typer.echo(f"ua-letter: interrupted before writing: nothing written in {output}",
                   err=True)
        raise typer.Exit(130) from None
    warning = deadline_warning(gathered.case, request.today)
    if warning:
        warn(warning)
    if gathered.ignored_columns:
        warn(f"ignored columns: {', '.join(gathered.ignored_columns)} (use --column to read one)")
    for line in grouped(gathered.problems):
        warn(f"{participants.name} {line}; skipped")
    for line in [*gathered.left_out, *gathered.too_long, job.without_address(gathered)]:
        if line:
            warn(f"{participants.name} {line}")
    for line in gathered.unreachable:
        warn(f"{line}; no letters to this target")
    if not gathered.items:
        warn("no letters to write: every row was skipped")
        raise typer.Exit(job.EXIT_ROWS_SKIPPED)
    written, removed = _write_batch(job, gathered, request)
    if not quiet:
        typer.echo(printable(job.summary(gathered)))
    typer.echo(f"wrote {len(written)} files in {output}", err=True)
    if removed:
        typer.echo(f"removed {len(removed)} files of the earlier run there (--force)", err=True)
    if gathered.problems:
        raise typer.Exit(job.EXIT_ROWS_SKIPPED)


def _write_batch(job, gathered, request) -> tuple[list, list]:
    """job.write, and on Ctrl-C a line saying what was and was not written (exit 130)."""
    from ua_letters.batch.output import Interrupted

    try:
        return job.write(gathered, request)
    except Interrupted as exc:
        typer.echo(f"ua-letter: {exc}", err=True)
        raise typer.Exit(130) from None


@app.command("import")
def import_ua(
    source: Annotated[str, typer.Argument(
        help="The UA: a .pdf, .html, .docx, .txt or .eml file, an http(s) URL, or - for "
             "standard input.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder for the draft (default: your cases folder), or a "
                               ".yaml file name.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing draft.")] = False,
) -> None:
    """Turn a UA document into a draft case file, and say what is still missing."""
    from ua_letters.importer import job

    imported = job.run(source, output, force=force, today=date.today())
    typer.echo(job.table(imported))


profile_app = typer.Typer(
    help="Your details, given once and used by every letter (a flag still wins).",
    callback=_help_when_bare, invoke_without_command=True,
)
app.add_typer(profile_app, name="profile")
ProfileKey = Annotated[str, typer.Argument(
    help="name, address, city, postcode, country, email, about, language or paper.")]


@profile_app.command("set")
def profile_set(key: ProfileKey,
                value: Annotated[str, typer.Argument(help="The value, quoted if it has spaces.")]
                ) -> None:
    """Set one detail: `ua-letter profile set name "Jane Doe"`."""
    from ua_letters import profile

    file = profile.set_value(key, value)
    typer.echo(f"{key} saved in {file}", err=True)


@profile_app.command("show")
def profile_show() -> None:
    """Show your profile and where it is kept."""
    from ua_letters import profile

    shown = profile.describe(profile.load())
    typer.echo(shown or 'no details yet: ua-letter profile set name "Your Name"')
    typer.echo(f"({profile.path()})", err=True)


@profile_app.command("unset")
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
SearchedFirstOption = Annotated[list[Path] | None, typer.Option(
    "--template-dir", help="A folder searched before the others, as with generate "
    "(repeatable).", file_okay=False, exists=True, metavar="<folder>")]


@templates_app.callback()
def templates(ctx: typer.Context, template_dir: SearchedFirstOption = None) -> None:
    """List the templates and where each comes from (the first folder holding it wins)."""
    if ctx.invoked_subcommand is None:
        list_templates(template_dir)


@templates_app.command("list")
def list_templates(template_dir: SearchedFirstOption = None) -> None:
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


@templates_app.command("copy")
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
    """Entry point of the `ua-letter` script (and `python -m ua_letters`): one command, with
    which the process ends.

    Python's cycle collector stays off: a command makes hardly any reference cycles (a few
    hundred objects in a 2,000-letter batch), while the objects a batch keeps to its end,
    every letter and its blocks, would be walked again and again to find nothing (about
    0.1 s of such a batch; 10,000 letters peak at about 140 MB either way). Email drafts,
    whose package makes a cycle for every header, are made with it on (mail.drafts_collected).
    What is still alive at the end is frozen, so that the collection Python makes on its way
    out skips it instead of walking every object of every module again."""
    gc.disable()
    try:
        app(prog_name="ua-letter")
    finally:
        gc.freeze()
