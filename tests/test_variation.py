"""Wording that differs from writer to writer, the personal note, and the one-page warning."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
import variety

from ua_letters.cases.lookup import find
from ua_letters.cli import app
from ua_letters.exporters import pagefit
from ua_letters.letters.letter import Block, Letter, Writer
from ua_letters.letters.render import render

DAY = date(2023, 6, 15)


@pytest.fixture(scope="module")
def case():
    return find("33.23", []).case


def body(case, name: str, language: str = "en", target: str = "ma-xingrui", **options):
    return variety.sentences(render(case, target, Writer(name=name), language, today=DAY,
                                    **options))


def test_sentences_are_split_as_documented():
    letter = Letter("1.1", "t", "en", "", "", (
        Block("sender", ("Jane Doe", "Oxford")),
        Block("salutation", ("Dear Minister,",)),
        Block("paragraph", ('She said "no." Version 33.23 holds. Is it? Yes!',)),
        Block("demands", ("Release her;", "Free them.")),
        Block("paragraph", ("我写信给您。她只是行使了权利！“好。”谢谢",)),
        Block("closing", ("Yours sincerely,",)),
        Block("signature", ("Jane Doe",)),
    ))
    assert variety.sentences(letter) == [
        "Dear Minister,", 'She said "no."', "Version 33.23 holds.", "Is it?", "Yes!",
        "Release her;", "Free them.", "我写信给您。", "她只是行使了权利！", "“好。”", "谢谢",
        "Yours sincerely,"]
    assert variety.shared(["a", "b", "c"], ["a", "b", "d", "e"]) == pytest.approx(4 / 7)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_200_writers_get_distinct_letters(case, language):
    letters = variety.letters_for(case, "ma-xingrui", language, variety.writer_names(200),
                                  today=DAY)
    spread = variety.spread(letters)
    assert spread.distinct >= 150
    assert spread.median_shared < 0.5


def test_the_same_writer_gets_the_same_letter_on_every_run(runner, case):
    args = ["generate", "33.23", "--to", "qin-gang", "--name", "Jane Doe", "--date", "2023-06-15"]
    here = runner.invoke(app, args)
    again = subprocess.run([sys.executable, "-m", "ua_letters", *args], capture_output=True,
                           text=True, encoding="utf-8", check=True)
    assert here.stdout == again.stdout
    assert body(case, "Jane Doe") == body(case, "Jane Doe")
    assert body(case, "Jane Doe") != body(case, "John Doe")
    assert body(case, "Jane Doe")[1:] != body(case, "Jane Doe", target="qin-gang")[1:]


def test_facts_and_demands_never_vary(case):
    person = case.individuals[0]
    facts = [variety.sentences(Letter("", "", "en", "", "", (Block("paragraph", (f["en"],)),)))
             for f in (*person.facts, *person.concerns)]
    demands = [d.text["en"] for d in case.demands]
    for name in variety.writer_names(30):
        sentences = body(case, name)
        for fact in facts:
            assert all(part in sentences for part in fact)
        urge = next(i for i, s in enumerate(sentences) if s.endswith("I therefore urge you to:"))
        assert sentences[urge + 1:][:3] == [
            f"{demands[0]};", f"{demands[1]};", f"{demands[2]}."]


def test_variant_and_no_variation(case):
    plain = body(case, "Jane Doe", vary=False)
    assert plain == body(case, "Someone Else", vary=False)
    assert plain[1].startswith("I am writing to you about Kamile Wayit")
    assert body(case, "Jane Doe", variant=0) == plain
    first, second = body(case, "Jane Doe", variant=1), body(case, "Other Writer", variant=1)
    assert first == second != plain
    assert body(case, "Jane Doe", variant=2) not in (plain, first)


def test_cli_variant_flags(runner):
    def letter(*extra):
        result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--date",
                                     "2023-06-15", "--width", "0", *extra])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert letter("--name", "A B", "--no-variation") == letter("--name", "A B", "--variant", "0")
    assert letter("--name", "A B", "--variant", "3") != letter("--name", "A B")


NOTE = ("I visited Urumqi in 2019.\nThe people I met there were kind to me;\n"
        "  I think of them often.")


def test_english_note_and_about_are_where_a_writer_puts_them(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--width", "0",
                                 "--name", "Jane Doe", "--about", "I am a nurse in Leeds.",
                                 "--note", NOTE])
    assert result.exit_code == 0, result.output
    text = result.stdout
    kept = ("I visited Urumqi in 2019.\nThe people I met there were kind to me;\n"
            "I think of them often.")
    assert f"\n\n{kept}\n\n" in text  # its own paragraph, its lines kept
    order = ["Dear Secretary Ma,\n\nI am a nurse in Leeds. ", "Kamile Wayit (卡米莱·瓦依提)",
             "She was only peacefully exercising", "According to a person close to her",
             kept, "I therefore urge you to:", "- Release Kamile Wayit"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_chinese_note_and_about_are_where_a_writer_puts_them(runner):
    note = "我曾在新疆旅行，\nI still remember the kindness of the people I met."
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--lang", "zh",
                                 "--width", "0", "--name", "王小明", "--about",
                                 "我是一名中学教师。", "--note", note])
    assert result.exit_code == 0, result.output
    text = result.stdout
    order = ["尊敬的马兴瑞书记：", "我是一名中学教师。", "卡米莱·瓦依提",
             "她只是和平行使了自己的言论自由权利。", "我曾在新疆旅行，",
             "I still remember the kindness of the people I met.", "一、立即释放卡米莱·瓦依提"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert text.index("我是一名中学教师。") < text.index("她放假回到新疆阿图什家中后")


def test_a_long_note_gets_a_warning_that_says_how_much_to_cut(runner):
    long_note = " ".join(["I have visited Xinjiang and met many kind people there."] * 25)
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--name", "Jane Doe",
                                 "--note", long_note, "--date", "2023-06-15"])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "page" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "ua-letter: warning: the letter to qin-gang runs over one A4 page: "
        "shorten your note by about ")
    assert warnings[0].endswith(" words")
    letter = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--name", "Jane Doe",
                                 "--note", long_note, "--paper", "letter"])
    assert "one US Letter page" in letter.stderr


def test_the_advice_can_be_followed_when_the_note_is_short():
    """Cutting more words than the note has is no advice: leave it out, or print two pages."""
    from ua_letters.exporters.pagefit import overflow

    case = find("33.23", []).case

    def advice(about: str, note: str, extra_paragraphs: int = 0) -> str:
        letter = render(case, "qin-gang", Writer(name="Jane Doe", about=about, note=note),
                        "en", today=DAY)
        blocks = letter.blocks
        padded = (*blocks[:5], *blocks[4:5] * extra_paragraphs, *blocks[5:])
        letter = replace(letter, blocks=padded)
        return (overflow(letter, "a4") or "").partition("page: ")[2]

    assert advice("I teach. " * 90, "I care a great deal.") == (
        "shorten what you say about yourself (--about) or your note by about 50 words")
    assert advice("", "I care. " * 100) == "shorten your note by about 40 words"
    assert advice("", "I care. " * 12, extra_paragraphs=2) == (
        "leave out your note, or print two pages")


def test_a_short_note_gets_no_warning(runner, case):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui",
                                 "--note", "I care.", "--date", "2023-06-15"])
    assert result.exit_code == 0
    assert "page" not in result.stderr


def test_the_amount_to_cut_grows_with_the_note(case):
    def cut(note: str, language: str = "en") -> str | None:
        letter = render(case, "ma-xingrui", Writer(name="Jane", note=note), language,
                        today=DAY, vary=False)
        return pagefit.overflow(letter, "a4")

    sentence = "I have visited Xinjiang and met many kind people there. "
    assert cut(sentence) is None
    words = [int(cut(sentence * n).split("about ")[1].split()[0]) for n in (20, 32)]
    assert 10 <= words[0] < words[1]
    assert abs((words[1] - words[0]) - 12 * 10) <= 30  # 12 more sentences of 10 words
    message = cut("我曾在新疆旅行，那里的人们热情好客，令我难忘。" * 20, "zh")
    assert message.endswith(" characters")


def test_lines_needed_wraps_latin_at_spaces_and_cjk_anywhere():
    width = 10.0  # ems; in Times New Roman 'n' and 'x' are half an em, a space a quarter
    assert pagefit.lines_needed("short", width) == 1
    assert pagefit.lines_needed("nnnn " * 8, width) == 2  # four words a line
    assert pagefit.lines_needed("x" * 45, width) == 3
    assert pagefit.lines_needed("iii " * 8, width) == 1  # narrow letters: all on one line
    assert pagefit.lines_needed("汉" * 25, 10.0) == 3
    assert pagefit.lines_needed("汉" * 10, 10.0, first_indent_em=2) == 2
    # a first-line indent wider than the line: the first word still goes on a line of its own
    words = " ".join(["word"] * 300)
    assert pagefit.lines_needed(words, 37.0, first_indent_em=38) == 20
    # a blank after a space goes with the line break, as in the general count
    assert pagefit.lines_needed("aé \t aWW", 2.0, first_indent_em=1) == 2
    assert pagefit.lines_needed("no room", 0.0) == 7  # no width at all: a character a line


def test_each_line_of_a_note_is_counted(tmp_path):
    """A note keeps the writer's line breaks, each a line of its own on the page: a poem of
    short lines pushes the letter onto a second page, and the estimate says so."""
    from pages import page_counts

    from ua_letters.exporters.docx import build_docx

    case = find("33.23", []).case
    poem = "\n".join(f"Line {n} of a short poem for Kamile," for n in range(1, 25))
    writer = Writer(name="Jane Doe", address="12 Church Lane", city="Oxford",
                    postcode="OX1 2AB", country="United Kingdom", note=poem)
    letter = render(case, "ma-xingrui", writer, "en", today=DAY)
    note = next(b for b in letter.blocks if b.kind == "note")
    assert pagefit.fit(replace(letter, blocks=(note,)), "a4").used == pytest.approx(
        24 * pagefit.LATIN_LINE_PT * pagefit.RUNNING_SPACING)
    assert "runs over one A4 page" in (pagefit.overflow(letter, "a4") or "")
    assert page_counts({"poem": build_docx([letter])}, tmp_path) == {"poem": 2}


def test_the_bound_of_an_east_asian_line_is_a_bound():
    """lines_at_most looks no character up: it counts every one beyond Latin-1 as wide and
    cuts pieces only at those surely wide. Whatever the mix, it never says fewer lines
    than lines_needed counts."""
    import random

    rng = random.Random(11)
    alphabet = ["汉", "字", "。", "，", "“", "”", "—", "…", "·", "ｱ", "ﾞ", "한", "국", "か",
                "ア", "😀", "\U00020000", "\u0378", "é", "a", "b", "Z", "2", "0", "年", "日",
                " ", " ", " ", "\t", "https://www.amnesty.org/zh/documents/asa17/"]
    texts = ["汉" * 9 + "25日" + "汉" * 9, "警方于2022年12月12日将她带走，“宣扬极端主义”。" * 3,
             "详见 https://www.amnesty.org/zh/documents/asa17/6789/2023/zh/ 。",
             "Björn Bakr, 4 Rue de la Paix", "汉字\t汉字 ab — 한국어 " * 6]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 120))) for _ in range(1500)]
    for text in texts:
        for width, indent in ((5.0, 0.0), (10.0, 2.0), (37.8, 2.0)):
            assert pagefit.lines_at_most(text, width, indent) >= pagefit.lines_needed(
                text, width, indent), (text, width)


def test_the_characters_the_bound_calls_surely_wide_are_all_wide():
    import re

    from ua_letters.letters.languages import wide

    ranges = re.findall("(.)-(.)", pagefit._RUN[2:-2])
    assert len(ranges) == 9
    assert all(wide(chr(code)) for first, last in ranges
               for code in range(ord(first), ord(last) + 1))


def test_the_advances_of_a_paragraph_add_up_as_sum_adds_them():
    """pagefit._sum adds bytes by Adler-32 checksums of pieces short enough to stay exact:
    the same total as sum() at every length around a piece's and for the widest advances."""
    import random

    widest = max(pagefit._ADVANCES)
    rng = random.Random(7)
    for length in (0, 1, pagefit._PIECE - 1, pagefit._PIECE, pagefit._PIECE + 1,
                   2 * pagefit._PIECE, 5000):
        for data in (bytes([widest]) * length, rng.randbytes(length).translate(
                pagefit._ADVANCES)):
            assert pagefit._sum(data) == sum(data), length
    assert pagefit._PIECE * widest + 1 < 65521


