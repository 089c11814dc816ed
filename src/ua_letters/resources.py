"""Where the tool finds cases and templates: the user's folders first, shipped ones last."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

APP = "ua-letters"


@cache
def shipped(kind: str) -> Path:
    """The `cases` or `templates` folder shipped with the package (or the source checkout);
    remembered, since a batch asks once per letter."""
    here = Path(__file__).resolve().parent
    inside = here / "_shipped" / kind
    return inside if inside.is_dir() else here.parents[1] / kind


def user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def user_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def case_dirs(extra: list[Path] | None = None) -> list[Path]:
    """--cases DIRs, then ./cases, then the user's data folder, then the shipped cases."""
    dirs = [*(extra or []), Path.cwd() / "cases", user_data_dir() / "cases", shipped("cases")]
    seen, unique = set(), []
    for d in dirs:
        key = os.path.normcase(os.path.abspath(d))
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


def template_dirs(extra: list[Path] | None = None) -> list[Path]:
    """--template-dir DIRs, then the user's config folder, then the shipped templates."""
    return [folder for _, folder in labelled_template_dirs(extra)]


def labelled_template_dirs(extra: list[Path] | None = None) -> list[tuple[str, Path]]:
    """The template search path, each folder with the name users know it by."""
    return [*(("--template-dir", Path(d)) for d in extra or []),
            ("user", user_config_dir() / "templates"), ("shipped", shipped("templates"))]


def template_sources(extra: list[Path] | None = None) -> dict[str, list[tuple[str, Path]]]:
    """Each template name -> every (origin, file) holding it, the one that wins first."""
    found: dict[str, list[tuple[str, Path]]] = {}
    for origin, folder in labelled_template_dirs(extra):
        for file in sorted(folder.glob("*.j2")) if folder.is_dir() else ():
            found.setdefault(file.name, []).append((origin, file))
    return dict(sorted(found.items()))


def copy_template(name: str, dest: Path | None = None, *, force: bool = False) -> Path:
    """Copy a shipped template out to edit: into the user's templates folder by default."""
    from ua_letters.errors import UserError, unknown
    from ua_letters.files import write_atomic

    folder = shipped("templates")
    names = sorted(p.name for p in folder.glob("*.j2"))
    if name not in names and f"letter.{name}.j2" in names:  # 'en' for letter.en.j2
        name = f"letter.{name}.j2"
    if name not in names:
        raise unknown("template", name, names, " among the shipped ones")
    target = dest
    if target is None:  # the user's own templates folder is ours to create
        target = user_config_dir() / "templates"
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the folder {target}: {exc.strerror}") from None
    if target.is_dir():
        target = target / name
    elif not target.suffix:
        raise UserError(f"{target}: no such folder; create it first, or give a file name")
    write_atomic(target, (folder / name).read_bytes(), force=force)
    return target
