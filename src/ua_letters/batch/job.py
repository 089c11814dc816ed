"""The `batch` job: a participant list in, every letter rendered, then every file written."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ua_letters.batch.participants import Participant, Problem, grouped, read
from ua_letters.cases.model import Case
from ua_letters.errors import UserError, ValidationProblems
from ua_letters.letters.letter import Letter

EXIT_ROWS_SKIPPED = 3  # distinct from 2 (usage errors): the letters came out, some rows did not
LETTERS = "letters.docx"
MANIFEST = "manifest.csv"
ENVELOPE_SIZES = ("dl", "c5")
LABEL_SHEETS = ("l7160", "5160")
_PROGRESS_FROM = 100  # letters; fewer come out before a bar would be drawn


@dataclass(frozen=True)
class BatchRequest:
    """What the organiser asked for: `envelopes` and `labels` hold a size, or None for none."""

    case: str
    participants: Path
    output: Path
    today: date
    to: str = "all"
    lang: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    separate: bool = False
    envelopes: str | None = None
    labels: str | None = None
    email: bool = True
    duplex: bool = False
    paper: str | None = None
    strict: bool = False
    force: bool = False
    progress: bool = False
    variant: int | None = None
    vary: bool = True
    template_dirs: list[Path] = field(default_factory=list)
    case_dirs: list[Path] = field(default_factory=list)
    letterhead: Path | None = None  # a group's Word document to print the letters on


@dataclass(frozen=True)
class Item:
    """One letter of the batch and where its copies go (paths relative to the output folder)."""

    participant: Participant
    letter: Letter
    file: str
    email_file: str | None = None
    email_letter: Letter | None = None  # when the email names fewer copies than the print


@dataclass
class Batch:
    """Everything decided before the first file is written."""

    case: Case
    items: list[Item]
    problems: list[Problem]
    ignored_columns: list[str]
    too_long: list[str] = field(default_factory=list)  # rows whose note runs past a page
    unreachable: list[str] = field(default_factory=list)  # targets with no postal address
    left_out: list[str] = field(default_factory=list)  # rows whose own words are left out

    def manifest_rows(self) -> list[tuple]:
        rows = []
        for item in self.items:
            who = (item.participant.row, item.letter.writer.name, item.letter.target_id,
                   item.letter.language)
            rows.append((*who, "post", item.file))
            if item.email_file:
                rows.append((*who, "email", item.email_file))
        return rows


def gather(request: BatchRequest) -> Batch:
    """Read and check every row, render every letter, and name every file: nothing written."""
    from ua_letters.cases.lookup import find
    from ua_letters.files import check_writable
    from ua_letters.generate import choose_language, choose_targets, reachable, refuse_closed

    check_writable(request.output)  # a folder nobody can write to fails before any work
    if request.paper:
        from ua_letters.exporters.paper import check_paper

        check_paper(request.paper)  # a mistyped --paper fails before any work is done
    if request.letterhead is not None:
        from ua_letters.exporters.letterhead import load

        load(request.letterhead)  # so does a letterhead that cannot be read
    case = find(request.case, request.case_dirs, request.template_dirs).case
    refuse_closed(case)
    # printed letters need a postal address; a target without one is left out, named
    target_ids, unreachable = reachable(case, choose_targets(case, request.to), "docx",
                                        request.case)
    default_language = choose_language(case, request.lang)
    available = _languages(case, request.template_dirs)
    roster = read(request.participants, columns=request.columns, languages=available)
    if request.strict and roster.problems:
        name = request.participants.name
        raise ValidationProblems([f"{name} {line}" for line in grouped(roster.problems)]
                                 + ["nothing written (--strict): fix these rows and run again"])
    if not roster.participants and not roster.problems:
        raise UserError(f"{request.participants}: no participants below the header row")
    pairs = [(t, p) for t in target_ids for p in roster.participants]  # grouped by target
    letters = _render_all(case, pairs, default_language, request)
    items = _name_files(letters, pairs, request, case)
    return Batch(case, items, roster.problems, roster.ignored_columns,
                 _too_long(items, request.paper, request.letterhead), unreachable,
                 left_out=_left_out(items))


def _too_long(items: list[Item], paper: str | None, letterhead: Path | None) -> list[str]:
    """'row 7 (Jane Doe): ...' for each letter a personal note pushes past one page."""
    from ua_letters.generate import letterhead_page, too_long

    on = letterhead_page(letterhead)
    return [f"row {item.participant.row} ({item.letter.writer.name}): {message}"
            for item in items for message in too_long([item.letter], paper, on)]


def _left_out(items: list[Item]) -> list[str]:
    """'row 7 (Jane Doe): ...' for each row whose own words (about, note) its letters leave
    out, not being in the letters' language, or whose country is not known."""
    from ua_letters.generate import left_out
    from ua_letters.letters.countries import unknown_country

    rows: dict[int, list[Letter]] = {}
    for item in items:
        rows.setdefault(item.participant.row, []).append(item.letter)
    return [f"row {row} ({letters[0].writer.name}): {message}"
            for row, letters in rows.items()
            for message in [*left_out(letters), unknown_country(letters[0].writer.country)]
            if message]