def test_a_number_and_its_unit_are_counted_as_one_piece_as_the_docx_joins_them():
    """The DOCX holds 25 to 日 (docx.NO_BREAK): at a line's end both go to the next line,
    so this text takes three lines of ten, not two ("汉…汉25" / "日汉…汉")."""
    from ua_letters.exporters.docx import NO_BREAK, build_docx

    text = "汉" * 9 + "25日" + "汉" * 9
    assert pagefit.lines_needed(text, 10.0) == pagefit.lines_at_most(text, 10.0) == 3
    assert pagefit.lines_needed("汉" * 9 + "25 日" + "汉" * 9, 10.0) == 2  # a space: no unit
    letter = Letter("1", "t", "zh", "t", "s", (Block("paragraph", (text,)),))
    xml = zipfile.ZipFile(BytesIO(build_docx([letter]))).read("word/document.xml").decode()
    assert '>25</w:t>' in xml and f'>{NO_BREAK}日</w:t>' in xml


def test_a_longer_letter_fills_more_of_the_page(case):
    letter = render(case, "ma-xingrui", Writer(name="Jane"), "en", today=DAY)
    longer = replace(letter, blocks=(*letter.blocks, Block("paragraph", ("More. " * 40,))))
    assert pagefit.fit(longer, "a4").used > pagefit.fit(letter, "a4").used
    assert pagefit.fit(letter, "letter").available < pagefit.fit(letter, "a4").available


