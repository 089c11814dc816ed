"""Where the targets are: the lines between the UA's 'TAKE ACTION' step (or 'write to:')
and the model letter, cut into one block per official, with the copies after 'copies to'."""

from __future__ import annotations

import re

from ua_letters.importer.targets import (
    EMAIL,
    HONORIFICS,
    ORGANISATION_WORDS,
    TITLE_WORDS,
    Target,
    read_block,
    side_by_side,
    split_labels,
)

_REGION_END = re.compile(r"^\s*(?:Please check with|PLEASE SEND APPEALS|Downloads?\b|"
                         r"ADDITIONAL INFORMATION|BACKGROUND INFORMATION|Gender m/f|"
                         r"Name:.*\bGender m/f|"
                         r"Also send copies to diplomatic|Further information on UA|"
                         r"Sample letter\s*:?\s*$|Background\s*$|.*\b(?:ask|urge|call on) "
                         r"(?:the|them|the \w+ authorities)\b[^.]*\bto:\s*$)",
                         re.IGNORECASE)


_COPIES = re.compile(r"(?:Also send copies to|COPIES (?:OF YOUR APPEALS )?TO|Copies to)\b[^\n]*",
                     re.IGNORECASE)


_TARGETS_NEXT = re.compile(
    r"let us know the actions you took|contact information:|"  # 'write ... to:', not 'ask them to:'
    r"(?:write|appeals?|letters?|\bsend)\b(?:(?!\b(?:ask|urge|urging|call on|calling on|copy|"
    r"copies)\b)[^.])*\bto:\s*$|^\s*(?:who to write to|contact details)\s*:?\s*$|"
    r"^\s*(?:write|send appeals) to\s*$|PLEASE SEND APPEALS TO|"
    r"^\s*TAKE ACTION\b.*(?:MODEL LETTER|OWN WORDS)", re.IGNORECASE)


def region_start(lines: list[str]) -> int:
    """Where the target blocks begin: after the 'let us know' step or a 'write to:' line."""
    start = 0
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if re.match(r"^\s*TAKE ACTION\b.*\bMODEL\s*$", line, re.IGNORECASE) and \
                re.match(r"^\s*LETTER\b", following, re.IGNORECASE):
            start = i + 2  # 'TAKE ACTION: ... USE THIS MODEL' / 'LETTER'
        elif _TARGETS_NEXT.search(line):
            start = i + 1
        elif re.search(r"\bto:\s*$", following, re.IGNORECASE) and len(following) < 40 and \
                _TARGETS_NEXT.search(f"{line.rstrip()} {following.strip()}"):
            start = i + 2  # 'PLEASE SEND APPEALS BEFORE 1st' / 'NOVEMBER 2016 TO:'
        else:
            continue
        if "let us know" in line.lower():
            break
    return start


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


def region_targets(lines: list[str], letter: int | None) -> tuple[list[Target], list[Target]]:
    start = region_start(lines)
    if start == 0 and letter is not None:
        start = _block_above(lines, letter)
    end = letter if letter is not None else len(lines)
    region = lines[start:end]
    if (letter is not None and start > 0) or (letter is None and start > 0):
        whole = list(region)
        for i, line in enumerate(whole):
            ends = bool(_REGION_END.search(line)) or _footer(whole, i)
            if ends or (letter is None and _paragraph(line)):
                region = region[:i] if not _COPIES.search(line) else region
                if ends:
                    break
    else:
        return [], []
    region = side_columns(region)
    copies_at = next((i for i, line in enumerate(region) if _COPIES.search(line)), None)
    target_lines = region if copies_at is None else region[:copies_at]
    copy_lines = [] if copies_at is None else region[copies_at + 1:]
    for i, line in enumerate(copy_lines):
        if _REGION_END.search(line) or _footer(copy_lines, i) or _paragraph(line) or \
                _closing(line) or \
                (len(line) > 60 and line.rstrip().endswith(".")):
            copy_lines = copy_lines[:i]
            break
    targets = []
    for block in _blocks(target_lines):
        target = read_block(block)
        targets += [target, target.partner] if target.partner else [target]
    copies = [read_block(block) for block in _blocks(copy_lines)]
    targets = [t for t in targets if t.name or t.title or t.has_channel() or t.tangled]
    copies = [c for c in copies if c.name or c.title or c.organisation or c.has_channel()]
    return targets, copies


_ADDRESSED = re.compile(
    r"(?:\bto the|\bau|\bà la|\bà l[’'])\s*(?P<title>[A-ZÉ][\w’' -]{2,70}?),\s+(?P<name>[A-ZÉ]"
    r"[\w’'-]+(?: [A-ZÉ][\w’'-]+){1,3}),")
_TITLE_FR = re.compile(r"\b(?:Président|Présidente|Ministre|Procureur|Procureure|Ambassadeur|"
                       r"Ambassadrice|Gouverneur|Premier)\b")
_COPY_TO = re.compile(r"(?:copie|copy) (?:à|to) (?:l[’']|la |le |the )?"
                      r"(?P<org>[A-ZÉ][^:,.@]{3,60}?)\s*:?\s*$")


