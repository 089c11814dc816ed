"""The officials a UA asks people to write to: one block of lines per target.

A block is read line by line: labelled lines (Phone:, Email:, Twitter:, Salutation:...)
give channels; the other lines are, in order, a title, a name, an organisation and the
postal address. Blocks that two PDF columns have interleaved word by word cannot be told
apart; their fields become missing rather than guessed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ua_letters.importer.sources import OBFUSCATED
from ua_letters.importer.words import fold

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_LABEL = re.compile(
    r"(?:(?<=\s)|^)(?P<label>Phone|Tel(?:ephone)?|Fax|E-?mail|Twitter/X|Twitter|X|Facebook|"
    r"Instagram|Contact [Ff]orm|Web ?form|Online form|Website|Salutation|CC|Name|Title|"
    r"(?:Postal )?[Aa]ddress)\s*:\s*",
)
_SOCIAL = {"twitter": "Twitter", "twitter/x": "X", "x": "X", "facebook": "Facebook",
           "instagram": "Instagram"}
TITLE_WORDS = re.compile(
    r"\b(Minister|President|Secretary|Prosecutor|Ambassador|Governor|Head|Director|Chief|"
    r"Attorney|Commissioner|Chair(?:man|person|woman)?|King|Prime|Mayor|Judge|Justice|"
    r"Speaker|Chancellor|Premier|Counsel(?:l?or)?|Envoy|Representative|Ombudsman|General)\b")
HONORIFICS = re.compile(
    r"^(?:(?:His|Her|Your) (?:Excellency|Majesty|Highness),?\s+|(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|"
    r"Colonel|Hon|Honourable|Honorable|Sheikh|Judge|Prof)\.?\s+)+", re.IGNORECASE)
ORGANISATION_WORDS = re.compile(
    r"\b(Embassy|Ministry|Office|Department|Commission|Council|Court|Parliament|Government|"
    r"High Commission|Consulate|Presidency|Secretariat|Mission|Bureau|Agency|Party)\b")
_COUNTRY_LINE = re.compile(r"^[A-Z][\w’' .-]+$")


@dataclass
class Target:
    title: str | None = None
    name: str | None = None
    organisation: str | None = None
    address: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    hidden_emails: int = 0
    fax: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    web_form: list[str] = field(default_factory=list)
    social: list[tuple[str, str]] = field(default_factory=list)
    salutation: str | None = None
    copy_emails: list[str] = field(default_factory=list)
    checks: dict[str, str] = field(default_factory=dict)
    tangled: bool = False  # two columns ran together: the channels cannot be told apart
    partner: Target | None = None  # the other column's target, when they ran together
    loose: str = ""  # unlabelled text of two columns run together, not yet told apart

    def has_channel(self) -> bool:
        return bool(self.address or self.email or self.hidden_emails or self.fax or self.phone
                    or self.web_form or self.social)


def split_labels(line: str) -> list[tuple[str | None, str]]:
    """'Phone: 1 / Fax: 2' -> [('phone', '1'), ('fax', '2')]; text before a label: None."""
    parts: list[tuple[str | None, str]] = []
    matches = list(_LABEL.finditer(line))
    if not matches:
        return [(None, line)]
    if matches[0].start() > 0:
        parts.append((None, line[:matches[0].start()]))
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        value = line[match.end(): after.start() if after else len(line)]
        value = re.sub(r"\s+(?:/|I|\|)\s*$", "", value.strip())  # 'Phone: 1 I Fax: 2'
        parts.append((match.group("label").lower(), value.strip(" ,;")))
    return parts


_URL_GOES_ON = re.compile(r"(?![A-Z][a-z]+$|[A-Z]+$)[\w/?=&%#~.+-]+")


def _rejoin(lines: list[str]) -> list[str]:
    """Undo a PDF's wrapping inside a channel: 'Email:' / 'name@x.org', 'Fax: 202 555' / '0143'."""
    out: list[str] = []
    for line in (line.strip() for line in lines):
        label_alone = bool(out) and bool(re.search(r":\s*$", out[-1])) and \
            bool(_LABEL.search(out[-1]))
        number_goes_on = bool(out) and bool(re.fullmatch(r"[\d ()+-]+", line)) and \
            bool(re.search(r"(?:Phone|Fax|Tel)\b.*\d$", out[-1]))
        if label_alone or number_goes_on:
            out[-1] = f"{out[-1]} {line}"
        elif out and _URL_GOES_ON.fullmatch(line) and re.search(r"https?://\S+$", out[-1]):
            out[-1] += line  # 'https://x.example/con' / 'tact': a PDF column cut the address
        else:
            out.append(line)
    return out


