"""The WordprocessingML package every DOCX of the tool is written into: letters, envelopes
and labels share one text cleaner and one packager, so each part is complete and in the
order the schema (ECMA-376) gives its children."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO

# Characters XML 1.0 forbids (and bidi overrides that would reorder the lines after them)
# are dropped; other line separators become line breaks.
_DROPPED = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069"
_OTHER_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_FORBIDDEN = re.compile(f"[{_DROPPED}]")
_LINE_BREAKS = re.compile(f"\r\n?|[{_OTHER_BREAKS}]")
_UNCLEAN = re.compile(f"[{_DROPPED}\r{_OTHER_BREAKS}]")  # either: most text has neither

# A stretch of Chinese, Japanese or Korean text, with the punctuation it shares with Latin
# text (· — … ‘ ’ “ ”) where it stands between two such characters. Such a stretch is set
# wholly in the East Asian font, its Latin slots and language included (east_asian_fonts):
# the middle dot of 卡米莱·瓦依提 is a Latin-1 character, which Word sets in the East Asian
# font for the hint, but LibreOffice only in a run's Latin font, and LibreOffice replaces
# a missing SimSun with a Simplified Chinese face only for text tagged zh-CN.
_WIDE = "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\uac00-\ud7af]"
_SHARED = "[\u00b7\u2014\u2026\u2018\u2019\u201c\u201d]"
EAST_ASIAN_TEXT = re.compile(f"{_WIDE}+(?:{_SHARED}+{_WIDE}+)*")
# The same in East Asian text, where the shared punctuation that opens or closes such a
# stretch is its own too (“宣扬极端主义” at the start of a line).
EAST_ASIAN_PASSAGE = re.compile(f"{_SHARED}*{EAST_ASIAN_TEXT.pattern}{_SHARED}*")


def east_asian_fonts(font: str, east_asia: bool = False) -> str:
    """The <w:rFonts> of an East Asian stretch: every slot Word or LibreOffice may use for
    its characters names `font` (w:eastAsia too when `east_asia`: else the style's)."""
    slot = f' w:eastAsia="{font}"' if east_asia else ""
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"{slot} w:hint="eastAsia"/>'


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OOXML = "application/vnd.openxmlformats-"
_WORD = _OOXML + "officedocument.wordprocessingml."

# The fonts as Word's font table describes them, so a missing one is replaced by a close
# relative; SimSun's Chinese name lets Chinese Word find it, and its GB2312 character set
# (86) and signature (code pages GB2312 and Latin 1) lead a Word without it to another
# Simplified Chinese face. Noto Serif CJK SC is what LibreOffice on Linux sets Chinese in
# when SimSun is absent.
_FONT_TABLE = {
    "Times New Roman": ('<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
                        '<w:family w:val="roman"/><w:pitch w:val="variable"/>'),
    "Arial": ('<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
              '<w:family w:val="swiss"/><w:pitch w:val="variable"/>'),
    "SimSun": ('<w:altName w:val="宋体"/><w:panose1 w:val="02010600030101010101"/>'
               '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>'
               '<w:sig w:usb0="00000003" w:usb1="288F0000" w:usb2="00000016" '
               'w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/>'),
    "PMingLiU": ('<w:altName w:val="新細明體"/><w:charset w:val="88"/>'
                 '<w:family w:val="roman"/><w:pitch w:val="variable"/>'),
    "MS Mincho": ('<w:altName w:val="ＭＳ 明朝"/><w:charset w:val="80"/>'
                  '<w:family w:val="modern"/><w:pitch w:val="fixed"/>'),
    "Batang": ('<w:altName w:val="바탕"/><w:charset w:val="81"/>'
               '<w:family w:val="roman"/><w:pitch w:val="variable"/>'),
    "Noto Serif CJK SC": ('<w:charset w:val="86"/><w:family w:val="roman"/>'
                          '<w:pitch w:val="variable"/>'),
}


def clean(text: str) -> str:
    """Text safe for XML 1.0: forbidden characters dropped, every line break a plain LF."""
    if text.isprintable() or not _UNCLEAN.search(text):  # most text: nothing to rewrite
        return text  # (every character _UNCLEAN matches is one Python calls unprintable)
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))


