"""Chinese letters: native layout, Chinese dates and addresses, the reading copy."""

from __future__ import annotations

import pytest
from conftest import check_golden

from ua_letters.cli import app
from ua_letters.letters.wrap import display_width

WANG = ["--name", "王小明", "--city", "伦敦", "--country", "英国"]
FIXED = ["--date", "2023-06-15", "--no-variation"]


def generate(runner, *args: str) -> str:
    result = runner.invoke(app, ["generate", "33.23", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("target", ["ma-xingrui", "qin-gang"])
def test_chinese_letters_33_23(runner, target):
    check_golden(f"33.23-{target}-zh.txt",
                 generate(runner, "--to", target, "--lang", "zh", *WANG, *FIXED))


def test_chinese_letter_with_reading_copy(runner):
    check_golden("33.23-ma-xingrui-zh-with-translation.txt",
                 generate(runner, "--to", "ma-xingrui", "--lang", "zh", "--with-translation",
                          *WANG, *FIXED))


def test_chinese_letter_conventions(runner):
    lines = generate(runner, "--to", "ma-xingrui", "--lang", "zh", *WANG, *FIXED).splitlines()
    assert lines[0] == "尊敬的马兴瑞书记："  # no inside address: the envelope carries it
    salutation = lines.index("尊敬的马兴瑞书记：")
    assert lines[salutation + 1] == "\u3000\u3000您好！"
    closing = lines.index("\u3000\u3000此致")
    assert lines[closing + 1] == "敬礼！"
    name, day = lines[closing + 3], lines[closing + 4]
    assert name.strip() == "王小明" and day.strip() == "2023年6月15日"
    assert display_width(name) == display_width(day) == 72  # flush right
    body = lines[salutation + 1:closing]
    paragraph_starts = [line for i, line in enumerate(body) if i == 0 or not body[i - 1]]
    assert all(line.startswith("\u3000\u3000") for line in paragraph_starts if line)
    demands = [line for line in body if line.startswith(("\u3000\u3000一、", "\u3000\u3000二、",
                                                         "\u3000\u3000三、"))]
    assert demands[0].startswith("\u3000\u3000一、立即释放卡米莱·瓦依提")
    assert len(demands) == 3
    text = "\n".join(lines)
    assert text.count("；") >= 2 and "其他虐待。" in text.replace("\n", "")
    for name in ("卡米莱·瓦依提", "商丘工学院", "阿图什", "乌鲁木齐"):
        assert name in text.replace("\n", "")


def test_chinese_letter_opens_with_the_salutation_for_every_target(runner):
    for target, salutation in (("qin-gang", "尊敬的秦刚大使："),
                               ("ma-xingrui", "尊敬的马兴瑞书记：")):
        text = generate(runner, "--to", target, "--lang", "zh", *WANG, *FIXED)
        assert text.startswith(salutation + "\n")
        assert "830041" not in text and "International Place" not in text


@pytest.mark.parametrize(("flags", "expected"), [
    (["--address", "12 Church Lane", "--city", "Oxford", "--postcode", "OX1 2AB",
      "--country", "英国"], "回信地址：12 Church Lane, Oxford OX1 2AB, United Kingdom（英国）"),
    (["--address", "12 Church Lane", "--city", "Oxford", "--postcode", "OX1 2AB",
      "--country", "United Kingdom"],
     "回信地址：12 Church Lane, Oxford OX1 2AB, United Kingdom（英国）"),
    (["--address", "Hauptstraße 5", "--city", "Berlin", "--postcode", "10115",
      "--country", "德国"], "回信地址：Hauptstraße 5, 10115 Berlin, Germany（德国）"),
    (["--address", "1 Main St", "--city", "Toronto ON", "--postcode", "M5V 2T6",
      "--country", "加拿大"], "回信地址：1 Main St, Toronto ON M5V 2T6, Canada（加拿大）"),
    (["--address", "海淀区中关村大街1号", "--city", "北京市", "--postcode", "100080",
      "--country", "中国"], "回信地址：中国北京市海淀区中关村大街1号，邮编：100080"),
])
def test_reply_address_keeps_its_own_order_and_script_under_the_date(runner, flags, expected):
    lines = generate(runner, "--to", "qin-gang", "--lang", "zh", "--name", "王小明", *flags,
                     *FIXED, "--width", "0").splitlines()
    day = next(i for i, line in enumerate(lines) if line.strip() == "2023年6月15日")
    assert lines[day + 1].strip() == expected


def test_chinese_country_names_count_wherever_a_country_is_used():
    from ua_letters.exporters.docx import paper_for
    from ua_letters.letters.countries import territory
    from ua_letters.letters.letter import Letter, Writer

    for name, code in (("英国", "GB"), ("美国", "US"), ("加拿大", "CA"), ("澳大利亚", "AU"),
                       ("德国", "DE"), ("法国", "FR"), ("日本", "JP"), ("中国", "CN"),
                       ("香港", "HK"), ("United Kingdom", "GB")):
        assert territory(name) == code
    for country, paper in (("美国", "letter"), ("加拿大", "letter"), ("英国", "a4")):
        letter = Letter("1", "t", "zh", "", "", (), writer=Writer(country=country))
        assert paper_for(letter, None) == paper


def test_note_and_about_appear_as_written(runner):
    note = "我曾在乌鲁木齐工作过两年，那里的人们待我非常友善。\nI hope for a kind answer."
    text = generate(runner, "--to", "qin-gang", "--lang", "zh", *WANG, "--width", "0",
                    "--about", "我是一名中学教师。", "--note", note)
    assert "\u3000\u3000我是一名中学教师。" in text
    assert "\u3000\u3000我曾在乌鲁木齐工作过两年，那里的人们待我非常友善。\n" in text
    assert "I hope for a kind answer." in text
    assert text.index("眼部手术。") < text.index("我曾在乌鲁木齐") < text.index("一、立即释放")


def test_wording_varies_by_writer_but_facts_and_demands_do_not(runner):
    letters = {generate(runner, "--to", "ma-xingrui", "--lang", "zh", "--name", name,
                        "--width", "0", "--date", "2023-06-15")
               for name in ("王小明", "李华", "张伟", "Jane Doe", "陈静", "刘洋")}
    assert len(letters) >= 5
    for text in letters:
        assert "她放假回到新疆阿图什家中后，于2022年12月12日被警方带走。" in text
        assert "三、在她获释之前，确保她能够获得充分的医疗护理" in text


def test_reading_copy_is_marked_and_kept_apart(runner):
    text = generate(runner, "--to", "ma-xingrui", "--lang", "zh", "--with-translation", *WANG,
                    "--date", "2023-06-15")
    letter, _, copy = text.partition("=" * 72)
    assert "敬礼！" in letter and "READING COPY" not in letter
    assert copy.strip().startswith("READING COPY: DO NOT SEND")
    assert "Dear Secretary Ma," in copy and "15 June 2023" in copy


def test_reading_copy_of_an_english_letter_is_not_added(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--with-translation"])
    assert result.exit_code == 0
    assert "READING COPY" not in result.stdout
    assert "already in en (English)" in result.stderr


def test_reading_copy_reaches_the_letter_value():
    from datetime import date

    from conftest import ROOT

    from ua_letters.cases.loader import load_case
    from ua_letters.generate import Request, letters
    from ua_letters.letters.letter import Writer

    case = load_case(ROOT / "cases" / "ua-33.23.yaml")
    request = Request(case="33.23", to="all", writer=Writer(name="王小明"),
                      today=date(2023, 6, 15), with_translation=True)
    for letter in letters(request, case, "zh", "en"):
        assert letter.language == "zh" and letter.reading_copy.language == "en"
        assert letter.reading_copy.blocks[0].kind == "heading"
        assert letter.reading_copy.reading_copy is None


def _shape(letter) -> list[tuple[str, int]]:
    """Each body block's kind and number of sentences, whatever the language."""
    import re

    ends = re.compile(r"[。！？：]|[.!?:](?=\s|$)")
    return [(b.kind, len(ends.findall(b.text))) for b in letter.blocks
            if b.kind in ("paragraph", "note", "demands")]


# A Chinese closing formula's two lines, and what the reading copy says for them.
_CLOSINGS = {"此致": ("敬礼！", "Yours respectfully,"),
             "谨致": ("崇高的敬意！", "With my highest respect,"),
             "顺致崇高的敬意！": (None, "With the assurance of my highest respect,")}


@pytest.mark.parametrize("variant", [None, *range(6)])
def test_reading_copy_mirrors_the_letter_sentence_by_sentence(variant):
    from datetime import date

    from conftest import ROOT

    from ua_letters.cases.loader import load_case
    from ua_letters.generate import Request, letters
    from ua_letters.letters.letter import Writer

    case = load_case(ROOT / "cases" / "ua-33.23.yaml")
    request = Request(case="33.23", to="all", writer=Writer(name="王小明", note="您好。"),
                      today=date(2023, 6, 15), variant=variant)
    for letter in letters(request, case, "zh", "en"):
        copy = letter.reading_copy
        assert _shape(letter) == _shape(copy)
        first, *second = (block.text for block in letter.of_kind("closing"))
        assert (second or [None])[0] == _CLOSINGS[first][0]
        assert copy.first("closing").text == _CLOSINGS[first][1]


def test_generate_writes_the_envelope_a_chinese_letter_no_longer_carries(runner, in_tmp):
    import docx

    args = ["generate", "33.23", "--to", "ma-xingrui", "--lang", "zh", "--name", "王小明",
            "--address", "12 Church Lane", "--city", "Oxford", "--postcode", "OX1 2AB",
            "--country", "英国", "--envelope"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("尊敬的马兴瑞书记：")
    envelope = in_tmp / "33.23-ma-xingrui-zh-envelope.docx"
    assert f"wrote {envelope.name}" in result.stderr
    texts = [p.text for p in docx.Document(str(envelope)).paragraphs]
    assert texts[:4] == ["王小明", "12 Church Lane", "Oxford OX1 2AB", "UNITED KINGDOM"]
    assert texts[5:8] == ["830041", "新疆维吾尔自治区乌鲁木齐市天山区中山路479号", "马兴瑞书记"]
    assert texts[-1] == "PEOPLE'S REPUBLIC OF CHINA"
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "--force" in again.stderr  # never over a file
    both = runner.invoke(app, [*args[:3], "all", *args[4:-1], "-o", "mine.docx", "--envelope"])
    assert both.exit_code == 0, both.output
    pages = docx.Document(str(in_tmp / "mine-envelope.docx")).paragraphs
    assert [p.text for p in pages].count("BY AIR MAIL / PAR AVION") == 2
    email = runner.invoke(app, [*args, "--format", "email", "--force"])
    assert email.exit_code == 2 and "an email needs no envelope" in email.stderr


def test_own_words_not_in_the_letters_language_are_left_out_with_a_warning(runner):
    about, note = "I am a primary school teacher.", "I hope for a kind answer."
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--lang", "zh",
                                 *WANG, *FIXED, "--about", about, "--note", note])
    assert result.exit_code == 0
    assert "teacher" not in result.stdout and "kind answer" not in result.stdout
    assert "'about' text is not written in zh (Chinese): left out" in result.stderr
    assert "'note' text is not written in zh (Chinese): left out" in result.stderr
    english = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--lang", "en",
                                  *WANG, *FIXED, "--about", "我是一名中学教师。"])
    assert "中学教师" not in english.stdout and "'about' text" in english.stderr


