"""The DOCX exporter: reopened with python-docx, printed through LibreOffice."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from io import BytesIO

import docx
import pytest
from conftest import JANE
from pages import page_counts

from ua_letters.cases.lookup import find
from ua_letters.cases.model import text_in
from ua_letters.cli import app
from ua_letters.errors import UserError
from ua_letters.exporters.docx import NO_BREAK, build_docx, clean
from ua_letters.letters import render as render_module
from ua_letters.letters.letter import Block, Letter, Writer
from ua_letters.letters.render import render

TARGETS = ("ma-xingrui", "qin-gang")
JANE_DOE = Writer(name="Jane Doe", address="12 Church Lane", city="Oxford", postcode="OX1 2AB",
                  country="United Kingdom", email="jane@example.org")
MM_PER_EMU = 1 / 36000


@pytest.fixture(scope="module")
def case():
    return find("33.23", []).case


def english(case, target: str, writer: Writer = JANE_DOE) -> Letter:
    return render(case, target, writer, "en", today=date(2023, 6, 15))


def chinese(case, target: str) -> Letter:
    """A Chinese letter laid out as the Chinese template does, built from the case's text."""
    recipient = case.target(target)
    zh = "zh"
    person = case.individuals[0]
    return Letter(
        case_id=case.id, target_id=target, language=zh,
        title=f"{case.label}：{text_in(case.title, zh)}（{text_in(recipient.name, zh)}）",
        subject=text_in(case.subject, zh),
        writer=Writer(name="王小明", city="伦敦", country="英国"),
        to=recipient.email,
        blocks=(
            Block("recipient", (*text_in(recipient.address, zh).splitlines(),
                                text_in(recipient.name, zh) + text_in(recipient.honorific, zh))),
            Block("salutation", (text_in(recipient.salutation, zh) + "：",)),
            Block("paragraph", ("您好！",), indent=2),
            Block("paragraph", (f"我写信是为了{text_in(person.name, zh)}。"
                                f"她是{text_in(person.description, zh)}。",), indent=2),
            Block("paragraph", ("".join(text_in(f, zh) for f in person.facts),), indent=2),
            Block("paragraph", ("为此，我恳请您：",), indent=2),
            Block("demands", tuple(text_in(d.text, zh) + "；" for d in case.demands), indent=2),
            Block("closing", ("此致",), indent=2),
            Block("closing", ("敬礼！",), tight=True),
            Block("signature", ("王小明",), align="right"),
            Block("date", ("2023年6月15日",), align="right", tight=True),
        ),
    )


def reopen(data: bytes):
    return docx.Document(BytesIO(data))


def texts_of(document) -> list[str]:
    """Each paragraph's text as a reader sees it: without the no-width non-breaks that keep
    a Chinese name in an English letter on one line and a number with its unit."""
    return [p.text.replace(NO_BREAK, "") for p in document.paragraphs]


def expected_texts(letter: Letter) -> list[str]:
    texts = []
    for block in letter.blocks:
        texts.extend(block.lines if block.kind == "demands" else ["\n".join(block.lines)])
    return texts


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def attribute(element, name: str) -> str | None:
    return element.get(f"{W}{name}")


@pytest.mark.parametrize("target", TARGETS)
def test_english_letter_reopens_with_every_block_in_order(case, target):
    letter = english(case, target)
    document = reopen(build_docx([letter]))
    texts = texts_of(document)
    assert texts == expected_texts(letter)
    assert texts[0] == "Jane Doe\n12 Church Lane\nOxford OX1 2AB\nUnited Kingdom\njane@example.org"
    assert texts[-1] == "Jane Doe"
    styles = [p.style.name for p in document.paragraphs]
    assert styles[:4] == ["Sender Address", "Date", "Inside Address", "Salutation"]
    assert styles[-2:] == ["Closing", "Signature"]
    assert document.core_properties.title == letter.title
    assert target.split("-")[0].title() in document.core_properties.title


