"""The draft case file: the keys of the case model, `# check:` on every guess and the
`[MISSING: ...]` marker wherever the UA did not give what a letter needs.

Written by hand rather than dumped, so that the comments sit beside the values they are
about; each value is quoted by PyYAML.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ua_letters.importer.letter import demand_check
from ua_letters.importer.parse import Parsed
from ua_letters.importer.targets import Target
from ua_letters.importer.when import dated
from ua_letters.importer.words import with_article

_CHECK_FACTS = "sentences of the UA's letter or summary; keep what a letter should state"


def missing(what: str) -> str:
    """The case model's marker; its text must not close it early with a ']'."""
    return "[MISSING: " + what.replace("[", "(").replace("]", ")") + "]"


@dataclass
class Report:
    """What the table after an import shows."""

    found: list[tuple[str, str]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)


def scalar(value) -> str:
    import yaml

    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    return dumped.removesuffix("\n").removesuffix("\n...")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + f"# {text}")

    def key(self, name: str, value, indent: int = 0, check: str | None = None,
            item: bool = False) -> None:
        lead = " " * indent + ("- " if item else "")
        note = f"  # check: {check}" if check else ""
        if isinstance(value, str) and "\n" in value:
            self.lines.append(f"{lead}{name}: |-{note}")
            self.lines.extend(" " * (indent + (4 if item else 2)) + line
                              for line in value.split("\n"))
        else:
            self.lines.append(f"{lead}{name}: {scalar(value)}{note}")

    def item(self, text: str, indent: int, issued: date | None) -> None:
        """A list's text, its time words written out against the UA's issue date, or
        named in a `# check:`."""
        when = dated(text, issued)
        note = f"  # check: {when.check}" if when.check else ""
        self.lines.append(f"{' ' * indent}- {scalar(when.text)}{note}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def render(parsed: Parsed, origin: str, url: str | None, today: date) -> tuple[str, Report]:
    header, out, report = parsed.header, _Writer(), Report()
    ua = header.ua
    out.comment(f"Draft case{' for UA ' + ua if ua else ''}, imported from {origin} on "
                f"{today.isoformat()} by `ua-letter import`.")
    out.comment("Read it against the UA before writing letters: `# check:` marks a guess, a")
    out.comment("MISSING marker what the UA did not give. Fill those in; `ua-letter validate`")
    out.comment("lists what is left, and `generate` refuses the case until nothing is.")
    if parsed.truncated:
        out.comment(f"The text stops mid-sentence (\"...{parsed.truncated}\"): it is not the "
                    "whole UA; the rest is missing.")
        report.missing.append(("whole text", f"stops at \"...{parsed.truncated}\""))
    if parsed.written_in != "en":
        language = _language_name(parsed.written_in)
        out.comment(f"This UA is written in {language}: the texts taken from it are in "
                    f"{language}. Translate them for an English letter.")
        report.missing.append(("English text", f"the UA is in {language}"))
    out.key("ua", ua or missing("the UA number, as 33.23"))
    _row(report, "UA number", ua)
    if header.update:
        out.key("update", header.update)
        _row(report, "update", str(header.update))
    elif header.is_update:
        out.comment("an update (\"further information\") to an earlier UA; add `update: N` "
                    "when you know its number")
    if header.index:
        out.key("index", header.index)
    _row(report, "Amnesty index", header.index)
    title = dated(header.title or "", header.issued)
    checks = ["written in capitals in the UA; check the capitals"] if header.title_guessed else \
        ["the email's subject, which does not name the UA; is it its title?"] \
        if header.title_from_subject else []
    out.key("title", title.text or missing("the UA's title"),
            check="; ".join([*checks, title.check] if title.check else checks) or None)
    _row(report, "title", header.title)
    for name, value in (("issued", header.issued), ("deadline", header.deadline)):
        if value:
            guessed = name == "deadline" and header.deadline_guessed
            out.key(name, value, check="the UA gives no year; the year it was issued"
                    if guessed else None)
        elif name == "deadline" and header.deadline_unclear:
            out.comment(f"deadline: the UA writes {header.deadline_unclear}, which reads as "
                        "day/month or month/day; add it as YYYY-MM-DD")
        else:
            out.comment(f"{name}: not in the UA; add it as YYYY-MM-DD if you know it")
        _row(report, name + " date" if name == "issued" else name,
             value.isoformat() if value else None)
    if header.closed:
        out.key("status", "closed", check="the UA says no further action is requested")
        report.found.append(("status", "closed: no further action requested"))
    else:
        out.key("status", "open")
    _languages(out, report, parsed)
    if header.previous:
        out.lines.append("previous:")
        for entry in header.previous:
            out.key("url", entry["url"], indent=2, item=True)
            if "index" in entry:
                out.key("index", entry["index"], indent=4)
    if url:
        out.lines.append("source:")
        out.key("url", url, indent=2)
    single = len([p for p in parsed.people if p.kind == "person"]) == 1 and \
        len(parsed.people) == 1
    if parsed.facts and not single:
        out.lines.append(f"facts:  # check: {_CHECK_FACTS}")
        for fact in parsed.facts:
            out.item(fact, 2, header.issued)
    _people(out, report, parsed, single)
    if parsed.background:
        out.lines.append("background:  # check: the UA's additional information; shorten it")
        for paragraph in parsed.background:
            out.item(paragraph, 2, header.issued)
    _demands(out, report, parsed)
    _recipients(out, report, parsed)
    return out.text(), report


def _row(report: Report, label: str, value: str | None, why: str = "not in the UA") -> None:
    if value:
        report.found.append((label, value))
    else:
        report.missing.append((label, why))


def _languages(out: _Writer, report: Report, parsed: Parsed) -> None:
    header = parsed.header
    preferred = header.in_order or header.preferred + header.unknown_languages
    if preferred and preferred != ["en"]:
        names = [_language_name(t) for t in preferred]
        listed = " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
        out.comment(f"The UA prefers letters in {listed}; this draft is in English only.")
        for line in _how_to_add([t for t in header.preferred if t != "en"]):
            out.comment(line)
        for name in header.unknown_languages:
            out.comment(f"{name}: look up its language tag (as de for German) to add it so.")
    out.key("languages", ["en"])
    out.key("own_language", header.own_language)
    _row(report, "preferred languages", ", ".join(preferred) or None)


def _how_to_add(tags: list[str]) -> list[str]:
    """How to write the case's letters in each other language the UA prefers: a template
    for it (shipped, or one of the user's own), then the case's texts in it."""
    from ua_letters.resources import template_sources

    templates = template_sources()
    lines = []
    for tag in tags:
        name = _language_name(tag)
        if f"letter.{tag}.j2" not in templates:
            lines.append(f"{name} has no letter template yet: `ua-letter templates copy en` "
                         f"puts letter.en.j2 in your templates folder; translate it there as "
                         f"letter.{tag}.j2.")
        lines.append(f"To write in {name}, add {tag} to languages and give every text as "
                     f"{{en: ..., {tag}: ...}}.")
    return lines


def _language_name(tag: str) -> str:
    from babel import Locale

    return Locale("en").languages.get(tag, tag)


def _people(out: _Writer, report: Report, parsed: Parsed, single: bool) -> None:
    out.lines.append("individuals:")
    if not parsed.people:
        out.key("name", missing("who the UA is about: a name, or a group such as 'seven "
                                "activists' with kind: group and headcount"), indent=2, item=True)
        report.missing.append(("people at risk", "no name found"))
        return
    for person in parsed.people:
        out.key("name", person.name, indent=2, item=True, check=person.check)
        if person.kind != "person":
            out.key("kind", person.kind, indent=4)
        for key in ("native_name", "alias", "pronouns", "gender", "age", "headcount", "role"):
            value = getattr(person, key)
            if key == "role" and value:
                value = with_article(value)
            if value is not None:
                out.key(key, value, indent=4)
            elif key == "gender" and person.gender_hint:
                word = "she/her" if person.gender_hint == "female" else "he/him"
                out.lines.append(f"    # gender: {person.gender_hint}  # check: the UA calls "
                                 f"them {word}; uncomment for letters that say so too")
            elif key == "gender" and person.kind == "person" and not person.pronouns:
                out.lines.append("    # pronouns: they/them  # check: the UA does not say; "
                                 "letters say 'they'/'their' until you set she/her or he/him")
        if person.situation:
            out.key("situation", person.situation, indent=4,
                    check="read from the UA's wording; keep only what it says")
        if single and parsed.facts:
            out.lines.append(f"    facts:  # check: {_CHECK_FACTS}")
            for fact in parsed.facts:
                out.item(fact, 6, parsed.header.issued)
        details = [f"{k} {getattr(person, k)}" for k in ("age", "pronouns") if getattr(person, k)]
        report.found.append(("person" if person.kind == "person" else person.kind,
                             person.name + (f" ({', '.join(details)})" if details else "")))


def _demands(out: _Writer, report: Report, parsed: Parsed) -> None:
    check = "from the letter's one request; split it if it asks several things" \
        if parsed.demands_guessed else None
    out.lines.append("demands:" + (f"  # check: {check}" if check else ""))
    for demand in parsed.demands or [missing("what the UA asks for, one demand an entry")]:
        when = dated(demand, parsed.header.issued)
        out.key("text", when.text, indent=2, item=True,
                check=demand_check(when.text) or when.check)
    _row(report, "demands", f"{len(parsed.demands)}" if parsed.demands else None)


def _recipients(out: _Writer, report: Report, parsed: Parsed) -> None:
    out.lines.append("targets:")
    targets = parsed.targets or [Target()]
    used: set[str] = set()
    for number, target in enumerate(targets, 1):
        ident = _identifier(target, number, used)
        report.target_ids.append(ident)
        _recipient(out, report, target, ident, is_target=True)
    if parsed.copies:
        out.lines.append("copies:")
        for number, copy in enumerate(parsed.copies, 1):
            _recipient(out, report, copy, _identifier(copy, number, used, "copy"),
                       is_target=False)


def _identifier(target: Target, number: int, used: set[str], prefix: str = "target") -> str:
    base = slug(target.name or target.title or target.organisation or "") or f"{prefix}-{number}"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def _kind(target: Target) -> str:
    words = f"{target.title or ''} {target.organisation or ''}"
    if re.search(r"Ambassador|Embassy|Consul|High Commission", words):
        return "diplomat"
    if re.search(r"United Nations|\bUN\b|Special Rapporteur|\bOAS\b|African Union", words):
        return "intergovernmental"
    if re.search(r"Minister|President|Prosecutor|Governor|Secretary|Head|Judge|Attorney|Police|"
                 r"Chief|Director|Commissioner|Mayor|King|Premier|Chancellor", words):
        return "authority"
    return "other"


def _recipient(out: _Writer, report: Report, target: Target, ident: str, is_target: bool) -> None:
    label = target.name or target.title or target.organisation or ident
    who = "target" if is_target else "copy"
    out.key("id", ident, indent=2, item=True)
    if target.tangled:
        out.comment("two columns of the PDF ran together here; the UA's other targets share "
                    "these lines. Fill in from the PDF.", indent=4)
    kind = _kind(target)
    if is_target or kind != "other":
        out.key("kind", kind, indent=4, check="what this official can do for the case")
    if target.name:
        out.key("name", target.name, indent=4, check=target.checks.get("name"))
    elif is_target or not (target.title or target.organisation):
        out.key("name", missing(("the official's name; the UA gives only the title" if
                                 target.title else "the official's name") if is_target else
                                "who gets this copy: a name, title or organisation"), indent=4)
        report.missing.append((f"{who} {label}", "name"))
    if target.title:
        out.key("title", target.title, indent=4)
    honorific = re.match(r"Dear (\w+)( General\b)?", target.salutation or "")  # 'Director General'
    if honorific and re.fullmatch(r"Minister|President|Secretary|Prosecutor|Ambassador|Governor|"
                                  r"Director|Commissioner|Judge|Counsel(?:l?or)?|Excellency|"
                                  r"Attorney", honorific.group(1)) and \
            (honorific.group(2) or honorific.group(1) != "Attorney"):
        out.key("honorific", honorific.group(0)[5:], indent=4)
    if target.organisation:
        out.key("organisation", target.organisation, indent=4)
    if is_target:
        out.key("salutation", target.salutation or missing("salutation, as Dear Minister"),
                indent=4)
        if not target.salutation:
            report.missing.append((f"{who} {label}", "salutation"))
    if target.address:
        out.key("address", "\n".join(line.rstrip(",") for line in target.address), indent=4,
                check=target.checks.get("address"))
    elif is_target:
        out.key("address", missing("postal address; or delete this line to write by email or "
                                   "web form only"), indent=4)
        report.missing.append((f"{who} {label}", "postal address"))
    emails = list(target.email)
    if target.hidden_emails:
        emails += [missing("email address: the saved page hid it ('email protected'); copy "
                           "it from the UA's PDF or the live page")] * target.hidden_emails
        report.missing.append((f"{who} {label}",
                               f"{target.hidden_emails} email address(es) hidden by the page"))
    for key, values in (("email", emails), ("phone", target.phone), ("fax", target.fax),
                        ("web_form", target.web_form)):
        if values:
            out.key(key, values[0] if len(values) == 1 else values, indent=4,
                    check=target.checks.get(key))
    if target.social:
        out.lines.append("    social:")
        for platform, handle in target.social:
            out.key("platform", platform, indent=6, item=True)
            out.key("handle", handle, indent=8)
    if target.copy_emails:  # 'CC:' in a target's block: copies of the letter to it only
        out.lines.append("    copies:")
        for number, email in enumerate(target.copy_emails, 1):
            out.key("id", f"{ident}-copy-{number}", indent=6, item=True)
            out.key("name", missing("who gets this copy: a name, title or organisation"),
                    indent=8)
            out.key("email", email, indent=8)
        report.missing.append((f"{who} {label}", "who its copies (CC) go to"))
    channels = [k for k in ("address", "email", "phone", "fax", "web_form", "social")
                if getattr(target, k)]
    report.found.append((who, f"{label}: {', '.join(channels) or 'no channel'}"))
