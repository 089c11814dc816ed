"""Find a UA's fields in its text: the sections first, then each field inside its section.

The layouts differ (Secretariat PDF, section web pages, network emails, old "further
information" texts), but each has the same landmarks: a summary, TAKE ACTION, the target
blocks, a model letter opening "Dear ...", its list of demands, additional information and
the deadline. What cannot be found stays unknown: a miss is better than a wrong guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ua_letters.errors import UserError
from ua_letters.importer.blocks import (
    care_of_target,
    emails_in_prose,
    region_start,
    region_targets,
    salute,
)
from ua_letters.importer.header import Header, read_header
from ua_letters.importer.letter import (
    LETTER_END,
    read_background,
    read_demands,
    read_facts,
    story_text,
)
from ua_letters.importer.people import Person, find_people
from ua_letters.importer.targets import Target
from ua_letters.importer.words import find, written_in

_LETTER_START = re.compile(r"^\s*(?:Dear\b|(?:(?:His|Her|Your) )?Excellency,? or Dear\b)")


@dataclass
class Parsed:
    header: Header
    people: list[Person]
    targets: list[Target]
    copies: list[Target]
    demands: list[str] = field(default_factory=list)
    demands_guessed: bool = False
    facts: list[str] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    letter_salutation: str | None = None
    truncated: str | None = None  # the last words, when the text stops mid-sentence
    written_in: str = "en"


def parse(text: str, origin: str = "the document") -> Parsed:
    lines = _lines(text)
    joined = "\n".join(lines)
    if not looks_like_ua(joined):
        raise UserError(f"{origin}: does not look like an Urgent Action (no 'Urgent Action', "
                        "UA number or appeal address in it); give the UA itself")
    header = read_header(joined, lines)
    letter = _letter_start(lines)
    targets, copies = region_targets(lines, letter)
    if not targets:
        care_of = care_of_target(lines)
        targets, copies = ([care_of], []) if care_of else \
            emails_in_prose(" ".join(joined.split()))
    salutation = None
    if letter is not None:
        opening = re.match(r"^\s*(.*?\bDear [^,]+)", lines[letter])
        salutation = opening.group(1).strip() if opening else None
        salute(targets, salutation or "")
    demands, guessed = read_demands(lines, letter)
    story = story_text(lines, letter)
    exclude = {t.name for t in [*targets, *copies] if t.name}
    if salutation:
        exclude.add(re.sub(r"^(Dear|His Excellency|Your Excellency)\s+", "", salutation))
    people = find_people(joined, story, exclude)
    if not (header.ua or people or targets or demands):
        raise UserError(f"{origin}: no UA number, person, target or demand found in it; "
                        "give the whole UA (its PDF, page or email)")
    numbers = sorted(set(_UA_NUMBERS.findall(joined)))
    if len(numbers) >= 3 and not (targets or demands):
        raise UserError(f"{origin}: names {len(numbers)} UAs ({', '.join(numbers[:3])}...) and "
                        "no targets or demands of its own: a list of UAs, not one; import "
                        "each UA's own document")
    parsed = Parsed(header, people, targets, copies, demands, guessed,
                    read_facts(lines, letter), read_background(lines), salutation,
                    _truncated(lines), written_in(joined))
    return parsed


_UA_NUMBERS = re.compile(r"\bUA\s*:?\s*(\d{1,3}/\d{2})\b")


def looks_like_ua(text: str) -> bool:
    """An Urgent Action names itself, or at least is Amnesty's and asks for an appeal."""
    if re.search(r"urgent action|\bUA\s*:?\s*\d+\s?[/.]\d|actions? urgentes?|acci[oó]n "
                 r"urgente|Salutation\s*:|modèle de lettre", text, re.IGNORECASE):
        return True
    return "Amnesty International" in text and bool(re.search(
        r"\b(?:release|appeal|urge|prisoner of conscience|detained|death sentence)\b", text))


def _lines(text: str) -> list[str]:
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]", " ", text.replace("\r\n", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    filled = [line for line in lines if line.strip()]
    dashed = [line for line in filled if line.startswith("- ")]
    if filled and len(dashed) > 0.6 * len(filled):  # a paste that made every line a list item
        lines = [line[2:] if line.startswith("- ") else line for line in lines]
    lines = [re.sub(r"opens in a new (?:tab|window)", "", line) for line in lines]
    lines = [re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line).replace("**", "")  # markdown
             for line in lines]
    lines = _join_wide(lines)
    if len(filled) <= 3 and any(len(line) > 1500 for line in filled):
        lines = _unflatten(" ".join(filled))
    return lines


_WIDE = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


def _join_wide(lines: list[str]) -> list[str]:
    """A line break inside Chinese or Japanese text is no space: join the lines."""
    out: list[str] = []
    for line in lines:
        if out and _WIDE.match(line.lstrip()[:1] or " ") and _WIDE.match(out[-1][-1:] or " "):
            out[-1] += line.lstrip()
        else:
            out.append(line)
    return out


def _unflatten(text: str) -> list[str]:
    """A document flattened onto one line: put back the breaks before its landmarks."""
    text = re.sub(r"\s+(URGENT ACTION|TAKE ACTION:|\d\. (?:Write|Click)|(?<!Salutation: )Dear "
                  r"[A-Z][^,]{0,40},)", r"\n\1", text)
    text = re.sub(r"(Dear [A-Z][^,]{0,40},|trying to help\.)\s+", r"\1\n", text)
    text = re.sub(r"(?<=\.)\s+(?=(?:Mr|Ms|Mrs|Dr|His Excellency|Her Excellency|Ambassador|"
                  r"Minister|President|Prosecutor|Attorney) [A-Z]|"
                  r"(?:[A-Z][\w’'-]+ ){2,3}Ambassador [A-Z])", "\n", text)  # two columns
    return text.split("\n")




def _letter_start(lines: list[str]) -> int | None:
    """The model letter's first line: 'Dear ...,' (after 'sample letter:' when labelled)."""
    label = find(lines, re.compile(r"^\s*sample letter\s*:?\s*$", re.IGNORECASE))
    if label is not None:
        return next((i for i in range(label + 1, len(lines)) if lines[i].strip()), None)
    return find(lines, _LETTER_START, start=region_start(lines))


def _truncated(lines: list[str]) -> str | None:
    """The last words, when the text stops in the middle of a sentence ('...her health a')."""
    text = [line.strip() for line in lines if line.strip()]
    if not text:
        return None
    last = text[-1]
    heading = all(w[:1].isupper() or w in ("in", "of", "and", "the", "to") for w in last.split())
    labelled = re.match(r"^[A-Z][\w ]{2,30}: \S+(?: \S+){0,7}$", last)  # 'Preferred language: X'
    if re.fullmatch(r"(?:https?://)?[\w.-]+\.[a-z]{2,}(?:/\S*)?", last):
        return None  # 'amnesty.org': a page's footer, not a sentence cut short
    if not re.search(r"[^\W\d_],?$", last) or (heading and len(last.split()) <= 6) or \
            LETTER_END.search(last) or labelled:
        return None
    return last[-40:]
