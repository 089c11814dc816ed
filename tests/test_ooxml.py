"""Every kind of DOCX the tool writes passes an OOXML validator (openxml-audit, offline)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import JANE, ROOT

from ua_letters.cli import app
from ua_letters.exporters.ooxml import Parts, clean, package

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "participants-sample.csv"


def problems(path: Path) -> list[str]:
    from openxml_audit import OpenXmlValidator

    return [str(error) for error in OpenXmlValidator().validate(str(path)).errors]


def hostile_case(folder: Path) -> Path:
    """UA 33.23 with a control character in a target's name."""
    text = (ROOT / "cases" / "ua-33.23.yaml").read_text(encoding="utf-8")
    text = text.replace("      en: Ma Xingrui\n", '      en: "Minister\\vMa Xingrui"\n', 1)
    folder.mkdir()
    (folder / "ua-33.23.yaml").write_text(text, encoding="utf-8")
    return folder


def test_every_document_the_tool_writes_is_valid_ooxml(runner, in_tmp):
    generate = [
        ("single.docx", ["--to", "ma-xingrui"]),
        ("chinese.docx", ["--to", "ma-xingrui", "--lang", "zh"]),
        ("all.docx", ["--to", "all"]),
        ("reading.docx", ["--to", "all", "--lang", "zh", "--with-translation"]),
    ]
    written = []
    for name, args in generate:
        result = runner.invoke(app, ["generate", "33.23", *args, *JANE, "-o", name])
        assert result.exit_code == 0, result.output
        written.append(in_tmp / name)
    for out, sizes in (("dl", ["--envelope-size", "dl", "--label-sheet", "l7160"]),
                       ("c5", ["--envelope-size", "c5", "--label-sheet", "5160", "--duplex"])):
        result = runner.invoke(app, ["batch", "33.23", str(SAMPLE), "--to", "all", "-o", out,
                                     "--separate", "--envelopes", "--labels", "--no-email",
                                     "--quiet", *sizes])
        assert result.exit_code in (0, 3), result.output
        written += [in_tmp / out / "letters.docx", in_tmp / out / "envelopes.docx",
                    in_tmp / out / "labels.docx"]
        written.append(sorted((in_tmp / out / "letters").glob("*.docx"))[0])
    for path in written:
        assert problems(path) == [], path.name


def test_a_control_character_never_reaches_a_document(runner, in_tmp):
    """Refused in the case file, at its line; and the one writer drops it all the same."""
    cases = hostile_case(in_tmp / "hostile")
    result = runner.invoke(app, ["batch", "33.23", str(SAMPLE), "--to", "all", "-o", "out",
                                 "--envelopes", "--labels", "--cases", str(cases), "--quiet"])
    assert result.exit_code == 2
    assert "ua-33.23.yaml:" in result.stderr and "control character U+000B" in result.stderr
    assert not (in_tmp / "out").exists()
    assert clean("Minister\vMa Xingrui") == "Minister\nMa Xingrui"


@pytest.mark.parametrize("part", ["word/settings.xml", "word/fontTable.xml",
                                  "word/theme/theme1.xml", "docProps/core.xml"])
def test_envelopes_and_labels_have_the_parts_letters_have(runner, in_tmp, part):
    result = runner.invoke(app, ["batch", "33.23", str(SAMPLE), "--to", "qin-gang", "-o", "out",
                                 "--envelopes", "--labels", "--no-email", "--quiet"])
    assert result.exit_code in (0, 3), result.output
    for name in ("letters.docx", "envelopes.docx", "labels.docx"):
        assert part in zipfile.ZipFile(in_tmp / "out" / name).namelist()


def test_the_validator_catches_parts_out_of_schema_order(tmp_path):
    """The check is real: settings with themeFontLang before compat (as we once wrote) fail."""
    parts = Parts(styles='<w:styles xmlns:w="http://schemas.openxmlformats.org/'
                  'wordprocessingml/2006/main"/>', language="en-GB",
                  east_asian_language="zh-CN", fonts=["Arial"])
    good = tmp_path / "good.docx"
    good.write_bytes(package(["<w:p/><w:sectPr/>"], lambda: parts))
    assert problems(good) == []
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.namelist():
            data = source.read(item)
            if item == "word/settings.xml":  # themeFontLang moved before compat
                text = data.decode()
                lang = text[text.index("<w:themeFontLang"):text.index("</w:settings>")]
                data = text.replace(lang, "").replace("<w:compat>", lang + "<w:compat>").encode()
            target.writestr(item, data)
    assert any("settings" in problem for problem in problems(bad))


def test_one_cleaner_for_every_writer():
    assert clean("Minister\vSmith\x00") == "Minister\nSmith"


def test_text_that_is_printable_needs_no_cleaning():
    """clean() takes printable text as it is: no character it would drop or rewrite is one
    Python calls printable (checked over all of Unicode)."""
    import sys

    from ua_letters.exporters.ooxml import _UNCLEAN

    assert not [c for c in map(chr, range(sys.maxunicode + 1))
                if c.isprintable() and _UNCLEAN.match(c)]
    assert clean("卡米莱·瓦依提 — “Kamile”") == "卡米莱·瓦依提 — “Kamile”"
    assert clean("a\u2028b\u202ec\r\nd") == "a\nbc\nd"