def _unfold(lines: list[str]) -> list[str]:
    """'Ambassador Ines Soto, Embassy of Montessa, 14 Example Gardens, London W8 4QQ': a
    block a web page gives on one line, comma by comma, as the lines of a block."""
    first = lines[0] if lines else ""
    parts = [part.strip() for part in first.split(",")]
    if len(parts) < 3 or split_labels(first)[0][0] is not None or \
            not (HONORIFICS.match(first) or TITLE_WORDS.match(first)) or \
            not ORGANISATION_WORDS.search(parts[1]) or re.search(r"\d", parts[0] + parts[1]):
        return lines
    return [*parts, *lines[1:]]


_FORM_IN_WORDS = re.compile(r"(?:,\s*)?\b(?:by|via|through|using|on|at)?\s*(?:the|their|its|an?)\s+"
                           r"(?:online |web |contact )?form\s+(?:at|on|here)?\s*:?\s*"
                           r"(https?://\S+?)(?:\s+only)?(?=[.,;]?(?:\s|$))", re.IGNORECASE)


def read_block(lines: list[str]) -> Target:
    target = Target()
    plain: list[str] = []
    lines = [re.sub(r"^\s*[-•*]\s+", "", line) for line in lines]  # a web page's list items
    lines = [_FORM_IN_WORDS.sub(r" Web form: \1 ", line) for line in lines]  # 'by the form at'
    if side_by_side(lines):  # read as the one run a flattened PDF gives
        lines = [" ".join(line.strip() for line in lines)]
    for line in _unfold(_rejoin(lines)):
        for label, value in split_labels(line):
            if label is None:
                if value.strip():
                    plain.append(value.strip())
            else:
                _channel(target, label, value)
    _plain_lines(target, plain)
    # 'Dorvan 4400, Lirovia.': a sentence's full stop, not an abbreviation's ('Ave.')
    target.address = [re.sub(r"(?<=\w{5})\.$", "", line) for line in target.address]
    if target.tangled:  # the channels of two columns: only some can be told apart
        _share_channels(target, " ".join(lines))
    _note_missing_country(target)
    return target


# A US state's code and a ZIP code, as an address's last line ends: 'Washington, DC 20008'.
_STATE_AND_ZIP = re.compile(
    r"\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|"
    r"NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\.?\s+"
    r"\d{5}(?:-\d{4})?$")


def _note_missing_country(target: Target) -> None:
    """'Washington, DC 20008' as the last line: a UA for readers in the United States gives
    an embassy's address without the country, which a writer elsewhere needs. Nothing is
    added that the UA does not say; a check says so."""
    if target.address and _STATE_AND_ZIP.search(target.address[-1]):
        target.checks.setdefault("address", "no country line: a writer outside the United "
                                            "States adds 'United States'")


def side_by_side(lines: list[str]) -> bool:
    """'Lena Maris' / 'Ambassador Oskar Brant' / 'Prosecutor General of ...' / 'Embassy of
    ...': two columns of targets, an official's and an ambassador's, whose lines a PDF
    gave row by row. Their lines alternate, so no line can be read alone."""
    if len(lines) < 4:
        return False
    first = lines[0].strip()
    honorific = HONORIFICS.match(first)
    name = first[honorific.end():] if honorific else first
    return _looks_like_name(name) and not _is_title(first) and \
        bool(re.match(r"^\s*Ambassador [A-Z]", lines[1])) and "Embassy" in lines[3]


_US_NUMBER = re.compile(r"(?:\+?1[ -])?\(?\d{3}\)?[ -]\d{3}[ -]\d{4}")


