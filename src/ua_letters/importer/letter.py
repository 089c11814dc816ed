"""What the UA says, from its model letter and summary: the demands in order, the facts
without the letter's first-person framing, and the additional information."""

from __future__ import annotations

import re

from ua_letters.importer.words import find

LETTER_END = re.compile(r"^\s*(?:Yours (?:sincerely|faithfully)|Best regards|Sincerely|"
                         r"Kind regards|Respectfully|Yours truly)\b", re.IGNORECASE)


_URGE = re.compile(r"\b(?:urge|call on|ask|request) (?:you|them|the (?:[\w-]+ )?authorities) "
                   r"to\s*:?\s*$|"
                   r"^\s*(?:[-•*]\s*)?(?:Calling on|Urging)", re.IGNORECASE)


_BULLET = re.compile(r"^\s*(?:[-•*·▪]|\d+[.)])\s+")


def read_demands(lines: list[str], letter: int | None) -> tuple[list[str], bool]:
    start = find(lines, _URGE, start=letter or 0)
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
            if LETTER_END.search(line) or re.match(r"^[A-Z ]{12,}$", line.strip()):
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
                      r"ask for|demand|call for) ([^.,;]+)", flat)
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
    'Release X'; 'urging them to reveal X and to let Y' -> 'Reveal X and let Y'."""
    text = " ".join(text.split()).rstrip(";,. ")
    text = re.sub(r"^(?:calling on|urging|asking) (?:the (?:[\w-]+ )?authorities|them) to ", "",
                  text, flags=re.IGNORECASE)
    text = _COORDINATED_TO.sub(r"\1 ", text)  # every demand completes 'I urge you to'
    text = re.sub(r"\s*(?:;|,)?\s+and$", "", text)
    return text[:1].upper() + text[1:]


# Verbs a demand asks for, after 'and to' ('... and to let her see her family'): only these
# lose their 'to' ('access to a lawyer and to her family' keeps it)
_DEMAND_VERBS = (r"release|reveal|disclose|let|allow|grant|give|ensure|guarantee|protect|drop|"
                 r"quash|overturn|commute|halt|stop|end|cease|refrain|lift|repeal|amend|"
                 r"investigate|provide|bring|conduct|carry|take|return|restore|respect|inform|"
                 r"hold|open|withdraw|free|permit|facilitate|publish|confirm|clarify|"
                 r"establish|uphold|implement|adopt|abolish|suspend|annul|remove|stay|put|"
                 r"treat|transfer|move|make|set|immediately|urgently|promptly|also|publicly")
_COORDINATED_TO = re.compile(rf"(,|\band|\bor|\bthen)\s+to\s+(?=(?:{_DEMAND_VERBS})\b)")


def demand_check(demand: str) -> str | None:
    """A `# check:` for a demand still asking 'and to <something>' whose verb the importer
    does not know: it is kept as written rather than guessed."""
    if re.match(r"Reminding\b", demand):
        return "a reminder in the UA's list, not a request: reword it as one, or move it to facts"
    left = re.search(r"(?:,|\band|\bor)\s+to\s+([a-z]+)", demand)
    if left and not re.fullmatch(r"the|a|an|his|her|their|its|him|them|all|any|those|these|"
                                 r"this|that|family|families|lawyers?|medical|doctors?|"
                                 r"relatives|independent|justice|international|[a-z]+s",
                                 left.group(1)):
        return (f"kept as the UA asks it; if \"to {left.group(1)}\" is a verb the letter asks "
                "for, drop its \"to\"")
    return None


# 'ADDITIONAL INFORMATION', or a web page's heading 'Additional information' on its own line
BACKGROUND = re.compile(r"^\s*(?:(?:ADDITIONAL|BACKGROUND) INFORMATION\b|(?:Additional|Background) "
                        r"information\s*:?\s*$|Background\s*:?\s*$)")


def story_text(lines: list[str], letter: int | None) -> str:
    """The summary and the letter (the background is about more than the person)."""
    end = find(lines, BACKGROUND)
    return "\n".join(lines[:end] if end is not None else lines)


_FIRST_PERSON = re.compile(r"\b(?:I|We|we|my|My|our|Our|me|us)\b|\b(?:must|should|urge|call on)\b|"
                           r"\b(?i:vous|votre|vos|nous|notre|nos|usted|ustedes|Sie|Ihre?)\b")


def read_facts(lines: list[str], letter: int | None) -> list[str]:
    """Sentences of the model letter, without its first-person framing and its demands;
    those of the summary too when the letter gives fewer than two (or there is none).
    A name's '(m)' or '(f)' is the UA's note to the reader, not a letter's words; a
    'sentence' with a web link in it is a page's header or footer run into the story."""
    return [re.sub(r"\s\([fm]\)(?=[\s,.;:])", "", fact) for fact in _facts(lines, letter)
            if not re.search(r"https?://|\bwww\.", fact)]