def _languages(case: Case, template_dirs: list[Path]) -> list[str]:
    """Languages a row may ask for: the case has every text in them and a template exists."""
    from ua_letters.letters.context import complete_languages
    from ua_letters.letters.render import template_name
    from ua_letters.resources import template_dirs as search_path

    dirs = search_path(template_dirs)
    return [tag for tag in complete_languages(case)
            if any((d / template_name(tag)).is_file() for d in dirs)]


def _render_all(case: Case, pairs: list[tuple[str, Participant]], default_language: str,
            request: BatchRequest) -> list[Letter]:
    """Every letter, in order; the template, the case's part of the letter and the date as
    each writer's country writes it are prepared once for each target and language, not
    once per writer."""
    from ua_letters.letters.render import letter_maker

    makers = {}
    letters = []
    countries: dict[str, set[str]] = {}  # language -> the countries of its writers
    for _, participant in pairs:
        language = participant.language or default_language
        countries.setdefault(language, set()).add(participant.writer.country)
    for target_id, participant in _steps(pairs, "Rendering letters", request.progress):
        language = participant.language or default_language
        try:
            make = makers.get((target_id, language))
            if make is None:
                make = makers[target_id, language] = letter_maker(
                    case, target_id, language, today=request.today,
                    countries=countries[language],
                    template_dirs_=request.template_dirs, variant=request.variant,
                    vary=request.vary)
            letters.append(make(participant.writer))
        except UserError as exc:
            raise UserError(f"{request.participants.name} row {participant.row}: {exc}") from None
    return letters


def _render(case: Case, target_id: str, participant: Participant, language: str,
            request: BatchRequest, channel: str = "post") -> Letter:
    from ua_letters.letters.render import render

    try:
        return render(case, target_id, participant.writer, language, today=request.today,
                      template_dirs_=request.template_dirs, variant=request.variant,
                      vary=request.vary, channel=channel)
    except UserError as exc:
        raise UserError(f"{request.participants.name} row {participant.row}: {exc}") from None


def _name_files(letters: list[Letter], pairs: list, request: BatchRequest,
                case: Case) -> list[Item]:
    from ua_letters.batch.filenames import UniqueNames

    separate, emails = UniqueNames(), UniqueNames()
    items = []
    for letter, (target_id, participant) in zip(letters, pairs, strict=True):
        stem = f"{participant.writer.name} - {target_id}"
        file = f"letters/{separate.claim(stem, '.docx')}" if request.separate else LETTERS
        email_file = email_letter = None
        if request.email and letter.to and participant.writer.email:
            email_file = f"email/{emails.claim(stem, '.eml')}"
            if not all(copy.email for copy in case.copies_for(target_id)):
                # an email names as cc: only the copies it sends
                email_letter = _render(case, target_id, participant, letter.language, request,
                                       channel="email")
        items.append(Item(participant, letter, file, email_file, email_letter))
    return items


def _steps(items, description: str, show: bool, total: int | None = None):
    """`items`, with a progress bar on stderr when asked and the run is long."""
    total = len(items) if total is None else total
    if not show or total < _PROGRESS_FROM:
        return items
    from rich.console import Console
    from rich.progress import track

    return track(items, description=description, total=total, console=Console(stderr=True),
                 transient=True)


# --- writing ------------------------------------------------------------------------------


def planned_files(batch: Batch, request: BatchRequest) -> list[str]:
    """Every file the batch will create, relative to the output folder, in writing order."""
    files = [LETTERS]
    if request.separate:
        files += [item.file for item in batch.items]
    files += [item.email_file for item in batch.items if item.email_file]
    if request.envelopes:
        files.append("envelopes.docx")
    if request.labels:
        files.append("labels.docx")
    return [*files, MANIFEST]


def write(batch: Batch, request: BatchRequest) -> tuple[list[Path], list[Path]]:
    """Write every output file, all or none: each is built into a hidden temporary, and
    only when all are built are they renamed into place. The folder is claimed for the
    run, and refused before the first file if any planned file exists (or is a link).
    With --force, the files an earlier run listed in its manifest (and its envelopes and
    labels) that this run does not write are removed, so the folder holds this run only.
    Returns (written, removed). Ctrl-C raises `output.Interrupted`, which says what was
    written."""
    from ua_letters.batch.output import OutputFolder

    files = planned_files(batch, request)
    with OutputFolder(request.output, force=request.force) as folder:
        folder.refuse_clashes(files)
        earlier = earlier_files(request.output) if request.force else []
        contents = _contents(batch, request)
        for name, data in _steps(contents, "Writing files", request.progress, total=len(files)):
            folder.stage(name, data)
        written = folder.commit()
        return written, folder.remove([name for name in earlier if name not in files])


