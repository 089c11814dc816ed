"""Find cases by UA number or path along the search path."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ua_letters.cases.loader import load_case
from ua_letters.cases.model import Case, ua_id
from ua_letters.errors import UserError, ValidationProblems, unknown
from ua_letters.resources import case_dirs


@dataclass(frozen=True)
class Found:
    case: Case
    path: Path


def case_files(dirs: list[Path]) -> list[Path]:
    """Every case file, earlier folders first."""
    files = []
    for d in dirs:
        if d.is_dir():
            files.extend(sorted([*d.glob("*.yaml"), *d.glob("*.yml")]))
    return files


def declared_id(path: Path) -> str | None:
    """The UA number on a case file's top-level `ua:` line, read without parsing the YAML,
    else the one its name gives (`ua-33.23.yaml`), else None: enough to skip the files
    that hold other cases, and to know which case a broken file was meant to be."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    wide = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    text = raw.decode("utf-16" if wide else "utf-8-sig", errors="replace")
    for match in (_UA_LINE.search(text), _UA_NAME.match(path.name)):
        written = match[1].strip().strip("\"'") if match else ""
        if any(char.isdigit() for char in written):  # 'ua: [' says nothing
            return ua_id(written)
    return None


_UA_LINE = re.compile(r"^ua:[ \t]*([^#\n]+)", re.MULTILINE)
_UA_NAME = re.compile(r"^ua-(.+)\.ya?ml$")


def find(name: str, extra_dirs: list[Path] | None = None,
         template_dirs: list[Path] | None = None) -> Found:
    """The case called `name` ('33.23', 'UA 33/23' or a file path).

    One rule, the same as `all_cases`: the first file on the search path (folders in
    order, files by name within a folder) that holds the UA number. Files whose `ua:`
    line names another number are not parsed, so a lookup stays quick."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            raise UserError(f"{name}: no such case file; check the path")
        return Found(load_case(path, template_dirs), path)
    wanted = ua_id(name)
    for candidate in case_files(case_dirs(extra_dirs)):
        declared = declared_id(candidate)
        if declared not in (wanted, None):
            continue
        try:
            case = load_case(candidate, template_dirs)
        except UserError:
            if declared == wanted:
                raise  # the user's case is broken: say how
            continue
        if case.id == wanted:
            return Found(case, candidate)
    known = all_cases(extra_dirs, template_dirs)[0]
    raise unknown("case", name, [found.case.id for found in known])


def all_cases(extra_dirs: list[Path] | None = None,
              template_dirs: list[Path] | None = None) -> tuple[list[Found], list[str]]:
    """Every good case on the search path, and the problems of the files that could not be
    read, so one bad file hides nothing else. A UA number in two files is the first file's
    case (as `find` has it); a second file in the same folder is named among the problems
    (one in a later folder is hidden, as the search path promises)."""
    found: dict[str, Found] = {}
    owner: dict[str, Path] = {}  # the file each UA number comes from, readable or not
    problems: list[str] = []
    for path in case_files(case_dirs(extra_dirs)):
        try:
            case = load_case(path, template_dirs)
        except UserError as exc:
            problems.extend(exc.problems if isinstance(exc, ValidationProblems) else [str(exc)])
            declared = declared_id(path)
            if declared:
                owner.setdefault(declared, path)
            continue
        if case.id in owner:  # an earlier folder's file hides it, as documented
            if owner[case.id].parent == path.parent:  # the same folder: a mistake
                problems.append(duplicate(case.id, path, owner[case.id]))
            continue
        owner[case.id] = path
        found[case.id] = Found(case, path)
    return list(found.values()), problems


def duplicate(case_id: str, path: Path, first: Path) -> str:
    """'b.yaml: UA 90.98 is also in a.yaml, which comes first ...': both files named."""
    if path.parent == first.parent:
        fix = "keep one file per UA: remove one, or correct its ua: number"
    else:
        fix = f"{first.parent} comes first on the search path; remove one to silence this"
    return f"{path}: UA {case_id} is also in {first}, which is used; {fix}"
