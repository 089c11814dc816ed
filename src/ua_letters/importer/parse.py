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
from ua_letters.importer.header import Header, read_header
from ua_letters.importer.people import Person, find_people
from ua_letters.importer.targets import (
    EMAIL,
    HONORIFICS,
    ORGANISATION_WORDS,
    TITLE_WORDS,
    Target,
    read_block,
    split_labels,
)
from ua_letters.importer.words import written_in

_LETTER_START = re.compile(r"^\s*(?:Dear\b|(?:(?:His|Her|Your) )?Excellency,? or Dear\b)")
_LETTER_END = re.compile(r"^\s*(?:Yours (?:sincerely|faithfully)|Best regards|Sincerely|"
                         r"Kind regards|Respectfully|Yours truly)\b", re.IGNORECASE)
_URGE = re.compile(r"\b(?:urge|call on|ask|request) you to\s*:?\s*$|"
                   r"^\s*(?:[-•*]\s*)?(?:Calling on|Urging)", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*·▪]|\d+[.)])\s+")
_REGION_END = re.compile(r"^\s*(?:Please check with|PLEASE SEND APPEALS|Downloads?\b|"
                         r"ADDITIONAL INFORMATION|BACKGROUND INFORMATION|Name:|Gender m/f|"
                         r"Also send copies to diplomatic|Further information on UA)",
                         re.IGNORECASE)
_COPIES = re.compile(r"(?:Also send copies to|COPIES (?:OF YOUR APPEALS )?TO|Copies to)\b[^\n]*",
                     re.IGNORECASE)


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
    targets, copies = _targets(lines, letter)
    if not targets:
        targets, copies = _emails_in_prose(" ".join(joined.split()))
    salutation = None
    if letter is not None:
        opening = re.match(r"^\s*(.*?\bDear [^,]+)", lines[letter])
        salutation = opening.group(1).strip() if opening else None
        _salute(targets, salutation or "")
    demands, guessed = _demands(lines, letter)
    story = _story(lines, letter)
    exclude = {t.name for t in [*targets, *copies] if t.name}
    if salutation:
        exclude.add(re.sub(r"^(Dear|His Excellency|Your Excellency)\s+", "", salutation))
    people = find_people(joined, story, exclude)
    if not (header.ua or people or targets or demands):
        raise UserError(f"{origin}: no UA number, person, target or demand found in it; "
                        "give the whole UA (its PDF, page or email)")
    parsed = Parsed(header, people, targets, copies, demands, guessed,
                    _facts(lines, letter), _background(lines), salutation,
                    _truncated(lines), written_in(joined))
    return parsed


def looks_like_ua(text: str) -> bool:
    """An Urgent Action names itself, or at least is Amnesty's and asks for an appeal."""
    if re.search(r"urgent action|\bUA\s*:?\s*\d+\s?[/.]\d|actions? urgentes?|acci[oó]n "
                 r"urgente|Salutation\s*:|modèle de lettre", text, re.IGNORECASE):
        return True
    return "Amnesty International" in text and bool(re.search(
        r"\b(?:release|appeal|urge|prisoner of conscience|detained|death sentence)\b", text))


def _lines(text: str) -> list[str]:
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
                  r"Minister|President|Prosecutor|Attorney) [A-Z])", "\n", text)
    return text.split("\n")