def test_a_batch_names_the_row_whose_own_words_a_letter_leaves_out(runner, tmp_path):
    rows = tmp_path / "writers.csv"
    rows.write_text("name,language,about\nAna,zh,I am a nurse.\n王芳,zh,我是一名护士。\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["batch", "33.23", str(rows), "--to", "all", "-o",
                                 str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("left out") == 1
    assert "writers.csv row 2 (Ana): the 'about' text is not written in zh" in result.stderr


def test_an_address_in_chinese_keeps_its_order_in_an_english_letter_and_on_the_envelope():
    from ua_letters.cases.lookup import find
    from ua_letters.exporters.envelopes import return_lines
    from ua_letters.letters.context import sender_lines
    from ua_letters.letters.letter import Letter, Writer

    writer = Writer(name="王芳", address="海淀区中关村大街1号", city="北京", postcode="100080",
                    country="中国")
    assert sender_lines(writer) == ["中国北京海淀区中关村大街1号", "邮编：100080"]
    case = find("33.23").case
    home = Letter("33.23", "ma-xingrui", "en", "", "", (), writer=writer)
    abroad = Letter("33.23", "qin-gang", "en", "", "", (), writer=writer)
    assert return_lines(home, case) == ["王芳", "北京海淀区中关村大街1号", "邮编：100080"]
    assert return_lines(abroad, case) == ["王芳", "中国北京海淀区中关村大街1号", "邮编：100080"]
    latin = Writer(name="Jo", address="1 Main St", city="Oxford", postcode="OX1 2AB",
                   country="英国")
    assert sender_lines(latin) == ["1 Main St", "Oxford OX1 2AB", "United Kingdom"]
    assert sender_lines(latin, upper=True)[-1] == "UNITED KINGDOM"