def emails_in_prose(flat: str) -> tuple[list[Target], list[Target]]:
    """A page that names no target block but says where to send the email ('... to the
    President, Name Name, at presidence@example.org, with a copy to the Embassy:
    embassy@example.org'): the addresses, and who they reach when the sentence says."""
    targets: list[Target] = []
    copies: list[Target] = []
    for match in EMAIL.finditer(flat):
        before = flat[max(0, match.start() - 60):match.start()]
        if re.search(r"amnesty|aiusa", match.group(0), re.IGNORECASE) or \
                re.search(r"cach|bcc|cci|let us know|report|press|media", before.lower()):
            continue
        found = Target(email=[match.group(0)])
        found.checks["email"] = "found in a sentence of the UA, not in an address block"
        if re.search(r"\bcop(?:y|ie|ies)\b|\bcc\b", before.lower()):
            copy_to = _COPY_TO.search(before)
            if copy_to:
                found.organisation = copy_to.group("org").strip()
            copies.append(found)
            continue
        addressed = list(_ADDRESSED.finditer(flat[max(0, match.start() - 200):match.start()]))
        if addressed:
            title = addressed[-1].group("title").strip()
            if TITLE_WORDS.search(title) or _TITLE_FR.search(title):
                found.title, found.name = title, addressed[-1].group("name")
        targets.append(found)
    return targets, copies


_SIGN_OFF = re.compile(r"^\s*(?:--\s*$|(?:Best wishes|Kind regards|Regards|Many thanks|"
                       r"Thank you|Thanks|With thanks|Yours)\b)", re.IGNORECASE)


_GAP = re.compile(r"(?<=\S)(?:\t+| {3,})(?=\S)")


def side_columns(region: list[str]) -> list[str]:
    """Two target blocks side by side, as 'pdftotext -layout' or a copied table gives them
    ('Minister of Justice        Ambassador Piet Kell'): the left column's lines, then the
    right's. The right column starts where most lines' wide gap ends (or at a tab)."""
    starts: dict[int, int] = {}
    for line in region:
        gap = _GAP.search(line.expandtabs(8)) if "\t" not in line else None
        if gap:
            starts[gap.end()] = starts.get(gap.end(), 0) + 1
    tabbed = [line for line in region if _GAP.search(line) and "\t" in line]
    column = max(starts, key=lambda at: starts[at]) if starts else None
    near = sum(count for at, count in starts.items() if column and abs(at - column) <= 3)
    if len(tabbed) < 3 and (column is None or near < 3):
        return region
    left: list[str] = []
    right: list[str] = []
    for line in region:
        if "\t" in line:
            parts = re.split(r"\t+", line.strip(), maxsplit=1)
            left.append(parts[0])
            right.append(parts[1] if len(parts) > 1 else "")
            continue
        line = line.expandtabs(8)
        gap = _GAP.search(line)
        if gap and column and abs(gap.end() - column) <= 3:
            left.append(line[:gap.start()].strip())
            right.append(line[gap.end():].strip())
        elif column and line[:column].strip() == "" and line.strip():
            left.append("")
            right.append(line.strip())  # only the right column has a line here
        else:
            left.append(line.strip())
            right.append("")
    return [*left, "", *right]


def _footer(lines: list[str], i: int) -> bool:
    """'Name: Omar Seld' / 'Gender m/f: m': the Secretariat's footer, not a target's
    'Name:' line."""
    following = next((line for line in lines[i + 1:] if line.strip()), "")
    return bool(re.match(r"^\s*Name:", lines[i]) and re.match(r"^\s*Gender m/f", following))


def _closing(line: str) -> bool:
    """An email's own words after the addresses: a sentence to the readers ('Please let me
    know if you sent letters.') or its sign-off and signature ('Best wishes,', '--')."""
    words = line.split()
    sentence = len(words) >= 6 and line.rstrip().endswith((".", "!", "?")) and \
        sum(word.islower() for word in words) >= len(words) / 2 and ":" not in line
    return sentence or bool(_SIGN_OFF.match(line))


def _paragraph(line: str) -> bool:
    """A line of running prose (the story), not part of an address block."""
    return len(line) > 150 and line.count(". ") >= 2 and "Email:" not in line


_NUMBERED_HEADING = re.compile(r"^\s*(?:Target|Recipient|Official|Addressee)\s*\d*\s*:?\s*$",
                               re.IGNORECASE)


def _blocks(region: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    gap = False  # a blank line after a channel line: the next plain line starts a block
    for line in region:
        current = blocks[-1]
        if not line.strip():
            gap = gap or (bool(current) and split_labels(current[-1].strip())[-1][0] is not None)
            continue
        if _NUMBERED_HEADING.match(line):  # 'Target 1': a block starts, the heading is no line
            blocks.append([])
            gap = False
            continue
        if not side_by_side(current) and ((gap and split_labels(line.strip())[0][0] is None) or
                                          (current and _complete(current) and _starts_block(line))):
            blocks.append([])  # 'Email: ...' / '' / 'Duvalia Ombudsman's Office'
        gap = False
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


def salute(targets: list[Target], line: str) -> None:
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


def care_of_target(lines: list[str]) -> Target | None:
    """A page that opens with its target run into the story: 'Head of judiciary, Ebrahim
    Raisi C/o Embassy of ... On 24 November 2020, ...'."""
    opening = next((line.strip() for line in lines if len(line.strip()) > 40), "")[:300]
    match = re.search(rf"(?P<title>(?:{TITLE_WORDS.pattern})[\w ]{{0,50}}?),\s+(?P<name>[A-Z]"
                      r"[\w’'-]+(?: [A-Z][\w’'-]+){1,3})\s+(?P<care>C/o .+?)(?=\s+(?:On|In|At|"
                      r"Since|From) \d|$)", opening)
    if not match:
        return None
    return Target(title=match.group("title"), name=match.group("name"),
                  address=[match.group("care")])
