"""A local group's own letterhead: its Word document (header, footer, logo, margins, styles)
as the base of every letter, with the letters placed in its body. python-docx opens and
saves the group's file; the letters are the ones the DOCX exporter wrote."""

from __future__ import annotations

import copy
import zipfile
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from ua_letters.errors import UserError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load(path: Path):
    """The letterhead as a python-docx Document; a one-line error for anything else."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise UserError(f"--letterhead {path}: no such file; give a Word document (.docx)")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(f"--letterhead {path}: not a Word document (.docx) that can be "
                        f"read ({type(exc).__name__}); save it from Word as .docx") from None


def page(path: Path):
    """The letterhead's page for the one-page estimate: its own size and margins (None when
    its first section does not say them all)."""
    from ua_letters.exporters.pagefit import Page

    section = load(path).sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin,
             section.right_margin, section.top_margin, section.bottom_margin)
    if None in sizes:
        return None
    width, height, left, right, top, bottom = (size.pt for size in sizes)
    return Page(f"letterhead ({path.name})", width - left - right, height - top - bottom)


def apply(letters: bytes, path: Path) -> bytes:
    """`letters` (a DOCX from build_docx) rebuilt on the letterhead at `path`: each letter's
    section takes the letterhead's page, margins, header and footer; styles the letterhead
    lacks are added, those it has are its own."""
    from docx.oxml import parse_xml

    base = load(path)
    with zipfile.ZipFile(BytesIO(letters)) as package:
        ours = {name: parse_xml(package.read(f"word/{name}.xml"))
                for name in ("document", "styles", "numbering")}
        core = parse_xml(package.read("docProps/core.xml"))
    body = base.element.body
    template = body.find(f"{_W}sectPr")
    if template is None:
        template = parse_xml(f'<w:sectPr xmlns:w="{_W[1:-1]}"/>')
    for child in list(body):  # the letterhead's own body text is replaced by the letters
        body.remove(child)
    numbers = _add_numbering(base, ours["numbering"])
    for child in ours["document"].find(f"{_W}body"):
        for section in child.iter(f"{_W}sectPr"):
            _take_page(section, template)
        for number in child.iter(f"{_W}numId"):
            number.set(f"{_W}val", numbers[number.get(f"{_W}val")])
        body.append(child)
    _add_styles(base, ours["styles"])
    _drop_styles_with_effects(base)
    dc = "{http://purl.org/dc/elements/1.1/}"
    properties = base.core_properties  # the letters', not whoever made the letterhead
    properties.title = core.findtext(f"{dc}title") or ""
    properties.author = core.findtext(f"{dc}creator") or ""
    properties.last_modified_by = properties.author
    properties.created = properties.modified = datetime.now(timezone.utc).replace(tzinfo=None)
    out = BytesIO()
    base.save(out)
    return out.getvalue()


def _take_page(section, template) -> None:
    """Our section (a letter) with the letterhead's page: size, margins, header, footer;
    only where it starts (new page, odd page) stays ours."""
    start = section.find(f"{_W}type")
    for child in list(section):
        section.remove(child)
    for child in template:
        if child.tag != f"{_W}type":
            section.append(copy.deepcopy(child))
    if start is not None:
        # w:type follows the header and footer references and footnote/endnote settings
        kept = (f"{_W}headerReference", f"{_W}footerReference", f"{_W}footnotePr",
                f"{_W}endnotePr")
        at = sum(1 for child in section if child.tag in kept)
        section.insert(at, start)


def _add_styles(base, ours) -> None:
    """Our letter styles the letterhead does not define, after its own."""
    styles = base.styles.element
    have = {style.get(f"{_W}styleId") for style in styles.findall(f"{_W}style")}
    for style in ours.findall(f"{_W}style"):
        if style.get(f"{_W}styleId") not in have:
            styles.append(style)


def _drop_styles_with_effects(base) -> None:
    """Word 2010's copy of styles.xml (stylesWithEffects) would no longer match it; Word
    reads styles.xml without it."""
    for rel_id, rel in list(base.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            base.part.drop_rel(rel_id)


def _add_numbering(base, ours) -> dict[str, str]:
    """Our list definitions added to the letterhead's, renumbered past its own; returns
    our numId -> the new one."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        numbering = base.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:  # a letterhead without lists: ours become its numbering part
        from docx.opc.constants import CONTENT_TYPE
        from docx.opc.packuri import PackURI
        from docx.parts.numbering import NumberingPart

        part = NumberingPart(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING,
                             ours, base.part.package)
        base.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
        return {n.get(f"{_W}numId"): n.get(f"{_W}numId") for n in ours.findall(f"{_W}num")}
    abstract_ids = [int(a.get(f"{_W}abstractNumId"))
                    for a in numbering.findall(f"{_W}abstractNum")]
    num_ids = [int(n.get(f"{_W}numId")) for n in numbering.findall(f"{_W}num")]
    shift_abstract = max(abstract_ids, default=-1) + 1
    shift_num = max(num_ids, default=0)
    first_num = numbering.find(f"{_W}num")
    for abstract in ours.findall(f"{_W}abstractNum"):
        key = f"{_W}abstractNumId"
        abstract.set(key, str(int(abstract.get(key)) + shift_abstract))
        if first_num is not None:  # every abstractNum comes before the first num
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    mapping = {}
    for num in ours.findall(f"{_W}num"):
        old = num.get(f"{_W}numId")
        mapping[old] = str(int(old) + shift_num)
        num.set(f"{_W}numId", mapping[old])
        reference = num.find(f"{_W}abstractNumId")
        reference.set(f"{_W}val", str(int(reference.get(f"{_W}val")) + shift_abstract))
        numbering.append(num)
    return mapping