def earlier_files(output: Path) -> list[str]:
    """The files an earlier batch wrote in `output`, as its manifest lists them."""
    try:
        text = (output / MANIFEST).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    rows = csv.DictReader(io.StringIO(text))
    named = {_uninert(row.get("file") or "") for row in rows}
    return sorted(name for name in named | {LETTERS, "envelopes.docx", "labels.docx"} if name)


def _uninert(cell: str) -> str:
    """A manifest cell as written before `inert_cell` guarded it."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell


def _contents(batch: Batch, request: BatchRequest):
    """(file name, bytes) for each output, made one at a time to keep memory flat."""
    from ua_letters.exporters.docx import build_docx

    def on_letterhead(data: bytes) -> bytes:
        if request.letterhead is None:
            return data
        from ua_letters.exporters.letterhead import apply

        return apply(data, request.letterhead)

    letters = [item.letter for item in batch.items]
    yield LETTERS, on_letterhead(build_docx(letters, paper=request.paper,
                                            duplex=request.duplex))
    if request.separate:
        for item in batch.items:
            yield item.file, on_letterhead(build_docx([item.letter], paper=request.paper))
    if any(item.email_file for item in batch.items):
        from ua_letters.exporters.mail import drafts_collected, message

        with drafts_collected():
            for item in batch.items:
                if item.email_file:
                    yield item.email_file, message(item.email_letter or item.letter)
    if request.envelopes or request.labels:
        from ua_letters.exporters import envelopes

        if request.envelopes:
            yield "envelopes.docx", envelopes.envelopes(letters, batch.case, request.envelopes)
        if request.labels:
            yield "labels.docx", envelopes.labels(letters, batch.case, request.labels)
    yield MANIFEST, manifest(batch)


def manifest(batch: Batch) -> bytes:
    """manifest.csv: one row per letter and channel, with a BOM so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    table = csv.writer(buffer)
    table.writerow(("row", "writer", "target", "language", "channel", "file"))
    table.writerows(tuple(map(inert_cell, row)) for row in batch.manifest_rows())
    return buffer.getvalue().encode("utf-8-sig")


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """A cell a spreadsheet shows as text: a writer called `=HYPERLINK(...)` or `-2+3`
    would otherwise be evaluated when Excel opens the manifest. A leading apostrophe, as
    OWASP recommends, keeps the value readable and makes it text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# --- reporting ----------------------------------------------------------------------------


def summary(batch: Batch) -> str:
    """A table of letters per target and language, and the rows skipped and why: plain
    text, aligned, the same in a terminal, a log file or an email to the organisers."""
    posted = Counter((i.letter.target_id, i.letter.language) for i in batch.items)
    emailed = Counter((i.letter.target_id, i.letter.language) for i in batch.items
                      if i.email_file)
    rows = [(target, language, str(count), str(emailed[target, language]))
            for (target, language), count in posted.items()]
    total = ("total", "", str(sum(posted.values())), str(sum(emailed.values())))
    writers = len({i.participant.row for i in batch.items})
    skipped = {p.row for p in batch.problems}
    line = f"{_count(writers, 'writer')}; {_count(len(skipped), 'row')} skipped"
    if skipped:
        reasons = Counter(p.field for p in batch.problems)
        line += " (" + ", ".join(f"{f}: {n}" for f, n in reasons.most_common()) + ")"
    if batch.too_long:  # the rows were warned about one by one; here is how many to check
        runs = "runs" if len(batch.too_long) == 1 else "run"
        line += (f"; {_count(len(batch.too_long), 'letter')} {runs} past one page "
                 "(see the warnings above: shorten the note or print two pages)")
    table = _aligned([("target", "language", "letters", "email drafts"), *rows, total])
    rule = "-" * len(table[0])
    return "\n".join([f"{batch.case.label}: letters written", table[0], rule, *table[1:-1],
                      rule, table[-1], line])


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as lines of columns two spaces apart: the first two (names) to the left, the
    counts to the right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.rjust(width) if i > 1 else cell.ljust(width)
                      for i, (cell, width) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in rows]


def without_address(batch: Batch) -> str | None:
    """'rows 3, 8: no postal address ...' when printed letters will carry none: Amnesty asks
    for the writer's address, so that a reply can come."""
    rows = sorted({item.participant.row for item in batch.items
                   if not item.letter.writer.address.strip()})
    if not rows:
        return None
    shown = ", ".join(map(str, rows[:10])) + (f" and {len(rows) - 10} more" if len(rows) > 10
                                              else "")
    return (f"row{'s' if len(rows) > 1 else ''} {shown}: no postal address, so the letters "
            "carry none; add it to the list, or have the writers add it by hand")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
