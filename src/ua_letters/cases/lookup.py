"""Find cases by UA number or path along the search path."""

from __future__ import annotations

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


def find(name: str, extra_dirs: list[Path] | None = None) -> Found:
    """The case called `name` ('33.23', 'UA 33/23' or a file path)."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            raise UserError(f"{name}: no such case file; check the path")
        return Found(load_case(path), path)
    wanted = ua_id(name)
    dirs = case_dirs(extra_dirs)
    # The conventional file name avoids parsing every case on each run.
    for d in dirs:
        for candidate in (d / f"ua-{wanted}.yaml", d / f"ua-{wanted}.yml"):
            if candidate.is_file():
                case = load_case(candidate)
                if case.id == wanted:
                    return Found(case, candidate)
    known = []
    for found in all_cases(extra_dirs)[0]:
        if found.case.id == wanted:
            return found
        known.append(found.case.id)
    raise unknown("case", name, known)


def all_cases(extra_dirs: list[Path] | None = None) -> tuple[list[Found], list[str]]:
    """Every good case on the search path (an earlier folder hides a later one), and the
    problems of the files that could not be read, so one bad file hides nothing else."""
    found: dict[str, Found] = {}
    problems: list[str] = []
    for path in case_files(case_dirs(extra_dirs)):
        try:
            case = load_case(path)
        except ValidationProblems as exc:
            problems.extend(exc.problems)
            continue
        except UserError as exc:
            problems.append(str(exc))
            continue
        found.setdefault(case.id, Found(case, path))
    return list(found.values()), problems
