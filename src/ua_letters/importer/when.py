"""Time words counted from when the UA was written ("in the summer of this year", "last
month", "yesterday"): a letter written months later must not repeat them as they stand.

What the UA's issue date settles is written out ("this year" in a UA issued on 10 August
2023 is 2023); what it does not ("yesterday": the UA may have been written days before it
was issued; "recently") is kept, and the draft names it in a `# check:` comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_SEASONS = r"spring|summer|autumn|fall|winter"
# Settled by neither the issue date nor the text: kept, and named for a person to check
_UNSETTLED = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening|week(?:end)?)|"
    r"last (?:night|week(?:end)?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)|next week|"
    r"(?:recently|lately)|in recent (?:days|weeks|months)|so far this (?:year|month)|"
    r"the (?:last|past|previous|coming|next) (?:(?:few|two|three|several|\d+) )?"
    r"(?:days?|weeks?|months?|years?)|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+) "
    r"(?:days?|weeks?|months?|years?) ago|(?:earlier|later) this week)\b", re.IGNORECASE)
# 'has been held for over 16 months': true on the day the UA was written, longer since
_SPAN = re.compile(r"\b(?:has|have) (?:already |now |still )?(?:been|spent|remained|lived)\b"
                   r"[^.;]{0,80}?\b(?P<span>for (?:over |almost |nearly |more than |about |"
                   r"around |at least )?(?:a|an|one|two|three|four|five|six|seven|eight|nine|"
                   r"ten|eleven|twelve|several|\d+) (?:years?|months?|weeks?|days?))\b",
                   re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:this|last|next) (?:year|month)\b", re.IGNORECASE)


@dataclass
class Dated:
    text: str
    unsettled: list[str] = field(default_factory=list)  # phrases kept as the UA wrote them
    yearless: list[str] = field(default_factory=list)  # '8 November', 'in January'

    @property
    def check(self) -> str | None:
        notes = []
        if self.unsettled:
            said = ", ".join(f'"{p}"' for p in dict.fromkeys(self.unsettled))
            counts = "count" if len(set(self.unsettled)) > 1 else "counts"
            notes.append(f"{said} {counts} from when the UA was written; give the date, or "
                         "drop it")
        if self.yearless:
            said = ", ".join(f'"{p}"' for p in dict.fromkeys(self.yearless))
            notes.append(f"{said}: the UA gives no year; add it")
        return "; ".join(notes) or None


def dated(text: str, issued: date | None) -> Dated:
    """`text` with 'this year', 'last month'... written out against the UA's issue date when
    it settles them, and the time words it cannot settle."""
    unsettled = [m.group(0) for m in _UNSETTLED.finditer(text)] + \
        [m.group("span") for m in _SPAN.finditer(text)]
    masked = _UNSETTLED.sub(lambda m: "\0" * len(m.group(0)), text)  # 'so far this year' stays
    if issued is not None:
        masked = _years(masked, issued)
        masked = _months(masked, issued)
    unsettled += [m.group(0) for m in _RELATIVE.finditer(masked)]
    out, kept = [], iter(m.group(0) for m in _UNSETTLED.finditer(text))
    for part in re.split(r"(\0+)", masked):  # put the unsettled phrases back
        out.append(next(kept) if part.startswith("\0") else part)
    written = "".join(out)
    return Dated(written, unsettled, [m.group(0) for m in _YEARLESS.finditer(written)])


_MONTH = "|".join(_MONTHS)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# '8 November', 'November 8th', 'in January' without a year after them
_YEARLESS = re.compile(rf"\b(?:{_DAY} (?:{_MONTH})|(?:{_MONTH}) {_DAY}|(?:(?<=[Ii]n )|"
                       rf"(?<=[Ss]ince )|(?<=[Uu]ntil )|(?<=[Ee]arly )|(?<=[Ll]ate )|"
                       rf"(?<=mid-))(?:{_MONTH}))\b(?!,? \d{{4}})(?! (?:this|last|next) year)")


def _years(text: str, issued: date) -> str:
    if issued.month == 1 and issued.day <= 7:
        return text  # written perhaps the year before
    year = {"this": issued.year, "last": issued.year - 1, "next": issued.year + 1}
    return _write_out(text, "year", lambda which: str(year[which.lower()]))


def _months(text: str, issued: date) -> str:
    if issued.day <= 7:
        return text  # written perhaps the month before
    def month(which: str) -> str:
        shift = {"this": 0, "last": -1, "next": 1}[which.lower()]
        index = issued.year * 12 + issued.month - 1 + shift
        return f"{_MONTHS[index % 12]} {index // 12}"
    return _write_out(text, "month", month)


def _write_out(text: str, unit: str, when) -> str:
    """'earlier this year' -> 'earlier in 2023', 'in March last year' -> 'in March 2022',
    'of this month' -> 'of August 2023', 'this year's' -> 'the 2023', bare 'last year' ->
    'in 2022'; a phrase opening a sentence with no comma after it stays (and is checked)."""
    which = rf"(?P<which>this|last|next) {unit}"
    rules = (
        (rf"\b(?P<lead>earlier|later) {which}\b", lambda m: f"{m['lead']} in {when(m['which'])}"),
        (rf"\b(?P<lead>(?:{_MONTH}|{_SEASONS})) (?:of )?{which}\b",
         lambda m: f"{m['lead']}{' of' if re.match(_SEASONS, m['lead'], re.I) else ''} "
                   f"{when(m['which'])}"),
        (rf"\b(?P<lead>in|of|since|during|until|by|from|throughout|after|before|within) "
         rf"{which}\b",
         lambda m: f"{m['lead']} {when(m['which'])}"),
        (rf"\b{which}(?:'s|’s)", lambda m: f"the {when(m['which'])}"),
        (rf"(?<=[a-z,] )(?<!\bthe )(?<!\bfor )(?<!\bover )(?<!\bat )(?<!\bto )(?<!\bon )"
         rf"(?<!\bthan )(?<!\binto )(?<!\bthrough )(?<!\bas )(?<!\band )(?<!\bor )"
         rf"{which}\b", lambda m: f"in {when(m['which'])}"),  # 'was arrested last year
        (rf"(?:^|(?<=[.!?] )){which}(?=,)", lambda m: f"In {when(m['which'])}"),
    )
    for pattern, replace in rules:
        text = re.sub(pattern, lambda m, r=replace: _same_case(m.group(0), r(m)), text,
                      flags=re.IGNORECASE)
    return text


def _same_case(found: str, written: str) -> str:
    """Keep the capital a sentence opened with ('Earlier this year' -> 'Earlier in 2023')."""
    return written[:1].upper() + written[1:] if found[:1].isupper() else \
        written[:1].lower() + written[1:]
