"""Every combination of wordings a Chinese letter can get: no known-bad joins, no claims the
case does not make.

A letter is its fixed text (salutation, facts, demands...) plus one wording per `pick` slot.
The faults looked for here each need at most two pieces of text to appear, so checking the
fixed text with every wording, and every pair of wordings from two slots, covers every
letter any writer can get, without rendering the millions of them one by one.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

from ua_letters.cases.lookup import find
from ua_letters.letters import context
from ua_letters.letters.letter import Writer
from ua_letters.letters.render import parse, render_template
from ua_letters.resources import template_dirs

# What issue 12's case model lets a case say about a person, in the combinations that
# change what the Chinese template writes; and what a target can do.
SITUATIONS = [
    (),
    ("detained", "sentenced"),
    ("detained", "sentenced", "whereabouts-unknown", "health-at-risk", "torture-risk"),
    ("detained", "on-trial", "torture-risk"),
    ("health-at-risk", "harassed"),
    ("at-risk", "whereabouts-unknown"),
]
KINDS = ("authority", "diplomat", "intergovernmental", "other")

# Two pieces that must never meet in one letter, and why.
NEVER_TOGETHER = [
    ("由于", "这让我", "由于/鉴于 clause finished by a new subject: 句式杂糅"),
    ("鉴于", "这让我", "由于/鉴于 clause finished by a new subject: 句式杂糅"),
    ("了解到", "了解到", "the same verb twice"),
    ("冒昧", "冒昧", "apologising twice"),
    ("我相信", "我相信", "the same assurance twice"),
    ("希望您", "希望您", "the same wish twice"),
    ("期待", "期待", "the same expectation twice"),
    ("盼望", "盼望", "the same hope twice"),
    ("公正、人道", "公正、人道", "the same phrase twice"),
    ("恳请", "恳请您考虑", "asking twice in two sentences"),
    ("敬请", "敬请", "the same courtesy twice"),
    ("对待", "对待", "the same word twice"),
    ("拨冗", "拨冗", "the same courtesy twice"),
    ("重视", "重视", "the same word twice"),
    ("关切", "关切", "the same word twice"),
    ("请求您", "以下请求", "请求 twice in one sentence"),
    # Issue 15 review: one word for her situation per slot, and no echo between neighbours.
    ("情况", "情况", "her situation named twice (opening, source, reaction, follow, news)"),
    ("处境", "处境", "her situation named twice"),
    ("遭遇", "遭遇", "her situation named twice"),
    ("境况", "境况", "her situation named twice"),
    ("状况", "状况", "her condition named twice (whereabouts and health)"),
    ("得知", "得知", "the same verb twice (source, whereabouts, news)"),
    ("恳切", "恳切", "hope and ask both 恳切, one after the other"),
    ("有关当局", "有关当局", "hope and ask both name the authorities"),
    ("有关方面", "有关当局", "hope and ask both name the authorities"),
    ("几点", "几点", "ask and consider both 几点, one after the other"),
    ("谨致", "谨致", "谨致谢忱 then the closing 谨致崇高的敬意"),
    ("还望", "还望", "the same courtesy twice in one paragraph"),
    ("认真", "认真", "认真考虑 then 认真看待 in one paragraph"),
    ("考虑", "考虑", "consider and thanks both 考虑"),
    ("关注", "的关注", "follow 关注此案 then thanks for your 关注"),
    ("此信", "此信", "thanks and respect both 此信"),
    ("这封信", "这封信", "thanks and respect both 这封信"),
    ("深感", "深感", "reaction and fear both 深感"),
    ("极为", "极为", "whereabouts and fear both 极为, one after the other"),
    ("应当受到尊重", "尊重", "the principle and the hope both 尊重, one after the other"),
    ("对待的权利", "权利", "the principle and the hope both 权利, one after the other"),
    ("一事", "一事", "一事 in two sentences running"),
    ("按照", "按照", "按照国际人权标准 then 按照…原则, one after the other"),
    ("写信", "写信", "我写信给您 at the start, 我写信的用意 at the end"),
]
# Never in any Chinese letter.
NEVER = {
    "羁押": "pre-trial custody: wrong for someone sentenced; say 在押 / 被剥夺自由 / 关押",
    "依法": "依法处理 is the stock phrase for punishing according to law",
    "顺颂": "a friendly wish between peers, wrong after an appeal",
    "时祺": "a friendly wish between peers, wrong after an appeal",
    "是为了": "colloquial",
    "提笔": "colloquial",
    "我谨致函": "谨此致函 / 谨就…致函",
    "它": "translationese for a principle: 这一原则",
    "放心不下": "sounds like family",
    "挂念": "sounds like family",
    "仍有": "sounds pessimistic",
    "经由": "unnatural way to say where the writer heard of the case",
    "无人知晓": "claims no one knows, though the authorities do: 外界…",
    "来日方长": "means 'there is no hurry'",
    "获悉了": "获悉 takes no 了",
    "让我了解": "使我 in a formal letter",
}
# Claims that need a situation word of the case.
NEEDS = {
    "酷刑": "torture-risk",
    "在押": "detained",
    "被剥夺自由": "detained",
    "家人团聚": "detained",
    "家人身边": "detained",
    "健康": None,  # health-at-risk, or youth: checked below
}
_ENDS = ("。", "！", "？", "：")


@pytest.fixture(scope="module")
def case():
    return find("33.23", []).case


def _values(case, target_id: str, situation: tuple[str, ...], kind: str) -> dict:
    writer = Writer(name="王小明", address="12 Church Lane", city="Oxford", postcode="OX1 2AB",
                    country="英国")
    values = context.build(case, case.target(target_id), writer, "zh", date(2023, 6, 15),
                           formatted_date="2023年6月15日")
    for person in values["people"]:  # `person` is people[0]: the same dictionary
        person["situation"] = list(situation)
    values["subject"]["situation"] = sorted(situation)
    values["target"]["kind"] = kind
    return values


def _render(values: dict, pick, name: str = "letter.zh.j2") -> str:
    values = {**values, "pick": pick}
    blocks = parse(render_template(name, values, template_dirs(None)), name)
    return "\n".join(block.text for block in blocks)


def _slots(values: dict, name: str = "letter.zh.j2") -> tuple[str, dict[str, list[str]]]:
    """The letter without any wording, and the wordings each slot offers."""
    slots: dict[str, list[str]] = {}

    def recording(slot, *options):
        texts = ["".join(o) if isinstance(o, list) else o for o in options]
        slots.setdefault(slot, []).extend(texts)
        return ["", ""] if isinstance(options[0], list) else ""

    return _render(values, recording, name), slots


def _configurations(case):
    for situation, kind in itertools.product(SITUATIONS, KINDS):
        yield situation, kind, _values(case, "ma-xingrui", situation, kind)


def _together(first: str, second: str, text: str) -> bool:
    """Whether `second` follows `first` somewhere in `text` (the same word: twice)."""
    at = text.find(first)
    return at >= 0 and text.find(second, at + len(first)) >= 0


def test_every_wording_is_a_whole_sentence(case):
    for _, _, values in _configurations(case):
        _, slots = _slots(values)
        for slot, options in slots.items():
            for option in options:
                if option and slot != "close":
                    assert option.endswith(_ENDS), (slot, option)
                    assert "这让我" not in option and not option.startswith(("由于", "鉴于")), (
                        slot, option)


def test_no_two_pieces_of_any_letter_make_a_known_bad_join(case):
    for situation, kind, values in _configurations(case):
        fixed, slots = _slots(values)
        pieces = [("fixed", fixed)] + [(s, o) for s, options in slots.items() for o in options]
        for _, text in pieces:
            for word, why in NEVER.items():
                assert word not in text, f"{word} ({why}) in {text!r}"
        pairs = [(a, b) for (sa, a), (sb, b) in itertools.combinations(pieces, 2) if sa != sb]
        for first, second, why in NEVER_TOGETHER:
            for a, b in [*pairs, *((text, "") for _, text in pieces)]:
                if _together(first, second, f"{a}\n{b}") or _together(first, second, f"{b}\n{a}"):
                    pytest.fail(f"{first}…{second} ({why}) with {situation}, {kind}: "
                                f"{a[:60]!r} + {b[:60]!r}")


def test_wordings_claim_only_what_the_situation_says(case):
    for situation, kind, values in _configurations(case):
        _, slots = _slots(values)
        said = "".join(o for options in slots.values() for o in options)
        for word, needed in NEEDS.items():
            if needed and needed not in situation:
                assert word not in said, f"{word} without {needed}: {situation}"
        if "health-at-risk" not in situation:
            health = [o for s, options in slots.items() for o in options
                      if "健康" in o and s != "youth"]
            assert not health, health
        if "detained" in situation:  # 'may she get through it' undercuts a call for release
            assert "渡过难关" not in said, situation
        asks = "".join(slots["ask"])
        assert ("贵国" in asks) == (kind == "diplomat")
        assert ("有关当局" in asks or "有关部门" in asks) == (kind != "authority")


def test_rendered_letters_in_every_variant_are_clean(case):
    """The same, on whole letters as writers get them: variant N picks wording N."""
    for _, _, values in _configurations(case):
        longest = max(len(options) for options in _slots(values)[1].values())
        for variant in range(longest):
            text = _render(values, context.chooser("", variant, True))
            assert text.count("冒昧") <= 1 and text.count("我相信") <= 1
            assert text.count("了解到") <= 1 and "羁押" not in text
            for sentence in re.split("(?<=[。！？])", text):
                assert not ("由于" in sentence and "这让我" in sentence), sentence


def test_the_reading_copy_avoids_what_issue_15_found(case):
    for situation, kind in itertools.product(SITUATIONS, KINDS):
        values = _values(case, "ma-xingrui", situation, kind)
        english = context.build(case, case.target("ma-xingrui"), Writer(name="王小明"), "en",
                                date(2023, 6, 15), formatted_date="15 June 2023")
        for key in ("people", "person", "subject", "target"):
            values[key] = english[key]
        for person in values["people"]:
            person["situation"] = list(situation)
        values["subject"]["situation"] = sorted(situation)
        values["target"]["kind"] = kind
        _, slots = _slots(values, "letter.zh.en.j2")
        for slot, options in slots.items():
            for option in options:
                assert option not in ("Greetings.",), slot
                assert "excuse my writing" not in option and "came to know through" not in option
                assert not re.search(r"through [^.]* of (her|his|their|this)", option), option
