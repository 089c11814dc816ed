"""Writing output files: no overwriting without --force, nothing half-written, clear errors."""

from __future__ import annotations

import os

import pytest
from conftest import JANE

from ua_letters import files
from ua_letters.cli import app
from ua_letters.errors import UserError


def leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_writes_a_new_file_with_ordinary_permissions(tmp_path):
    target = tmp_path / "letter.docx"
    old = os.umask(0o022)
    try:
        files.write_atomic(target, b"new")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file
    assert leftovers(tmp_path) == []


def test_refuses_to_overwrite_without_force_and_replaces_with_it(tmp_path):
    target = tmp_path / "letter.docx"
    target.write_bytes(b"mine")
    with pytest.raises(UserError, match=r"letter\.docx already exists; .* add --force"):
        files.write_atomic(target, b"new")
    assert target.read_bytes() == b"mine"
    files.write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch,
                                                                   failure):
    target = tmp_path / "letter.docx"
    target.write_bytes(b"mine")

    def interrupted(src, dst):
        assert os.path.dirname(src) == str(tmp_path)  # same folder: the rename is atomic
        raise failure

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(UserError if isinstance(failure, OSError) else KeyboardInterrupt):
        files.write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"mine"
    assert leftovers(tmp_path) == []


def test_a_file_open_elsewhere_gets_a_hint(tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    monkeypatch.setattr(os, "link", locked)  # without --force the file is linked into place
    with pytest.raises(UserError) as caught:
        files.write_atomic(tmp_path / "letter.docx", b"new")
    assert str(caught.value) == (f"could not write {tmp_path / 'letter.docx'}: Permission denied; "
                                 "is the file open in another program?")
    assert leftovers(tmp_path) == []


def test_bad_places_are_one_line_errors(tmp_path):
    with pytest.raises(UserError, match="is a folder; give a file name"):
        files.write_atomic(tmp_path, b"x", force=True)
    with pytest.raises(UserError, match="no such folder; create it first"):
        files.write_atomic(tmp_path / "missing" / "a.txt", b"x")


def test_long_and_non_latin_names(tmp_path):
    target = tmp_path / ("致马兴瑞书记" * 13 + ".docx")  # 239 bytes, near the 255 limit
    files.write_atomic(target, b"x")
    assert target.read_bytes() == b"x"


def test_cli_refuses_to_overwrite_then_force_replaces(runner, in_tmp):
    (in_tmp / "letter.txt").write_text("my own notes", encoding="utf-8")
    refused = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", "-o", "letter.txt"])
    assert refused.exit_code == 2
    assert refused.stderr == ("ua-letter: error: letter.txt already exists; choose another name "
                              "or add --force to replace it\n")
    assert (in_tmp / "letter.txt").read_text(encoding="utf-8") == "my own notes"
    forced = runner.invoke(app, ["generate", "33.23", "--to", "qin-gang", *JANE,
                                 "-o", "letter.txt", "--force"])
    assert forced.exit_code == 0, forced.output
    assert "Dear Ambassador," in (in_tmp / "letter.txt").read_text(encoding="utf-8")
    assert leftovers(in_tmp) == []
