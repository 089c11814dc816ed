"""Wrapping by display width at UAX #14 break opportunities, in Chinese, English and mixed text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

from ua_letters.letters.wrap import (
    break_opportunities,
    display_width,
    pad_left,
    plain_prose,
    uax14_breaks,
    wrap,
)

NO_START = set("，。、；：？！）」』》】〕”’,.;:?!)]}")
NO_END = set("（「『《【〔“‘([{")

hanzi = st.text(alphabet="卡米莱瓦依提商丘工学院阿图什乌鲁木齐维吾尔族大学生释放律师", min_size=1,
                max_size=12)
latin = st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True)
long_word = st.from_regex(r"[A-Za-z0-9]{30,90}", fullmatch=True)
number = st.from_regex(r"[0-9]{1,8}", fullmatch=True)
hyphenated = st.from_regex(r"[a-z]{2,8}-[a-z]{2,8}", fullmatch=True)
word = st.one_of(hanzi, latin, long_word, number, hyphenated)


@st.composite
def phrases(draw):
    """A word, maybe inside brackets or quotes, maybe followed by punctuation."""
    text = draw(word)
    if draw(st.booleans()):
        opener, closer = draw(st.sampled_from(["（）", "「」", "『』", "“”", "《》", "()"]))
        text = opener + text + closer
    ending = draw(st.sampled_from(["", "", "，", "。", "、", "；", "：", "！", "？", ",", "."]))
    return text + ending


@st.composite
def texts(draw):
    pieces = draw(st.lists(phrases(), min_size=1, max_size=40))
    glue = [draw(st.sampled_from(["", " ", ""])) for _ in pieces]
    return "".join(p + g for p, g in zip(pieces, glue, strict=True)).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=150, deadline=None)
@given(text=texts(), width=st.integers(min_value=20, max_value=80),
       indent=st.sampled_from(["", "\u3000\u3000", "  "]))
def test_wrapping_properties(text, width, indent):
    lines = wrap(text, width, indent)
    for line in lines:
        assert wcswidth(line) <= width, (line, width)
    for line in lines[1:]:
        assert line[:1] not in NO_START, (line, lines)
    for line in lines[:-1]:
        assert line[-1:] not in NO_END, (line, lines)
    assert squeeze("".join(lines)) == squeeze(text)


@settings(max_examples=100, deadline=None)
@given(text=texts(), width=st.integers(min_value=2, max_value=20),
       indent=st.sampled_from(["", "\u3000\u3000", "  "]))
def test_narrow_lines_never_overflow(text, width, indent):
    """Below the width of a unit such as '（丘）。' the width wins over the punctuation rules."""
    lines = wrap(text, width, indent, indent)
    assert all(wcswidth(line) <= width for line in lines), lines
    assert squeeze("".join(lines)) == squeeze(text)


def test_chinese_counts_two_columns_and_keeps_punctuation_with_its_text():
    text = ("2023年3月25日，她以“宣扬极端主义”罪被判刑。"
            "外交部发言人向《经济学人》证实了她被定罪一事。")
    lines = wrap(text, 20, "\u3000\u3000")
    assert lines[0].startswith("\u3000\u3000") and not lines[1].startswith("\u3000")
    assert all(display_width(line) <= 20 for line in lines)
    assert max(display_width(line) for line in lines) >= 18  # lines are filled, not halved
    assert "".join(lines).replace("\u3000", "") == text


def test_english_wraps_at_spaces_and_keeps_hyphenated_words_whole():
    text = "I fear for her health and that she may be at risk of torture or other ill-treatment."
    lines = wrap(text, 70)
    assert lines == ["I fear for her health and that she may be at risk of torture or other",
                     "ill-treatment."]


def test_unbreakable_run_is_split_so_no_line_overflows():
    url = "https://www.amnesty.org/en/wp-content/uploads/2023/04/ASA1766382023ENGLISH.pdf"
    lines = wrap(f"See {url} now.", 30)
    assert all(display_width(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == f"See{url}now."


@pytest.mark.parametrize("width", [0, -1])
def test_width_zero_means_no_wrapping(width):
    text = "a " * 100
    assert wrap(text, width, "  ") == ["  " + text]


def test_line_breaks_in_the_text_are_kept():
    assert wrap("first line\nsecond line", 72, "> ", "  ") == ["> first line", "  second line"]


def test_right_alignment_pads_by_display_width():
    assert pad_left("2023年6月15日", 20) == " " * 7 + "2023年6月15日"
    assert display_width(pad_left("王小明", 72)) == 72


def test_wrapping_leaves_nothing_behind(isolated_home):
    """No cache of our own: the same lines each time, and no file written."""
    text = "她放假回到新疆阿图什家中后，于2022年12月12日被警方带走。" * 3
    first = wrap(text, 40)
    assert wrap(text, 40) == first
    assert not list(isolated_home.rglob("*"))


def test_only_prose_in_latin_letters_takes_the_short_cut():
    assert plain_prose("I fear for her health and that she may be at risk of ill-treatment.")
    assert plain_prose("“Release Kamile Wayit,” we ask (again): don’t wait; 33.23 is urgent!")
    for text in ("她放假回到新疆。", "Kamile Wayit (卡米莱·瓦依提)", "and/or", "50%",
                 "A — B", "tab\there", "( spaced )"):
        assert not plain_prose(text), text


letters = st.sampled_from("abcXYZ019éüßĳŒ")
prose_word = st.builds(
    lambda opening, stem, joined, closing: opening + stem + "".join(joined) + closing,
    st.text(alphabet="([\"'“‘", max_size=2),
    st.text(alphabet=letters, min_size=1, max_size=5),
    st.lists(st.builds(str.__add__, st.sampled_from("-'’.,&"),
                       st.text(alphabet=letters, min_size=1, max_size=3)), max_size=2),
    st.text(alphabet=")]\"'”’.,;:!?", max_size=3),
)
prose = st.builds(lambda lead, words: lead + " ".join(words),
                  st.sampled_from(["", " "]), st.lists(prose_word, min_size=1, max_size=8))


@settings(max_examples=300, deadline=None)
@given(text=prose)
def test_plain_prose_breaks_where_uax14_does(text):
    """The short cut for prose in Latin letters finds exactly the Unicode line breaker's breaks."""
    assert plain_prose(text)
    assert break_opportunities(text) == uax14_breaks(text)


def test_chinese_dates_stay_whole():
    text = "她于2022年12月12日被警方带走。" * 4
    for width in range(20, 60):
        for line in wrap(text, width):
            assert not line.startswith(("日", "月", "年")), (width, line)
            assert not line[-1:].isdigit() or line.endswith("。"), (width, line)


def test_a_chinese_name_in_english_text_moves_whole_to_the_next_line():
    text = "I write about Kamile Wayit (卡米莱·瓦依提), a 19-year-old student, and Li Wei (李伟)."
    for width in range(24, 90):
        lines = wrap(text, width)
        assert any("(卡米莱·瓦依提)," in line for line in lines), (width, lines)
        assert any("(李伟)." in line for line in lines), (width, lines)
    chinese = "她于2022年12月被警方带走，此后家人一直没有得到她的任何消息。" * 2
    assert max(map(display_width, wrap(chinese, 30))) <= 30
    assert wrap(chinese, 30)[:2] == ["她于2022年12月被警方带走，此后",
                                     "家人一直没有得到她的任何消息。"]