def _find(lines: list[str], pattern: re.Pattern, start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if pattern.search(lines[i]) and not lines[i].lstrip().lower().startswith("salutation"):
            return i
    return None


def _letter_start(lines: list[str]) -> int | None:
    """The model letter's first line: 'Dear ...,' (after 'sample letter:' when labelled)."""
    label = _find(lines, re.compile(r"^\s*sample letter\s*:?\s*$", re.IGNORECASE))
    if label is not None:
        return next((i for i in range(label + 1, len(lines)) if lines[i].strip()), None)
    return _find(lines, _LETTER_START, start=_region_start(lines))


def _region_start(lines: list[str]) -> int:
    """Where the target blocks begin: after the 'let us know' step or a 'write to:' line."""
    start = 0
    for i, line in enumerate(lines):
        if re.search(r"let us know the actions you took|contact information:|"
                     r"(?:write|appeals)\b[^.]*\bto:\s*$|PLEASE SEND APPEALS TO|"
                     r"^\s*TAKE ACTION\b.*(?:MODEL LETTER|OWN WORDS)", line, re.IGNORECASE):
            start = i + 1
            if "let us know" in line.lower():
                break
    return start


def _targets(lines: list[str], letter: int | None) -> tuple[list[Target], list[Target]]:
    start = _region_start(lines)
    if start == 0 and letter is not None:
        start = _block_above(lines, letter)
    end = letter if letter is not None else len(lines)
    region = lines[start:end]
    if (letter is not None and start > 0) or (letter is None and start > 0):
        for i, line in enumerate(region):
            if _REGION_END.search(line) or (letter is None and _paragraph(line)):
                region = region[:i] if not _COPIES.search(line) else region
                if _REGION_END.search(line):
                    break
    else:
        return [], []
    copies_at = next((i for i, line in enumerate(region) if _COPIES.search(line)), None)
    target_lines = region if copies_at is None else region[:copies_at]
    copy_lines = [] if copies_at is None else region[copies_at + 1:]
    for i, line in enumerate(copy_lines):
        if _REGION_END.search(line) or _paragraph(line) or (len(line) > 60 and
                                                            line.rstrip().endswith(".")):
            copy_lines = copy_lines[:i]
            break
    targets = []
    for block in _blocks(target_lines):
        target = read_block(block)
        targets += [target, target.partner] if target.partner else [target]
    copies = [read_block(block) for block in _blocks(copy_lines)]
    targets = [t for t in targets if t.name or t.title or t.has_channel() or t.tangled]
    copies = [c for c in copies if c.name or c.title or c.organisation or c.has_channel()]
    for target in targets:
        for email in target.copy_emails:
            copies.append(Target(email=[email]))
    return targets, copies


def _block_above(lines: list[str], letter: int) -> int:
    """Without a landmark before them, the target lines are the short ones right above
    the letter's 'Dear ...'."""
    start = letter
    for i in range(letter - 1, -1, -1):
        line = lines[i].strip()
        if line and (len(line) > 90 or line.endswith(".") or re.match(r"^[A-Z :]{12,}$", line)):
            break
        start = i
    return start if start < letter else 0


def _emails_in_prose(flat: str) -> tuple[list[Target], list[Target]]:
    """A page that names no target block but says where to send the email ('... to
    presidence@example.org, with a copy to embassy@example.org'): the addresses alone."""
    targets: list[Target] = []
    copies: list[Target] = []
    for match in EMAIL.finditer(flat):
        before = flat[max(0, match.start() - 60):match.start()].lower()
        if re.search(r"amnesty|aiusa", match.group(0), re.IGNORECASE) or \
                re.search(r"cach|bcc|cci|let us know|report|press|media", before):
            continue
        found = Target(email=[match.group(0)])
        found.checks["email"] = "found in a sentence of the UA, not in an address block"
        (copies if re.search(r"\bcop(?:y|ie|ies)\b|\bcc\b", before) else targets).append(found)
    return targets, copies


def _paragraph(line: str) -> bool:
    """A line of running prose (the story), not part of an address block."""
    return len(line) > 150 and line.count(". ") >= 2 and "Email:" not in line


def _blocks(region: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in region:
        if not line.strip():
            continue
        current = blocks[-1]
        if current and _complete(current) and _starts_block(line):
            blocks.append([])
        blocks[-1].append(line)
        if line.lstrip().lower().startswith("salutation"):
            blocks.append([])
    return [block for block in blocks if block]


def _complete(block: list[str]) -> bool:
    return len(block) >= 4 or any(
        len(line) > 60 or re.search(r"\d", line) or split_labels(line)[-1][0] for line in block)


def _starts_block(line: str) -> bool:
    text = line.strip()
    head = split_labels(text)[0]
    if head[0] is not None:
        return False
    if len(head[1]) > 60:  # a whole block on one line
        text = head[1]
    elif re.search(r"\d", text):
        return False
    return bool(HONORIFICS.match(text) or TITLE_WORDS.match(text) or
                re.search(r"\bEmbassy\b", text) or
                (ORGANISATION_WORDS.match(text) and len(text.split()) <= 8))


def _salute(targets: list[Target], line: str) -> None:
    """Give a target without a 'Salutation:' line the letter's own 'Dear ...', when its
    words are the target's title or name ('Dear Secretary Ma' for Secretary Ma Xingrui)."""
    for part in re.split(r",?\s+or\s+", line.strip().rstrip(",")):
        part = part.strip().rstrip(",")
        if not part.startswith("Dear "):
            continue
        words = [w for w in part[5:].split() if w not in ("and",)]
        for target in targets:
            if target.salutation:
                continue
            known = f"{target.title or ''} {target.name or ''}"
            if words and all(re.search(rf"\b{re.escape(w)}\b", known) for w in words):
                target.salutation = part
                break


def _demands(lines: list[str], letter: int | None) -> tuple[list[str], bool]:
    start = _find(lines, _URGE, start=letter or 0)
    if start is not None:
        demands: list[str] = []
        first = lines[start]
        inline = re.match(r"^\s*(?:[-•*]\s*)?(?:Calling on|Urging)", first, re.IGNORECASE)
        kind = None
        for line in lines[start if inline else start + 1:]:
            marker = _BULLET.match(line)
            if marker:  # '1) Please write...' after '• Calling on...' is no demand
                this = "number" if re.match(r"\s*\d", marker.group(0)) else "bullet"
                if kind and this != kind:
                    break
                kind = this
            if not line.strip():
                if demands and not demands[-1].endswith(("and", ",")):
                    continue
                continue
            if _LETTER_END.search(line) or re.match(r"^[A-Z ]{12,}$", line.strip()):
                break
            if _BULLET.match(line) or re.match(r"^\s*(?:Calling on|Urging|Reminding)", line):
                demands.append(_BULLET.sub("", line).strip())
            elif (demands and line[:1].islower()) or (demands and not demands[-1].rstrip()\
                    .endswith((";", "."))):
                demands[-1] += " " + line.strip()
            elif demands:
                break
        if demands:
            return [_tidy_demand(d) for d in demands], False
    return _inline_demand(lines, letter)


def _inline_demand(lines: list[str], letter: int | None) -> tuple[list[str], bool]:
    """A letter that asks in one sentence: 'I urge you to immediately release X and ...'."""
    if letter is None:
        return [], False
    flat = " ".join(line.strip() for line in lines[letter:])
    match = re.search(r"\bI (?:urge|call on) you to ([^.]+)\.|\bI am writing to (?:ask you to|"
                      r"demand|call for) ([^.,;]+)", flat)
    if not match:
        return [], False
    demand = match.group(1) or match.group(2)
    release = re.match(r"the (immediate and unconditional |immediate |unconditional )?release "
                       r"of (.+)$", demand)
    if release:  # 'the immediate release of X' -> 'Release X immediately'
        how = " and ".join(f"{word.strip()}ly" for word in (release.group(1) or "").split(" and ")
                           if word.strip())
        demand = f"Release {release.group(2)}" + (f" {how}" if how else "")
    return [_tidy_demand(demand)], True


def _tidy_demand(text: str) -> str:
    """One demand as a letter asks it: 'calling on the authorities to release X;' ->
    'Release X'."""
    text = " ".join(text.split()).rstrip(";,. ")
    text = re.sub(r"^(?:calling on|urging|asking) (?:the (?:[\w-]+ )?authorities|them) to ", "",
                  text, flags=re.IGNORECASE)
    text = re.sub(r"\s*(?:;|,)?\s+and$", "", text)
    return text[:1].upper() + text[1:]


def _story(lines: list[str], letter: int | None) -> str:
    """The summary and the letter (the background is about more than the person)."""
    end = _find(lines, re.compile(r"^\s*(?:ADDITIONAL|BACKGROUND) INFORMATION\b"))
    return "\n".join(lines[:end] if end is not None else lines)


_FIRST_PERSON = re.compile(r"\b(?:I|We|we|my|My|our|Our|me|us)\b|\b(?:must|should|urge|call on)\b")


def _facts(lines: list[str], letter: int | None) -> list[str]:
    """Sentences of the model letter, without its first-person framing and its demands;
    without a letter, those of the summary."""
    if letter is None:
        return _summary_facts(lines)
    end = _find(lines, _URGE, start=letter)
    closing = _find(lines, _LETTER_END, start=letter)
    stop = min(x for x in (end, closing, len(lines)) if x is not None)
    body = " ".join(line.strip() for line in lines[letter + 1:stop] if line.strip())
    first = lines[letter]
    inline = re.sub(r"^\s*Dear [^,]+,\s*", "", first) if first.count(",") and \
        len(first) > 80 else ""
    body = f"{inline} {body}".strip()
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", body)
    facts = [s for s in sentences if s and not _FIRST_PERSON.search(s) and
             s.rstrip().endswith((".", "!", "?", "”", '"'))]
    return facts


def _summary_facts(lines: list[str]) -> list[str]:
    stop = re.compile(r"^\s*(?:TAKE ACTION|RECOMMENDED ACTION|ADDITIONAL INFORMATION|BACKGROUND "
                      r"INFORMATION|PLEASE SEND|\d[.)] )", re.IGNORECASE)
    end = _find(lines, stop)
    paragraphs, current = [], []
    for line in lines[:end] if end is not None else lines:
        if re.fullmatch(r"[A-Z0-9 :,;'\"’“”-]{4,}", line.strip()):
            continue  # a heading
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    paragraphs.append(" ".join(current))
    prose = " ".join(p for p in paragraphs if len(p) > 100 and p.count(". ") + 1 >= 2)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", prose)
    return [s for s in sentences if s and not _FIRST_PERSON.search(s) and s.endswith(".")]


def _background(lines: list[str]) -> list[str]:
    start = _find(lines, re.compile(r"^\s*(?:ADDITIONAL|BACKGROUND) INFORMATION\b"))
    if start is None:
        return []
    paragraphs, current = [], []
    for line in lines[start + 1:]:
        if re.match(r"^\s*(?:PREFERRED LANGUAGE|PLEASE TAKE ACTION|PLEASE SEND|NAME AND PRONOUN|"
                    r"RECOMMENDED ACTION)", line, re.IGNORECASE):
            break
        if line.strip() and not current and len(line) < 80 and not line.rstrip().endswith(
                (".", ":")) and paragraphs:
            break  # 'About Xinjiang': the UA's general background starts; the case's ends
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in paragraphs if len(p) > 80 and p.rstrip().endswith((".", "”", '"'))]


def _truncated(lines: list[str]) -> str | None:
    """The last words, when the text stops in the middle of a sentence ('...her health a')."""
    text = [line.strip() for line in lines if line.strip()]
    if not text:
        return None
    last = text[-1]
    heading = all(w[:1].isupper() or w in ("in", "of", "and", "the", "to") for w in last.split())
    if not re.search(r"[^\W\d_],?$", last) or (heading and len(last.split()) <= 6) or \
            _LETTER_END.search(last):
        return None
    return last[-40:]
