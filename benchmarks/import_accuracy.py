"""How well `ua-letter import` reads real UAs: per field, found right, missed or wrong.

    python benchmarks/import_accuracy.py [-v]

Expected values are written by hand in benchmarks/import_expected/*.yaml (facts only); the
documents are read at run time from ../shared/sources (the real texts are not copied into
this repository). For the ua-dev fragments only the text between the BEGIN/END VERBATIM
markers is imported. Goal: at least 90% of the fields a document contains found right, and
no wrong value at all (a miss is better than a wrong guess).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import yaml

from ua_letters.errors import UserError
from ua_letters.importer.parse import parse

HERE = Path(__file__).resolve().parent
# ../shared beside the checkout; for a worktree in wt/NAME, beside wt/
SHARED = next((folder / "shared" / "sources" for folder in (HERE.parents[1], HERE.parents[2])
               if (folder / "shared" / "sources").is_dir()), HERE.parents[1] / "shared" / "sources")
SCALARS = ("ua", "update", "index", "issued", "deadline")
TARGET_FIELDS = ("title", "organisation", "address", "email", "phone", "fax", "web_form",
                 "social", "salutation")


def fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w@+|./-]+", " ", text.replace("’", "'")).split())


class Score:
    def __init__(self) -> None:
        self.right = self.missed = self.wrong = 0
        self.notes: list[str] = []

    def field(self, label: str, expected, found) -> None:
        if expected is None and found in (None, [], ""):
            return
        if expected is None:
            self.wrong += 1
            self.notes.append(f"WRONG  {label}: {found!r} (not in the document)")
        elif found in (None, [], ""):
            self.missed += 1
            self.notes.append(f"missed {label}: {expected!r}")
        elif _same(expected, found):
            self.right += 1
        else:
            self.wrong += 1
            self.notes.append(f"WRONG  {label}: {found!r}, expected {expected!r}")


def _same(expected, found) -> bool:
    if isinstance(expected, list) and isinstance(found, list):
        return sorted(fold(e) for e in expected) == sorted(fold(f) for f in found)
    return fold(expected) == fold(found)


def verbatim(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = re.search(r"<!-- BEGIN VERBATIM TEXT -->\n(.*)<!-- END VERBATIM TEXT -->", text,
                      re.DOTALL)
    return match.group(1) if match else text


def score(expected: dict) -> Score:
    result = Score()
    text = verbatim(SHARED / expected["file"])
    try:
        parsed = parse(text, expected["file"])
    except UserError as exc:
        parsed = None
        result.notes.append(f"refused: {exc}")
    header = parsed.header if parsed else None
    for key in SCALARS:
        found = getattr(header, key) if header else None
        result.field(key, expected.get(key), str(found) if found is not None else None)
    if "preferred" in expected or (header and header.preferred):
        result.field("preferred", expected.get("preferred"), header.preferred if header else [])
    if "own_language" in expected:
        result.field("own_language", expected["own_language"],
                     header.own_language if header else None)
    found_previous = header.previous[0]["url"] if header and header.previous else None
    result.field("previous", expected.get("previous"), found_previous)
    _title(result, expected.get("title"), header.title if header else None)
    _people(result, expected.get("people", []), parsed.people if parsed else [])
    _demands(result, expected.get("demands", []), parsed.demands if parsed else [])
    _recipients(result, "target", expected.get("targets", []), parsed.targets if parsed else [])
    _recipients(result, "copy", expected.get("copies", []), parsed.copies if parsed else [])
    return result


def _title(result: Score, words, title) -> None:
    if words is None:
        result.field("title", None, title)
    elif not title:
        result.field("title", words, None)
    else:
        ok = all(fold(w) in fold(title) for w in words)
        result.field("title", words, words if ok else title)


def _people(result: Score, expected: list, found: list) -> None:
    unmatched = list(found)
    for person in expected:
        match = next((p for p in unmatched if fold(p.name) == fold(person["name"])), None)
        label = f"person {person['name']}"
        result.field(label, person["name"], match.name if match else None)
        if match is None:
            continue
        unmatched.remove(match)
        for key in ("age", "pronouns", "gender", "native_name", "headcount"):
            value = getattr(match, key)
            if key in person or value is not None:
                result.field(f"{label} {key}", person.get(key),
                             str(value) if value is not None else None)
        if "situation" in person:
            allowed, words = set(person["situation"]), set(match.situation)
            if not words:
                result.field(f"{label} situation", sorted(allowed), None)
            else:
                result.field(f"{label} situation", sorted(allowed),
                             sorted(allowed) if words <= allowed else sorted(words))
    for extra in unmatched:
        result.field(f"person {extra.name}", None, extra.name)


def _demands(result: Score, expected: list, found: list) -> None:
    for i, words in enumerate(expected):
        demand = found[i] if i < len(found) else None
        ok = demand is not None and all(fold(w) in fold(demand) for w in words)
        result.field(f"demand {i + 1}", words, words if ok else demand)
    for i in range(len(expected), len(found)):
        result.field(f"demand {i + 1}", None, found[i])


def _recipients(result: Score, kind: str, expected: list, found: list) -> None:
    unmatched = list(found)
    for want in expected:
        match = next((t for t in unmatched if _matches(want, t)), None)
        label = f"{kind} {want.get('name') or want.get('organisation')}"
        if "name" in want:
            result.field(f"{label} name", want["name"], match.name if match else None)
        if match is None:
            for key in TARGET_FIELDS:
                if key in want:
                    result.field(f"{label} {key}", want[key], None)
            continue
        unmatched.remove(match)
        for key in TARGET_FIELDS:
            value, wanted = getattr(match, key), want.get(key)
            if key == "social":
                value = [handle for _, handle in value]
            if key == "address":  # where a flattened text broke the lines is no fact
                value = " ".join(value) or None
                wanted = " ".join(wanted) if wanted else None
            result.field(f"{label} {key}", wanted, value or None)
    for extra in unmatched:
        result.field(f"{kind} {extra.name or extra.title or extra.email}", None,
                     extra.name or extra.title or extra.email)


def _matches(want: dict, target) -> bool:
    if want.get("name") and target.name:
        return fold(want["name"]) in fold(target.name) or fold(target.name) in fold(want["name"])
    if want.get("email") and target.email:
        return bool(set(map(fold, want["email"])) & set(map(fold, target.email)))
    return False


def main() -> int:
    verbose = "-v" in sys.argv
    files = sorted((HERE / "import_expected").glob("*.yaml"))
    total = Score()
    print(f"{'document':<28} {'fields':>6} {'right':>6} {'missed':>6} {'wrong':>6} {'right %':>8}")
    for file in files:
        expected = yaml.safe_load(file.read_text(encoding="utf-8"))
        result = score(expected)
        fields = result.right + result.missed + result.wrong
        total.right += result.right
        total.missed += result.missed
        total.wrong += result.wrong
        share = 100 * result.right / fields if fields else 100
        print(f"{file.stem:<28} {fields:>6} {result.right:>6} {result.missed:>6} "
              f"{result.wrong:>6} {share:>7.0f}%")
        if verbose:
            for note in result.notes:
                print(f"    {note}")
    fields = total.right + total.missed + total.wrong
    print(f"{'all':<28} {fields:>6} {total.right:>6} {total.missed:>6} {total.wrong:>6} "
          f"{100 * total.right / fields:>7.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
