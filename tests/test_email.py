"""The email exporter: paste-ready text, mailto: links and .eml drafts, parsed back."""

from __future__ import annotations

import email
from dataclasses import replace
from datetime import date
from email import policy
from urllib.parse import unquote

import pytest
from conftest import JANE

from ua_letters.cases.lookup import find
from ua_letters.cli import app
from ua_letters.errors import UserError
from ua_letters.exporters import mail
from ua_letters.letters.letter import Block, Letter, Writer
from ua_letters.letters.render import render

JANE_DOE = Writer(name="Jane Doe", address="12 Church Lane", city="Oxford", postcode="OX1 2AB",
                  country="United Kingdom", email="jane@example.org")
EMBASSY = "chinaembpress_us@mfa.gov.cn"


@pytest.fixture(scope="module")
def case():
    return find("33.23", []).case


def letter_to_qin_gang(case, writer: Writer = JANE_DOE) -> Letter:
    return render(case, "qin-gang", writer, "en", today=date(2023, 6, 15))


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def content(raw: bytes) -> str:
    """The body as text, with the message's CRLF line ends made plain LF."""
    return parse(raw).get_content().replace("\r\n", "\n")


def short_letter(**changes) -> Letter:
    letter = Letter(
        case_id="1.23", target_id="a", language="en", title="UA 1.23", subject="Free A & B now?",
        to=("a@example.org", "b@example.org"), writer=JANE_DOE,
        blocks=(Block("salutation", ("Dear Minister,",)), Block("paragraph", ("Free A.",)),
                Block("closing", ("Yours sincerely,",)), Block("signature", ("Jane Doe",))),
    )
    return replace(letter, **changes)


def test_eml_is_an_unsent_utf8_draft_to_the_targets_address(case):
    message = parse(mail.message(letter_to_qin_gang(case)))
    assert message["To"] == EMBASSY
    assert message["From"] == "Jane Doe <jane@example.org>"
    assert message["Subject"] == "Kamile Wayit: an appeal for her release (UA 33.23)"
    assert message["X-Unsent"] == "1"
    assert message["Content-Language"] == "en"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["Date"] is not None


def test_eml_body_has_no_postal_blocks_no_hard_wraps_and_a_full_signature(case):
    letter = letter_to_qin_gang(case)
    body = content(mail.message(letter))
    assert body.startswith("Dear Ambassador,\n\n")
    assert "12 Church Lane" not in body and "3505 International Place" not in body
    assert "15 June 2023" not in body
    facts = next(b for b in letter.blocks if b.kind == "paragraph" and "Police" in b.text).text
    assert facts + "\n" in body  # one paragraph, one line, however long
    assert body.endswith("Jane Doe\nOxford, United Kingdom\n")
    assert "卡米莱·瓦依提" in body
    for demand in case.demands:
        assert demand.text["en"] in body


def test_raw_eml_lines_end_in_crlf_and_stay_short(case):
    raw = mail.message(letter_to_qin_gang(case))
    lines = raw.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert max(map(len, lines)) <= 78
    raw.decode("ascii")  # everything non-ASCII is encoded


def test_chinese_subject_and_body_survive_encoding(case):
    writer = Writer(name="王小明", city="伦敦", country="英国", email="w@example.cn")
    letter = replace(letter_to_qin_gang(case), language="zh", subject="关于卡米莱·瓦依提的呼吁信",
                     writer=writer,
                     blocks=(Block("salutation", ("尊敬的秦刚大使：",)),
                             Block("paragraph", ("我写信是为了卡米莱·瓦依提。",), indent=2),
                             Block("signature", ("王小明",), align="right")))
    raw = mail.message(letter)
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n")[0]
    message = parse(raw)
    assert message["Subject"] == "关于卡米莱·瓦依提的呼吁信"
    assert message["From"].addresses[0].display_name == "王小明"
    assert message["Content-Language"] == "zh"
    assert content(raw) == ("尊敬的秦刚大使：\n\n\u3000\u3000我写信是为了卡米莱·瓦依提。\n\n"
                            "王小明\n英国伦敦\n")


@pytest.mark.parametrize("name", [
    "Jane Doe\n",  # CVE-2024-6923: a trailing newline used to slip through
    "Jane\r\nBcc: victim@example.org",
    "Jane\x00\x1b[2J\x7f\u2028Bcc: x@example.org",
    "\u202eeoD enaJ",
    "سارة " * 500,
])
def test_hostile_writer_fields_never_reach_a_header_raw(case, name):
    letter = replace(letter_to_qin_gang(case), subject=f"Appeal\n{name}",
                     writer=replace(JANE_DOE, name=name))
    raw = mail.message(letter)
    head = raw.split(b"\r\n\r\n")[0]
    assert b"\n" not in head.replace(b"\r\n", b"")
    message = parse(raw)
    assert message["Bcc"] is None and len(message.keys()) == 9
    assert message["To"] == EMBASSY
    for header in ("From", "Subject"):
        value = str(message[header])
        assert not any(c in value for c in "\r\n\x00\x1b\x7f\u2028\u202e")
    assert message["From"].addresses[0].addr_spec == "jane@example.org"


