"""The UA's own particulars: number, update, index, dates, languages, previous UA, title."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from ua_letters.importer.words import find_date, find_day_month, language_tags

_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5,
             "seventh": 6, "eighth": 7, "ninth": 8, "tenth": 9}
_NUMBER = r"(\d{1,3})\s?[/.]\s?(\d{2})\b"


@dataclass
class Header:
    ua: str | None = None
    update: int | None = None
    is_update: bool = False
    index: str | None = None
    issued: date | None = None
    deadline: date | None = None
    preferred: list[str] = field(default_factory=list)
    unknown_languages: list[str] = field(default_factory=list)
    in_order: list[str] = field(default_factory=list)  # tags and unknown names, as listed
    own_language: bool = False
    previous: list[dict] = field(default_factory=list)
    title: str | None = None
    title_guessed: bool = False  # written in capitals: its capitals are a guess
    title_from_subject: bool = False  # an email's subject that does not name the UA
    deadline_guessed: bool = False  # the UA gave no year: the year of issue
    deadline_unclear: str | None = None  # '01/03/2025': 1 March or 3 January, not guessed
    closed: bool = False  # 'No further action is requested


def read_header(text: str, lines: list[str]) -> Header:
    header = Header()
    paragraphs = re.sub(r"(?<!\n)\n(?!\n)", " ", text)  # a PDF's lines of a paragraph as one
    _number(text, header)
    index = re.search(r"\bIndex:?\s*([A-Z]{3})\s?(\d{2})\s?/\s?(\d{3,4})\s?/\s?(\d{4})",
                      paragraphs)
    if index:
        header.index = "{} {}/{}/{}".format(*index.groups())
    _dates(text, paragraphs, lines, header)
    _languages(paragraphs, header)
    _previous(paragraphs, header)
    _title(text, lines, header)
    header.closed = bool(re.search(r"no further (?:action|appeals) (?:is|are) (?:requested|needed"
                                   r"|required)", paragraphs, re.IGNORECASE))
    return header


def _number(text: str, header: Header) -> None:
    ordinal = re.search(rf"\b(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)"
                        rf"\s+(?:UA|Urgent Action)\s*:?\s*{_NUMBER}", text, re.IGNORECASE)
    fi = re.search(rf"\bFI\s*:?\s*{_NUMBER}\s*-\s*(\d+)", text)
    further = re.search(rf"Further information on (?:UA|Urgent Action)\s*:?\s*{_NUMBER}", text,
                        re.IGNORECASE)
    plain = re.search(rf"\bUA\s*[:-]?\s*{_NUMBER}", text) or \
        re.search(rf"\bUrgent Action\s*:?\s*{_NUMBER}", text, re.IGNORECASE)
    if fi:
        header.ua, header.update = f"{fi.group(1)}.{fi.group(2)}", int(fi.group(3))
    elif ordinal:
        header.ua = f"{ordinal.group(2)}.{ordinal.group(3)}"
        header.update = _ORDINALS[ordinal.group(1).lower()] or None
    elif further:
        header.ua, header.is_update = f"{further.group(1)}.{further.group(2)}", True
    elif plain:
        header.ua = f"{plain.group(1)}.{plain.group(2)}"
    if re.search(r"Urgent Action Update|\bUA update\b|Further information", text, re.IGNORECASE):
        header.is_update = header.is_update or header.update is None
    nth = re.search(r"\b(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth) "
                    rf"update (?:of|on|to) (?:UA|Urgent Action)\s*:?\s*{_NUMBER}", text,
                    re.IGNORECASE)
    if nth and header.update is None and f"{nth.group(2)}.{nth.group(3)}" == header.ua:
        header.update = _ORDINALS[nth.group(1).lower()] + 1  # 'the first update of UA 145/24'
    numbered = re.search(rf"\bUA\s*:?\s*{_NUMBER}\s*[-–:]?\s*Update\s*(\d+)?\b", text,
                         re.IGNORECASE)  # 'UA 27/25 Update 2'
    if numbered and f"{numbered.group(1)}.{numbered.group(2)}" == header.ua:
        header.is_update = True
        if numbered.group(3) and header.update is None:
            header.update = int(numbered.group(3))
    if header.update:
        header.is_update = True


def _dates(text: str, paragraphs: str, lines: list[str], header: Header) -> None:
    deadlines = list(re.finditer(
        r"(?:TAKE ACTION AS SOON AS POSSIBLE UNTIL|SEND APPEALS BEFORE|APPEALS? (?:BY|UNTIL)|"
        r"if sending appeals after|Deadline(?: for (?:appeals|action))?|(?:PLEASE )?(?:ACT|"
        r"TAKE ACTION|WRITE|SEND (?:YOUR )?APPEALS?) (?:BEFORE|BY|UNTIL|NO LATER THAN))"
        r"\s*:?\s*(.{0,40})",
        paragraphs, re.IGNORECASE))
    weekday = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+", re.IGNORECASE)
    deadline = weekday.sub("", deadlines[0].group(1)) if deadlines else None
    for match in deadlines:  # 'write by email or post' says no date; a later one may
        written = weekday.sub("", match.group(1))  # 'Deadline: Friday 14 March 2025'
        found = find_date(written)
        if found and found[1] < 5:
            header.deadline, deadline = found[0], written
            break
        numeric = _numeric_date(written)
        if isinstance(numeric, date):
            header.deadline = numeric
            break
        if numeric:
            header.deadline_unclear = numeric
            break
    issued = re.search(r"\bDate\s*:\s*(.{0,30})", paragraphs) or \
        re.search(r"\b(?:Published|Issued)(?: on)?\s*:?\s*(.{0,30})", paragraphs) or \
        re.search(r"^\s*(?:Urgent Action\s+)?UA\s*:?\s*\d{1,3}/\d{2}\s*[–—-]\s*(.{0,30})", text,
                  re.MULTILINE) or \
        re.search(r"^\s*date\s+(\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
    if issued and find_date(issued.group(1)):
        header.issued = find_date(issued.group(1))[0]
    else:
        for line in lines[:25]:  # a page or e-mail date on a line of its own
            found = find_date(line)
            if found and found[1] == 0 and len(line.strip()) <= 20:
                header.issued = found[0]
                break
    if deadline and header.deadline is None and header.issued:
        day_month = find_day_month(deadline)  # 'BEFORE 30 JUNE': the year of issue
        if day_month:
            with contextlib.suppress(ValueError):
                guess = date(header.issued.year, *day_month)
                if guess < header.issued:
                    guess = date(header.issued.year + 1, *day_month)
                header.deadline, header.deadline_guessed = guess, True


def _numeric_date(text: str) -> date | str | None:
    """'15.03.2025' or '03/15/2025': the date, when the day cannot be taken for the month;
    '01/03/2025' reads either way: the text as written, for a person to settle."""
    match = re.match(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b", text)
    if not match:
        return None
    first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    readings = {(first, second), (second, first)} if first != second else {(first, first)}
    valid = []
    for day, month in readings:
        with contextlib.suppress(ValueError):
            valid.append(date(year, month, day))
    if len(valid) == 1:
        return valid[0]
    return match.group(0) if valid else None


def _languages(text: str, header: Header) -> None:
    flat = " ".join(text.split())
    phrase = re.search(r"PREFERRED LANGUAGES?(?: TO ADDRESS TARGETS?)?\s*:?\s*([^.\n]{0,80})",
                       text, re.IGNORECASE)
    if phrase is None:
        phrase = re.search(r"(?i:write|written|send appeals)[^.]{0,100}?\bin ((?:[A-Z][a-z]+"
                           r"(?:,? (?:or |and )?|\b))+(?:your own language|o\b)?)", flat)
    if phrase is not None:
        first_line = phrase.group(1).split("\n")[0]
        header.preferred, header.unknown_languages = language_tags(first_line)
        header.in_order = sorted(  # as the UA lists them: 'Khetaran or English'
            header.preferred + header.unknown_languages,
            key=lambda lang: _position(lang, first_line))
    header.own_language = bool(re.search(r"\byour own language", flat,
                                         re.IGNORECASE))


def _position(language: str, phrase: str) -> int:
    """Where a tag's language (or an unknown language's name) stands in the UA's phrase."""
    from babel import Locale

    name = Locale("en").languages.get(language, language) if language.islower() else language
    found = phrase.lower().find(name.lower())
    return found if found >= 0 else len(phrase)


