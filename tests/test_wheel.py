"""The built wheel carries the cases and templates, and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"pip wheel failed: {result.stderr[-2000:]}")
    return next(out.glob("ua_letters-*.whl"))


def test_wheel_ships_cases_and_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "ua_letters/_shipped/cases/ua-33.23.yaml" in names
    assert "ua_letters/_shipped/templates/letter.en.j2" in names
    assert "ua_letters/cli.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_runs_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import ua_letters, sys; print(ua_letters.__file__); "
            "from ua_letters.cli import main; sys.argv[1:] = "
            "['generate', '33.23', '--to', 'ma-xingrui']; main()")
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(target))
    assert "Dear Secretary Ma," in result.stdout