def test_demands_are_a_numbered_list_restarting_in_each_letter(case):
    document = reopen(build_docx([english(case, t) for t in TARGETS]))
    demands = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in demands[:3]] == [
        text_in(d.text, "en") + mark for d, mark in zip(case.demands, ";;.", strict=True)]
    numbers = [p._p.pPr.numPr.numId.val for p in demands]
    assert numbers == [1, 1, 1, 2, 2, 2]
    numbering = document.part.numbering_part.element
    assert len(numbering.xpath("//w:num/w:lvlOverride/w:startOverride[@w:val='1']")) == 2
    indent = demands[0]._p.pPr.ind
    assert indent.hanging > 0 and indent.left == indent.hanging  # number hangs in the margin


def test_a4_by_default_us_letter_for_north_america_or_when_asked(case):
    def size(letter, **options):
        section = reopen(build_docx([letter], **options)).sections[0]
        return round(section.page_width * MM_PER_EMU), round(section.page_height * MM_PER_EMU)

    assert size(english(case, "qin-gang")) == (210, 297)
    for country in ("United States", "USA", "Canada"):
        american = replace(JANE_DOE, country=country)
        assert size(english(case, "qin-gang", american)) == (216, 279)
        assert size(english(case, "qin-gang", american), paper="a4") == (210, 297)
    assert size(english(case, "qin-gang"), paper="letter") == (216, 279)
    section = reopen(build_docx([english(case, "qin-gang")])).sections[0]
    assert 19 <= section.left_margin * MM_PER_EMU <= 26
    with pytest.raises(UserError, match="--paper 'a5': use a4 or letter"):
        build_docx([english(case, "qin-gang")], paper="a5")


def test_english_runs_carry_english_tags_and_chinese_names_a_chinese_font(case):
    document = reopen(build_docx([english(case, "ma-xingrui")]))
    runs = document.element.body.xpath(".//w:r")
    name = next(r for r in runs if "卡" in "".join(r.xpath("./w:t/text()")))
    assert {attribute(r.xpath("./w:rPr/w:lang")[0], "val") for r in runs if r is not name} == {
        "en-GB"}
    # the name is Chinese text in the Chinese font, its middle dot (Latin-1) included: the
    # hint is for Word, the Latin slots and the Chinese tag for LibreOffice (zh-Hans-CN
    # for its East Asian text: Simplified Chinese to LibreOffice, ignored by Word)
    (fonts,) = name.xpath("./w:rPr/w:rFonts")
    assert [attribute(fonts, k) for k in ("ascii", "hAnsi", "hint")] == [
        "SimSun", "SimSun", "eastAsia"]
    assert name.xpath("./w:rPr/w:lang/@w:val") == ["zh-CN"]
    assert name.xpath("./w:rPr/w:lang/@w:eastAsia") == ["zh-Hans-CN"]
    # its characters are joined by the word joiner, the dot included: never broken across
    # two lines
    assert NO_BREAK == "\u2060"
    assert "".join(name.xpath("./w:t/text()")) == "\u2060".join("卡米莱·瓦依提")
    american = reopen(build_docx([english(case, "ma-xingrui", replace(JANE_DOE, country="USA"))]))
    assert american.element.body.xpath(".//w:lang/@w:val")[0] == "en-US"
    # a country that does not speak English gives no region: en, not en-ES or en-JP
    for country in ("Spain", "Japan"):
        abroad = reopen(build_docx([english(case, "ma-xingrui",
                                            replace(JANE_DOE, country=country))]))
        assert set(abroad.element.body.xpath(".//w:r/w:rPr/w:lang/@w:val")) == {"en", "zh-CN"}