def test_the_estimate_uses_the_typography_of_the_docx_exporter():
    from ua_letters.exporters import docx

    twips = 20
    assert pagefit.FONT_PT == docx.SIZE / 2
    assert pagefit.CJK_FONT_PT == docx.EAST_ASIAN_SIZE / 2
    for paper, (width, height) in pagefit.TEXT_PT.items():
        margins = docx._MARGINS[paper]
        assert round(width * twips) == docx.PAPERS[paper][0] - margins["left"] - margins["right"]
        assert round(height * twips) == docx.PAPERS[paper][1] - margins["top"] - margins["bottom"]
    assert (pagefit.GAP_PT * twips, pagefit.ITEM_GAP_PT * twips, pagefit.SIGN_SPACE_PT * twips) == (
        docx._GAP, docx._ITEM_GAP, docx._SIGN_SPACE)
    assert f'w:line="{round(pagefit.CJK_LINE_PT * twips)}"' in docx._EAST_ASIAN_LINES


def test_a_chinese_name_in_an_english_letter_is_counted_whole(tmp_path):
    """The DOCX keeps 卡米莱·瓦依提 on one line in an English letter, so the estimate must
    too: with an email line this letter prints on two US Letter pages, and the estimate
    says so; without it, one page and no warning."""
    from pages import page_counts

    from ua_letters.exporters.docx import build_docx
    from ua_letters.exporters.pagefit import overflow

    case = find("33.23", []).case
    writer = Writer(name="Jane Doe", address="12 Church Lane", city="Oxford",
                    postcode="OX1 2AB", country="United States", email="jane@example.org",
                    about="I am a primary school teacher.",
                    note="Kamile is the same age as my daughter. I think of her every day and "
                    "hope she will soon be home with her family, safe and well, and able to go "
                    "back to her studies. My pupils have drawn cards for her, and we keep them "
                    "in our classroom.")
    long = render(case, "qin-gang", writer, "en", today=DAY)
    short = render(case, "qin-gang", replace(writer, email=""), "en", today=DAY)
    assert "runs over one US Letter page" in (overflow(long, "letter") or "")
    assert overflow(short, "letter") is None
    documents = {"long": build_docx([long]), "short": build_docx([short])}
    assert page_counts(documents, tmp_path) == {"long": 2, "short": 1}