def test_a_bad_writer_email_is_a_user_error(case):
    letter = letter_to_qin_gang(case, replace(JANE_DOE, email="jane@@example"))
    with pytest.raises(UserError, match="--email 'jane@@example': not an email address"):
        mail.message(letter)


def test_mailto_link_is_offered_only_when_short_and_is_percent_encoded():
    text = mail.paste_ready(short_letter())
    link = next(line for line in text.splitlines() if "mailto:" in line).split(": ", 1)[1]
    assert link.startswith("mailto:a@example.org,b@example.org?subject=Free%20A%20%26%20B%20now%3F")
    assert "+" not in link and " " not in link
    body = link.split("&body=", 1)[1]
    assert "%0D%0A%0D%0A" in body
    assert unquote(body).replace("\r\n", "\n") == mail.body(short_letter())
    assert len(link) <= mail.MAILTO_LIMIT


def test_a_long_letter_gets_no_link_but_a_reason_and_the_eml_way(case):
    text = mail.paste_ready(letter_to_qin_gang(case))
    assert text.startswith(f"To: {EMBASSY}\nSubject: Kamile Wayit: an appeal for her release "
                           "(UA 33.23)\n\nDear Ambassador,\n")
    assert "mailto:" not in text.replace("No mailto: link", "")
    reason = text.splitlines()[-1]
    assert "1,800" in reason and "-o appeal.eml" in reason


def test_reading_copy_is_never_in_the_draft_and_marked_on_screen(case):
    english = letter_to_qin_gang(case)
    letter = short_letter(reading_copy=english)
    assert "Dear Ambassador" not in content(mail.message(letter))
    text = mail.paste_ready(letter)
    assert text.index("not to be sent") < text.index("Dear Ambassador")


def test_several_letters_do_not_fit_one_eml():
    class Options:
        output = "appeal.eml"

    with pytest.raises(UserError, match=r"an \.eml file holds one message"):
        mail.export([short_letter(), short_letter(target_id="b")], Options())


# The command line


def test_format_email_prints_paste_ready_text(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--format", "email",
                                 *JANE])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"To: {EMBASSY}\nSubject: ")
    assert "Jane Doe\nOxford, United Kingdom\n" in result.stdout


def test_o_eml_writes_a_draft(runner, in_tmp):
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", *JANE,
                                 "-o", "appeal.eml"])
    assert result.exit_code == 0, result.output
    assert "wrote appeal.eml" in result.stderr
    message = parse((in_tmp / "appeal.eml").read_bytes())
    assert message["X-Unsent"] == "1" and message["To"] == EMBASSY


def test_a_target_without_email_names_the_ways_it_has(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--format", "email"])
    assert result.exit_code == 2
    assert result.stderr == ("ua-letter: error: Ma Xingrui has no email address in UA 33.23; "
                             "write by post: --format docx\n")
    both = runner.invoke(app, ["generate", "33.23", "--to", "all", "--format", "email"])
    assert both.exit_code == 0
    assert "warning: Ma Xingrui has no email address" in both.stderr
    assert both.stdout.count("Subject: ") == 1


def test_other_channels_are_named_when_there_is_no_post(case):
    target = replace(case.targets[1], id="phone-only", email=(), address=None)
    other = replace(case, targets=(target,))
    assert mail.without_email(other, "phone-only") == (
        "Qin Gang has no email address in UA 33.23; use fax, phone, social media "
        "(see `ua-letter show 33.23`)")


def test_the_hint_names_a_case_given_by_path_as_typed(case, tmp_path):
    """`ua-letter show 33.23` would not find a case file the user gave by its path."""
    target = replace(case.targets[1], id="phone-only", email=(), address=None)
    other = replace(case, targets=(target,))
    given = tmp_path / "my cases" / "ua-33.23.yaml"
    given.parent.mkdir()
    given.write_text("ua: 33.23\n", encoding="utf-8")
    assert mail.without_email(other, "phone-only", str(given)).endswith(
        f"(see `ua-letter show '{given}'`)")
    assert mail.without_email(other, "phone-only", "UA 33/23").endswith(
        "(see `ua-letter show 33.23`)")
