"""Templates users can change: search order, listing, copying, and the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from ua_letters import resources
from ua_letters.cli import app

MINIMAL = '{{{{ block("paragraph") }}}}\n{text} {{{{ writer.name }}}}\n'


def user_templates(home: Path) -> Path:
    return home / ".config" / "ua-letters" / "templates"


def write_template(folder: Path, text: str, name: str = "letter.en.j2") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def generate(runner, *extra: str):
    return runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--name", "Jane",
                               "--date", "2023-06-15", *extra])


def test_template_dir_beats_the_user_folder_which_beats_the_shipped_one(runner, isolated_home,
                                                                        tmp_path):
    assert "Dear Secretary Ma," in generate(runner).stdout
    write_template(user_templates(isolated_home), MINIMAL.format(text="From my folder,"))
    assert generate(runner).stdout == "From my folder, Jane\n"
    flag = write_template(tmp_path / "mine", MINIMAL.format(text="From the flag,"))
    assert generate(runner, "--template-dir", str(flag.parent)).stdout == "From the flag, Jane\n"


def test_templates_lists_each_name_with_the_folder_that_wins(runner, isolated_home, tmp_path):
    listed = runner.invoke(app, ["templates"])
    assert listed.exit_code == 0
    shipped = resources.shipped("templates")
    assert ["letter.en.j2", "shipped", str(shipped / "letter.en.j2")] in rows(listed.stdout)
    assert "(none yet)" in listed.stdout
    mine = write_template(user_templates(isolated_home), MINIMAL.format(text="x"))
    flagged = write_template(tmp_path / "flag", MINIMAL.format(text="y"))
    listed = runner.invoke(app, ["templates", "--template-dir", str(flagged.parent)])
    assert rows(listed.stdout)[:4] == [["Search", "path,", "first", "wins:"],
                                       ["--template-dir", str(flagged.parent)],
                                       ["user", str(mine.parent)],
                                       ["shipped", str(shipped)]]
    assert ["letter.en.j2", "--template-dir", str(flagged), "(overrides", "user,",
            "shipped)"] in rows(listed.stdout)
    plain = runner.invoke(app, ["templates", "list"])
    assert ["letter.en.j2", "user", str(mine), "(overrides", "shipped)"] in rows(plain.stdout)


def rows(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


def test_copy_puts_a_shipped_template_where_it_overrides_and_never_overwrites(
        runner, isolated_home, tmp_path):
    copied = runner.invoke(app, ["templates", "copy", "en"])
    assert copied.exit_code == 0, copied.output
    target = user_templates(isolated_home) / "letter.en.j2"
    assert target.read_bytes() == (ROOT / "templates" / "letter.en.j2").read_bytes()
    target.write_text(MINIMAL.format(text="Edited,"), encoding="utf-8")
    again = runner.invoke(app, ["templates", "copy", "letter.en.j2"])
    assert again.exit_code == 2 and "add --force" in again.stderr
    assert generate(runner).stdout == "Edited, Jane\n"
    assert runner.invoke(app, ["templates", "copy", "en", "--force"]).exit_code == 0
    assert "Dear Secretary Ma," in generate(runner).stdout
    missing = runner.invoke(app, ["templates", "copy", "en", str(tmp_path / "out")])
    assert missing.exit_code == 2 and "no such folder; create it first" in missing.stderr
    (tmp_path / "out").mkdir()
    elsewhere = runner.invoke(app, ["templates", "copy", "en", str(tmp_path / "out")])
    assert elsewhere.exit_code == 0 and (tmp_path / "out" / "letter.en.j2").is_file()
    unknown = runner.invoke(app, ["templates", "copy", "letter.fr.j2"])
    assert unknown.exit_code == 2
    assert "unknown template 'letter.fr.j2'" in unknown.stderr


ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ pick.__globals__ }}",
    "{{ block.__globals__['os'] }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ ''|attr('__class__') }}",
    "{{ '{0.__class__}'.format(1) }}",
    "{{ self.__init__ }}",
    "{% set x = writer.update({'name': 'x'}) %}",
    "{{ people.append(1) }}",
    "{{ 'x' * 1000000000 }}",
    "{{ 9 ** 999999 }}",
]


@pytest.mark.parametrize("code", ESCAPES)
def test_reaching_python_internals_is_refused(runner, tmp_path, code):
    folder = tmp_path / "evil"
    write_template(folder, f'{{{{ block("paragraph") }}}}\nfine\n{code}\n')
    result = generate(runner, "--template-dir", str(folder))
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()[-1:]
    assert line.startswith(f"ua-letter: error: {folder / 'letter.en.j2'}:3: refused unsafe "
                           "template code: ")


@pytest.mark.parametrize(("code", "message"), [
    ("{{ writer.nickname }}", "has no attribute 'nickname'"),
    ("{{ signature_name }}", "'signature_name' is undefined"),
    ("{{ 1 / 0 }}", "template error: division by zero"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "template error: maximum recursion"),
    ("{{ range(10 ** 9) | list }}", "template error: Range too big"),
    ("{% include 'footer.j2' %}", "no template 'footer.j2'"),
    ("{{ block('footer') }}", "unknown block kind 'footer'"),
])
def test_template_errors_name_the_file_line_and_what_went_wrong(runner, tmp_path, code, message):
    folder = tmp_path / "mine"
    write_template(folder, f'{{{{ block("paragraph") }}}}\nfine\n{code}\n')
    result = generate(runner, "--template-dir", str(folder))
    assert result.exit_code == 2
    [line] = [text for text in result.stderr.splitlines() if "error" in text]
    assert line.startswith(f"ua-letter: error: {folder / 'letter.en.j2'}:3: ")
    assert message in line


def test_syntax_errors_and_runaway_output(runner, tmp_path):
    folder = tmp_path / "mine"
    write_template(folder, '{{ block("paragraph") }}\n{% if %}\n')
    broken = generate(runner, "--template-dir", str(folder))
    assert broken.exit_code == 2 and f"{folder / 'letter.en.j2'}:2: template error" in broken.stderr
    write_template(folder, '{{ block("paragraph") }}\n{% for i in range(99999) %}'
                           '{% for j in range(99999) %}words {% endfor %}{% endfor %}\n')
    runaway = generate(runner, "--template-dir", str(folder))
    assert runaway.exit_code == 2 and "template output exceeds" in runaway.stderr


def test_paragraph_lines_join_with_spaces_except_where_a_script_uses_none(runner, tmp_path):
    folder = write_template(tmp_path / "mine", '{{ block("paragraph") }}\nI write\nto you.\n'
                            "我写信给您，\n是为了她。\n한국어는\n띄어 씁니다.\n").parent
    assert generate(runner, "--template-dir", str(folder)).stdout == (
        "I write to you.我写信给您，是为了她。한국어는 띄어 씁니다.\n")


def _slots(name: str) -> dict[str, list[int]]:
    """Each `pick` slot of a shipped template -> how many wordings each use of it offers."""
    from jinja2 import Environment, nodes

    from ua_letters.letters.parts import Parts

    tree = Environment(extensions=[Parts]).parse(
        (ROOT / "templates" / name).read_text(encoding="utf-8"))
    slots: dict[str, list[int]] = {}
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "pick":
            slots.setdefault(call.args[0].value, []).append(len(call.args) - 1)
    return slots


def test_the_reading_copy_offers_a_wording_for_every_wording_of_the_chinese_letter():
    """letter.zh.en.j2 says what letter.zh.j2 says: the same slots, as many wordings each."""
    assert _slots("letter.zh.en.j2") == _slots("letter.zh.j2")


@pytest.mark.parametrize("template", [
    '{% part "paragraph" %}Hello.{% endpart %}\nstray words\n'
    '{% part "closing" %}Bye,{% endpart %}\n',
    # as templates of earlier versions marked their parts
    '{% call block("paragraph") %}Hello.{% endcall %}\nstray words\n'
    '{% call block("closing") %}Bye,{% endcall %}\n',
])
def test_a_part_ends_where_the_template_says_and_nothing_falls_outside(runner, tmp_path,
                                                                       template):
    (tmp_path / "letter.en.j2").write_text(template, encoding="utf-8")
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui",
                                 "--template-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "letter.en.j2: text outside any block: 'stray words'" in result.output


def test_a_mistyped_part_is_an_error_naming_the_template_line(runner, tmp_path):
    (tmp_path / "letter.en.j2").write_text(
        '{% part "paragraph" %}Hello.{% endpart %}\n'
        '{% part "closng" %}Bye,{% endpart %}\n', encoding="utf-8")
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui",
                                 "--template-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "letter.en.j2:2: template error: part: unknown block kind 'closng'" in result.output
    assert "Traceback" not in result.output


def test_a_part_may_take_its_kind_and_layout_from_the_letter(runner, tmp_path):
    """Arguments known only when a letter is made work as constant ones do."""
    (tmp_path / "letter.en.j2").write_text(
        '{% set where = "right" %}{% for kind in ["paragraph", "closing"] %}'
        '{% part kind, indent=loop.index, align=where %}Part {{ loop.index }}.{% endpart %}'
        '{% endfor %}\n', encoding="utf-8")
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui",
                                 "--template-dir", str(tmp_path), "-o",
                                 str(tmp_path / "out.txt")])
    assert result.exit_code == 0, result.output
    from ua_letters.letters.render import parse, render_template

    text = render_template("letter.en.j2", {}, [tmp_path])
    assert [(b.kind, b.lines, b.indent, b.align) for b in parse(text)] == [
        ("paragraph", ("Part 1.",), 1, "right"), ("closing", ("Part 2.",), 2, "right")]


def test_pick_works_inside_loops_and_macros(tmp_path):
    """pick is called without the sandbox's checks (it is ours); Jinja hands a call inside
    a loop the loop's variables, which it must not be given."""
    from ua_letters.letters.context import chooser
    from ua_letters.letters.render import parse, render_template

    (tmp_path / "letter.en.j2").write_text(
        '{% macro twice() %}{{ pick("m", "one", "two") }}{% endmacro %}'
        '{% part "paragraph" %}{% for n in [1, 2] %}{{ pick("s", "a", "b") }} {{ n }} '
        '{{ twice() }} {% endfor %}{% endpart %}\n', encoding="utf-8")
    text = render_template("letter.en.j2", {"pick": chooser("seed", 1, True)}, [tmp_path])
    assert parse(text)[0].lines == ("b 1 two b 2 two",)