def _facts(lines: list[str], letter: int | None) -> list[str]:
    if letter is None:
        return _summary_facts(lines)
    end = find(lines, _URGE, start=letter)
    closing = find(lines, LETTER_END, start=letter)
    stop = min(x for x in (end, closing, len(lines)) if x is not None)
    body = " ".join(line.strip() for line in lines[letter + 1:stop] if line.strip())
    first = lines[letter]
    inline = re.sub(r"^\s*Dear [^,]+,\s*", "", first) if first.count(",") and \
        len(first) > 80 else ""
    body = f"{inline} {body}".strip()
    sentences = [_without_framing(s) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", body)]
    facts = [s for s in map(about_the_case, sentences) if s and not _FIRST_PERSON.search(s) and
             s.rstrip().endswith((".", "!", "?", "”", '"'))]
    if len(facts) < 2:
        facts = _summary_facts(lines[:letter]) + facts
    return facts


_FRAMING = re.compile(r"^I am writing (?:to you )?(?:to express (?:my )?(?:deep |grave |serious )?"
                      r"concern |)(?:about|for|regarding|on behalf of) (?:the (?:situation|case) "
                      r"of )?(?P<who>[^,]+?(?:\([^)]*\))?), (?:(?P<role>[^,]+?),? )?who "
                      r"(?P<rest>[^,].+)$")


def _without_framing(sentence: str) -> str:
    """'I am writing to express concern for the poet X, who has been held since May.' ->
    'The poet X has been held since May.': the fact, without the letter's framing."""
    match = _FRAMING.match(sentence)
    if not match:
        return sentence
    who = match.group("who")
    if match.group("role"):  # 'X, a fisherman who was sentenced' -> 'X, a fisherman, was'
        who = f"{who}, {match.group('role')},"
    return f"{who[:1].upper()}{who[1:]} {match.group('rest')}"


def _summary_facts(lines: list[str]) -> list[str]:
    stop = re.compile(r"^\s*(?:TAKE ACTION|RECOMMENDED ACTION|ADDITIONAL INFORMATION|BACKGROUND "
                      r"INFORMATION|PLEASE SEND|\d[.)] |(?:write|send appeals) to\s*:?\s*$|"
                      r"Background\s*:?\s*$)", re.IGNORECASE)
    end = find(lines, stop)
    paragraphs, current = [], []
    for line in lines[:end] if end is not None else lines:
        text = line.strip()
        if text and not re.fullmatch(r"[A-Z0-9 :,;'\"’“”-]{4,}", text) and \
                not _page_line(text):
            current.append(text)
        elif current:  # a blank line, a heading or a line of the page's own ends a paragraph
            paragraphs.append(" ".join(current))
            current = []
    paragraphs.append(" ".join(current))
    sentences = [s for p in paragraphs if len(p) > 100 and p.count(". ") + 1 >= 2
                 for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", p)]
    return [s for s in map(about_the_case, sentences)
            if s and not _FIRST_PERSON.search(s) and s.endswith(".") and
            re.match(r"[A-Z“\"‘\d]", s)]


def _page_line(line: str) -> bool:
    """A line of the page rather than the story: navigation, a link, a date alone, the UA's
    number, a rule, 'PAKISTAN Aasia Bibi (f)'. A page flattened onto long lines is sorted
    sentence by sentence instead (`about_the_case`)."""
    from ua_letters.importer.words import find_date

    return bool((_FURNITURE.search(line) and len(line) <= 160) or  # not a flattened page
                re.fullmatch(r"[-=_*~ ]{3,}", line) or
                (len(line) <= 20 and find_date(line)) or
                re.fullmatch(r"[A-Z]{3,}(?: [A-Z]{3,})*(?: \S+){1,4} \([fm]\)", line))


# A page's furniture: a section's navigation, a PDF's running header, a saved page's menus
_FURNITURE = re.compile(
    r"^\W*(?:Urgent Action|Document\b|From Amnesty International|date\s+\d)|"
    r"\bUA\s*:?\s*\d+\s?/\s?\d|\bIndex\s*:|\bDate\s*:|https?://|\bwww\.|\bTo learn about\b|"
    r"print-friendly|\bfor a print|\bto print\b|\bSign Up\b|\bPost Body\b|\bclick here\b|"
    r"\bcopy of #|\bvisit (?:our|the) (?:web ?site|page)|\S@\S", re.IGNORECASE)
# A heading in capitals ('URGENT ACTION JOURNALIST FACING TORTURE'), three words or more
_CAPITALS = re.compile(r"(?:\b[A-Z][A-Z’'‘“”\"-]+[,:]?\s+){2,}[A-Z][A-Z’'‘“”\"-]+\b\s*"
                       r"(?=[A-Z“\"][a-z])")


def about_the_case(sentence: str) -> str | None:
    """The sentence as a fact about the case, or None when it is a page's furniture: what
    comes before a heading in capitals is the page's header, not the story; the UA's '(f)'
    after a name says her pronouns and stays out of the letter."""
    headings = list(_CAPITALS.finditer(sentence))
    if headings and (_FURNITURE.search(sentence[:headings[-1].start()]) or
                     not sentence[:headings[0].start()].strip()):
        sentence = sentence[headings[-1].end():]  # not 'Police in the UN OHCHR HRC Hall...'
    if _FURNITURE.search(sentence):
        return None
    return re.sub(r"\s*\([fm]\)(?=[\s,.;:])", "", sentence).strip() or None


def read_background(lines: list[str]) -> list[str]:
    start = find(lines, BACKGROUND)
    if start is None:
        return []
    paragraphs, current = [], []
    rest = lines[start + 1:]
    for i, line in enumerate(rest):
        if re.match(r"^\s*(?:PREFERRED LANGUAGE|PLEASE TAKE ACTION|PLEASE SEND|NAME AND PRONOUN|"
                    r"RECOMMENDED ACTION)", line, re.IGNORECASE):
            break
        alone = i + 1 == len(rest) or not rest[i + 1].strip()  # not a PDF's wrapped line
        if line.strip() and not current and len(line) < 80 and not line.rstrip().endswith(
                (".", ":")) and paragraphs and alone:
            break  # 'About Xinjiang': the UA's general background starts; the case's ends
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in paragraphs if len(p) > 80 and p.rstrip().endswith((".", "”", '"'))]