def test_core_properties_name_the_writer_and_the_date_and_fonts_are_all_used(case):
    import re
    import zipfile

    data = build_docx([english(case, t) for t in TARGETS])
    document = reopen(data)
    assert document.core_properties.author == "Jane Doe"
    assert document.core_properties.created is not None
    package = zipfile.ZipFile(BytesIO(data))
    declared = set(re.findall(r'<w:font w:name="([^"]+)"',
                              package.read("word/fontTable.xml").decode()))
    named = package.read("word/styles.xml").decode() + package.read(
        "word/document.xml").decode()
    assert declared and all(f'"{font}"' in named for font in declared)
    several = reopen(build_docx([english(case, "qin-gang"),
                                 english(case, "qin-gang", replace(JANE_DOE, name="Ann"))]))
    assert several.core_properties.author == ""  # a pile of letters from many writers


def test_chinese_letter_has_an_east_asian_font_everywhere_word_looks(case):
    document = reopen(build_docx([chinese(case, "ma-xingrui")]))
    styles = document.styles.element
    for where in ("//w:docDefaults/w:rPrDefault/w:rPr", "//w:style[@w:styleId='Normal']/w:rPr"):
        (fonts,) = styles.xpath(f"{where}/w:rFonts")
        assert attribute(fonts, "eastAsia") == "SimSun"
        assert not [k for k in fonts.attrib if k.endswith("Theme")]  # a theme font would win
        assert attribute(styles.xpath(f"{where}/w:lang")[0], "eastAsia") == "zh-CN"
    (theme_lang,) = document.settings.element.xpath("//w:themeFontLang")
    assert attribute(theme_lang, "eastAsia") == "zh-CN"
    runs = document.element.body.xpath(".//w:r")
    for run in runs:  # Chinese text in the Chinese font; numbers and Latin words Latin
        text = "".join(run.xpath("./w:t/text()"))
        latin = re.fullmatch(r"[0-9A-Za-z .]+", text)
        wide = [] if latin or not text.strip() else ["SimSun"]  # not a line break's run
        assert run.xpath("./w:rPr/w:rFonts/@w:hint") == ([] if latin else ["eastAsia"])
        assert run.xpath("./w:rPr/w:rFonts/@w:ascii") == run.xpath(
            "./w:rPr/w:rFonts/@w:hAnsi") == wide
        assert run.xpath("./w:rPr/w:lang/@w:val") == ["en-US" if latin else "zh-CN"]
        joined = text.startswith(NO_BREAK)  # a unit held to its number: see docx.NO_BREAK
        assert run.xpath("./w:rPr/w:lang/@w:eastAsia") == ["zh-Hans-CN" if joined else "zh-CN"]
        assert run.xpath("./w:rPr/w:sz/@w:val") == ["24"]  # 小四
    # 2023 | 年 | 6 | 月 | 15 | 日: each unit held to its number
    assert ["".join(r.xpath("./w:t/text()")) for r in runs[-6:]] == [
        "2023", NO_BREAK + "年", "6", NO_BREAK + "月", "15", NO_BREAK + "日"]
    fonts = document.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    ).part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob
    assert b'w:name="SimSun"' in fonts and "宋体".encode() in fonts
    assert b'<w:charset w:val="86"/>' in fonts and b'w:csb0="00040001"' in fonts  # GB2312
    assert b"Noto Serif CJK SC" in fonts
    assert document.core_properties.title.endswith("（马兴瑞）")


def test_a_number_keeps_its_unit_in_chinese_text():
    """2022年12月, 6月初, 19岁: the word joiner (NO_BREAK) between a number and the unit
    after it, and nowhere else (not in 月初, not after a space); the unit in a run of its
    own, whose East Asian language has the script subtag LibreOffice needs to honour it."""
    text = "2022年12月，同年6月初，19岁的她；OX1 2AB（英国）"
    letter = Letter("1", "t", "zh", "t", "s", (Block("paragraph", (text,)),))
    runs = reopen(build_docx([letter])).element.body.xpath(".//w:r")
    texts = ["".join(r.xpath("./w:t/text()")) for r in runs]
    assert texts == ["2022", f"{NO_BREAK}年", "12", f"{NO_BREAK}月", "，同年", "6", f"{NO_BREAK}月",
                     "初，", "19", f"{NO_BREAK}岁", "的她；", "OX1", " ", "2AB", "（英国）"]
    units = [r.xpath("./w:rPr/w:lang/@w:eastAsia") for r, t in zip(runs, texts, strict=True)
             if t.startswith(NO_BREAK)]
    assert units == [["zh-Hans-CN"]] * 4


