"""Print-ready DOCX, written as WordprocessingML directly so 10,000 letters take seconds."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from ua_letters.errors import UserError
from ua_letters.exporters.ooxml import (
    EAST_ASIAN_PASSAGE,
    EAST_ASIAN_TEXT,
    NS,
    Parts,
    clean,
    east_asian_fonts,
    escape,
    package,
)
from ua_letters.exporters.paper import MARGINS as _MARGINS
from ua_letters.exporters.paper import PAPERS
from ua_letters.letters.letter import Block, Letter

# Times New Roman has metric twins everywhere (Liberation Serif on Linux), so a letter
# that fits one page in LibreOffice fits one page in Word.
LATIN_FONT = "Times New Roman"
SIZE = 23  # half-points: 11.5 pt, for Latin text and the Chinese names in it
EAST_ASIAN_SIZE = 24  # 12 pt (小四), the body size of a Chinese letter
# No line break here: U+2060 WORD JOINER, Unicode's zero-width no-break. It keeps a Chinese
# name whole in a Latin line and a number with its unit (2022年, 29日) in Chinese text.
# LibreOffice honours it only where it breaks lines by Unicode's rules, not by its own
# Chinese rules (which break anywhere and ignore every joiner): in text whose East Asian
# language carries a script subtag (JOINED_LANGUAGE). Word, which knows only
# language-region tags, ignores such a tag and keeps the style's (zh-CN).
NO_BREAK = "\u2060"
JOINED_LANGUAGE = {"zh-CN": "zh-Hans-CN", "zh-TW": "zh-Hant-TW"}


def _joined(name: str) -> str:
    """卡米莱·瓦依提 with NO_BREAK between each two characters, the dot included."""
    return NO_BREAK.join(name)


@dataclass(frozen=True)
class Script:
    """How runs of one letter language are set: East Asian font and language tags."""

    lang: str
    east_asian_lang: str
    east_asian_font: str
    east_asian: bool  # the letter is written in an East Asian script


_CHINESE = Script("zh-CN", "zh-CN", "SimSun", True)
_SCRIPTS = {
    "zh": _CHINESE,
    "zh-Hans": _CHINESE,
    "zh-CN": _CHINESE,
    "zh-Hant": Script("zh-TW", "zh-TW", "PMingLiU", True),
    "zh-TW": Script("zh-TW", "zh-TW", "PMingLiU", True),
    "ja": Script("ja-JP", "ja-JP", "MS Mincho", True),
    "ko": Script("ko-KR", "ko-KR", "Batang", True),
}

# Numbers and Latin words (an address, an email) inside East Asian text: never broken.
_LATIN_WORDS = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:[.,:@/'’-][0-9A-Za-z\u00c0-\u024f]+)*")
# An East Asian letter's text as Latin words, East Asian stretches and what lies between.
_EAST_ASIAN_PIECES = re.compile(
    f"(?P<latin>{_LATIN_WORDS.pattern})|(?P<wide>{EAST_ASIAN_PASSAGE.pattern})")
_LATIN_IN_EAST_ASIAN = "en-US"
_RUNNING_TEXT = ("paragraph", "note", "demands")
_LATIN_LIST, _CJK_LIST = 0, 1  # numbering definitions: '1.' and '一、'
# East Asian text is set on exact lines (18 pt for 11.5 pt type), the same in Word with
# SimSun as in LibreOffice with the taller Noto Serif CJK, so a letter that fits the page
# in one fits in the other.
_EAST_ASIAN_LINES = ' w:line="360" w:lineRule="exact"'
_GAP = 140  # space before a block, in twips (7 pt)
_ITEM_GAP = 80  # between two demands
_SIGN_SPACE = 640  # room to sign above the printed name (32 pt, 1.13 cm)

# Block kind -> paragraph style id. Word's built-in names where Word has one, so the
# letter is edited with the styles people know.
_STYLE_OF = {
    "sender": "SenderAddress",
    "date": "Date",
    "recipient": "InsideAddress",
    "salutation": "Salutation",
    "paragraph": "BodyText",
    "note": "BodyText",
    "demands": "ListNumber",
    "closing": "Closing",
    "signature": "Signature",
    "cc": "CopyRecipients",
    "heading": "Heading1",
}

# Styles Word itself defines; the others are this letter's own.
_WORD_STYLES = {"Date", "Salutation", "Body Text", "List Number", "Closing", "Signature",
                "heading 1"}

# What LibreOffice on Linux sets Chinese in when SimSun is missing: named for East Asian
# letters (issue 15 decides how it is wired); a Latin letter declares only what it uses.
_FALLBACK = frozenset({"Noto Serif CJK SC"})
READING_COPY_HEADING = "READING COPY: DO NOT SEND"
READING_COPY_NOTE = (
    "Reading copy, not to be sent: a translation of the letter on the previous page, "
    "so that you know what you sign."
)


def paper_for(letter: Letter, paper: str | None) -> str:
    """'a4' or 'letter' for this letter: see exporters/paper.py."""
    from ua_letters.exporters.paper import paper_for as choose

    return choose(letter.writer.country, paper)


def script_for(letter: Letter) -> Script:
    """The letter's typesetting; Latin letters still give East Asian names a Chinese font.

    The language tag takes the writer's country as its region only where that country
    speaks the language (en-GB, en-US; a letter from Spain is tagged en, not en-ES)."""
    from ua_letters.letters.languages import normalize

    tag = normalize(letter.language)
    script = _SCRIPTS.get(tag) or _SCRIPTS.get(tag.split("-")[0])
    if script:
        return script
    lang = tag if "-" in tag else _with_region(tag, letter.writer.country)
    return Script(lang, _CHINESE.east_asian_lang, _CHINESE.east_asian_font, False)


def _with_region(language: str, country: str) -> str:
    from babel.languages import get_official_languages

    from ua_letters.letters.countries import territory

    region = territory(country) if country.strip() else None
    if region and language in get_official_languages(region, de_facto=True):
        return f"{language}-{region}"
    return language


class _Looks(NamedTuple):
    """The run properties (<w:rPr>) of one letter's script."""

    script: Script
    plain: str  # the letter's own text (hinted to the East Asian font in East Asian letters)
    latin: str  # a number or Latin word in East Asian text
    wide: str  # a stretch of East Asian text
    joined: str  # East Asian text whose characters are joined (see NO_BREAK)


