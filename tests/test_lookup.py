"""Where cases are found: --cases, then ./cases, then the user's data folder, then shipped."""

from __future__ import annotations

from ua_letters.cli import app
from ua_letters.resources import user_data_dir

CASE = """\
ua: "33.23"
title: {{en: {title}}}
languages: [en]
individuals:
  - name: Someone
demands:
  - text: Something
targets:
  - id: ma-xingrui
    name: Somebody
"""


def put(folder, title):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ua-33.23.yaml").write_text(CASE.format(title=title), encoding="utf-8")


def shown_title(runner, *extra):
    result = runner.invoke(app, ["show", "33.23", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


def test_lookup_order(runner, in_tmp):
    assert "Uyghur student" in shown_title(runner)  # shipped
    put(user_data_dir() / "cases", "From user data")
    assert shown_title(runner).endswith("From user data")
    put(in_tmp / "cases", "From working folder")
    assert shown_title(runner).endswith("From working folder")
    put(in_tmp / "extra", "From option")
    assert shown_title(runner, "--cases", str(in_tmp / "extra")).endswith("From option")


def test_cases_lists_a_shadowed_case_once(runner, in_tmp):
    put(in_tmp / "cases", "From working folder")
    result = runner.invoke(app, ["cases"])
    assert result.stdout.count("\n33.23") == 1


def test_a_broken_case_file_does_not_hide_the_others(runner, in_tmp):
    (in_tmp / "cases").mkdir()
    (in_tmp / "cases" / "ua-1.23.yaml").write_text("ua: [\n", encoding="utf-8")
    result = runner.invoke(app, ["cases"])
    assert result.exit_code == 0
    assert "33.23" in result.stdout
    assert "skipped:" in result.stderr and "ua-1.23.yaml:" in result.stderr
