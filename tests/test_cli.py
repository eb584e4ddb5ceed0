"""The command line as a face: the shared --db option and the import settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SHORTLIST = Path(sys.executable).with_name("shortlist")


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SHORTLIST_CONFIG": str(tmp_path / "settings.json")}
    return subprocess.run(
        [str(SHORTLIST), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.fixture
def resumes(tmp_path: Path) -> Path:
    from app.samples import write_batch

    folder = tmp_path / "inbox"
    write_batch(folder, 3, seed=8, formats={"txt": 1})
    for truth in folder.glob("*.truth.json"):
        truth.unlink()
    return folder


def test_import_honours_the_import_settings_and_a_flag_wins(tmp_path, resumes):
    db = str(tmp_path / "s.db")
    assert run(tmp_path, "config", "set", "import.max_mb", "0").returncode == 0
    # The window's import.* settings hold on the command line too: nothing fits in 0 MB.
    done = run(tmp_path, "import", str(resumes), "--db", db)
    assert done.returncode == 0, done.stderr
    assert "too_large" in done.stdout and "People from this import: 0" in done.stdout
    # A flag given on the command line wins over the setting.
    done = run(tmp_path, "--db", db, "import", str(resumes), "--max-mb", "20")
    assert done.returncode == 0, done.stderr
    assert "People from this import: 3" in done.stdout


def test_db_goes_before_or_after_the_command(tmp_path, resumes):
    before, after = str(tmp_path / "before.db"), str(tmp_path / "after.db")
    assert run(tmp_path, "--db", before, "import", str(resumes)).returncode == 0
    assert run(tmp_path, "import", str(resumes), "--db", after).returncode == 0
    for db in (before, after):
        listed = run(tmp_path, "people", "--db", db)
        assert listed.returncode == 0 and "3 people in" in listed.stdout
    # A --db after the command is not undone by the default of the one before it.
    listed = run(tmp_path, "--db", before, "people", "--db", after)
    assert f"people in {after}" in listed.stdout