class _Body:
    """Builds the paragraphs of document.xml one letter at a time, as plain strings."""

    def __init__(self, base: Script, duplex: bool):
        self.base, self.duplex = base, duplex
        self.parts: list[str] = []
        self.lists: list[int] = []  # the list style of each demands block, in order
        self.fonts = {LATIN_FONT, base.east_asian_font}
        self.worked_out: dict[tuple[str, str], _Looks] = {}  # see looks

    def run_properties(self, script: Script, latin: bool = False) -> str:
        fonts = ""
        if script.east_asian_font != self.base.east_asian_font:
            fonts = f' w:eastAsia="{script.east_asian_font}"'
            self.fonts.add(script.east_asian_font)
        if script.east_asian and not latin:
            fonts += ' w:hint="eastAsia"'  # shared punctuation (“ ” · …) in the CJK font
        rfonts = f"<w:rFonts{fonts}/>" if fonts else ""
        size = _size(script)
        sz = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size != SIZE else ""
        # Latin words in an East Asian letter are tagged as English, as Chinese Word does:
        # LibreOffice breaks text tagged zh-CN anywhere, numbers and words included
        lang = _LATIN_IN_EAST_ASIAN if latin else script.lang
        return (f'<w:rPr>{rfonts}{sz}<w:lang w:val="{lang}" '
                f'w:eastAsia="{script.east_asian_lang}"/></w:rPr>')

    def wide_properties(self, script: Script, joined: bool = False) -> str:
        """A stretch of East Asian text: in the East Asian font and language throughout
        (see ooxml.EAST_ASIAN_TEXT), so the · of 卡米莱·瓦依提 is never a narrow Latin dot;
        a `joined` stretch (see NO_BREAK) with the script subtag on its East Asian language."""
        font = script.east_asian_font
        self.fonts.add(font)
        size = _size(script)
        sz = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size != SIZE else ""
        lang = script.east_asian_lang
        east_asian = JOINED_LANGUAGE.get(lang, lang) if joined else lang
        return (f"<w:rPr>{east_asian_fonts(font, font != self.base.east_asian_font)}{sz}"
                f'<w:lang w:val="{lang}" w:eastAsia="{east_asian}"/></w:rPr>')

    def looks(self, letter: Letter) -> _Looks:
        """The letter's script and run properties, which follow from its language and its
        writer's country alone: worked out once for each such pair in a document, not for
        each of its hundreds of letters, nor for each run."""
        key = (letter.language, letter.writer.country)
        if key not in self.worked_out:
            script = script_for(letter)
            self.worked_out[key] = _Looks(
                script, self.run_properties(script), self.run_properties(script, latin=True),
                self.wide_properties(script), self.wide_properties(script, joined=True))
        return self.worked_out[key]

    def runs(self, text: str, looks: _Looks, running: bool = False) -> str:
        """Text as runs; East Asian stretches get runs of their own in the East Asian font,
        and in the running text of a Latin letter their characters are joined so a name
        never breaks mid-line."""
        text = clean(text)
        if looks.script.east_asian:
            return self._east_asian_runs(text, looks)
        plain = looks.plain
        if text.isascii() or not EAST_ASIAN_TEXT.search(text):  # no name in Chinese
            return self._run(text, plain)
        out, at = [], 0
        wide = looks.joined if running else looks.wide
        for match in EAST_ASIAN_TEXT.finditer(text):
            if match.start() > at:
                out.append(self._run(text[at:match.start()], plain))
            name = _joined(match.group()) if running else match.group()
            out.append(self._run(name, wide))
            at = match.end()
        if at < len(text):
            out.append(self._run(text[at:], plain))
        return "".join(out)

    def _east_asian_runs(self, text: str, looks: _Looks) -> str:
        """An East Asian letter's text: East Asian stretches wholly in the East Asian font;
        numbers and Latin words in runs of their own, without the hint and tagged as Latin
        text, else LibreOffice breaks them anywhere, as it breaks Chinese ("202" / "2年");
        the rest (spaces, Latin punctuation) hinted. A number stays with the unit right
        after it (2022年, 29日, 19岁): the unit gets a joined run of its own, NO_BREAK first,
        so the rest keeps LibreOffice's Chinese line breaking (hanging punctuation)."""
        hinted, latin, wide, joined = looks.plain, looks.latin, looks.wide, looks.joined
        out, at, number = [], 0, False
        for match in _EAST_ASIAN_PIECES.finditer(text):
            piece, adjacent = match.group(), match.start() == at
            if not adjacent:
                out.append(self._run(text[at:match.start()], hinted))
            if match.lastgroup == "latin":
                out.append(self._run(piece, latin))
            else:
                if number and adjacent:
                    out.append(self._run(NO_BREAK + piece[0], joined))
                    piece = piece[1:]
                if piece:
                    out.append(self._run(piece, wide))
            number = match.lastgroup == "latin" and piece[-1].isdigit()
            at = match.end()
        if at < len(text) or not out:
            out.append(self._run(text[at:], hinted))
        return "".join(out)

    @staticmethod
    def _run(text: str, properties: str) -> str:
        body = escape(text).replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
        return f'<w:r>{properties}<w:t xml:space="preserve">{body}</w:t></w:r>'

    def paragraph(self, style: str, runs: str, script: Script, *, before: int | None = None,
                  indent: str = "", align: str = "left", extra: str = "",
                  keep: str = "") -> None:
        attributes = (f' w:before="{before}"' if before is not None else "") + (
            _EAST_ASIAN_LINES if script.east_asian else "")
        spacing = f"<w:spacing{attributes}/>" if attributes else ""
        if align == "left" and script.east_asian and style in ("BodyText", "ListNumber"):
            align = "both"  # Chinese running text fills the line to both margins
        jc = f'<w:jc w:val="{align}"/>' if align != "left" else ""
        self.parts.append(
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}{extra}{spacing}{indent}{jc}</w:pPr>'
            f"{runs}</w:p>"
        )

    def letter(self, letter: Letter, signed: bool = True) -> None:
        """One letter's blocks in order, laid out as each block asks; room to sign above
        the printed name unless nobody signs it (a reading copy)."""
        looks = self.looks(letter)
        script = looks.script
        char = _size(script) * 10  # one character, in twips
        together = _kept_together(letter.blocks)
        for position, block in enumerate(letter.blocks):
            keep = _KEEP_NEXT if position in together else ""
            # An indented paragraph needs no space above it: the indent already marks it.
            indented = block.indent > 0 and block.kind in _RUNNING_TEXT
            before = 0 if position == 0 or block.tight or indented else None
            if before is None and block.kind == "signature" and not signed:
                before = _GAP
            if block.kind in _SIGN_OFF:
                keep += "<w:keepLines/>"
            if block.kind == "demands":
                self.demands(block, looks, char, before, keep)
            else:
                self.paragraph(_STYLE_OF.get(block.kind, "BodyText"),
                               self.runs("\n".join(block.lines), looks,
                                         block.kind in _RUNNING_TEXT), script,
                               before=before, indent=_indent(block, char), align=block.align,
                               keep=keep)

    def demands(self, block: Block, looks: _Looks, char: int, before: int | None,
                keep: str = "") -> None:
        """A numbered list restarting at 1 in every letter: '1.' items with a hanging indent,
        or in East Asian letters '一、' items indented like the paragraphs around them."""
        script = looks.script
        self.lists.append(_CJK_LIST if script.east_asian else _LATIN_LIST)
        if script.east_asian:
            indent = _indent(block._replace(kind="paragraph"), char)
        else:
            hundredths, twips = (block.indent + 2) * 100, (block.indent + 2) * char
            indent = (f'<w:ind w:left="{twips}" w:leftChars="{hundredths}" '
                      f'w:hanging="{2 * char}" w:hangingChars="200"/>')
        numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{len(self.lists)}"/></w:numPr>'
        for number, item in enumerate(block.lines):
            if number == 0:
                gap = _GAP if before is None else before
            else:
                gap = 0 if block.indent else None
            last = number == len(block.lines) - 1
            self.paragraph("ListNumber", self.runs(item, looks, True), script, before=gap,
                           indent=indent, align=block.align, extra=numbering,
                           keep=keep if last else "")

    def reading_copy(self, letter: Letter) -> None:
        """A new page headed, in bold above a double rule, that it is not to be sent (the
        copy's own heading if it has one), a note saying why, then the copy laid out like
        any letter."""
        looks = self.looks(letter)
        script = looks.script
        lines, blocks = (READING_COPY_HEADING, READING_COPY_NOTE), letter.blocks
        if blocks and blocks[0].kind == "heading":
            lines, blocks = blocks[0].lines, blocks[1:]
        self.paragraph("ReadingCopyHeading", self.runs(lines[0], looks), script,
                       before=0, align="center", extra="<w:pageBreakBefore/>")
        if lines[1:]:
            self.paragraph("ReadingCopyNote", self.runs("\n".join(lines[1:]), looks), script,
                           before=0, align="center")
        self.letter(replace(letter, blocks=blocks), signed=False)

    def section(self, paper: str) -> str:
        """Page size and margins; a new section per letter starts it on a new page or sheet."""
        width, height = PAPERS[paper]
        margins = "".join(f' w:{k}="{v}"' for k, v in _MARGINS[paper].items())
        start = "oddPage" if self.duplex else "nextPage"
        return (f'<w:sectPr><w:type w:val="{start}"/><w:pgSz w:w="{width}" w:h="{height}"/>'
                f'<w:pgMar{margins} w:header="709" w:footer="709" w:gutter="0"/>'
                f'<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')