def _previous(text: str, header: Header) -> None:
    link = re.search(r"(?:LINK TO PREVIOUS UA|update of UA\s*:?\s*\d+/\d+\.?\s+Further "
                     r"information)\s*:?\s*<?(https?://[^\s>]+(?:\s+[^\s<>:]*/[^\s<>]*)*)",
                     text, re.IGNORECASE)
    if not link:
        return
    url = re.sub(r"\s+", "", link.group(1)).rstrip(".,)")  # a PDF breaks long links
    entry = {"url": url}
    pdf = re.search(r"/([A-Z]{3})(\d{2})(\d{3,4})(\d{4})[A-Z]*\.pdf$", url, re.IGNORECASE)
    page = re.search(r"/documents/([a-z]{3})(\d{2})/(\d{3,4})/(\d{4})/", url, re.IGNORECASE)
    found = pdf or page
    if found:
        letters, area, number, year = found.groups()
        entry["index"] = f"{letters.upper()} {area}/{number}/{year}"
    header.previous.append(entry)


_TITLE_MAX = 120  # a title is one short line; a paragraph is no title


def _title(text: str, lines: list[str], header: Header) -> None:
    _find_title(text, lines, header)
    if header.title:
        header.title = re.split(r"\s+(?:UA\s*:?\s*\d|Index\s*:|Date\s*:|AI Index\b)",
                                header.title)[0].strip(" -–|:")
    if header.title and (len(header.title) > _TITLE_MAX or len(header.title.split()) < 2):
        header.title = None  # the MISSING marker, not a paragraph
        header.title_guessed = header.title_from_subject = False


