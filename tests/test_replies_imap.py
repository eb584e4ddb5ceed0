"""Replies read from a real IMAP server (pymap on 127.0.0.1, the mailbox reader's test server):
through ``shortlist replies imap://…``, tied like a file's, read once, nothing changed there."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from review import outbox
from review.relationship import contact_preference
from tests.imap_server import PASSWORD, USER, imap_server
from tests.test_replies import QUOTED, answer, let_go, template, world  # noqa: F401

FOLDER = "Replies"


@pytest.fixture
def keyring_with_password(monkeypatch):
    """The mailbox password in a keyring of the test's own (never the machine's)."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.stored: dict = {}

        def get_password(self, service, username):
            return self.stored.get((service, username))

        def set_password(self, service, username, password):
            self.stored[(service, username)] = password

        def delete_password(self, service, username):
            self.stored.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield keyring.get_keyring()
    keyring.set_keyring(previous)


def test_replies_from_an_imap_folder(world, tmp_path, capsys, monkeypatch, keyring_with_password):  # noqa: F811
    row = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    (tmp_path / "imap").mkdir()
    with imap_server(tmp_path / "imap") as server:
        keyring_with_password.set_password("shortlist-imap", f"{USER}@{server.host}", PASSWORD)
        monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))  # trust the test server only
        reply = answer(row, "ana.lima@example.org", "Quarterly is fine, thank you." + QUOTED)
        stranger = answer(None, "someone@elsewhere.example", "Please stop.")
        for message in (reply, stranger):
            server.append(FOLDER, message.as_bytes())
        before = server.state(FOLDER)
        url = f"imap://{USER}@{server.host}:{server.port}/{FOLDER}?security=starttls"
        code = main(["replies", url, "--json", "--db", str(world.store.path)])
        out = capsys.readouterr()
        assert code == 0, out.err
        ana, unknown = [json.loads(line) for line in out.out.splitlines()]
        assert ana["person"] == world.people["ana"] and ana["matched_by"] == "in_reply_to"
        assert ana["proposed"] == {"frequency": "quarterly", "consent": True}
        assert ana["file"].startswith(f"imap://{USER}@{server.host}/{FOLDER}/")
        assert unknown["person"] is None and unknown["applied"] == []
        # Read again: nothing is downloaded twice, nothing new is stored.
        code = main(["replies", url, "--json", "--db", str(world.store.path)])
        assert code == 0 and capsys.readouterr().out == ""
        assert server.state(FOLDER) == before  # nothing marked read, moved or deleted
        keyring_with_password.delete_password("shortlist-imap", f"{USER}@{server.host}")
        code = main(["replies", url, "--db", str(world.store.path)])
        assert code == 1 and "no password for" in capsys.readouterr().err
    assert contact_preference(world.store, world.people["ana"])["frequency"] == "matching_roles"