def test_a_part_indented_past_the_page_is_refused_not_laid_out(runner, tmp_path):
    """An indent wider than the page left the page-fit estimate no room and the command
    hung; now the template is refused, naming its line, as {{ block() }} is."""
    for number, template in enumerate(['{% part "recipient", indent=60 %}To{% endpart %}\n',
                                       '{{ block("recipient", indent=60) }}To\n']):
        folder = tmp_path / str(number)
        folder.mkdir()
        (folder / "letter.en.j2").write_text(template, encoding="utf-8")
        result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--note",
                                     "I think of her.", "--template-dir", str(folder)])
        assert result.exit_code == 2, result.output
        assert "letter.en.j2:1: template error: " in result.output
        assert "indent must be 0 to 20 characters, not 60" in result.output


def test_pick_takes_any_slot_and_only_our_functions_skip_the_sandbox(tmp_path):
    from ua_letters.errors import UserError
    from ua_letters.letters.context import chooser
    from ua_letters.letters.render import parse, render_template

    (tmp_path / "letter.en.j2").write_text(
        '{% part "paragraph" %}{% for i in [1, 2, 3] %}{{ pick(i, "x", "y", "z") }}'
        '{% endfor %}{% endpart %}\n', encoding="utf-8")
    text = render_template("letter.en.j2", {"pick": chooser("seed", None, True)}, [tmp_path])
    assert len(parse(text)[0].lines[0]) == 3
    (tmp_path / "letter.en.j2").write_text(
        '{% set ns = namespace(safe_for_templates=True) %}{{ ns() }}\n', encoding="utf-8")
    with pytest.raises(UserError, match="not callable"):
        render_template("letter.en.j2", {}, [tmp_path])