def _size(script: Script) -> int:
    """The letter's type size in half-points: 小四 (12 pt) for East Asian letters."""
    return EAST_ASIAN_SIZE if script.east_asian else SIZE


# The back of a sheet left blank on purpose. Odd-page section breaks alone are not enough:
# LibreOffice's PDF export leaves out the blank pages they imply, and the letters then print
# back to back.
BLANK_BACK = '<w:p><w:pPr><w:pageBreakBefore/></w:pPr></w:p>'


def _pages(letter: Letter, paper: str) -> int:
    """Printed pages of a letter and its reading copy, as the page-fit estimate sees them."""
    from ua_letters.exporters.pagefit import surely_fits

    copies = [letter] + ([letter.reading_copy] if letter.reading_copy else [])
    return sum(1 if surely_fits(copy, paper) else 2 for copy in copies)


_SIGN_OFF = ("closing", "signature", "date")
_KEEP_NEXT = "<w:keepNext/>"


def _kept_together(blocks: tuple[Block, ...]) -> set[int]:
    """Positions of the blocks that keep with the next, so the sign-off never stands alone
    on a page: the last block of the body, then the closing, signature and date after it
    (此致 / 敬礼！, the name, the date), all but the last."""
    first = next((i for i, b in enumerate(blocks) if b.kind == "closing"), None)
    if first is None:
        return set()
    end = first
    while end + 1 < len(blocks) and blocks[end + 1].kind in _SIGN_OFF:
        end += 1
    return set(range(max(first - 1, 0), end))


