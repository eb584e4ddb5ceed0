"""A keyring backend for tests: secrets in a JSON file named by $SHORTLIST_TEST_KEYRING.

Selected with PYTHON_KEYRING_BACKEND=tests.keyring_backend.FileKeyring, so `shortlist config
password` and the outbox meet a keyring without touching the machine's own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 5  # keyring's scale: 1 and up is a backend that keeps secrets safely
    name = "test file keyring"

    def _path(self) -> Path:
        return Path(os.environ["SHORTLIST_TEST_KEYRING"])

    def _load(self) -> dict:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}/{username}", None)
        self._path().write_text(json.dumps(data))