def _subject(text: str) -> tuple[str | None, bool]:
    """An email's subject, without its 'Fwd:', list tag and UA number: 'Urgent Action: Poet
    held in secret (UA 64/23)' -> 'Poet held in secret'; and whether it named the UA (a
    subject that does not may be a mailing's own: 'This week's appeals')."""
    match = re.search(r"^\s*Subject:\s*(.+)$", "\n".join(text.split("\n")[:20]),
                      re.MULTILINE | re.IGNORECASE)
    if not match:
        return None, False
    subject = match.group(1)
    subject = re.sub(r"^(?:\s*(?:(?:Re|Fwd?|AW|WG|TR)\s*:|\[[^\]]*\]))+\s*", "", subject,
                     flags=re.IGNORECASE)
    number = r"(?:(?:First|Second|Third|Further information on)\s+)?(?:UA|FI|Urgent Action" \
             r"(?: Update)?)\s*:?\s*(?:\d{1,3}\s?[/.]\s?\d{2}(?:-\d+)?)?"
    whole = subject
    subject = re.sub(rf"\s*\(\s*{number}\s*\)\s*$", "", subject, flags=re.IGNORECASE)
    subject = re.sub(rf"^\s*{number}\s*[:\-–|]*\s*", "", subject, flags=re.IGNORECASE)
    subject = re.sub(rf"\s*[\-–|:]+\s*{number}\s*$", "", subject, flags=re.IGNORECASE)
    subject = subject.strip(" -–|:")
    return (subject if re.search(r"[a-z]", subject) else None), subject != whole.strip()


def _find_title(text: str, lines: list[str], header: Header) -> None:
    subject, named = _subject(text)
    if subject and named and len(subject.split()) >= 2:
        header.title = subject
        return
    _title_in_text(text, lines, header)
    if not header.title and subject:  # a subject that does not name the UA: a guess
        header.title, header.title_from_subject = subject, True