def _share_channels(target: Target, text: str) -> None:
    """Two interleaved columns, an official and (second) the embassy in Washington: US
    numbers and addresses are the embassy's, numbers with another country code the
    official's, a handle with 'emb' or the ambassador's name the embassy's; two same
    labels in a row are one per column, the official's first. Everything else stays
    unknown."""
    partner = target.partner
    phones, faxes, social = target.phone, target.fax, target.social
    target.email, target.fax, target.phone, target.web_form, target.social = [], [], [], [], []
    salutation, target.salutation, target.hidden_emails = target.salutation, None, 0
    if partner is None:
        return
    if salutation and "Ambassador" in salutation:
        partner.salutation = salutation
    if not re.search(r"\bWashington\b", text):
        return
    for numbers, mine, theirs in ((phones, target.phone, partner.phone),
                                  (faxes, target.fax, partner.fax)):
        for number in numbers:
            if _US_NUMBER.fullmatch(number):
                theirs.append(number)
            elif number.startswith("+") and not number.startswith("+1"):
                mine.append(number)
    surname = fold(partner.name.split()[-1]) if partner.name else None
    for platform, handle in social:
        folded = fold(handle)
        if "emb" in folded or (surname and surname in folded):
            partner.social.append((platform, handle))
    _share_emails(target, text)
    _share_addresses(target, text)


def _share_emails(target: Target, text: str) -> None:
    """'Email: a Email: b': one row of the two columns, the official's first. An email
    alone cannot be placed."""
    partner = target.partner
    labels = [(label, value) for label, value in split_labels(text) if label is not None]
    for (label, value), (after, other) in itertools.pairwise(labels):
        pair = ((target, value), (partner, other))
        if label in ("email", "e-mail") and after == label and \
                all(len(EMAIL.findall(found)) + found.count(OBFUSCATED) == 1 for _, found in pair):
            for who, found in pair:
                who.email += EMAIL.findall(found)
                who.hidden_emails += found.count(OBFUSCATED)
    for email in EMAIL.findall(text):  # 'info@ostraviaemb.example': the embassy's, as handles
        domain = email.split("@")[1].lower()
        if email not in target.email + partner.email and re.search(r"emb|usa", domain):
            partner.email.append(email)


_US_STREET = re.compile(r"\b\d{2,5}(?: (?:[A-Z][\w.]*|\d+(?:st|nd|rd|th))){1,4}? "
                        r"(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Place|Pl|Drive|Dr|Way|Circle|Lane)\.?"
                        r"(?:,? (?:N\.?W|N\.?E|S\.?W|S\.?E)\b\.?)?")
_US_CITY = re.compile(r"\bWashington,? D\.?C\.?,? \d{5}(?:-\d{4})?")


def _share_addresses(target: Target, text: str) -> None:
    """The embassy's street and 'Washington, DC 20008' line out of the two columns'
    unlabelled text (or a label's tail: 'Email: ... Washington, DC 20009'); what is left
    is the official's address, when it ends in the country the embassy is named after."""
    partner = target.partner
    loose = re.sub(r"\s+", " ", target.loose)
    streets = list(_US_STREET.finditer(loose))
    cities = list(_US_CITY.finditer(text))
    if len(streets) != 1 or len(cities) != 1:
        return
    street, city = streets[0], cities[0]
    partner.address = [street.group(0).rstrip(","), city.group(0)]
    partner.checks["address"] = "two columns of the UA ran together; check this address"
    rest = loose[:street.start()] + "\n" + loose[street.end():]
    rest = rest.replace(city.group(0), "\n")
    lines = [re.sub(r"\s+,", ",", line.strip(" ,")) for line in rest.split("\n")
             if line.strip(" ,")]
    country = re.search(r"([A-Z][\w-]+)\W*$", lines[-1]) if lines else None
    embassy = partner.organisation or ""
    if country and re.search(rf"\b{re.escape(country.group(1))}$", embassy) and \
            all(re.search(r"\d", line) or len(line.split()) <= 4 for line in lines):
        target.address = lines
        target.checks["address"] = "two columns of the UA ran together; check this address"


def _channel(target: Target, label: str, value: str) -> None:
    if label not in ("email", "e-mail", "cc"):  # 'Fax: 020 7379 1167 embassy@example.org'
        target.email += EMAIL.findall(value)
        value = EMAIL.sub("", value).strip(" /,;")
    if label in ("email", "e-mail", "cc"):
        emails = EMAIL.findall(value)
        hidden = value.count(OBFUSCATED)
        if label == "cc":
            target.copy_emails += emails
        else:
            target.email += emails
        target.hidden_emails += hidden
    elif label == "salutation":
        target.salutation = value.rstrip(",")
    elif label in ("phone", "tel", "telephone", "fax"):
        numbers = _numbers(value)
        (target.fax if label == "fax" else target.phone).extend(numbers)
    elif label in _SOCIAL:
        for handle in re.findall(r"@\w+", value):
            target.social.append((_SOCIAL[label], handle))
    elif label in ("contact form", "web form", "webform", "online form", "website"):
        target.web_form += re.findall(r"https?://\S+", value)
    elif label == "name":  # 'Name: Minister of Justice Dana Korr'
        _plain_lines(target, [value])
    elif label == "title" and value:
        target.title = target.title or value
    elif label in ("address", "postal address"):  # 'Address: Ministry of X, 8 Square, Town'
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if parts and ORGANISATION_WORDS.search(parts[0]) and not re.search(r"\d", parts[0]) \
                and target.organisation is None:
            target.organisation = parts.pop(0)
        target.address += parts