def _indent(block: Block, char: int) -> str:
    """Block indents in characters: the first line of running text, every line otherwise."""
    if not block.indent:
        return ""
    hundredths, twips = block.indent * 100, block.indent * char
    if block.kind in ("paragraph", "note"):
        return f'<w:ind w:firstLine="{twips}" w:firstLineChars="{hundredths}"/>'
    return f'<w:ind w:left="{twips}" w:leftChars="{hundredths}"/>'


def build_docx(letters: Iterable[Letter], *, paper: str | None = None, duplex: bool = False,
               title: str | None = None) -> bytes:
    """One document holding every letter, each starting on a new page (a new sheet with
    `duplex`), followed by its reading copy on a page of its own when it has one.

    Letters are streamed into the package one at a time, so any number of them (a list or
    a generator) costs time in proportion and little memory. Each letter is a section on
    the paper of its writer's country unless `paper` says which; the document's default
    language follows the first letter."""
    letters = iter(letters)
    first = next(letters, None)
    if first is None:
        raise UserError("no letters to write")
    base = script_for(first)
    body = _Body(base, duplex)
    titles: dict[str, None] = {}
    sections = {name: body.section(name) for name in PAPERS}
    writers: set[str] = set()

    def document():
        pending: list[str] = []
        previous = first
        for letter in itertools.chain([first], letters):
            if pending:  # a section ends with the letter before: this one starts a page
                sheet = paper_for(previous, paper)
                if duplex and _pages(previous, sheet) % 2:
                    pending += [BLANK_BACK, "<w:p><w:pPr></w:pPr></w:p>"]  # + the break
                pending[-1] = pending[-1].replace("</w:pPr>", f"{sections[sheet]}</w:pPr>", 1)
                yield "".join(pending)
            previous = letter
            titles[letter.title] = None
            writers.add(letter.writer.name)
            body.parts = pending = []
            body.letter(letter)
            if letter.reading_copy is not None:
                body.reading_copy(letter.reading_copy)
        yield "".join(pending) + sections[paper_for(previous, paper)]

    def parts() -> Parts:
        return Parts(styles=_styles(base), language=base.lang,
                     east_asian_language=base.east_asian_lang,
                     fonts=body.fonts | _FALLBACK if base.east_asian else body.fonts,
                     title=title or _title(list(titles)),
                     creator=writers.pop() if len(writers) == 1 else "",
                     numbering=_numbering(body.lists))

    return package(document(), parts)


