"""Who the UA is about, what it says about them, and what it asks for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ua_letters.importer.words import fold

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_ROLES = (r"lawyer|poet|activist|student|defender|journalist|captain|member|coordinator|doctor|"
          r"teacher|friend|partner|husband|wife|son|daughter|brother|sister|mother|father|"
          r"blogger|writer|artist|researcher|academic|trade unionist|leader|conscience|"
          r"release|releasing|free|protect|against|for|about|of prisoner|Uyghur|woman|man")
_ROLE_NOUNS = (r"lawyer|poet|activist|student|defender|journalist|captain|teacher|doctor|blogger|"
               r"writer|artist|researcher|academic|unionist|leader|singer|musician|nurse|"
               r"engineer|farmer|worker|photographer|filmmaker|priest|pastor|imam|scholar|"
               r"professor|economist|reporter|editor|critic|dissident|campaigner|fisherman|"
               r"fisher|labourer|laborer|driver|trader|shopkeeper|midwife|pharmacist")
_AFTER = (r"(?:’s|'s)?(?:,\s+(?:a|an|the|another|who|his|her)\b|,?\s+(?:was|is|has|had|have|"
          r"who|remains|faces|denies|suffers|received|arrived|told|says|said|informed|"
          r"reported|noticed|appeared|lives|spent|went)\b|\s+\((?:[^)]*[^\x00-\x7f]|"
          r"[fm]\)|also known as|aka\b)|,\s+\d+,)")
_COMMON = {"The", "A", "An", "On", "In", "At", "Her", "His", "She", "He", "They", "It", "This",
           "Amnesty", "International", "Urgent", "Action", "Dear", "Police", "Since", "After",
           "Until", "Pending", "Please", "We", "I", "If", "As", "Both", "Two", "Three", "Four",
           "Five", "Six", "Seven", "Some", "Many", "Prophet", "God", "Muhammad", "Court",
           "Christian", "Muslim", "Ministry", "Embassy", "Republic", "Secretary", "General",
           "State", "President", "Minister", "Ambassador", "Public", "Prosecutor", "Office",
           "Head", "Mr", "Ms", "Mrs", "Dr", "Lt", "Gen", "Party", "Click", "Write", "Take",
           # a demand's first word: 'Release Hala Nirvani ...' names no 'Release Hala'
           "Release", "Free", "Ensure", "Drop", "Allow", "Protect", "Quash", "Stop", "End",
           "Grant", "Guarantee", "Investigate", "Disclose", "Reveal", "Halt", "Commute",
           "Lift", "Immediately", "Urgently", "Provide", "Respect", "Urge", "Call",
           "Background"}  # a heading run into its paragraph: 'Background Writers who ...'
SITUATIONS = (
    ("facing-execution", r"sentenced to death|death sentence|risk of (?:imminent )?execution|"
                         r"facing execution|face execution|death penalty"),
    ("sentenced", r"\bsentenced\b|\bserving (?:a|one|two|three|\w+)[- ]year|serving (?:a|his|"
                  r"her|their) (?:sentence|term)|found guilty"),
    ("detained", r"\bdetained\b|\bdetention\b|\bin custody\b|\bheld (?:in|at|incommunicado|"
                 r"without|there)\b|\bimprisoned\b|\bremanded\b|\barrested\b"),
    ("on-trial", r"\bcharged\b|\bcharges\b|\bindictment\b|\bon trial\b|\bawaiting trial\b|"
                 r"\bpending trial\b|\bappeal against\b"),
    ("whereabouts-unknown", r"whereabouts (?:\w+ ){0,4}(?:unknown|concealed)|enforced "
                            r"disappearance|den(?:y|ies|ied) holding|denying that|"
                            r"denied that (?:he|she|they) (?:is|are|was|were) (?:in custody|"
                            r"held|detained)|"
                            r"(?:to|at|in) an unknown location"),
    ("harassed", r"\bthreat(?:s|ened|ening)?\b|\bintimidat\w+|\bharass\w+"),
    ("torture-risk", r"risk of (?:\w+ ){0,4}torture|facing torture|may indicate torture|"
                     r"at risk of being tortured"),
    ("released", r"\b(?:has|have|had) been released\b|\b(?:was|were) released\b|"
                 r"\breleased (?:(?:her|him|them) )?on bail\b|\bgranted bail\b"),
    ("travel-ban", r"\b(?:is|are|was|were|been) (?:banned|barred) from (?:leaving|travelling)\b|"
                   r"\b(?:may|can|must) not leave the country\b|\bunder a travel ban\b"),
    ("health-at-risk", r"deteriorat\w+ (?:in|of) (?:his|her|their) health|suffer(?:s|ing)? "
                       r"from|medical (?:care|checks|treatment)|medication|asthma|"
                       r"(?:health|heart|medical) condition"),
)


@dataclass
class Person:
    name: str
    kind: str = "person"
    native_name: str | None = None
    alias: str | None = None
    role: str | None = None
    pronouns: str | None = None
    gender: str | None = None
    age: int | None = None
    headcount: int | None = None
    situation: list[str] = field(default_factory=list)
    check: str | None = None  # why the name is a guess to check
    gender_hint: str | None = None  # from the pronouns the UA uses: offered, not set


def find_people(text: str, story: str, exclude: set[str]) -> list[Person]:
    """The people (or group, or organisations) at risk; `story` is the text their
    situation is read from (summary and letter, not the background)."""
    flat = " ".join(text.split())
    people = _declared(flat)
    if not people:
        people = [Person(name) for name in _named(flat, exclude)]
    group = _others(flat) or _among(flat, [p.name for p in people]) or \
        _at_least(flat, [p.name for p in people])
    if people and group:
        people.append(group)
    if not people:
        people = _organisations(flat) or ([_counted(flat)] if _counted(flat) else [])
    story = " ".join(story.split())
    for person in people:
        _details(person, flat, story, len(people))
    return people


def _declared(flat: str) -> list[Person]:
    """'NAME AND PRONOUN: Kamile Wayit (she/her)', 'PAKISTAN Aasia Bibi (f)', 'Name: X'."""
    people = []
    label = re.search(r"NAMES? AND PRONOUNS?(?: USED)?\s*:\s*", flat, re.IGNORECASE)
    if label:  # 'Kamile Wayit (she/her)', or several: 'A (he/him), B and C (they/them)'
        said = r"\(([a-z]+/[a-z]+(?:/[a-z]+)?|[fm])\)"  # '(she/her)', or '(f)'
        one = rf"[^()]{{1,80}}?{said}(?:\s*(?:,|;|and)\s*)?"
        listed = re.match(rf"(?:{one})+", flat[label.end():], re.IGNORECASE)
        for match in re.finditer(rf"([^()]+?)\s*{said}", listed.group(0) if listed else "",
                                 re.IGNORECASE):
            said_as = match.group(2).lower()
            details = _marker(said_as) if len(said_as) == 1 else {"pronouns": said_as}
            for name in re.split(r"\s*(?:;|,| and )\s*", match.group(1)):
                if name.strip(" ,;") and name.strip() != "and":
                    people.append(Person(name.strip(" ,;"), **details))
    marked = re.search(r"\b[A-Z]{3,}(?: [A-Z]{3,})* ((?:[A-Z][\w’'-]+ ){1,3}[A-Z][\w’'-]+) "
                       r"\((f|m)\)", flat)
    if marked and not people:
        name = marked.group(1)
        role = re.match(rf"(?i:{_ROLE_NOUNS}) (?=\S+ \S)", name)  # 'Reporter Yusuf Tarn (m)'
        people.append(Person(name[role.end():] if role else name, **_marker(marked.group(2))))
    footer = re.search(r"\bName:\s*([^:]+?)\s+Gender m/f:\s*([mf])\b", flat)
    if footer and not people:
        for name in re.split(r"\s*(?:,| and )\s*", footer.group(1)):
            people.append(Person(name, gender="female" if footer.group(2) == "f" else "male"))
    return people


_MARKER = r"\s*\(([fm])\)"  # 'Anna Bergmann (f)': the UA's way of giving her pronouns


def _marker(letter: str) -> dict[str, str]:
    """'(f)' -> she/her and female; '(m)' -> he/him and male."""
    return {"gender": "female", "pronouns": "she/her"} if letter == "f" else \
        {"gender": "male", "pronouns": "he/him"}


def _named(flat: str, exclude: set[str]) -> list[str]:
    """Runs of two to four capitalised words, never written in lower case elsewhere, that the
    text treats as a person: followed by 'was', ', a', "'s"..., preceded by a role, or listed
    beside someone who is ('Osman Kavala, Yiğit Aksakoğlu and 14 others')."""
    lowered = {w.lower() for w in re.findall(r"\b[a-z][\w’'-]*", flat)}
    runs: list[str] = []
    run: list[str] = []
    for token in [*flat.split(), ""]:
        bare = token.strip("“”\"‘(").rstrip(".,;:’')”\"")
        bare = re.sub(r"(?:’s|'s)$", "", bare)
        fits = bool(bare) and (bare[0].isupper() or bare.startswith(("al-", "el-"))) and \
            bare.lower() not in lowered and bare not in _COMMON and \
            not (bare.isupper() and len(bare) > 2) and not re.search(r"\d|@", bare) and \
            not token.startswith(("(", "“", '"'))
        if fits and not run and re.fullmatch(_ROLE_NOUNS, bare.lower()):
            fits = False  # 'Lawyer Kyee Myint' at the start of a sentence
        elif fits:
            run.append(bare)
        if not fits or token != bare:  # punctuation ends a name
            if 2 <= len(run) <= 4:
                runs.append(" ".join(run))
            run = [] if not fits or token != bare else run
    found: list[str] = []
    for name in dict.fromkeys(runs):
        if _excluded(name, exclude) or any(name in other for other in found):
            continue
        if _is_person(name, flat):
            found = [other for other in found if other not in name] + [name]
    for name in dict.fromkeys(runs):  # listed beside a person found above
        if name in found or _excluded(name, exclude) or any(name in o for o in found):
            continue
        quoted = re.escape(name)
        if any(re.search(rf"{re.escape(o)}(?:,| and) {quoted}\b|\b{quoted}(?:,| and) "
                         rf"{re.escape(o)}", flat) for o in found):
            found.append(name)
    return sorted(found, key=flat.find)


def _excluded(name: str, exclude: set[str]) -> bool:
    plain = fold(name)
    return any(plain in fold(other) or fold(other) in plain for other in exclude if other)




_OFFICIAL = (r"President|Minister|Secretary|Judge|Prosecutor|Governor|King|Queen|Ambassador|"
             r"General|Commander|Chief|Mayor|spokesperson|Senator|Chairman|judge|prosecutor")


def _is_person(name: str, flat: str) -> bool:
    """Named as someone at risk; not an official ('President Xi Jinping has said')."""
    quoted = re.escape(name)
    if re.search(rf"\b(?:{_OFFICIAL})\s+{quoted}\b", flat):
        return False
    french = (rf"\b(?:avocate?|journaliste|militante?|défenseure?|étudiante?)(?:\s+[a-zé]+)?"
              rf"\s+{quoted}\b")
    return bool(re.search(quoted + _AFTER, flat) or re.search(french, flat) or
                re.search(rf"\b(?i:{_ROLES})\s+{quoted}\b", flat))


def _others(flat: str) -> Person | None:
    """'... and 14 other prominent civil society figures' -> a group of 14."""
    match = re.search(r"\band (\d+|two|three|four|five|six|seven|eight|nine|ten) others?\b",
                      flat, re.IGNORECASE)
    if not match:
        return None
    count = match.group(1).lower()
    number = int(count) if count.isdigit() else _NUMBERS[count]
    return Person(f"{match.group(1)} others", kind="group", headcount=number)


def _among(flat: str, named: list[str]) -> Person | None:
    """'31 garment workers, including union leaders A and B': the named people are among a
    counted group; the others are a group of their own, 'the 29 other garment workers'."""
    for match in re.finditer(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                             r"twelve) ((?:[a-z-]+ ){0,2}[a-z]+s), (?:including|among them)\b"
                             r"([^.;]{0,160})", flat, re.IGNORECASE):
        inside = [name for name in named if name in match.group(3)]
        count = match.group(1).lower()
        rest = (int(count) if count.isdigit() else _NUMBERS[count]) - len(inside)
        if inside and rest > 0:
            return Person(f"{rest} other {match.group(2)}", kind="group", headcount=rest,
                          check=f"the UA counts {match.group(1)} {match.group(2)}, "
                                f"{' and '.join(inside)} among them")
    return None


def _at_least(flat: str, named: list[str]) -> Person | None:
    """'At least 20 students who joined the march were detained with them': others held
    beside the named people, counted only roughly; in a sentence naming none of them, and
    only when the UA asks something for them ('release ... the students')."""
    for sentence in re.split(r"(?<=[.!?])\s+", flat):
        match = re.search(r"\b((?i:at least|more than|over|around|about|some|nearly|almost|"
                          r"approximately)) (\d+|two|three|four|five|six|"
                          r"seven|eight|nine|ten|eleven|twelve) ((?:[a-z-]+ ){0,2}(?:activists|"
                          r"defenders|journalists|students|people|men|women|members|lawyers|"
                          r"protesters|workers|others))\b(?! of)", sentence)
        if not match or not named or any(name in sentence for name in named) or \
                not re.search(r"\b(?:detained|arrested|held|charged|in custody|imprisoned|"
                              r"facing|face|at risk)\b", sentence[match.end():]):
            continue
        said, count, who = match.group(1).lower(), match.group(2).lower(), match.group(3)
        noun = who.split()[-1]
        if not re.search(rf"\b(?i:release|free|drop|protect|ensure)\b[^.;]{{0,160}}\b{noun}\b",
                         flat):
            continue  # a UA that asks nothing for them is not about them
        number = int(count) if count.isdigit() else _NUMBERS[count]
        return Person(f"{said} {count} {who}", kind="group", headcount=number,
                      check=f"the UA says '{match.group(0)}': the headcount is not exact; "
                            "check the group is at risk with the people named")
    return None


def _counted(flat: str) -> Person | None:
    """'The trial of seven activists': an unnamed group with an exact headcount."""
    match = re.search(r"(?<!over )(?<!than )(?<!approximately )(?<!about )\b(two|three|four|"
                      r"five|six|seven|eight|nine|ten|eleven|twelve|\d+) (activists|defenders|"
                      r"journalists|students|people|men|women|members|lawyers|protesters)\b",
                      flat, re.IGNORECASE)
    if not match:
        return None
    count = match.group(1).lower()
    number = int(count) if count.isdigit() else _NUMBERS[count]
    return Person(f"{count} {match.group(2).lower()}", kind="group", headcount=number)


def _organisations(flat: str) -> list[Person]:
    """When the people at risk are organisations: acronyms the text calls organisations."""
    if not re.search(r"\borgani[sz]ations?\b", flat):
        return []
    names = []
    for acronym in dict.fromkeys(re.findall(r"\b[A-Z]{4,}\b", flat)):
        if acronym in ("URGENT", "ACTION", "TAKE", "AMNESTY", "INTERNATIONAL", "PLEASE",
                       "FARC", "NAME", "ADDITIONAL", "INFORMATION") or \
                flat.count(acronym) < 2:
            continue
        names.append(Person(acronym, kind="organisation"))
    return names


def _details(person: Person, flat: str, story: str, count: int) -> None:
    name = re.escape(person.name)
    if person.kind == "person":
        marker = re.search(name + _MARKER, flat)
        if marker and not (person.gender or person.pronouns):
            for key, value in _marker(marker.group(1)).items():
                setattr(person, key, value)
        name += r"(?:\s*\([fm]\))?"  # 'Anna Bergmann (f), a 34-year-old poet'
        age = re.search(name + r",?\s+(?:a|an|the)\s+(\d{1,3})-year-old", flat) or \
            re.search(name + r",\s+(?:aged\s+)?(\d{1,3}),", flat)  # 'Yusuf Tarn (m), aged 29,'
        ages = set(re.findall(r"\b(\d{1,3})-year-old\b", flat))
        if age:
            person.age = int(age.group(1))
        elif count == 1 and len(ages) == 1:
            person.age = int(ages.pop())
        marked = re.search(name + r"\s*\(([fm])\)", flat)  # 'Irina Sokol (f)' in the story
        if marked and not (person.gender or person.pronouns):
            person.gender = "female" if marked.group(1) == "f" else "male"
        native = re.search(name + r"\s*\(([^\x00-\x7f][^)]*)\)", flat)
        if native:
            person.native_name = native.group(1).strip()
        alias = re.search(name + r"(?:,| \()\s*(?:also known as|known as|aka|a\.k\.a\.)\s+"
                          r"([^,)]{2,40})[,)]", flat)
        if alias:
            person.alias = alias.group(1).strip(" “”\"")
        role = re.search(rf"\b((?:(?!(?:and|or|the|a|an|of|with|by)\b)(?-i:[a-z])[\w-]* ){{0,3}}"
                         rf"(?:{_ROLE_NOUNS}))\s+{name}\b",
                         flat, re.IGNORECASE)
        role = role or re.search(rf"{name},\s+an?\s+(?:\d{{1,3}}-year-old\s+)?"
                                 rf"((?:[a-z][\w-]* ){{0,2}}(?:{_ROLE_NOUNS}))\b", flat)
        if role:  # 'poet X', or 'X, a 52-year-old farmer'
            person.role = role.group(1).lower()
    sentences = re.split(r"(?<=[.!?])\s+", story)
    if count > 1:
        first = person.name.split()[0]
        sentences = [s for s in sentences if first in s]
    about = " ".join(s for s in sentences if not re.search(  # the demands, not the story
        r"\b(must|should|urg(?:e|es|ing)|call(?:s|ing)? on)\b", s))
    person.situation = [word for word, pattern in SITUATIONS
                        if re.search(pattern, " ".join(sentences) if word == "travel-ban"
                                     else about, re.IGNORECASE)]  # 'banned from ... and must'
    if count == 1 and person.kind == "person" and not (person.gender or person.pronouns):
        _gender_from_pronouns(person, story)
    if "released" in person.situation and "detained" in person.situation and not \
            re.search(r"\b(?:remains?|still) (?:in detention|in custody|held|detained)\b|"
                      r"\bre-?arrested\b", about, re.IGNORECASE):
        person.situation.remove("detained")  # 'spent three weeks in detention before ... bail'
    if "facing-execution" in person.situation and "sentenced" in person.situation and not \
            re.search(r"sentenced to (?!death)|serving", about):
        person.situation.remove("sentenced")


def _gender_from_pronouns(person: Person, story: str) -> None:
    """The one person a UA is about, whom it calls 'she'/'her' (or 'he'/'his') nearly every
    time (an official is 'him' now and then): offered as a commented line to check, since
    the UA does not declare it."""
    female = len(re.findall(r"\b(?:she|her|hers|herself)\b", story, re.IGNORECASE))
    male = len(re.findall(r"\b(?:he|him|his|himself)\b", story, re.IGNORECASE))
    if female >= 3 and male * 5 <= female:
        person.gender_hint = "female"
    elif male >= 3 and female * 5 <= male:
        person.gender_hint = "male"
