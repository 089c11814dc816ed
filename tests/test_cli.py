"""The command line as a user runs it, through typer's CliRunner."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from conftest import JANE, ROOT, TEST_CASES

from ua_letters.cli import app

TEST_CASE = str(TEST_CASES / "ua-164.20.yaml")


def test_help_teaches_the_tool(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("cases", "show", "generate", "validate"):
        assert command in result.output
    result = runner.invoke(app, ["generate", "--help"])
    assert "--to" in result.output and "--name" in result.output


def test_cases_lists_33_23(runner):
    result = runner.invoke(app, ["cases"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith("33.23"))
    assert "Kamile Wayit" in line and "2023-08-29 (passed)" in line
    assert "en, zh or own" in line and "ma-xingrui, qin-gang" in line


def test_show_lists_targets_and_channels(runner):
    result = runner.invoke(app, ["show", "33.23"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Kamile Wayit (卡米莱·瓦依提), she/her" in out
    assert "ma-xingrui: Ma Xingrui" in out and "qin-gang: Qin Gang" in out
    assert "email: chinaembpress_us@mfa.gov.cn" in out
    assert "@ChineseEmbinUS (Twitter), @AmbQinGang (Twitter)" in out
    assert "1. Release Kamile Wayit immediately" in out


def test_generate_prints_the_letter_and_warns_on_stderr(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", *JANE])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Jane Doe\n12 Church Lane\nOxford OX1 2AB\nUnited Kingdom\n")
    assert "Dear Secretary Ma," in result.stdout
    assert "deadline" not in result.stdout
    assert "deadline of UA 33.23 (2023-08-29) has passed" in result.stderr
    assert "local Amnesty section" in result.stderr


def test_generate_all_gives_one_letter_per_target(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "all", "--date", "2023-07-01",
                                 "--width", "0"])
    assert result.exit_code == 0, result.output
    # the authority is urged; the ambassador is asked to convey concern (target kind)
    assert result.stdout.count("- Release Kamile Wayit immediately") == 2
    assert result.stdout.count("I therefore urge you to:") == 1
    assert "Dear Secretary Ma," in result.stdout and "Dear Ambassador," in result.stdout
    assert "passed" not in result.stderr


def test_unknown_case_suggests_the_closest(runner):
    result = runner.invoke(app, ["generate", "33.32", "--to", "ma-xingrui"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unknown case '33.32'; did you mean '33.23'?" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_target_suggests_the_closest(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingru"])
    assert result.exit_code == 2
    assert "unknown target 'ma-xingru' in UA 33.23; did you mean 'ma-xingrui'?" in result.stderr
    assert "qin-gang" in result.stderr


def test_bad_flag_is_one_line_exit_2(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", "--nmae", "x"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--nmae" in result.stderr


def test_bad_writer_values(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--name", "A\x07B"])
    assert result.exit_code == 2 and "--name: contains control characters" in result.stderr
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "--date", "29/08/2023"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_case_by_path_and_copies(runner):
    # the attorney general has no postal address: a printed letter is refused, naming the
    # ways the case gives; the web form gets the same letter to paste
    result = runner.invoke(app, ["generate", TEST_CASE, "--to", "attorney-general",
                                 "--date", "2020-11-10", "--width", "0"])
    assert result.exit_code == 2
    assert result.stderr == (
        "ua-letter: error: Jorge Ruiz has no postal address in UA 164.20, update 1; the case "
        "gives: email (--format email), web form (--format form) (see `ua-letter show "
        f"{TEST_CASE}`)\n")  # named as the user gave it, so the hint works when pasted
    result = runner.invoke(app, ["generate", TEST_CASE, "--to", "attorney-general",
                                 "--date", "2020-11-10", "--format", "form"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Web form: https://fiscalia.example.org/contact\n")
    assert "Dear Attorney General," in out
    assert "Ana Pérez, Luis Ortega and at least 14 protesters" in out
    assert "- Open an impartial investigation into the arrests." in out
    # a form sends no copies: no cc: line, but the writer is told whom to copy
    assert "cc:" not in out
    assert out.rstrip().endswith("- Sofía Lara, Ambassador of Freedonia, Embassy of Freedonia")
    result = runner.invoke(app, ["generate", TEST_CASE, "--to", "minister-interior",
                                 "--date", "2020-11-10", "--width", "0"])
    out = result.stdout
    assert out.rstrip().endswith("cc: Sofía Lara, Ambassador of Freedonia, Embassy of Freedonia")


def test_demand_for_one_target_is_left_out_for_the_others(runner):
    result = runner.invoke(app, ["generate", TEST_CASE, "--to", "minister-interior",
                                 "--date", "2020-11-10"])
    assert result.exit_code == 0
    assert "investigation" not in result.stdout
    assert "Dear Minister," in result.stdout


def test_validate_good_and_bad(runner, tmp_path):
    result = runner.invoke(app, ["validate", str(ROOT / "cases"), TEST_CASE])
    assert result.exit_code == 0, result.output
    assert "2 case files OK" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text('ua: 33.20\ntitle: x\nlanguages: [en]\nindividuals: []\n'
                   'demands: []\ntargets: []\ncolour: red\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), str(ROOT / "cases")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert any("bad.yaml:1: ua:" in line and "quotes" in line for line in lines)
    assert any("bad.yaml:7: colour: unknown key" in line for line in lines)


def test_python_dash_m_works(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ua_letters", "generate", "33.23", "--to", "qin-gang"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Dear Ambassador," in result.stdout


def test_the_script_reports_errors_as_the_app_does(runner, tmp_path):
    """One error boundary: `python -m ua_letters` and the app give the same one line."""
    for args in (["generate", "33.23", "--to", "ma-xingru"], ["generate", "33.23", "--nmae"]):
        script = subprocess.run([sys.executable, "-m", "ua_letters", *args], cwd=tmp_path,
                                capture_output=True, text=True, check=False)
        app_run = runner.invoke(app, args)
        assert (script.returncode, script.stdout, script.stderr) == (
            app_run.exit_code, app_run.stdout, app_run.stderr) == (2, "", script.stderr)
        assert len(script.stderr.strip().splitlines()) == 1, script.stderr
        assert "Traceback" not in script.stderr


def test_the_script_runs_without_the_cycle_collector_and_freezes_what_is_left(tmp_path,
                                                                              runner):
    """main() runs the command with the collector off (as the command sees it) and leaves
    every object frozen for a quick exit, its exit code unchanged. The app that tests
    call leaves the collector alone."""
    code = ("import gc, sys\nfrom ua_letters import cli\nfrom ua_letters.cases import show\n"
            "sys.argv[1:] = {args!r}\nseen = []\ndescribe = show.describe\n"
            "show.describe = lambda *a, **k: seen.append(gc.isenabled()) or describe(*a, **k)\n"
            "try:\n    cli.main()\nexcept SystemExit as exc:\n"
            "    print(exc.code, gc.get_freeze_count() > 0, seen)")
    for args, ending in ((["show", "33.23"], "0 True [False]"),
                         (["generate", "33.23", "--to", "x"], "2 True []")):
        result = subprocess.run([sys.executable, "-c", code.format(args=args)], cwd=tmp_path,
                                capture_output=True, text=True, check=False)
        assert result.stdout.splitlines()[-1] == ending, result.stderr
    assert runner.invoke(app, ["cases"]).exit_code == 0
    assert gc.isenabled()


def test_usage_errors_are_one_line_naming_the_command(runner):
    missing = runner.invoke(app, ["generate"])
    assert missing.exit_code == 2
    assert missing.stderr == "ua-letter generate: error: Missing argument 'case'. (see --help)\n"
    option = runner.invoke(app, ["profile", "set", "name"])
    assert option.exit_code == 2
    assert option.stderr.startswith("ua-letter profile set: error: Missing argument 'value'")


def test_help_with_and_without_arguments(runner):
    for args in (["--help"], ["-h"], ["profile", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and result.stdout.startswith("Usage: ua-letter"), args
    for args, commands in (([], ("generate", "validate")), (["profile"], ("set", "unset"))):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and result.stderr.startswith("Usage: ua-letter"), args
        assert all(command in result.stderr for command in commands)


def test_one_line_writer_fields_refuse_line_breaks(runner):
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang",
                                 "--name", "Jane\r\nBcc: evil@example.org"])
    assert result.exit_code == 2
    assert "--name: give it on one line" in result.stderr
    result = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang",
                                 "--address", "1 High St\nFlat 2", "--date", "2023-06-15"])
    assert result.exit_code == 0 and "1 High St\nFlat 2\n" in result.stdout


def test_validate_checks_the_file_as_it_is_now_with_the_rules_as_they_are_now(
        runner, tmp_path, monkeypatch):
    """No validated-file cache: a file edited since, or a cross-check added since, counts."""
    from test_model import GOOD

    from ua_letters.cases import loader

    case = tmp_path / "ua-12.34.yaml"
    case.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["validate", str(case)]).stdout == "1 case file OK\n"
    demand = "Release A Person"
    case.write_text(GOOD.replace(demand, f"{demand}\n    targets: [the-ministre]"),
                    encoding="utf-8")
    edited = runner.invoke(app, ["validate", str(case)])
    assert edited.exit_code == 2 and "unknown target 'the-ministre'" in edited.stderr
    case.write_text(GOOD, encoding="utf-8")
    checks = loader._cross_check
    monkeypatch.setattr(loader, "_cross_check",
                        lambda value, source, dirs: [*checks(value, source, dirs),
                                                     "a rule added since"])
    added = runner.invoke(app, ["validate", str(case)])
    assert added.exit_code == 2 and "a rule added since" in added.stderr


def test_output_into_a_folder_takes_the_usual_name_there(runner, in_tmp):
    (in_tmp / "letters").mkdir()
    args = ["generate", "33.23", "--to", "ma-xingrui", "--name", "Jo", "-o", "letters"]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, [*args, "--format", "docx"]).exit_code == 0
    assert sorted(p.name for p in (in_tmp / "letters").iterdir()) == [
        "33.23-ma-xingrui-en.docx", "33.23-ma-xingrui-en.txt"]


@pytest.mark.parametrize("option", ["--cases", "--template-dir"])
def test_a_search_folder_that_does_not_exist_is_refused(runner, option):
    result = runner.invoke(app, ["generate", "33.23", "--to", "ma-xingrui", option, "/nowhere"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "'/nowhere' does not exist" in result.stderr
