"""Shared fixtures. GUI fixtures live in tests/gui/conftest.py."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
TODAY = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def own_settings_and_data(tmp_path_factory, monkeypatch):
    """Every test gets its own settings file and data folder: nothing reads or writes the
    user's real ones, and no test sees what another left behind."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SHORTLIST_CONFIG", str(home / "config" / "settings.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("SHORTLIST_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def taxonomy():
    from parsing.taxonomy import load_taxonomy

    return load_taxonomy()


@pytest.fixture
def store(tmp_path):
    from review.db import Store

    with Store(tmp_path / "shortlist.db") as s:
        yield s


@pytest.fixture
def parse(taxonomy):
    """Parse bytes or text as a file of the given name."""
    from parsing.resume import parse_bytes

    def run(content: bytes | str, name: str = "resume.txt"):
        data = content.encode("utf-8") if isinstance(content, str) else content
        return parse_bytes(data, name, taxonomy=taxonomy, today=TODAY)

    return run