def test_chinese_layout_follows_the_blocks(case):
    document = reopen(build_docx([chinese(case, "ma-xingrui")]))
    paragraphs = {p.text.replace(NO_BREAK, ""): p for p in document.paragraphs}

    def indent(text, key):
        ind = paragraphs[text]._p.pPr.ind
        return None if ind is None else attribute(ind, key)

    assert indent("您好！", "firstLineChars") == "200"
    assert indent("尊敬的马兴瑞书记：", "firstLineChars") is None
    assert indent("此致", "leftChars") == "200"
    assert paragraphs["敬礼！"]._p.pPr.ind is None
    assert paragraphs["敬礼！"]._p.pPr.spacing.before == 0  # straight under 此致
    body = [p for p in document.paragraphs if p.paragraph_format.first_line_indent]
    assert len(body) >= 4 and all(p.paragraph_format.space_before == 0 for p in body)
    assert {p.paragraph_format.line_spacing.pt for p in document.paragraphs} == {18}
    for text in ("王小明", "2023年6月15日"):
        assert paragraphs[text].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    demand = next(p for p in document.paragraphs if p.style.name == "List Number")
    assert attribute(demand._p.pPr.ind, "firstLineChars") == "200"  # like the paragraphs
    numbering = document.part.numbering_part.element
    (style,) = numbering.xpath(f"//w:num[@w:numId='{demand._p.pPr.numPr.numId.val}']"
                               "/w:abstractNumId/@w:val")
    (level,) = numbering.xpath(f"//w:abstractNum[@w:abstractNumId='{style}']/w:lvl")
    assert attribute(level.find(f"{W}numFmt"), "val") == "chineseCounting"  # 一、二、三、
    assert attribute(level.find(f"{W}lvlText"), "val") == "%1、"


def test_reading_copy_follows_on_its_own_page_marked_not_to_send(case):
    letter = replace(chinese(case, "ma-xingrui"), reading_copy=english(case, "ma-xingrui"))
    document = reopen(build_docx([letter]))
    texts = texts_of(document)
    marker = next(i for i, t in enumerate(texts) if "not to be sent" in t)
    assert "previous page" in texts[marker] and "above" not in texts[marker]
    heading = document.paragraphs[marker - 1]  # bold, above a double rule, on a new page
    assert heading.text == "READING COPY: DO NOT SEND"
    assert heading.style.name == "Reading Copy Heading" and heading.style.font.bold
    assert 'w:val="double"' in heading.style.element.xml
    assert texts[:marker - 1] == expected_texts(letter)
    assert texts[marker + 1:] == expected_texts(letter.reading_copy)
    assert heading.paragraph_format.page_break_before
    assert document.paragraphs[marker].style.name == "Reading Copy Note"
    signature = document.paragraphs[-1]  # nobody signs a reading copy: no room left for it
    assert signature.style.name == "Signature"
    assert signature.paragraph_format.space_before < document.paragraphs[
        marker - 3].style.paragraph_format.space_before  # the letter's own signature


