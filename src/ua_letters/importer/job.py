"""The import job: read, parse, write the draft where `ua-letter` looks for cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ua_letters.importer.draft import Report


@dataclass(frozen=True)
class Imported:
    path: Path
    report: Report


def run(source: str, output: Path | None, *, force: bool, today: date) -> Imported:
    from ua_letters.files import write_atomic
    from ua_letters.importer import draft, sources
    from ua_letters.importer.parse import parse

    document = sources.read(source)
    parsed = parse(document.text, document.origin)
    text, report = draft.render(parsed, document.origin, document.url, today)
    path = _destination(output, parsed)
    write_atomic(path, text.encode("utf-8"), force=force)
    return Imported(path, report)


def _destination(output: Path | None, parsed) -> Path:
    from ua_letters.importer.draft import slug

    ua = parsed.header.ua
    if ua:
        name = f"ua-{ua}.yaml"
    else:
        about = parsed.header.title or (parsed.people[0].name if parsed.people else "")
        name = f"ua-draft-{slug(about) or 'unnumbered'}.yaml"
    if output is not None and output.suffix.lower() in (".yaml", ".yml"):
        _make_folder(output.parent, "give another -o")
        return output
    if output is not None:
        _make_folder(output, "give another -o DIR")
        return output / name
    from ua_letters.resources import user_data_dir

    folder = user_data_dir() / "cases"
    _make_folder(folder, "give -o DIR")
    return folder / name


def _make_folder(folder: Path, fix: str) -> None:
    """The draft's folder, created as `batch -o DIR` creates its own."""
    from ua_letters.errors import UserError

    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder; {fix}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder {folder}: {exc.strerror}; {fix}") from None


def table(imported: Imported) -> str:
    """Found and missing fields, then the commands to run next."""
    report = imported.report
    rows = [("found", label, value) for label, value in report.found] + \
        [("missing", label, value) for label, value in report.missing]
    width = max((len(label) for _, label, _ in rows), default=10)
    lines = [f"Draft written: {imported.path}", ""]
    for state, label, value in rows:
        lines.append(f"  {state:<8} {label:<{width}}  {value}")
    path = _quoted(imported.path)
    first = report.target_ids[0] if report.target_ids else "TARGET"
    lines += ["", "Next: fill in every MISSING marker and read each `# check:` line, then",
              f"  ua-letter validate {path}", f"  ua-letter show {path}",
              f"  ua-letter generate {path} --to {first}"]
    return "\n".join(lines)


def _quoted(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if re.search(r"\s", text) else text
