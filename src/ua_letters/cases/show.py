"""Human-readable summaries of cases for `ua-letter cases` and `ua-letter show`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ua_letters.cases.model import TARGET_KINDS, Case, Individual, Recipient, text_in


def _deadline(case: Case, today: date) -> str:
    if case.deadline is None:
        return "no deadline"
    passed = " (passed)" if case.deadline < today else ""
    return f"{case.deadline.isoformat()}{passed}"


def _people(case: Case, language: str) -> str:
    """'Ana Pérez', or 'Ana Pérez + 13 others' when a case names many: rows stay short."""
    names = [text_in(p.name, language) or "?" for p in case.individuals]
    first = names[0] if len(names[0]) <= _PERSON_WIDTH else names[0][:_PERSON_WIDTH - 1] + "…"
    more = sum(p.headcount or 1 if p.kind == "group" else 1 for p in case.individuals[1:])
    return f"{first} + {more} other{'s' if more != 1 else ''}" if more else first


_PERSON_WIDTH = 32


def _targets(case: Case) -> str:
    """Target ids, the first three when there are more."""
    ids = [t.id for t in case.targets]
    more = f" + {len(ids) - 3} more" if len(ids) > 3 else ""
    return ", ".join(ids[:3]) + more


def case_table(cases: list[Case], today: date) -> str:
    """One line per case: number, person, deadline, languages, targets."""
    if not cases:
        return "no cases found; add one with --cases DIR or in ./cases"
    header = ("UA", "PERSON", "DEADLINE", "LANGUAGES", "TARGETS")
    rows = [header] + [
        (case.id, _people(case, "en"),
         "closed: no action" if case.status == "closed" else _deadline(case, today),
         ", ".join(case.languages) + (" or own" if case.own_language else ""),
         _targets(case))
        for case in sorted(cases, key=lambda c: c.id)
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        for row in rows
    )


def _recipient(recipient: Recipient, language: str, indent: str = "  ") -> list[str]:
    name = text_in(recipient.name, language)
    head = f"{recipient.id}: {name or ''}".strip() if recipient.id else (name or "")
    lines = [f"{indent}{head}".rstrip()] if head else []
    inner = indent + "  "
    if recipient.kind != "other":
        lines.append(f"{inner}kind: {recipient.kind}: {TARGET_KINDS[recipient.kind]}")
    for label, text in (("title", recipient.title), ("organisation", recipient.organisation),
                        ("salutation", recipient.salutation)):
        value = text_in(text, language)
        if value:
            lines.append(f"{inner}{label}: {value}")
    if not lines:
        lines.append(inner)
    address = text_in(recipient.address, language)
    if address:
        lines.append(f"{inner}address: " + " / ".join(address.splitlines()))
    for label, values in (("email", recipient.email), ("fax", recipient.fax),
                          ("phone", recipient.phone), ("web form", recipient.web_form)):
        if values:
            lines.append(f"{inner}{label}: {', '.join(values)}")
    if recipient.social:
        handles = ", ".join(f"{s.handle} ({s.platform})" for s in recipient.social)
        lines.append(f"{inner}social: {handles}")
    if recipient.copies:
        lines.append(f"{inner}copies of this letter to:")
        for copy in recipient.copies:
            lines += _recipient(copy, language, inner + "  ")
    return lines


def _person(person: Individual, lang: str) -> list[str]:
    """Name (native name) "alias", pronouns; who they are; situation; facts."""
    name = text_in(person.name, lang)
    native = person.native_name
    extra = f" ({native})" if native and native != name else ""
    alias = text_in(person.alias, lang)
    extra += f' (known as "{alias}")' if alias else ""
    pronouns = f", {person.pronouns}" if person.pronouns else ""
    kind = ""
    if person.kind != "person":
        count = f" of {person.headcount}" if person.headcount else ""
        kind = f" [{person.kind}{count}]"
    lines = [f"{name}{extra}{pronouns}{kind}"]
    for label, text in (("role", person.role), ("", person.description)):
        value = text_in(text, lang)
        if value:
            lines.append(f"  {label + ': ' if label else ''}{value}")
    if person.situation:
        lines.append(f"  situation: {', '.join(person.situation)}")
    for fact in (*person.facts, *person.concerns):
        lines.append(f"  - {text_in(fact, lang)}")
    return lines


def describe(case: Case, path: Path, language: str | None, today: date) -> str:
    """Everything a writer needs to know about one case, in one language."""
    lang = language or case.languages[0]
    lines = [f"{case.label}: {text_in(case.title, lang)}", f"  file: {path}"]
    if case.index:
        lines.append(f"  index: {case.index}")
    lines.append(f"  deadline: {_deadline(case, today)}")
    own = " (or your own language)" if case.own_language else ""
    lines.append(f"  languages: {', '.join(case.languages)}{own}")
    if case.status != "open":
        lines.append(f"  status: {case.status} (Amnesty asks for no further action)")
    if case.facts:
        lines += ["", "The case:"]
        lines += [f"  - {text_in(fact, lang)}" for fact in case.facts]
    for person in case.individuals:
        lines += ["", *_person(person, lang)]
    lines += ["", "Demands:"]
    for i, demand in enumerate(case.demands, 1):
        only = f" [to {', '.join(demand.targets)} only]" if demand.targets else ""
        lines.append(f"  {i}. {text_in(demand.text, lang)}{only}")
    lines += ["", "Targets (use the id with --to):"]
    for target in case.targets:
        lines += _recipient(target, lang)
    if case.copies:
        lines += ["", "Copies to:"]
        for copy in case.copies:
            lines += _recipient(copy, lang)
    for ref in case.previous:
        lines.append(f"\nPrevious UA: {ref.index or ''} {ref.url or ''}".rstrip())
    return "\n".join(lines)