def _numbers(value: str) -> list[str]:
    """'202 612 6700, 202 612 6701' -> two numbers; '202 332 3344 | 4350' stays whole."""
    pieces = [p.strip() for p in re.split(r"\s*(?:,|/|;|\s I\s)\s*", value) if p.strip()]
    if len(pieces) > 1 and all(len(re.sub(r"\D", "", p)) >= 7 for p in pieces):
        return pieces
    return [value.strip()] if value.strip() else []


def _plain_lines(target: Target, lines: list[str]) -> None:
    """Title, name, organisation, address, from the unlabelled lines in their order."""
    if len(lines) == 1 and len(lines[0]) > 60:
        _run_on(target, lines[0])
        return
    address_started = False
    for line in lines:
        line = line.strip().rstrip(",")
        if not line:
            continue
        if address_started or re.search(r"\d", line) or ("," in line and target.name):
            address_started = address_started or bool(target.name or target.title)
            if address_started:
                target.address.append(line)
                continue
        honorific = HONORIFICS.match(line)
        rest = line[honorific.end():] if honorific else line
        named, _, titled = rest.partition(", ")
        if target.name is None and target.title is None and _looks_like_name(named) and \
                _is_title(titled):  # 'Vaclav Oren, Minister of the Interior'
            target.name, target.title = named, titled
            continue
        title, name = _title_and_name(rest)
        if target.name is None and title and _looks_like_name(name) and \
                not ORGANISATION_WORDS.search(name):  # 'Ambassador Qin Gang'
            target.title = target.title or title
            target.name = name
        elif target.title is None and _is_title(line):
            target.title = line
        elif target.name is None and _looks_like_name(rest):
            target.name = rest
        elif target.organisation is None and ORGANISATION_WORDS.search(line) and \
                not target.address:
            target.organisation = line
        elif target.name or target.title:
            address_started = True
            target.address.append(line)


def _is_title(line: str) -> bool:
    """'Minister of Justice', 'Party Secretary of Xinjiang'; not 'Office of the President'."""
    title = TITLE_WORDS.search(line)
    if not title or re.search(r"\d", line) or line[title.end():].startswith(("'s", "’s")):
        return False  # "the Ombudsman's Office" is an office
    return not ORGANISATION_WORDS.match(line) or len(line[:title.start()].split()) <= 1


_NOT_NAME = re.compile(r"\b(of|the|and|for|in|to|Republic|Embassy|Ministry|Office|Due|Please|"
                       r"Building|Street|Avenue|Road|Lu|Qu|Region|Province|Autonomous|Kingdom|"
                       r"Federation|Territory|County|City|District|Prefecture|Union)\b")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (1 <= len(words) <= 5 and not _NOT_NAME.search(text) and not TITLE_WORDS.search(text)
            and all(w[0].isupper() or w.startswith(("al-", "el-", "bin", "van", "de", "da"))
                    for w in words) and not re.search(r"\d|@", text))


_CONNECTORS = {"and", "of", "the", "for", "State", "Public", "General", "Deputy", "Vice", "First",
               "Interior", "Justice", "Foreign", "Affairs", "Home", "Defence", "Defense",
               "Human", "Rights", "Security", "Internal", "National", "Social", "Labour",
               "Labor", "Health", "Education", "Prime", "Attorney", "Chief", "Senior"}