def test_a_reading_copy_that_names_itself_gets_no_second_marker(case):
    heading = Block("heading", ("READING COPY: DO NOT SEND", "For you to read."), align="center")
    copy = english(case, "ma-xingrui")
    copy = replace(copy, blocks=(heading, *copy.blocks))
    document = reopen(build_docx([replace(chinese(case, "ma-xingrui"), reading_copy=copy)]))
    texts = texts_of(document)
    assert not any("not to be sent" in t for t in texts)
    at = texts.index("READING COPY: DO NOT SEND")
    assert texts[at + 1] == "For you to read."
    marker = document.paragraphs[at]
    assert marker.paragraph_format.page_break_before
    assert marker.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize(("duplex", "start"), [(False, "NEW_PAGE"), (True, "ODD_PAGE")])
def test_every_letter_starts_a_page_or_with_duplex_a_sheet(case, duplex, start):
    letters = [english(case, t) for t in TARGETS] * 3
    document = reopen(build_docx(iter(letters), duplex=duplex))
    assert len(document.sections) == len(letters)
    assert {s.start_type.name for s in document.sections} == {start}
    paragraphs = document.paragraphs
    blank = [not p.text for p in paragraphs]  # a blank back: a page break, the section's end
    breaks = [p.paragraph_format.page_break_before is True for p, b in zip(paragraphs, blank,
                                                                           strict=True) if b]
    assert sum(breaks) == (len(letters) - 1 if duplex else 0)  # one-page letters
    assert [p.text.replace(NO_BREAK, "") for p, back in zip(paragraphs, blank, strict=True)
            if not back] == [
        t for x in letters for t in expected_texts(x)]
    assert document.core_properties.title == "; ".join(dict.fromkeys(x.title for x in letters))


def test_hostile_writer_fields_never_break_the_document(case):
    hostile = Writer(
        name="Jane\x00\x0b Doe\r\n\u202eevil\ufffe",
        address="Flat 2\r\n" + "7 Long Road " * 2000,
        city="سارة \u05e9\u05dc\u05d5\u05dd", country="United Kingdom",
        note="First line\r\nsecond line\rthird\x1b[31m line & <b>bold</b>",
    )
    letter = english(case, "qin-gang", hostile)
    data = build_docx([letter])
    document = reopen(data)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Jane\nDoe\nevil" in text
    assert "سارة שלום" in text
    assert "First line\nsecond line\nthird[31m line & <b>bold</b>" in text
    assert ("7 Long Road " * 2000).strip() in text
    import zipfile

    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "\r" not in xml and "\x1b" not in xml and "\u202e" not in xml


def test_text_is_made_xml_safe():
    assert clean("a\x00b\ud800c\uffffd\x0be\r\nf\rg\u2028h\te") == "abcd\ne\nf\ng\nh\te"


def test_empty_list_of_letters_is_an_error():
    with pytest.raises(UserError, match="no letters"):
        build_docx([])


# The command line


def test_generate_writes_a_docx_named_by_o(runner, in_tmp):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", *JANE,
                                 "-o", "letter.docx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "wrote letter.docx" in result.stderr
    document = docx.Document(str(in_tmp / "letter.docx"))
    assert document.paragraphs[0].text.startswith("Jane Doe\n12 Church Lane")
    assert "Dear Secretary Ma," in texts_of(document)


def test_without_o_a_docx_gets_a_default_name_never_stdout(runner, in_tmp):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "wrote 33.23-ma-xingrui-en.docx" in result.stderr
    assert (in_tmp / "33.23-ma-xingrui-en.docx").is_file()
    again = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--format", "docx"])
    assert again.exit_code == 2
    assert "33.23-ma-xingrui-en.docx already exists" in again.stderr and "--force" in again.stderr
    both = runner.invoke(app, ["generate", "33.23", "--to", "all", "--format", "docx"])
    assert both.exit_code == 0, both.output
    document = docx.Document(str(in_tmp / "33.23-all-en.docx"))
    assert len(document.sections) == 2


def test_paper_option_reaches_the_document(runner, in_tmp):
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--paper", "letter",
                                 "-o", "us.docx"])
    assert result.exit_code == 0, result.output
    section = docx.Document(str(in_tmp / "us.docx")).sections[0]
    assert round(section.page_width * MM_PER_EMU) == 216
    bad = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--paper", "A3",
                              "-o", "x.docx"])
    assert bad.exit_code == 2 and "--paper 'A3': use a4 or letter" in bad.stderr
    assert not (in_tmp / "x.docx").exists()