def _title(titles: list[str]) -> str:
    shown = "; ".join(titles[:3])
    return shown + ("; …" if len(titles) > 3 else "")


def export(letters: list[Letter], options) -> bytes:
    """The `--format docx` exporter: every letter of the request in one document, on the
    group's letterhead when one is given."""
    data = build_docx(letters, paper=getattr(options, "paper", None))
    letterhead = getattr(options, "letterhead", None)
    if letterhead is not None:
        from ua_letters.exporters import letterhead as base

        data = base.apply(data, letterhead)
    return data


def _styles(base: Script) -> str:
    fonts = (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}" '
             f'w:eastAsia="{base.east_asian_font}"/>')
    lang = f'<w:lang w:val="{base.lang}" w:eastAsia="{base.east_asian_lang}" w:bidi="ar-SA"/>'
    size = f'<w:sz w:val="{SIZE}"/><w:szCs w:val="{SIZE}"/>'

    def style(style_id, name, paragraph="", run="", based="Normal", next_id=None):
        nxt = f'<w:next w:val="{next_id}"/>' if next_id else ""
        custom = "" if name in _WORD_STYLES else ' w:customStyle="1"'
        return (f'<w:style w:type="paragraph"{custom} w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/>{nxt}<w:qFormat/>'
                f"<w:pPr>{paragraph}</w:pPr><w:rPr>{run}</w:rPr></w:style>")

    gap = f'<w:spacing w:before="{_GAP}" w:after="0"/>'
    running = f'<w:spacing w:before="{_GAP}" w:after="0" w:line="264" w:lineRule="auto"/>'
    return (
        f"<w:styles {NS}>"
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}{size}{lang}</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/><w:pPr><w:widowControl/></w:pPr><w:rPr>{fonts}{size}{lang}</w:rPr>"
        "</w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>"
        + style("SenderAddress", "Sender Address", gap)
        + style("Date", "Date", gap)
        + style("InsideAddress", "Inside Address", gap)
        + style("Salutation", "Salutation", gap, next_id="BodyText")
        + style("BodyText", "Body Text", running)
        + style("ListNumber", "List Number",
                f'<w:spacing w:before="{_ITEM_GAP}" w:after="0" w:line="264" '
                'w:lineRule="auto"/>')
        + style("Closing", "Closing", gap, next_id="Signature")
        + style("Signature", "Signature", f'<w:spacing w:before="{_SIGN_SPACE}" w:after="0"/>')
        + style("CopyRecipients", "Copy Recipients", gap)
        + style("Heading1", "heading 1", '<w:keepNext/>' + gap + '<w:outlineLvl w:val="0"/>',
                "<w:b/>")
        + style("ReadingCopyHeading", "Reading Copy Heading",
                '<w:keepNext/><w:pBdr><w:bottom w:val="double" w:sz="6" w:space="4" '
                'w:color="auto"/></w:pBdr><w:spacing w:before="0" w:after="120"/>',
                f'<w:b/><w:sz w:val="{SIZE + 3}"/><w:szCs w:val="{SIZE + 3}"/>')
        + style("ReadingCopyNote", "Reading Copy Note",
                '<w:spacing w:before="0" w:after="240"/>',
                '<w:i/><w:color w:val="595959"/>')
        + "</w:styles>"
    )


def _numbering(lists: list[int]) -> str:
    """The two list styles, and one instance per demands block so each restarts at 1."""
    instances = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{style}"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for n, style in enumerate(lists, start=1)
    )
    return (
        f"<w:numbering {NS}>"
        f'<w:abstractNum w:abstractNumId="{_LATIN_LIST}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="480" w:hanging="480"/></w:pPr></w:lvl></w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="{_CJK_LIST}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
        f'<w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="{EAST_ASIAN_SIZE}"/>'
        f'<w:szCs w:val="{EAST_ASIAN_SIZE}"/></w:rPr></w:lvl></w:abstractNum>'
        f"{instances}</w:numbering>"
    )
