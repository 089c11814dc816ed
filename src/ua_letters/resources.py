"""Where the tool finds cases and templates: the user's folders first, shipped ones last."""

from __future__ import annotations

import os
from pathlib import Path

APP = "ua-letters"


def shipped(kind: str) -> Path:
    """The `cases` or `templates` folder shipped with the package (or the source checkout)."""
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
    return [*(extra or []), user_config_dir() / "templates", shipped("templates")]