def escape(text: str) -> str:
    """Markup characters escaped; `text` must be clean() already."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(value: str) -> str:
    """Any string as element content: cleaned, then escaped."""
    return escape(clean(value))


@dataclass(frozen=True)
class Parts:
    """What the package needs besides the document: known once the document is written."""

    styles: str  # the <w:styles> part, without the XML declaration
    language: str  # the document's language tag: en-GB, zh-CN
    east_asian_language: str
    fonts: Iterable[str]  # every font a style or run names
    title: str = ""
    creator: str = ""
    numbering: str | None = None  # the <w:numbering> part, when a list needs one


def package(document: Iterable[str], parts: Callable[[], Parts]) -> bytes:
    """A .docx: `document` is the content of <w:body>, streamed piece by piece (the last
    piece ends with the body's sectPr); `parts` is asked for the rest once it is written."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("word/document.xml", "w") as stream:
            stream.write(f"{XML}<w:document {NS}><w:body>".encode())
            for piece in document:
                stream.write(piece.encode())
            stream.write(b"</w:body></w:document>")
        rest = parts()
        named = {
            "styles": ("styles.xml", XML + rest.styles),
            "settings": ("settings.xml", _settings(rest)),
            "fontTable": ("fontTable.xml", _font_table(rest.fonts)),
            "theme": ("theme/theme1.xml", _THEME),
        }
        if rest.numbering:
            named["numbering"] = ("numbering.xml", XML + rest.numbering)
        for name, xml in (
            ("[Content_Types].xml", _content_types(named)),
            ("_rels/.rels", _ROOT_RELS),
            ("word/_rels/document.xml.rels", _document_rels(named)),
            ("docProps/core.xml", _core(rest)),
            *((f"word/{file}", xml) for file, xml in named.values()),
        ):
            archive.writestr(name, xml.encode("utf-8"))
    return buffer.getvalue()


_CONTENT = {
    "styles": "styles+xml",
    "settings": "settings+xml",
    "fontTable": "fontTable+xml",
    "numbering": "numbering+xml",
    "theme": None,
}


def _content_types(named: dict) -> str:
    overrides = "".join(
        f'<Override PartName="/word/{file}" ContentType="'
        + (f"{_WORD}{_CONTENT[kind]}" if _CONTENT[kind] else f"{_OOXML}officedocument.theme+xml")
        + '"/>'
        for kind, (file, _) in named.items()
    )
    return (
        XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{_OOXML}package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_WORD}document.main+xml"/>'
        f"{overrides}"
        f'<Override PartName="/docProps/core.xml" '
        f'ContentType="{_OOXML}package.core-properties+xml"/></Types>'
    )


_ROOT_RELS = (
    XML + f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{_PACKAGE_RELS}/metadata/core-properties" '
    'Target="docProps/core.xml"/></Relationships>'
)


def _document_rels(named: dict) -> str:
    return XML + f'<Relationships xmlns="{_PACKAGE_RELS}">' + "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/{kind}" Target="{file}"/>'
        for n, (kind, (file, _)) in enumerate(named.items(), start=1)
    ) + "</Relationships>"


def _core(parts: Parts) -> str:
    created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    creator = f"<dc:creator>{text(parts.creator)}</dc:creator>" if parts.creator else ""
    return (
        XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{text(parts.title)}</dc:title>{creator}"
        f"<dc:language>{parts.language}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        "</cp:coreProperties>"
    )


def _settings(parts: Parts) -> str:
    """CT_Settings children in schema order: themeFontLang comes after compat."""
    return (
        XML + f"<w:settings {NS}>"
        '<w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        # a line ended by a line break (a note's own lines) is not stretched when justified
        '<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        f'<w:themeFontLang w:val="{parts.language}" w:eastAsia="{parts.east_asian_language}"/>'
        "</w:settings>"
    )


def _font_table(fonts: Iterable[str]) -> str:
    entries = "".join(
        f'<w:font w:name="{escape(clean(name))}">{_FONT_TABLE.get(name, "")}</w:font>'
        for name in sorted(set(fonts))
    )
    return f"{XML}<w:fonts {NS}>{entries}</w:fonts>"


# The smallest complete theme: Word and validators expect one. Our styles name every font
# explicitly, so the theme's fonts are only what an editor offers as "+Body".
_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_COLOURS = "".join(
    f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>'
    for name, value in (("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "44546A"),
                        ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"),
                        ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"),
                        ("accent6", "70AD47"), ("hlink", "0563C1"), ("folHlink", "954F72"))
)
_SOLID = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = f'<a:ln w="6350">{_SOLID}</a:ln>'
_THEME = (
    XML + f'<a:theme {_A} name="ua-letters"><a:themeElements>'
    f'<a:clrScheme name="ua-letters">{_COLOURS}</a:clrScheme>'
    '<a:fontScheme name="ua-letters">'
    + "".join(f'<a:{kind}><a:latin typeface="Times New Roman"/><a:ea typeface=""/>'
              f'<a:cs typeface=""/></a:{kind}>' for kind in ("majorFont", "minorFont"))
    + "</a:fontScheme>"
    '<a:fmtScheme name="ua-letters">'
    f"<a:fillStyleLst>{_SOLID * 3}</a:fillStyleLst>"
    f"<a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>"
    f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}"
    "</a:effectStyleLst>"
    f"<a:bgFillStyleLst>{_SOLID * 3}</a:bgFillStyleLst>"
    "</a:fmtScheme></a:themeElements></a:theme>"
)