def _run_on(target: Target, line: str) -> None:
    """A block flattened onto one line ('Ambassador Ha Kim Ngoc Embassy of ... 1233 20th St
    NW, ...'): title words, a name, an organisation, then the address from its first
    number on. A note in prose ('Due to postal restrictions, ...') is left out."""
    prose = re.search(r"(?:\s[A-Z][a-z]+)?(?:\s[a-z][\w-]*){3,}", line)
    if prose:
        note_end = re.search(r"\s(?=(?:(?:So|Số|No|Nr|Ste|Apt)\.? )?\d)", line[prose.end():])
        line = line[:prose.start()] + (line[prose.end() + note_end.start():] if note_end else "")
    cut = re.search(r"\s(?=(?:(?:So|Số|No|Nr|Ste|Apt)\.? )?\d)", line)  # 'So 1A', 'No. 10', '1233'
    head, address = (line[:cut.start()], line[cut.end():]) if cut else (line, "")
    honorific = HONORIFICS.match(head)
    head = head[honorific.end():] if honorific else head
    shouted = re.match(r"^((?:[A-Z][A-Z’'-]+ ){1,3}[A-Z][A-Z’'-]+)(?= [A-Z][a-z])", head)
    if shouted:  # 'CHRISTIAN KATSANDE Embassy of ...': a name in capitals
        head = shouted.group(1).title() + head[shouted.end():]
        target.checks["name"] = "written in capitals in the UA; check the spelling"
    phone = re.search(r"\s((?:\+|0)[\d ]{8,}\d)$", address)
    if phone:  # a number with no label at the end of the address
        target.phone.append(phone.group(1))
        target.checks["phone"] = "a number without a label in the UA: phone or fax?"
        address = address[:phone.start()]
    if _tangled(head):
        _untangle(target, head, address)
        return
    org = ORGANISATION_WORDS.search(head)
    first = head[:org.start()].strip() if org and org.start() else head.strip()
    if org and org.start():
        words = head[org.start():].split()
        repeat = next((i for i in range(1, len(words)) if words[i] == words[i - 1]), None)
        if repeat:  # 'Embassy of ... Zimbabwe Zimbabwe House 429': the address starts again
            address = " ".join(words[repeat:]) + (" " + address if address else "")
            words = words[:repeat]
        target.organisation = " ".join(words)
    if ", " in first and TITLE_WORDS.search(first.split(", ")[0]):
        title, name = first.split(", ", 1)
    else:
        title, name = _title_and_name(first)
    target.title = title or None
    target.name = name if _looks_like_name(name) else None
    if address.strip():
        target.address = [address.strip().rstrip(",")]


def _title_and_name(text: str) -> tuple[str, str]:
    """'Secretary General and State President Nguyen Phu Trong', 'Party Secretary of Xinjiang
    Ma Xingrui', 'Minister of Home Affairs Soe Htut' -> the title, then the rest (a name).
    A title opens with a title word (after at most two others) and goes on through linking
    words and the one place named after 'of'."""
    words = text.split()
    first = next((i for i, w in enumerate(words[:3]) if TITLE_WORDS.fullmatch(w)), None)
    if first is None:
        return "", text
    split = first + 1
    for i in range(split, len(words)):
        if TITLE_WORDS.fullmatch(words[i]) or words[i] in _CONNECTORS or \
                words[i - 1] in ("of", "the"):
            split = i + 1
        else:
            break
    return " ".join(words[:split]), " ".join(words[split:])


def _tangled(head: str) -> bool:
    """Two PDF columns run together: an 'Ambassador' after the start, and another title."""
    words = head.split()
    later = [w for w in words[1:] if w == "Ambassador"]
    return bool(later) and any(TITLE_WORDS.fullmatch(w) and w != "Ambassador" for w in words)


def _untangle(target: Target, head: str, address: str = "") -> None:
    """'Andrei Shved Ambassador Dmitry Basik Prosecutor General of ... Embassy of Belarus':
    the first column's name, the second's; then the first's title, the second's embassy.
    Only these are read: the rest of the two columns cannot be told apart."""
    target.tangled = True
    first, _, rest = head.partition(" Ambassador ")
    words = rest.split()
    end = next((i for i, w in enumerate(words) if TITLE_WORDS.fullmatch(w)), len(words))
    second_name, after = " ".join(words[:end]), " ".join(words[end:])
    title, _, embassy = after.partition(" Embassy ")
    if _looks_like_name(first.strip()):
        target.name = first.strip()
    target.title = title.strip() or None
    other = Target(title="Ambassador", tangled=True)
    if _looks_like_name(second_name):
        other.name = second_name
    if embassy:
        known = set(title.split())
        kept = ["Embassy"]
        for word in embassy.split():
            if word not in known:
                break
            kept.append(word)
        if len(kept) > 2:
            other.organisation = " ".join(kept)
            target.loose = " ".join(embassy.split()[len(kept) - 1:])
    target.loose = f"{target.loose} {address}".strip()
    target.partner = other