def test_libreoffice_prints_the_chinese_name_whole_in_every_wording(tmp_path):
    """No joiner beside the name's middle dot: next to one, LibreOffice broke the name
    (卡米莱·瓦 / 依提) with room to spare on the line, and this US Letter letter ran to a
    second page without a warning."""
    from pages import page_texts

    from ua_letters.exporters.docx import build_docx

    case = find("33.23", []).case
    writer = Writer(name="Chloé Hughes", address="221 Elm Street, Apt 3", city="Springfield",
                    postcode="IL 62704", country="United States", about="I am a teacher.",
                    note="x")
    documents = {f"v{variant}": build_docx([render(case, "ma-xingrui", writer, "en", today=DAY,
                                                   variant=variant)])
                 for variant in range(6)}
    for name, pages in page_texts(documents, tmp_path).items():
        assert len(pages) == 1, name
        assert "(卡米莱·瓦依提)" in pages[0], name


def test_libreoffice_keeps_the_chinese_name_whole_at_every_place_in_a_line(tmp_path):
    """An --about that grows a word at a time moves 卡米莱·瓦依提 through every place in
    its line: wherever the line ends, the name is printed whole (NO_BREAK between all its
    characters, the dot included, and a script subtag on its language: see docx.NO_BREAK)."""
    from pages import page_texts

    from ua_letters.exporters.docx import build_docx

    case = find("33.23", []).case
    writers = [Writer(name="Chloé Hughes", about=f"I care {'so ' * k}much.") for k in range(60)]
    letters = [render(case, "ma-xingrui", writer, "en", today=DAY) for writer in writers]
    text = "".join(page_texts({"all": build_docx(letters)}, tmp_path)["all"])
    assert text.count("(卡米莱·瓦依提)") == 60


def test_a_line_of_unassigned_code_points_still_warns_in_an_east_asian_letter():
    """Python calls unassigned code points before U+1100 (U+0378) full-width, and wide_chars
    does not: such a character is no place to cut a line, only its width is counted as
    wide in the bound, so this letter, counted exactly, still gets its warning."""
    text = "汉" + " ".join(["a" * 21 + "\u0378" + "a" * 21] * 41)
    letter = Letter("1", "t", "zh", "t", "s", (Block("paragraph", (text,), 2),))
    assert not pagefit.surely_fits(letter, "a4")
    assert "runs over one A4 page" in (pagefit.overflow(letter, "a4") or "")