def _title_in_text(text: str, lines: list[str], header: Header) -> None:
    web = re.search(r"^\s*(?:Urgent Action(?: Update)?|Document)\s*[:-]\s*(.+?)\s*$", text,
                    re.IGNORECASE | re.MULTILINE)
    if web:
        title = re.sub(r"\s*\((?:[^()]*:\s*)?UA [\d./]+\)\s*$", "", web.group(1))
        title = re.sub(r"^[A-Z][\w ]+:\s+", "", title) if web.group(0).lstrip().startswith(
            "Document") else title
        number = re.match(r"^UA\s*:?\s*\d+[/.]\d+\s*[-–:]?\s*", title)
        if number:  # 'URGENT ACTION - UA 71/25 - Belmora': the number and a country
            title = title[number.end():]
            title = "" if len(title.split()) <= 2 else title
            following = _line_after(lines, web.group(0).strip())
            if not title and following:  # the headline on the next line
                header.title = following
                return
        if title and not re.match(r"^\d", title):
            header.title = title
            return
    caps = re.search(r"URGENT ACTION\s+((?:[A-Z0-9][A-Z0-9’'“”\"‘,:-]*\s+)+?)(?=[A-Z][a-z]|\n\n"
                     r"|$)", text)
    if caps and len(caps.group(1).split()) >= 2:
        title = re.sub(r"^FURTHER INFORMATION:?\s*", "", " ".join(caps.group(1).split()))
        header.title = sentence_case(title, text)
        header.title_guessed = True
        return
    email = re.search(r"^\s*UA\s*\d+/\d{2}\s+-\s+([A-Z][^\n]{2,60})$", text, re.MULTILINE)
    if email:  # 'UA 241/10 - Death Penalty': a network email's headline
        header.title = re.sub(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)? - (?=[A-Z])", "",  # 'Duvalia - '
                              email.group(1).strip())
        return
    country = re.search(r"^\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?: (.+?) \(UA [\d/.]+\)\s*$", text,
                        re.MULTILINE)
    if country:
        header.title = country.group(1)
        return
    filled = [line for line in lines if line.strip()]
    for above, line in pairwise(filled):  # 'Montessa: Land defender ...'
        numbered = re.compile(r"^\s*(?:Urgent Action\s+)?(?:UA|Urgent Action)\s*:?\s*\d")
        headline = re.compile(r"^\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?: ([A-Z][^.:]{10,100})$")
        # then 'UA 102/25 · Published ...', or that line first
        for title, number in ((above, line), (line, above)):
            if headline.match(title) and numbered.match(number):
                header.title = headline.match(title).group(1)
                return


def _line_after(lines: list[str], line: str) -> str | None:
    """The next line after `line` when it reads as a headline: short, no full stop."""
    filled = [each.strip() for each in lines if each.strip()]
    if line not in filled:
        return None
    index = filled.index(line)
    after = filled[index + 1] if index + 1 < len(filled) else ""
    if 2 <= len(after.split()) <= 12 and not after.endswith((".", ":")) and \
            not re.search(r"\d", after) and after[:1].isupper():
        return after
    return None


def sentence_case(caps: str, text: str) -> str:
    """'UYGHUR STUDENT CONVICTED' -> 'Uyghur student convicted': a word keeps its capital
    when the text writes it so (a name, a people), otherwise it is lower-cased."""
    words = []
    for i, word in enumerate(caps.split()):
        core = word.strip("“”\"‘’'")
        capitalised = core[:1] + core[1:].lower()
        keep = re.search(rf"(?<![.!?]\s)\b{re.escape(capitalised)}\b", text) and \
            not re.search(rf"\b{re.escape(core.lower())}\b", text)
        shown = capitalised if keep or i == 0 else core.lower()
        words.append(word.replace(core, shown))
    return " ".join(words)