def test_format_follows_the_suffix_and_refuses_a_mismatch(runner, in_tmp):
    unknown = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "a.pdf"])
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == (
        "ua-letter: error: -o a.pdf: cannot tell the format from '.pdf'; "
        "use .txt, .docx or .eml, or give --format")
    clash = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "a.txt",
                                "--format", "docx"])
    assert clash.exit_code == 2
    assert "a .txt file holds text, not docx; name it a.docx" in clash.stderr
    text = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "a.txt"])
    assert text.exit_code == 0
    assert "Dear Ambassador," in (in_tmp / "a.txt").read_text(encoding="utf-8")


def test_chinese_file_name_and_letter_from_the_command_line(runner, in_tmp):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--lang", "zh",
                                 "-o", "致马兴瑞书记.docx"])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(in_tmp / "致马兴瑞书记.docx"))
    assert any(p.text.startswith("尊敬的马兴瑞书记") for p in document.paragraphs)
    # zh-Hans-CN: the runs of units held to their numbers (2022年), see docx.NO_BREAK
    assert set(document.element.body.xpath(".//w:r/w:rPr/w:lang/@w:eastAsia")) == {
        "zh-CN", "zh-Hans-CN"}
    body = [p for p in document.paragraphs if p.paragraph_format.first_line_indent]
    assert {p.alignment for p in body} == {docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY}


# Printed through LibreOffice


def test_each_letter_prints_on_exactly_one_page(case, tmp_path):
    documents = {}
    for target in TARGETS:
        documents[f"en-{target}"] = build_docx([english(case, target)])
        documents[f"en-us-{target}"] = build_docx(
            [english(case, target, replace(JANE_DOE, country="United States"))])
        documents[f"zh-{target}"] = build_docx([chinese(case, target)])
        rendered = render(case, target, JANE_DOE, "zh", today=date(2023, 6, 15))
        documents[f"zh-template-{target}"] = build_docx([rendered])
        translated = render_module.with_reading_copy(rendered, english(case, target))
        documents[f"zh-template-translated-{target}"] = build_docx([translated])
    letter = replace(chinese(case, "ma-xingrui"), reading_copy=english(case, "ma-xingrui"))
    documents["with-reading-copy"] = build_docx([letter])
    documents["two-letters"] = build_docx([english(case, t) for t in TARGETS])
    counts = page_counts(documents, tmp_path)
    expected = {name: 1 for name in documents}
    expected.update({name: 2 for name in documents if "translated" in name})
    expected.update({"with-reading-copy": 2, "two-letters": 2})
    assert counts == expected


def test_chinese_text_prints_wholly_in_a_simplified_chinese_face(tmp_path):
    """LibreOffice prints a Chinese name, its middle dot included, in the Chinese font and
    no Latin one, in a Chinese letter and in an English one; and full-width quotes, as only
    a Simplified (or Traditional) Chinese face has them: “宣扬” is four characters wide."""
    from pages import fonts_and_words

    name = Block("paragraph", ("卡米莱·瓦依提",))
    quoted = Block("paragraph", ("“宣扬”",))
    documents = {
        "zh": build_docx([Letter("1", "t", "zh", "t", "s", (name, quoted))]),
        "en": build_docx([Letter("1", "t", "en", "t", "s", (name,))]),
    }
    printed = fonts_and_words(documents, tmp_path)
    for fonts, _ in printed.values():
        assert fonts and all("CJK" in font or "Sim" in font for font in fonts), fonts
    widths = dict(printed["zh"][1])
    assert widths["“宣扬”"] == pytest.approx(4 * 12, abs=1)  # 12 pt type, 1 em each
